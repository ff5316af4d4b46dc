"""What the words of a path segment are: nouns name collections; verbs, adjectives and
phrases with a preposition do not (`attach`, `revise`, `active`, `count-by`, `by_name`).

Parts of speech come from lemminflect's lemma table (the NIH SPECIALIST lexicon: 70,000
English word forms, each with its parts of speech), read as data from the installed package:
its code is not imported (that would import numpy and build its tables, 1 s). The table is
read once, when the first word is asked for (about 40 ms), and only words the structure
leaves in doubt are asked for.

>>> sense("attach"), sense("revise"), sense("archives"), sense("count-by"), sense("by_name")
('verb', 'verb', None, 'qualifier', 'qualifier')
>>> sense("active"), sense("pending"), sense("listMapped"), sense("register"), sense("oauth2")
('qualifier', 'qualifier', 'verb', None, None)
>>> sense("logs"), sense("codes_of_conduct"), sense("related-to"), sense("3d_secure")
(None, None, 'qualifier', None)
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Literal

import inflection

Sense = Literal["verb", "qualifier"]

# Words that make a segment a phrase, not a name: `count-by`, `by_display_name`, `for_you`,
# `branches-where-head`. The lexicon lists no prepositions, so they are named here.
FUNCTION_WORDS = frozenset(
    {"by", "for", "from", "of", "to", "with", "per", "via", "where", "since", "until"}
)
# Adjectives that are also nouns, which name a subset of a collection as a path's last word
# (`/jobs/active`, `/gists/public`, `/events/next`), never a collection of their own.
SUBSET_WORDS = frozenset(
    {"active", "public", "private", "personal", "current", "next", "previous", "latest", "recent"}
)
# Nouns for a view of many things, not one of them (`/alerts/{id}/history`,
# `/users_overview`): a list under such a name is no collection to pluralise.
VIEW_WORDS = frozenset(
    {"overview", "summary", "history", "timeline", "activity", "usage", "stats", "statistics"}
)
# Nouns that, as a path's last word, name a way to list (`/solvers/page`, `/jobs/list`).
LISTING_WORDS = frozenset({"page", "list", "all", "search"})


def words(segment: str) -> list[str]:
    """The lower-case words of a segment: `count-by`, `by_display_name`, `listMapped`."""
    return [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+[a-z]*", segment)]


@cache
def sense(segment: str) -> Sense | None:
    """`verb` when the segment's last word has no noun reading but a verb one (`attach`,
    `rotate`, `starred`); `qualifier` when it is a phrase with a preposition (`count-by`), or
    its last word an adjective or adverb and no noun (`pending`), or a subset word
    (`active`); None when it may name things (a noun, or a word the lexicon does not know)."""
    found = words(segment)
    if not found or any(w[0].isdigit() for w in found):  # `3d_secure`, `oauth2`: names
        return None
    functions = [i for i, w in enumerate(found) if w in FUNCTION_WORDS]
    if functions:
        # `by_name`, `count-by`: a phrase; `codes_of_conduct`: a name, judged by its head.
        if functions[0] in (0, len(found) - 1):
            return "qualifier"
        found = found[: functions[0]]
    if handler_name(segment):
        return "verb"
    last = found[-1]
    if last in SUBSET_WORDS or last in VIEW_WORDS:
        return "qualifier"
    if singular(last) != last:
        return None  # a plural (`logs`, `templates`): the lexicon reads some as verb forms
    kinds = parts_of_speech(last)
    if not kinds or "noun" in kinds:
        return None
    return "verb" if "verb" in kinds else "qualifier"


@cache
def singular(word: str) -> str:
    """inflection's singular of a word (`inflection.singularize`), remembered: an API's
    paths repeat their words. Its rules are applied as it applies them, compiled once:
    singularize looks each of its ~50 patterns up in `re`'s cache for every word."""
    uncountable, rules = _singular_rules()
    if uncountable.search(word):
        return word
    for rule, replacement in rules:
        if rule.search(word):
            return rule.sub(replacement, word)
    return word


@cache
def _singular_rules() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    """inflection's uncountable words (as one pattern) and its singular rules, in order."""
    words = "|".join(map(re.escape, inflection.UNCOUNTABLES))
    uncountable = re.compile(rf"(?i)\b({words})\Z")
    return uncountable, [(re.compile(rule), fix) for rule, fix in inflection.SINGULARS]


def is_plural(segment: str) -> bool:
    """Whether a segment's last word is a plural (`scans`, `license-keys`)."""
    found = words(segment)
    return bool(found) and singular(found[-1]) != found[-1]


def verb_too(segment: str) -> bool:
    """Whether a one-word segment is a noun the lexicon also reads as a verb (`convert`,
    `pause`, `export`), in its base form: what the structure decides between.

    >>> verb_too("convert"), verb_too("pause"), verb_too("scans"), verb_too("toml")
    (True, True, False, False)
    """
    found = words(segment)
    if len(found) != 1 or is_plural(segment):
        return False
    return {"noun", "verb"} <= parts_of_speech(found[0])


def handler_name(segment: str) -> bool:
    """Whether a segment is an event handler's name, `on` and a verb (`onsubmit`,
    `on_click`): the handler of a form or page, named for what it does, not for things.

    >>> handler_name("onsubmit"), handler_name("on_click"), handler_name("onboarding")
    (True, True, False)
    """
    joined = "".join(words(segment))
    rest = joined[2:]
    return (
        joined.startswith("on")
        and not parts_of_speech(joined)
        and parts_of_speech(rest) >= {"verb"}
        and not rest.endswith(("ed", "ing"))
    )


