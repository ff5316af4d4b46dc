"""The probe's HTTP session: one base URL, the --header values, --timeout, --rate-limit and
--max-size.

No request leaves the base URL's origin: a redirect to another origin is not followed, its
3xx is the answer to judge (a delete answered by a redirect did not delete); redirects within
the origin are followed (checker.load.http). --timeout bounds each answer as a whole, body
included; a body larger than --max-size is refused. Transport failures (server down, a TLS
error, an answer slower than --timeout, one too large) raise InputError: the probe stops
(after cleaning up) and the command exits 2 with one line, the URL redacted. Any HTTP status,
5xx included, is an answer for the probe to judge.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

import httpx

STALE = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)

NOT_JSON: Any = object()  # Answer.json when the body is not JSON
NO_BODY: Any = object()  # Session.send without a body
# Methods sent again once when a kept-alive connection turns out closed. PATCH is among them
# because the probe's updates are idempotent (`{}`, one fixed value, an invalid body).
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})
# Answers that say "not now" (a busy database, too many requests): a patient request (a
# clean-up's DELETE and the read that confirms it) is sent again after Retry-After, or a
# growing pause, for at most PATIENCE seconds in all.
TRANSIENT = frozenset({429, 503})
PATIENCE = 15.0
RETRY_AFTER_MAX = 5.0  # a longer Retry-After is cut to this (the patience still bounds it)


@dataclass
class Answer:
    method: str
    target: str  # path and query, as sent
    status: int
    content_type: str
    body: bytes
    json: Any  # the parsed body, or NOT_JSON
    said: str = ""  # an error answer's own text, redacted and shortened ('' when none)
    retry_after: str = ""  # the Retry-After header ('' when none)

    @property
    def status_text(self) -> str:
        return status_text(self.status)

    @property
    def status_said(self) -> str:
        """`403 Forbidden ("Not enough permissions")`: the status and the server's words."""
        return f"{self.status_text} ({self.said!r})" if self.said else self.status_text

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def status_text(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


class Session:
    def __init__(
        self,
        base: str,
        headers: Mapping[str, str],
        timeout: float,
        rate: float | None = None,
        max_size: float = 100,
    ) -> None:
        from checker.load import http

        self.base = base.rstrip("/")
        self.rate = rate
        self.requests = 0
        self.secrets = [v for v in headers.values() if v]  # hidden in the server's words
        self._timeout = timeout
        # Redirects to another origin are answers, never followed: no write (nor header)
        # goes anywhere but to the server being probed.
        self._client = http.client(self.base, headers, timeout, max_size, cross_origin="answer")
        self._next = 0.0

    def close(self) -> None:
        self._client.close()

    def _fresh_connections(self) -> None:
        self._client.fresh_connections()

    def _wait(self) -> None:
        if not self.rate:
            return
        now = time.monotonic()
        if self._next > now:
            time.sleep(self._next - now)
        self._next = max(now, self._next) + 1.0 / self.rate

    def send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None = None,
        body: Any = NO_BODY,
        media: str = "application/json",
        patience: float = 0.0,
    ) -> Answer:
        """One request and its answer; with `patience` (seconds), a 429 or 503 answer is
        asked again after Retry-After (else 0.5, 1, 2... s) until that much time has passed."""
        start, pause = time.monotonic(), 0.5
        while True:
            answer = self._send(method, path, params, body, media)
            if answer.status not in TRANSIENT:
                return answer
            wait = pause_for(answer.retry_after, pause)
            if time.monotonic() - start + wait > patience:
                return answer
            time.sleep(wait)
            pause = min(pause * 2, RETRY_AFTER_MAX)

    def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: Any,
        media: str,
    ) -> Answer:
        from checker import redact
        from checker.errors import InputError
        from checker.load import http

        target = path + ("?" + urlencode(params) if params else "")
        content: bytes | None = None
        headers: dict[str, str] = {}
        if body is not NO_BODY:
            content = json.dumps(body).encode()
            headers["Content-Type"] = media
        method = method.upper()
        url = self.base + target
        for attempt in (1, 2):
            self._wait()
            self.requests += 1
            try:
                response = self._client.request(method, url, content, headers)
                break
            except STALE as exc:
                # A kept-alive connection the server closed as we wrote to it: it read
                # nothing, so an idempotent request is sent once more on a new connection.
                if attempt == 2 or method not in IDEMPOTENT:
                    raise InputError(f"{method} {redact.url(url)}: {http.describe(exc)}") from None
                self._fresh_connections()
            except httpx.HTTPError as exc:
                why = http.describe(exc, self._timeout)
                raise InputError(f"{method} {redact.url(url)}: {why}") from None
            except httpx.InvalidURL as exc:
                raise InputError(f"{method} {redact.url(url)}: {http.invalid_url(exc)}") from None
        if response.status_code >= 500:
            # Servers often close the connection after an error (uvicorn does after a crash):
            # do not reuse it for the next request.
            self._fresh_connections()
        content = response.content
        content_type = response.headers.get("content-type", "")
        parsed: Any = NOT_JSON
        if content.strip() and ("json" in content_type.lower() or content.lstrip()[:1] in b"{["):
            try:
                parsed = json.loads(content)
            except ValueError:
                parsed = NOT_JSON
        said = ""
        if response.status_code >= 400:
            from checker.probe.judge import quote, server_text

            said = quote(server_text(parsed, content, content_type), self.secrets)
        answer = Answer(method, target, response.status_code, content_type, content, parsed, said)
        answer.retry_after = response.headers.get("retry-after", "")
        return answer


def pause_for(header: str, default: float) -> float:
    """The seconds a Retry-After header asks for (a number; an HTTP date is not read), cut
    to RETRY_AFTER_MAX; `default` when there is none."""
    try:
        seconds = float(header)
    except ValueError:
        return default
    if seconds != seconds or seconds < 0:  # nan, negative
        return default
    return min(seconds, RETRY_AFTER_MAX)
