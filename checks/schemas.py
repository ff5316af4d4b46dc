"""Schemas: field names, write schemas, partial updates, timestamps, docs.

Schemas are read the way FastAPI writes them: through `$ref` (with sibling keys), `anyOf` /
`oneOf` with a null branch (3.1) or `nullable` (3.0), `allOf`, and discriminated unions.
FastAPI may split one Pydantic model into `X-Input` and `X-Output` (validation and
serialization): they are one model, judged once (on `X-Output`, the side clients read).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from checker.engine.registry import Problem, rule
from checker.model import Api, Component, Operation
from checker.model.schemas import Json, SchemaDict, Schemas, is_mapping, members
from checker.model.scopes import (
    CREATES_AND_UPDATES,
    UPDATES,
    Options,
    document,
    model,
)
from checker.model.scopes import (
    schemas as for_each_schema,
)
from checker.pointers import join
from checker.words import and_list
from checks.kit import (
    SYSTEMIC,
    body_pointer,
    is_fastapi_validation_error,
    is_validation_item,
    json_media,
    union_names,
    written_read_schema,
)

_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_LITERAL = re.compile(r"\^?[\w -]*\$?")  # a pattern that admits one value (`^usd$`)
# Pydantic names a parametrized generic model `Base_Param_` (`ListResource_Product_`).
_GENERIC = re.compile(r"^(?P<base>[A-Za-z][A-Za-z0-9]*)_.+_$")
_SHOWN = 8  # names listed in one message before "and N more"


# -- shared helpers -----------------------------------------------------------------------------


def _and(words: list[str]) -> str:
    return and_list(words, shown=_SHOWN)


def _named(schemas: Schemas, node: Json) -> bool:
    """A component, or a union of components: a schema a team wrote and named."""
    return schemas.ref_name(node) is not None or bool(union_names(schemas, node))


def _shown(schemas: Schemas, node: Json) -> str:
    return schemas.ref_name(node) or " | ".join(union_names(schemas, node)) or "an inline schema"


# -- snake-case-fields --------------------------------------------------------------------------


def to_snake(name: str) -> str:
    """`firstName` -> `first_name`, `HTTPCode` -> `http_code`, `_cost` -> `cost`."""
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()
    return re.sub(r"_+", "_", text)


def _expected(name: str) -> str:
    fixed = to_snake(name)
    if _SNAKE.match(fixed):
        return f"expected {fixed}"
    return "expected lowercase words joined by underscores"


def _property_names(schemas: Schemas, node: Json, pointer: str) -> Iterator[tuple[str, str]]:
    """(name, pointer of its `properties`) of every property declared inline under node
    (nested objects too); a property's own pointer is that and its escaped name, made only
    for the few that are reported."""
    for where, sub in schemas.walk(node, pointer):
        props = sub.get("properties")
        if props and is_mapping(props):
            under = where + "/properties"
            for name in props:
                yield str(name), under


def _inline_schemas(op: Operation) -> list[tuple[SchemaDict, str, str]]:
    """(schema, pointer, what) of the operation's inline JSON body and answers."""
    inline: list[tuple[SchemaDict, str, str]] = []
    if op.body is not None and op.body.json_schema is not None:
        inline.append((op.body.json_schema, body_pointer(op), "the body"))
    for response in op.responses.values():
        media = json_media(response.content)
        if media is not None:
            where = join(response.pointer, "content", media, "schema")
            inline.append((response.content[media], where, f"the {response.status} answer"))
    return [(node, where, what) for node, where, what in inline if "$ref" not in node]


def _names_fields(op: Operation, api: Api, options: Options) -> bool:
    return bool(op.query) or bool(_inline_schemas(op))


