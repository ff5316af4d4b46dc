"""`restcheck review --format html`: one self-contained page (inline CSS, no external assets).

A matrix of resources x kinds (per cell: all pass, or the worst severity among the failing
operations, so a warning never looks like an error; linked to the resource), then each
resource as a <details> block with its operations and findings, the rule totals, and the
findings outside operations. A few lines of inline JS only expand or collapse everything;
the page reads the same without them.
"""

from __future__ import annotations

import re
from html import escape

from checker.engine.registry import SEVERITIES
from checker.review.render import namespace_of, parent_of, percent
from checker.review.review import KINDS, GroupReview, OpReview, Review
from checker.version import __version__
from checker.words import count

CSS = """
:root { color-scheme: light dark;
        --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9;
        --warn: #9a6700; --warn-bg: #fff8c5; --info: #0969da; --info-bg: #ddf4ff;
        --none: #f6f8fa; --none-ink: #8c959f; --line: #d0d7de; --dim: #57606a; --ink: #1f2328;
        --page: #ffffff; --head: #f6f8fa; --track: #eaeef2; }
@media (prefers-color-scheme: dark) {
  :root { --ok: #3fb950; --ok-bg: #12361f; --bad: #ff7b72; --bad-bg: #3d1517;
          --warn: #d29922; --warn-bg: #3a2c06; --info: #58a6ff; --info-bg: #0c2d4d;
          --none: #161b22; --none-ink: #6e7681; --line: #30363d; --dim: #8b949e;
          --ink: #e6edf3; --page: #0d1117; --head: #161b22; --track: #21262d; }
}
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       background: var(--page); margin: 0 auto; padding: 24px 32px 64px; max-width: 1320px; }
a { color: var(--info); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px;
     border-bottom: 1px solid var(--line); }
code, .mono { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sub { color: var(--dim); margin: 0 0 16px; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 8px; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.stat b { display: block; font-size: 20px; }
.stat span { color: var(--dim); font-size: 12px; }
.stat.error b { color: var(--bad); } .stat.warning b { color: var(--warn); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left;
         vertical-align: top; }
th { background: var(--head); font-weight: 600; font-size: 12.5px; position: sticky; top: 0; }
.matrix td.k, .matrix th.k { text-align: center; width: 74px; white-space: nowrap; }
.matrix td.pass { background: var(--ok-bg); color: var(--ok); font-weight: 600; }
.matrix td.error { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
.matrix td.warning { background: var(--warn-bg); color: var(--warn); font-weight: 600; }
.matrix td.info { background: var(--info-bg); color: var(--info); font-weight: 600; }
.matrix td.none { background: var(--none); color: var(--none-ink); }
.matrix a { color: inherit; text-decoration: none; }
.matrix td:first-child { position: sticky; left: 0; background: var(--page); z-index: 1; }
.matrix tr:hover td { filter: brightness(0.97); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; color: var(--dim); font-size: 12.5px;
          margin: 0 0 10px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px;
            vertical-align: -2px; margin-right: 4px; border: 1px solid var(--line); }
.legend .pass { background: var(--ok-bg); } .legend .error { background: var(--bad-bg); }
.legend .warning { background: var(--warn-bg); } .legend .info { background: var(--info-bg); }
.legend .none { background: var(--none); }
.ns { color: var(--dim); }
.bar { display: inline-block; width: 120px; height: 10px; background: var(--track);
       border-radius: 5px; vertical-align: middle; margin-right: 6px; overflow: hidden; }
.bar i { display: block; height: 100%; }
.bar i.high { background: var(--ok); } .bar i.mid { background: var(--warn); }
.bar i.low { background: var(--bad); }
.score { white-space: nowrap; text-align: right; }
.pct { display: inline-block; min-width: 46px; text-align: right; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 10px;
       border: 1px solid var(--line); color: var(--dim); margin-left: 4px; }
details.res { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; }
details.res > summary { cursor: pointer; padding: 8px 12px; list-style: none; display: flex;
                        flex-wrap: wrap; gap: 4px 10px; align-items: center; }
details.res > summary::-webkit-details-marker { display: none; }
details.res > summary::before { content: "\\25B8"; color: var(--dim); }
details.res[open] > summary::before { content: "\\25BE"; }
details.res[open] > summary { border-bottom: 1px solid var(--line); }
details.res .body { padding: 6px 12px 12px; overflow-x: auto; }
.name { font-weight: 600; }
.right { margin-left: auto; }
.m { display: inline-block; min-width: 58px; text-align: center; border-radius: 4px;
     font-size: 11px; font-weight: 700; padding: 1px 4px; color: #fff; background: #6e7781; }
.m.get { background: #0969da; } .m.post { background: #1a7f37; } .m.patch { background: #9a6700; }
.m.put { background: #8250df; } .m.delete { background: #cf222e; }
.ok { color: var(--ok); } .bad { color: var(--bad); font-weight: 600; }
.warned { color: var(--warn); font-weight: 600; }
.sev { display: inline-block; font-size: 11px; font-weight: 700; border-radius: 4px;
       padding: 0 5px; }
.sev.error { background: var(--bad-bg); color: var(--bad); }
.sev.warning { background: var(--warn-bg); color: var(--warn); }
.sev.info { background: var(--info-bg); color: var(--info); }
ul.findings { margin: 4px 0 0; padding-left: 18px; }
ul.findings li { margin: 2px 0; }
.rule { font-weight: 600; }
.loc { color: var(--dim); font-size: 12px; }
.toolbar { display: flex; gap: 8px; margin: 0 0 8px; }
button { font: inherit; font-size: 13px; color: var(--ink); border: 1px solid var(--line);
         background: var(--head); border-radius: 6px; padding: 4px 12px; cursor: pointer; }
button:hover { border-color: var(--dim); }
button:focus-visible { outline: 2px solid var(--info); outline-offset: 1px; }
tr:target td, tr.target td { background: var(--info-bg); }
footer { margin-top: 40px; color: var(--dim); font-size: 12px; }
@media (max-width: 700px) {
  body { padding: 16px 12px 48px; }
  .bar { width: 60px; }
  .stat { min-width: 0; flex: 1 1 40%; }
  .right { margin-left: 0; }
}
"""

