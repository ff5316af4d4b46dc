"""`restcheck probe` against real servers: FastAPI apps under uvicorn on 127.0.0.1.

- specs/shop (behaves): no finding, its data unchanged by a read-only probe and back to its
  initial state after --allow-writes;
- tests/live_apps/deviant.py (its runtime deviates from its spec once per resource): each
  deviation found once, at its operation;
- tests/live_apps/v30.py: an OpenAPI 3.0 spec (`nullable`) judged with 3.0's dialect;
- servers that are down, too slow or answering HTML: exit 2 with one clear line.

Servers run in threads of this process (so the tests can look at their stores) and the CLI
runs in-process through `checker.cli.main.main`; the exit-2 cases go through the real console
script to show that nothing but one line reaches stderr.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from checker.cli.main import main
from checker.engine.catalogue import all_rules, catalogue, live_rules
from checker.model.schemas import Schemas
from checker.probe.bodies import value, wrong_type
from checker.probe.plan import make_plan
from checker.probe.schema_check import Checker
from specs.shop import app as shop
from tests.helpers import api_of, cli, environment
from tests.live_apps import deviant, fragile, odd, v30
from tests.live_apps.server import serve

AUTH = ["--header", "Authorization: Bearer test-token"]


@pytest.fixture(scope="module")
def shop_url() -> Iterator[str]:
    with serve(shop.app) as base:
        yield base


@pytest.fixture(scope="module")
def deviant_url() -> Iterator[str]:
    with serve(deviant.app) as base:
        yield base


def probe(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["probe", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def shop_store() -> dict[str, dict[Any, Any]]:
    tables = {
        "products": shop.products,
        "customers": shop.customers,
        "addresses": shop.addresses,
        "orders": shop.orders,
    }
    return {name: dict(table.rows) for name, table in tables.items()}


def found(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(method, path) -> rule of each finding, checking there is one per operation."""
    where = Counter((f["method"], f["path"]) for f in report["findings"])
    assert all(count == 1 for count in where.values()), where
    return {(f["method"], f["path"]): f["rule"] for f in report["findings"]}


# -- the behaving server --------------------------------------------------------------------------


