"""`restcheck init`: a configuration started from the project's spec. Commands run by `main()`
in this interpreter (tests.helpers.run_cli); the first test's init by the console script."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

from tests.helpers import SPECS, cli, document, environment, run_cli

LEGACY = SPECS / "legacy" / "openapi.json"


def init(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("init", *args, cwd=cwd)


def init_process(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`restcheck init ARGS` by the console script, in a process of its own."""
    return subprocess.run(
        [cli(), "init", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment(),
        timeout=60,
    )


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *args, "-f", "json", cwd=cwd)


def test_init_finds_the_spec_and_writes_a_configuration_that_loads(tmp_path: Path) -> None:
    (tmp_path / "services" / "billing").mkdir(parents=True)
    (tmp_path / ".venv" / "lib").mkdir(parents=True)  # a venv's files are not the project's spec
    (tmp_path / ".venv" / "lib" / "openapi.json").write_text("{}")
    (tmp_path / "services" / "billing" / "openapi.json").write_text(LEGACY.read_text())
    result = init_process(tmp_path)
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "restcheck.toml").read_text()
    assert tomllib.loads(written) == {"options": {"version-prefix": {}}}  # all else commented
    # The rules with findings are listed, with severity and count, for the team to decide.
    listed = [line.split() for line in written.splitlines() if line.startswith("#   ")]
    assert ["#", "plural-resources", "error", "2"] in listed
    assert sum(int(row[3]) for row in listed) == 30
    assert "services/billing/openapi.json: 30 findings today" in result.stderr
    assert "restcheck baseline services/billing/openapi.json" in result.stderr
    # restcheck uses the file: a severity uncommented there changes the check.
    (tmp_path / "restcheck.toml").write_text(
        written.replace("# [severity]", "[severity]").replace(
            '# write-returns-read-schema = "error"', 'write-returns-read-schema = "error"'
        )
    )
    found = json.loads(check(tmp_path, "services/billing/openapi.json").stdout)["findings"]
    assert {f["severity"] for f in found if f["rule"] == "write-returns-read-schema"} == {"error"}


def test_init_reads_the_base_path_the_operations_share(tmp_path: Path) -> None:
    spec = document(
        """
        paths:
          /api/v2/customers/:
            get:
              responses: {"200": {description: OK}}
          /api/v2/orders/:
            get:
              responses: {"200": {description: OK}}
          /api/v2/products/:
            get:
              responses: {"200": {description: OK}}
          /legacy/invoices/:
            get:
              responses: {"200": {description: OK}}
          /health:
            get:
              responses: {"200": {description: OK}}
        """
    )
    (tmp_path / "openapi.json").write_text(json.dumps(spec))
    assert init(tmp_path).returncode == 0
    config = tomllib.loads((tmp_path / "restcheck.toml").read_text())
    assert config["options"]["version-prefix"]["prefix"] == "/api/v2/"
    found = json.loads(check(tmp_path, "openapi.json", "--select", "version-prefix").stdout)[
        "findings"
    ]
    # Only the resource path outside the base: `/health` serves the service, not the API.
    assert [f["path"] for f in found] == ["/legacy/invoices/"]


def test_init_with_a_baseline_gates_only_new_findings(tmp_path: Path) -> None:
    (tmp_path / "openapi.json").write_text(LEGACY.read_text())
    result = init(tmp_path, "openapi.json", "--baseline", "restcheck-baseline.json")
    assert result.returncode == 0, result.stderr
    assert "restcheck check openapi.json --baseline restcheck-baseline.json" in result.stderr
    gated = check(tmp_path, "openapi.json", "--baseline", "restcheck-baseline.json")
    assert gated.returncode == 0 and json.loads(gated.stdout)["findings"] == []


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "openapi.json").write_text(LEGACY.read_text())
    (tmp_path / "restcheck.toml").write_text('fail-on = "never"\n')
    refused = init(tmp_path)
    assert refused.returncode == 2 and "restcheck.toml exists; --force" in refused.stderr
    assert (tmp_path / "restcheck.toml").read_text() == 'fail-on = "never"\n'
    (tmp_path / "restcheck.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.restcheck]\nfail-on = "never"\n')
    elsewhere = init(tmp_path)
    assert elsewhere.returncode == 2 and "pyproject.toml already configures" in elsewhere.stderr
    assert init(tmp_path, "--force").returncode == 0


def test_init_without_a_spec_says_how_to_give_one(tmp_path: Path) -> None:
    result = init(tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "give the spec: restcheck init SPEC" in result.stderr
    missing = init(tmp_path, "nope.json")
    assert missing.returncode == 2 and "nope.json: no such file" in missing.stderr