SCRIPT = """
function setAll(open) {
  document.querySelectorAll('details.res').forEach(function (d) { d.open = open; });
}
"""

# The text of a matrix cell by its state (GroupReview.cell), for f of n operations failing.
MARK = {"error": "✗", "warning": "!", "info": "i"}
SEVERITY_WORD = {"error": "errors", "warning": "warnings", "info": "info only"}


def anchor(name: str) -> str:
    return "r-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "root")


def _bar(score: float | None) -> str:
    if score is None:
        return '<span class="ns">n/a</span>'
    band = "high" if score >= 0.95 else "mid" if score >= 0.8 else "low"
    return (
        f'<span class="bar" title="{percent(score)} of checks passed">'
        f'<i class="{band}" style="width:{score * 100:.1f}%"></i></span>'
        f'<span class="pct">{percent(score)}</span>'
    )


def _title(group: GroupReview) -> str:
    name = f'<span class="name">{escape(group.name)}</span>'
    tags = []
    if group.resource is None:
        tags.append("no resource")
    namespace, parent = namespace_of(group), parent_of(group)
    if namespace:
        tags.append(f"namespace {namespace}")
    if parent:
        tags.append(f"parent {parent}")
    return name + "".join(f'<span class="tag">{escape(t)}</span>' for t in tags)


def kinds_present(groups: list[GroupReview]) -> list[str]:
    """The kinds some operation has: a column no operation fills is left out."""
    return [k for k in KINDS if any(g.of_kind(k) for g in groups)]


