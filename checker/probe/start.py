"""Probing a server: its spec fetched, the plan made, the probes run, findings placed.

`probe_server` is what `restcheck probe` calls; `request_base` finds where the API's paths
are rooted on the server.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from checker import redact
from checker.engine.findings import Finding, assign_fingerprints
from checker.engine.runner import add_positions, order
from checker.errors import InputError, InternalError
from checker.load.source import SPEC_PATHS, Source, fetch_spec
from checker.model import build
from checker.probe.plan import make_plan
from checker.probe.run import Prober
from checker.probe.session import Session


@dataclass
class Probed:
    """What a probe gave: the served spec, where requests went, the prober (its summary and
    what it left behind), and the findings in report order with their positions."""

    source: Source
    base: str
    prober: Prober
    findings: list[Finding]


def request_base(argument: str, spec_url: str, document: Mapping[str, Any]) -> str:
    """Where the API's paths are rooted.

    The BASE_URL argument when the spec was found under it; the spec URL's directory when the
    argument was the spec's own URL (`.../openapi.json`). A relative `servers[0].url` (FastAPI's
    `root_path`, e.g. `/api`) is taken on the spec's host; an absolute one is ignored: it may
    name another deployment (production) than the server being probed."""
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


def probe_server(
    base_url: str,
    headers: Mapping[str, str],
    timeout: float,
    rate: float | None,
    *,
    allow_writes: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    progress: Callable[[str], None] | None = None,
    max_size: float = 100,
) -> Probed:
    """Fetch the server's spec and probe it (read-only unless `allow_writes`). Whatever could
    not be cleaned up is named in the InputError or InternalError a failure raises. Every
    answer's body may be at most `max_size` MB; URLs are shown redacted (checker.redact)."""
    source, spec_url = fetch_spec(base_url, headers, timeout, max_size)
    api = build(source.document)
    base = request_base(base_url, spec_url, source.document)
    shown = redact.url(base)
    plan = make_plan(api, include, exclude, headers)
    session = Session(base, headers, timeout, rate, max_size)
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
        raise InternalError(
            f"{shown}: internal error while probing: {type(exc).__name__}: {exc}{behind}"
        ) from exc
    finally:
        session.close()
    if not prober.answered and prober.refused:
        raise InputError(
            f"{shown}: every request was refused ({prober.refused[0]}): "
            "pass credentials with --header 'Authorization: Bearer ...'"
        )

    findings = prober.findings
    assign_fingerprints(findings)
    add_positions(source, findings)
    return Probed(source, shown, prober, order(findings))
