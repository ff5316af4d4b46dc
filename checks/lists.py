"""Lists: the envelope, pagination, sorting and list items.

A list is an operation of kind `list` (a GET on a collection answering JSON). Every list is
judged for its envelope, its page parameters (`page`, `limit`) and `sorting`: a list that
answers another shape (a bare array, Polar's `SeatsList`) is reported by `list-envelope`,
and its paging and sorting by their own rules, since fixing one does not fix the others.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from checker.engine.registry import Problem, rule
from checker.guideline import PAGINATION_FIELDS
from checker.model import Api, Operation, Parameter
from checker.model.schemas import Json, Schemas
from checker.model.scopes import LISTS, Options
from checker.words import and_list
from checks.kit import SORT_NAME, answer, list_inputs, name_of, types_of

SORTING = "an array of enum values where each field f has its descending twin -f"

# Names other conventions use for what `page`, `limit` and `sorting` do.
_PAGE_ALTERNATIVES = (
    "offset",
    "skip",
    "start",
    "cursor",
    "after",
    "before",
    "starting_after",
    "ending_before",
    "page_token",
    "next_token",
)
_LIMIT_ALTERNATIVES = ("per_page", "page_size", "size", "count", "max_results", "top", "first")
_SORT_ALTERNATIVES = [
    "sort",
    "sort_by",
    "sort_order",
    "order_by",
    "ordering",
    "order",
    "orderby",
    "sortby",
]


# -- list-envelope --------------------------------------------------------------------------------


def _envelope_problems(
    schemas: Schemas, node: Json, fields: list[str]
) -> tuple[str, list[str]] | None:
    """None when one variant of a list answer is the envelope, else what it is (`an array`,
    `SeatsList`) and what keeps it from being the envelope (nothing more to say for an array)."""
    name = schemas.ref_name(node)
    if schemas.is_array(node):
        return (f"{name} (an array)" if name else "an array"), []
    if not schemas.is_object(node) and schemas.types(node):
        kind = f"a {types_of(schemas, node)}"
        return (f"{name} ({kind})" if name else kind), []
    what = name or "an inline object"
    props = schemas.properties(node)
    items = props.get("items")
    if items is None or not schemas.is_array(items):
        return what, ["which has no items array"]
    pagination = props.get("pagination")
    if pagination is None:
        return what, ["which has no pagination"]
    if not schemas.is_object(pagination):
        return what, [f"whose pagination is {types_of(schemas, pagination)}, not an object"]
    members = schemas.properties(pagination)
    missing = [f for f in fields if f not in members]
    found = []
    if missing:
        named = schemas.ref_name(pagination)
        label = f"pagination ({named})" if named else "pagination"
        found.append(f"whose {label} lacks {and_list(missing)}")
    for field in fields:
        if field in members and schemas.types(members[field]) - {"null"} != {"integer"}:
            found.append(f"whose pagination.{field} is {types_of(schemas, members[field])}")
    return (what, found) if found else None


@rule("error", scope=LISTS)
def list_envelope(
    op: Operation, api: Api, *, pagination_fields: list[str] | None = None
) -> Iterator[Problem]:
    """Lists answer the list envelope `{items: array, pagination: {total_count, max_page}}`.

    Every variant of the 200 answer is judged: a list that answers page *or* cursor
    pagination (an `anyOf` of two envelopes) is reported for the variant that is not the
    envelope. `$ref`s, `allOf` and null branches are seen through.

    Why: clients page through every list of the API with one loop when every list answers
    the same envelope; a bare array cannot say how many items or pages there are, and a
    second pagination shape makes clients handle two protocols.

    Bad:
        paths:
          /v1/payouts/:
            get:
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {type: array, items: {type: object}}

    Good:
        paths:
          /v1/payouts/:
            get:
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, pagination]
                        properties:
                          items: {type: array, items: {type: object}}
                          pagination:
                            type: object
                            required: [total_count, max_page]
                            properties:
                              total_count: {type: integer}
                              max_page: {type: integer}

    Options:
        pagination_fields: the integer fields of `pagination` (default total_count, max_page).
    """
    schemas = api.schemas
    fields = list(pagination_fields or PAGINATION_FIELDS)
    expected = "{items, pagination: {" + ", ".join(fields) + "}}"
    ok = op.responses.get("200")
    if ok is None or ok.json_schema is None:
        documented = ", ".join(sorted(op.success)) or "no 2xx status"
        yield Problem(
            op.pointer + "/responses",
            f"{op.label} is a list but answers {documented} without a JSON 200; "
            f"expected 200 with the list envelope {expected}",
            operation=op,
        )
        return
    nodes = schemas.variant_nodes(ok.json_schema)
    said_before: set[str] = set()
    for node in nodes:
        found = _envelope_problems(schemas, node, fields)
        if found is None:
            continue
        what, problems = found
        if len(nodes) > 1:
            what += f" (one of its {len(nodes)} variants)"
        said = "".join(", " + p for p in problems[:1]) + "".join(" and " + p for p in problems[1:])
        message = f"{op.label} answers {what}{said}; expected the list envelope {expected}"
        if message in said_before:
            continue  # e.g. `anyOf` of two arrays: one finding
        said_before.add(message)
        yield Problem(
            ok.pointer,
            message,
            operation=op,
            key=schemas.ref_name(node) or "",
        )


# -- pagination-params ----------------------------------------------------------------------------


def _lowest_integer(bound: tuple[float, bool]) -> int:
    value, exclusive = bound
    return math.floor(value) + 1 if exclusive else math.ceil(value)


def _check_page_param(api: Api, op: Operation, param: Parameter, role: str) -> Iterator[Problem]:
    schemas = api.schemas
    name = param.name
    if param.required:
        yield Problem(
            param.pointer,
            f"{op.label} requires {name}; expected {role} to be optional (with a default)",
            operation=op,
            key=name,
        )
    if schemas.types(param.schema) - {"null"} != {"integer"}:
        yield Problem(
            param.pointer,
            f"{op.label} takes {name} as {types_of(schemas, param.schema)}; expected an integer",
            operation=op,
            key=name,
        )
        return
    bound = schemas.minimum(param.schema)
    if bound is None:
        yield Problem(
            param.pointer,
            f"{op.label} takes {name} without a lower bound; expected an integer of at "
            "least 1 (exclusiveMinimum: 0 or minimum: 1)",
            operation=op,
            key=name,
        )
    elif _lowest_integer(bound) < 1:
        yield Problem(
            param.pointer,
            f"{op.label} takes {name} from {_lowest_integer(bound)}; expected an integer of "
            "at least 1 (exclusiveMinimum: 0 or minimum: 1)",
            operation=op,
            key=name,
        )


def _inputs(api: Api, op: Operation) -> dict[str, Parameter]:
    """A list's paging and sorting inputs by name, a query parameter before a body property."""
    found: dict[str, Parameter] = {}
    for param in list_inputs(api, op):
        found.setdefault(param.name, param)
    return found


