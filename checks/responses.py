"""Responses: the status codes of reads, creates, updates and deletes, and FastAPI's 422."""

from __future__ import annotations

from collections.abc import Iterator

from checker.engine.registry import Problem, rule
from checker.model import Api, Operation
from checker.model.schemas import Json, Schemas
from checker.model.scopes import (
    CREATES,
    CREATES_AND_UPDATES,
    DELETES,
    ITEM_READS,
    UPDATES,
    Options,
    document,
    every_operation,
)
from checker.words import and_list
from checks.kit import (
    SYSTEMIC,
    answer,
    is_fastapi_validation_error,
    name_of,
    responses_pointer,
    statuses,
    types_of,
    written_read_schema,
)


@rule("error", scope=ITEM_READS)
def read_status(op: Operation, api: Api) -> Iterator[Problem]:
    """Reads (get by id) answer 200 with a JSON body.

    Why: a client that fetched `/customers/{id}` expects the customer, every time, with the
    same status; 201/202 or an empty answer make every read a special case.

    Bad:
        paths:
          /v1/customers/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "204": {description: No Content}

    Good:
        paths:
          /v1/customers/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {type: object}
    """
    ok = op.responses.get("200")
    if ok is None:
        yield Problem(
            responses_pointer(op),
            f"{op.label} is a read but documents {statuses(op)}; expected 200",
            operation=op,
        )
    elif not ok.has_json:
        yield Problem(
            ok.pointer,
            f"{op.label} is a read but its 200 has no JSON body",
            operation=op,
        )


@rule("error", scope=CREATES)
def create_status(op: Operation, api: Api) -> Iterator[Problem]:
    """Creates answer 201 Created with a JSON body, and no other 2xx.

    A create is a POST on a collection (`/customers/`, `/customers/{id}/members`); POSTs on
    actions (`/orders/{id}/finalize`) are not creates and may answer 200, 202 or 204.

    Why: 201 tells clients and caches that a new resource exists; a create answering 200 looks
    like an action, and clients cannot tell whether anything was made.

    Bad:
        paths:
          /v1/customers/:
            post:
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {type: object}
          /v1/customers/{id}:
            delete:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "204": {description: No Content}

    Good:
        paths:
          /v1/customers/:
            post:
              responses:
                "201":
                  description: Created
                  content:
                    application/json:
                      schema: {type: object}
          /v1/customers/{id}:
            delete:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "204": {description: No Content}

    FastAPI:
        @router.post("/", status_code=201, response_model=Customer)
        async def create(customer_create: CustomerCreate) -> Customer: ...
    """
    created = op.responses.get("201")
    others = sorted(s for s in op.success if s != "201")
    if created is None:
        yield Problem(
            responses_pointer(op),
            f"{op.label} is a create but documents {statuses(op)}; expected 201",
            operation=op,
        )
        return
    if others:
        yield Problem(
            responses_pointer(op),
            f"{op.label} is a create but also documents {' and '.join(others)}; "
            "a create answers 201 only",
            operation=op,
        )
    if not created.has_json:
        yield Problem(
            created.pointer,
            f"{op.label} answers 201 without a JSON body; expected the created resource",
            operation=op,
        )


@rule("error", scope=UPDATES)
def update_status(op: Operation, api: Api) -> Iterator[Problem]:
    """Updates answer 200 OK with a JSON body (the updated resource).

    Why: clients rely on getting the resource back after a PATCH to refresh their copy;
    202/204 force a second request and differ between endpoints.

    Bad:
        paths:
          /v1/customers/{id}:
            patch:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              requestBody:
                content:
                  application/json:
                    schema: {type: object}
              responses:
                "204": {description: No Content}

    Good:
        paths:
          /v1/customers/{id}:
            patch:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              requestBody:
                content:
                  application/json:
                    schema: {type: object}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {type: object}

    FastAPI:
        @router.patch("/{id}", response_model=Customer)  # status_code defaults to 200
        async def update(id: CustomerID, customer_update: CustomerUpdate) -> Customer: ...
    """
    ok = op.responses.get("200")
    if ok is None:
        yield Problem(
            responses_pointer(op),
            f"{op.label} is an update but documents {statuses(op)}; expected 200",
            operation=op,
        )
    elif not ok.has_json:
        yield Problem(
            ok.pointer,
            f"{op.label} is an update but its 200 has no JSON body; expected the updated resource",
            operation=op,
        )