@rule(
    "error",
    scope=document(
        "operations with query parameters or inline schemas, and component schemas",
        operations=_names_fields,
        schemas=model,
    ),
)
def snake_case_fields(api: Api, *, allow: list[str] | None = None) -> Iterator[Problem]:
    """Properties and query parameters are named in snake_case.

    Every property of a component schema (nested inline objects too, and inline body and
    response schemas of operations) and every query parameter is judged; a name is snake_case
    when it is lowercase words (letters and digits) joined by single underscores. Keys of
    free-form maps (`additionalProperties`) are data, not fields. FastAPI's `X-Input` and
    `X-Output` twins of one model are reported once.

    Why: the guideline names fields in snake_case, like the Python models behind them; one
    camelCase or `_private` field makes clients and SDKs special-case it.

    Bad:
        paths:
          /v1/contacts/:
            get:
              parameters:
                - {name: emailDomain, in: query, schema: {type: string}}
              responses:
                "200": {description: OK}
        components:
          schemas:
            Contact:
              type: object
              description: A contact.
              properties:
                firstName: {type: string, description: The first name.}

    Good:
        paths:
          /v1/contacts/:
            get:
              parameters:
                - {name: email_domain, in: query, schema: {type: string}}
              responses:
                "200": {description: OK}
        components:
          schemas:
            Contact:
              type: object
              description: A contact.
              properties:
                first_name: {type: string, description: The first name.}

    Options:
        allow: names accepted as they are (e.g. fields a standard fixes, like `["$schema"]`).
    """
    allowed = set(allow or ())
    schemas = api.schemas
    seen: set[str] = set()

    def judge(name: str, under: str, owner: str, op: Operation | None) -> Iterator[Problem]:
        if _SNAKE.match(name) or name in allowed:
            return
        pointer = join(under, name)
        if pointer in seen:
            return
        seen.add(pointer)
        yield Problem(
            pointer,
            f"property {name} of {owner} is not snake_case; {_expected(name)}",
            operation=op,
            key=name,
        )

    for component in api.components:
        if not model(component, api, {}):
            continue
        for name, where in _property_names(schemas, component.schema, component.pointer):
            yield from judge(name, where, f"schema {component.name}", None)
    for op in api.operations:
        for node, where, what in _inline_schemas(op):
            for name, at in _property_names(schemas, node, where):
                yield from judge(name, at, f"{what} of {op.label}", op)
        for param in op.query:
            if _SNAKE.match(param.name) or param.name in allowed or param.pointer in seen:
                continue
            seen.add(param.pointer)
            yield Problem(
                param.pointer,
                f"{op.label} query parameter {param.name} is not snake_case; "
                f"{_expected(param.name)}",
                operation=op,
                key=param.name,
            )


# -- separate-write-schemas ---------------------------------------------------------------------


def _read_of(api: Api, op: Operation) -> SchemaDict | None:
    """The read schema to compare a write body with: the resource's read (the GET on the same
    path for updates), else the schema the operation itself answers."""
    found = written_read_schema(api, op)
    if found is not None:
        return found
    response = op.responses.get("201" if op.kind == "create" else "200")
    return response.json_schema if response else None


def _create_bodies(op: Operation) -> list[tuple[Operation, Json]]:
    """For a PATCH of a resource, its creates and their JSON bodies (a PUT replaces the whole
    resource: it may well take the create's fields)."""
    if op.kind != "update" or op.method != "patch" or op.resource is None:
        return []
    found = [
        (c, c.body.json_schema if c.body is not None else None) for c in op.resource.ops("create")
    ]
    return [(create, body) for create, body in found if body is not None]


def _write_body(op: Operation, api: Api) -> Json:
    """The JSON body of a create or update when it is a named schema (inline bodies are no
    model: two `{type: object}` say nothing about separate models)."""
    body = op.body.json_schema if op.body is not None else None
    return body if body is not None and _named(api.schemas, body) else None


def _compared(op: Operation, api: Api, options: Options) -> bool:
    return _write_body(op, api) is not None and (
        _read_of(api, op) is not None or bool(_create_bodies(op))
    )


