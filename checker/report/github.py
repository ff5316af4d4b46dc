"""`--format github`: GitHub Actions workflow commands, shown as annotations on the files.

    ::error file=openapi.json,line=12,endLine=12,col=9,endColumn=19,title=restcheck ...::POST ...

Severities map to `error`, `warning` and `notice`. Escaping follows GitHub's toolkit: in the
message `%`, CR and LF are percent-encoded; in properties also `:` and `,`. Files are named as
given on the command line (run restcheck from the repository root so they resolve); the
annotation spans the key the finding points at (`endLine` is its line, `endColumn` the key's
last character), so GitHub underlines `"responses"`, not the whole line. URLs and
stdin get no `file`. GitHub shows a limited number of annotations per step: use SARIF for the
complete list. A summary line ends the output."""

from __future__ import annotations

from checker.engine.findings import Finding
from checker.report import ReportContext, headline

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(
    name: str,
    message: str,
    source: str,
    line: int | None,
    column: int | None,
    title: str,
    end_column: int | None = None,
) -> str:
    properties = []
    if not source.startswith(("http://", "https://")) and source != "<stdin>":
        properties.append(f"file={escape_property(source.removeprefix('./'))}")
        properties += [f"line={line or 1}", f"endLine={line or 1}", f"col={column or 1}"]
        if end_column is not None and end_column >= (column or 1):
            properties.append(f"endColumn={end_column}")
    else:
        message = f"{source}: {message}"
    properties.append(f"title={escape_property(title)}")
    return f"::{name} {','.join(properties)}::{escape_data(message)}"


def render(findings: list[Finding], context: ReportContext) -> str:
    lines = []
    for f in findings:  # --app: the annotation lands on the route function or model
        file, line, column, end = f.place()
        lines.append(
            command(COMMANDS[f.severity], f.message, file, line, column, f"restcheck {f.rule}", end)
        )
    lines += [
        command("warning", n.message, n.source, n.line, n.column, "restcheck", n.end_column)
        for n in context.notices
    ]
    if not context.quiet:
        lines.append(f"restcheck: {headline(findings, context.sources)}")
        lines.extend(context.notes)
    return "\n".join(lines) + "\n"