@rule("error", scope=DELETES)
def delete_status(op: Operation, api: Api) -> Iterator[Problem]:
    """Deletes answer 204 No Content with an empty body.

    Soft deletes that answer the object (e.g. revoking a subscription) deviate by the letter
    of the guideline; configuration can excuse them per path.

    Why: 204 says "done, nothing to return"; a body on some deletes and not others makes
    clients parse each delete differently.

    Bad:
        paths:
          /v1/customers/{id}:
            delete:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {type: object}

    Good:
        paths:
          /v1/customers/{id}:
            delete:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "204": {description: No Content}

    FastAPI:
        @router.delete("/{id}", status_code=204)
        async def delete(id: CustomerID) -> None: ...  # returns nothing: no body
    """
    empty = op.responses.get("204")
    others = sorted(s for s in op.success if s != "204")
    if empty is None:
        yield Problem(
            responses_pointer(op),
            f"{op.label} is a delete but documents {statuses(op)}; expected 204 with no body",
            operation=op,
        )
        return
    if others:
        yield Problem(
            responses_pointer(op),
            f"{op.label} is a delete but also documents {' and '.join(others)}; "
            "a delete answers 204 only",
            operation=op,
        )
    if empty.content:
        yield Problem(
            empty.pointer + "/content",
            f"{op.label} answers 204 with a body; 204 has no content",
            operation=op,
        )


def _validates_input(op: Operation) -> bool:
    """FastAPI validates (and documents 422 for) parameters and JSON bodies."""
    return bool(op.parameters) or (op.body is not None and op.body.json_schema is not None)


@rule("error", scope=document("every operation", operations=every_operation))
def validation_error_422(api: Api) -> Iterator[Problem]:
    """Operations that take input document 422 in FastAPI's shape, and 422 means only that.

    FastAPI documents `422 -> HTTPValidationError` (`detail`: array of `{loc, msg, type}`) for
    every operation with parameters or a JSON body. Operations with neither (and form bodies
    read by hand, like OAuth2's RFC endpoints) are not required to document it.

    A deviation shared by many operations is one decision, reported once where it is made,
    with how many operations it affects: a customised `HTTPValidationError` at that schema, one
    same non-JSON 422 at its first operation, 422 left out of most operations at `paths`.

    Why: clients handle invalid input in one place when every endpoint answers the same 422
    shape; a 422 that carries a business error breaks that handler.

    Bad:
        paths:
          /v1/customers/:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object}
              responses:
                "201": {description: Created}
                "422":
                  description: Business rule failed
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          error: {type: string}

    Good:
        paths:
          /v1/customers/:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object}
              responses:
                "201": {description: Created}
                "422":
                  description: Validation Error
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          detail:
                            type: array
                            items:
                              type: object
                              properties:
                                loc: {type: array, items: {type: string}}
                                msg: {type: string}
                                type: {type: string}
    """
    groups: dict[tuple[str, str], list[tuple[Operation, Problem]]] = {}
    for op in api.operations:
        for group, problem in _problems_422(op, api):
            groups.setdefault(group, []).append((op, problem))
    validating = sum(1 for op in api.operations if _validates_input(op))
    for (kind, detail), found in groups.items():
        if len(found) < SYSTEMIC or (kind == "missing" and len(found) * 2 < validating):
            yield from (problem for _, problem in found)
            continue
        first = found[0][0]
        if kind == "missing":
            yield Problem(
                "/paths",
                f"{len(found)} of the {validating} operations that take input document no 422 "
                "validation error; FastAPI documents one for each",
                key="422-missing",
            )
        elif kind == "shape":
            named = {c.name: c.pointer for c in api.components}
            yield Problem(
                named.get(detail, found[0][1].pointer),
                f"{detail}, the 422 of {len(found)} operations, is not FastAPI's validation "
                "error (detail: [{loc, msg, type}])",
                key=f"422-shape-{detail}",
            )
        else:
            yield Problem(
                found[0][1].pointer,
                f"{len(found)} operations document 422 as {detail} (the first: {first.label}); "
                "expected FastAPI's validation error (detail: [{loc, msg, type}]) in JSON",
                key="422-content",
            )


def _problems_422(op: Operation, api: Api) -> Iterator[tuple[tuple[str, str], Problem]]:
    """An operation's 422 problems, each with the group a shared decision puts it in."""
    schemas = api.schemas
    invalid = op.responses.get("422")
    if invalid is None:
        if _validates_input(op):
            problem = Problem(
                responses_pointer(op),
                f"{op.label} takes input but documents no 422 validation error",
                operation=op,
            )
            yield ("missing", ""), problem
        return
    schema = invalid.json_schema
    if schema is None:
        media = ", ".join(sorted(invalid.content)) or "no content"
        problem = Problem(
            invalid.pointer,
            f"{op.label} documents 422 without a JSON body; expected FastAPI's "
            "validation error (detail: [{loc, msg, type}])",
            operation=op,
        )
        yield ("content", media), problem
        return
    wrong = [v for v in schemas.variants(schema) if not is_fastapi_validation_error(schemas, v)]
    if wrong:
        names = [schemas.ref_name(n) for n in schemas.variant_nodes(schema)]
        shown = ", ".join(n for n in names if n) or "another shape"
        problem = Problem(
            invalid.pointer,
            f"{op.label} uses 422 for {shown}; 422 is for FastAPI's validation errors "
            "(detail: [{loc, msg, type}])",
            operation=op,
        )
        yield ("shape", shown), problem


