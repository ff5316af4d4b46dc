"""`restcheck diff`: findings matched by fingerprint, API changes compared structurally, the
real Polar diff pairs (pinned and checked by hand against the raw files), the CLI (commands
by `main()` in this interpreter; the console script in a process for its exit status and a
base piped on stdin)."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.diff.api import compare
from checker.diff.run import run_diff, unmatched
from checker.engine.config import Config
from checker.engine.findings import Finding
from checker.load.source import parse
from checker.model import build
from tests.helpers import SPECS, cli, corpus_file, document, environment, run_cli

LEGACY = SPECS / "legacy" / "openapi.json"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` in this interpreter."""
    return run_cli(*args, stdin=stdin)


def run_process(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` by the console script, in a process of its own."""
    return subprocess.run(
        [cli(), *args], capture_output=True, text=True, input=stdin, env=environment(), timeout=120
    )


def changes(base: str, head: str) -> list[tuple[str, bool, str, str]]:
    """(type, breaking, side, pointer) of every change from base to head snippets."""
    found = compare(build(document(base)), build(document(head))).changes
    return [(c.type, c.breaking, c.side, c.pointer) for c in found]


def op(body: str, method: str = "get", path: str = "/v1/items/{id}") -> str:
    """A document with one operation whose YAML body (indented under the method) is given."""
    lines = "\n".join("      " + line for line in body.strip("\n").splitlines())
    return f"paths:\n  {path}:\n    {method}:\n{lines}\n"


def with_schemas(snippet: str, schemas: dict[str, Any]) -> str:
    doc = yaml.safe_load(snippet)
    doc["components"] = {"schemas": schemas}
    return yaml.safe_dump(doc)


ITEM_RESPONSE = """
parameters: [{name: id, in: path, required: true, schema: {type: string}}]
responses:
  "200": {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
"""
ITEM_BODY = """
parameters: [{name: id, in: path, required: true, schema: {type: string}}]
requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/ItemUpdate'}}}}
responses: {"200": {description: OK}}
"""
RESP = "/paths/~1v1~1items~1{id}/get/responses"


def item(
    properties: dict[str, Any], required: list[str] | None = None, name: str = "Item"
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return {name: schema}


STRING = {"type": "string"}
NULLABLE = {"anyOf": [{"type": "string"}, {"type": "null"}]}


# -- structural comparison, one change at a time -----------------------------------------------


@pytest.mark.parametrize(
    ("base", "head", "expected"),
    [
        pytest.param(
            item({"a": STRING, "b": STRING}, ["a", "b"]),
            item({"a": STRING}, ["a"]),
            [("response-field-removed", True, "base", "/components/schemas/Item/properties/b")],
            id="response field removed",
        ),
        pytest.param(
            item({"a": STRING}, ["a"]),
            item({"a": STRING}),
            [
                (
                    "response-field-made-optional",
                    True,
                    "head",
                    "/components/schemas/Item/properties/a",
                )
            ],
            id="response field made optional",
        ),
        pytest.param(
            item({"a": STRING}, ["a"]),
            item({"a": NULLABLE}, ["a"]),
            [("response-type-widened", True, "head", "/components/schemas/Item/properties/a")],
            id="response field may be null",
        ),
        pytest.param(
            item({"a": STRING}),
            item({"a": STRING, "b": STRING}, ["b"]),
            [
                (
                    "response-field-added-required",
                    False,
                    "head",
                    "/components/schemas/Item/properties/b",
                )
            ],
            id="response field added is no break",
        ),
        pytest.param(
            item({"a": {"type": "integer"}}),
            item({"a": {"type": "number"}}),
            [("response-type-widened", True, "head", "/components/schemas/Item/properties/a")],
            id="response integer to number",
        ),
        pytest.param(
            item({"a": {"type": "number"}}),
            item({"a": {"type": "integer"}}),
            [("response-type-narrowed", False, "head", "/components/schemas/Item/properties/a")],
            id="response number to integer is no break",
        ),
        pytest.param(
            item({"s": {"type": "string", "enum": ["a", "b"]}}),
            item({"s": {"type": "string", "enum": ["a", "b", "c"]}}),
            [("response-enum-widened", False, "head", "/components/schemas/Item/properties/s")],
            id="response enum value added is no break",
        ),
        pytest.param(
            item({"a": STRING}),
            {
                "Item": {"$ref": "#/components/schemas/Renamed"},
                **item({"a": STRING}, name="Renamed"),
            },
            [],
            id="renamed component with the same shape",
        ),
        pytest.param(
            item({"a": STRING, "n": {"type": "integer"}}),
            item({"n": {"type": "integer"}, "a": STRING}),
            [],
            id="reordered properties",
        ),
    ],
)
def test_response_changes(base: dict, head: dict, expected: list) -> None:
    assert (
        changes(with_schemas(op(ITEM_RESPONSE), base), with_schemas(op(ITEM_RESPONSE), head))
        == expected
    )


def update(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return item(properties, required, name="ItemUpdate")


U = "/components/schemas/ItemUpdate/properties"


@pytest.mark.parametrize(
    ("base", "head", "expected"),
    [
        pytest.param(
            update({"a": STRING}),
            update({"a": STRING, "b": STRING}, ["b"]),
            [("request-field-added-required", True, "head", f"{U}/b")],
            id="request field added as required",
        ),
        pytest.param(
            update({"a": STRING}),
            update({"a": STRING, "b": STRING}),
            [("request-field-added", False, "head", f"{U}/b")],
            id="optional request field added",
        ),
        pytest.param(
            update({"a": STRING}),
            update({"a": STRING}, ["a"]),
            [("request-field-made-required", True, "head", f"{U}/a")],
            id="request field made required",
        ),
        pytest.param(
            update({"a": NULLABLE}),
            update({"a": STRING}),
            [("request-type-narrowed", True, "head", f"{U}/a")],
            id="request no longer accepts null",
        ),
        pytest.param(
            update({"a": {"type": "number"}}),
            update({"a": {"type": "integer"}}),
            [("request-type-narrowed", True, "head", f"{U}/a")],
            id="request number to integer",
        ),
        pytest.param(
            update({"a": {"type": "integer"}}),
            update({"a": {"type": "string"}}),
            [("request-type-changed", True, "head", f"{U}/a")],
            id="request integer to string",
        ),
        pytest.param(
            update({"a": {"type": "integer"}}),
            update({"a": {"type": "number"}}),
            [("request-type-widened", False, "head", f"{U}/a")],
            id="request integer to number is no break",
        ),
        pytest.param(
            update({"s": {"type": "string", "enum": ["a", "b", "c"]}}),
            update({"s": {"type": "string", "enum": ["a", "b"]}}),
            [("request-enum-narrowed", True, "head", f"{U}/s")],
            id="request enum narrowed",
        ),
        pytest.param(
            update({"s": {"type": "string"}}),
            update({"s": {"type": "string", "enum": ["a"]}}),
            [("request-enum-narrowed", True, "head", f"{U}/s")],
            id="request restricted to an enum",
        ),
        pytest.param(
            update({"a": STRING, "b": STRING}),
            update({"a": STRING}),
            [("request-field-removed", False, "base", f"{U}/b")],
            id="request field removed is no break",
        ),
        pytest.param(
            update({"tags": {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}}}),
            update({"tags": {"type": "array", "items": {"type": "string", "enum": ["x"]}}}),
            [("request-enum-narrowed", True, "head", f"{U}/tags/items")],
            id="request array item enum narrowed",
        ),
    ],
)
def test_request_changes(base: dict, head: dict, expected: list) -> None:
    assert (
        changes(
            with_schemas(op(ITEM_BODY, "patch"), base), with_schemas(op(ITEM_BODY, "patch"), head)
        )
        == expected
    )


P = "/paths/~1v1~1items~1{id}/get/parameters"


@pytest.mark.parametrize(
    ("base", "head", "expected"),
    [
        pytest.param(
            "[]",
            "[{name: q, in: query, required: true, schema: {type: string}}]",
            [("parameter-added-required", True, "head", f"{P}/1")],
            id="required parameter added",
        ),
        pytest.param(
            "[]",
            "[{name: q, in: query, schema: {type: string}}]",
            [("parameter-added", False, "head", f"{P}/1")],
            id="optional parameter added",
        ),
        pytest.param(
            "[{name: q, in: query, schema: {type: string}}]",
            "[{name: q, in: query, required: true, schema: {type: string}}]",
            [("parameter-made-required", True, "head", f"{P}/1")],
            id="parameter made required",
        ),
        pytest.param(
            "[{name: q, in: query, schema: {type: string}}]",
            "[]",
            [("parameter-removed", False, "base", f"{P}/1")],
            id="parameter removed is no break",
        ),
        pytest.param(
            "[{name: q, in: query, schema: {anyOf: [{type: string}, {type: integer}]}}]",
            "[{name: q, in: query, schema: {type: string}}]",
            [("parameter-variant-removed", True, "base", f"{P}/1/schema/anyOf/1")],
            id="parameter type variant removed",
        ),
        pytest.param(
            "[{name: q, in: query, schema: {type: string, enum: [a, b]}}]",
            "[{name: q, in: query, schema: {type: string, enum: [a]}}]",
            [("parameter-enum-narrowed", True, "head", f"{P}/1/schema")],
            id="parameter enum narrowed",
        ),
    ],
)
def test_parameter_changes(base: str, head: str, expected: list) -> None:
    def spec(extra: str) -> str:
        params = yaml.safe_load(extra)
        doc = yaml.safe_load(op(ITEM_RESPONSE))
        doc["paths"]["/v1/items/{id}"]["get"]["parameters"] += params
        doc["components"] = {"schemas": item({"a": STRING})}
        return yaml.safe_dump(doc)

    assert changes(spec(base), spec(head)) == expected


def test_path_parameter_renamed_is_the_same_operation() -> None:
    base = with_schemas(op(ITEM_RESPONSE), item({"a": STRING}))
    head = base.replace("{id}", "{item_id}").replace("name: id", "name: item_id")
    assert "{item_id}" in head
    assert changes(base, head) == []


def test_statuses_media_types_and_bodies() -> None:
    base = op(
        """
        requestBody: {content: {application/json: {schema: {type: object}}, application/x-www-form-urlencoded: {schema: {type: object}}}}
        responses:
          "200": {description: OK, content: {application/json: {schema: {type: object}}}}
          "400": {description: Bad}
        """,
        "post",
        "/v1/items/",
    )
    head = op(
        """
        requestBody: {required: true, content: {application/json: {schema: {type: object}}}}
        responses:
          "201": {description: OK, content: {text/csv: {schema: {type: string}}}}
          "403": {description: Forbidden}
        """,
        "post",
        "/v1/items/",
    )
    root = "/paths/~1v1~1items~1/post"
    assert changes(base, head) == [
        ("request-body-made-required", True, "head", f"{root}/requestBody"),
        (
            "request-media-type-removed",
            True,
            "base",
            f"{root}/requestBody/content/application~1x-www-form-urlencoded",
        ),
        ("status-removed", True, "base", f"{root}/responses/200"),
        # A non-success status removed may break a client handling it: a warning.
        ("non-success-status-removed", False, "base", f"{root}/responses/400"),
        ("status-added", False, "head", f"{root}/responses/201"),
        ("status-added", False, "head", f"{root}/responses/403"),
    ]


def test_operations_and_resources_added_and_removed() -> None:
    base = op("responses: {'204': {description: OK}}", "delete") + "\n"
    head = op("responses: {'204': {description: OK}}", "delete", "/v1/things/{id}")
    diff = compare(build(document(base)), build(document(head)))
    assert [o.label for o in diff.added] == ["DELETE /v1/things/{id}"]
    assert [o.label for o in diff.removed] == ["DELETE /v1/items/{id}"]
    assert (diff.resources_added, diff.resources_removed) == (["things"], ["items"])
    assert [(c.type, c.breaking) for c in diff.changes] == [
        ("operation-removed", True),
        ("operation-added", False),
    ]


def test_response_variants_are_matched_by_name_and_discriminator() -> None:
    def union(*names: str) -> dict[str, Any]:
        schemas: dict[str, Any] = {
            "Item": {"oneOf": [{"$ref": f"#/components/schemas/{n}"} for n in names]}
        }
        for name in names:
            schemas[name] = {
                "type": "object",
                "properties": {"type": {"type": "string", "const": name.lower()}, "x": STRING},
                "required": ["type"],
            }
        return schemas

    base = with_schemas(op(ITEM_RESPONSE), union("Cat", "Dog"))
    head = with_schemas(op(ITEM_RESPONSE), union("Cat", "Bird"))
    # Dog and Bird have the same shape but different discriminators: not one variant renamed.
    assert changes(base, head) == [
        ("response-variant-removed", False, "base", "/components/schemas/Dog"),
        ("response-variant-added", True, "head", "/components/schemas/Bird"),
    ]


def test_cyclic_schemas_terminate_and_report_once() -> None:
    def tree(leaf: dict[str, Any]) -> dict[str, Any]:
        return {
            "Item": {
                "type": "object",
                "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
                    "parent": {"anyOf": [{"$ref": "#/components/schemas/Item"}, {"type": "null"}]},
                    "leaf": {"$ref": "#/components/schemas/Leaf"},
                },
            },
            "Leaf": leaf,
            "Loop": {"$ref": "#/components/schemas/Loop"},
        }

    base = with_schemas(op(ITEM_RESPONSE), tree(item({"v": STRING}, ["v"])["Item"]))
    head = with_schemas(op(ITEM_RESPONSE), tree(item({"v": STRING})["Item"]))
    assert changes(base, head) == [
        ("response-field-made-optional", True, "head", "/components/schemas/Leaf/properties/v")
    ]
    loop = with_schemas(op(ITEM_RESPONSE), {"Item": {"$ref": "#/components/schemas/Item"}})
    assert changes(loop, loop) == []


# -- findings matched by fingerprint --------------------------------------------------------------


def finding(fp: str) -> Finding:
    return Finding("r", "error", fp, "s", "/p", fingerprint=fp)


def test_unmatched_counts_repeats() -> None:
    head = [finding("a"), finding("a-1"), finding("b")]
    base = [finding("a"), finding("c")]
    assert [f.fingerprint for f in unmatched(head, base)] == ["a-1", "b"]
    assert [f.fingerprint for f in unmatched(base, head)] == ["c"]


def reordered(document: dict[str, Any]) -> dict[str, Any]:
    """The same API with paths, methods and component schemas in reverse order."""
    copy = dict(document)
    copy["paths"] = {
        p: dict(reversed(list(i.items()))) for p, i in reversed(list(document["paths"].items()))
    }
    components = dict(copy.get("components") or {})
    components["schemas"] = dict(reversed(list((components.get("schemas") or {}).items())))
    copy["components"] = components
    return dict(reversed(list(copy.items())))


@pytest.mark.parametrize("spec", ["legacy", "polar"])
def test_reordering_and_reformatting_change_nothing(spec: str, tmp_path: Path) -> None:
    path = LEGACY if spec == "legacy" else corpus_file("polar/openapi.json")
    text = path.read_text()
    base = parse(text, "base.json")
    head = parse(json.dumps(reordered(base.document), separators=(",", ":")), "head.json")
    assert head.text.count("\n") == 0  # minified: every line number differs
    result = run_diff(base, head, Config())
    assert (result.new, result.fixed, result.api.changes) == ([], [], [])
    if spec == "legacy":  # and as YAML
        as_yaml = parse(yaml.safe_dump(reordered(base.document), sort_keys=False), "head.yaml")
        result = run_diff(base, as_yaml, Config())
        assert (result.new, result.fixed, result.api.changes) == ([], [], [])


def test_new_and_fixed_findings_follow_the_change() -> None:
    base = parse(LEGACY.read_text(), "base.json")
    doc = json.loads(LEGACY.read_text())
    # HEAD fixes one PUT and adds a create that answers 200, and a path shifts every line.
    doc["paths"] = {
        "/v1/widgets/": {
            "post": {
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                }
            },
            "get": {
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"type": "object"}}
                            }
                        },
                    }
                }
            },
        },
        **doc["paths"],
    }
    head = parse(json.dumps(doc, indent=4), "head.json")
    result = run_diff(base, head, Config(select={"create-status", "standard-methods"}))
    assert [(f.rule, f.method, f.path) for f in result.new] == [
        ("create-status", "post", "/v1/widgets/")
    ]
    assert result.new[0].line is not None and result.new[0].line < 20
    assert result.fixed == []
    assert [c.type for c in result.api.changes] == ["operation-added", "operation-added"]


# -- the real Polar diff pairs ----------------------------------------------------------------------


def diff_json(base: str, head: str, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run("diff", str(corpus_file(base)), str(corpus_file(head)), "--format", "json", *extra)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_polar_docs_pair_is_the_four_leaf_change() -> None:
    code, data = diff_json(
        "polar/openapi-docs-2026-10-prev.json", "polar/openapi-docs-2026-10.json"
    )
    assert code == 0
    assert data["findings"] == [] and data["fixed"] == []
    assert data["operations"] == {"added": [], "removed": [], "common": 186}
    assert data["resources"] == {"added": [], "removed": []}
    confirm = "/paths/~1v1~1customer-portal~1customers~1me~1payment-methods~1confirm/post/responses"
    assert [
        (c["type"], c["breaking"], c["side"], c["pointer"], c["line"]) for c in data["changes"]
    ] == [
        ("non-success-status-removed", False, "base", f"{confirm}/400", 16760),
        ("status-added", False, "head", f"{confirm}/403", 16760),
    ]
    assert [c["level"] for c in data["changes"]] == ["warning", "info"]
    operation = "POST /v1/customer-portal/customers/me/payment-methods/confirm"
    assert {c["operation"] for c in data["changes"]} == {operation}
    assert data["changes_summary"]["breaking"] == 0
    assert data["changes_summary"]["by_level"] == {
        "error": 0,
        "warning": 1,
        "info": 1,
        "accepted": 0,
    }
    # A 400 replaced by a 403 may break a client handling 400: not breaking, but a warning.
    for flags, expected in ((["--fail-on-breaking"], 0), (["--fail-on-change", "warning"], 1)):
        code, _ = diff_json(
            "polar/openapi-docs-2026-10-prev.json", "polar/openapi-docs-2026-10.json", *flags
        )
        assert code == expected, flags


def test_polar_docs_pair_in_markdown() -> None:
    result = run(
        "diff",
        str(corpus_file("polar/openapi-docs-2026-10-prev.json")),
        str(corpus_file("polar/openapi-docs-2026-10.json")),
        "--format",
        "markdown",
    )
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("### ") and "restcheck diff" in lines[0]
    assert "0 breaking changes, 1 that may break, 1 other" in lines[2]
    assert "#### ⚠️ Changes that may break clients (1)" in lines
    assert "**`POST /v1/customer-portal/customers/me/payment-methods/confirm`**" in lines
    assert any(
        line.startswith("- `non-success-status-removed` response 400 removed") for line in lines
    )
    assert "<details><summary>Other changes (1)</summary>" in lines


@pytest.fixture(scope="module")
def polar_large() -> dict[str, Any]:
    return diff_json("polar/openapi-older.json", "polar/openapi.json")[1]


def raw(name: str) -> dict[str, Any]:
    return json.loads(corpus_file(f"polar/{name}").read_text())


def test_polar_large_pair_counts(polar_large: dict[str, Any]) -> None:
    ops = polar_large["operations"]
    assert (len(ops["added"]), len(ops["removed"]), ops["common"]) == (128, 140, 58)
    # 31 removed since issue 11: `/accounts/search`, `/pledges/search`, `/issues/for_you` are
    # views of their collection (qualifiers), not resources of their own; `dashboard/personal`
    # answers a wrapped list and is one. 30 since round 2: `/embed/product/{id}` (an embeddable
    # image) is a way to embed, under the verb `embed`, no `embed/product` resource.
    assert (len(polar_large["resources"]["added"]), len(polar_large["resources"]["removed"])) == (
        31,
        30,
    )
    breaking = Counter(c["type"] for c in polar_large["changes"] if c["breaking"])
    assert breaking == {
        "operation-removed": 140,
        "response-field-removed": 157,
        "response-variant-added": 78,
        "response-type-widened": 33,
        "response-field-made-optional": 24,
        "request-type-narrowed": 13,
        "request-variant-removed": 8,
        "request-field-added-required": 6,
        "status-removed": 2,  # and 3 non-success statuses removed: warnings now
        "request-constraint-tightened": 35,
        "parameter-enum-narrowed": 4,
        "request-enum-narrowed": 4,
        "request-field-made-required": 4,
        "response-media-type-removed": 1,
    }
    assert polar_large["changes_summary"]["breaking"] == 509  # 477 - 3 + 35 (constraints)
    warnings = Counter(c["type"] for c in polar_large["changes"] if c["level"] == "warning")
    assert warnings["non-success-status-removed"] == 3
    assert warnings["parameter-default-changed"] == 1  # GET /v1/checkout-links/ sorting
    # The operations really are those of one file only.
    old, new = raw("openapi-older.json")["paths"], raw("openapi.json")["paths"]
    for entry in ops["removed"]:
        assert entry["method"] in old[entry["path"]] and entry["method"] not in new.get(
            entry["path"], {}
        )
    for entry in ops["added"]:
        assert entry["method"] in new[entry["path"]] and entry["method"] not in old.get(
            entry["path"], {}
        )


def test_polar_large_pair_claims_hold_in_the_files(polar_large: dict[str, Any]) -> None:
    """A sample of the claims, each checked against the two raw files."""
    old, new = raw("openapi-older.json"), raw("openapi.json")
    found = {(c["operation"], c["type"], c["pointer"]) for c in polar_large["changes"]}
    schemas_old, schemas_new = old["components"]["schemas"], new["components"]["schemas"]

    # Status codes: POST /v1/files/ went from 200 to 201; DELETE of an OAuth2 client 200 -> 204.
    assert ("POST /v1/files/", "status-removed", "/paths/~1v1~1files~1/post/responses/200") in found
    assert set(old["paths"]["/v1/files/"]["post"]["responses"]) == {"200", "422"}
    assert set(new["paths"]["/v1/files/"]["post"]["responses"]) == {"201", "422"}
    register = "/paths/~1v1~1oauth2~1register~1{client_id}/delete/responses"
    assert ("DELETE /v1/oauth2/register/{client_id}", "status-removed", f"{register}/200") in found
    assert ("DELETE /v1/oauth2/register/{client_id}", "status-added", f"{register}/204") in found

    # A response field removed: ResourceNotFound's `type` became `error`.
    assert (
        "GET /v1/benefits/{id}",
        "response-field-removed",
        "/components/schemas/ResourceNotFound/properties/type",
    ) in found
    assert "type" in schemas_old["ResourceNotFound"]["properties"]
    assert "type" not in schemas_new["ResourceNotFound"]["properties"]

    # A response field made nullable: Order.product_id.
    assert (
        "GET /v1/orders/{id}",
        "response-type-widened",
        "/components/schemas/Order/properties/product_id",
    ) in found
    assert schemas_old["Order"]["properties"]["product_id"]["type"] == "string"
    assert {"type": "null"} in schemas_new["Order"]["properties"]["product_id"]["anyOf"]

    # A response field made optional: TokenResponse.refresh_token.
    assert (
        "POST /v1/oauth2/token",
        "response-field-made-optional",
        "/components/schemas/TokenResponse/properties/refresh_token",
    ) in found
    assert "refresh_token" in schemas_old["TokenResponse"]["required"]
    assert "refresh_token" not in schemas_new["TokenResponse"]["required"]

    # Request fields made required and no longer nullable (GitHub repository benefit).
    github = (
        "/components/schemas/BenefitGitHubRepositoryCreateProperties/properties/repository_owner"
    )
    assert ("POST /v1/benefits/", "request-field-made-required", github) in found
    assert ("POST /v1/benefits/", "request-type-narrowed", github) in found
    assert schemas_old["BenefitGitHubRepositoryCreateProperties"]["required"] == ["permission"]

    # An enum narrowed in a request: webhook endpoints lost the pledge events.
    assert (
        "POST /v1/webhooks/endpoints",
        "request-enum-narrowed",
        "/components/schemas/WebhookEventType",
    ) in found
    lost = set(schemas_old["WebhookEventType"]["enum"]) - set(
        schemas_new["WebhookEventType"]["enum"]
    )
    assert lost == {"pledge.created", "pledge.updated"}

    # A CSV export that used to claim JSON.
    assert (
        "GET /v1/subscriptions/export",
        "response-media-type-removed",
        "/paths/~1v1~1subscriptions~1export/get/responses/200/content/application~1json",
    ) in found

    # A new error variant in a response: organizations' 403 can now be DisputeAutoAcceptNotEnabled.
    assert (
        "PATCH /v1/organizations/{id}",
        "response-variant-added",
        "/components/schemas/DisputeAutoAcceptNotEnabled",
    ) in found


def test_polar_large_pair_findings_partition(polar_large: dict[str, Any]) -> None:
    """New findings are HEAD's findings without a BASE counterpart, and fixed ones the reverse."""
    from checker.engine.runner import check
    from checker.load.source import load

    base = check(load(str(corpus_file("polar/openapi-older.json"))), Config())
    head = check(load(str(corpus_file("polar/openapi.json"))), Config())
    common = len(head) - len(polar_large["findings"])
    assert common == len(base) - len(polar_large["fixed"]) >= 0
    assert {f["fingerprint"] for f in polar_large["findings"]}.isdisjoint(
        f.fingerprint for f in base
    )
    assert {f["source"] for f in polar_large["findings"]} <= {
        str(corpus_file("polar/openapi.json"))
    }


# -- the CLI -------------------------------------------------------------------------------------


def test_fail_on_applies_to_new_findings(tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    head = tmp_path / "head.json"
    base.write_text(LEGACY.read_text())
    doc = json.loads(LEGACY.read_text())
    doc["paths"]["/v1/widgets/"] = {
        "post": {
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            }
        },
        "get": {
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"type": "object"}}
                        }
                    },
                }
            }
        },
    }
    head.write_text(json.dumps(doc))
    assert run("diff", str(base), str(base)).returncode == 0  # old findings do not count
    result = run_process("diff", str(base), str(head))
    assert result.returncode == 1
    assert "create-status" in result.stdout and "POST /v1/widgets/" in result.stdout
    assert run("diff", str(base), str(head), "--fail-on", "never").returncode == 0
    # Removing an operation is breaking: only --fail-on-breaking makes it fail.
    assert run("diff", str(head), str(base), "--fail-on", "never").returncode == 0
    assert (
        run("diff", str(head), str(base), "--fail-on", "never", "--fail-on-breaking").returncode
        == 1
    )
    piped = run_process("diff", "-", str(head), "--fail-on", "never", stdin=base.read_text())
    assert piped.returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "missing.json", "GOOD"], "missing.json: no such file"),
        (["diff", "GOOD", "BAD"], "invalid JSON"),
        (["diff", "GOOD"], "Missing argument 'HEAD'"),
        (["diff", "GOOD", "GOOD", "--format", "html"], "--format 'html'"),
        (["diff", "GOOD", "GOOD", "--fail-on", "bad"], "--fail-on 'bad'"),
        (["diff", "-", "-"], "cannot both be '-'"),
    ],
)
def test_bad_input_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"openapi": "3.1.0", "paths": {"/v1/x": ')
    args = [str(LEGACY) if a == "GOOD" else str(bad) if a == "BAD" else a for a in args]
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_json_is_shaped_like_check(tmp_path: Path) -> None:
    result = run("diff", str(LEGACY), str(LEGACY), "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) >= {
        "tool",
        "findings",
        "summary",
        "fixed",
        "changes",
        "operations",
        "resources",
    }
    assert data["summary"] == {"error": 0, "warning": 0, "info": 0}
    text = run("diff", str(LEGACY), str(LEGACY)).stdout
    assert "No new or fixed findings and no API changes." in text


def test_unchanged_components_follow_references() -> None:
    from checker.diff.api import unchanged_components

    def doc(b: dict[str, Any]) -> dict[str, Any]:
        ref = {"$ref": "#/components/schemas/B"}
        return {
            "components": {
                "schemas": {
                    "A": {"type": "object", "properties": {"b": ref}},
                    "B": b,
                    "C": {
                        "type": "object",
                        "properties": {"self": {"$ref": "#/components/schemas/C"}},
                    },
                    "D": {"$ref": "#/$defs/elsewhere"},
                }
            }
        }

    assert unchanged_components(doc(STRING), doc(STRING)) == {"A", "B", "C"}
    # B changed, so A (which refers to it) is compared again; C's cycle is unchanged.
    assert unchanged_components(doc(STRING), doc({"type": "integer"})) == {"C"}


ODD_BASE = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/v1/x/{id}": {
            "get": {
                "parameters": [
                    {"name": "id", "in": "path", "schema": {"enum": "bad", "type": ["string", 3]}},
                    "junk",
                ],
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "properties": [],
                                    "required": "x",
                                    "anyOf": [1, {"$ref": "#/nope"}],
                                    "items": [1],
                                }
                            }
                        }
                    },
                    "x": "bad",
                },
            },
            "post": "bad",
        },
        "/v1/y": [],
    },
    "components": {
        "schemas": {
            "A": {"$ref": "#/components/schemas/A"},
            "B": {
                "allOf": [{"$ref": "#/components/schemas/B"}],
                "properties": {"b": {"$ref": "#/components/schemas/B"}},
            },
        }
    },
}
ODD_HEAD = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/v1/x/{id}": {
            "get": {
                "parameters": [
                    {"name": "id", "in": "path", "schema": {"$ref": "#/components/schemas/B"}}
                ],
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/B"}}
                        }
                    },
                    "x": {"$ref": "#/components/responses/missing"},
                },
                "requestBody": {"$ref": "#/x"},
            }
        },
        "/v1/y": {"get": None},
    },
    "components": {
        "schemas": {
            "A": {"$ref": "#/components/schemas/A"},
            "B": {
                "oneOf": [
                    {"$ref": "#/components/schemas/A"},
                    {"$ref": "#/components/schemas/B"},
                    {"type": "null"},
                ],
                "properties": {"b": {"$ref": "#/components/schemas/B"}},
                "required": ["b"],
            },
        }
    },
}


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_odd_documents_never_crash(tmp_path: Path, fmt: str) -> None:
    """Self-referencing unions and allOfs, wrong types everywhere: a report, not a traceback."""
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    base.write_text(json.dumps(ODD_BASE))
    head.write_text(json.dumps(ODD_HEAD))
    for a, b in ((base, head), (head, base)):
        result = run("diff", str(a), str(b), "--format", fmt)
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
    for spec in (base, head):
        result = run("review", str(spec), "--format", "html" if fmt == "text" else fmt)
        assert result.returncode == 0, result.stderr