def _matrix(groups: list[GroupReview]) -> str:
    kinds = kinds_present(groups)
    rows = []
    for group in groups:
        cells = []
        for kind in kinds:
            ops = group.of_kind(kind)
            state = group.cell(kind)
            if not ops:
                cells.append('<td class="k none">·</td>')
                continue
            bad = sum(1 for o in ops if not o.ok)
            text = f"✓ {len(ops)}" if not bad else f"{MARK[state]} {bad}/{len(ops)}"
            tip = "\n".join(
                f"{o.op.method.upper()} {o.op.path}" + ("" if o.ok else ": " + ", ".join(o.failed))
                for o in ops
            )
            cells.append(
                f'<td class="k {state}" title="{escape(tip)}">'
                f'<a href="#{anchor(group.name)}">{text}</a></td>'
            )
        rows.append(
            f'<tr><td><a href="#{anchor(group.name)}">{_title(group)}</a></td>'
            + "".join(cells)
            + f'<td class="score">{_bar(group.counts.score)}</td></tr>'
        )
    head = "".join(f'<th class="k">{k}</th>' for k in kinds)
    return (
        '<div class="scroll"><table class="matrix"><thead><tr><th>resource</th>'
        + head
        + '<th class="score">score</th></tr></thead><tbody>'
        + "\n".join(rows)
        + "</tbody></table></div>"
    )


def _rule_link(rule_id: str) -> str:
    return f'<a class="rule" href="#rule-{escape(rule_id)}">{escape(rule_id)}</a>'


def _rule_page(rule_id: str, docs_url: str | None) -> str:
    """The rule's id, linked to its documentation page when the pages' URL is known."""
    name = f"<code>{escape(rule_id)}</code>"
    if docs_url is None:
        return name
    return f'<a href="{escape(docs_url + rule_id)}.md">{name}</a>'


def _failing(operations: list[OpReview]) -> dict[str, int]:
    """How many operations have each worst severity (errors, else warnings, else info)."""
    found: dict[str, int] = {}
    for entry in operations:
        if entry.worst is not None:
            found[entry.worst] = found.get(entry.worst, 0) + 1
    return found


def _operation(entry: OpReview) -> str:
    op = entry.op
    style = "bad" if entry.worst == "error" else "warned"
    status = (
        f'<span class="ok">{len(entry.passed)} passed</span>'
        if entry.ok
        else f'<span class="{style}">{len(entry.failed)} failed</span>, {len(entry.passed)} passed'
    )
    findings = ""
    if entry.failed:
        items = []
        for rule_id, found in entry.failed.items():
            for finding in found:
                where = f"{finding.source}:{finding.line or 1}:{finding.column or 1}"
                items.append(
                    f'<li><span class="sev {finding.severity}">{finding.severity}</span> '
                    f"{_rule_link(rule_id)}: {escape(finding.message)} "
                    f'<span class="loc mono">{escape(where)}</span></li>'
                )
        findings = '<ul class="findings">' + "".join(items) + "</ul>"
    passed = escape(", ".join(entry.passed)) or "none applies"
    return (
        f'<tr><td>{op.kind}</td><td><span class="m {op.method}">{op.method.upper()}</span></td>'
        f"<td><code>{escape(op.path)}</code>{findings}</td>"
        f'<td title="passed: {passed}">{status}</td></tr>'
    )


def _group(group: GroupReview) -> str:
    counts = group.counts
    failing = _failing(group.operations)
    parts = [
        f'<span class="{"bad" if severity == "error" else "warned"}">{n} with '
        f"{SEVERITY_WORD[severity]}</span>"
        for severity, n in sorted(failing.items(), key=lambda item: SEVERITIES.index(item[0]))
    ]
    summary = (
        f'{_title(group)}<span class="right ns">{count(len(group.operations), "operation")}'
        + "".join(", " + part for part in parts)
        + f" · {counts.passed}/{counts.checks} checks</span>"
        f'<span class="score">{_bar(counts.score)}</span>'
    )
    rows = "".join(_operation(o) for o in group.operations)
    resource = group.resource
    paths = ""
    if resource is not None:
        where = [p for p in [resource.collection_path, *resource.item_paths] if p]
        paths = (
            '<p class="ns">paths: ' + ", ".join(f"<code>{escape(p)}</code>" for p in where) + "</p>"
            if where
            else ""
        )
    return (
        f'<details class="res" id="{anchor(group.name)}"><summary>{summary}</summary>'
        f'<div class="body">{paths}<table><thead><tr><th style="width:70px">kind</th>'
        '<th style="width:80px">method</th><th>path and findings</th>'
        '<th style="width:170px">checks</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details>"
    )