def test_behaving_server_read_only(shop_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = shop_store()
    code, out, err = probe(capsys, shop_url, *AUTH, "--format", "json")
    assert code == 0, out
    assert json.loads(out)["findings"] == []
    assert shop_store() == before  # read-only: not a row added, changed or removed
    assert "(read-only, " in err
    assert re.search(r"GET /v1/products/ +the list \(page=1&limit=1\), a list with limit=0", err)
    assert re.search(r"GET /v1/customers/\{id\}/addresses/\{address_id\} +a read of a listed", err)
    assert re.search(r"GET /v1/customers/external/\{external_id\} +a read of a listed id", err)
    assert re.search(r"POST /v1/products/ +an invalid body \(a JSON array\)", err)
    assert re.search(r"DELETE /v1/products/\{id\} +writes need --allow-writes", err)
    # An action is probed only with a body FastAPI refuses before its handler runs.
    assert re.search(r"POST /v1/orders/\{id\}/refund +an invalid body \(a JSON array\)$", err, re.M)


def test_behaving_server_with_writes(shop_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = shop_store()
    code, out, _ = probe(capsys, shop_url, *AUTH, "--allow-writes")
    assert code == 0, out
    assert out.startswith("No problems found")
    assert shop_store() == before  # everything it created, it deleted
    for resource in ("/v1/products/", "/v1/customers/", "/v1/customers/{id}/addresses"):
        assert re.search(rf"POST {re.escape(resource)} +.*the create", out), resource
    assert re.search(r"DELETE /v1/products/\{id\} +the delete of the created object", out)
    assert re.search(r"GET /v1/products/\{id\} +.*a read after the delete", out)
    assert re.search(r"PATCH /v1/products/\{id\} +.*an empty update \(\{\}\), an update of", out)
    # Updates of existing objects are never sent.
    assert re.search(r"PATCH /v1/customer-portal/customers/me .*not sent to existing", out)
    assert "Left behind" not in out


def test_refused_everywhere_exits_2(shop_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = probe(capsys, shop_url)  # no credentials
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "every request was refused (401 Unauthorized ('Not authenticated'))" in err
    assert "--header" in err


def test_include_and_exclude(shop_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = [shop_url, *AUTH, "--include", "/v1/products*", "--exclude", "*/{id}"]
    code, out, _ = probe(capsys, *args)
    assert code == 0
    # 3 requests, and 3 of the list's behaviour (the counts of is_archived)
    assert re.search(r"Probed 2 of 23 operations .* \(read-only, 6 requests\)", out)
    assert re.search(r"GET /v1/products/\{id\} +excluded by --exclude \*/\{id\}", out)
    assert re.search(r"GET /v1/orders/ +not matched by --include", out)
    code, _, err = probe(capsys, shop_url, *AUTH, "--include", "/v2/*")
    assert code == 2 and "nothing to probe" in err


def test_rate_limit(shop_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    code, out, _ = probe(
        capsys, shop_url, *AUTH, "--include", "/v1/orders/*", "--rate-limit", "40/s"
    )
    elapsed = time.monotonic() - started
    requests = int(re.search(r"(\d+) requests", out).group(1))  # type: ignore[union-attr]
    # list, limit=0, read, the refund's invalid body; 5 of the list's behaviour (counts by status)
    assert code == 0 and requests == 9
    assert elapsed >= (requests - 1) / 40


def test_progress_only_on_a_terminal(
    shop_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [shop_url, *AUTH, "--include", "/v1/orders/*", "-f", "json"]
    _, _, err = probe(capsys, *args)
    assert not re.search(r"^\[\d+/\d+\]", err, re.M)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _, _, err = probe(capsys, *args)
    assert re.search(r"^\[1/1\] orders: 9 requests, 0 findings$", err, re.M)


# -- the deviating server -------------------------------------------------------------------------


def test_deviant_with_writes_finds_each_deviation_once(
    deviant_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = deviant.snapshot()
    code, out, _ = probe(capsys, deviant_url, "--allow-writes", "-f", "json")
    assert code == 1
    report = json.loads(out)
    assert found(report) == {where: rule for where, (rule, _) in deviant.DEVIATIONS.items()}
    for finding in report["findings"]:
        assert finding["source"] == f"{deviant_url}/openapi.json"
        operation = "/paths/" + finding["path"].replace("/", "~1") + "/" + finding["method"]
        assert finding["pointer"].startswith(operation + "/responses")
        assert finding["line"] >= 1 and finding["column"] >= 1 and finding["fingerprint"]
    messages = {f["rule"] + " " + f["path"]: f["message"] for f in report["findings"]}
    assert "answered 200 OK; expected 201 Created" in messages["live-status /v1/widgets/"]
    assert "answered 200 OK with a body; expected 204" in messages["live-status /v1/gadgets/{id}"]
    assert "`pagination` lacks `total_count`" in messages["live-schema /v1/gizmos/"]
    assert "answered 400 Bad Request" in messages["live-validation-422 /v1/doohickeys/"]
    assert "500 Internal Server Error" in messages["live-status /v1/sprockets/{id}"]
    assert deviant.snapshot() == before  # cleaned up, the 200-answering create included


def test_deviant_read_only_finds_what_reads_show(
    deviant_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = deviant.snapshot()
    code, out, _ = probe(capsys, deviant_url, "-f", "json")
    assert code == 1
    expected = {where: rule for where, (rule, writes) in deviant.DEVIATIONS.items() if not writes}
    assert found(json.loads(out)) == expected
    assert deviant.snapshot() == before


def test_deviant_text_report_and_fail_on(
    deviant_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = probe(capsys, deviant_url, "--fail-on", "never")
    assert code == 0
    assert "GET /v1/gizmos/\n" in out
    assert re.search(r"openapi\.json:\d+:\d+ +error +live-schema +GET /v1/gizmos/", out)
    assert "3 problems (3 errors)" in out


# -- the ledger: what the probe creates, it deletes ----------------------------------------------


@pytest.fixture(scope="module")
def fragile_url() -> Iterator[str]:
    with serve(fragile.app) as base:
        yield base


def test_created_object_is_deleted_when_the_server_stops_answering(
    fragile_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fragile.snapshot()
    args = [fragile_url, "--allow-writes", "--include", "/v1/crates/*", "--timeout", "1"]
    code, out, err = probe(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert f"PATCH {fragile_url}/v1/crates/" in err and "timed out after 1 s" in err
    assert fragile.snapshot() == before  # the crate it created was deleted on the way out


def test_what_cannot_be_deleted_is_reported(
    fragile_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fragile.snapshot()
    args = [fragile_url, "--allow-writes", "--include", "/v1/barrels/*", "-f", "json"]
    code, out, err = probe(capsys, *args)
    assert code == 1
    assert found(json.loads(out)) == {("delete", "/v1/barrels/{id}"): "live-status"}
    assert "Left behind 1 created objects:" in err
    assert re.search(
        r"POST /v1/barrels/ -> id [0-9a-f-]{36} at http://127.0.0.1:\d+/v1/barrels/[0-9a-f-]{36} "
        r"\(DELETE answered 500 Internal Server Error \('Internal Server Error'\), but a read "
        r"still finds it\)",
        err,
    )
    STORES = fragile.STORES["barrels"]
    assert len(STORES.rows) == len(before["barrels"]) + 1
    STORES.rows = dict(before["barrels"])


def test_accepted_invalid_body_is_reported_and_cleaned_up_with_writes(
    fragile_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fragile.snapshot()
    code, out, _ = probe(capsys, fragile_url, "--allow-writes", "--include", "/v1/bins/*")
    assert code == 1
    assert re.search(
        r"live-validation-422 +POST /v1/bins/: an invalid body \(a JSON array\) was accepted "
        r"with 201 Created; expected 422",
        out,
    )
    assert fragile.snapshot() == before
    # Read-only, the accepted body is reported, and what it made is named, not deleted.
    code, out, _ = probe(capsys, fragile_url, "--include", "/v1/bins/*")
    assert code == 1
    assert "Left behind 1 created objects:" in out
    assert "not deleted without --allow-writes" in out
    fragile.STORES["bins"].rows = dict(before["bins"])


# -- OpenAPI 3.0 ----------------------------------------------------------------------------------


def test_openapi_30_nullable(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(v30.app) as base:
        code, out, _ = probe(capsys, base, "-f", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["path"]) for f in findings] == [("live-schema", "/v1/notes/{id}")]
    assert "at /size: None is not of type 'integer'" in findings[0]["message"]


def test_schema_dialects() -> None:
    doc30 = {
        "openapi": "3.0.3",
        "components": {
            "schemas": {
                "A": {
                    "type": "object",
                    "properties": {
                        "s": {"type": "string", "nullable": True},
                        "e": {"type": "string", "enum": ["x"], "nullable": True},
                        "r": {"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": True},
                        "n": {"type": "integer", "minimum": 0, "exclusiveMinimum": True},
                    },
                },
                "B": {"type": "object"},
            }
        },
    }
    checker = Checker(doc30)
    assert checker.valid("/components/schemas/A", {"s": None, "e": None, "r": None, "n": 1})
    errors = checker.errors("/components/schemas/A", {"e": "y", "n": 0})
    assert len(errors) == 2 and any("/n" in e for e in errors)
    doc31 = {
        "openapi": "3.1.0",
        "components": {
            "schemas": {
                "A": {
                    "type": "object",
                    "properties": {"n": {"type": "integer", "exclusiveMinimum": 0}},
                }
            }
        },
    }
    assert Checker(doc31).errors("/components/schemas/A", {"n": 0}) == [
        "at /n: 0 is less than or equal to the minimum of 0"
    ]


def test_generated_bodies() -> None:
    doc = shop.app.openapi()
    schemas = Schemas(doc)
    create = doc["components"]["schemas"]["AddressCreate"]
    body = value(schemas, create)
    assert body == {
        "city": "København",
        "country": "DK",
        "line1": "Nørrebrogade 1",
        "postal_code": "2200",
    }
    checker = Checker(doc)
    assert checker.valid("/components/schemas/AddressCreate", body)
    bare = value(schemas, create, examples=False)
    assert checker.valid("/components/schemas/AddressCreate", bare)  # minLength 2 respected
    formats = {
        "type": "object",
        "required": ["u", "t", "m", "i", "b", "l"],
        "properties": {
            "u": {"type": "string", "format": "uuid"},
            "t": {"type": "string", "format": "date-time"},
            "m": {"type": "string", "format": "email"},
            "i": {"type": "integer", "minimum": 5, "maximum": 9},
            "b": {"anyOf": [{"type": "boolean"}, {"type": "null"}]},
            "l": {"type": "array", "items": {"enum": ["a", "b"]}, "minItems": 1},
        },
    }
    made = value(schemas, formats)
    assert re.fullmatch(r"[0-9a-f-]{36}", made["u"]) and "T" in made["t"]
    assert made["m"].endswith("@example.com") and made["i"] == 5 and made["b"] is False
    assert made["l"] == ["a"]
    assert wrong_type(schemas, {"type": "string"}) == {"restcheck": "not a string"}
    assert wrong_type(schemas, {"$ref": "#/components/schemas/Address"}) == ["restcheck"]
    assert wrong_type(schemas, {}) is None


def test_plan_skips_what_cannot_be_probed() -> None:
    ok = {
        "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "array"}}}}
    }
    api = api_of(
        {
            "paths": {
                "/v1/reports/": {
                    "get": {
                        "parameters": [
                            {"name": "org", "in": "query", "required": True, "schema": {}},
                        ],
                        "responses": ok,
                    }
                },
                "/v1/events/": {
                    "get": {
                        "parameters": [
                            {"name": "X-Org", "in": "header", "required": True, "schema": {}},
                        ],
                        "responses": ok,
                    }
                },
                "/v1/events/{id}/replay": {"post": {"responses": ok}},
                "/v1/files/": {
                    "post": {
                        "requestBody": {"content": {"multipart/form-data": {"schema": {}}}},
                        "responses": {"201": ok["200"]},
                    }
                },
            }
        }
    )
    plan = make_plan(api, headers=["x-org"])
    assert [g.name for g in plan.groups] == ["events"]
    assert {op.label: why for op, why in plan.skipped} == {
        "GET /v1/reports/": "required query parameter `org` cannot be filled",
        "POST /v1/events/{id}/replay": "an action: not probed (it may have side effects; "
        "no required JSON body)",
        "POST /v1/files/": "its body is not JSON (multipart/form-data)",
    }
    skipped = {op.label: why for op, why in make_plan(api, exclude=["*/reports/*"]).skipped}
    assert skipped["GET /v1/events/"] == "required header parameter `X-Org` cannot be filled"
    assert skipped["GET /v1/reports/"] == "excluded by --exclude */reports/*"


# -- unusable servers and invocations: exit 2, one line -------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [cli(), *args], capture_output=True, text=True, env=environment(), timeout=60
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def assert_one_line(result: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], lines[0]


def test_server_down_exits_2() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    assert_one_line(run_cli("probe", url), "restcheck: ", url, "cannot connect")


def test_slow_server_exits_2() -> None:
    with serve(odd.slow) as base:
        result = run_cli("probe", base, "--timeout", "1")
    assert_one_line(result, f"GET {base}/v1/things/?page=1&limit=1", "timed out after 1 s")


def test_html_instead_of_a_spec_exits_2() -> None:
    with serve(odd.html, ready_path="/") as base:
        result = run_cli("probe", base + "/")
    assert_one_line(result, "got an HTML page, expected an OpenAPI document", "also tried")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rate-limit", "fast"], "--rate-limit 'fast': expected requests per second"),
        (["--rate-limit", "0/s"], "--rate-limit '0/s'"),
        (["--timeout", "0"], "Invalid value for '--timeout'"),
        (["--format", "xml"], "--format 'xml'"),
        (["--header", "nocolon"], "--header 'nocolon'"),
    ],
)
def test_bad_options_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = probe(capsys, "http://127.0.0.1:9/", *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err, err


def test_not_a_url_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = probe(capsys, "openapi.json")
    assert code == 2 and "BASE_URL 'openapi.json': expected an http:// or https:// URL" in err


# -- the live rules' documentation ----------------------------------------------------------------


def test_live_rules_are_listed_and_explained_but_not_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    live = live_rules()
    assert list(live)[:3] == ["live-status", "live-schema", "live-validation-422"]
    assert not set(live) & set(all_rules())  # `check` never runs them
    assert list(catalogue())[-len(live) :] == list(live)
    for rule in live.values():
        assert rule.area == "live" and rule.severity == "error"
        assert rule.summary.endswith(".")
        for section in ("Why", "Bad", "Good"):
            assert rule.sections.get(section), f"{rule.id}: no {section}"
    assert main(["rules"]) == 0
    listed = capsys.readouterr().out
    assert re.search(r"^live-validation-422 +live +error ", listed, re.M)
    assert main(["explain", "live-schema"]) == 0
    explained = capsys.readouterr().out
    assert explained.startswith("live-schema [error] (live)")
    assert "Why:" in explained and "Bad:" in explained and "Good:" in explained
