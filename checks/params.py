"""Parameters: filters and shape-changing parameters.

A list's filters are its query parameters other than pagination and sorting: by default all
but `page`, `limit`, `sorting`, `offset`, `skip`, `cursor`, `per_page`, `page_size`, `sort`,
`sort_by`, `order_by`, `order`, the directions (`direction`, `order_direction`,
`sort_direction`, `sort_order`) and cursors (`after`, `before`, `starting_after`,
`ending_before`) (the `not_filters` option of the filter rules), keyset bounds (`gt_id`,
`before_created_at`) and comparison operators (`step_count_operator`). The filter
rules judge lists whose answer shows its items (the list envelope or a bare array): a list
that answers another shape (Polar's `SeatsList`, the seats of one subscription) is reported
by `list-envelope`, and its parameters select that view rather than filter items.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from checker.engine.registry import Problem, Regex, rule
from checker.guideline import SUBJECTS_EXTENSION
from checker.model import Api, Operation, Parameter
from checker.model.schemas import Json, Schemas
from checker.model.scopes import LISTS, Options, document, operations
from checker.words import and_list
from checks.kit import SORT_NAME, SYSTEMIC, answer

NOT_FILTERS = [
    "page",
    "limit",
    "sorting",
    "offset",
    "skip",
    "cursor",
    "per_page",
    "page_size",
    "sort",
    "sort_by",
    "order_by",
    "order",
    # The direction of a sort or of a cursor, and cursor bounds: paging and sorting too.
    "direction",
    "order_direction",
    "sort_direction",
    "sort_order",
    "order_dir",
    "sort_dir",
    "after",
    "before",
    "starting_after",
    "ending_before",
]
# Keyset bounds (`gt_id`, `before_created_at`): where a page starts, not what is listed.
_BOUND = re.compile(r"^(gt|gte|lt|lte|after|before|since|until)_")
# Defaults that filter nothing: none given, or a value that means "all".
_UNFILTERED: list[Json] = [None, "", [], {}, "all", "any", "none", ["all"], ["any"]]
ID_PATTERN = Regex(r"^(id|ids|.+_id|.+_ids)$")
SHAPE_PARAMS = [
    "fields",
    "include",
    "exclude",
    "expand",
    "embed",
    "view",
    "select",
    "projection",
    "omit",
]


def _items(api: Api, op: Operation) -> list[Json]:
    """The item schemas a list answers (the envelope's `items`, or a bare array's)."""
    found = answer(op)
    return api.schemas.page_items(found) if found is not None else []


def _shows_items(op: Operation, api: Api, options: Options) -> bool:
    return bool(_items(api, op))


LISTS_OF_ITEMS = LISTS.where("lists whose answer shows its items", _shows_items)


# The values of a sort direction, whatever the parameter is called (`order_dir=DESC`).
_DIRECTIONS = frozenset({"asc", "desc", "ascending", "descending"})


def _filters(schemas: Schemas, op: Operation, not_filters: list[str] | None) -> list[Parameter]:
    """The query parameters that filter: not paging, sorting or a keyset bound, not the
    comparison operator of a filter (`step_count_operator=gt`), and not a sort direction (an
    enum of `asc` and `desc`)."""
    skip = set(NOT_FILTERS if not_filters is None else not_filters)
    return [
        p
        for p in op.query
        if p.name not in skip
        and (not_filters is not None or not SORT_NAME.match(p.name))
        and not _BOUND.match(p.name)
        and not p.name.endswith("_operator")
        and not _direction(schemas, p)
    ]


def _direction(schemas: Schemas, param: Parameter) -> bool:
    values = _enum_values(schemas, param.schema)
    return values is not None and {str(v).lower() for v in values} <= _DIRECTIONS


def _names_field(name: str, fields: set[str], endings: bool = True) -> bool:
    """Whether a parameter is named after a field of the items, so that it filters on it:
    the field (`status`), its plural (`statuses`), `x_id` for a field `x`, `is_`/`has_` forms
    (`confirmed` for `is_confirmed`), a qualified field (`http_code_class` on `http_code`,
    `created_at_after`) or, with `endings`, the end of one (`origin` for `image_origin`;
    left out where a default is judged: `format=json` is no filter on `file_format`). A
    report's `currency` or `granularity`, no field of its items, is a display option."""
    stems = {name, "is_" + name, "has_" + name}
    for prefix in ("is_", "has_"):
        if name.startswith(prefix):
            stems.add(name[len(prefix) :])
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("_ids", "_id"), ("_id", "")):
        if name.endswith(suffix):
            stems.add(name[: -len(suffix)] + replacement)
    if name.endswith("_ids"):
        stems.add(name[:-4])
    field, _, qualifier = name.rpartition("_")
    return (
        bool(stems & fields)
        or (qualifier in _QUALIFIERS and field in fields)
        or (endings and any(f.endswith("_" + name) for f in fields))
    )


