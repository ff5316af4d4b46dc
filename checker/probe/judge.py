"""The guideline's shapes, judged on answers: the list envelope and FastAPI's 422 body."""

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
        return f"the envelope has no `{ENVELOPE_ITEMS}` array"
    pagination = body.get(ENVELOPE_PAGINATION)
    if not isinstance(pagination, Mapping):
        return f"the envelope has no `{ENVELOPE_PAGINATION}` object"
    for key in PAGINATION_FIELDS:
        value = pagination.get(key)
        if key not in pagination:
            return f"`pagination` lacks `{key}`"
        if not isinstance(value, int) or isinstance(value, bool):
            return f"`pagination.{key}` is {type(value).__name__}, not an integer"
    return None


def list_items(body: Any) -> list[Any]:
    """The items of a list answer: the envelope's `items`, or a bare array."""
    if isinstance(body, Mapping) and isinstance(body.get(ENVELOPE_ITEMS), list):
        return list(body[ENVELOPE_ITEMS])
    return list(body) if isinstance(body, list) else []


def detail_problem(body: Any) -> str | None:
    """What a 422 body lacks of FastAPI's `{"detail": [{"loc": [...], "msg", "type"}]}`."""
    if not isinstance(body, Mapping):
        return "its body is not a JSON object"
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


def shape_hint(body: Any) -> str:
    """A few words on what an answer holds, for messages: 'a body with keys error, message'."""
    if isinstance(body, Mapping):
        keys = ", ".join(sorted(str(k) for k in body)[:5])
        return f"a body with keys {keys}" if keys else "an empty object"
    if isinstance(body, list):
        return "an array"
    return "no JSON body"
