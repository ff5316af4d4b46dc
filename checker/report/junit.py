"""`--format junit`: JUnit XML, for CI test report views (GitLab, Jenkins, Azure, CircleCI).

One test suite per checked file and one test case per rule that ran. A test case fails when
the rule has findings at or above `--fail-on` in that file (so the report agrees with the exit
code); the failure's text lists them, one `file:line:col severity message` per line. Findings
below the threshold are listed in the test case's `system-out` without failing it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.engine.findings import Finding, at_or_above
from checker.report import ReportContext
from checker.words import count

# XML 1.0 allows neither most control characters nor lone surrogates.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def _line(finding: Finding) -> str:
    where = f"{finding.source}:{finding.line or 1}:{finding.column or 1}"
    return _clean(f"{where} {finding.severity} {finding.message}")


def render(findings: list[Finding], context: ReportContext) -> str:
    rules = list(context.rules)
    ids = {r.id for r in rules}
    areas = {r.id: r.area for r in rules}
    extra = [f.rule for f in findings if f.rule not in ids]
    failing = {id(f) for f in at_or_above(findings, context.fail_on)}
    sources = list(dict.fromkeys([*context.sources, *(f.source for f in findings)]))
    root = ET.Element("testsuites", name="restcheck")
    total_tests = total_failures = 0
    for source in sources:
        suite = ET.SubElement(root, "testsuite", name=_clean(source))
        tests = failures = 0
        for rule_id in [*[r.id for r in rules], *dict.fromkeys(extra)]:
            found = [f for f in findings if f.source == source and f.rule == rule_id]
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"restcheck.{areas.get(rule_id, 'rules')}",
                name=rule_id,
                file=_clean(source),
            )
            tests += 1
            failed = [f for f in found if id(f) in failing]
            passed = [f for f in found if id(f) not in failing]
            if failed:
                failures += 1
                first = failed[0].message if len(failed) == 1 else count(len(failed), "finding")
                failure = ET.SubElement(
                    case, "failure", message=_clean(first), type=failed[0].severity
                )
                failure.text = "\n".join(_line(f) for f in failed)
            if passed:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(_line(f) for f in passed)
        notices = [n for n in context.notices if n.source == source]
        if notices:
            err = ET.SubElement(suite, "system-err")
            err.text = "\n".join(
                _clean(f"{n.source}:{n.line or 1}:{n.column or 1} warning {n.message}")
                for n in notices
            )
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
