"""HTTP access for URL sources and probing: httpx errors become one-line InputErrors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

import httpx

from checker.errors import InputError

USER_AGENT = "restcheck"


def client(headers: Mapping[str, str], timeout: float) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": USER_AGENT, **headers},
        timeout=timeout,
        follow_redirects=True,
        max_redirects=5,
    )


@overload
def get(c: httpx.Client, url: str, quiet: Literal[False] = False) -> httpx.Response: ...
@overload
def get(c: httpx.Client, url: str, quiet: bool) -> httpx.Response | None: ...


def get(c: httpx.Client, url: str, quiet: bool = False) -> httpx.Response | None:
    """GET url; on a transport error raise InputError (or return None when quiet)."""
    try:
        return send(c, "GET", url)
    except InputError:
        if quiet:
            return None
        raise


def send(c: httpx.Client, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """One request; a transport error (or a malformed URL) raises `InputError("url: why")`."""
    try:
        return c.request(method, url, **kwargs)
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: {describe(exc, c.timeout.read)}") from None
    except httpx.InvalidURL as exc:  # not an HTTPError: raised before any request is made
        raise InputError(f"{url}: invalid URL: {exc}") from None


def describe(exc: httpx.HTTPError, timeout: float | None = None) -> str:
    """One line for a transport error."""
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s (--timeout)" if timeout else "timed out"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.ConnectError):
        reason = str(exc) or "connection failed"
        if "CERTIFICATE" in reason.upper() or "SSL" in reason.upper():
            return f"TLS error: {reason}"
        return f"cannot connect: {reason}"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "unsupported URL scheme"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return f"the server broke the connection: {exc}" if str(exc) else "connection broken"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def text(response: httpx.Response, url: str) -> str:
    try:
        return response.content.decode(response.encoding or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{url}: the answer is not text") from None