@rule(
    "error",
    scope=CREATES_AND_UPDATES.where(
        "creates and updates with a named body and a read (or create) to compare it with",
        _compared,
    ),
)
def separate_write_schemas(op: Operation, api: Api) -> Iterator[Problem]:
    """Create and update bodies are their own schemas, not the read schema.

    A create (POST on a collection) or update (PATCH, or PUT, on an item) whose JSON body is
    the schema its resource's read answers (or, without a read, the one it answers itself) is
    reported; so is a PATCH whose body is the create's (a PUT replaces the whole resource and
    may take the create's fields; `standard-methods` reports the PUT). FastAPI's
    `X-Input`/`X-Output` split of one model is the same schema. Unions are compared by their
    named variants; inline schemas are not compared.

    Why: a read schema carries what the server owns (`id`, timestamps, computed fields);
    taking it as input invites clients to send them, and couples what is written to what is
    read. The guideline keeps `XCreate`, `XUpdate` and `X` apart.

    Bad:
        paths:
          /v1/notes/:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/Note"}
              responses:
                "201":
                  description: Created
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Note"}
        components:
          schemas:
            Note:
              type: object
              properties: {id: {type: string}, text: {type: string}}

    Good:
        paths:
          /v1/notes/:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/NoteCreate"}
              responses:
                "201":
                  description: Created
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Note"}
        components:
          schemas:
            NoteCreate:
              type: object
              properties: {text: {type: string}}
            Note:
              type: object
              properties: {id: {type: string}, text: {type: string}}

    FastAPI:
        class CustomerCreate(Schema):  # what a client sends, not the read model
            name: str
        @router.post("/", status_code=201, response_model=Customer)
        async def create(customer_create: CustomerCreate) -> Customer: ...
    """
    schemas = api.schemas
    body, read = _write_body(op, api), _read_of(api, op)
    if read is not None and schemas.same_model(body, read):
        yield Problem(
            body_pointer(op),
            f"{op.label} takes {_shown(schemas, body)}, the read schema, as its body; "
            f"{'creates' if op.kind == 'create' else 'updates'} take their own schema",
            operation=op,
        )
        return
    for create, written in _create_bodies(op):
        if schemas.same_model(body, written):
            yield Problem(
                body_pointer(op),
                f"{op.label} takes {_shown(schemas, body)}, the body of {create.label}; "
                "updates take their own, partial schema",
                operation=op,
            )
            break


# -- partial-update -----------------------------------------------------------------------------


def _discriminator(schema: SchemaDict) -> str | None:
    found = schema.get("discriminator")
    name = found.get("propertyName") if isinstance(found, Mapping) else None
    return name if isinstance(name, str) else None


def _update_fields(schemas: Schemas, variant: SchemaDict, tags: set[str]) -> list[str]:
    """What a body (variant) requires, tags left out: discriminator properties and properties
    fixed to one value (`const`, one-value `enum`: Pydantic's `Literal["x"]`)."""
    properties = schemas.properties(variant)
    found = []
    for name in sorted(schemas.required(variant)):
        if name in tags:
            continue
        values = schemas.enum(properties[name]) if name in properties else None
        if values is not None and len(values) == 1:
            continue
        found.append(name)
    return found


def _batch(schemas: Schemas, variant: SchemaDict) -> bool:
    """A body whose one property is a list (`{updates: [...]}`): a batch of updates, each a
    command; there is nothing to make optional."""
    properties = schemas.properties(variant)
    return len(properties) == 1 and all(schemas.is_array(p) for p in properties.values())


def _patch_with_body(op: Operation, api: Api, options: Options) -> bool:
    return op.method in ("patch", "put") and op.body is not None and op.body.json_schema is not None


