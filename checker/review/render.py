"""`restcheck review` as text, JSON and Markdown (HTML is in checker/review_html.py)."""

from __future__ import annotations

from typing import Any

from checker.engine.findings import Finding, summary
from checker.report import jsontext
from checker.report.markdown import SEVERITY_ICONS, code
from checker.report.markdown import escape as cell
from checker.review.review import KINDS, GroupReview, OpReview, Review
from checker.version import __version__
from checker.words import count, paint, terminal_safe

# Matrix cells by state (GroupReview.cell): a warning-only cell is not an error's cell.
MARKS = {"pass": "ok", "error": "FAIL", "warning": "warn", "info": "info", "none": "-"}
EMOJI = {"pass": "✅", **SEVERITY_ICONS, "none": ""}


def percent(score: float | None) -> str:
    """A score as a percentage, floored so that 99.96% never shows as 100%."""
    if score is None:
        return "n/a"
    value = int(score * 1000) / 10
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def headline(result: Review) -> str:
    counts = result.counts
    kinds = ", ".join(f"{n} {k}" for k, n in result.kind_counts().items() if n)
    return (
        f"{count(len(result.resources), 'resource')}, "
        f"{count(len(result.operations), 'operation')} ({kinds}); "
        f"{counts.passed} of {count(counts.checks, 'check')} passed ({percent(counts.score)})"
    )


def namespace_of(group: GroupReview) -> str | None:
    if group.resource is None or not group.resource.namespace:
        return None
    return "/".join(group.resource.namespace)


def parent_of(group: GroupReview) -> str | None:
    resource = group.resource
    return resource.parent.name if resource is not None and resource.parent else None


# -- JSON -----------------------------------------------------------------------------------------


def _op_json(entry: OpReview) -> dict[str, Any]:
    return {
        **entry.op.as_json(),
        "group": entry.group,
        "checks": entry.counts.checks,
        "passed": entry.passed,
        "failed": list(entry.failed),
        "findings": [f.as_json() for f in entry.findings],
    }


def _group_json(group: GroupReview) -> dict[str, Any]:
    counts = group.counts
    found: dict[str, Any] = {"name": group.name}
    resource = group.resource
    if resource is not None:
        found.update(
            namespace=namespace_of(group),
            parent=parent_of(group),
            collection_path=resource.collection_path,
            item_paths=resource.item_paths,
        )
    found.update(
        kinds={
            k: [f"{o.op.method.upper()} {o.op.path}" for o in group.of_kind(k)]
            for k in KINDS
            if group.of_kind(k)
        },
        operations=len(group.operations),
        checks=counts.checks,
        passed=counts.passed,
        failed=counts.failed,
        score=None if counts.score is None else round(counts.score, 4),
        findings=len(group.findings),
    )
    return found


def render_json(result: Review) -> str:
    counts = result.counts
    document = {
        "tool": {"name": "restcheck", "version": __version__},
        "source": result.source.name,
        "summary": {
            "resources": len(result.resources),
            "operations": len(result.operations),
            "kinds": result.kind_counts(),
            "checks": counts.checks,
            "passed": counts.passed,
            "failed": counts.failed,
            "score": None if counts.score is None else round(counts.score, 4),
            "findings": summary(result.findings),
        },
        "rules": [
            {
                "rule": t.rule.id,
                "area": t.rule.area,
                "severity": t.rule.severity,
                "scope": t.scope.label,
                "checks": t.counts.checks,
                "passed": t.counts.passed,
                "failed": t.counts.failed,
                "findings": t.findings,
                "schemas": {
                    "checks": t.schemas.checks,
                    "passed": t.schemas.passed,
                    "failed": t.schemas.failed,
                },
            }
            for t in result.rules
        ],
        "resources": [_group_json(g) for g in result.resources],
        "groups": [_group_json(g) for g in result.groups],
        "operations": [_op_json(o) for o in result.operations],
        "outside_operations": [f.as_json() for f in result.outside],
    }
    return jsontext.dumps(document) + "\n"


# -- text -----------------------------------------------------------------------------------------


def _where(finding: Finding) -> str:
    return f"{finding.source}:{finding.line or 1}:{finding.column or 1}"


def _matrix(groups: list[GroupReview], color: bool) -> list[str]:
    width = max([len(g.name) for g in groups] + [8])
    lines = [f"  {'':<{width}}  " + " ".join(f"{k:>6}" for k in KINDS) + "   score"]
    for group in groups:
        cells = []
        for kind in KINDS:
            state = group.cell(kind)
            cell = f"{MARKS[state]:>6}"
            cells.append(paint(cell, state, color) if state in SEVERITY_ICONS else cell)
        lines.append(
            f"  {group.name:<{width}}  " + " ".join(cells) + f"  {percent(group.counts.score):>6}"
        )
    return lines


