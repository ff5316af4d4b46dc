"""Table-driven rule cases: tests/cases/<area>.yaml, a snippet -> one rule -> exact findings.

Each case: `rule`, `name`, `spec` (a YAML snippet: paths, components...), optional `openapi`
(the version, 3.1.0 by default) and `options`, and `expect`: the list of findings, each
`{pointer, message}` (message may be a `contains` substring instead). Good and bad cases sit
side by side; `expect: []` is a good case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import run_rule

CASES = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text()):
            found.append(pytest.param(case, id=f"{path.stem}:{case['rule']}:{case['name']}"))
    return found


@pytest.mark.parametrize("case", _load())
def test_case(case: dict[str, Any]) -> None:
    options = dict(case.get("options") or {})
    if "openapi" in case:
        options["openapi"] = case["openapi"]
    problems = run_rule(case["rule"], case["spec"], **options)
    got = [(p.pointer, p.message) for p in problems]
    expected = case["expect"] or []
    assert len(got) == len(expected), f"got {got}"
    for (pointer, message), want in zip(got, expected, strict=True):
        assert pointer == want["pointer"]
        if "message" in want:
            assert message == want["message"]
        else:
            assert want["contains"] in message, message


def test_every_rule_has_cases() -> None:
    from checker.engine.catalogue import all_rules

    covered = {case.values[0]["rule"] for case in _load()}  # type: ignore[index]
    missing = set(all_rules()) - covered
    assert not missing, f"rules without table-driven cases: {sorted(missing)}"
