"""The rule kit: what the rule modules share, so that no rule module imports another.

Answers and bodies of operations, the read schema of a resource, FastAPI's 422 shape, how a
message names a schema. "The same schema" is the model's one notion (`Schemas.same`), and
the guideline's names are checker.guideline's, shared with the live probe.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from checker.guideline import ENVELOPE_ITEMS, VALIDATION_DETAIL, VALIDATION_FIELDS
from checker.model import Api, Operation, Parameter, Resource, is_json
from checker.model.schemas import Json, SchemaDict, Schemas
from checker.pointers import join
from checker.words import and_list

# How many places share a deviation before it is one decision, reported once where it is
# made (with the count) rather than at each place.
SYSTEMIC = 5

# A query parameter that orders a list whatever its convention: `sort_column`, `sort_desc`,
# `order_dir`, `order_key` (not `order_id` or `order_status`, filters on an order).
SORT_NAME = re.compile(
    r"^(sort|sorting|sortby|orderby|ordering|order|ascending|descending)$"
    r"|^sort_\w+$"
    r"|^order_(by|dir|direction|desc|asc|descending|key|field|fields|column)$"
)


def answer(op: Operation, status: str = "200") -> SchemaDict | None:
    """The JSON schema an operation answers with this status, if it documents one."""
    response = op.responses.get(status)
    return response.json_schema if response else None


def responses_pointer(op: Operation) -> str:
    return op.pointer + "/responses"


def json_media(content: Mapping[str, SchemaDict]) -> str | None:
    """The first JSON media type of a `content` map."""
    return next((m for m in content if is_json(m)), None)


def body_pointer(op: Operation) -> str:
    """The pointer of the operation's JSON body schema (the body itself when there is none)."""
    assert op.body is not None
    media = json_media(op.body.content)
    return join(op.body.pointer, "content", media, "schema") if media else op.body.pointer


def list_inputs(api: Api, op: Operation) -> list[Parameter]:
    """What a list takes to page and sort: its query parameters and, for a list through POST
    (a search: `POST /flows/filter` with `{limit, offset, sort}`), the top-level properties
    of its JSON body, as parameters located in `body`."""
    inputs = list(op.query)
    schema = op.body.json_schema if op.method == "post" and op.body is not None else None
    if schema is not None:
        pointer = body_pointer(op)
        required = api.schemas.required(schema)
        inputs += [
            Parameter(name, "body", name in required, sub, pointer, {})
            for name, sub in api.schemas.properties(schema).items()
        ]
    return inputs


def statuses(op: Operation) -> str:
    """The 2xx statuses an operation documents, for messages: `200 and 202`."""
    found = sorted(op.success)
    if not found:
        return "no 2xx status"
    return " and ".join(found) if len(found) <= 2 else ", ".join(found)


def read_schema(api: Api, resource: Resource, path: str | None = None) -> SchemaDict | None:
    """The schema a resource's read answers: the GET at path, else the main read, else the
    list's items."""
    reads = [o for o in resource.ops("read") if o.path == path] if path else []
    read = reads[0] if reads else resource.read
    if read is not None:
        return answer(read)
    for listing in resource.ops("list"):
        page = answer(listing)
        if page is not None:
            items = api.schemas.properties(page).get(ENVELOPE_ITEMS)
            if items is not None:
                found = api.schemas.items(items)
                if isinstance(found, dict):
                    return found
    return None


def written_read_schema(api: Api, op: Operation) -> SchemaDict | None:
    """The read schema a create or update is compared with: for an update, the GET on its own
    path first (only that one for a sub-resource's update); for a create, the get-by-id right
    under the collection it posts to (`/v2/limits/` with `/v2/limits/{id}`, not another
    version's `/limits/{id}` of the same resource); else the resource's main read, else its
    list's items."""
    if op.resource is None:
        return None
    if op.kind == "update" and op.segments and op.segments[-1].role != "item":
        # A sub-resource of an item (`/users/{id}/info`) is read at its own path, or not at
        # all: the item's read answers the parent.
        reads = [o for o in op.resource.ops("read") if o.path == op.path]
        return answer(reads[0]) if reads else None
    if op.kind == "update":
        return read_schema(api, op.resource, op.path)
    depth = len(op.segments) + 1
    under = [
        o
        for o in op.resource.ops("read")
        if len(o.segments) == depth
        and o.segments[-1].role == "item"
        and o.path.startswith(op.path.rstrip("/") + "/")
    ]
    return answer(under[0]) if under else read_schema(api, op.resource)


def is_validation_item(schemas: Schemas, schema: Json) -> bool:
    """FastAPI's `ValidationError`: an object with `loc`, `msg` and `type`."""
    return set(VALIDATION_FIELDS) <= schemas.properties(schema).keys()


def is_fastapi_validation_error(schemas: Schemas, schema: Json) -> bool:
    """FastAPI's 422 shape: an object whose `detail` is an array of `{loc, msg, type}`."""
    detail = schemas.properties(schema).get(VALIDATION_DETAIL)
    if detail is None or not schemas.is_array(detail):
        return False
    return is_validation_item(schemas, schemas.items(detail))


def types_of(schemas: Schemas, node: Json) -> str:
    """The non-null JSON types a schema admits, for messages: `string or integer`."""
    found = sorted(schemas.types(node) - {"null"})
    return " or ".join(found) if found else "untyped"


def name_of(schemas: Schemas, node: Json, fallback: str = "an inline schema") -> str:
    """A schema as a message names it: its component name, `an array of X`, `a union of A
    and B`, or the fallback."""
    name = schemas.ref_name(node)
    if name is not None:
        return name
    if schemas.is_array(node):
        item = schemas.items(node)
        return f"an array of {name_of(schemas, item)}" if item is not None else "an array"
    names = union_names(schemas, node)
    if names:
        return "a union of " + and_list(names, shown=3)
    scalar = schemas.types(node) - {"null"}
    if len(scalar) == 1 and not schemas.properties(node):
        kind = next(iter(scalar))
        if kind in {"boolean", "string", "integer", "number"}:
            return ("an " if kind == "integer" else "a ") + kind
    return fallback


def union_names(schemas: Schemas, node: Json) -> list[str]:
    """The component names of a union's variants; empty unless every variant is named."""
    names = [schemas.ref_name(n) for n in schemas.variant_nodes(node)]
    return [n for n in names if n] if len(names) > 1 and None not in names else []
