"""Every spec in ../shared/corpus loads and is checked by every rule without a crash.

Skipped when the corpus is absent. The reviewed verdicts live in the test_corpus_polar*
modules (Polar) and docs/precision.md (the other FastAPI exports)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker.engine.config import Config
from checker.engine.runner import lint
from checker.load.source import load
from tests.helpers import CORPUS

SPECS = (
    sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".json", ".yaml"))
    if CORPUS.exists()
    else []
)


@pytest.mark.parametrize("path", SPECS or [None], ids=lambda p: p.name if p else "absent")
def test_checks_without_crash(path: Path | None) -> None:
    if path is None:
        pytest.skip(f"no corpus at {CORPUS}")
    source = load(str(path))
    result = lint(source, Config())
    counts = Counter(f.rule for f in result.findings)
    for finding in result.findings:
        assert finding.line is not None and finding.line >= 1
        assert finding.fingerprint
        assert finding.message and "\n" not in finding.message
    # Every fingerprint is unique within a source: a baseline can tell findings apart.
    assert len({f.fingerprint for f in result.findings}) == len(result.findings)
    # FastAPI exports in the corpus are all answered by at least one guideline rule.
    assert sum(counts.values()) > 0