@rule("error", scope=LISTS)
def pagination_params(
    op: Operation, api: Api, *, page: str = "page", limit: str = "limit"
) -> Iterator[Problem]:
    """Lists take optional integer `page` and `limit` parameters, bounded below by 1.

    FastAPI writes the bound as `exclusiveMinimum: 0` (3.1) or `minimum: 0` with
    `exclusiveMinimum: true` (3.0); both mean at least 1 for an integer, as does
    `minimum: 1`. No upper bound is required (Polar states its cap of 100 in the
    description). Judged on every list, those that fail `list-envelope` too: fixing the
    envelope does not rename `offset`.

    Why: page-based pagination with the same two parameters everywhere lets clients page
    every list the same way; an offset or cursor on one list, or a `limit` that accepts 0 or
    -1, breaks that loop.

    Bad:
        paths:
          /v1/files/:
            get:
              parameters:
                - {name: offset, in: query, schema: {type: integer, minimum: 0, default: 0}}
                - {name: limit, in: query, schema: {type: integer, default: 10}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items: {type: array, items: {type: object}}

    Good:
        paths:
          /v1/files/:
            get:
              parameters:
                - {name: page, in: query, schema: {type: integer, exclusiveMinimum: 0}}
                - {name: limit, in: query, schema: {type: integer, exclusiveMinimum: 0}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items: {type: array, items: {type: object}}

    FastAPI:
        async def list(
            page: int = Query(1, ge=1, description="Page number, defaults to 1."),
            limit: int = Query(10, ge=1, le=100, description="Size of a page, defaults to 10."),
        ) -> ListResource[Customer]: ...

    Options:
        page: the name of the page number parameter (default `page`).
        limit: the name of the page size parameter (default `limit`).
    """
    inputs = _inputs(api, op)
    instead = {
        page: [p for p in inputs.values() if p.name in _PAGE_ALTERNATIVES],
        limit: [p for p in inputs.values() if p.name in _LIMIT_ALTERNATIVES],
    }
    expected = (
        f"expected page-based pagination with optional integers {page} and {limit}, at least 1"
    )
    if page not in inputs and limit not in inputs:
        used = instead[page] + instead[limit]
        names = [p.name for p in used]
        yield Problem(
            used[0].pointer if used else op.pointer,
            f"{op.label} takes {and_list(names)} instead of {page} and {limit}; {expected}"
            if used
            else f"{op.label} takes neither {page} nor {limit}; {expected}",
            operation=op,
            key="+".join(names) if used else f"{page}+{limit}",
        )  # one decision (another paging convention, or none): one finding
        return
    for name, role in ((page, "the page number"), (limit, "the page size")):
        param = inputs.get(name)
        if param is not None:
            yield from _check_page_param(api, op, param, role)
        elif instead[name]:
            names = [p.name for p in instead[name]]
            yield Problem(
                instead[name][0].pointer,
                f"{op.label} takes {and_list(names)} instead of {name}; {expected}",
                operation=op,
                key="+".join(names),
            )
        else:
            yield Problem(
                op.pointer,
                f"{op.label} takes no {name} parameter; expected {role} as an optional "
                f"integer {name}, at least 1",
                operation=op,
                key=name,
            )


