"""Every rule documents itself (summary, Why, Bad, Good), and its examples are true:
the Bad example draws the rule's finding, the Good one draws none."""

from __future__ import annotations

import pytest

from checker.engine.catalogue import all_rules
from checker.engine.registry import Rule
from tests.helpers import run_rule

RULES = list(all_rules().values())


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_docstring_sections(rule: Rule) -> None:
    assert rule.summary.endswith(".")
    for section in ("Why", "Bad", "Good"):
        assert rule.sections.get(section), f"{rule.id}: no {section} section"
    for name, option in rule.options.items():
        assert option.help, f"{rule.id}: option {name} is not described under Options"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_bad_example_is_found(rule: Rule) -> None:
    assert run_rule(rule.id, rule.sections["Bad"]), f"{rule.id}: Bad example draws no finding"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_good_example_is_clean(rule: Rule) -> None:
    assert run_rule(rule.id, rule.sections["Good"]) == []


def test_rule_pages_are_generated_and_current() -> None:
    # docs/rules/ is what `make docs` writes from the docstrings: a stale page fails here.
    from checker.engine.catalogue import catalogue
    from checker.report.rule_pages import pages
    from tests.helpers import ROOT

    folder = ROOT / "docs" / "rules"
    expected = pages(list(catalogue().values()))
    found = {path.name: path.read_text() for path in folder.glob("*.md")}
    assert sorted(found) == sorted(expected), "run `make docs`"
    for name, text in expected.items():
        assert found[name] == text, f"docs/rules/{name} is stale: run `make docs`"
    page = expected["version-prefix.md"]
    for heading in ("# version-prefix", "## Why", "## Bad", "## Use instead", "## Options"):
        assert heading in page.splitlines()
    assert "[create-status](create-status.md)" in expected["README.md"]


def test_an_option_without_a_default_is_refused_at_registration() -> None:
    from checker.engine.registry import REGISTRY, rule
    from checker.model.scopes import document

    def optionless(api: object, *, strict: bool) -> list[object]:
        return []

    with pytest.raises(ValueError, match=r"optionless: an option .* has no default"):
        rule("info", scope=document("the document"))(optionless)
    assert "optionless" not in REGISTRY


def test_options_are_the_keyword_only_parameters_with_their_defaults() -> None:
    import inspect

    for found in RULES:
        parameters = inspect.signature(found.func).parameters.values()
        expected = {p.name: p.default for p in parameters if p.kind is p.KEYWORD_ONLY}
        assert {name: o.default for name, o in found.options.items()} == expected, found.id
