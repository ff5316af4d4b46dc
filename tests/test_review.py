"""`restcheck review`: attribution of findings to operations, scopes, scores, the renderers,
Polar's surface (pinned), and the HTML page in headless Chromium."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from checker.engine.catalogue import all_rules
from checker.engine.config import Config
from checker.engine.findings import Finding
from checker.load.source import Source, load, parse
from checker.review.html import render_html
from checker.review.render import percent, render_json, render_markdown, render_text
from checker.review.review import path_group, review, run_review
from tests.helpers import SPECS, cli, corpus_file, document, environment, run_cli

CHROMIUM = Path("/usr/bin/chromium")

ID = "{name: id, in: path, required: true, schema: {type: string}}"
OBJ = "{application/json: {schema: {$ref: '#/components/schemas/Product'}}}"
SNIPPET = f"""
paths:
  /v1/products/:
    get:
      responses: {{"200": {{description: OK, content: {{application/json: {{schema: {{type: array, items: {{$ref: '#/components/schemas/Product'}}}}}}}}}}}}
    post:
      responses: {{"200": {{description: OK, content: {OBJ}}}}}
  /v1/products/{{id}}:
    get:
      parameters: [{ID}]
      responses: {{"200": {{description: OK, content: {OBJ}}}}}
    delete:
      parameters: [{ID}]
      responses: {{"204": {{description: No Content}}}}
  /v1/products/{{id}}/archive:
    post:
      parameters: [{ID}]
      responses: {{"200": {{description: OK, content: {OBJ}}}}}
  /v1/oauth2/token:
    post:
      responses: {{"200": {{description: OK}}}}
  /v1/customer-portal/customers/me:
    get:
      responses: {{"200": {{description: OK, content: {OBJ}}}}}
components:
  schemas:
    Product: {{type: object, properties: {{id: {{type: string}}}}}}
