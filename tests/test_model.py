"""The API model: kinds from structure, resources, parameters, schema helpers, $ref cycles."""

from __future__ import annotations

import pytest

from checker.model import build
from checker.model.schemas import Schemas
from tests.helpers import api_of, corpus_file, document

ID = "{name: id, in: path, required: true, schema: {type: string}}"
JSON = "{application/json: {schema: {type: object}}}"
LIST = "{application/json: {schema: {$ref: '#/components/schemas/ListResource'}}}"

SHAPES = f"""
paths:
  /v1/products/:
    get: {{responses: {{"200": {{description: OK, content: {LIST}}}}}}}
    post: {{operationId: list_products, responses: {{"201": {{description: OK, content: {JSON}}}}}}}
  /v1/products/{{id}}:
    parameters: [{ID}]
    get: {{summary: Create a product, responses: {{"200": {{description: OK, content: {JSON}}}}}}}
    patch: {{requestBody: {{content: {JSON}}}, responses: {{"200": {{description: OK}}}}}}
    delete: {{responses: {{"204": {{description: OK}}}}}}
  /v1/products/{{id}}/benefits:
    post:
      parameters: [{ID}]
      requestBody: {{content: {JSON}}}
      responses: {{"200": {{description: OK, content: {JSON}}}}}
  /v1/orders/{{order_id}}/finalize:
    post: {{parameters: [{{name: order_id, in: path, required: true}}], responses: {{"200": {{description: OK}}}}}}
  /v1/orders/{{order_id}}:
    get: {{parameters: [{{name: order_id, in: path, required: true}}], responses: {{"200": {{description: OK}}}}}}
  /v1/orders/{{id}}/invoice:
    get: {{parameters: [{ID}], responses: {{"200": {{description: OK, content: {JSON}}}}}}}
  /v1/customers/external/{{external_id}}:
    get: {{parameters: [{{name: external_id, in: path, required: true}}], responses: {{"200": {{description: OK}}}}}}
  /v1/customers/{{id}}/members:
    post: {{parameters: [{ID}], responses: {{"201": {{description: OK, content: {JSON}}}}}}}
  /v1/customers/external/{{external_id}}/members:
    post: {{parameters: [{{name: external_id, in: path, required: true}}], responses: {{"201": {{description: OK}}}}}}
  /v1/customers/{{id}}/members/{{member_id}}:
    get: {{parameters: [{ID}, {{name: member_id, in: path, required: true}}], responses: {{"200": {{description: OK}}}}}}
  /v1/customer-portal/customers/me:
    get: {{responses: {{"200": {{description: OK, content: {JSON}}}}}}}
    patch: {{requestBody: {{content: {JSON}}}, responses: {{"200": {{description: OK, content: {JSON}}}}}}}
  /v1/customer-portal/orders/:
    get: {{responses: {{"200": {{description: OK, content: {LIST}}}}}}}
  /v1/license-keys/validate:
    post: {{requestBody: {{content: {JSON}}}, responses: {{"200": {{description: OK}}}}}}
  /v1/license-keys/{{id}}:
    get: {{parameters: [{ID}], responses: {{"200": {{description: OK}}}}}}
  /v1/metrics/:
    get: {{responses: {{"200": {{description: OK, content: {JSON}}}}}}}
  /v1/customers/export:
    get: {{responses: {{"200": {{description: OK, content: {{text/csv: {{schema: {{type: string}}}}}}}}}}}}
  /v1/customers/:
    get: {{responses: {{"200": {{description: OK, content: {LIST}}}}}}}
components:
  schemas:
    ListResource:
      type: object
      properties: {{items: {{type: array, items: {{type: object}}}}, pagination: {{type: object}}}}
"""

KINDS = [
    ("get", "/v1/products/", "list", "products"),
    ("post", "/v1/products/", "create", "products"),
    ("get", "/v1/products/{id}", "read", "products"),
    ("patch", "/v1/products/{id}", "update", "products"),
    ("delete", "/v1/products/{id}", "delete", "products"),
    ("post", "/v1/products/{id}/benefits", "action", "products"),
    ("post", "/v1/orders/{order_id}/finalize", "action", "orders"),
    ("get", "/v1/orders/{id}/invoice", "read", "orders"),
    ("get", "/v1/customers/external/{external_id}", "read", "customers"),
    ("post", "/v1/customers/{id}/members", "create", "customers/{id}/members"),
    ("post", "/v1/customers/external/{external_id}/members", "create", "customers/{id}/members"),
    ("get", "/v1/customers/{id}/members/{member_id}", "read", "customers/{id}/members"),
    ("get", "/v1/customer-portal/customers/me", "read", None),
    ("patch", "/v1/customer-portal/customers/me", "update", None),
    ("get", "/v1/customer-portal/orders/", "list", "customer-portal/orders"),
    ("post", "/v1/license-keys/validate", "action", "license-keys"),
    ("get", "/v1/metrics/", "other", None),
    ("get", "/v1/customers/export", "other", "customers"),
]


