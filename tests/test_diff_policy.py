"""diff as a compatibility gate: levels and the configuration's policy, accepted changes,
the change threshold, breaking-only mode, and the CI formats. Commands run by `main()` in this
interpreter (tests.helpers.run_cli); the gate's exit statuses also through the console script
in a process of its own."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, cli, document, environment, run_cli

BASE = document(
    """
    paths:
      /v1/items/:
        get:
          parameters:
            - {name: q, in: query, schema: {type: string}}
            - {name: limit, in: query, schema: {type: integer, maximum: 100}}
          responses: {"200": {description: OK}}
        post:
          requestBody: {content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}}
          responses: {"201": {description: Created}}
    """
)
HEAD = document(
    """
    paths:
      /v1/items/:
        get:
          parameters:
            - {name: limit, in: query, schema: {type: integer, maximum: 50}}
          responses: {"200": {description: OK}}
        post:
          requestBody: {content: {application/json: {schema: {type: object, properties: {name: {type: string, maxLength: 64}}}}}}
          responses: {"201": {description: Created}}
    """
)
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    base.write_text(json.dumps(BASE, indent=2))
    head.write_text(json.dumps(HEAD, indent=2))
    return base, head


def diff(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`restcheck diff ARGS` in this interpreter."""
    return run_cli("diff", *args, cwd=cwd)


def diff_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`restcheck diff ARGS` by the console script, in a process of its own."""
    return subprocess.run(
        [cli(), "diff", *map(str, args)],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=60,
    )


def changes(result: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    assert result.returncode in (0, 1), result.stderr
    return {c["type"]: c for c in json.loads(result.stdout)["changes"]}


def test_levels_and_the_change_threshold(pair: tuple[Path, Path]) -> None:
    base, head = pair
    found = changes(diff(base, head, "-f", "json", "--breaking-only", "--fail-on-change", "never"))
    assert {t: c["level"] for t, c in found.items()} == {
        "parameter-removed": "warning",
        "parameter-constraint-tightened": "error",
        "request-constraint-tightened": "error",
    }
    assert diff_process(base, head, "--breaking-only").returncode == 1  # breaking: the gate fails
    assert diff_process(base, head).returncode == 0  # no threshold on changes unless asked
    assert diff(base, head, "--fail-on-breaking").returncode == 1
    assert diff(base, head, "--fail-on-change", "warn").returncode == 1
    bad = diff(base, head, "--fail-on-change", "sometimes")
    assert bad.returncode == 2 and "--fail-on-change 'sometimes'" in bad.stderr


def test_the_policy_sets_levels_and_accepts_a_known_change(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    base, head = pair
    fingerprints = {t: c["fingerprint"] for t, c in changes(diff(base, head, "-f", "json")).items()}
    (tmp_path / "restcheck.toml").write_text(
        f"""
[diff]
fail-on-change = "warning"
levels = {{ parameter-removed = "info", request-constraint-tightened = "warning" }}

[[diff.accepted]]
change = "{fingerprints["parameter-constraint-tightened"]}"
reason = "limit 50 is what the server always enforced"

