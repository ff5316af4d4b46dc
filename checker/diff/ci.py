"""`diff --format sarif|github|junit`: the API changes (and the new findings) for CI, at the
head document's lines.

A change is reported like a finding of a rule named after its kind (`request-field-made-
required`), at its level; an accepted change is left out (it is in the text, Markdown and
JSON reports with its reason). What HEAD no longer has (a removed field, operation or status)
is pointed at the nearest place of HEAD that is still there (the schema, the path), since
annotations can only land on the head's lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.diff.api import Change
from checker.diff.run import Diff, failing_changes
from checker.engine.findings import Finding, at_or_above
from checker.engine.registry import Problem, Rule
from checker.engine.runner import add_positions
from checker.report import ReportContext, renderer
from checker.words import count

WHY = {
    "error": "It breaks clients written against the base version.",
    "warning": "It may break some clients.",
    "info": "It breaks no client.",
}


def _nothing(*_: Any) -> Iterator[Problem]:
    yield from ()


def kind_rule(change: Change) -> Rule:
    """A change kind as a rule, for the reports' rule lists (SARIF's `rules`)."""
    words = str(change.type).replace("-", " ")
    return Rule(
        id=str(change.type),
        area="diff",
        severity=change.type.level,
        func=_nothing,
        summary=f"API change: {words}.",
        sections={"Why": WHY[change.type.level]},
    )


def as_findings(result: Diff) -> list[Finding]:
    """The changes that are not accepted, as findings in the head document (positioned by
    the engine, as every finding is)."""
    found = [
        Finding(
            rule=str(change.type),
            severity=change.level,
            message=change.message,
            source=result.head.name,
            # What HEAD no longer has: the nearest place HEAD still has (its ancestors).
            pointer=change.pointer if change.side == "head" else _container(change.pointer),
            path=change.path,
            method=change.method,
            fingerprint=change.fingerprint,
        )
        for change in result.api.changes
        if change.accepted is None
    ]
    add_positions(result.head, found)
    return found


def _container(pointer: str) -> str:
    """A removed array element's list (`.../parameters/0` -> `.../parameters`): in HEAD the
    same index may hold another element."""
    return re.sub(r"(/\d+)+$", "", pointer)


def render_ci(result: Diff, name: str, fail_on: str, change_level: str) -> str:
    """SARIF, GitHub annotations or JUnit of the new findings and the changes."""
    changes = as_findings(result)
    if name == "junit":
        return _junit(result, fail_on, change_level)
    kinds = {c.type: c for c in result.api.changes}
    from checker.engine.catalogue import all_rules

    rules = [all_rules()[r] for r in dict.fromkeys(f.rule for f in result.new)]
    rules += [kind_rule(c) for c in kinds.values()]
    context = ReportContext([result.head.name], rules=rules, notes=result.notes)
    return renderer(name)([*result.new, *changes], context)


def _junit(result: Diff, fail_on: str, change_level: str) -> str:
    """Two suites: the new findings (a case per rule, failing at `fail_on`) and the API
    changes (a case per kind, failing at the change threshold), as the exit code decides."""
    import xml.etree.ElementTree as ET  # JUnit only

    root = ET.Element("testsuites", name="restcheck diff")
    failing_ids = {id(c) for c in failing_changes(result, change_level)}
    failing_findings = {id(f) for f in at_or_above(result.new, fail_on)}
    suites: list[tuple[str, dict[str, list[tuple[str, bool]]]]] = []
    by_rule: dict[str, list[tuple[str, bool]]] = {}
    for finding in result.new:
        line = f"{finding.source}:{finding.line or 1}:{finding.column or 1} {finding.message}"
        by_rule.setdefault(finding.rule, []).append((line, id(finding) in failing_findings))
    by_kind: dict[str, list[tuple[str, bool]]] = {}
    for change in result.api.changes:
        if change.accepted is not None:
            continue
        line = f"{change.level} {change.message}"
        by_kind.setdefault(str(change.type), []).append((line, id(change) in failing_ids))
    if not result.breaking_only:
        suites.append((f"new findings in {result.head.name}", by_rule))
    suites.append((f"API changes {result.base.name} -> {result.head.name}", by_kind))
    total = failures = 0
    for title, cases in suites:
        suite = ET.SubElement(root, "testsuite", name=title)
        failed_cases = 0
        for case_name, entries in sorted(cases.items()):
            case = ET.SubElement(suite, "testcase", name=case_name, classname="restcheck.diff")
            text = "\n".join(line for line, _ in entries)
            if any(failed for _, failed in entries):
                failure = ET.SubElement(case, "failure", message=count(len(entries), "change"))
                failure.text = text
                failed_cases += 1
            else:
                ET.SubElement(case, "system-out").text = text
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failed_cases))
        total += len(cases)
        failures += failed_cases
    root.set("tests", str(total))
    root.set("failures", str(failures))
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
