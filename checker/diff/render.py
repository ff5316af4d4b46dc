"""`restcheck diff` as text, JSON and Markdown (sized for a pull-request comment)."""

from __future__ import annotations

from collections.abc import Iterable

from checker.diff.api import Change
from checker.diff.kinds import ChangeKind
from checker.diff.run import Diff
from checker.engine.findings import Finding, summary
from checker.engine.registry import SEVERITIES
from checker.report import jsontext
from checker.report.markdown import SEVERITY_ICONS, code
from checker.report.markdown import escape as cell
from checker.version import __version__
from checker.words import count, paint, terminal_safe

# Markdown tables longer than this are cut (the JSON report has everything): GitHub limits
# a comment to 65,536 characters.
MARKDOWN_ROWS = 60


def _severities(findings: list[Finding]) -> str:
    counts = summary(findings)
    detail = ", ".join(count(n, s) for s, n in counts.items() if n)  # "2 info", not "2 infos"
    return f" ({detail})" if detail else ""


def by_level(changes: Iterable[Change]) -> dict[str, list[Change]]:
    """The changes not accepted, by level (the operations added apart: they are listed as
    such), and the accepted ones."""
    found: dict[str, list[Change]] = {"error": [], "warning": [], "info": [], "accepted": []}
    for change in changes:
        if change.accepted is not None:
            found["accepted"].append(change)
        elif change.type is not ChangeKind.OPERATION_ADDED:
            found[change.level].append(change)
    return found


def headline(result: Diff) -> str:
    api = result.api
    levels = by_level(api.changes)
    accepted = f", {len(levels['accepted'])} accepted" if levels["accepted"] else ""
    changes = (
        f"{count(len(api.added), 'operation')} added, {len(api.removed)} removed; "
        f"{count(len(levels['error']), 'breaking change')}, "
        f"{len(levels['warning'])} that may break, {len(levels['info'])} other{accepted}"
    )
    if result.breaking_only:
        return changes
    return (
        f"{count(len(result.new), 'new finding')}{_severities(result.new)}, "
        f"{len(result.fixed)} fixed; " + changes
    )


def counts_by_type(changes: Iterable[Change]) -> dict[str, int]:
    found: dict[str, int] = {}
    for change in changes:
        found[change.type] = found.get(change.type, 0) + 1
    return dict(sorted(found.items()))


# -- JSON -----------------------------------------------------------------------------------------


def render_json(result: Diff, fail_on_change: str = "never") -> str:
    """Shaped like `check --format json` (findings and summary are the NEW findings) plus the
    fixed findings and the API changes."""
    api = result.api
    document = {
        "tool": {"name": "restcheck", "version": __version__},
        "base": result.base.name,
        "head": result.head.name,
        "findings": [f.as_json() for f in result.new],
        "summary": summary(result.new),
        "fixed": [f.as_json() for f in result.fixed],
        "fixed_summary": summary(result.fixed),
        "operations": {
            "added": [op.as_json() for op in api.added],
            "removed": [op.as_json() for op in api.removed],
            "common": len(api.common),
        },
        "resources": {"added": api.resources_added, "removed": api.resources_removed},
        "changes": [c.as_json() for c in api.changes],
        "changes_summary": {
            "breaking": len(api.breaking),
            "other": len(api.changes) - len(api.breaking),
            "by_level": {level: len(found) for level, found in by_level(api.changes).items()},
            "by_type": counts_by_type(api.changes),
            "fail_on_change": fail_on_change,
        },
        "notes": result.notes,
    }
    return jsontext.dumps(document) + "\n"


# -- text -----------------------------------------------------------------------------------------

TITLES = (
    ("error", "Breaking changes"),
    ("warning", "Changes that may break clients"),
    ("info", "Other changes"),
    ("accepted", "Accepted changes"),
)


def _where(source: str, line: int | None, column: int | None) -> str:
    return f"{source}:{line or 1}:{column or 1}"


def _findings_text(title: str, findings: list[Finding], color: bool) -> list[str]:
    lines = ["", paint(f"{title} ({len(findings)})", "bold", color)]
    width = max((len(f.rule) for f in findings), default=0)
    for finding in findings:
        where = _where(finding.source, finding.line, finding.column)
        lines.append(f"  {where}  {finding.severity:<7} {finding.rule:<{width}}  {finding.message}")
    return lines


def _changes_text(title: str, changes: list[Change], result: Diff, color: bool) -> list[str]:
    lines = ["", paint(f"{title} ({len(changes)})", "bold", color)]
    current: str | None = None
    for change in changes:
        group = change.operation or "API"
        if group != current:
            lines.append(f"  {group}")
            current = group
        source = result.head.name if change.side == "head" else result.base.name
        why = f"  (accepted: {change.accepted})" if change.accepted is not None else ""
        lines.append(
            f"    {_where(source, change.line, change.column)}  {change.type}  {change.detail}{why}"
        )
    return lines


