"""`--format text`: findings grouped by operation (or path, or schema), then a summary."""

from __future__ import annotations

from checker.findings import Finding, summary
from checker.report import ReportContext
from checker.schemas import unescape

_COLORS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1"}


def _paint(text: str, style: str, on: bool) -> str:
    return f"\033[{_COLORS[style]}m{text}\033[0m" if on else text


def group_of(finding: Finding) -> str:
    """The thing a finding is about, as a reader names it."""
    if finding.method and finding.path:
        return f"{finding.method.upper()} {finding.path}"
    if finding.path:
        return finding.path
    tokens = [unescape(t) for t in finding.pointer.split("/")[1:]]
    if len(tokens) >= 3 and tokens[:2] == ["components", "schemas"]:
        return f"schema {tokens[2]}"
    return "document"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


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
            lines.append(_paint(group[1], "bold", color))
            current = group
        where = f"{finding.source}:{finding.line or 1}:{finding.column or 1}"
        severity = _paint(f"{finding.severity:<7}", finding.severity, color)
        rule = _paint(f"{finding.rule:<{width}}", "dim", color)
        lines.append(f"  {where}  {severity} {rule}  {finding.message}")
    counts = summary(findings)
    if findings:
        lines.append("")
        detail = ", ".join(_plural(n, s) for s, n in counts.items() if n)
        files = len({f.source for f in findings})
        lines.append(
            f"{_plural(len(findings), 'problem')} ({detail}) in "
            f"{_plural(files, 'file')} of {len(context.sources)} checked"
        )
    else:
        lines.append(f"No problems found in {_plural(len(context.sources), 'file')}.")
    lines.extend(context.notes)
    return "\n".join(lines) + "\n"
