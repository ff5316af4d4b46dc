"""Path parameters filled from items the server gave.

`known` maps a resource name (as the model names resources: `customers`,
`customers/{id}/addresses`) to one item of it, a JSON object taken from a list answer (or
from a create, in the write lifecycle, or given with `--id`). An item parameter takes the
item's `id`; after an alternate key (`/customers/external/{external_id}`) it takes the field of
its own name; a name key (`{name}`, `{slug}`, `{key}`) the field of that name (`item_field`).

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

NAME_KEYS = ("name", "slug", "key")  # item parameters that take a field of the item, not its id


class Given(dict[str, Any]):
    """An item the user named with `--id RESOURCE=ID`: its value fills the item parameter of
    that resource's paths, whatever the parameter is called."""

    def __init__(self, value: str) -> None:
        super().__init__(id=value)
        self.value = value


def item_field(param: str, after_key: bool) -> tuple[str, ...]:
    """The fields of an item that may fill a path parameter, in order.

    `{id}`, `{product_id}`: the item's `id`. After an alternate key segment
    (`/customers/external/{external_id}`): the field of the parameter's name. A name key
    (`{name}`, `{slug}`, `{key}`, `{pool_name}`): the field of its name, else `name`, `slug` or
    `key`; never the id (Prefect's `/work_pools/{name}` answers 404 to an id, and a delete
    sent there deletes nothing)."""
    if after_key:
        return (param,)
    for word in NAME_KEYS:
        if param == word or param.endswith("_" + word):
            return (param,) if param == word else (param, word)
    return ("id",)


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
            found: Any
            if isinstance(item, Given):
                key, found = "id", item.value
            else:
                fields = item_field(param, previous == "key")
                key = next((f for f in fields if item.get(f) is not None), fields[0])
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