def render_text(result: Diff, color: bool = False) -> str:
    api = result.api
    lines = [
        paint(f"restcheck diff {result.base.name} -> {result.head.name}", "bold", color),
        headline(result),
    ]
    if result.new:
        lines += _findings_text("New findings", result.new, color)
    if result.fixed:
        lines += _findings_text("Fixed findings", result.fixed, color)
    if api.resources_added or api.resources_removed:
        lines += ["", paint("Resources", "bold", color)]
        lines += [f"  + {name}" for name in api.resources_added]
        lines += [f"  - {name}" for name in api.resources_removed]
    if api.added:
        lines += ["", paint(f"Operations added ({len(api.added)})", "bold", color)]
        lines += [f"  + {op.label}  ({op.kind})" for op in api.added]
    levels = by_level(api.changes)
    for level, title in TITLES:
        if levels[level]:
            lines += _changes_text(title, levels[level], result, color)
    if not (result.new or result.fixed or api.changes):
        lines += ["", "No new or fixed findings and no API changes."]
    lines += ["", *result.notes] if result.notes else []
    return terminal_safe("\n".join(lines) + "\n")


# -- Markdown -------------------------------------------------------------------------------------


def _cut(rows: list[str], total: int) -> list[str]:
    if total > len(rows):
        rows.append(f"\n… and {total - len(rows)} more (`--format json` has them all)")
    return rows


def _findings_table(findings: list[Finding]) -> list[str]:
    """Errors first (a comment may be cut), then by position."""
    rows = ["| severity | rule | operation | message | line |", "|---|---|---|---|---:|"]
    ranked = sorted(findings, key=lambda f: SEVERITIES.index(f.severity))
    for finding in ranked[:MARKDOWN_ROWS]:
        where = (
            code(f"{finding.method.upper()} {finding.path}")
            if finding.method and finding.path
            else code(finding.path or finding.pointer)
        )
        rows.append(
            f"| {finding.severity} | {code(finding.rule)} | {where} | {cell(finding.message)} "
            f"| {finding.line or 1} |"
        )
    return _cut(rows, len(findings) + 2)


LEVEL_ICONS = {**SEVERITY_ICONS, "accepted": "☑️"}


def _changelog(changes: list[Change]) -> list[str]:
    """The changes grouped by operation, as a changelog: `#### POST /v1/x/` then bullets."""
    rows: list[str] = []
    current: str | None = None
    shown = changes[:MARKDOWN_ROWS]
    for change in shown:
        group = change.operation or "API"
        if group != current:
            rows += ["", f"**{code(group)}**", ""]
            current = group
        side = "" if change.side == "head" else ", base"
        why = f" — accepted: {cell(change.accepted)}" if change.accepted is not None else ""
        rows.append(
            f"- {code(change.type)} {cell(change.detail)} (line {change.line or 1}{side}){why}"
        )
    if len(changes) > len(shown):
        rows.append(f"\n… and {len(changes) - len(shown)} more (`--format json` has them all)")
    return rows


def _details(title: str, body: list[str]) -> list[str]:
    return ["", f"<details><summary>{title}</summary>", "", *body, "", "</details>"]


def render_markdown(result: Diff) -> str:
    api = result.api
    icon = "❌" if api.breaking or result.new else "✅"
    lines = [
        f"### {icon} restcheck diff",
        "",
        f"**{headline(result)}** — {code(result.base.name)} → {code(result.head.name)}",
    ]
    if result.new:
        lines += ["", f"#### New findings ({len(result.new)})", "", *_findings_table(result.new)]
    levels = by_level(api.changes)
    for level in ("error", "warning"):
        if levels[level]:
            title = dict(TITLES)[level]
            lines += ["", f"#### {LEVEL_ICONS[level]} {title} ({len(levels[level])})"]
            lines += _changelog(levels[level])
    if result.fixed:
        lines += _details(f"Fixed findings ({len(result.fixed)})", _findings_table(result.fixed))
    if api.added:
        ops = [f"- {code(op.label)} ({op.kind})" for op in api.added[:MARKDOWN_ROWS]]
        lines += _details(f"Operations added ({len(api.added)})", _cut(ops, len(api.added)))
    if api.resources_added or api.resources_removed:
        body = [f"- added {code(n)}" for n in api.resources_added]
        body += [f"- removed {code(n)}" for n in api.resources_removed]
        lines += _details(
            f"Resources: {len(api.resources_added)} added, {len(api.resources_removed)} removed",
            body,
        )
    for level in ("info", "accepted"):
        if levels[level]:
            title = f"{dict(TITLES)[level]} ({len(levels[level])})"
            lines += _details(title, _changelog(levels[level]))
    if not (result.new or result.fixed or api.changes):
        lines += ["", "No new or fixed findings and no API changes."]
    lines += ["", *(f"> {note}" for note in result.notes)] if result.notes else []
    return "\n".join(lines) + "\n"
