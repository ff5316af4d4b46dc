"""The guideline's shapes, judged on answers: the list envelope and FastAPI's 422 body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def envelope_problem(body: Any) -> str | None:
    """What the list answer lacks of `{items: [...], pagination: {total_count, max_page}}`."""
    if not isinstance(body, Mapping):
        kind = "an array" if isinstance(body, list) else "not an object"
        return f"the answer is {kind}, not the envelope {{items, pagination}}"
    if not isinstance(body.get("items"), list):
        return "the envelope has no `items` array"
    pagination = body.get("pagination")
    if not isinstance(pagination, Mapping):
        return "the envelope has no `pagination` object"
    for key in ("total_count", "max_page"):
        value = pagination.get(key)
        if key not in pagination:
            return f"`pagination` lacks `{key}`"
        if not isinstance(value, int) or isinstance(value, bool):
            return f"`pagination.{key}` is {type(value).__name__}, not an integer"
    return None


def list_items(body: Any) -> list[Any]:
    """The items of a list answer: the envelope's `items`, or a bare array."""
    if isinstance(body, Mapping) and isinstance(body.get("items"), list):
        return list(body["items"])
    return list(body) if isinstance(body, list) else []


def detail_problem(body: Any) -> str | None:
    """What a 422 body lacks of FastAPI's `{"detail": [{"loc": [...], "msg", "type"}]}`."""
    if not isinstance(body, Mapping):
        return "its body is not a JSON object"
    detail = body.get("detail")
    if not isinstance(detail, list) or not detail:
        return "its `detail` is not a non-empty array"
    for entry in detail:
        if not isinstance(entry, Mapping):
            return "an entry of `detail` is not an object"
        if not isinstance(entry.get("loc"), list):
            return "an entry of `detail` has no `loc` array"
        for key in ("msg", "type"):
            if not isinstance(entry.get(key), str):
                return f"an entry of `detail` has no `{key}` string"
    return None


def shape_hint(body: Any) -> str:
    """A few words on what an answer holds, for messages: 'a body with keys error, message'."""
    if isinstance(body, Mapping):
        keys = ", ".join(sorted(str(k) for k in body)[:5])
        return f"a body with keys {keys}" if keys else "an empty object"
    if isinstance(body, list):
        return "an array"
    return "no JSON body"