# What qualifies a field in a filter's name: `http_code_class`, `created_at_after`,
# `amount_min`; not `starred_first`, an order.
_QUALIFIERS = frozenset(
    {
        "class",
        "type",
        "kind",
        "after",
        "before",
        "from",
        "to",
        "since",
        "until",
        "start",
        "end",
        "min",
        "max",
        "gt",
        "gte",
        "lt",
        "lte",
        "eq",
        "ne",
        "in",
        "contains",
        "prefix",
        "search",
    }
)


def _item_properties(schemas: Schemas, items: list[Json]) -> dict[str, Json]:
    """The properties of the list's items, across their union variants (the first wins)."""
    found: dict[str, Json] = {}
    for item in items:
        for variant in schemas.variants(item):
            for name, schema in schemas.properties(variant).items():
                found.setdefault(name, schema)
    return found


def _item_fields(schemas: Schemas, items: list[Json]) -> set[str]:
    """Property names of the list's items, across their union variants."""
    return set(_item_properties(schemas, items))


def _item_name(schemas: Schemas, items: list[Json]) -> str:
    names = [schemas.ref_name(i) for i in items]
    return ", ".join(dict.fromkeys(n for n in names if n)) or "items"


def _enum_values(schemas: Schemas, node: Json) -> list[Json] | None:
    """Enum values a filter takes, as a scalar or as array items (None: not an enum filter)."""
    for variant in schemas.variants(node):
        target = schemas.items(variant) if schemas.is_array(variant) else variant
        values = schemas.enum(target) if target is not None else None
        if values is not None and len(values) > 1:
            return values
    return None


# -- multi-value-filters --------------------------------------------------------------------------


@rule(
    "warning",
    scope=document("lists whose answer shows its items", operations=LISTS_OF_ITEMS.operations),
)
def multi_value_filters(
    api: Api,
    *,
    id_pattern: Regex = ID_PATTERN,
    enums: bool = True,
    also: list[str] | None = None,
    exempt: list[str] | None = None,
    not_filters: list[str] | None = None,
) -> Iterator[Problem]:
    """Id-like and enum filters accept repeated values (an array among the schema's variants).

    FastAPI writes `customer_id: UUID | list[UUID] | None` as `anyOf: [{type: string},
    {type: array, items: {type: string}}, {type: null}]` and an enum list as
    `anyOf: [{type: array, items: {$ref: Status}}, {type: null}]`; either form is accepted.
    Enums are read through `$ref`. An array with `explode: false` takes one comma-separated
    value instead of repeated ones and is reported. Enums are judged when named after a field
    of the items (`status`, `statuses`, `http_code_class` on `http_code`); an enum that names
    none (a report's `currency`, a `granularity`, a sort direction of `asc`/`desc`) is a
    display option or a mode, not a filter. Id-like names are filters whether or not the
    items carry them: `agent_id` on archives lists those attached to an agent.

    When most judged filters of the API take one value (five or more, over half), that is
    one decision (FastAPI's `x_id: UUID | None`, a filter model every list shares) and one
    finding on `paths`, with the count and the first of them.

    Required parameters select what is listed
    (`?flow_run_id=` on a list of one run's states) and are not judged as filters.
    Pagination and sorting parameters (`page`, `limit`, `sorting`, `offset`, `skip`, `cursor`,
    `per_page`, `page_size`, `sort`, `sort_by`, `order_by`, `order`) are not filters.

    Why: clients filter by several ids or states in one request
    (`?status=active&status=pending`); a single-valued filter makes them send one request per
    value and merge pages themselves.

    Bad:
        paths:
          /v1/orders/:
            get:
              parameters:
                - name: customer_id
                  in: query
                  schema:
                    anyOf: [{type: string, format: uuid4}, {type: "null"}]
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
          /v1/orders/:
            get:
              parameters:
                - name: customer_id
                  in: query
                  schema:
                    anyOf:
                      - {type: string, format: uuid4}
                      - {type: array, items: {type: string, format: uuid4}}
                      - {type: "null"}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items: {type: array, items: {type: object}}

    Options:
        id_pattern: a regular expression of id-like filter names (default: id, ids, *_id, *_ids).
        enums: whether enum filters must accept repeated values too (default true).
        also: other filter names that must accept repeated values.
        exempt: filter names that may stay single-valued.
        not_filters: query parameters that are not filters (default: the names above).
    """
    settings = (re.compile(id_pattern), enums, set(also or ()), set(exempt or ()), not_filters)
    judged = 0
    found: list[tuple[bool, Problem]] = []  # (takes one value only, its problem)
    for op in api.operations:
        if LISTS_OF_ITEMS.judges(op, api, {}):
            for one_value, problem in _filter_values(op, api, *settings):
                judged += 1
                if problem is not None:
                    found.append((one_value, problem))
    singles = [p for one_value, p in found if one_value]
    if len(singles) < SYSTEMIC or len(singles) * 2 <= judged:
        yield from (p for _, p in found)
        return
    yield from (p for one_value, p in found if not one_value)
    lists = {p.operation.label for p in singles if p.operation is not None}
    examples = [f"{p.operation.label} {p.key}" for p in singles[:2] if p.operation is not None]
    yield Problem(
        "/paths",
        f"{len(singles)} of the {judged} id and enum filters of {len(lists)} lists take one "
        f"value (e.g. {and_list(examples)}); expected repeated values (?x=a&x=b), an array "
        "among each schema's variants",
        key="single-valued",
    )


