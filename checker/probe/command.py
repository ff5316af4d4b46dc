"""`restcheck probe BASE_URL`: runtime conformance of a live server (see docs/probe.md).

Registered on the CLI's `app` when checker.cli imports this module; heavy imports (httpx,
jsonschema) happen inside the command.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from checker.cli import FAIL_ON, _color, _headers, _write, app, fail

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


def request_base(argument: str, spec_url: str, document: Mapping[str, Any]) -> str:
    """Where the API's paths are rooted.

    The BASE_URL argument when the spec was found under it; the spec URL's directory when the
    argument was the spec's own URL (`.../openapi.json`). A relative `servers[0].url` (FastAPI's
    `root_path`, e.g. `/api`) is taken on the spec's host; an absolute one is ignored: it may
    name another deployment (production) than the server being probed."""
    from checker.source import SPEC_PATHS

    parts = urlsplit(spec_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    servers = document.get("servers")
    first = servers[0] if isinstance(servers, list) and servers else None
    url = first.get("url") if isinstance(first, Mapping) else None
    if isinstance(url, str) and url.startswith("/") and url.rstrip("/"):
        return origin + url.rstrip("/")
    if spec_url != argument:
        return argument.split("?", 1)[0].rstrip("/")
    path = parts.path
    for candidate in SPEC_PATHS:
        if path.endswith("/" + candidate):
            return origin + path[: -len(candidate) - 1]
    return origin


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
    output: Annotated[Path | None, typer.Option(help="Write the report to this file.")] = None,
    fail_on: Annotated[
        str, typer.Option(help="Exit 1 on findings at or above: error, warning, info, never.")
    ] = "error",
    rate_limit: Annotated[
        str | None,
        typer.Option(metavar="N/s", help="At most N requests per second (or N/m per minute)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds to wait for each answer.", min=0.001)
    ] = 10.0,
    include: Annotated[
        list[str] | None, typer.Option(help="Only paths matching this glob (repeatable).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Leave out paths matching this glob (repeatable).")
    ] = None,
) -> None:
    """Probe a running server: lists, reads and validation (read-only unless --allow-writes)."""
    from checker.findings import assign_fingerprints, at_or_above
    from checker.model import build
    from checker.probe.plan import make_plan
    from checker.probe.run import Prober
    from checker.probe.session import Session
    from checker.registry import live_rules
    from checker.report import FORMATS, ReportContext, renderer
    from checker.runner import RuleCrash, add_positions, order
    from checker.source import InputError, load_url

    if format not in FORMATS:
        fail(f"--format '{format}': expected one of {', '.join(FORMATS)}")
    if fail_on not in FAIL_ON:
        fail(f"--fail-on '{fail_on}': expected one of {', '.join(FAIL_ON)}")
    if not base_url.startswith(("http://", "https://")):
        fail(f"BASE_URL '{base_url}': expected an http:// or https:// URL")
    rate = parse_rate(rate_limit)
    headers = _headers(header)

    source = load_url(base_url, headers, timeout)
    api = build(source.document)
    base = request_base(base_url, source.name, source.document)
    plan = make_plan(api, include or (), exclude or (), headers)
    progress = _progress if sys.stderr.isatty() else None
    session = Session(base, headers, timeout, rate)
    prober = Prober(api, source.name, session, allow_writes=allow_writes, progress=progress)
    if not plan.groups:
        scoped = " in scope of --include/--exclude" if include or exclude else ""
        raise InputError(
            f"{source.name}: nothing to probe: no list, read, create, update or delete{scoped}"
        )
    try:
        prober.run(plan)
    except InputError as exc:
        left = prober.left_behind
        if left:
            raise InputError(f"{exc}; left behind: {'; '.join(left)}") from None
        raise
    except Exception as exc:  # a bug of restcheck's: one line, as for a rule's crash
        behind = f"; left behind: {'; '.join(prober.left_behind)}" if prober.left_behind else ""
        raise RuleCrash(
            f"{base}: internal error while probing: {type(exc).__name__}: {exc}{behind}"
        ) from exc
    finally:
        session.close()
    if not prober.answered and prober.refused:
        raise InputError(
            f"{base}: every request was refused ({prober.refused[0]}): "
            "pass credentials with --header 'Authorization: Bearer ...'"
        )

    findings = prober.findings
    assign_fingerprints(findings)
    add_positions(source, findings)
    findings = order(findings)
    # The summary of what was probed and skipped: the text report ends with it; Markdown
    # gets it in brief; for the other formats (and Markdown) it goes to stderr.
    summary = prober.summary(base)
    notes = {"text": summary, "markdown": prober.brief(base)}.get(format, [])
    context = ReportContext(
        [source.name],
        color=output is None and _color(sys.stdout),
        notes=notes,
        fail_on=fail_on,
        rules=list(live_rules().values()),
    )
    _write(renderer(format)(findings, context), output)
    if format != "text":
        print("\n".join(summary).strip("\n"), file=sys.stderr)
    raise typer.Exit(1 if at_or_above(findings, fail_on) else 0)


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