def _group_text(group: GroupReview, color: bool) -> list[str]:
    counts = group.counts
    facts = []
    namespace, parent = namespace_of(group), parent_of(group)
    if namespace:
        facts.append(f"namespace {namespace}")
    if parent:
        facts.append(f"parent {parent}")
    facts.append(f"{counts.passed}/{counts.checks} checks, {percent(counts.score)}")
    title = group.name if group.resource else f"{group.name} (no resource)"
    lines = [paint(title, "bold", color) + "  (" + "; ".join(facts) + ")"]
    width = max(len(o.op.method) + len(o.op.path) + 1 for o in group.operations)
    for entry in group.operations:
        op = entry.op
        label = f"{op.method.upper()} {op.path}"
        failed = f", {len(entry.failed)} failed" if entry.failed else ""
        lines.append(f"  {op.kind:<7} {label:<{width}}  {len(entry.passed)} passed{failed}")
        for rule_id, found in entry.failed.items():
            for finding in found:
                name = paint(rule_id, "red", color)
                lines.append(f"          {name}: {finding.message}  ({_where(finding)})")
    return lines


def render_text(result: Review, color: bool = False) -> str:
    lines = [paint(f"Review of {result.source.name}", "bold", color), headline(result), ""]
    lines.append(
        "Resources by kind (ok: every operation passes; FAIL: one has an error; warn/info: "
        "the worst is a warning/info; -: none):"
    )
    lines.extend(_matrix(result.resources + result.groups, color))
    for group in result.resources + result.groups:
        lines.append("")
        lines.extend(_group_text(group, color))
    lines.append("")
    lines.append(paint("Rules", "bold", color))
    width = max([len(t.rule.id) for t in result.rules] + [4])
    for total in result.rules:
        counts = total.counts
        schemas = total.schemas
        judged = f"; schemas {schemas.passed}/{schemas.checks} passed" if schemas.checks else ""
        lines.append(
            f"  {total.rule.id:<{width}}  {counts.passed:>4}/{counts.checks:<4} passed  "
            f"{count(total.findings, 'finding'):>12}  ({total.scope.label}{judged})"
        )
    if result.outside:
        lines.append("")
        lines.append(paint("Findings outside operations (schemas, document)", "bold", color))
        for finding in result.outside:
            lines.append(f"  {_where(finding)}  {finding.rule}  {finding.message}")
    return terminal_safe("\n".join(lines) + "\n")


# -- Markdown -------------------------------------------------------------------------------------


def render_markdown(result: Review) -> str:
    lines = [f"## API review of {code(result.source.name)}", "", headline(result), ""]
    lines.append("| resource | " + " | ".join(KINDS) + " | score |")
    lines.append("|---|" + "---|" * len(KINDS) + "---:|")
    for group in result.resources + result.groups:
        name = code(group.name) + ("" if group.resource else " (no resource)")
        marks = []
        for kind in KINDS:
            count = len(group.of_kind(kind))
            marks.append(f"{EMOJI[group.cell(kind)]} {count}" if count else "")
        lines.append(f"| {name} | " + " | ".join(marks) + f" | {percent(group.counts.score)} |")
    failed = [(o, r, f) for o in result.operations for r, fs in o.failed.items() for f in fs]
    lines += ["", f"### Failed checks ({len(failed)})", ""]
    if failed:
        lines.append("| operation | kind | rule | message |")
        lines.append("|---|---|---|---|")
        for entry, rule_id, finding in failed:
            label = f"{entry.op.method.upper()} {entry.op.path}"
            lines.append(
                f"| {code(label)} | {entry.op.kind} | {code(rule_id)} | {cell(finding.message)} |"
            )
    lines += [
        "",
        "### Rules",
        "",
        "| rule | applies to | passed | failed | schemas passed | findings |",
    ]
    lines.append("|---|---|---:|---:|---:|---:|")
    for total in result.rules:
        counts, schemas = total.counts, total.schemas
        judged = f"{schemas.passed}/{schemas.checks}" if schemas.checks else "-"
        lines.append(
            f"| {code(total.rule.id)} | {total.scope.label} | {counts.passed} | "
            f"{counts.failed} | {judged} | {total.findings} |"
        )
    if result.outside:
        lines += [
            "",
            f"<details><summary>Findings outside operations ({len(result.outside)})</summary>",
            "",
        ]
        lines.append("| rule | where | message |")
        lines.append("|---|---|---|")
        for finding in result.outside:
            lines.append(
                f"| {code(finding.rule)} | {code(finding.pointer)} | {cell(finding.message)} |"
            )
        lines += ["", "</details>"]
    lines += ["", "<details><summary>Operations by resource</summary>", ""]
    for group in result.resources + result.groups:
        lines.append(f"**{cell(group.name)}**" + ("" if group.resource else " (no resource)"))
        lines.append("")
        for entry in group.operations:
            label = f"{entry.op.method.upper()} {entry.op.path}"
            status = "✅" if entry.ok else "❌ " + ", ".join(code(r) for r in entry.failed)
            lines.append(f"- {entry.op.kind}: {code(label)} {status}")
        lines.append("")
    lines.append("</details>")
    return "\n".join(lines) + "\n"