def _filter_values(
    op: Operation,
    api: Api,
    id_like: re.Pattern[str],
    enums: bool,
    extra: set[str],
    excused: set[str],
    not_filters: list[str] | None,
) -> Iterator[tuple[bool, Problem | None]]:
    """The id-like and enum filters of a list: for each, whether it takes one value only,
    and its problem (None when it takes repeated values)."""
    schemas = api.schemas
    fields = _item_fields(schemas, _items(api, op))
    for param in _filters(schemas, op, not_filters):
        if param.name in excused or param.required:
            continue  # a required parameter selects what is listed; it is no filter
        is_enum = (
            enums
            and _enum_values(schemas, param.schema) is not None
            and _names_field(param.name, fields)
        )
        flag = schemas.types(param.schema) - {"null"} == {"boolean"}  # `has_function_id`
        if flag or not (id_like.match(param.name) or is_enum or param.name in extra):
            continue
        arrays = [v for v in schemas.variants(param.schema) if schemas.is_array(v)]
        kind = "enum " if is_enum else ""
        if not arrays:
            yield (
                True,
                Problem(
                    param.pointer,
                    f"{op.label} filters by a single {kind}{param.name}; expected repeated "
                    f"values (?{param.name}=a&{param.name}=b), an array among the schema's "
                    "variants",
                    operation=op,
                    key=param.name,
                ),
            )
        elif param.raw.get("explode") is False:
            yield (
                False,
                Problem(
                    param.pointer,
                    f"{op.label} takes {param.name} as one comma-separated value "
                    f"(explode: false); expected repeated values (?{param.name}=a&{param.name}=b)",
                    operation=op,
                    key=param.name,
                ),
            )
        else:
            yield False, None


# -- no-implicit-filters --------------------------------------------------------------------------


def _state_fields(schemas: Schemas, properties: dict[str, Json]) -> set[str]:
    """The items' fields that hold a state: booleans, and timestamps named `X_at`."""
    found: set[str] = set()
    for name, schema in properties.items():
        types = schemas.types(schema) - {"null"}
        if types == {"boolean"} or (name.endswith("_at") and types <= {"string"}):
            found.add(name)
    return found


def _state_of_items(name: str, states: set[str]) -> bool:
    return bool({name, "is_" + name, name + "_at"} & states)


# Switches named after a field that narrow the list by default: `active_only=true` keeps
# only the active items, `include_archived=false` drops the archived ones.
_ONLY = re.compile(r"^(?P<field>.+)_only$")
_INCLUDE = re.compile(r"^(?:include|with|show)_(?P<field>.+)$")
# Soft-deleted items: hiding them by default is no implicit filter (`include_deleted=false`).
_GONE = frozenset({"deleted", "removed", "trashed", "purged"})


