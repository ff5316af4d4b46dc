"""Every evaluation spec (other teams' FastAPI exports) goes through check, review and baseline
from the command line without a crash.

The specs are specs/eval/*.json (permissive licences) and, when $RESTCHECK_EVAL_DIR names a
directory, its *.json (those kept out of the repository; specs/eval/SOURCES.md lists them).
Slow: about 27 real specs, three commands each. The verdicts on their findings are in
docs/precision.md; `python -m tests.eval_report` prints the counts and samples.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.eval_report import directories, spec_files
from tests.helpers import cli, environment

SPECS = spec_files(directories([]))
KINDS = {"list", "read", "create", "update", "delete", "action", "other"}

pytestmark = pytest.mark.slow


def run(where: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line, run in `where` (a temporary directory: no configuration file)."""
    return subprocess.run(
        [cli(), *args], capture_output=True, text=True, env=environment(), timeout=300, cwd=where
    )


def test_the_committed_set_is_there() -> None:
    """specs/eval holds at least the committed exports (a lost directory is no silent skip)."""
    if not (Path(__file__).parent.parent / "specs" / "eval").is_dir():
        pytest.skip("specs/eval is absent")
    assert len([p for p in SPECS if p.parent.name == "eval"]) >= 10


@pytest.mark.parametrize("path", SPECS or [None], ids=lambda p: p.stem if p else "absent")
def test_check_review_and_baseline_without_crash(path: Path | None, tmp_path: Path) -> None:
    if path is None:
        pytest.skip("no evaluation specs (specs/eval/ nor $RESTCHECK_EVAL_DIR)")
    checked = run(tmp_path, "check", "--format", "json", str(path))
    assert checked.returncode in (0, 1), checked.stderr
    assert "Traceback" not in checked.stderr
    findings = json.loads(checked.stdout)["findings"]
    for finding in findings:
        assert finding["rule"] and finding["message"] and finding["pointer"] is not None
        assert "\n" not in finding["message"]
    # Findings tell themselves apart: a baseline can accept each one.
    assert len({f["fingerprint"] for f in findings}) == len(findings)
    assert checked.returncode == (1 if any(f["severity"] == "error" for f in findings) else 0)

    reviewed = run(tmp_path, "review", "--format", "json", str(path))
    assert reviewed.returncode in (0, 1), reviewed.stderr
    review = json.loads(reviewed.stdout)
    kinds = {op["kind"] for op in review["operations"]}
    assert kinds <= KINDS
    assert review["operations"] or review["outside_operations"]

    baseline = tmp_path / "baseline.json"
    recorded = run(tmp_path, "baseline", "-o", str(baseline), str(path))
    assert recorded.returncode == 0, recorded.stderr
    assert len(json.loads(baseline.read_text())["entries"]) > 0 or not findings
    # With today's findings accepted, the same check reports none and passes.
    again = run(tmp_path, "check", "--format", "json", "--baseline", str(baseline), str(path))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["findings"] == []
