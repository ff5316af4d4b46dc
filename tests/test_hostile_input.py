"""Hostile and broken input: every case exits 0, 1 or 2 with one line, never a traceback.

Each test reproduces one defect a fuzzing campaign found (the numbers are those of the issue
that listed them), through `checker.cli.main.main` as the console script runs it.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from checker.cli.main import main
from checker.engine.findings import fingerprint
from tests.helpers import SPECS

LEGACY = SPECS / "legacy" / "openapi.json"
PATHS = '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": '
HEAD = PATHS + "{}"  # a document to close with "}" (or to extend first)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def besides_the_fastapi_notice(err: str) -> list[str]:
    """stderr's lines but the notice that a hand-written snippet is no FastAPI export."""
    return [line for line in err.splitlines() if "does not look like a FastAPI export" not in line]


def unusable(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The one line of a run that must exit 2."""
    code, _, err = run(capsys, *args)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("restcheck: "), err
    assert "Traceback" not in err and "internal error" not in err
    return lines[0]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return str(path)


# -- 10, 11: depth and huge numbers ----------------------------------------------------------------


def test_deep_nesting_is_refused_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    spec = write(tmp_path, "deep.json", HEAD + f', "x-deep": {deep}}}')
    assert "nested too deeply" in unusable(capsys, "check", spec)
    baseline = write(tmp_path, "baseline.json", deep)
    assert "nested too deeply" in unusable(capsys, "check", str(LEGACY), "--baseline", baseline)
    toml = write(tmp_path, "restcheck.toml", f"x = {deep}\n")
    assert "nested too deeply" in unusable(capsys, "check", str(LEGACY), "--config", toml)
    yaml_config = write(tmp_path, ".restcheck.yaml", f"x: {deep}\n")
    assert "nested too deeply" in unusable(capsys, "check", str(LEGACY), "--config", yaml_config)


def test_a_number_of_5000_digits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    digits = "9" * 5000
    spec = write(tmp_path, "big.json", HEAD + f', "x-big": {digits}}}')
    assert "more than 4,300 digits" in unusable(capsys, "check", spec)
    yaml_spec = write(
        tmp_path,
        "big.yaml",
        f"openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx: {digits}\n",
    )
    assert "more than 4,300 digits" in unusable(capsys, "check", yaml_spec)
    baseline = write(tmp_path, "baseline.json", digits)
    assert "4,300 digits" in unusable(capsys, "check", str(LEGACY), "--baseline", baseline)


# -- 12: lone surrogates ---------------------------------------------------------------------------


def test_a_lone_surrogate_is_named_and_a_pair_is_fine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lone = write(tmp_path, "lone.json", PATHS + '{"/v1/a\\ud800": {}}}')
    assert "lone.json:1:" in (line := unusable(capsys, "check", lone)) and "\\ud800" in line
    pair = write(tmp_path, "pair.json", HEAD + ', "x-emoji": "\\ud83d\\ude00"}')
    code, _, err = run(capsys, "check", pair, "--fail-on", "never")
    assert code == 0, err


def test_fingerprints_survive_a_lone_surrogate() -> None:
    assert fingerprint("snake-case-fields", "/components/schemas/A/properties/\ud800", "\ud800")


# -- 15: boolean and invalid schemas ---------------------------------------------------------------


BOOLEAN_BODY = (
    PATHS
    + """{"/v1/items/": {"post": {
    "requestBody": {"content": {"application/json": {"schema": true}}},
    "responses": {"201": {"description": "x", "content": {"application/json": {"schema": false}}}}}}}}"""
)


def test_boolean_schemas_are_schemas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", write(tmp_path, "bool.json", BOOLEAN_BODY), "-f", "json")
    assert code in (0, 1) and not besides_the_fastapi_notice(err)
    assert "valid-openapi" not in {f["rule"] for f in json.loads(out)["findings"]}


def test_invalid_schemas_are_reported_not_crashed_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = BOOLEAN_BODY.replace("true", "1").replace("false", '"x"')[:-1] + ', "components": [1]}'
    code, out, err = run(capsys, "check", write(tmp_path, "broken.json", broken), "-f", "json")
    assert code == 1 and not besides_the_fastapi_notice(err)
    assert "valid-openapi" in {f["rule"] for f in json.loads(out)["findings"]}


# -- 16: a rule option that is no regular expression -----------------------------------------------


def test_an_invalid_regex_option_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path, "restcheck.toml", '[options.multi-value-filters]\nid_pattern = "("\n')
    line = unusable(capsys, "check", str(LEGACY), "--config", config)
    assert "options.multi-value-filters.id_pattern: not a regular expression" in line


# -- 17: YAML aliases ------------------------------------------------------------------------------


def laughs(levels: int) -> str:
    lines = ["openapi: 3.1.0", "info: {title: t, version: '1'}", "paths: {}", "components:"]
    lines += ["  schemas:", "    A0: &a0 {type: object, properties: {name: {type: string}}}"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"    A{level}: &a{level} {{allOf: [{refs}]}}")
    return "\n".join(lines) + "\n"


def test_alias_fan_out_is_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    line = unusable(capsys, "check", write(tmp_path, "laughs.yaml", laughs(7)))
    assert "YAML aliases expand the document" in line and time.monotonic() - started < 5
    code, _, err = run(
        capsys, "check", write(tmp_path, "few.yaml", laughs(2)), "--fail-on", "never"
    )
    assert code == 0, err  # aliases used with measure are fine


# -- 19: FIFOs and devices -------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for args in (
        [str(fifo)],
        [str(LEGACY), "--config", str(fifo)],
        [str(LEGACY), "--baseline", str(fifo)],
    ):
        assert "not a regular file" in unusable(capsys, "check", *args)


# -- 20: what used to pass silently ----------------------------------------------------------------


def test_nan_and_duplicate_keys_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "NaN" in unusable(capsys, "check", write(tmp_path, "nan.json", HEAD + ', "x": NaN}'))
    duplicate = write(tmp_path, "dup.json", HEAD + ', "paths": {}}')
    assert "duplicate key 'paths'" in unusable(capsys, "check", duplicate)
    yaml_text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\npaths: {}\n"
    line = unusable(capsys, "check", write(tmp_path, "dup.yaml", yaml_text))
    assert "dup.yaml:4:1" in line and "duplicate key 'paths'" in line


def test_a_boolean_baseline_format_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = write(tmp_path, "b.json", '{"format": true, "entries": []}')
    assert "baseline format True" in unusable(capsys, "check", str(LEGACY), "--baseline", baseline)


def test_pyproject_in_every_toml_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool]\nrestcheck = {select = ["version-prefix"]}\n')
    code, out, _ = run(capsys, "check", str(LEGACY), "-f", "json")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"version-prefix"} and code == 1
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.restcheck]\nselect = ["\xff"]\n')
    assert "pyproject.toml: not UTF-8 text" in unusable(capsys, "check", str(LEGACY))


# -- 5: spec text in Markdown and on terminals -----------------------------------------------------

HOSTILE = (
    PATHS
    + """{"/v1/<img src=x onerror=alert(1)>/@team/\\u001b]0;pwned\\u0007/": {"get": {
    "responses": {"200": {"description": "x", "content": {"application/json": {"schema":
    {"type": "array", "items": {"type": "object"}}}}}}}}}}"""
)


def test_markdown_reports_escape_spec_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write(tmp_path, "hostile.json", HOSTILE)
    for args in (["review", spec, "-f", "markdown"], ["diff", str(LEGACY), spec, "-f", "markdown"]):
        code, out, err = run(capsys, *args)
        assert code in (0, 1), err
        # Outside code spans (where nothing is markup), spec text is escaped.
        prose = re.sub(r"(`+).*?\1", "", out)
        assert "<img" not in prose.replace("\\<img", "") and "@team" not in prose.replace("\\@", "")
        assert "\x1b" not in out and "\x07" not in out


def test_text_reports_show_escape_sequences_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write(tmp_path, "hostile.json", HOSTILE)
    for args in (["check", spec], ["review", spec], ["diff", str(LEGACY), spec]):
        code, out, err = run(capsys, *args)
        assert code in (0, 1), err
        assert "\x1b]0;" not in out and "\x07" not in out
        assert "\\x1b]0;pwned\\x07" in out


def test_output_never_overwrites_a_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_bytes(LEGACY.read_bytes())
    for args in (
        ["check", str(spec), "-f", "json", "--output", str(spec)],
        ["check", str(spec), "-f", f"sarif:{spec}"],
        ["baseline", str(spec), "--output", str(spec)],
        ["review", str(spec), "--output", str(spec)],
        ["diff", str(LEGACY), str(spec), "--output", str(spec)],
    ):
        assert "it would be overwritten" in unusable(capsys, *args)
    assert spec.read_bytes() == LEGACY.read_bytes()
