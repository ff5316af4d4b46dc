"""The CI recipes work as written: the composite action's steps run (in a fresh venv, as on a
runner) and the pre-commit hook runs through `pre-commit try-repo`. Both install restcheck
from scratch, so they are slow."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, SPECS

pytestmark = pytest.mark.slow

LEGACY = SPECS / "legacy" / "openapi.json"
SHOP = SPECS / "shop" / "openapi.json"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
# What a runner does for the steps that `uses:` another action; the test runs the `run:` ones.
ACTIONS_USED = {"actions/setup-python@v5", "github/codeql-action/upload-sarif@v3"}


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text())
    return loaded


def _copy_of_the_repository(target: Path) -> Path:
    """The action's files as a runner checks them out (GITHUB_ACTION_PATH): the tracked tree."""
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def _evaluate(text: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        if expression == "steps.check.outputs.exit-code":
            return outputs.get("exit-code", "")
        raise AssertionError(f"the test does not evaluate ${{{{ {expression} }}}}")

    return EXPRESSION.sub(value, text)


def _run_action(workdir: Path, venv: Path, action_path: Path, **given: str) -> dict[str, Any]:
    action = _action()
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, unknown
    inputs.update(given)
    output_file, summary_file = workdir / "github_output", workdir / "step_summary"
    output_file.write_text("")
    summary_file.write_text("")
    environment = {
        **os.environ,
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",  # what setup-python does
        "GITHUB_ACTION_PATH": str(action_path),
        "GITHUB_OUTPUT": str(output_file),
        "GITHUB_STEP_SUMMARY": str(summary_file),
        "RUNNER_TEMP": str(workdir),
    }
    environment.pop("NO_COLOR", None)
    outputs: dict[str, str] = {}
    runs: list[subprocess.CompletedProcess[str]] = []
    for step in action["runs"]["steps"]:
        if "uses" in step:
            assert step["uses"] in ACTIONS_USED, step["uses"]
            continue
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], "inputs reach scripts through env only"
        env = {k: _evaluate(str(v), inputs, outputs) for k, v in step.get("env", {}).items()}
        result = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=workdir,
            env={**environment, **env},
            capture_output=True,
            text=True,
            timeout=600,
        )
        runs.append(result)
        for line in output_file.read_text().splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
        if step.get("name") != "Verdict":
            assert result.returncode == 0, (step["name"], result.stdout, result.stderr)
    return {
        "outputs": outputs,
        "runs": runs,
        "summary": summary_file.read_text(),
        "verdict": runs[-1].returncode,
    }


def test_the_composite_action_installs_checks_and_fails_on_findings(tmp_path: Path) -> None:
    action_path = _copy_of_the_repository(tmp_path / "action")
    venv = tmp_path / "runner-python"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    workdir = tmp_path / "repo"
    workdir.mkdir()
    shutil.copy(LEGACY, workdir / "openapi.json")

    failing = _run_action(workdir, venv, action_path)
    assert failing["outputs"]["exit-code"] == "1"
    assert failing["verdict"] == 1  # the job fails, after the SARIF step had its chance
    check_output = failing["runs"][1].stdout
    assert "::error file=openapi.json,line=" in check_output
    sarif = json.loads((workdir / "restcheck.sarif").read_text())
    results = sarif["runs"][0]["results"]
    assert results and {r["ruleId"] for r in results} >= {"create-status", "plural-resources"}
    assert failing["summary"].startswith("### restcheck: ")

    # The inputs are honoured: another file, another threshold, extra options.
    shutil.copy(SHOP, workdir / "shop.json")
    (workdir / "out").mkdir()
    passing = _run_action(
        workdir,
        venv,
        action_path,
        spec="shop.json",
        args="--ignore schema-docs",
        **{"fail-on": "never", "sarif-file": "out/shop.sarif"},
    )
    assert passing["outputs"]["exit-code"] == "0" and passing["verdict"] == 0
    assert json.loads((workdir / "out" / "shop.sarif").read_text())["runs"][0]["results"] == []

    # Unusable input is exit 2 and fails the job, never a silent pass.
    broken = _run_action(workdir, venv, action_path, spec="missing.json")
    assert broken["outputs"]["exit-code"] == "2" and broken["verdict"] == 2


def test_the_pre_commit_hook_through_try_repo(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (it is a dev dependency: make install)")
    if not (ROOT / ".git").exists():
        pytest.skip("try-repo needs restcheck as a git repository")
    project = tmp_path / "project"
    (project / "services" / "billing").mkdir(parents=True)
    shutil.copy(LEGACY, project / "services" / "billing" / "openapi.json")
    shutil.copy(SHOP, project / "shop.json")  # not named openapi.*: the hook leaves it alone
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)

    def try_repo() -> subprocess.CompletedProcess[str]:
        git("add", ".")
        return subprocess.run(
            [str(pre_commit), "try-repo", str(ROOT), "restcheck", "--all-files"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    git("init", "-q")
    result = try_repo()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "restcheck" in result.stdout and "Failed" in result.stdout
    assert "services/billing/openapi.json:" in result.stdout
    assert "create-status" in result.stdout
    assert "shop.json" not in result.stdout

    # A clean spec passes the hook.
    (project / "services" / "billing" / "openapi.json").write_text(
        json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}})
    )
    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