@rule("error", scope=UPDATES.where("PATCH and PUT updates with a JSON body", _patch_with_body))
def partial_update(op: Operation, api: Api) -> Iterator[Problem]:
    """Update bodies require nothing: every field is optional (a partial update).

    Judged on PATCH and PUT updates with a JSON body (an API that updates with PUT still
    owes clients a partial update; `standard-methods` reports the PUT itself). Not update
    fields: a union's `discriminator` property and properties fixed to one value (`const`,
    Pydantic's `Literal`), which tell variants apart. A body that is a union of update commands
    (`oneOf`/`anyOf` variants, e.g. cancel, pause, resume) is judged per variant: each
    command may require its one field; a variant requiring more is reported. Nor a batch:
    a body whose one property is a list of updates (`{updates: [...]}`).

    Why: clients send only what changes; a required field forces them to read and resend
    values they did not mean to touch, and races other writers.

    Bad:
        paths:
          /v1/event-types/{id}:
            patch:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/EventTypeUpdate"}
              responses:
                "200": {description: OK}
        components:
          schemas:
            EventTypeUpdate:
              type: object
              required: [label]
              properties:
                label: {type: string}

    Good:
        paths:
          /v1/event-types/{id}:
            patch:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/EventTypeUpdate"}
              responses:
                "200": {description: OK}
        components:
          schemas:
            EventTypeUpdate:
              type: object
              properties:
                label: {anyOf: [{type: string}, {type: "null"}]}

    FastAPI:
        class CustomerUpdate(Schema):  # every field optional: send only what changes
            name: str | None = None
            email: str | None = None
    """
    schemas = api.schemas
    assert op.body is not None
    body = op.body.json_schema
    top = schemas.deref(body)
    nodes = schemas.variant_nodes(body)
    tags = {t for t in [_discriminator(top)] if t}
    union = len(nodes) > 1
    for node in nodes:
        variant = schemas.deref(node)
        own = {t for t in [_discriminator(variant)] if t}
        fields = _update_fields(schemas, variant, tags | own)
        name = schemas.ref_name(node)
        if not union and fields and not _batch(schemas, variant):
            what = f"body {name}" if name else "inline body"
            yield Problem(
                body_pointer(op),
                f"{op.label} {what} requires {_and(fields)}; an update takes every "
                "field as optional (partial update)",
                operation=op,
            )
        elif union and len(fields) > 1:
            what = name or f"#{nodes.index(node) + 1}"
            yield Problem(
                body_pointer(op),
                f"{op.label} body variant {what} requires {_and(fields)}; a command of an "
                "update union requires at most its one field",
                operation=op,
                key=what,
            )


# -- timestamps ---------------------------------------------------------------------------------


def _formats(schemas: Schemas, node: Json) -> tuple[set[str], set[str | None]]:
    """(types, formats) of a property's non-null variants, seen through allOf."""
    types: set[str] = set()
    formats: set[str | None] = set()
    for variant in schemas.variants(node):
        types |= schemas.types(variant) - {"null"}
        found = variant.get("format")
        if found is None:
            for part in members(variant.get("allOf")):
                found = found or schemas.deref(part).get("format")
        formats.add(found if isinstance(found, str) else None)
    return types, formats


def _is_datetime(schemas: Schemas, node: Json) -> bool:
    types, formats = _formats(schemas, node)
    return types == {"string"} and formats == {"date-time"}


def _describe(schemas: Schemas, node: Json) -> str:
    types, formats = _formats(schemas, node)
    shown = " or ".join(sorted(types)) or "untyped"
    named = sorted(f for f in formats if f)
    if named and len(formats) > len(named):  # Pydantic's `datetime | str`
        return f"{shown} ({', '.join(named)} or any string)"
    return f"{shown} ({', '.join(named)})" if named else shown


def _timestamp_fields(api: Api, created: str, modified: str) -> list[tuple[str, str, bool]]:
    """(schema, field, is a date-time) for every timestamp of the judged models, in order."""
    key = (id(api), created, modified)
    cached = _TIMESTAMP_FIELDS.get(key)
    if cached is not None and cached[0] is api:
        return cached[1]
    options = {"created": created, "modified": modified}
    found = []
    for component in api.components:
        if not _timestamped(component, api, options):
            continue
        properties = api.schemas.properties(component.schema)
        for field in (created, *MODIFICATION_NAMES):
            if field in properties:
                found.append((component.name, field, _is_datetime(api.schemas, properties[field])))
    _TIMESTAMP_FIELDS.clear()  # one API at a time
    _TIMESTAMP_FIELDS[key] = (api, found)
    return found


_TIMESTAMP_FIELDS: dict[tuple[int, str, str], tuple[Api, list[tuple[str, str, bool]]]] = {}


def _loose_timestamps(api: Api, created: str, modified: str) -> list[tuple[str, str]]:
    return [(n, f) for n, f, ok in _timestamp_fields(api, created, modified) if not ok]


def _timestamp_count(api: Api, created: str, modified: str) -> int:
    return len(_timestamp_fields(api, created, modified))


