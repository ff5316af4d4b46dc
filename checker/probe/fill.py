"""Path parameters filled from items the server gave.

`known` maps a resource name (as the model names resources: `customers`,
`customers/{id}/addresses`) to one item of it, a JSON object taken from a list answer (or
from a create, in the write lifecycle). An item parameter takes the item's `id`; after an
alternate key (`/customers/external/{external_id}`) it takes the field of its own name.

An id that would name another URL once in the path is refused (Unfillable): a dot segment
(`.`, `..`: clients and proxies resolve them, so `/v1/boxes/1/dots/..` is the box), one with
a `/` (servers decode `%2F`: `a%2Fb` is two segments to them) or an empty one (the
collection). A write sent there would change or delete another object, or all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from checker.model import Operation


class Unfillable(Exception):
    """A path parameter has no value; the message says which and why. `resource` names the
    resource whose item was missing (None when the parameter is not an item id)."""

    def __init__(self, message: str, resource: str | None = None) -> None:
        super().__init__(message)
        self.resource = resource


def fill(op: Operation, known: Mapping[str, Mapping[str, Any]]) -> str:
    """The operation's path with every parameter filled, or Unfillable."""
    parts: list[str] = []
    current: str | None = None
    previous = ""
    out: list[str] = []
    for segment in op.segments:
        role = segment.role
        text = segment.text
        if role == "collection":
            parts.append(text)
            current = "/".join(parts)
        elif role in ("namespace", "singleton"):
            parts.append(text)
        if segment.is_param:
            param = text.strip("{}")
            if role != "item" or current is None:
                raise Unfillable(f"path parameter {text} cannot be filled (not an item id)")
            item = known.get(current)
            if item is None:
                raise Unfillable(f"no {current} item to take {text} from", current)
            key = param if previous == "key" else "id"
            found = item.get(key)
            if found is None or isinstance(found, Mapping | list | bool):
                raise Unfillable(f"the {current} item has no usable {key!r} for {text}")
            why = unsafe(str(found))
            if why is not None:
                raise Unfillable(f"the {current} item's {key} {str(found)!r} is {why}")
            text = quote(str(found), safe="")
            parts.append("{id}")
        out.append(text)
        previous = role
    return "/" + "/".join(out) + ("/" if op.path.endswith("/") and out else "")


def unsafe(ident: str) -> str | None:
    """Why an id cannot go into a path segment (it would name another URL); None if it can."""
    if ident in (".", ".."):
        return "a dot segment: the URL would resolve to another path"
    if "/" in ident:
        return "an id that contains '/': the server would read two path segments"
    if not ident:
        return "empty: the path would name the collection"
    return None