[[diff.accepted]]
change = "0000000000000000"
reason = "an old entry"
"""
    )
    result = diff(base, head, "-f", "json", "--breaking-only", cwd=tmp_path)
    found = changes(result)
    assert found["parameter-removed"]["level"] == "info"
    assert found["request-constraint-tightened"]["level"] == "warning"
    accepted = found["parameter-constraint-tightened"]
    assert accepted["accepted"] == "limit 50 is what the server always enforced"
    assert accepted["breaking"] is False
    assert result.returncode == 1  # fail-on-change warning: the request constraint still fails
    report = json.loads(result.stdout)
    assert report["notes"] == [
        "restcheck.toml: diff.accepted[1] (0000000000000000) matches no change; remove it"
    ]
    assert "diff.accepted[1]" in result.stderr
    text = diff(base, head, "--breaking-only", cwd=tmp_path).stdout
    assert "Accepted changes (1)" in text and "(accepted: limit 50 is what" in text
    # The fingerprint survives unrelated edits: another operation added, the file reformatted.
    edited = json.loads(head.read_text())
    edited["paths"]["/v1/other/"] = {"get": {"responses": {"200": {"description": "OK"}}}}
    head.write_text(json.dumps(edited, indent=4))
    again = changes(diff(base, head, "-f", "json", "--breaking-only", cwd=tmp_path))
    assert again["parameter-constraint-tightened"]["accepted"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[diff]\nlevels = { parameter-removd = "info" }\n', "did you mean 'parameter-removed'?"),
        ('[diff]\nlevels = { parameter-removed = "fatal" }\n', "diff.levels.parameter-removed"),
        ('[[diff.accepted]]\nchange = "abc"\n', "diff.accepted[0].reason"),
        ("[diff]\nbogus = 1\n", "diff.bogus: unknown key"),
    ],
)
def test_a_bad_policy_is_exit_2_naming_the_key(
    pair: tuple[Path, Path], tmp_path: Path, text: str, message: str
) -> None:
    base, head = pair
    (tmp_path / "restcheck.toml").write_text(text)
    result = diff(base, head, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_breaking_only_skips_the_guideline_findings(pair: tuple[Path, Path]) -> None:
    base, head = pair
    edited = json.loads(head.read_text())  # a new deviation: PUT is no standard method
    edited["paths"]["/v1/items/"]["put"] = {"responses": {"200": {"description": "OK"}}}
    head.write_text(json.dumps(edited, indent=2))
    full = json.loads(diff(base, head, "-f", "json").stdout)
    assert full["findings"]  # the snippets deviate from the guidelines (no 422s, ...)
    only = json.loads(diff(base, head, "-f", "json", "--breaking-only").stdout)
    assert only["findings"] == [] and only["fixed"] == []
    assert [c["type"] for c in only["changes"]] == [c["type"] for c in full["changes"]]
    assert "standard-methods" in {f["rule"] for f in full["findings"]}
    assert (
        diff(base, head, "--breaking-only").stdout.splitlines()[1].startswith("1 operation added")
    )


def test_sarif_github_and_junit_point_at_the_head(pair: tuple[Path, Path]) -> None:
    base, head = pair
    head_lines = head.read_text().splitlines()
    sarif = json.loads(diff(base, head, "-f", "sarif", "--breaking-only").stdout)
    if SARIF_SCHEMA.exists():
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads(SARIF_SCHEMA.read_text())
        validator = jsonschema.validators.validator_for(schema)
        validator(schema, format_checker=validator.FORMAT_CHECKER).validate(sarif)
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert results["request-constraint-tightened"]["level"] == "error"
    assert results["parameter-removed"]["level"] == "warning"
    for result in results.values():
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("head.json")
    # The removed parameter is pointed at where the operation still is in HEAD.
    removed = results["parameter-removed"]["locations"][0]["physicalLocation"]["region"]
    assert '"parameters"' in head_lines[removed["startLine"] - 1]
    rules = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules >= set(results)

    annotations = diff(base, head, "-f", "github", "--breaking-only").stdout.splitlines()
    tightened = next(a for a in annotations if "request-constraint-tightened" in a)
    assert tightened.startswith(f"::error file={head},line=")
    assert any(a.startswith("::warning ") and "parameter-removed" in a for a in annotations)

    junit = diff(base, head, "-f", "junit", "--breaking-only")
    assert junit.returncode == 1
    root = ET.fromstring(junit.stdout)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["request-constraint-tightened"].find("failure") is not None
    assert cases["parameter-removed"].find("failure") is None  # below the threshold (error)
    assert root.get("failures") == "2"


def test_markdown_is_a_changelog_grouped_by_operation(pair: tuple[Path, Path]) -> None:
    base, head = pair
    lines = diff(base, head, "-f", "markdown", "--breaking-only").stdout.splitlines()
    assert "#### ❌ Breaking changes (2)" in lines
    assert "#### ⚠️ Changes that may break clients (1)" in lines
    get, post = lines.index("**`GET /v1/items/`**"), lines.index("**`POST /v1/items/`**")
    # Text from the spec is escaped for a PR comment (backticks, `>`, @mentions, HTML).
    assert lines[get + 2].startswith("- `parameter-constraint-tightened` parameter \\`limit\\`")
    assert lines[post + 2].startswith(
        "- `request-constraint-tightened` request body: field \\`name\\`"
    )