def _written_and_read(op: Operation, api: Api) -> tuple[str, Json, Json] | None:
    """(status, what the write answers, what the read answers), when both are documented and
    say something (a `{}` answer, FastAPI's "no response model", cannot be compared)."""
    status = "201" if op.kind == "create" else "200"
    written = answer(op, status)
    read = written_read_schema(api, op)
    if written is None or read is None:
        return None
    schemas = api.schemas
    if schemas.says_nothing(written) or schemas.says_nothing(read):
        return None
    if _lists(schemas, read, written):
        return None  # the "read" is a list of what was written (`GET /roles/{scope}`)
    return status, written, read


def _lists(schemas: Schemas, read: Json, written: Json) -> bool:
    """Whether a read answers an array of the written schema, bare or as an object's only
    array (`{roles: [Role]}`), or may answer an array at all (`anyOf` of a list and parts):
    a list, which a write's answer is not compared with."""
    if any(schemas.is_array(variant) for variant in schemas.variant_nodes(read)):
        return True
    arrays = [read] if schemas.is_array(read) else []
    arrays += [p for p in schemas.properties(read).values() if schemas.is_array(p)]
    return len(arrays) == 1 and schemas.same(schemas.items(arrays[0]), written)


def _compared(op: Operation, api: Api, options: Options) -> bool:
    return _written_and_read(op, api) is not None


def _difference(schemas: Schemas, written: Json, read: Json, depth: int = 0) -> str:
    """Where a write's object answer differs from the read's, for messages: `with x; without
    the read's y`, or `its data is A, the read's B`; empty when it cannot be said briefly."""
    mine, theirs = schemas.properties(written), schemas.properties(read)
    if not mine or not theirs:
        return ""
    extra = [n for n in mine if n not in theirs]
    lacking = [n for n in theirs if n not in mine]
    if extra or lacking:
        parts = [f"with {and_list(extra, shown=4)}"] if extra else []
        parts += [f"without the read's {and_list(lacking, shown=4)}"] if lacking else []
        return "; ".join(parts)
    for name, node in mine.items():
        other = theirs[name]
        if schemas.same(node, other):
            continue
        inner = _difference(schemas, node, other, depth + 1) if depth < 2 else ""
        named = schemas.ref_name(node) or schemas.ref_name(other)
        if inner and not named:
            return f"its {name} {inner}"
        return (
            f"its {name} is {name_of(schemas, node, types_of(schemas, node))}, the read's "
            f"{name_of(schemas, other, types_of(schemas, other))}"
        )
    return ""


WRITES_WITH_READS = CREATES_AND_UPDATES.where(
    "creates and updates of a resource whose answer and read are documented", _compared
)


@rule("warning", scope=WRITES_WITH_READS)
def write_returns_read_schema(op: Operation, api: Api) -> Iterator[Problem]:
    """Creates and updates answer the same schema as the resource's read.

    The read is the GET on the same item path when there is one (an update through an
    alternate key is compared with the read through that key), else the resource's main read,
    else its list items; a create is compared with the get-by-id under the collection it posts
    to. Schemas are compared by structure (`Schemas.same`): a `CreateXResponseBody` of the
    same shape as `GetXResponseBody` answers the same thing, and a write answering one variant
    of a union the read answers answers the read's schema. An answer of `{}` (no response
    model) says nothing to compare and is not judged. The message says where the two differ.

    Why: a client that creates or updates a resource should get back exactly what a read
    gives, so it can keep one model of the resource.

    Bad:
        paths:
          /v1/customers/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Customer"}
            patch:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/CustomerSummary"}
        components:
          schemas:
            Customer: {type: object, properties: {id: {type: string}}}
            CustomerSummary: {type: object, properties: {name: {type: string}}}

    Good:
        paths:
          /v1/customers/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Customer"}
            patch:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Customer"}
        components:
          schemas:
            Customer: {type: object, properties: {id: {type: string}}}
    """
    schemas = api.schemas
    found = _written_and_read(op, api)
    assert found is not None and op.resource is not None  # the scope selects these only
    status, written, read = found
    if schemas.same(written, read):
        return
    if any(schemas.same(written, variant) for variant in schemas.variant_nodes(read)):
        return  # the write answers one variant of a union the read answers
    detail = _difference(schemas, written, read)
    yield Problem(
        op.responses[status].pointer,
        f"{op.label} answers {_named(schemas, written)}; the read of "
        f"{op.resource.name} answers {_named(schemas, read)}" + (f" ({detail})" if detail else ""),
        operation=op,
    )


def _named(schemas: Schemas, node: Json) -> str:
    return name_of(
        schemas, node, "an inline object" if schemas.is_object(node) else "an inline schema"
    )
