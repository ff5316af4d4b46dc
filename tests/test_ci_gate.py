"""The CI gate from the command line: configuration, per-path overrides, inline
`x-restcheck-ignore`, baselines, and several reports in one run.

Commands run by `main()` in this interpreter (tests.helpers.run_cli: a process per command
proves nothing more); the exit statuses of --fail-on and several reports written in one run
go through the real console script in a process (`run_process`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, SPECS, cli, corpus_file, document, environment, run_cli

LEGACY = SPECS / "legacy" / "openapi.json"
SHOP = SPECS / "shop" / "openapi.json"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` in this interpreter."""
    return run_cli(*args, cwd=cwd)


def run_process(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` by the console script, in a process of its own."""
    return subprocess.run(
        [cli(), *map(str, args)],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=120,
        cwd=cwd,
    )


def findings(*args: str | Path, cwd: Path | None = None) -> list[dict[str, Any]]:
    result = run("check", *args, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return found


def keys(found: list[dict[str, Any]]) -> set[tuple[str, str | None, str | None, str]]:
    return {(f["rule"], f["method"], f["path"], f["severity"]) for f in found}


def one_line_error(result: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], lines[0]


# -- per-path overrides -------------------------------------------------------------------------


def test_override_silences_exactly_the_targeted_findings(tmp_path: Path) -> None:
    everything = keys(findings(LEGACY, cwd=tmp_path))
    (tmp_path / "restcheck.toml").write_text(
        """
[[overrides]]
paths = ["/v1/tax-rates/*"]
methods = ["put"]
ignore = ["standard-methods"]
reason = "kept for old clients"
"""
    )
    rest = keys(findings(LEGACY, cwd=tmp_path))
    assert everything - rest == {("standard-methods", "put", "/v1/tax-rates/{id}", "error")}
    assert rest <= everything


def test_override_methods_narrow_the_paths(tmp_path: Path) -> None:
    # The glob covers GET and PUT of the tax rate; only PUT is named: the GET stays judged.
    (tmp_path / "restcheck.toml").write_text(
        '[[overrides]]\npaths = ["/v1/tax-rates/{id}"]\nmethods = ["get"]\n'
        'ignore = ["standard-methods"]\n'
    )
    assert ("standard-methods", "put", "/v1/tax-rates/{id}", "error") in keys(
        findings(LEGACY, cwd=tmp_path)
    )


def test_override_changes_severity_of_one_area_on_some_paths(tmp_path: Path) -> None:
    everything = keys(findings(LEGACY, cwd=tmp_path))
    (tmp_path / ".restcheck.yaml").write_text(
        "overrides:\n"
        "  - paths: ['/v1/discounts/*', '/v1/benefits/*']\n"
        "    severity: {responses: warning}\n"
    )
    rest = keys(findings(LEGACY, cwd=tmp_path))
    assert everything - rest == {
        ("read-status", "get", "/v1/discounts/{id}", "error"),
        ("update-status", "patch", "/v1/benefits/{id}", "error"),
    }
    assert rest - everything == {
        ("read-status", "get", "/v1/discounts/{id}", "warning"),
        ("update-status", "patch", "/v1/benefits/{id}", "warning"),
    }


def test_override_by_schema_name(tmp_path: Path) -> None:
    everything = findings(LEGACY, cwd=tmp_path)
    (tmp_path / "restcheck.toml").write_text(
        '[[overrides]]\nschemas = ["Download"]\nignore = ["timestamps"]\n'
    )
    rest = findings(LEGACY, cwd=tmp_path)
    gone = [f for f in everything if f not in rest]
    assert [(f["rule"], f["pointer"]) for f in gone] == [
        ("timestamps", "/components/schemas/Download")
    ]


# -- configuration files ------------------------------------------------------------------------


def test_pyproject_table_found_upwards(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.restcheck]\nselect = ["paths"]\nignore = ["version-prefix"]\n'
        '\n[tool.restcheck.options.plural-resources]\nallow = ["invoice"]\n'
    )
    deep = tmp_path / "services" / "api"
    deep.mkdir(parents=True)
    got = {(f["rule"], f["path"]) for f in findings(LEGACY, cwd=deep)}
    assert got == {
        ("plural-resources", "/v1/line-item/"),
        ("standard-methods", "/v1/tax-rates/{id}"),
    }


def test_first_file_found_wins_and_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "restcheck.toml").write_text('select = ["create-status"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert {f["rule"] for f in findings(LEGACY, cwd=tmp_path / "sub")} == {"create-status"}
    (tmp_path / "sub" / ".restcheck.yaml").write_text("select: [delete-status]\n")
    assert {f["rule"] for f in findings(LEGACY, cwd=tmp_path / "sub")} == {"delete-status"}


def test_explicit_config_and_command_line_combine(tmp_path: Path) -> None:
    from checker.engine.catalogue import all_rules

    config = tmp_path / "gate.toml"
    config.write_text('select = ["responses"]\nignore = ["read-status"]\n')
    base = {f["rule"] for f in findings(LEGACY, "--config", config, cwd=tmp_path)}
    assert "create-status" in base and "read-status" not in base
    assert {all_rules()[rule].area for rule in base} == {"responses"}
    # --select replaces the file's select; --ignore adds to its ignore.
    chosen = findings(
        LEGACY, "--config", config, "--select", "paths,read-status", "--ignore", "version-prefix"
    )
    assert {f["rule"] for f in chosen} == {"plural-resources", "standard-methods"}


def test_severity_options_and_fail_on_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "restcheck.toml").write_text(
        'select = ["write-returns-read-schema", "version-prefix"]\nfail-on = "warning"\n'
        '[severity]\nversion-prefix = "info"\n[options.version-prefix]\nprefix = "/v1/"\n'
    )
    found = findings(LEGACY, cwd=tmp_path)
    assert {(f["rule"], f["severity"]) for f in found} == {
        ("write-returns-read-schema", "warning"),
        ("version-prefix", "info"),
    }
    assert run("check", LEGACY, cwd=tmp_path).returncode == 1  # fail-on warning, a warning
    assert run("check", LEGACY, "--fail-on", "error", cwd=tmp_path).returncode == 0


def test_fail_on_warning_fails_on_a_warning(tmp_path: Path) -> None:
    only = ("--select", "write-returns-read-schema")
    assert run_process("check", LEGACY, *only, cwd=tmp_path).returncode == 0
    assert run_process("check", LEGACY, *only, "--fail-on", "warning", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize(
    ("name", "text", "parts"),
    [
        ("restcheck.toml", 'ignore = ["no-such-rule"]\n', ["ignore[0]", "'no-such-rule'"]),
        (
            "pyproject.toml",
            '[tool.restcheck.severity]\nno-such-rule = "warning"\n',
            ["tool.restcheck.severity.no-such-rule", "unknown rule or area"],
        ),
        (
            "restcheck.toml",
            '[options.plural-resources]\nallow = "oauth2"\n',
            ["options.plural-resources.allow", "expected list[str] | None", "string 'oauth2'"],
        ),
        (
            "restcheck.toml",
            "[options.version-prefix]\nprefix = 1\n",
            ["options.version-prefix.prefix", "expected str, got integer 1"],
        ),
        (
            "restcheck.toml",
            '[options.version-prefix]\nprefx = "/v2/"\n',
            ["options.version-prefix.prefx", "unknown option", "prefix"],
        ),
        ("restcheck.toml", '[options.nope]\nx = "y"\n', ["options.nope", "unknown rule 'nope'"]),
        ("restcheck.toml", 'selct = ["paths"]\n', ["selct", "unknown key"]),
        ("restcheck.toml", 'fail-on = "sometimes"\n', ["fail-on", "'sometimes'"]),
        ("restcheck.toml", 'select = ["paths"]\nfail on = 1\n', [":2:6: invalid TOML"]),
        ("restcheck.toml", 'select = ["paths"\n', ["invalid TOML"]),
        (".restcheck.yaml", "select: [paths\n", ["invalid YAML"]),
        (".restcheck.yaml", "ignore: schema-docs\n", ["ignore", "expected a list"]),
        (
            "restcheck.toml",
            '[[overrides]]\npaths = ["/v2/*"]\nignore = ["paths"]\n',
            ["overrides[0].paths[0]", "'/v2/*' matches no path"],
        ),
        (
            "restcheck.toml",
            '[[overrides]]\nschemas = ["Nope*"]\nignore = ["schemas"]\n',
            ["overrides[0].schemas[0]", "'Nope*' matches no schema"],
        ),
        (
            "restcheck.toml",
            '[[overrides]]\npaths = ["/v1/*"]\nmethods = ["puts"]\nignore = ["paths"]\n',
            ["overrides[0].methods[0]", "'puts'"],
        ),
        (
            "restcheck.toml",
            '[[overrides]]\npaths = ["/v1/*"]\n',
            ["overrides[0]", "neither `ignore` nor `severity`"],
        ),
        (
            "restcheck.toml",
            '[[overrides]]\npaths = ["/v1/*"]\nignore = ["nope"]\n',
            ["overrides[0].ignore[0]", "'nope'"],
        ),
    ],
)
def test_bad_configuration_exits_2_naming_file_and_key(
    tmp_path: Path, name: str, text: str, parts: list[str]
) -> None:
    (tmp_path / name).write_text(text)
    result = run("check", LEGACY, cwd=tmp_path)
    one_line_error(result, f"restcheck: {name}", *parts)
    assert result.stdout == ""


def test_glob_matching_one_of_several_documents_is_fine(tmp_path: Path) -> None:
    (tmp_path / "restcheck.toml").write_text(
        '[[overrides]]\npaths = ["/v1/tax-rates/*"]\nignore = ["standard-methods"]\n'
    )
    result = run("check", SHOP, LEGACY, "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    rules = {(f["rule"], f["path"]) for f in json.loads(result.stdout)["findings"]}
    assert ("standard-methods", "/v1/tax-rates/{id}") not in rules


def test_missing_config_file(tmp_path: Path) -> None:
    one_line_error(run("check", LEGACY, "--config", tmp_path / "no.toml"), "no.toml: no such file")


# -- inline x-restcheck-ignore ------------------------------------------------------------------


def test_inline_ignore_in_the_fastapi_generated_spec() -> None:
    found = findings(LEGACY)
    where = {(f["rule"], f["method"], f["path"]) for f in found}
    assert ("standard-methods", "put", "/v1/tax-rates/{id}") in where
    assert ("standard-methods", "put", "/v1/oauth2/clients/{client_id}") not in where
    schema_docs = {f["pointer"] for f in found if f["rule"] == "schema-docs"}
    assert "/components/schemas/Attachment" in schema_docs
    assert not any(p.startswith("/components/schemas/LegacyBlob") for p in schema_docs)


INLINE = """
paths:
  /v1/things/{id}:
    x-restcheck-ignore: [standard-methods]
    put:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}
  /v1/gadgets/{id}:
    put:
      x-restcheck-ignore: {paths: "whole area, with a reason"}
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}
  /v1/widgets/{id}:
    put:
      x-restcheck-ignore: standard-methods
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}
  /v1/gizmos/{id}:
    put:
      x-restcheck-ignore: [standard-method, 3]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}
"""


def test_inline_ignore_levels_forms_and_unknown_rules(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document(INLINE), indent=2))
    result = run("check", spec, "--select", "standard-methods", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    # path item (list), operation (mapping with a reason, by area), operation (one id): excused;
    # the misspelt id excuses nothing.
    assert [(f["path"], f["rule"]) for f in report["findings"]] == [
        ("/v1/gizmos/{id}", "standard-methods")
    ]
    lines = [
        line
        for line in result.stderr.strip().splitlines()
        if "does not look like a FastAPI export" not in line  # a snippet is none
    ]
    assert len(lines) == 2, result.stderr
    assert all(line.startswith(f"restcheck: warning: {spec}:") for line in lines)
    assert "names unknown rule 'standard-method'" in result.stderr
    assert "entries must be rule ids" in result.stderr
    notices = [n for n in report["notices"] if n["pointer"]]  # "" is the no-FastAPI notice
    assert {n["pointer"] for n in notices} == {"/paths/~1v1~1gizmos~1{id}/put/x-restcheck-ignore"}
    line = spec.read_text().splitlines()[notices[0]["line"] - 1]
    assert '"x-restcheck-ignore"' in line


def test_inline_ignore_on_the_root_covers_everything(tmp_path: Path) -> None:
    doc = json.loads(LEGACY.read_text())
    doc["x-restcheck-ignore"] = ["responses", "paths"]
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(doc))
    areas = {f["rule"] for f in findings(spec)}
    assert not areas & {"create-status", "read-status", "standard-methods", "version-prefix"}
    assert "list-envelope" in areas


# -- baseline -----------------------------------------------------------------------------------


def test_baseline_on_polar_then_one_new_deviation(tmp_path: Path) -> None:
    polar = corpus_file("polar/openapi.json")
    spec = tmp_path / "openapi.json"
    shutil.copy(polar, spec)
    baseline = tmp_path / "restcheck-baseline.json"
    recorded = run("baseline", spec, "--output", baseline, cwd=tmp_path)
    assert recorded.returncode == 0, recorded.stderr
    data = json.loads(baseline.read_text())
    assert data["tool"]["name"] == "restcheck" and data["tool"]["version"]
    today = findings(spec, cwd=tmp_path)
    assert len(data["entries"]) == len(today) > 0
    entry = data["entries"][0]
    assert set(entry) == {"rule", "fingerprint", "source", "path", "method", "message"}
    assert "line" not in json.dumps(entry)

    clean = run("check", spec, "--baseline", baseline, cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.startswith("No problems found in 1 file.")
    assert f"{len(today)} known findings not reported" in clean.stdout

    doc = json.loads(spec.read_text())
    responses = doc["paths"]["/v1/products/"]["post"]["responses"]
    doc["paths"]["/v1/products/"]["post"]["responses"] = {
        ("200" if status == "201" else status): value for status, value in responses.items()
    }
    spec.write_text(json.dumps(doc, indent=4))  # reformatted too: lines all move
    seeded = run("check", spec, "--baseline", baseline, "--format", "json", cwd=tmp_path)
    assert seeded.returncode == 1, seeded.stderr
    report = json.loads(seeded.stdout)
    assert [(f["rule"], f["method"], f["path"]) for f in report["findings"]] == [
        ("create-status", "post", "/v1/products/")
    ]
    assert report["baseline"]["suppressed"] == len(today)
    assert report["baseline"]["stale"] == 0
    assert list(report)[:3] == ["tool", "findings", "summary"]


def test_baseline_from_another_directory_and_stale_entries(tmp_path: Path) -> None:
    spec = tmp_path / "api" / "openapi.json"
    spec.parent.mkdir()
    shutil.copy(LEGACY, spec)
    baseline = tmp_path / "baseline.json"
    assert run("baseline", "api/openapi.json", "-o", baseline, cwd=tmp_path).returncode == 0
    assert json.loads(baseline.read_text())["entries"][0]["source"] == "api/openapi.json"
    # Fix one deviation: its entry no longer occurs.
    doc = json.loads(spec.read_text())
    put = doc["paths"]["/v1/tax-rates/{id}"].pop("put")
    doc["paths"]["/v1/tax-rates/{id}"]["patch"] = put
    spec.write_text(json.dumps(doc, indent=2))
    result = run("check", "openapi.json", "--baseline", baseline, cwd=spec.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 entry no longer occur" in result.stdout
    as_json = run("check", "openapi.json", "--baseline", baseline, "-f", "json", cwd=spec.parent)
    summary = json.loads(as_json.stdout)["baseline"]
    assert summary["stale"] == 1
    assert summary["stale_entries"][0]["rule"] == "standard-methods"
    assert "no longer occur" in as_json.stderr  # not in a text report: on stderr


def test_baseline_keeps_services_apart(tmp_path: Path) -> None:
    # Two services; a baseline of the first does not excuse the same finding in the second.
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    shutil.copy(LEGACY, one)
    shutil.copy(LEGACY, two)
    baseline = tmp_path / "baseline.json"
    assert run("baseline", one, "-o", baseline).returncode == 0
    found = findings(one, two, "--baseline", baseline)
    assert found and {f["source"] for f in found} == {str(two)}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "invalid JSON"),
        ('{"findings": []}', "not a restcheck baseline"),
        ('{"entries": [{"rule": "x"}]}', "entries[0] has no 'fingerprint'"),
    ],
)
def test_bad_baseline_exits_2(tmp_path: Path, content: str | None, message: str) -> None:
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content)
    one_line_error(run("check", LEGACY, "--baseline", baseline), "--baseline", message)


# -- reports ------------------------------------------------------------------------------------


def test_sarif_validates_and_carries_rules_locations_and_fingerprints(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.exists():
        pytest.skip(f"{schema_file} is absent")
    result = run("check", LEGACY, SHOP, "--format", "sarif")
    assert result.returncode == 1, result.stderr
    sarif = json.loads(result.stdout)
    schema = json.loads(schema_file.read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(sarif)

    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    create = next(r for r in rules if r["id"] == "create-status")
    assert "Why:" in create["help"]["text"] and "```yaml" in create["help"]["markdown"]
    assert [a["location"]["uri"] for a in run_["artifacts"]] == [LEGACY.as_uri(), SHOP.as_uri()]
    as_json = findings(LEGACY)
    assert len(run_["results"]) == len(as_json)
    for result_, finding in zip(run_["results"], as_json, strict=True):
        assert rules[result_["ruleIndex"]]["id"] == result_["ruleId"] == finding["rule"]
        region = result_["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert result_["partialFingerprints"]["restcheck/v1"] == finding["fingerprint"]


def test_sarif_links_each_rule_to_its_page(tmp_path: Path) -> None:
    (tmp_path / "restcheck.toml").write_text(
        'docs-url = "https://docs.example.com/restcheck/rules"\n'
    )
    result = run("check", LEGACY, "--format", "sarif", cwd=tmp_path)
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    uris = {r["id"]: r["helpUri"] for r in rules}
    assert uris["create-status"] == "https://docs.example.com/restcheck/rules/create-status.md"
    assert all((ROOT / "docs" / "rules" / uri.rsplit("/", 1)[1]).exists() for uri in uris.values())
    # An editable install (a local checkout) knows no public URL: no helpUri rather than a guess.
    plain = json.loads(run("check", LEGACY, "--format", "sarif").stdout)
    assert all("helpUri" not in r for r in plain["runs"][0]["tool"]["driver"]["rules"])
    (tmp_path / "restcheck.toml").write_text('docs-url = "docs/rules"\n')
    one_line_error(run("check", LEGACY, cwd=tmp_path), "docs-url", "expected an http(s) URL")


def test_junit_parses_one_case_per_rule_per_file() -> None:
    import xml.etree.ElementTree as ET

    result = run("check", LEGACY, SHOP, "--format", "junit", "--select", "paths,responses")
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(LEGACY), str(SHOP)]
    legacy_cases = {c.get("name"): c for c in suites[0].findall("testcase")}
    assert "create-status" in legacy_cases and "valid-openapi" not in legacy_cases
    failure = legacy_cases["plural-resources"].find("failure")
    assert failure is not None and failure.text is not None
    assert failure.text.count(f"{LEGACY}:") == 2
    # write-returns-read-schema is a warning: below --fail-on error, listed but not failing.
    warning_case = legacy_cases["write-returns-read-schema"]
    assert warning_case.find("failure") is None
    assert warning_case.find("system-out") is not None
    assert suites[1].get("failures") == "0"
    assert root.get("failures") == suites[0].get("failures")


def test_github_annotations_are_escaped(tmp_path: Path) -> None:
    spec = tmp_path / "a,b:c.json"
    doc = document(
        {"paths": {"/items/": {"get": {"responses": {"200": {"description": "100% OK"}}}}}}
    )
    spec.write_text(json.dumps(doc))
    result = run("check", spec, "--format", "github", "--select", "version-prefix")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=")
    assert "a%2Cb%3Ac.json,line=1,endLine=1,col=" in first
    assert ",title=restcheck version-prefix::/items/ is outside" in first


def test_github_escapes_data() -> None:
    from checker.report.github import command

    line = command("warning", "50% done\nnext", "x.json", 3, 4, "t:a,b")
    assert line == "::warning file=x.json,line=3,endLine=3,col=4,title=t%3Aa%2Cb::50%25 done%0Anext"


def test_annotations_and_sarif_span_the_key_pointed_at(tmp_path: Path) -> None:
    # JSON (keys in quotes) and YAML (plain keys): the span is exactly the key's text.
    yaml_spec = tmp_path / "legacy.yaml"
    yaml_spec.write_text(yaml.safe_dump(json.loads(LEGACY.read_text()), sort_keys=False))
    for spec in (LEGACY, yaml_spec):
        lines = spec.read_text().splitlines()
        result = run("check", spec, "--format", "github", "--select", "paths,responses")
        annotations = [a for a in result.stdout.splitlines() if a.startswith("::error")]
        assert len(annotations) >= 5
        for annotation in annotations:
            props = dict(
                p.split("=", 1) for p in annotation[len("::error ") :].split("::")[0].split(",")
            )
            assert props["line"] == props["endLine"]
            text = lines[int(props["line"]) - 1][int(props["col"]) - 1 : int(props["endColumn"])]
            key = text.strip("\"'")
            assert text in (f'"{key}"', f"'{key}'", key) and key, (annotation, text)
        sarif = json.loads(
            run("check", spec, "--format", "sarif", "--select", "paths,responses").stdout
        )
        for result_ in sarif["runs"][0]["results"]:
            region = result_["locations"][0]["physicalLocation"]["region"]
            line = lines[region["startLine"] - 1]
            token = line[region["startColumn"] - 1 : region["endColumn"] - 1]
            key = token.strip("\"'")
            assert key and key in result_["properties"]["pointer"].replace("~1", "/")


def test_markdown_summary_counts_and_groups() -> None:
    result = run("check", LEGACY, "--format", "markdown", "--select", "paths")
    assert result.returncode == 1
    text = result.stdout
    assert text.startswith("### restcheck: 4 problems (4 errors) in 1 file of 1 checked")
    assert "| `plural-resources` | 2 |  |  | 2 |" in text
    assert f"#### `{LEGACY}`" in text
    assert "**`PUT /v1/tax-rates/{id}`**" in text


# -- several formats in one run -----------------------------------------------------------------


def test_several_formats_each_to_its_file(tmp_path: Path) -> None:
    out = tmp_path / "single.json"  # the classic form keeps working
    assert run_process("check", LEGACY, "--format", "json", "--output", out).returncode == 1
    assert json.loads(out.read_text())["findings"]
    result = run_process(
        "check",
        LEGACY,
        SHOP,
        "--format",
        f"sarif:{tmp_path / 'r.sarif'}",
        "--format",
        f"junit:{tmp_path / 'r.xml'}",
        "--format",
        f"json:{tmp_path / 'r.json'}",
        "--format",
        "text",
    )
    assert result.returncode == 1, result.stderr
    assert "problems" in result.stdout.splitlines()[-1]
    sarif = json.loads((tmp_path / "r.sarif").read_text())
    report = json.loads((tmp_path / "r.json").read_text())
    assert len(sarif["runs"][0]["results"]) == len(report["findings"])
    assert (tmp_path / "r.xml").read_text().startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "sarif", "--output", "a.sarif", "--format", "text"], "--output a.sarif"),
        (["--format", "json", "--format", "text"], "2 reports would go to stdout"),
        (["--format", "sarif:x", "--format", "json:x"], "the same file"),
        (["--format", "xml:a.xml"], "--format 'xml:a.xml'"),
        (["--format", "json:"], "no file after ':'"),
    ],
)
def test_format_pairing_mistakes_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    one_line_error(run("check", LEGACY, *args, cwd=tmp_path), message)
    assert list(tmp_path.iterdir()) == []


