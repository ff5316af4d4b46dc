"""`--format text`: findings grouped by operation (or path, or schema), then a summary.

Columns line up: `file:line:col` (for `--app`, the route function's or model's `file.py:line`,
with the document's JSON pointer after the message), severity and rule are padded to their
widest value. The
first finding of each rule ends with where its explanation is (`restcheck explain RULE`) and,
for the mechanical rules, is followed by the change to make in FastAPI code.
`--quiet` prints the finding lines only; `--statistics` prints counts per rule instead."""

from __future__ import annotations

from collections import Counter

from checker.engine.findings import Finding
from checker.pointers import schema_of
from checker.report import ReportContext, headline
from checker.words import paint, terminal_safe


def group_of(finding: Finding) -> str:
    """The thing a finding is about, as a reader names it."""
    if finding.method and finding.path:
        return f"{finding.method.upper()} {finding.path}"
    if finding.path:
        return finding.path
    schema = schema_of(finding.pointer)
    return f"schema {schema}" if schema is not None else "document"


def where(finding: Finding) -> str:
    """`file:line:col` in the document; for an app's finding (`--app`) with a Python location,
    `file.py:line` of the route function or model instead (the pointer follows the message)."""
    file, line, column, _ = finding.place()
    return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"


def render(findings: list[Finding], context: ReportContext) -> str:
    if context.statistics:
        lines = statistics(findings, context)
    elif context.quiet:
        lines = [_line(f, context, _widths(findings), indent="") for f in findings]
        return terminal_safe("".join(line + "\n" for line in lines))
    else:
        lines = _listing(findings, context)
    sentence = headline(findings, context.sources)
    lines.append(sentence[0].upper() + sentence[1:] + ("" if findings else "."))
    lines.extend(context.notes)
    return terminal_safe("\n".join(lines) + "\n")


def _widths(findings: list[Finding]) -> tuple[int, int, int]:
    return (
        max((len(where(f)) for f in findings), default=0),
        max((len(f.severity) for f in findings), default=0),
        max((len(f.rule) for f in findings), default=0),
    )


def _line(
    finding: Finding,
    context: ReportContext,
    widths: tuple[int, int, int],
    indent: str = "  ",
    explain: bool = False,
) -> str:
    color = context.color
    place = f"{where(finding):<{widths[0]}}"
    severity = paint(f"{finding.severity:<{widths[1]}}", finding.severity, color)
    rule = paint(f"{finding.rule:<{widths[2]}}", "dim", color)
    line = f"{indent}{place}  {severity}  {rule}  {finding.message}"
    if finding.code is not None:
        line += paint(f"  [{finding.pointer or '/'}]", "dim", color)
    if explain:
        line += paint(f"  (see `restcheck explain {finding.rule}`)", "dim", color)
    return line


def _listing(findings: list[Finding], context: ReportContext) -> list[str]:
    lines: list[str] = []
    widths = _widths(findings)
    explained: set[str] = set()
    fixes = {r.id: r.sections["FastAPI"] for r in context.rules if r.sections.get("FastAPI")}
    current: tuple[str, str] | None = None
    for finding in findings:
        group = (finding.source, group_of(finding))
        if group != current:
            if current is not None:
                lines.append("")
            lines.append(paint(group[1], "bold", context.color))
            current = group
        first = finding.rule not in explained
        lines.append(_line(finding, context, widths, explain=first))
        if first and finding.rule in fixes:  # the change in FastAPI code, once per rule
            hint = ["fix in FastAPI:", *("  " + line for line in fixes[finding.rule].splitlines())]
            lines.extend(paint(f"      {line}", "dim", context.color) for line in hint)
        explained.add(finding.rule)
    if findings:
        lines.append("")
    return lines


def statistics(findings: list[Finding], context: ReportContext) -> list[str]:
    """Counts per rule and severity, most frequent first (as `ruff --statistics`)."""
    counts = Counter((f.rule, f.severity) for f in findings)
    summaries = {r.id: r.summary for r in context.rules}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    number = max((len(str(n)) for n in counts.values()), default=0)
    rule_width = max((len(rule) for rule, _ in counts), default=0)
    lines = []
    for (rule, severity), n in rows:
        shown = paint(f"{severity:<7}", severity, context.color)
        lines.append(f"{n:>{number}}  {rule:<{rule_width}}  {shown}  {summaries.get(rule, '')}")
    if lines:
        lines.append("")
    return lines
