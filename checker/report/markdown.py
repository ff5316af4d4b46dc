"""`--format markdown`: a summary for a CI job summary or a pull-request comment.

A heading with the totals, a table of counts per rule and severity, then the findings grouped
by file and by operation (or path, or schema). Long lists are cut after `LISTED` findings
(pull-request comments are limited to 65,536 characters); the counts always cover them all."""

from __future__ import annotations

import re
from collections import Counter

from checker.engine.findings import Finding, summary
from checker.engine.registry import SEVERITIES
from checker.report import ReportContext, headline
from checker.report.text import group_of
from checker.words import terminal_safe

LISTED = 300
# A severity (or a diff change's level) at a glance, in Markdown reports.
SEVERITY_ICONS = {"error": "❌", "warning": "⚠️", "info": "\N{INFORMATION SOURCE}\ufe0f"}

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~@])")


def escape(text: str) -> str:
    """Inline Markdown, safe in a table cell: special characters (HTML's `<`, `@mentions`,
    code fences' backticks, `|`) backslash-escaped, newlines as spaces.

    >>> escape("<img src=x> @team | `x`")
    '\\\\<img src=x\\\\> \\\\@team \\\\| \\\\`x\\\\`'
    """
    return _SPECIAL.sub(r"\\\1", terminal_safe(text.replace("\r", " ").replace("\n", " ")))


def code(text: str) -> str:
    """A code span, safe in a table cell: its fence longer than any run of backticks inside,
    `|` escaped (GitHub splits cells on it even in code), newlines as spaces.

    >>> code("a|b"), code("x `y` z")
    ('`a\\\\|b`', '`` x `y` z ``')
    """
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""
    body = terminal_safe(text.replace("\r", " ").replace("\n", " ")).replace("|", "\\|")
    return f"{fence}{pad}{body}{pad}{fence}"


def render(findings: list[Finding], context: ReportContext) -> str:
    counts = summary(findings)
    lines = [f"### restcheck: {headline(findings, context.sources)}", ""]
    for note in context.notes:
        lines += [escape(note), ""]
    if findings:
        per_rule: Counter[tuple[str, str]] = Counter((f.rule, f.severity) for f in findings)
        order = list(dict.fromkeys(r.id for r in context.rules))
        order += [r for r in dict.fromkeys(f.rule for f in findings) if r not in order]
        lines += ["| rule | error | warning | info | total |", "|---|---:|---:|---:|---:|"]
        for rule in order:
            row = [per_rule[(rule, s)] for s in SEVERITIES]
            if sum(row):
                cells = " | ".join(str(n) if n else "" for n in row)
                lines.append(f"| {code(rule)} | {cells} | {sum(row)} |")
        total = " | ".join(str(counts[s]) for s in SEVERITIES)
        lines.append(f"| **total** | {total} | {len(findings)} |")
        lines.append("")
        lines += _listing(findings)
    if context.notices:
        lines += ["#### Notices", ""]
        lines += [
            f"- {code(f'{n.source}:{n.line or 1}:{n.column or 1}')} {escape(n.message)}"
            for n in context.notices
        ]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _listing(findings: list[Finding]) -> list[str]:
    lines: list[str] = []
    current_source: str | None = None
    current_group: str | None = None
    for finding in findings[:LISTED]:
        if finding.source != current_source:
            current_source, current_group = finding.source, None
            lines += [f"#### {code(finding.source)}", ""]
        group = group_of(finding)
        if group != current_group:
            current_group = group
            if lines and lines[-1]:
                lines.append("")
            lines += [f"**{code(group)}**", ""]
        where = f"line {finding.line}" if finding.line else ""
        lines.append(
            f"- **{finding.severity}** {code(finding.rule)} {where}: {escape(finding.message)}"
        )
    if len(findings) > LISTED:
        lines += ["", f"… and {len(findings) - LISTED} more (see the SARIF or JSON report)."]
    lines.append("")
    return lines