# -- sorting-param --------------------------------------------------------------------------------


def _twins(values: list[str]) -> list[str]:
    """`f without -f` (and `-f without f`) for each value whose twin is missing, in order."""
    present = set(values)
    missing = []
    for value in values:
        twin = value[1:] if value.startswith("-") else "-" + value
        if twin not in present:
            missing.append(f"{value} without {twin}")
    return missing


@rule("warning", scope=LISTS)
def sorting_param(
    op: Operation, api: Api, *, name: str = "sorting", alternatives: list[str] | None = None
) -> Iterator[Problem]:
    """Lists take `sorting`: an array of enum values where each field `f` has its twin `-f`.

    Polar's form is the repeated parameter FastAPI writes for `list[XSortProperty] | None`:
    `anyOf: [{type: array, items: {$ref: XSortProperty}}, {type: null}]` with no
    `style`/`explode` (`?sorting=-created_at&sorting=name`); the comma-separated form
    (`explode: false`) is accepted too. Judged on every list. A
    missing `sorting` is reported at a sort parameter of another name when there is one
    (`sort`, `sort_by`, `sort_order`, `order_by`, `ordering`, `order`, `orderby`, `sortby`).

    Why: one sorting parameter with a closed set of fields lets clients sort every list the
    same way and lets the server index what it allows; free-text `order_by` values are
    unvalidated, and a field without its `-f` twin can only be sorted one way.

    Bad:
        paths:
          /v1/organizations/:
            get:
              parameters:
                - {name: order_by, in: query, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items: {type: array, items: {type: object}}

    Good:
        paths:
          /v1/organizations/:
            get:
              parameters:
                - name: sorting
                  in: query
                  schema:
                    anyOf:
                      - type: array
                        items: {$ref: "#/components/schemas/OrganizationSortProperty"}
                      - type: "null"
                    default: ["-created_at"]
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items: {type: array, items: {type: object}}
        components:
          schemas:
            OrganizationSortProperty:
              type: string
              enum: [created_at, -created_at, name, -name]

    Options:
        name: the name of the sorting parameter (default `sorting`).
        alternatives: other names of a sort parameter, named in the message (default: above).
    """
    schemas = api.schemas
    others = alternatives if alternatives is not None else _SORT_ALTERNATIVES
    inputs = _inputs(api, op)
    param = inputs.get(name)
    if param is None:
        used = [
            p
            for p in inputs.values()
            if p.name in others or (alternatives is None and SORT_NAME.match(p.name))
        ]
        if used:  # `order_by` and `order`, `sort_column` and `sort_desc`: one finding
            hows = [
                f"free-text {p.name}"
                if schemas.types(p.schema) - {"null"} == {"string"}
                and not any(schemas.enum(v) for v in schemas.variants(p.schema))
                else p.name
                for p in used
            ]
            yield Problem(
                used[0].pointer,
                f"{op.label} sorts with {and_list(hows)}; expected {name}: {SORTING}",
                operation=op,
                key="+".join(p.name for p in used),
            )
        else:
            yield Problem(
                op.pointer,
                f"{op.label} takes no {name} parameter; expected {name}: {SORTING}",
                operation=op,
                key=name,
            )
        return
    arrays = [v for v in schemas.variants(param.schema) if schemas.is_array(v)]
    if not arrays:
        single = any(schemas.enum(v) for v in schemas.variants(param.schema))
        how = "a single value" if single else f"free text ({types_of(schemas, param.schema)})"
        yield Problem(
            param.pointer,
            f"{op.label} takes {name} as {how}; expected {SORTING}",
            operation=op,
            key=name,
        )
        return
    item = schemas.items(arrays[0])
    values = schemas.enum(item) if item is not None else None
    if not values:
        yield Problem(
            param.pointer,
            f"{op.label} takes {name} as an array of free text; expected {SORTING}",
            operation=op,
            key=name,
        )
        return
    missing = _twins([v for v in values if isinstance(v, str)])
    if missing:
        yield Problem(
            param.pointer,
            f"{op.label} sorts by {name_of(schemas, item, 'an inline enum')}, which has "
            f"{and_list(missing)}; expected each field f with its descending twin -f",
            operation=op,
            key=name,
        )


