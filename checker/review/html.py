"""`restcheck review --format html`: one self-contained page (inline CSS, no external assets).

A matrix of resources x kinds (pass/fail per cell, linked to the resource), then each
resource as a <details> block with its operations and findings, the rule totals, and the
findings outside operations. A few lines of inline JS only expand or collapse everything;
the page reads the same without them.
"""

from __future__ import annotations

import re
from html import escape

from checker import __version__
from checker.review.render import namespace_of, parent_of, percent
from checker.review.review import KINDS, GroupReview, OpReview, Review
from checker.words import count

CSS = """
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --none: #f6f8fa;
        --line: #d0d7de; --dim: #57606a; --ink: #1f2328; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       margin: 0 auto; padding: 24px 32px 64px; max-width: 1320px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px;
     border-bottom: 1px solid var(--line); }
code, .mono { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sub { color: var(--dim); margin: 0 0 16px; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 8px; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.stat b { display: block; font-size: 20px; }
.stat span { color: var(--dim); font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; font-size: 12.5px; position: sticky; top: 0; }
.matrix td.k, .matrix th.k { text-align: center; width: 74px; }
.matrix td.pass { background: var(--ok-bg); color: var(--ok); font-weight: 600; }
.matrix td.fail { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
.matrix td.none { background: var(--none); color: #8c959f; }
.matrix a { color: inherit; text-decoration: none; }
.matrix tr:hover td { filter: brightness(0.97); }
.ns { color: var(--dim); }
.bar { display: inline-block; width: 70px; height: 8px; background: var(--bad-bg);
       border-radius: 4px; vertical-align: middle; margin-right: 6px; overflow: hidden; }
.bar i { display: block; height: 100%; background: var(--ok); }
.score { white-space: nowrap; text-align: right; }
.pct { display: inline-block; min-width: 46px; text-align: right; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 10px;
       border: 1px solid var(--line); color: var(--dim); margin-left: 4px; }
details.res { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; }
details.res > summary { cursor: pointer; padding: 8px 12px; list-style: none; display: flex;
                        gap: 10px; align-items: center; }
details.res > summary::-webkit-details-marker { display: none; }
details.res > summary::before { content: "\\25B8"; color: var(--dim); }
details.res[open] > summary::before { content: "\\25BE"; }
details.res[open] > summary { border-bottom: 1px solid var(--line); }
details.res .body { padding: 6px 12px 12px; }
.name { font-weight: 600; }
.right { margin-left: auto; }
.m { display: inline-block; min-width: 58px; text-align: center; border-radius: 4px;
     font-size: 11px; font-weight: 700; padding: 1px 4px; color: #fff; background: #6e7781; }
.m.get { background: #0969da; } .m.post { background: #1a7f37; } .m.patch { background: #9a6700; }
.m.put { background: #8250df; } .m.delete { background: #cf222e; }
.ok { color: var(--ok); } .bad { color: var(--bad); font-weight: 600; }
ul.findings { margin: 4px 0 0; padding-left: 18px; }
ul.findings li { margin: 2px 0; }
.rule { font-weight: 600; }
.loc { color: var(--dim); font-size: 12px; }
button { font: inherit; border: 1px solid var(--line); background: #f6f8fa; border-radius: 6px;
         padding: 3px 10px; cursor: pointer; }
footer { margin-top: 40px; color: var(--dim); font-size: 12px; }
"""

SCRIPT = """
function setAll(open) {
  document.querySelectorAll('details.res').forEach(function (d) { d.open = open; });
}
"""


def anchor(name: str) -> str:
    return "r-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "root")


