"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; the rules that ran with their documentation (summary, Why, Bad and Good examples);
one result per finding with its file, 1-based line and column (in code points), the operation
or schema it is about, and our fingerprint as a partial fingerprint (stable across reformatting,
so code scanning tracks an alert through unrelated edits). Notices (e.g. an unknown rule id in
`x-restcheck-ignore`) are tool execution notifications of the invocation."""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker.engine.findings import Finding
from checker.engine.registry import Rule
from checker.report import ReportContext, jsontext
from checker.report.rule_pages import page
from checker.report.text import group_of
from checker.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "restcheck/v1"


def uri_of(source: str) -> str:
    """A SARIF artifact URI: URLs as they are, files as (percent-encoded) POSIX paths."""
    if source.startswith(("http://", "https://")):
        return source
    if source == "<stdin>":
        return "stdin"
    if PureWindowsPath(source).drive:
        return PureWindowsPath(source).as_uri()
    posix = source.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix.removeprefix("./"))


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def rule_help(rule: Rule) -> tuple[str, str]:
    """A rule's documentation as plain text, and as Markdown: its docs/rules page."""
    sections = rule.sections
    text = [rule.summary]
    if sections.get("Why"):
        text += ["", f"Why: {sections['Why']}"]
    for name, title in (("Bad", "Bad"), ("Good", "Good"), ("FastAPI", "Fix in FastAPI")):
        if sections.get(name):
            text += ["", f"{title}:", _indent(sections[name])]
    if sections.get("Options"):
        text += ["", "Options:", _indent(sections["Options"])]
    hint = f"`restcheck explain {rule.id}` prints this; configuration: docs/configuration.md."
    return "\n".join([*text, "", hint]), page(rule)


def _indent(block: str) -> str:
    return "\n".join("    " + line if line else line for line in block.splitlines())


def _descriptor(rule: Rule, docs_url: str | None) -> dict[str, Any]:
    text, markdown = rule_help(rule)
    why = re.sub(r"\s+", " ", rule.sections.get("Why", "")).strip()
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} Why: {why}" if why else rule.summary},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["restcheck", rule.area], "area": rule.area},
    }
    if docs_url is not None:
        descriptor["helpUri"] = f"{docs_url}{rule.id}.md"
    return descriptor


def _location(
    source: str,
    artifacts: dict[str, int],
    line: int | None,
    column: int | None,
    end_column: int | None = None,
) -> Any:
    region = {"startLine": line or 1, "startColumn": column or 1}
    if end_column is not None and end_column >= region["startColumn"]:
        region["endColumn"] = end_column + 1  # SARIF's end column is exclusive
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri_of(source), "index": artifacts[source]},
            "region": region,
        }
    }


def render(findings: list[Finding], context: ReportContext) -> str:
    rules = list(context.rules)
    known = {r.id for r in rules}
    if any(f.rule not in known for f in findings):  # e.g. findings of rules given by callers
        from checker.engine.catalogue import all_rules

        every = all_rules()
        rules += [every[i] for i in dict.fromkeys(f.rule for f in findings) if i not in known]
    index = {rule.id: position for position, rule in enumerate(rules)}
    sources = list(dict.fromkeys([*context.sources, *(f.place()[0] for f in findings)]))
    artifacts = {source: position for position, source in enumerate(sources)}
    results = []
    for finding in findings:
        file, line, column, end = finding.place()  # --app: the route function or model
        location = _location(file, artifacts, line, column, end)
        location["logicalLocations"] = [
            {"name": group_of(finding), "fullyQualifiedName": finding.pointer}
        ]
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT: finding.fingerprint},
            "properties": {
                "pointer": finding.pointer,
                "path": finding.path,
                "method": finding.method,
            },
        }
        if context.baseline is not None:
            result["baselineState"] = "new"
        results.append(result)
    notifications = [
        {
            "level": "warning",
            "message": {"text": notice.message},
            "locations": [_location(notice.source, artifacts, notice.line, notice.column)],
        }
        for notice in context.notices
        if notice.source in artifacts
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "restcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(rule, context.docs_url) for rule in rules],
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "artifacts": [{"location": {"uri": uri_of(source)}} for source in sources],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if context.baseline is not None:
        run["properties"] = {
            "baseline": {k: v for k, v in context.baseline.items() if k != "stale_entries"}
        }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return jsontext.dumps(document) + "\n"
