"""Paths: the versioned base, plural collections, standard methods."""

from __future__ import annotations

import re
from collections.abc import Iterator

import inflection

from checker.engine.registry import Problem, rule
from checker.guideline import STANDARD_METHODS
from checker.model import Api, Operation, lexicon
from checker.model.roles import VERSION
from checker.model.scopes import EVERY_OPERATION, Options, document, every_operation
from checker.pointers import join

_WORD = re.compile(r"^[a-z]+$")


@rule("error", scope=document("every path", operations=every_operation))
def version_prefix(api: Api, *, prefix: str = "/v1/") -> Iterator[Problem]:
    """Every path starts with the versioned base path.

    Why: a version in the path lets the API change incompatibly under a new base while old
    clients keep working. A path outside it is unversioned and breaks clients on change.

    When no path is under the base (an API mounted at `/api/v2/`, or not versioned at all),
    that is one decision: one finding, on `paths`, with where the paths are instead. A path
    all `servers` URLs share is the mount of the paths: with `https://api.example.com/v1`,
    `/customers` is `/v1/customers`.

    Bad:
        paths:
          /customers/:
            get:
              responses:
                "200": {description: OK}

    Good:
        paths:
          /v1/customers/:
            get:
              responses:
                "200": {description: OK}

    Options:
        prefix: the base every path starts with (default `/v1/`).
    """
    base = prefix.rstrip("/")
    # Endpoints of the service (`/health`, `/metrics`, `/`, `/robots.txt`, a login callback)
    # are no part of the versioned API: the model says which (`Operation.service`).
    paths = list(dict.fromkeys(op.path for op in api.operations if not op.service))
    mount = api.mount  # `servers: [{url: https://api.example.com/v1}]`: paths are under /v1
    outside = [p for p in paths if not _under(mount + p, base)]
    if len(outside) > 1 and len(outside) == len(paths):
        # One decision (where the API is mounted), reported once where it is made.
        common = _common_prefix(outside)
        versions = _versions(outside)
        if common:
            where = f"all are under {common} (if that is the base, set the option prefix)"
        elif versions:
            where = f"they are versioned under {', '.join(versions)} instead"
        else:
            where = "the paths carry no version"
        yield Problem(
            "/paths",
            f"none of the {len(paths)} paths starts with the versioned base path {prefix}; "
            + where,
        )
        return
    for path in outside:
        yield Problem(
            join("/paths", path),
            f"{path} is outside the versioned base path {prefix}",
            path=path,
        )


def _versions(paths: list[str]) -> list[str]:
    """The versioned bases the paths are under (`/v2/`, `/aggregate/v1/`), most used first;
    empty when some path carries no version."""
    found: dict[str, int] = {}
    for path in paths:
        parts = [s for s in path.split("/") if s]
        at = next((i for i, s in enumerate(parts[:3]) if VERSION.match(s)), None)
        if at is None:
            return []
        base = "/" + "/".join(parts[: at + 1]) + "/"
        found[base] = found.get(base, 0) + 1
    return sorted(found, key=lambda b: (-found[b], b))


def _under(path: str, base: str) -> bool:
    return path == base or path.startswith(base + "/")


def _common_prefix(paths: list[str]) -> str:
    """The leading static segments every path shares (`/api/v2/`), or ""."""
    split = [[s for s in p.split("/") if s] for p in paths]
    shared: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1 or parts[0].startswith("{"):
            break
        shared.append(parts[0])
    # A path that is the prefix itself has nothing under it: keep the prefix shorter.
    if shared and any(len(s) == len(shared) for s in split):
        shared = shared[:-1]
    return "/" + "/".join(shared) + "/" if shared else ""


def is_plural(word: str) -> bool:
    """Whether an English word is a plural (or uncountable) noun."""
    return word in inflection.UNCOUNTABLES or lexicon.singular(word) != word


def _head(segment: str) -> str:
    """The word a segment's plural is judged by: its last (`license-keys`), or the last
    before a preposition (`codes_of_conduct`)."""
    parts = [p.lower() for p in re.split(r"[-_.]", segment)]
    for index, part in enumerate(parts):
        if index and part in lexicon.FUNCTION_WORDS:
            return parts[index - 1]
    return parts[-1]


# Words of a parameter's name that say how an item is addressed, not what it is.
_KEY_WORDS = frozenset({"id", "ids", "uuid", "key", "name", "slug", "pk", "or", "code"})


def _names_items_of(param: str, head: str) -> bool:
    """Whether a parameter after a singular segment addresses its items: a bare id (`{id}`,
    `{item_id}`) or the segment's own noun (`/user/{user_id}`, `/order_transaction/
    {transaction_id}`). Another noun (`/summary/sleep/{user_id}`, `/toml/{kind}`) or the
    segment's name itself (`/index/{index}`: the n-th, by position) does not."""
    name = param.strip("{}")
    found = lexicon.words(name)
    if name.lower() == head:
        return False
    nouns = [w for w in found if w not in _KEY_WORDS]
    return not nouns or nouns == ["item"] or nouns[-1] == head


def _has_collection(op: Operation, api: Api, options: Options) -> bool:
    allowed = set(options["allow"] or ())
    return any(s.role == "collection" and s.text not in allowed for s in op.segments)