def _rules(result: Review, docs_url: str | None) -> str:
    rows = []
    for total in result.rules:
        counts = total.counts
        failed = f'<span class="bad">{counts.failed}</span>' if counts.failed else "0"
        schemas = total.schemas
        judged = f"{schemas.passed}/{schemas.checks}" if schemas.checks else "-"
        rows.append(
            f'<tr id="rule-{escape(total.rule.id)}"><td>{_rule_page(total.rule.id, docs_url)}'
            f'<div class="ns">{escape(total.rule.summary)}</div></td>'
            f'<td><span class="sev {total.rule.severity}">{total.rule.severity}</span></td>'
            f"<td>{escape(total.scope.label)}</td><td>{counts.passed}</td><td>{failed}</td>"
            f"<td>{judged}</td><td>{total.findings}</td></tr>"
        )
    return (
        '<div class="scroll"><table><thead><tr><th>rule</th><th>severity</th><th>applies to'
        "</th><th>passed</th><th>failed</th><th>schemas passed</th><th>findings</th></tr>"
        "</thead><tbody>" + "".join(rows) + "</tbody></table></div>"
    )


def _outside(result: Review) -> str:
    if not result.outside:
        return '<p class="ns">None.</p>'
    items = "".join(
        f'<li><span class="sev {f.severity}">{f.severity}</span> {_rule_link(f.rule)}: '
        f"{escape(f.message)} "
        f'<span class="loc mono">{escape(f.pointer)} · line {f.line or 1}</span></li>'
        for f in result.outside
    )
    return (
        f'<details class="res"><summary><span class="name">'
        f"{count(len(result.outside), 'finding')}</span>"
        f'</summary><div class="body"><ul class="findings">{items}</ul></div></details>'
    )


def render_html(result: Review, docs_url: str | None = None) -> str:
    """The page; `docs_url` (the rule pages' base URL, see checker.report.rule_pages) links
    each rule in the totals to its page."""
    counts = result.counts
    kinds = " · ".join(f"{n} {k}" for k, n in result.kind_counts().items() if n)
    failing = _failing(result.operations)
    stats = [
        ("", str(len(result.resources)), "resources"),
        *([("", str(len(result.groups)), "other path groups")] if result.groups else []),
        ("", str(len(result.operations)), "operations"),
        ("error", str(failing.get("error", 0)), "operations with errors"),
        ("warning", str(failing.get("warning", 0)), "with warnings, no error"),
        ("", f"{counts.passed}/{counts.checks}", "checks passed"),
        ("", percent(counts.score), "score"),
    ]
    groups = result.resources + result.groups
    title = f"API review: {result.source.name}"
    legend = "".join(
        f'<span><i class="{state}"></i>{escape(text)}</span>'
        for state, text in (
            ("pass", "✓ n: all n pass"),
            ("error", "✗ f/n: f of n have an error"),
            ("warning", "! f/n: the worst is a warning"),
            ("info", "i f/n: the worst is info"),
            ("none", "·: no operation of that kind"),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>API review</h1>
<p class="sub"><code>{escape(result.source.name)}</code> · {escape(kinds)}</p>
<div class="stats">{
        "".join(
            f'<div class="{f"stat {c}" if c else "stat"}"><b>{escape(v)}</b>'
            f"<span>{escape(k)}</span></div>"
            for c, v, k in stats
        )
    }</div>
<p class="ns">A check is one rule on one operation it applies to; the score is the share of
checks passed. {count(len(result.resources), "resource")}, then
{count(len(result.groups), "path group")} of operations that belong to no resource.</p>
<h2 id="matrix">Resources &times; kinds</h2>
<div class="legend">{legend}</div>
{_matrix(groups)}
<h2 id="operations">Operations by resource</h2>
<div class="toolbar"><button type="button" onclick="setAll(true)">Expand all</button>
<button type="button" onclick="setAll(false)">Collapse all</button></div>
{"".join(_group(g) for g in groups)}
<h2 id="rules">Rules</h2>
{_rules(result, docs_url)}
<h2 id="outside">Findings outside operations</h2>
{_outside(result)}
<footer>restcheck {__version__}</footer>
<script>{SCRIPT}</script>
</body>
</html>
"""
