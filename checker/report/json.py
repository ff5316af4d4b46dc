"""`--format json`: the contract in docs (tool, findings, summary).

Extra top-level keys appear only when they have something to say: `baseline` (with
`--baseline`: entries, suppressed, stale and the stale entries), `notices`, and what the
command adds (`probe`: `operations` and `left_behind`)."""

from __future__ import annotations

from typing import Any

from checker.engine.findings import Finding, summary
from checker.report import ReportContext, jsontext
from checker.version import __version__


def render(findings: list[Finding], context: ReportContext) -> str:
    document: dict[str, Any] = {
        "tool": {"name": "restcheck", "version": __version__},
        "findings": [f.as_json() for f in findings],
        "summary": summary(findings),
    }
    if context.baseline is not None:
        document["baseline"] = context.baseline
    if context.notices:
        document["notices"] = [
            {
                "source": n.source,
                "pointer": n.pointer,
                "line": n.line,
                "column": n.column,
                "message": n.message,
            }
            for n in context.notices
        ]
    document.update(context.extra)
    return jsontext.dumps(document) + "\n"
