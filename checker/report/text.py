"""`--format text`: findings grouped by operation (or path, or schema), then a summary."""

from __future__ import annotations

from checker.engine.findings import Finding
from checker.pointers import schema_of
from checker.report import ReportContext, tally
from checker.words import count, paint, terminal_safe


def group_of(finding: Finding) -> str:
    """The thing a finding is about, as a reader names it."""
    if finding.method and finding.path:
        return f"{finding.method.upper()} {finding.path}"
    if finding.path:
        return finding.path
    schema = schema_of(finding.pointer)
    return f"schema {schema}" if schema is not None else "document"


def render(findings: list[Finding], context: ReportContext) -> str:
    color = context.color
    lines: list[str] = []
    current: tuple[str, str] | None = None
    width = max((len(f.rule) for f in findings), default=0)
    for finding in findings:
        group = (finding.source, group_of(finding))
        if group != current:
            if current is not None:
                lines.append("")
            lines.append(paint(group[1], "bold", color))
            current = group
        where = f"{finding.source}:{finding.line or 1}:{finding.column or 1}"
        severity = paint(f"{finding.severity:<7}", finding.severity, color)
        rule = paint(f"{finding.rule:<{width}}", "dim", color)
        lines.append(f"  {where}  {severity} {rule}  {finding.message}")
    if findings:
        lines.append("")
        files = len({f.source for f in findings})
        lines.append(
            f"{tally(findings)} in {count(files, 'file')} of {len(context.sources)} checked"
        )
    else:
        lines.append(f"No problems found in {count(len(context.sources), 'file')}.")
    lines.extend(context.notes)
    return terminal_safe("\n".join(lines) + "\n")