def test_every_format_names_each_file(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    shutil.copy(LEGACY, one)
    shutil.copy(LEGACY, two)
    args = ["--select", "standard-methods"]
    text = run("check", one, two, *args).stdout
    assert f"{one}:" in text and "2 checked" in text
    for name in ("json", "sarif", "junit", "github", "markdown"):
        out = run("check", one, two, *args, "--format", name).stdout
        assert str(one) in out and str(two) in out, name


def test_notices_in_the_machine_formats(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document(INLINE), indent=2))
    args = ("check", spec, "--select", "standard-methods")
    sarif = json.loads(run(*args, "--format", "sarif").stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    # The two x-restcheck-ignore problems, and: a snippet is no FastAPI export.
    assert len(notes) == 3 and all(n["level"] == "warning" for n in notes)
    assert sum("x-restcheck-ignore" in n["message"]["text"] for n in notes) == 2
    github = run(*args, "--format", "github").stdout
    assert github.count("::warning file=") == 3
    assert "#### Notices" in run(*args, "--format", "markdown").stdout
    assert "system-err" in run(*args, "--format", "junit").stdout


def test_sarif_uris() -> None:
    from checker.report.sarif import uri_of

    assert uri_of("services/a b/openapi.json") == "services/a%20b/openapi.json"
    assert uri_of("./openapi.json") == "openapi.json"
    assert uri_of("/srv/openapi.json") == "file:///srv/openapi.json"
    assert uri_of("https://x.test/openapi.json") == "https://x.test/openapi.json"
