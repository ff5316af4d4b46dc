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
from checker.model import Api, build
from checker.probe.fill import unsafe
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
    url = relative_server(document)
    if url is not None:
        return origin + url
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
    ids: Sequence[str] = (),
) -> Probed:
    """Fetch the server's spec and probe it (read-only unless `allow_writes`). Whatever could
    not be cleaned up is named in the InputError or InternalError a failure raises. Every
    answer's body may be at most `max_size` MB; URLs are shown redacted (checker.redact).
    `ids`: `RESOURCE=ID` pairs (--id) whose ids fill that resource's paths."""
    source, spec_url = fetch_spec(base_url, headers, timeout, max_size)
    source, spec_url = served_spec(base_url, source, spec_url, headers, timeout, max_size)
    api = build(source.document)
    base = request_base(base_url, spec_url, source.document)
    shown = redact.url(base)
    plan = make_plan(api, include, exclude, headers)
    session = Session(base, headers, timeout, rate, max_size)
    prober = Prober(
        api,
        source.name,
        session,
        allow_writes=allow_writes,
        progress=progress,
        include=include,
        given=given_ids(api, ids),
    )
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
    wrong = wrong_base(prober, base, headers, timeout, max_size)
    if wrong:
        behind = f"; left behind: {'; '.join(prober.left_behind)}" if prober.left_behind else ""
        raise InputError(f"{shown}: {wrong}{behind}")

    findings = prober.findings
    assign_fingerprints(findings)
    add_positions(source, findings)
    return Probed(source, shown, prober, order(findings))


def given_ids(api: Api, pairs: Sequence[str]) -> dict[str, str]:
    """`--id RESOURCE=ID` pairs as {resource name: id}. RESOURCE is a resource as the model
    names it (`customers`, `customers/{id}/addresses`) or its last segment (`addresses`) when
    that names one resource; InputError (exit 2) otherwise."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, equals, ident = pair.partition("=")
        name = name.strip().strip("/")
        if not equals or not name or not ident:
            raise InputError(f"--id '{pair}': expected RESOURCE=ID, e.g. --id products=42")
        why = unsafe(ident)
        if why is not None:
            raise InputError(f"--id '{pair}': the id is {why}")
        matches = (
            [name]
            if name in api.resources
            else [r.name for r in api.resources.values() if r.segment == name]
        )
        if len(matches) != 1:
            known = ", ".join(sorted(api.resources)[:12]) or "none"
            problem = "names several resources" if matches else "names no resource"
            raise InputError(f"--id '{pair}': {name} {problem}; resources: {known}")
        found[matches[0]] = ident
    return found


def served_spec(
    argument: str,
    source: Source,
    spec_url: str,
    headers: Mapping[str, str],
    timeout: float,
    max_size: float,
) -> tuple[Source, str]:
    """The spec the API's requests go by. A server may serve two: one at its root without
    `servers`, and its API's own under a prefix that says `servers: [{url: /api}]` (Prefect).
    When the one found has no relative `servers`, the places further down (SPEC_PATHS after it)
    are tried, and a spec there whose `servers` names its own directory is preferred."""
    if relative_server(source.document) is not None or spec_url == argument:
        return source, spec_url
    root = spec_url.rsplit("/", 1)[0] + "/"
    found = spec_url[len(root) :]
    for candidate in SPEC_PATHS:
        folder = candidate.rsplit("/", 1)[0] if "/" in candidate else ""
        if not folder or candidate == found:
            continue
        try:
            other, url = fetch_spec(root + candidate, headers, timeout, max_size)
        except InputError:
            continue
        if relative_server(other.document) == "/" + folder:
            return other, url
    return source, spec_url


def relative_server(document: Mapping[str, Any]) -> str | None:
    """The spec's `servers[0].url` when it is a path on the same host (`/api`), else None."""
    servers = document.get("servers")
    first = servers[0] if isinstance(servers, list) and servers else None
    url = first.get("url") if isinstance(first, Mapping) else None
    return url.rstrip("/") if isinstance(url, str) and url.startswith("/") and url != "/" else None


WRONG_SHARE = 0.9  # of the answers: 404s and HTML pages that say the base URL is wrong


def wrong_base(
    prober: Prober, base: str, headers: Mapping[str, str], timeout: float, max_size: float
) -> str | None:
    """Why the base URL looks wrong (nearly every answer a 404 or an HTML page), with a hint
    where the API may be; None when the answers look like an API's."""
    misses = prober.misses
    if prober.answered < 2 or misses < WRONG_SHARE * prober.answered:
        return None
    what = "every" if misses == prober.answered else "nearly every"
    problem = f"{what} request got 404 or an HTML page ({misses} of {prober.answered})"
    probe_path = prober.first_get
    if probe_path is not None:
        session = Session(base, headers, timeout, None, max_size)
        try:
            for prefix in ("/api", "/api/v1", "/v1"):
                answer = session.send("GET", prefix + probe_path)
                html = "html" in answer.content_type.lower()
                if answer.status != 404 and not html:
                    shown = redact.url(base + prefix)
                    return f"{problem}: is the API under {prefix}? try {shown}"
        except InputError:
            pass
        finally:
            session.close()
    return f"{problem}: are the spec's paths served under this base URL?"
