"""Seeded mutations of a real spec, configuration and baseline (tests/fuzz.py): exit 0, 1 or
2, one line on stderr for 2, never a traceback nor an "internal error".

The default run is short (a few seconds); `pytest -m slow` runs a longer one, and `.ci/run`
runs both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import fuzz


def _report(tally: fuzz.Tally) -> str:
    return f"{tally.tried} inputs, {dict(tally.outcomes)}:\n" + "\n".join(tally.failures[:20])


# The quick suite runs the first 30 mutants of the seed (4 s here), `-m slow` all 120 (13 s):
# the same mutants in the same order, the quick run a prefix of the long one.
@pytest.mark.parametrize("count", [30, pytest.param(120, marks=pytest.mark.slow)])
def test_mutations_exit_cleanly(tmp_path: Path, count: int) -> None:
    tally = fuzz.run(count, seed=20261204, workdir=tmp_path)
    assert tally.tried == count + len(fuzz.CONFIGS) + len(fuzz.BASELINES)
    assert tally.failures == [], _report(tally)
    # The mutations reach every outcome: the fuzzer is not stuck on one path.
    assert {"exit 0", "exit 1", "exit 2"} <= set(tally.outcomes)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_many_mutations_exit_cleanly(tmp_path: Path, seed: int) -> None:
    tally = fuzz.run(500, seed=seed, workdir=tmp_path)
    assert tally.failures == [], _report(tally)


def test_the_fuzzer_catches_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that raises is seen as a failure, with the input that caused it."""
    from checker.engine.registry import Rule

    def broken(self: Rule, *args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(Rule, "run", broken)
    tally = fuzz.run(3, seed=1, workdir=tmp_path)
    assert any("internal error in rule" in f for f in tally.failures)