def _timestamped(component: Component, api: Api, options: Options) -> bool:
    """A model with a creation or modification timestamp that is no request body alone (a
    body that accepts `created_at`, for imports, is no stored record)."""
    if not model(component, api, options):
        return False
    if api.schema_uses.get(component.name) == frozenset({"input"}):
        return False
    properties = api.schemas.properties(component.schema)
    return options["created"] in properties or options["modified"] in properties


# The names of the modification timestamp: the guideline's text, Polar's TimestampedSchema.
MODIFICATION_NAMES = ("updated_at", "modified_at")


@rule(
    "warning",
    scope=for_each_schema("models with a timestamp (not request bodies alone)", _timestamped),
)
def timestamps(
    component: Component, api: Api, *, created: str = "created_at", modified: str = "modified_at"
) -> Iterator[Problem]:
    """A schema with `created_at` also has the modification timestamp, both date-times.

    Every component schema (properties merged through `allOf`) that has `created_at` must
    have `modified_at` too (and the other way round), each `type: string, format: date-time`,
    nullable or not (`anyOf` with null, `nullable: true`). The guideline's text says
    `updated_at`, Polar's `TimestampedSchema` writes `modified_at`: either is accepted (the
    option is the name messages ask for).
    Schemas only ever sent by clients (reached from request bodies and parameters alone, e.g.
    an import that sets `created_at`) describe no stored record and are not judged.
    When most of an API's timestamps (five or more, over half) are not date-times, that is
    one decision (a `str` or an epoch integer for every timestamp): one finding, at the first
    such field, with the count and examples.

    Why: clients sync and sort on "what changed since"; a resource that has a creation time
    but no modification time (or timestamps as free text) cannot be synced like the others.

    Bad:
        components:
          schemas:
            Download:
              type: object
              properties:
                id: {type: string}
                created_at: {type: string, format: date-time}

    Good:
        components:
          schemas:
            Download:
              type: object
              properties:
                id: {type: string}
                created_at: {type: string, format: date-time}
                modified_at:
                  anyOf: [{type: string, format: date-time}, {type: "null"}]

    Options:
        created: the creation timestamp's name (default `created_at`).
        modified: the modification timestamp's name asked for (default `modified_at`;
            `updated_at` is accepted too).
    """
    schemas = api.schemas
    name, pointer, schema = component.name, component.pointer, component.schema
    properties = schemas.properties(schema)
    # The guideline's text writes `updated_at`, Polar's TimestampedSchema `modified_at`:
    # either is the modification timestamp (the option names the one a team prefers).
    names = [modified, *(n for n in MODIFICATION_NAMES if n != modified)]
    found = next((n for n in names if n in properties), None)
    has_created = created in properties
    if has_created and found is None:
        yield Problem(
            pointer,
            f"schema {name} has {created} but no {modified}; a timestamped schema has both",
            key=modified,
        )
    elif found is not None and not has_created:
        yield Problem(
            pointer,
            f"schema {name} has {found} but no {created}; a timestamped schema has both",
            key=created,
        )
    loose = _loose_timestamps(api, created, modified)
    if len(loose) >= SYSTEMIC and len(loose) * 2 > _timestamp_count(api, created, modified):
        # One decision (timestamps typed as text across the API): one finding, at the first.
        if loose[0][0] == name:
            examples = and_list([f"{n}.{f}" for n, f in loose], shown=2)
            yield Problem(
                join(pointer, "properties", loose[0][1]),
                f"{len(loose)} timestamps of {len({n for n, _ in loose})} schemas are not "
                f"date-times (e.g. {examples}); expected a date-time "
                "(type: string, format: date-time)",
                key="systemic",
            )
        return
    own = schema.get("properties")
    for field in (created, found or modified):
        if field not in properties or _is_datetime(schemas, properties[field]):
            continue
        at = (
            join(pointer, "properties", field)
            if isinstance(own, Mapping) and field in own
            else pointer
        )
        yield Problem(
            at,
            f"{name}.{field} is {_describe(schemas, properties[field])}; expected a "
            "date-time (type: string, format: date-time)",
            key=field,
        )


