"""`restcheck probe BASE_URL`: runtime conformance of a live server (see docs/probe.md).

The probing itself is checker.probe.start; heavy imports (httpx, jsonschema) happen inside
the command.
"""

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.app import Color, MaxSize, app, fail, finite, headers_of, write
from checker.words import use_color

_RATE = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:/\s*(s|sec|second|m|min|minute))?\s*")


def parse_rate(text: str | None) -> float | None:
    """Requests per second from `N/s`, `N/m` or `N` (per second); None for no limit."""
    if text is None:
        return None
    match = _RATE.fullmatch(text)
    if not match or float(match.group(1)) <= 0:
        fail(f"--rate-limit '{text}': expected requests per second or minute, e.g. 5/s or 60/m")
    per = 60.0 if (match.group(2) or "s").startswith("m") else 1.0
    return float(match.group(1)) / per


@app.command()
def probe(
    base_url: Annotated[
        str,
        typer.Argument(metavar="BASE_URL", help="The server's base URL (or its spec's URL)."),
    ],
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Also create, read, update and delete an object per resource (and delete it).",
        ),
    ] = False,
    header: Annotated[
        list[str] | None, typer.Option(help="HTTP header for every request, 'Name: value'.")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, sarif, junit, github or markdown.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fail_on: Annotated[
        str, typer.Option(help="Exit 1 on findings at or above: error, warning, info, never.")
    ] = "error",
    rate_limit: Annotated[
        str | None,
        typer.Option(metavar="N/s", help="At most N requests per second (or N/m per minute)."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds each answer may take as a whole (body included).",
            min=0.001,
            callback=finite,
        ),
    ] = 10.0,
    max_size: MaxSize = 100,
    color: Color = "auto",
    include: Annotated[
        list[str] | None, typer.Option(help="Only paths matching this glob (repeatable).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Leave out paths matching this glob (repeatable).")
    ] = None,
    ids: Annotated[
        list[str] | None,
        typer.Option(
            "--id",
            metavar="RESOURCE=ID",
            help="Fill RESOURCE's paths with ID: reads without a list or writes (repeatable).",
        ),
    ] = None,
) -> None:
    """Probe a running server: lists, reads and validation (read-only unless --allow-writes)."""
    from checker.engine.catalogue import live_rules
    from checker.engine.config import fail_threshold
    from checker.engine.findings import at_or_above
    from checker.probe.start import probe_server
    from checker.report import FORMATS, ReportContext, renderer

    if format not in FORMATS:
        fail(f"--format '{format}': expected one of {', '.join(FORMATS)}")
    fail_on = fail_threshold(fail_on)
    if not base_url.startswith(("http://", "https://")):
        fail(f"BASE_URL '{base_url}': expected an http:// or https:// URL")
    rate = parse_rate(rate_limit)
    headers = headers_of(header)

    progress = _progress if sys.stderr.isatty() else None
    probed = probe_server(
        base_url,
        headers,
        timeout,
        rate,
        allow_writes=allow_writes,
        include=include or (),
        exclude=exclude or (),
        progress=progress,
        max_size=max_size,
        ids=ids or (),
    )
    findings, prober, base, source = probed.findings, probed.prober, probed.base, probed.source
    # The summary of what was probed and skipped: the text report ends with it; Markdown
    # gets it in brief; for the other formats (and Markdown) it goes to stderr.
    summary = prober.summary(base)
    notes = {"text": summary, "markdown": prober.brief(base)}.get(format, [])
    context = ReportContext(
        [source.name],
        color=output is None and use_color(sys.stdout, color),
        notes=notes,
        fail_on=fail_on,
        rules=list(live_rules().values()),
        extra={"operations": prober.operations_json(), "left_behind": prober.left_json()},
    )
    write(renderer(format)(findings, context), output)
    if format != "text":
        print("\n".join(summary).strip("\n"), file=sys.stderr)
    raise typer.Exit(1 if at_or_above(findings, fail_on) else 0)


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