def _bar(score: float | None) -> str:
    if score is None:
        return '<span class="ns">n/a</span>'
    return (
        f'<span class="bar"><i style="width:{score * 100:.1f}%"></i></span>'
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


def _matrix(groups: list[GroupReview]) -> str:
    rows = []
    for group in groups:
        cells = []
        for kind in KINDS:
            ops = group.of_kind(kind)
            state = group.cell(kind)
            if not ops:
                cells.append('<td class="k none">·</td>')
                continue
            bad = sum(1 for o in ops if not o.ok)
            text = f"✓ {len(ops)}" if not bad else f"✗ {bad}/{len(ops)}"
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
    head = "".join(f'<th class="k">{k}</th>' for k in KINDS)
    return (
        '<table class="matrix"><thead><tr><th>resource</th>'
        + head
        + '<th class="score">score</th></tr></thead><tbody>'
        + "\n".join(rows)
        + "</tbody></table>"
    )


def _operation(entry: OpReview) -> str:
    op = entry.op
    status = (
        f'<span class="ok">{len(entry.passed)} passed</span>'
        if entry.ok
        else f'<span class="bad">{len(entry.failed)} failed</span>, {len(entry.passed)} passed'
    )
    findings = ""
    if entry.failed:
        items = []
        for rule_id, found in entry.failed.items():
            for finding in found:
                where = f"{finding.source}:{finding.line or 1}:{finding.column or 1}"
                items.append(
                    f'<li><span class="rule">{escape(rule_id)}</span> ({finding.severity}): '
                    f'{escape(finding.message)} <span class="loc mono">{escape(where)}</span></li>'
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
    bad = sum(1 for o in group.operations if not o.ok)
    summary = (
        f'{_title(group)}<span class="right ns">{count(len(group.operations), "operation")}'
        + (f', <span class="bad">{bad} failing</span>' if bad else "")
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


def _rules(result: Review) -> str:
    rows = []
    for total in result.rules:
        counts = total.counts
        failed = f'<span class="bad">{counts.failed}</span>' if counts.failed else "0"
        schemas = total.schemas
        judged = f"{schemas.passed}/{schemas.checks}" if schemas.checks else "-"
        rows.append(
            f"<tr><td><code>{escape(total.rule.id)}</code></td><td>{total.rule.severity}</td>"
            f"<td>{escape(total.scope.label)}</td><td>{counts.passed}</td><td>{failed}</td>"
            f"<td>{judged}</td><td>{total.findings}</td></tr>"
        )
    return (
        "<table><thead><tr><th>rule</th><th>severity</th><th>applies to</th><th>passed</th>"
        "<th>failed</th><th>schemas passed</th><th>findings</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _outside(result: Review) -> str:
    if not result.outside:
        return '<p class="ns">None.</p>'
    items = "".join(
        f'<li><span class="rule">{escape(f.rule)}</span>: {escape(f.message)} '
        f'<span class="loc mono">{escape(f.pointer)} · line {f.line or 1}</span></li>'
        for f in result.outside
    )
    return (
        f'<details class="res"><summary><span class="name">'
        f"{count(len(result.outside), 'finding')}</span>"
        f'</summary><div class="body"><ul class="findings">{items}</ul></div></details>'
    )


def render_html(result: Review) -> str:
    counts = result.counts
    kinds = " · ".join(f"{n} {k}" for k, n in result.kind_counts().items() if n)
    failing = sum(1 for o in result.operations if not o.ok)
    stats = [
        (str(len(result.resources)), "resources"),
        (str(len(result.operations)), "operations"),
        (str(failing), "operations failing a check"),
        (f"{counts.passed}/{counts.checks}", "checks passed"),
        (percent(counts.score), "score"),
    ]
    groups = result.resources + result.groups
    title = f"API review: {result.source.name}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>API review</h1>
<p class="sub"><code>{escape(result.source.name)}</code> · {escape(kinds)}</p>
<div class="stats">{
        "".join(
            f'<div class="stat"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for v, k in stats
        )
    }</div>
<p class="ns">A check is one rule on one operation it applies to; the score is the share of
checks passed. Cells: ✓ n = every operation of that kind passes, ✗ f/n = f of n fail.</p>
<h2 id="matrix">Resources &times; kinds</h2>
{_matrix(groups)}
<h2 id="operations">Operations by resource
<button type="button" onclick="setAll(true)">expand all</button>
<button type="button" onclick="setAll(false)">collapse all</button></h2>
{"".join(_group(g) for g in groups)}
<h2 id="rules">Rules</h2>
{_rules(result)}
<h2 id="outside">Findings outside operations</h2>
{_outside(result)}
<footer>restcheck {__version__}</footer>
<script>{SCRIPT}</script>
</body>
</html>
"""
