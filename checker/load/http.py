"""HTTP access for URL sources and probing: httpx errors become one-line InputErrors.

What is sent where (docs/security.md):

- the `--header` values go only to the origin (scheme, host, port) of the URL given; a
  redirect to another origin is followed without them (`cross_origin="follow"`, spec
  fetches) or not followed at all, its 3xx being the answer (`cross_origin="answer"`, the
  probe's requests); redirects are followed by this module, 5 at most;
- `timeout` is a deadline for the whole answer: connecting, the headers, every redirect
  and the body;
- the decoded body of an answer is read as a stream and refused beyond `max_size` MB.

Error lines name URLs redacted (checker.redact); requests use the real URLs.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Literal, overload

import httpx

from checker import redact
from checker.errors import InputError

USER_AGENT = "restcheck"
MAX_REDIRECTS = 5
MAX_SIZE_MB = 100  # the default of --max-size
MB = 1024 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}

CrossOrigin = Literal["follow", "answer"]


class AnswerTooLarge(httpx.HTTPError):
    """The decoded body of an answer is larger than --max-size."""


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """Scheme, host and port (the default port spelled out): what two URLs must share."""
    scheme = url.scheme.lower()
    return scheme, url.host.lower(), url.port or DEFAULT_PORTS.get(scheme)


@dataclass(frozen=True)
class Reply:
    """An HTTP answer, its body read (and decoded) in full."""

    url: str  # the URL that answered, after the redirects followed
    status_code: int
    reason_phrase: str
    headers: httpx.Headers
    content: bytes
    encoding: str | None  # the charset of its Content-Type, if any
    elsewhere: bool  # a redirect led to another origin than the one given

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300


class Client:
    """An httpx client that follows redirects itself: the user's headers only to `home`'s
    origin, a deadline of `timeout` seconds per answer, at most `max_size` MB of body."""

    def __init__(
        self,
        home: str,
        headers: Mapping[str, str],
        timeout: float,
        max_size: float = MAX_SIZE_MB,
        cross_origin: CrossOrigin = "follow",
    ) -> None:
        self.timeout = timeout
        self.max_size = max_size
        self.cross_origin = cross_origin
        self._names = list(headers)
        self._headers = _encoded(headers)
        try:
            self._origin = origin(httpx.URL(home))
        except httpx.InvalidURL:
            self._origin = ("", "", None)  # nothing is its origin: no header is sent
        self._http = self._new()

    def _new(self) -> httpx.Client:
        return httpx.Client(
            headers={"User-Agent": USER_AGENT}, timeout=self.timeout, follow_redirects=False
        )

    def fresh_connections(self) -> None:
        """Close the kept-alive connections; the next request opens a new one."""
        self._http.close()
        self._http = self._new()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def is_home(self, url: httpx.URL) -> bool:
        return origin(url) == self._origin

    def request(
        self,
        method: str,
        url: str,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        """One answer, redirects followed as the client's policy says.

        Raises httpx's errors (a timeout also for a body slower than the deadline),
        `AnswerTooLarge`, and httpx.InvalidURL for a URL that cannot be sent."""
        deadline = time.monotonic() + self.timeout
        target = httpx.URL(url)
        sent = {**(self._headers if self.is_home(target) else {}), **_encoded(headers or {})}
        request = self._http.build_request(method, target, content=content, headers=sent)
        elsewhere = False
        for hop in range(MAX_REDIRECTS + 1):
            self._limit(request, deadline)
            response = self._http.send(request, stream=True)
            try:
                following = response.next_request
                if following is not None and not self.is_home(following.url):
                    if self.cross_origin == "answer":
                        following = None  # the redirect is the answer
                    else:
                        elsewhere = True
                if following is None:
                    return self._reply(response, deadline, elsewhere)
            finally:
                response.close()
            if hop == MAX_REDIRECTS:
                raise httpx.TooManyRedirects("Exceeded maximum allowed redirects.", request=request)
            request = self._redirected(following)
        raise AssertionError("unreachable")  # pragma: no cover

    def _redirected(self, request: httpx.Request) -> httpx.Request:
        """The next request of a redirect (as httpx builds it), with the user's headers only
        if it goes to the origin given. httpx keeps Authorization on an http -> https redirect
        of the same host, another origin: it is dropped too."""
        for name in [*self._names, "Authorization"]:
            request.headers.pop(name, None)
        if self.is_home(request.url):
            request.headers.update(self._headers)
        else:
            request.headers["Host"] = request.url.netloc.decode("ascii")
            request.headers.setdefault("User-Agent", USER_AGENT)
        return request

    def _limit(self, request: httpx.Request, deadline: float) -> None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpx.ConnectTimeout("the deadline passed", request=request)
        request.extensions["timeout"] = httpx.Timeout(left).as_dict()

    def _reply(self, response: httpx.Response, deadline: float, elsewhere: bool) -> Reply:
        limit = self.max_size * MB
        too_large = f"the answer is larger than {self.max_size:g} MB (--max-size)"
        length = response.headers.get("content-length", "")
        identity = response.headers.get("content-encoding", "identity").lower() == "identity"
        if identity and length.isdigit() and int(length) > limit:
            raise AnswerTooLarge(too_large)
        body = bytearray()
        for chunk in response.iter_bytes():  # decoded: the cap is on what is decompressed
            body += chunk
            if len(body) > limit:
                raise AnswerTooLarge(too_large)
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("the answer took too long", request=response.request)
        return Reply(
            url=str(response.url),
            status_code=response.status_code,
            reason_phrase=response.reason_phrase,
            headers=response.headers,
            content=bytes(body),
            encoding=response.charset_encoding,
            elsewhere=elsewhere,
        )


def _encoded(headers: Mapping[str, str]) -> dict[bytes, bytes]:
    """Headers as bytes: names in ASCII, values in Latin-1 (httpx would take ASCII only)."""
    try:
        return {name.encode("ascii"): value.encode("latin-1") for name, value in headers.items()}
    except UnicodeEncodeError:
        raise InputError("a header name is not ASCII or its value not Latin-1") from None


client = Client  # `with http.client(url, headers, timeout) as c:`


@overload
def get(c: Client, url: str, quiet: Literal[False] = False) -> Reply: ...
@overload
def get(c: Client, url: str, quiet: bool) -> Reply | None: ...


def get(c: Client, url: str, quiet: bool = False) -> Reply | None:
    """GET url; on a transport error raise InputError (or return None when quiet)."""
    try:
        return send(c, "GET", url)
    except InputError:
        if quiet:
            return None
        raise


def send(c: Client, method: str, url: str, content: bytes | None = None) -> Reply:
    """One request; a transport error (or a malformed URL) raises `InputError("url: why")`,
    the URL redacted."""
    try:
        return c.request(method, url, content)
    except httpx.HTTPError as exc:
        raise InputError(f"{redact.url(url)}: {describe(exc, c.timeout)}") from None
    except httpx.InvalidURL as exc:  # not an HTTPError: raised before any request is made
        raise InputError(f"{redact.url(url)}: {invalid_url(exc)}") from None


def invalid_url(exc: httpx.InvalidURL) -> str:
    return f"invalid URL: {redact.within(str(exc))}"


def describe(exc: httpx.HTTPError, timeout: float | None = None) -> str:
    """One line for a transport error (any URL in it redacted)."""
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s (--timeout)" if timeout else "timed out"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, AnswerTooLarge):
        return str(exc)
    if isinstance(exc, httpx.ConnectError):
        reason = redact.within(str(exc)) or "connection failed"
        if "CERTIFICATE" in reason.upper() or "SSL" in reason.upper():
            return f"TLS error: {reason}"
        return f"cannot connect: {reason}"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "unsupported URL scheme"
    if isinstance(exc, httpx.LocalProtocolError):  # its message may quote a header's value
        return "the request could not be sent (an invalid header?)"
    reason = redact.within(str(exc))
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return f"the server broke the connection: {reason}" if reason else "connection broken"
    return f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__


def text(response: Reply, url: str) -> str:
    """The body as text; `url` (as shown) names it in the error."""
    try:
        return response.content.decode(response.encoding or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{url}: the answer is not text") from None