@pytest.mark.parametrize(("method", "path", "kind", "resource"), KINDS)
def test_kinds_come_from_structure(method: str, path: str, kind: str, resource: str) -> None:
    api = api_of(SHAPES)
    op = next(o for o in api.operations if o.method == method and o.path == path)
    assert op.kind == kind
    assert (op.resource.name if op.resource else None) == resource


def test_names_do_not_decide_kinds() -> None:
    # operationId says "list", summary says "create": the structure says create and read.
    api = api_of(SHAPES)
    kinds = {(o.method, o.path): o.kind for o in api.operations}
    assert kinds[("post", "/v1/products/")] == "create"
    assert kinds[("get", "/v1/products/{id}")] == "read"


def test_trailing_slash_and_item_are_one_resource() -> None:
    api = api_of(SHAPES)
    products = api.resources["products"]
    assert products.collection_path == "/v1/products/"
    assert products.item_paths == ["/v1/products/{id}"]
    assert products.read is not None and products.read.path == "/v1/products/{id}"
    assert api.resources["customer-portal/orders"].namespace == ("customer-portal",)
    members = api.resources["customers/{id}/members"]
    assert members.parent is api.resources["customers"]


def test_parameters_merge_path_and_operation_level() -> None:
    api = api_of(
        """
        paths:
          /v1/items/{id}:
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
              - {$ref: '#/components/parameters/Limit'}
            get:
              parameters:
                - {name: limit, in: query, schema: {type: integer, maximum: 5}}
              responses: {"200": {description: OK}}
        components:
          parameters:
            Limit: {name: limit, in: query, schema: {type: integer}}
        """
    )
    (op,) = api.operations
    assert {(p.name, p.location) for p in op.parameters} == {("id", "path"), ("limit", "query")}
    limit = op.parameter("limit")
    assert limit is not None and limit.schema == {"type": "integer", "maximum": 5}


def test_ref_cycles_terminate() -> None:
    doc = document(
        """
        components:
          schemas:
            A: {$ref: '#/components/schemas/B'}
            B: {$ref: '#/components/schemas/A'}
            Node:
              type: object
              properties:
                children: {type: array, items: {$ref: '#/components/schemas/Node'}}
                parent: {anyOf: [{$ref: '#/components/schemas/Node'}, {type: 'null'}]}
              allOf: [{$ref: '#/components/schemas/Node'}]
        """
    )
    schemas = Schemas(doc)
    assert schemas.deref({"$ref": "#/components/schemas/A"}) == {}
    node = {"$ref": "#/components/schemas/Node"}
    assert set(schemas.properties(node)) == {"children", "parent"}
    assert schemas.types(node) == {"object"}
    assert schemas.nullable(schemas.properties(node)["parent"])
    assert schemas.ref_name(schemas.non_null(schemas.properties(node)["parent"])) is None
    assert schemas.deref({"$ref": "#/components/schemas/Missing"}) == {}


@pytest.mark.parametrize(
    ("schema", "types", "nullable"),
    [
        ({"type": "string"}, {"string"}, False),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, {"string", "null"}, True),
        ({"type": ["integer", "null"]}, {"integer", "null"}, True),
        ({"type": "string", "nullable": True}, {"string", "null"}, True),
        ({"allOf": [{"$ref": "#/components/schemas/S"}]}, {"string"}, False),
        (
            {"oneOf": [{"$ref": "#/components/schemas/S"}, {"type": "array"}]},
            {"string", "array"},
            False,
        ),
        ({"properties": {"a": {}}}, {"object"}, False),
        ({}, set(), False),
    ],
)
def test_types_and_nullability(schema: dict, types: set[str], nullable: bool) -> None:
    schemas = Schemas(document({"components": {"schemas": {"S": {"type": "string"}}}}))
    assert schemas.types(schema) == types
    assert schemas.nullable(schema) is nullable


