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
from checker.model import Api, Operation, is_json
from checker.model.schemas import Json, SchemaDict, Schemas
from checker.pointers import join
from checks.responses import read_schema

_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
# Pydantic names a parametrized generic model `Base_Param_` (`ListResource_Product_`).
_GENERIC = re.compile(r"^(?P<base>[A-Za-z][A-Za-z0-9]*)_.+_$")
_SHOWN = 8  # names listed in one message before "and N more"


# -- shared helpers -----------------------------------------------------------------------------


def _models(api: Api) -> Iterator[tuple[str, str, SchemaDict]]:
    """Component schemas, FastAPI's `X-Input`/`X-Output` twins once (as `X-Output`)."""
    for name, pointer, schema in api.component_schemas():
        if name not in api.twins:
            yield name, pointer, schema


def _and(words: list[str]) -> str:
    if len(words) > _SHOWN:
        words = [*words[:_SHOWN], f"{len(words) - _SHOWN} more"]
    return " and ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " and " + words[-1]


def _json_media(content: Mapping[str, SchemaDict]) -> str | None:
    return next((m for m in content if is_json(m)), None)


def _body_pointer(op: Operation) -> str:
    """The pointer of the operation's JSON body schema (the body itself when there is none)."""
    assert op.body is not None
    media = _json_media(op.body.content)
    return join(op.body.pointer, "content", media, "schema") if media else op.body.pointer


def _model_names(api: Api, node: Json) -> frozenset[str] | None:
    """The set of named union variants of a schema (twins as one model); None when it is no
    union of named schemas."""
    names = [api.schemas.ref_name(v) for v in api.schemas.variant_nodes(node)]
    if len(names) > 1 and all(names):
        return frozenset(api.model_of(n) for n in names if n)
    return None


def _same_model(api: Api, a: Json, b: Json) -> bool:
    """Whether two schemas are one model: one component (FastAPI's `X-Input`/`X-Output` split
    as one), or unions of the same named variants. Unlike `Schemas.same`, inline schemas are
    never the same: two `{type: object}` bodies say nothing about separate models."""
    name_a, name_b = api.schemas.ref_name(a), api.schemas.ref_name(b)
    if name_a and name_b and api.model_of(name_a) == api.model_of(name_b):
        return True
    variants_a = _model_names(api, a)
    return variants_a is not None and variants_a == _model_names(api, b)


def _shown(schemas: Schemas, node: Json) -> str:
    name = schemas.ref_name(node)
    if name:
        return name
    names = [schemas.ref_name(v) for v in schemas.variant_nodes(node)]
    if len(names) > 1 and all(names):
        return " | ".join(n for n in names if n)
    return "an inline schema"


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
    """(name, pointer) of every property declared inline under node (nested objects too)."""
    for where, sub in schemas.walk(node, pointer):
        props = sub.get("properties")
        if isinstance(props, Mapping):
            for name in props:
                yield str(name), join(where, "properties", name)


@rule("error")
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

    def judge(name: str, pointer: str, owner: str, op: Operation | None) -> Iterator[Problem]:
        if _SNAKE.match(name) or name in allowed or pointer in seen:
            return
        seen.add(pointer)
        yield Problem(
            pointer,
            f"property {name} of {owner} is not snake_case; {_expected(name)}",
            operation=op,
            key=name,
        )

    for schema_name, pointer, schema in _models(api):
        for name, where in _property_names(schemas, schema, pointer):
            yield from judge(name, where, f"schema {schema_name}", None)
    for op in api.operations:
        inline: list[tuple[SchemaDict, str, str]] = []
        if op.body is not None and op.body.json_schema is not None:
            inline.append((op.body.json_schema, _body_pointer(op), "the body"))
        for response in op.responses.values():
            media = _json_media(response.content)
            if media is not None:
                where = join(response.pointer, "content", media, "schema")
                inline.append((response.content[media], where, f"the {response.status} answer"))
        for node, where, what in inline:
            if "$ref" in node:
                continue
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
    if op.resource is not None:
        found = read_schema(api, op.resource, op.path if op.kind == "update" else None)
        if found is not None:
            return found
    response = op.responses.get("201" if op.kind == "create" else "200")
    return response.json_schema if response else None