# -- schema-docs --------------------------------------------------------------------------------


def _fastapi_validation_error(name: str, schemas: Schemas, schema: SchemaDict) -> bool:
    """FastAPI's own `HTTPValidationError` ({detail: [ValidationError]}) and
    `ValidationError` ({loc, msg, type}): written by the framework, not the team."""
    if name == "ValidationError":
        return is_validation_item(schemas, schema)
    return name == "HTTPValidationError" and is_fastapi_validation_error(schemas, schema)


def _is_model(schemas: Schemas, schema: SchemaDict) -> bool:
    """An object model (what a Pydantic class becomes), not an enum, union or alias."""
    if "enum" in schema or "const" in schema or "anyOf" in schema or "oneOf" in schema:
        return False
    return "properties" in schema or schema.get("type") == "object"


def _own_properties(schemas: Schemas, schema: SchemaDict) -> dict[str, SchemaDict]:
    """Properties declared by the schema itself (and its inline allOf parts), not inherited
    through a `$ref` (the referenced schema answers for those)."""
    found: dict[str, SchemaDict] = {}
    for part in members(schema.get("allOf")):
        if is_mapping(part) and "$ref" not in part:
            found.update(_own_properties(schemas, part))
    props = schema.get("properties")
    if is_mapping(props):
        found.update({str(k): v for k, v in props.items() if is_mapping(v)})
    return found


def _reference(schemas: Schemas, node: SchemaDict) -> SchemaDict | None:
    """The schema a property references, as FastAPI writes it: `$ref`, `allOf: [$ref]`
    (3.0), or either with a null branch."""
    nodes = schemas.variant_nodes(node)
    if len(nodes) != 1:
        return None
    only = nodes[0]
    if is_mapping(only) and "$ref" not in only:
        parts = only.get("allOf")
        if isinstance(parts, list) and len(parts) == 1:
            only = parts[0]
    if is_mapping(only) and "$ref" in only:
        return schemas.deref(only)
    return None


def _described(schemas: Schemas, prop: SchemaDict) -> bool:
    """A property is documented by its description, by its one fixed value (a `const` tag such
    as `type: "discord"`), or by the schema it references: a described schema, or a model
    (which answers for its own description)."""
    if prop.get("description"):
        return True
    values = schemas.enum(prop)
    if values is not None and len(values) == 1:
        return True
    target = _reference(schemas, prop)
    return target is not None and (bool(target.get("description")) or _is_model(schemas, target))


def _wants_example(schemas: Schemas, prop: SchemaDict) -> bool:
    """An example is useful where only a regex tells what a valid value looks like: a string
    constrained by a `pattern` (not a literal), with no enum, format or other type."""
    if "example" in prop or "examples" in prop:
        return False
    if "pattern" not in prop and "$ref" not in prop and "anyOf" not in prop and "oneOf" not in prop:
        return False  # its one variant is itself, and it has no pattern (most properties)
    variants = schemas.variants(prop)
    if not variants:
        return False
    for variant in variants:
        pattern = variant.get("pattern")
        if (
            schemas.types(variant) != {"string"}
            or not isinstance(pattern, str)
            or _LITERAL.fullmatch(pattern)  # a literal, e.g. ^usd$
            or "enum" in variant
            or "format" in variant
            or "example" in variant
            or "examples" in variant
        ):
            return False
    return True


def _gaps(schemas: Schemas, schema: SchemaDict, examples: bool) -> tuple[list[str], list[str]]:
    """(properties without description, properties that want an example)."""
    undocumented, unexampled = [], []
    for name, prop in _own_properties(schemas, schema).items():
        if not _described(schemas, prop):
            undocumented.append(name)
        if examples and _wants_example(schemas, prop):
            unexampled.append(name)
    return undocumented, unexampled


def _docs_message(
    subject: str, missing_own: bool, undocumented: list[str], unexampled: list[str]
) -> str:
    parts = []
    if missing_own:
        parts.append(f"{subject} has no description")
    if undocumented:
        word = "property" if len(undocumented) == 1 else "properties"
        parts.append(f"{word} without description: {_and(undocumented)}")
    if unexampled:
        word = (
            "pattern-constrained property"
            if len(unexampled) == 1
            else ("pattern-constrained properties")
        )
        parts.append(f"{word} without example: {_and(unexampled)}")
    text = "; ".join(parts)
    return text if missing_own else f"{subject}: {text}"