def _narrowing(
    schemas: Schemas, param: Parameter, value: Json, fields: set[str], states: set[str]
) -> bool:
    """Whether a filter's default narrows the list: the filter is named after a field of the
    items, and its default is not every value of its enum; or it is an `X_only` switch on by
    default, or an `include_X` switch off by default, X a state of the items (a boolean field
    or an `X_at` timestamp: `include_archived`, not `include_content`, which shapes)."""
    only, include = _ONLY.match(param.name), _INCLUDE.match(param.name)
    if only is not None:  # `active_only=false` lists everything
        return value is True and _state_of_items(only.group("field"), states)
    if include is not None:  # deleted items are none the subject can still access
        field = include.group("field")
        return value is False and field not in _GONE and _state_of_items(field, states)
    if not _names_field(param.name, fields, endings=False):
        return False
    values = _enum_values(schemas, param.schema)
    chosen = value if isinstance(value, list) else [value]
    return values is None or not all(v in chosen for v in values)


@rule("error", scope=LISTS_OF_ITEMS)
def no_implicit_filters(
    op: Operation, api: Api, *, not_filters: list[str] | None = None
) -> Iterator[Problem]:
    """Filters have no default that narrows the results (e.g. `active=true`).

    A default narrows when the filter is named after a field of the list's items (`active`,
    `status`, `is_archived`; also `confirmed` for `is_confirmed`), unless it lists every
    value of its enum. `null`, `""`, `[]`, `"all"` and `"any"` defaults filter nothing.
    Parameters that are not fields of the items (`root_events=false`, a mode switch;
    `step_count_operator=eq`, the operator of another filter) are not judged: what their
    default means cannot be read from the schema. Pagination and sorting defaults (`page=1`,
    `offset=0`, `sorting=["-created_at"]`) are not filters (`page`, `limit`, `sorting`,
    `offset`, `skip`, `cursor`, `per_page`, `page_size`, `sort`, `sort_by`, `order_by`,
    `order`).

    Why: a list without filters returns everything the subject can access; a hidden default
    filter silently drops items, and clients cannot ask for "all" without knowing it exists.

    Bad:
        paths:
          /v1/products/:
            get:
              parameters:
                - {name: active, in: query, schema: {type: boolean, default: true}}
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
                            items: {$ref: "#/components/schemas/Product"}
        components:
          schemas:
            Product: {type: object, properties: {active: {type: boolean}}}

    Good:
        paths:
          /v1/products/:
            get:
              parameters:
                - name: active
                  in: query
                  schema: {anyOf: [{type: boolean}, {type: "null"}]}
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
                            items: {$ref: "#/components/schemas/Product"}
        components:
          schemas:
            Product: {type: object, properties: {active: {type: boolean}}}

    Options:
        not_filters: query parameters that are not filters (default: the names above).
    """
    schemas = api.schemas
    items = _items(api, op)
    properties = _item_properties(schemas, items)
    fields, states = set(properties), _state_fields(schemas, properties)
    for param in _filters(schemas, op, not_filters):
        given, value = schemas.default(param.schema)
        if not given or value in _UNFILTERED:
            continue
        if _narrowing(schemas, param, value, fields, states):
            yield Problem(
                param.pointer,
                f"{op.label} filters by {param.name}={json.dumps(value)} by default; "
                "expected no default (unfiltered, a list returns everything the subject "
                "can access)",
                operation=op,
                key=param.name,
            )


# -- organization-filter --------------------------------------------------------------------------


def _organization_scoped(op: Operation, api: Api, options: Options) -> bool:
    """A list of items that carry the organization field, not scoped by a parent (an item or
    a singleton on its path) nor by its subjects (none of them may span organizations)."""
    if any(s.role in ("item", "singleton") for s in op.segments[:-1]):
        return False
    stated = op.subjects(options["subjects_extension"])
    needing = set(options["subjects"] if options["subjects"] is not None else ["User"])
    if stated is not None and not needing & set(stated):
        return False
    name = options["name"]
    return name in _item_fields(api.schemas, _items(api, op)) and _names_organizations(api, name)