def phrase(segment: str) -> bool:
    """Whether the segment is a phrase with a preposition (`count-by`, `by_name`)."""
    return any(w in FUNCTION_WORDS for w in words(segment))


def why(segment: str) -> str:
    """What `sense` saw in the segment, for `explain --path`: `a verb`, `an adjective`..."""
    found = words(segment)
    if any(w in FUNCTION_WORDS for w in found):
        return "a phrase with a preposition"
    last = found[-1] if found else ""
    if last in SUBSET_WORDS:
        return "a word for a subset"
    if last in VIEW_WORDS:
        return "a word for a view of many things"
    kinds = parts_of_speech(last)
    if handler_name(segment):
        return "an event handler's name (`on` and a verb)"
    if "verb" in kinds:
        return "a verb (lexicon: no noun reading)"
    return "an adjective or adverb (lexicon: no noun reading)"


@cache
def parts_of_speech(word: str) -> frozenset[str]:
    """The lexicon's parts of speech for a word form (`noun`, `verb`, `adj`, `adv`, `aux`);
    empty when it does not know the word (names, acronyms, jargon)."""
    table, wanted = _table(), word.lower()
    # The table is sorted by word: a binary search over its lines finds the first line of
    # the word (a scan of the 1.8 MB text took 0.8 ms a word), its other lines follow.
    low, high = 1, len(table)
    while low < high:
        start = table.rfind("\n", 0, (low + high) // 2) + 1  # the line around the middle
        if table[start : table.find(",", start)] < wanted:
            low = table.find("\n", start) + 1 or len(table)
        else:
            high = start
    found: set[str] = set()
    key = wanted + ","
    while table.startswith(key, low):
        start = low + len(key)
        found.add(table[start : table.find(",", start)])
        low = table.find("\n", start) + 1 or len(table)
    return frozenset(found)


@cache
def _table() -> str:
    """lemminflect's `word,part of speech,lemma` lines, with a newline before the first."""
    spec = importlib.util.find_spec("lemminflect")  # finds the package without running it
    places = spec.submodule_search_locations if spec is not None else None
    if not places:
        return "\n"
    path = Path(next(iter(places))) / "resources" / "lemma_lu.csv.gz"
    try:
        return "\n" + gzip.decompress(path.read_bytes()).decode("utf-8")
    except OSError:
        return "\n"


# Verbs of the standard methods, as RPC-style paths spell them (`POST /volumes/get`,
# `POST /credentials/{id}/delete`, `POST /create_user`), and the method each one means.
# Other verbs (`cancel`, `archive`, `send`) name actions, which POST is for; `read` is left
# out (`POST /notifications/read` marks them read).
CRUD_VERBS = {
    "get": "GET",
    "fetch": "GET",
    "retrieve": "GET",
    "list": "GET",
    "create": "POST",
    "update": "PATCH",
    "edit": "PATCH",
    "modify": "PATCH",
    "delete": "DELETE",
    "remove": "DELETE",
    "destroy": "DELETE",
}


def verb_phrase(segment: str) -> bool:
    """Whether a compound starts with a verb (`get_prompt`, `add_message`, `scan_folder` is
    not: `scan` is a noun too): an RPC name, not a noun to pluralise.

    >>> verb_phrase("get_prompt"), verb_phrase("add_message"), verb_phrase("authorized_apps")
    (True, True, False)
    """
    found = words(segment)
    if len(found) < 2:
        return False
    first = found[0]
    if first in CRUD_VERBS:
        return True
    return parts_of_speech(first) == {"verb"} and not first.endswith(("ed", "ing"))


# Prefixes that make a verb of a verb or noun (`enqueue`, `reindex`, `unlink`): the lexicon
# lists few of these forms.
VERB_PREFIXES = ("en", "re", "un", "de")


def verb_with_object(segment: str) -> bool:
    """Whether a compound is a verb and its object (`test-celery`, `ping-worker`,
    `enqueue_batch`): its first word a verb (a noun too, like `test`), its last a singular
    noun. Named for one call, not for things; the structure decides (nothing under it, no list).

    >>> verb_with_object("test-celery"), verb_with_object("enqueue_batch")
    (True, True)
    >>> verb_with_object("data_qualifier"), verb_with_object("api_keys"), verb_with_object("ping")
    (False, False, False)
    """
    found = words(segment)
    if len(found) < 2 or any(w[0].isdigit() or w in FUNCTION_WORDS for w in found):
        return False
    first, last = found[0], found[-1]
    if first.endswith("ed") or (first.endswith("ing") and len(first) > 5) or is_plural(segment):
        return False
    return _verb(first) and "noun" in parts_of_speech(last)


def _verb(word: str) -> bool:
    if "verb" in parts_of_speech(word):
        return True
    if parts_of_speech(word):
        return False  # a word the lexicon knows, not as a verb
    return any(
        word.startswith(p) and "verb" in parts_of_speech(word[len(p) :]) for p in VERB_PREFIXES
    )


def tunnelled_method(segment: str) -> str | None:
    """The standard method a POST to this last segment stands for, or None: `get`, `delete`,
    or a compound that starts with such a verb (`create_volume`, `deleteUser`).

    >>> tunnelled_method("get"), tunnelled_method("create_x"), tunnelled_method("cancel")
    ('GET', 'POST', None)
    >>> tunnelled_method("list-items"), tunnelled_method("getaway"), tunnelled_method("updates")
    ('GET', None, None)
    >>> tunnelled_method("get-or-create")
    """
    found = words(segment)
    if not found or "or" in found:  # `get-or-create` is an upsert, neither of the two
        return None
    return CRUD_VERBS.get(found[0])