def test_variants_and_enums_through_refs() -> None:
    schemas = Schemas(
        document(
            """
            components:
              schemas:
                Status: {type: string, enum: [active, pending]}
                Filter:
                  anyOf:
                    - {$ref: '#/components/schemas/Status'}
                    - {type: array, items: {$ref: '#/components/schemas/Status'}}
                    - {type: 'null'}
            """
        )
    )
    variants = schemas.variants({"$ref": "#/components/schemas/Filter"})
    assert [sorted(schemas.types(v)) for v in variants] == [["string"], ["array"]]
    assert schemas.enum({"$ref": "#/components/schemas/Status"}) == ["active", "pending"]
    assert schemas.enum(schemas.items(variants[1])) == ["active", "pending"]


def test_webhooks_are_not_operations() -> None:
    api = api_of(
        """
        webhooks:
          checkout.created:
            post: {responses: {"200": {description: OK}}}
        paths: {}
        """
    )
    assert api.operations == []


def test_polar_kinds() -> None:
    """On Polar's real spec, the kinds as reviewed (docs/model.md lists the hard cases)."""
    import json

    api = build(json.loads(corpus_file("polar/openapi.json").read_text()))
    counts: dict[str, int] = {}
    for op in api.operations:
        counts[op.kind] = counts.get(op.kind, 0) + 1
    assert len(api.operations) == 186
    assert counts == {
        "list": 41,
        "read": 45,
        "create": 23,
        "update": 26,
        "delete": 18,
        "action": 26,
        "other": 7,
    }


# -- defaults, lower bounds, list items, same schema, subjects (lists and params rules) ---------

BOUNDS = """
components:
  schemas:
    Positive: {type: integer, exclusiveMinimum: 0}
    Status: {type: string, enum: [active, pending], default: active}
    Loop: {allOf: [{$ref: '#/components/schemas/Loop'}]}
"""


@pytest.mark.parametrize(
    ("schema", "bound"),
    [
        ({"type": "integer", "exclusiveMinimum": 0}, (0.0, True)),  # 3.1: a number
        ({"type": "integer", "minimum": 0, "exclusiveMinimum": True}, (0.0, True)),  # 3.0
        ({"type": "integer", "minimum": 1}, (1.0, False)),
        ({"type": "integer", "minimum": 0.0}, (0.0, False)),  # floats
        ({"type": "integer", "minimum": 0, "exclusiveMinimum": False}, (0.0, False)),
        ({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]}, (1.0, False)),
        ({"$ref": "#/components/schemas/Positive"}, (0.0, True)),
        ({"allOf": [{"$ref": "#/components/schemas/Positive"}], "minimum": 0}, (0.0, True)),
        ({"type": "integer"}, None),
        ({"type": "integer", "maximum": 100}, None),
        ({"$ref": "#/components/schemas/Loop"}, None),
    ],
)
def test_minimum_reads_31_and_30_bounds(schema: dict, bound: tuple | None) -> None:
    schemas = Schemas(document(BOUNDS))
    assert schemas.minimum(schema) == bound