def _names_organizations(api: Api, name: str) -> bool:
    """Whether a client can name an organization anywhere in the API: a parameter or a JSON
    request body field called `name`, or a collection of organizations. An API that never
    does authenticates with keys that belong to one organization: a filter would do nothing."""
    collection = name.removesuffix("_id") + "s"
    if any(r.segment == collection for r in api.resources.values()):
        return True
    for op in api.operations:
        if any(p.name == name for p in op.parameters):
            return True
        body = op.body.json_schema if op.body is not None else None
        if body is not None and name in api.schemas.properties(body):
            return True
    return False


@rule(
    "warning",
    scope=LISTS_OF_ITEMS.where(
        "lists whose items carry the organization, open to a user", _organization_scoped
    ),
)
def organization_filter(
    op: Operation,
    api: Api,
    *,
    name: str = "organization_id",
    subjects: list[str] | None = None,
    subjects_extension: str = SUBJECTS_EXTENSION,
) -> Iterator[Problem]:
    """Lists whose items carry `organization_id` accept an optional `organization_id` filter.

    Lists under an item or a singleton (`/benefits/{id}/files`, `/customers/me/...`) are
    scoped by their parent and are not judged. When an operation states its subjects
    (`x-polar-allowed-subjects`), only lists open to a User are judged: customer sessions
    are scoped to one organization already. Nor is an API where no parameter, no request
    body and no `organizations` collection ever names an organization: its keys belong to
    one organization, and the filter would do nothing.

    Why: a user belongs to several organizations; without the filter they cannot scope a list
    to one of them, and a required filter prevents listing across all of them.

    Bad:
        paths:
          /v1/benefit-grants/:
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
                            items: {$ref: "#/components/schemas/BenefitGrant"}
          /v1/organizations/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}
        components:
          schemas:
            BenefitGrant:
              type: object
              properties: {organization_id: {type: string, format: uuid4}}

    Good:
        paths:
          /v1/benefit-grants/:
            get:
              parameters:
                - name: organization_id
                  in: query
                  schema:
                    anyOf:
                      - {type: string, format: uuid4}
                      - {type: array, items: {type: string, format: uuid4}}
                      - {type: "null"}
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
                            items: {$ref: "#/components/schemas/BenefitGrant"}
        components:
          schemas:
            BenefitGrant:
              type: object
              properties: {organization_id: {type: string, format: uuid4}}

    Options:
        name: the organization field and filter (default `organization_id`).
        subjects: the subjects that need the filter (default `User`).
        subjects_extension: the operation extension that lists its subjects (default above).
    """
    schemas = api.schemas
    items = _items(api, op)
    param = op.parameter(name)
    if param is None:
        yield Problem(
            op.pointer,
            f"{op.label} lists {_item_name(schemas, items)}, which carry {name}, but "
            f"takes no {name} filter; expected an optional {name} query parameter",
            operation=op,
            key=name,
        )
    elif param.required:
        yield Problem(
            param.pointer,
            f"{op.label} requires {name}; expected it optional (unset, the list spans "
            "every organization the subject can access)",
            operation=op,
            key=name,
        )


# -- no-shape-params ------------------------------------------------------------------------------


def _has_query(op: Operation, api: Api, options: Options) -> bool:
    return bool(op.query)


@rule("warning", scope=operations("operations with query parameters", _has_query))
def no_shape_params(
    op: Operation, api: Api, *, names: list[str] | None = None
) -> Iterator[Problem]:
    """No query parameter changes the response's shape (`fields`, `include`, `expand`, ...).

    Judged on every operation by the parameter's name: `fields`, `include`, `exclude`,
    `expand`, `embed`, `view`, `select`, `projection`, `omit` (`fields[customer]` counts as
    `fields`); the names are an option, as conventions differ.

    Why: with one schema per endpoint, clients and generated SDKs get one type per answer;
    a parameter that adds or drops fields makes every field optional in practice. Use a
    separate endpoint for another representation.

    Bad:
        paths:
          /v1/refunds/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
                - {name: include, in: query, schema: {type: string}}
              responses:
                "200": {description: OK}

    Good:
        paths:
          /v1/refunds/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}

    Options:
        names: shape-changing parameter names (default: the names above).
    """
    shaping = set(SHAPE_PARAMS if names is None else names)
    for param in op.query:
        base = param.name.split("[", 1)[0]
        if base in shaping:
            yield Problem(
                param.pointer,
                f"{op.label} takes {param.name}, a parameter that changes the response's "
                "shape; expected one representation per endpoint (another endpoint for "
                "another shape)",
                operation=op,
                key=param.name,
            )