@rule("error", scope=document("operations whose path has a collection", _has_collection))
def plural_resources(api: Api, *, allow: list[str] | None = None) -> Iterator[Problem]:
    """Collection segments are plural nouns.

    A segment is a collection when a path parameter follows it (`/customers/{id}`), or when it
    answers a list or a create, and is a noun: verbs (`/archives/attach/{id}`), adjectives
    (`/jobs/active`) and phrases (`count-by`) are not collections (`restcheck explain --path`
    shows why). Compound names (`license-keys`, `line_items`) are judged by their last word,
    or the last before a preposition (`codes_of_conduct`). Namespaces (`customer-portal`),
    singletons (`/me`, `/{id}/state`), actions (`/{id}/finalize`) and alternate keys
    (`/external/{external_id}`) are not collections and are not judged.

    Why: `/v1/customers/{id}` reads as "one of the customers"; mixing singular and plural
    collections makes clients guess every URL.

    Bad:
        paths:
          /v1/invoice/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}

    Good:
        paths:
          /v1/invoices/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}

    Options:
        allow: segment names accepted as they are (e.g. `["oauth2"]`).
    """
    allowed = set(allow or ())
    # collection prefix ("/v1/invoice") -> (its segment, the paths under it)
    found: dict[str, tuple[str, list[str]]] = {}
    deep: set[str] = set()  # collection prefixes with a path below them (`/page-copy/{id}`)
    for op in api.operations:
        if op.service:
            continue  # `/oauth/{provider}/callback`: a login step, no collection
        for index, segment in enumerate(op.segments):
            if segment.role != "collection" or segment.text in allowed:
                continue
            last = _head(segment.text)
            if not _WORD.match(last) or len(last) == 1 or is_plural(last):
                continue
            if inflection.pluralize(last) == last:
                continue  # `timeseries`, `series`: its plural is itself
            if lexicon.sense(segment.text) or lexicon.verb_phrase(segment.text):
                continue  # `global/{id}` (an adjective), `get_prompt/{name}` (an RPC name)
            above = op.segments[index - 1] if index > 0 else None
            if above is not None and above.role == "namespace" and is_plural(_head(above.text)):
                continue  # `/role_assignments/output_port`: a scope of the things named above
            after = op.segments[index + 1] if index + 1 < len(op.segments) else None
            if after is not None and after.is_param and not _names_items_of(after.text, last):
                continue  # `/summary/sleep/{user_id}`: the sleep of a user, no `sleeps`
            where = "/" + "/".join(s.text for s in op.segments[: index + 1])
            found.setdefault(where, (segment.text, []))[1].append(op.path)
            if after is not None:
                deep.add(where)
    for where, (text, paths) in found.items():
        if where not in deep and lexicon.verb_with_object(text):
            continue  # `GET /models/scan_folder`: a call named by a verb and its object
        # Reported at its shortest path: the same place whatever the order of the paths.
        at = min(paths, key=lambda p: (len(p), p))
        last = _head(text)
        start = text.lower().rindex(last)
        plural = text[:start] + inflection.pluralize(last) + text[start + len(last) :]
        yield Problem(
            join("/paths", at),
            f"'{text}' in {where} names a collection but is not plural; expected '{plural}'",
            path=at,
            key=where,
        )


_NAMES = {"GET": "a read", "POST": "a create", "PATCH": "an update", "DELETE": "a delete"}


@rule("error", scope=EVERY_OPERATION)
def standard_methods(
    op: Operation, api: Api, *, allowed: list[str] | None = None
) -> Iterator[Problem]:
    """Operations use only GET, POST, PATCH and DELETE.

    Why: with one method per purpose (read, create or act, partial update, delete) clients
    need no per-endpoint knowledge; PUT's full-replacement semantics conflict with partial
    updates, and HEAD/OPTIONS are the server's business, not the API's.

    A POST whose last segment names a standard method's verb (`POST /volumes/get`,
    `POST /credentials/{id}/delete`, `POST /create_user`) tunnels that method through POST:
    reported too. Other verbs are actions, which POST is for (`POST /orders/{id}/cancel`).

    Bad:
        paths:
          /v1/customers/{id}:
            put:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}

    Good:
        paths:
          /v1/customers/{id}:
            patch:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}

    Options:
        allowed: the methods allowed (default `["get", "post", "patch", "delete"]`).
    """
    if op.passthrough:
        return  # a reverse proxy forwards whatever method the client sends
    methods = {m.lower() for m in (allowed or STANDARD_METHODS)}
    tunnels = op.tunnels
    if tunnels is not None and op.kind == "list":
        at = [i for i, s in enumerate(op.segments) if s.role == "collection"]
        collection = "/" + "/".join(s.text for s in op.segments[: at[-1] + 1]) if at else None
        yield Problem(
            op.pointer,
            f"{op.label} answers a list through POST; list with GET"
            + (f" on {collection}" if collection else "")
            + " and query parameters",
            operation=op,
        )
    elif tunnels is not None:
        where = "/" + "/".join(s.text for s in op.segments[:-1])
        verb = op.segments[-1].text
        fix = (
            f"use {tunnels} on {where}" if tunnels != "POST" else "create with POST on a collection"
        )
        yield Problem(
            op.pointer,
            f"{op.label} tunnels {_NAMES[tunnels]} through POST ('{verb}' in the path); {fix}",
            operation=op,
        )
    if op.method not in methods:
        yield Problem(
            op.pointer,
            f"{op.label} uses {op.method.upper()}; use one of "
            + ", ".join(m.upper() for m in STANDARD_METHODS if m in methods),
            operation=op,
        )