@pytest.mark.parametrize(
    ("schema", "default"),
    [
        ({"type": "boolean", "default": True}, (True, True)),
        ({"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}, (True, None)),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, (False, None)),
        ({"$ref": "#/components/schemas/Status", "default": "pending"}, (True, "pending")),
        ({"$ref": "#/components/schemas/Status"}, (True, "active")),
        ({"allOf": [{"$ref": "#/components/schemas/Status"}]}, (True, "active")),
        ({"$ref": "#/components/schemas/Loop"}, (False, None)),
    ],
)
def test_default_beside_ref_and_through_it(schema: dict, default: tuple) -> None:
    schemas = Schemas(document(BOUNDS))
    assert schemas.default(schema) == default


def test_page_items_of_envelopes_arrays_and_other_shapes() -> None:
    schemas = Schemas(
        document(
            """
            components:
              schemas:
                Item: {type: object, properties: {id: {type: string}}}
                Page:
                  type: object
                  properties:
                    items: {type: array, items: {$ref: '#/components/schemas/Item'}}
                    pagination: {type: object}
                Seats:
                  type: object
                  properties: {seats: {type: array, items: {$ref: '#/components/schemas/Item'}}}
            """
        )
    )
    item = {"$ref": "#/components/schemas/Item"}
    assert schemas.page_items({"$ref": "#/components/schemas/Page"}) == [item]
    assert schemas.page_items({"type": "array", "items": item}) == [item]
    both = {"anyOf": [{"$ref": "#/components/schemas/Page"}, {"type": "array", "items": item}]}
    assert schemas.page_items(both) == [item, item]
    assert schemas.page_items({"$ref": "#/components/schemas/Seats"}) == []
    assert schemas.page_items({"type": "object"}) == []


def test_same_schema_by_name_and_by_union_members() -> None:
    schemas = Schemas(
        document(
            """
            components:
              schemas:
                A: {type: object, properties: {a: {type: string}}}
                B: {type: object, properties: {b: {type: string}}}
                AB: {oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}
                Twin: {type: object, properties: {a: {type: string}}}
            """
        )
    )
    a, b, ab = ({"$ref": f"#/components/schemas/{n}"} for n in ("A", "B", "AB"))
    inline = {"oneOf": [b, a]}
    assert schemas.same(a, {"$ref": "#/components/schemas/A", "description": "sibling"})
    assert schemas.same(ab, inline)
    assert not schemas.same(a, b)
    # The same shape under another name is the same schema, but not the same model.
    twin = {"$ref": "#/components/schemas/Twin"}
    assert schemas.same(a, twin) and not schemas.same_model(a, twin)
    assert schemas.same({"type": "string"}, {"type": "string"})
    assert not schemas.same({"type": "string"}, {"type": "integer"})


def test_operation_subjects_from_the_extension() -> None:
    api = api_of(
        """
        paths:
          /v1/orders/:
            get:
              x-polar-allowed-subjects: [Organization, User]
              responses: {"200": {description: OK}}
          /v1/customers/:
            get: {responses: {"200": {description: OK}}}
        """
    )
    stated = {o.path: o.subjects() for o in api.operations}
    assert stated == {"/v1/orders/": ["Organization", "User"], "/v1/customers/": None}
    assert api.operations[0].subjects("x-other") is None


def test_effective_security_is_the_operations_else_the_global_one() -> None:
    api = api_of(
        """
        security: [{pat: []}]
        paths:
          /v1/orders/:
            get: {responses: {"200": {description: OK}}}
            post: {security: [{oat: [orders:write]}], responses: {"201": {description: OK}}}
          /v1/currencies/:
            get: {security: [], responses: {"200": {description: OK}}}
        components:
          securitySchemes:
            pat: {type: http, scheme: bearer}
            oat: {$ref: '#/components/x-schemes/oat'}
          x-schemes:
            oat: {type: http, scheme: bearer}
        """
    )
    stated = {o.label: (o.security, o.security_pointer) for o in api.operations}
    assert stated == {
        "GET /v1/orders/": ([{"pat": []}], "/security"),
        "POST /v1/orders/": ([{"oat": ["orders:write"]}], "/paths/~1v1~1orders~1/post/security"),
        "GET /v1/currencies/": ([], "/paths/~1v1~1currencies~1/get/security"),
    }
    assert api.security_schemes == {
        "pat": {"type": "http", "scheme": "bearer"},
        "oat": {"type": "http", "scheme": "bearer"},
    }


def test_no_security_anywhere() -> None:
    api = api_of("paths: {/v1/orders/: {get: {responses: {'200': {description: OK}}}}}")
    (op,) = api.operations
    assert op.security is None and op.security_pointer is None
    assert api.security_schemes == {}


def test_schema_uses_follow_refs_from_requests_responses_and_webhooks() -> None:
    api = api_of(
        """
        paths:
          /v1/notes/:
            post:
              parameters: [{name: kind, in: query, schema: {$ref: '#/components/schemas/Kind'}}]
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/NoteCreate'}}}
              responses:
                "201":
                  description: OK
                  content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
        webhooks:
          note.created:
            post:
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/NoteEvent'}}}
              responses: {"200": {description: OK}}
        components:
          schemas:
            Kind: {type: string, enum: [a, b]}
            Text: {type: string}
            NoteCreate: {type: object, properties: {text: {$ref: '#/components/schemas/Text'}}}
            Note:
              type: object
              properties:
                text: {$ref: '#/components/schemas/Text'}
                parent: {anyOf: [{$ref: '#/components/schemas/Note'}, {type: 'null'}]}
            NoteEvent: {type: object, properties: {data: {$ref: '#/components/schemas/Note'}}}
            Orphan: {type: object}
        """
    )
    assert api.schema_uses == {
        "Kind": {"input"},
        "NoteCreate": {"input"},
        "Text": {"input", "output"},
        "Note": {"output"},
        "NoteEvent": {"output"},
    }
    assert api.schemas.referenced({"$ref": "#/components/schemas/NoteEvent"}) == {
        "NoteEvent",
        "Note",
        "Text",
    }


def test_twins_are_fastapis_input_output_split_of_one_model() -> None:
    api = api_of(
        """
        components:
          schemas:
            Note-Input: {type: object}
            Note-Output: {type: object}
            EventMetadataInput: {type: object}
            EventMetadataOutput: {type: object}
            AddressInput: {type: object}
            Tag-Output: {type: object}
        """
    )
    assert api.twins == {"Note-Input": "Note-Output", "EventMetadataInput": "EventMetadataOutput"}
    models = {c.name: api.model_of(c.name) for c in api.components}
    assert models == {
        "Note-Input": "Note",
        "Note-Output": "Note",
        "EventMetadataInput": "EventMetadata",
        "EventMetadataOutput": "EventMetadata",
        "AddressInput": "AddressInput",  # a model of its own: no AddressOutput
        "Tag-Output": "Tag",  # FastAPI's suffix, even alone
    }


def test_unions_that_contain_themselves_terminate() -> None:
    schemas = Schemas(
        document(
            """
            components:
              schemas:
                U:
                  oneOf:
                    - {type: string}
                    - {$ref: '#/components/schemas/U'}
                    - {anyOf: [{$ref: '#/components/schemas/U'}, {type: integer}]}
                    - {type: 'null'}
            """
        )
    )
    node = {"$ref": "#/components/schemas/U"}
    assert [schemas.types(v) for v in schemas.variants(node)] == [{"string"}, {"integer"}]
    assert len(schemas.variant_nodes(node)) == 2
    assert schemas.properties(node) == {}
    assert schemas.types(node) == {"string", "integer", "null"}


def test_all_of_that_contains_itself_terminates() -> None:
    schemas = Schemas(
        document(
            """
            components:
              schemas:
                B:
                  allOf: [{$ref: '#/components/schemas/B'}, {required: [b]}]
                  properties: {b: {$ref: '#/components/schemas/B'}}
            """
        )
    )
    node = {"$ref": "#/components/schemas/B"}
    assert schemas.required(node) == {"b"}
    assert schemas.enum(node) is None
    assert set(schemas.properties(node)) == {"b"}


SERVICE = """
paths:
  /healthz: {get: {responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}}}
  /api/v2/monitor/health: {get: {responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}}}
  /version: {get: {responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}}}
  /auth/login: {get: {responses: {"307": {description: Redirect}}}}
  /oauth2/{idp}/callback: {get: {parameters: [{name: idp, in: path, required: true}], responses: {"302": {description: Redirect}}}}
  /v1/runs/{id}/metrics: {get: {parameters: [{name: id, in: path, required: true}], responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}}}
  /v1/datasets/{id}/csv: {get: {parameters: [{name: id, in: path, required: true}], responses: {"200": {description: OK, content: {text/csv: {schema: {type: string}}}}}}}
  /v1/orders/{id}: {get: {parameters: [{name: id, in: path, required: true}], responses: {"200": {description: OK, content: {text/csv: {schema: {type: string}}}}}}}
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/healthz", "other"),  # a probe of the service
        ("/api/v2/monitor/health", "other"),  # under a mount and one namespace
        ("/version", "other"),
        ("/auth/login", "other"),  # a step of a login flow: a redirect
        ("/oauth2/{idp}/callback", "other"),
        ("/v1/runs/{id}/metrics", "read"),  # a run's metrics: a sub-resource read
        ("/v1/datasets/{id}/csv", "other"),  # a file of a dataset, not a read
        ("/v1/orders/{id}", "read"),  # the item itself: a read (read-status reports the CSV)
    ],
)
def test_service_endpoints_login_steps_and_files_are_other(path: str, kind: str) -> None:
    api = api_of(SERVICE)
    (op,) = [o for o in api.operations if o.path == path]
    assert op.kind == kind