# -- list-item-consistency ------------------------------------------------------------------------


def _typed_read(op: Operation, api: Api) -> tuple[Operation, Json] | None:
    """The resource's read and the schema it answers, when that schema has a type (FastAPI
    writes `{}` for Any: nothing to compare with)."""
    read = op.resource.read if op.resource is not None else None
    schema = answer(read) if read is not None else None
    if read is None or schema is None or not api.schemas.types(schema):
        return None
    return read, api.schemas.payload(schema)  # `{data: Project}` carries a Project


def _compared(op: Operation, api: Api, options: Options) -> bool:
    return answer(op) is not None and _typed_read(op, api) is not None


@rule("error", scope=LISTS.where("lists of a resource whose read has a typed schema", _compared))
def list_item_consistency(op: Operation, api: Api) -> Iterator[Problem]:
    """List items are the same schema as the read (get by id) of the resource.

    The read is the resource's main get-by-id (`/customers/{id}` before an alternate key).
    Items are read from the list envelope (or a bare array) and compared by structure
    (`Schemas.same`): two components of the same shape are the same schema, and unions match
    when their variants do (`oneOf [A, B]` inline or as a component).

    Why: a client that lists customers and then fetches one should get the same object both
    times; different schemas make it keep two models of one resource and guess which fields
    a list leaves out.

    Bad:
        paths:
          /v1/license-keys/:
            get:
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items:
                            type: array
                            items: {$ref: "#/components/schemas/LicenseKeyRead"}
          /v1/license-keys/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/LicenseKeyWithActivations"}
        components:
          schemas:
            LicenseKeyRead: {type: object, properties: {id: {type: string}}}
            LicenseKeyWithActivations:
              type: object
              properties: {id: {type: string}, activations: {type: array}}

    Good:
        paths:
          /v1/license-keys/:
            get:
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items:
                            type: array
                            items: {$ref: "#/components/schemas/LicenseKey"}
          /v1/license-keys/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/LicenseKey"}
        components:
          schemas:
            LicenseKey: {type: object, properties: {id: {type: string}}}
    """
    schemas = api.schemas
    listed, found = answer(op), _typed_read(op, api)
    assert listed is not None and found is not None  # the scope selects these only
    read, read_schema = found
    seen: list[Json] = []
    for item in schemas.page_items(listed):
        if any(schemas.same(item, s) for s in seen):
            continue
        seen.append(item)
        if not schemas.types(item) or schemas.same(item, read_schema):
            continue
        name = name_of(schemas, item)
        yield Problem(
            op.responses["200"].pointer,
            f"{op.label} lists {name}; {read.label} answers "
            f"{name_of(schemas, read_schema)}; expected the same schema in list and read",
            operation=op,
            key=schemas.ref_name(item) or "",
        )
