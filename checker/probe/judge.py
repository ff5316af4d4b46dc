"""The guideline's shapes, judged on answers (the list envelope, FastAPI's 422 body), and
what real servers wrap their answers in: the items of a list (`items`, `data`, `results`, or
the one array of the answer), the object a create answers (`{data: {...}}`), the server's own
error text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.guideline import (
    ENVELOPE_ITEMS,
    ENVELOPE_PAGINATION,
    PAGINATION_FIELDS,
    VALIDATION_DETAIL,
    VALIDATION_FIELDS,
)

_LOC, *_TEXTS = VALIDATION_FIELDS  # `loc` is an array, `msg` and `type` are strings


def envelope_problem(body: Any) -> str | None:
    """What the list answer lacks of `{items: [...], pagination: {total_count, max_page}}`."""
    if not isinstance(body, Mapping):
        kind = "an array" if isinstance(body, list) else "not an object"
        return f"the answer is {kind}, not the envelope {{items, pagination}}"
    if not isinstance(body.get(ENVELOPE_ITEMS), list):
        return f"the envelope has no `{ENVELOPE_ITEMS}` array; keys: {keys_of(body)}"
    pagination = body.get(ENVELOPE_PAGINATION)
    if not isinstance(pagination, Mapping):
        return f"the envelope has no `{ENVELOPE_PAGINATION}` object; keys: {keys_of(body)}"
    for key in PAGINATION_FIELDS:
        value = pagination.get(key)
        if key not in pagination:
            return f"`pagination` lacks `{key}`; keys: {keys_of(pagination)}"
        if not isinstance(value, int) or isinstance(value, bool):
            return f"`pagination.{key}` is {type(value).__name__}, not an integer"
    return None


WRAPPERS = (ENVELOPE_ITEMS, "data", "results")  # where lists put their items, in that order


def items_key(body: Any) -> str | None:
    """The key of a list object that holds its items: `items`, `data`, `results`, else its
    only array property (`{"flows": [...], "next": ...}`); None for a bare array or no list."""
    if not isinstance(body, Mapping):
        return None
    for key in WRAPPERS:
        if isinstance(body.get(key), list):
            return key
    arrays = [k for k, v in body.items() if isinstance(v, list)]
    return str(arrays[0]) if len(arrays) == 1 else None


def is_list(body: Any) -> bool:
    """Whether a body is a list answer: a bare array or an object holding the items."""
    return isinstance(body, list) or items_key(body) is not None


def list_items(body: Any) -> list[Any]:
    """The items of a list answer: a bare array, or the array a list object holds."""
    if isinstance(body, list):
        return list(body)
    key = items_key(body)
    return list(body[key]) if key is not None else []


def the_object(body: Any) -> Any:
    """The object an answer is about: the body, or the one it wraps (`{"data": {...}}`, as
    Phoenix's creates answer) when the body has no `id` of its own."""
    if isinstance(body, Mapping) and "id" not in body:
        inner = [v for k, v in body.items() if k in ("data", "result", "item")]
        if len(inner) == 1 and isinstance(inner[0], Mapping):
            return inner[0]
    return body


def detail_problem(body: Any) -> str | None:
    """What a 422 body lacks of FastAPI's `{"detail": [{"loc": [...], "msg", "type"}]}`."""
    if not isinstance(body, Mapping):
        return "its body is not a JSON object"
    if VALIDATION_DETAIL not in body:
        return f"its body has no `{VALIDATION_DETAIL}`; keys: {keys_of(body)}"
    detail = body.get(VALIDATION_DETAIL)
    if not isinstance(detail, list) or not detail:
        return f"its `{VALIDATION_DETAIL}` is not a non-empty array"
    for entry in detail:
        if not isinstance(entry, Mapping):
            return f"an entry of `{VALIDATION_DETAIL}` is not an object"
        if not isinstance(entry.get(_LOC), list):
            return f"an entry of `{VALIDATION_DETAIL}` has no `{_LOC}` array"
        for key in _TEXTS:
            if not isinstance(entry.get(key), str):
                return f"an entry of `{VALIDATION_DETAIL}` has no `{key}` string"
    return None


def keys_of(body: Mapping[Any, Any], most: int = 6) -> str:
    """The keys of an object as the server sent them, for messages: `a, b, c` (at most `most`)."""
    keys = [str(k) for k in body]
    more = f" (and {len(keys) - most} more)" if len(keys) > most else ""
    return ", ".join(keys[:most]) + more if keys else "none"


def shape_hint(body: Any) -> str:
    """A few words on what an answer holds, for messages: 'a body with keys error, message'."""
    if isinstance(body, Mapping):
        return f"a body with keys {keys_of(body)}" if body else "an empty object"
    if isinstance(body, list):
        return "an array"
    return "no JSON body"


_TEXT_KEYS = ("detail", "message", "error_description", "error", "exception_message", "title")
SAID_MAX = 160  # characters of a server's error text quoted in a message


def server_text(body: Any, raw: bytes, content_type: str) -> str:
    """The server's own words in an error answer: its `detail`, `message`, `error`... text (or
    the first `msg` of a `detail` array), else a plain-text body; '' when it says nothing
    readable (an HTML page, an empty body). Not yet redacted or shortened (see `quote`)."""
    if isinstance(body, Mapping):
        for key in _TEXT_KEYS:
            found = body.get(key)
            if isinstance(found, str) and found.strip():
                return found
            if isinstance(found, Mapping):
                inner = server_text(found, b"", "")
                if inner:
                    return inner
            if isinstance(found, list) and found and isinstance(found[0], Mapping):
                msg = found[0].get("msg")
                if isinstance(msg, str):
                    return msg
        return ""
    if isinstance(body, str):
        return body
    if content_type.lower().startswith("text/plain"):
        return raw.decode("utf-8", "replace")
    return ""


def quote(text: str, secrets: Any = ()) -> str:
    """A server's text fit for a message: one line, secrets hidden (checker.redact), at most
    SAID_MAX characters."""
    from checker import redact

    line = " ".join(redact.secrets(text, secrets).split())
    return line if len(line) <= SAID_MAX else line[: SAID_MAX - 3] + "..."