"""
RULES = "create-status,read-status,delete-status,standard-methods"


def source_of(snippet: str) -> Source:
    return parse(json.dumps(document(snippet)), "api.json")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` in this interpreter (tests.helpers.run_cli)."""
    return run_cli(*args)


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` by the console script, in a process of its own."""
    return subprocess.run(
        [cli(), *args], capture_output=True, text=True, env=environment(), timeout=120
    )


# -- attribution, scopes, scores -------------------------------------------------------------


def test_checks_and_scores_on_a_small_api() -> None:
    result = run_review(source_of(SNIPPET), Config(select=set(RULES.split(","))))
    ops = {(o.op.method, o.op.path): o for o in result.operations}
    create = ops[("post", "/v1/products/")]
    # create-status applies to creates and fails; standard-methods applies to every operation.
    assert list(create.failed) == ["create-status"]
    assert create.passed == ["standard-methods"]
    read = ops[("get", "/v1/products/{id}")]
    assert read.passed == ["standard-methods", "read-status"] and read.ok
    action = ops[("post", "/v1/products/{id}/archive")]
    assert action.op.kind == "action" and action.passed == ["standard-methods"]
    products = next(g for g in result.resources if g.name == "products")
    # list 1 + create 2 + read 2 + delete 2 + action 1 = 8 checks, 1 failed.
    assert (products.counts.checks, products.counts.passed) == (8, 7)
    assert products.counts.score == 7 / 8
    assert products.cell("create") == "error" and products.cell("read") == "pass"
    assert products.cell("update") == "none"
    totals = {t.rule.id: t.counts for t in result.rules}
    assert (totals["create-status"].checks, totals["create-status"].passed) == (1, 0)
    assert (totals["standard-methods"].checks, totals["standard-methods"].passed) == (7, 7)
    assert (totals["delete-status"].checks, totals["delete-status"].passed) == (1, 1)


def test_a_warning_only_cell_is_not_shown_as_an_error() -> None:
    from checker.review.html import render_html
    from checker.review.render import render_markdown

    config = Config(select=set(RULES.split(",")), severity={"create-status": "warning"})
    result = run_review(source_of(SNIPPET), config)
    products = next(g for g in result.resources if g.name == "products")
    assert products.cell("create") == "warning" and products.cell("read") == "pass"
    page = render_html(result)
    assert '<td class="k warning"' in page and '<td class="k error"' not in page
    assert (
        "! 1/1" in page and "✗" not in page.split('<table class="matrix">')[1].split("</table>")[0]
    )
    assert '<div class="stat error"><b>0</b><span>operations with errors</span>' in page
    assert '<div class="stat warning"><b>1</b><span>with warnings, no error</span>' in page
    assert "1 with warnings</span>" in page
    # Columns are the kinds the API has: no empty "update" or "other" column.
    head = page.split('<table class="matrix">')[1].split("</thead>")[0]
    assert '<th class="k">update</th>' not in head and '<th class="k">create</th>' in head
    # Each finding's rule links to its row in the rules table, which carries the summary.
    assert '<a class="rule" href="#rule-create-status">create-status</a>' in page
    assert '<tr id="rule-create-status">' in page
    assert "prefers-color-scheme: dark" in page
    linked = render_html(result, "https://docs.example.com/rules/")
    assert '<a href="https://docs.example.com/rules/create-status.md"><code>create-status' in linked
    assert "⚠️ 1" in render_markdown(result)


def test_operations_without_a_resource_are_listed_by_path_group() -> None:
    result = run_review(source_of(SNIPPET), Config(select={"standard-methods"}))
    groups = {g.name: [o.op.label for o in g.operations] for g in result.groups}
    assert groups == {
        "customer-portal/customers": ["GET /v1/customer-portal/customers/me"],
        "oauth2": ["POST /v1/oauth2/token"],
    }
    assert [g.name for g in result.resources] == ["products"]
    me = next(o for o in result.operations if o.op.path.endswith("/me"))
    assert path_group(me.op) == "customer-portal/customers" and me.op.resource is None


def test_findings_are_attributed_by_method_path_or_pointer() -> None:
    source = source_of(SNIPPET)
    from checker.model import build

    api = build(source.document)
    rules = [all_rules()["standard-methods"], all_rules()["version-prefix"]]
    findings = [
        # by path only: every operation on the path
        Finding(
            "version-prefix",
            "error",
            "m1",
            "api.json",
            "/paths/~1v1~1products~1{id}",
            path="/v1/products/{id}",
        ),
        # by pointer only: the operation it lies in
        Finding(
            "standard-methods",
            "error",
            "m2",
            "api.json",
            "/paths/~1v1~1oauth2~1token/post/responses",
        ),
        # a schema: no operation
        Finding("standard-methods", "error", "m3", "api.json", "/components/schemas/Product"),
    ]
    result = review(source, api, findings, rules)
    failed = {o.op.label: sorted(o.failed) for o in result.operations if o.failed}
    assert failed == {
        "GET /v1/products/{id}": ["version-prefix"],
        "DELETE /v1/products/{id}": ["version-prefix"],
        "POST /v1/oauth2/token": ["standard-methods"],
    }
    assert [f.message for f in result.outside] == ["m3"]


def test_every_rule_declares_its_scope() -> None:
    """The review reads what a rule judges from the rule itself: there is no second table."""
    assert [r.id for r in all_rules().values() if r.scope is None] == []


BARE_LIST = """
paths:
  /v1/files/:
    get:
      responses: {"200": {description: OK, content: {application/json: {schema: {type: array, items: {type: object}}}}}}
"""


def test_a_check_that_did_not_run_is_no_pass() -> None:
    """A list answering a bare array fails list-envelope and pagination-params (every list is
    judged for both); list-item-consistency judges only lists whose resource has a typed read,
    so it is no check here (not a pass)."""
    rules = "list-envelope,pagination-params,list-item-consistency"
    result = run_review(source_of(BARE_LIST), Config(select=set(rules.split(","))))
    (listing,) = result.operations
    assert sorted(listing.failed) == ["list-envelope", "pagination-params"]
    assert listing.passed == []
    totals = {t.rule.id: (t.counts.checks, t.counts.passed) for t in result.rules}
    assert totals == {
        "list-envelope": (1, 0),
        "pagination-params": (1, 0),
        "list-item-consistency": (0, 0),
    }


def test_schema_rules_count_the_schemas_they_judge() -> None:
    snippet = """
components:
  schemas:
    Download:
      type: object
      properties: {created_at: {type: string, format: date-time}}
    Upload:
      type: object
      properties:
        created_at: {type: string, format: date-time}
        modified_at: {type: string, format: date-time}
    Plain: {type: object, properties: {name: {type: string}}}
"""
    result = run_review(source_of(snippet), Config(select={"timestamps"}))
    (total,) = result.rules
    # Plain has no timestamp: not judged. Download lacks modified_at: failed.
    assert (total.schemas.checks, total.schemas.passed, total.findings) == (2, 1, 1)
    assert total.counts.checks == 0


def test_percent_never_rounds_up_to_100() -> None:
    assert percent(0.99996) == "99.9%"
    assert percent(1.0) == "100%"
    assert percent(7 / 8) == "87.5%"
    assert percent(None) == "n/a"


# -- renderers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def legacy() -> Source:
    return load(str(SPECS / "legacy" / "openapi.json"))


def test_renderers_agree(legacy: Source) -> None:
    result = run_review(legacy, Config())
    data = json.loads(render_json(result))
    assert set(data) >= {"resources", "operations", "rules", "summary", "groups"}
    op = data["operations"][0]
    assert set(op) >= {"path", "method", "kind", "resource", "passed", "failed", "findings"}
    assert data["summary"]["operations"] == len(result.operations)
    assert data["summary"]["checks"] == sum(o["checks"] for o in data["operations"])
    assert sum(len(o["findings"]) for o in data["operations"]) + len(
        data["outside_operations"]
    ) >= len(result.findings)
    text = render_text(result)
    markdown = render_markdown(result)
    for group in result.resources:
        assert group.name in text and group.name in markdown
    assert "| resource | list | read | create | update | delete | action | other | score |" in (
        markdown
    )
    assert "<details>" in markdown


def test_html_is_self_contained(legacy: Source) -> None:
    page = render_html(run_review(legacy, Config()))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for outside in ('src="http', 'href="http', "<link", "@import", "url("):
        assert outside not in page
    assert "<style>" in page and "<details" in page


# -- the CLI -------------------------------------------------------------------------------------


def test_cli_formats_and_output(tmp_path: Path) -> None:
    spec = str(SPECS / "legacy" / "openapi.json")
    result = run("review", spec, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {o["kind"] for o in data["operations"]} <= {
        "list",
        "read",
        "create",
        "update",
        "delete",
        "action",
        "other",
    }
    out = tmp_path / "review.html"
    result = run_process("review", spec, "--format", "html", "--output", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert out.read_text().startswith("<!DOCTYPE html>")
    for fmt in ("text", "markdown"):
        assert run("review", spec, "-f", fmt).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "missing.json"], "missing.json: no such file"),
        (["review", "SPEC", "--format", "pdf"], "--format 'pdf'"),
        (["review", "SPEC", "--select", "nope"], "unknown rule or area 'nope'"),
        (["review", "BAD"], "invalid JSON"),
    ],
)
def test_cli_bad_input_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"openapi": "3.1.0", "paths": {')
    spec = str(SPECS / "legacy" / "openapi.json")
    args = [spec if a == "SPEC" else str(bad) if a == "BAD" else a for a in args]
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


# -- Polar's real spec -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def polar() -> dict:
    result = run("review", str(corpus_file("polar/openapi.json")), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_polar_surface_is_pinned(polar: dict) -> None:
    summary = polar["summary"]
    assert summary["operations"] == 186
    assert summary["resources"] == 46
    assert summary["kinds"] == {
        "list": 41,
        "read": 45,
        "create": 23,
        "update": 26,
        "delete": 18,
        "action": 26,
        "other": 7,
    }
    without = [o for o in polar["operations"] if o["resource"] is None]
    assert len(without) == 15
    assert {g["name"]: g["operations"] for g in polar["groups"]} == {
        "customer-portal/customer-session": 2,
        "customer-portal/customers": 5,
        "metrics": 3,
        "oauth2": 5,
    }


def test_polar_specific_resources(polar: dict) -> None:
    resources = {r["name"]: r for r in polar["resources"]}
    products = resources["products"]
    assert products["kinds"] == {
        "list": ["GET /v1/products/"],
        "read": ["GET /v1/products/{id}"],
        "create": ["POST /v1/products/"],
        "update": ["PATCH /v1/products/{id}"],
        "action": ["POST /v1/products/{id}/benefits"],
    }
    assert (products["namespace"], products["parent"]) == (None, None)
    assert products["collection_path"] == "/v1/products/"
    members = resources["customers/{id}/members"]
    assert members["parent"] == "customers"
    assert {k: len(v) for k, v in members["kinds"].items()} == {
        "read": 2,
        "create": 2,
        "update": 2,
        "delete": 2,
    }
    assert (
        "GET /v1/customers/external/{external_id}/members/{member_external_id}"
        in (members["kinds"]["read"])
    )
    orders = resources["customer-portal/orders"]
    assert orders["namespace"] == "customer-portal" and orders["parent"] is None
    assert set(orders["kinds"]) == {"list", "read", "update", "action"}
    seats = resources["customer-portal/seats/subscriptions"]
    assert seats["parent"] == "customer-portal/seats"
    assert resources["customer-portal/customers/me/payment-methods"]["namespace"] == (
        "customer-portal/customers/me"
    )


def test_polar_failed_checks_match_the_findings(polar: dict) -> None:
    by_label = {f"{o['method'].upper()} {o['path']}": o for o in polar["operations"]}
    create = by_label["POST /v1/customer-seats"]
    assert create["kind"] == "create" and "create-status" in create["failed"]
    delete = by_label["DELETE /v1/subscriptions/{id}"]
    assert "delete-status" in delete["failed"]
    assert by_label["GET /v1/products/{id}"]["failed"] == []
    for op in polar["operations"]:
        assert sorted({f["rule"] for f in op["findings"]}) == sorted(op["failed"])
        assert op["checks"] == len(op["passed"]) + len(op["failed"])
    total = polar["summary"]
    assert total["checks"] == sum(r["checks"] for r in polar["resources"]) + sum(
        g["checks"] for g in polar["groups"]
    )
    assert 0.9 < total["score"] < 1


# -- HTML in a real browser ----------------------------------------------------------------------


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
)
def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    spec = corpus_file("polar/openapi.json")
    page = tmp_path / "review.html"
    result = run("review", str(spec), "--format", "html", "--output", str(page))
    assert result.returncode == 0, result.stderr
    shots, dom = [], ""
    for width, extra in ((1400, ("--dump-dom",)), (420, ()), (1400, ("--force-dark-mode",))):
        shot = tmp_path / f"out-{len(shots)}.png"
        done = chromium(
            f"--screenshot={shot}", f"--window-size={width},1000", *extra, page.as_uri()
        )
        assert shot.exists(), done.stderr[-2000:]
        png = shot.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
        assert int.from_bytes(png[16:20], "big") == width  # IHDR: the page at that width
        shots.append(png)
        if "--dump-dom" in extra:  # the DOM from a screenshot's launch: one launch fewer
            dom = done.stdout
    assert shots[2] != shots[0]  # the dark scheme is its own rendering
    for name in ("products", "customers/{id}/members", "customer-portal/orders", "oauth2"):
        assert f'<span class="name">{name}</span>' in dom
    assert dom.count('<details class="res"') >= 46
