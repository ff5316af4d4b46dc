"""Path parameters filled from items the server gave.

`known` maps a resource name (as the model names resources: `customers`,
`customers/{id}/addresses`) to one item of it, a JSON object taken from a list answer (or
from a create, in the write lifecycle). An item parameter takes the item's `id`; after an
alternate key (`/customers/external/{external_id}`) it takes the field of its own name.
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
            text = quote(str(found), safe="")
            parts.append("{id}")
        out.append(text)
        previous = role
    return "/" + "/".join(out) + ("/" if op.path.endswith("/") and out else "")