@rule("error")
def separate_write_schemas(api: Api) -> Iterator[Problem]:
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
    """
    schemas = api.schemas
    for op in api.operations:
        if op.kind not in ("create", "update") or op.body is None:
            continue
        body = op.body.json_schema
        if body is None:
            continue
        read = _read_of(api, op)
        if read is not None and _same_model(api, body, read):
            yield Problem(
                _body_pointer(op),
                f"{op.label} takes {_shown(schemas, body)}, the read schema, as its body; "
                f"{'creates' if op.kind == 'create' else 'updates'} take their own schema",
                operation=op,
            )
            continue
        if op.kind != "update" or op.method != "patch" or op.resource is None:
            continue  # a PUT replaces the whole resource: it may well take the create's fields
        for create in op.resource.ops("create"):
            written = create.body.json_schema if create.body is not None else None
            if written is not None and _same_model(api, body, written):
                yield Problem(
                    _body_pointer(op),
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


@rule("error")
def partial_update(api: Api) -> Iterator[Problem]:
    """Update bodies require nothing: every field is optional (a partial update).

    Judged on PATCH updates with a JSON body (a PUT replaces the whole resource by HTTP's
    definition; `standard-methods` reports the PUT itself). Not update fields: a union's
    `discriminator` property and properties fixed to one value (`const`, Pydantic's
    `Literal`), which tell variants apart. A body that is a union of update commands
    (`oneOf`/`anyOf` variants, e.g. cancel, pause, resume) is judged per variant: each
    command may require its one field; a variant requiring more is reported.

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
    """
    schemas = api.schemas
    for op in api.operations:
        if op.kind != "update" or op.method != "patch" or op.body is None:
            continue
        body = op.body.json_schema
        if body is None:
            continue
        top = schemas.deref(body)
        nodes = schemas.variant_nodes(body)
        tags = {t for t in [_discriminator(top)] if t}
        union = len(nodes) > 1
        for node in nodes:
            variant = schemas.deref(node)
            own = {t for t in [_discriminator(variant)] if t}
            fields = _update_fields(schemas, variant, tags | own)
            name = schemas.ref_name(node)
            if not union and fields:
                what = f"body {name}" if name else "inline body"
                yield Problem(
                    _body_pointer(op),
                    f"{op.label} {what} requires {_and(fields)}; an update takes every "
                    "field as optional (partial update)",
                    operation=op,
                )
            elif union and len(fields) > 1:
                what = name or f"#{nodes.index(node) + 1}"
                yield Problem(
                    _body_pointer(op),
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
            for part in variant.get("allOf") or []:
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
    return f"{shown} ({', '.join(named)})" if named else shown


@rule("warning")
def timestamps(
    api: Api, *, created: str = "created_at", modified: str = "modified_at"
) -> Iterator[Problem]:
    """A schema with `created_at` also has the modification timestamp, both date-times.

    Every component schema (properties merged through `allOf`) that has `created_at` must
    have `modified_at` too (and the other way round), each `type: string, format: date-time`,
    nullable or not (`anyOf` with null, `nullable: true`). The guideline's text says
    `updated_at`; Polar's `TimestampedSchema` writes `modified_at`: the name is an option.
    Schemas only ever sent by clients (reached from request bodies and parameters alone, e.g.
    an import that sets `created_at`) describe no stored record and are not judged.

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
        modified: the modification timestamp's name (default `modified_at`; or `updated_at`).
    """
    schemas = api.schemas
    alternatives = [n for n in ("modified_at", "updated_at") if n != modified]
    for name, pointer, schema in _models(api):
        if api.schema_uses.get(name) == frozenset({"input"}):
            continue  # a request body that accepts `created_at` (imports) is no stored record
        properties = schemas.properties(schema)
        has_created, has_modified = created in properties, modified in properties
        if has_created and not has_modified:
            other = next((n for n in alternatives if n in properties), None)
            instead = f" (it has {other})" if other else ""
            yield Problem(
                pointer,
                f"schema {name} has {created} but no {modified}{instead}; a timestamped "
                f"schema has both",
                key=modified,
            )
        elif has_modified and not has_created:
            yield Problem(
                pointer,
                f"schema {name} has {modified} but no {created}; a timestamped schema has both",
                key=created,
            )
        own = schema.get("properties")
        for field in (created, modified):
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
    properties = schemas.properties(schema)
    if name == "ValidationError":
        return {"loc", "msg", "type"} <= properties.keys()
    if name == "HTTPValidationError":
        detail = properties.get("detail")
        item = schemas.items(detail) if detail is not None else None
        return item is not None and {"loc", "msg", "type"} <= schemas.properties(item).keys()
    return False


def _is_model(schemas: Schemas, schema: SchemaDict) -> bool:
    """An object model (what a Pydantic class becomes), not an enum, union or alias."""
    if "enum" in schema or "const" in schema or "anyOf" in schema or "oneOf" in schema:
        return False
    return "properties" in schema or schema.get("type") == "object"


def _own_properties(schemas: Schemas, schema: SchemaDict) -> dict[str, SchemaDict]:
    """Properties declared by the schema itself (and its inline allOf parts), not inherited
    through a `$ref` (the referenced schema answers for those)."""
    found: dict[str, SchemaDict] = {}
    for part in schema.get("allOf") or []:
        if isinstance(part, Mapping) and "$ref" not in part:
            found.update(_own_properties(schemas, part))
    props = schema.get("properties")
    if isinstance(props, Mapping):
        found.update({str(k): v for k, v in props.items() if isinstance(v, Mapping)})
    return found


def _reference(schemas: Schemas, node: SchemaDict) -> SchemaDict | None:
    """The schema a property references, as FastAPI writes it: `$ref`, `allOf: [$ref]`
    (3.0), or either with a null branch."""
    nodes = schemas.variant_nodes(node)
    if len(nodes) != 1:
        return None
    only = nodes[0]
    if isinstance(only, Mapping) and "$ref" not in only:
        parts = only.get("allOf")
        if isinstance(parts, list) and len(parts) == 1:
            only = parts[0]
    if isinstance(only, Mapping) and "$ref" in only:
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
    variants = schemas.variants(prop)
    if not variants:
        return False
    for variant in variants:
        pattern = variant.get("pattern")
        if (
            schemas.types(variant) != {"string"}
            or not isinstance(pattern, str)
            or re.fullmatch(r"\^?[\w -]*\$?", pattern)  # a literal, e.g. ^usd$
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


@rule("info")
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
    for name, pointer, schema in _models(api):
        if not _is_model(schemas, schema) or _fastapi_validation_error(name, schemas, schema):
            continue
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