def _documented_model(component: Component, api: Api, options: Options) -> bool:
    """An object model of the team's: not an enum, union or alias, nor FastAPI's own."""
    return (
        model(component, api, options)
        and _is_model(api.schemas, component.schema)
        and not _fastapi_validation_error(component.name, api.schemas, component.schema)
    )


@rule("info", scope=document("object models (not FastAPI's own)", schemas=_documented_model))
def schema_docs(api: Api, *, examples: bool = True) -> Iterator[Problem]:
    """Schemas and their properties have descriptions; examples where useful.

    One finding per model (an object schema, what a Pydantic class becomes) listing what it
    lacks: its own description (the class docstring), descriptions of its properties
    (`Field(description=...)`), and examples where they are useful. A property that
    references another schema is documented by it. Useful examples: a string constrained by
    a regex `pattern` (and no enum or format) tells clients what is valid only through the
    regex; one example value makes it readable. Elsewhere the type, format and enum already
    say what a value looks like, and docs tools derive their samples from them.

    Not reported, as no team can act on them: FastAPI's own `HTTPValidationError` and
    `ValidationError`; the description of a parametrized generic model
    (`ListResource_Product_`: Pydantic drops the generic's docstring from its
    parametrizations), whose undocumented fields are reported once per generic model; the
    description of FastAPI's `Body_<operation>` schemas (forms, uploads: no class to document,
    only their fields). A property fixed to one value (a `const` tag) documents itself. Enums
    and unions are documented where they are used: a property referencing an undescribed
    enum is an undocumented property.

    Why: the spec is the API's reference documentation and the source of its SDKs; a field
    without a description leaves clients guessing units, formats and meaning.

    Bad:
        components:
          schemas:
            Attachment:
              type: object
              properties:
                id: {type: string}
                file_name: {type: string}

    Good:
        components:
          schemas:
            Attachment:
              type: object
              description: A file attached to a note.
              properties:
                id: {type: string, description: The attachment ID.}
                file_name: {type: string, description: Name of the file.}
                slug:
                  type: string
                  pattern: "^[a-z0-9-]+$"
                  description: URL-friendly name.
                  examples: [my-file]

    Options:
        examples: also ask for examples where they are useful (default true).
    """
    schemas = api.schemas
    # base -> (its parametrizations as (name, pointer), undocumented, unexampled)
    generics: dict[str, tuple[list[tuple[str, str]], set[str], set[str]]] = {}
    for component in api.components:
        if not _documented_model(component, api, {}):
            continue
        name, pointer, schema = component.name, component.pointer, component.schema
        undocumented, unexampled = _gaps(schemas, schema, examples)
        generic = _GENERIC.match(name)
        if generic:
            members, missing, wanting = generics.setdefault(
                generic.group("base"), ([], set(), set())
            )
            members.append((name, pointer))
            missing.update(undocumented)
            wanting.update(unexampled)
            continue
        # FastAPI writes `Body_<operation>` for bodies made of several parameters (forms, file
        # uploads): there is no class to give a docstring, only the fields' descriptions.
        missing_own = not schema.get("description") and not name.startswith("Body_")
        if missing_own or undocumented or unexampled:
            yield Problem(
                pointer,
                _docs_message(f"schema {name}", missing_own, undocumented, unexampled),
                key=name,
            )
    for base, (members, missing, wanting) in generics.items():
        if missing or wanting:
            # Reported at the first parametrization by name: the same place whatever the
            # order of the components (a diff or a baseline must not see it move).
            first, pointer = min(members)
            count = f"{len(members)} parametrization{'s' if len(members) > 1 else ''}"
            yield Problem(
                pointer,
                _docs_message(
                    f"generic model {base} ({count}, e.g. {first})",
                    False,
                    sorted(missing),
                    sorted(wanting),
                ),
                key=base,
            )
