"""What restcheck sends where, and the limits of what it accepts (docs/security.md):

- `--header` values reach only the origin of the URL given, never one a redirect leads to;
- the probe never leaves the origin: a cross-origin redirect is its answer, not followed;
- credentials in a URL (userinfo, secret query parameters) appear in no report, baseline or
  error line, but are still used for the request;
- `--max-size` caps an answer's decoded body; `--timeout` bounds an answer as a whole;
- malformed `--header` and `--timeout` values: exit 2 and one line, no secret echoed.

Servers: ASGI apps under uvicorn on 127.0.0.1 (two `serve` calls, two origins); the CLI runs
in-process through `checker.cli.main.main`.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import json
import socket
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import Request
from fastapi.responses import RedirectResponse, StreamingResponse
from starlette.applications import Starlette
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from checker.cli.main import main
from specs.kit import ListResource, PaginationParamsQuery, create_app
from tests.live_apps import odd
from tests.live_apps.deviant import Thing, seed, standard_routes
from tests.live_apps.server import serve

# Two findings (version-prefix, auth-subject): every report names the source.
SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Tiny", "version": "1"},
    "paths": {"/things": {"get": {"responses": {"200": {"description": "ok"}}}}},
}
MB = 1024 * 1024
BOMB = gzip.compress(b'{"x": "' + b" " * (2 * MB) + b'"}')  # 2 MB decoded, a few KB sent
USER, PASSWORD, API_KEY = "alice", "pa55word", "k3y-in-the-query"
BASIC = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

# What the other origin was sent: (method, path, raw headers).
SEEN: list[tuple[str, str, dict[str, bytes]]] = []
ELSEWHERE: list[str] = []  # the other origin's base URL, once it runs
LATIN: list[bytes] = []  # what /echo.json was sent as X-Latin


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- the servers ----------------------------------------------------------------------------------


async def record(request: Request) -> Response:
    """The other origin: records what it is sent; serves the spec; says yes to anything."""
    raw = {name.decode("latin-1").lower(): value for name, value in request.headers.raw}
    SEEN.append((request.method, request.url.path, raw))
    if request.url.path == "/private.json" and raw.get("x-api-key") != b"k3y":
        return JSONResponse({"detail": "no key"}, status_code=401)
    if request.method == "GET":
        return JSONResponse(SPEC)
    return Response(status_code=204)


elsewhere = Starlette(
    routes=[Route("/{path:path}", record, methods=["GET", "POST", "PATCH", "PUT", "DELETE"])]
)


async def away(request: Request) -> Response:
    return RedirectResponse(f"{ELSEWHERE[0]}{request.query_params.get('to', '/openapi.json')}")


async def private(request: Request) -> Response:
    if request.headers.get("x-api-key") != "k3y":
        return JSONResponse({"detail": "no key"}, status_code=401)
    return JSONResponse(SPEC)


async def basic(request: Request) -> Response:
    """The spec, for the userinfo and the api_key of the URL only."""
    ok = request.headers.get("authorization") == BASIC
    if not ok or request.query_params.get("api_key") != API_KEY:
        return JSONResponse({"detail": "who are you?"}, status_code=401)
    return JSONResponse(SPEC)


async def echo(request: Request) -> Response:
    """The spec; the raw value of X-Latin recorded."""
    LATIN.append(dict(request.headers.raw).get(b"x-latin", b""))
    return JSONResponse(SPEC)


async def bomb(request: Request) -> Response:
    return Response(BOMB, media_type="application/json", headers={"Content-Encoding": "gzip"})


async def dripping() -> AsyncIterator[bytes]:
    yield b'{"openapi": "3.1.0", "info": {"title": "'
    for _ in range(240):  # a minute at 4 bytes a second
        await asyncio.sleep(0.25)
        yield b"...."


async def drip(request: Request) -> Response:
    return StreamingResponse(dripping(), media_type="application/json")


home = Starlette(
    routes=[
        Route("/away.json", away),
        Route("/here.json", lambda request: RedirectResponse("/private.json")),
        Route("/private.json", private),
        Route("/basic.json", basic),
        Route("/echo.json", echo),
        Route("/bomb.json", bomb),
        Route("/drip.json", drip),
    ]
)

# A Polar-style API whose delete redirects (307, method kept) to the other origin.
things = standard_routes("things", seed("things"), leave_out=("delete",))


@things.delete("/{id}", status_code=204, response_model=None, name="delete_things")
async def delete_thing(id: str, request: Request) -> Response:
    return RedirectResponse(f"{ELSEWHERE[0]}{request.url.path}", status_code=307)


redirecting = create_app(title="Redirecting API", version="1")
redirecting.include_router(things)

# APIs whose list answers a body too large, or too slow.
bombing = create_app(title="Bombing API", version="1")


@bombing.get("/v1/things/", response_model=ListResource[Thing])
async def list_bomb(pagination: PaginationParamsQuery) -> Any:
    return Response(BOMB, media_type="application/json", headers={"Content-Encoding": "gzip"})


slow_body = create_app(title="Slow body API", version="1")


@slow_body.get("/v1/things/", response_model=ListResource[Thing])
async def list_drip(pagination: PaginationParamsQuery) -> Any:
    return StreamingResponse(dripping(), media_type="application/json")


@pytest.fixture(scope="module")
def other() -> Iterator[str]:
    with serve(elsewhere) as base:
        ELSEWHERE[:] = [base]
        yield base
        ELSEWHERE.clear()


@pytest.fixture()
def seen(other: str) -> Iterator[list[tuple[str, str, dict[str, bytes]]]]:
    SEEN.clear()
    yield SEEN


@pytest.fixture(scope="module")
def origin(other: str) -> Iterator[str]:
    with serve(home) as base:
        yield base


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- 1. --header values only to the origin given --------------------------------------------------

SECRETS = ["X-Api-Key: k3y", "Private-Token: t0ken", "Authorization: Bearer b3arer", "Cookie: c=1"]


def test_headers_are_not_sent_to_another_origin(
    origin: str, seen: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    headers = [arg for secret in SECRETS for arg in ("--header", secret)]
    code, _, err = run(capsys, "check", f"{origin}/away.json", *headers, "--fail-on", "never")
    assert code == 0, err
    assert [(method, path) for method, path, _ in seen] == [("GET", "/openapi.json")]
    sent = seen[0][2]
    assert not {"x-api-key", "private-token", "authorization", "cookie"} & set(sent), sent
    assert sent["user-agent"] == b"restcheck"


def test_headers_are_kept_on_a_redirect_within_the_origin(
    origin: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [f"{origin}/here.json", "--header", "X-Api-Key: k3y", "--fail-on", "never"]
    code, _, err = run(capsys, "check", *args)
    assert code == 0, err


def test_a_401_after_a_redirect_elsewhere_says_why(
    origin: str, seen: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{origin}/away.json?to=/private.json"
    code, _, err = run(capsys, "check", url, "--header", "X-Api-Key: k3y")
    assert code == 2
    line = one_line(err)
    assert "HTTP 401 Unauthorized (after a redirect to" in line
    assert "where the --header values are not sent" in line
    assert "x-api-key" not in seen[0][2]


# -- 2. the probe never leaves the origin ---------------------------------------------------------


def test_probe_does_not_follow_a_write_to_another_origin(
    seen: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(redirecting) as base:
        args = ["probe", base, "--allow-writes", "-f", "json", "--header", "X-Api-Key: k3y"]
        code, out, err = run(capsys, *args)
    assert seen == []  # neither the delete nor its headers went to the other origin
    assert code == 1, err
    findings = json.loads(out)["findings"]
    assert {(f["rule"], f["method"], f["path"]) for f in findings} == {
        ("live-status", "delete", "/v1/things/{id}")
    }
    assert "307" in findings[0]["message"]
    # A delete answered by a redirect deleted nothing: the object is left behind, and said so.
    assert "Left behind 1 created objects:" in err
    assert "answered 307 Temporary Redirect" in err


# -- 3. credentials in a URL: used, never shown ---------------------------------------------------


def secret_url(origin: str, path: str = "/basic.json") -> str:
    host = origin.removeprefix("http://")
    return f"http://{USER}:{PASSWORD}@{host}{path}?api_key={API_KEY}&Token=t0k"


def assert_no_secret(text: str) -> None:
    for secret in (PASSWORD, API_KEY, "t0k"):
        assert secret not in text, text


@pytest.mark.parametrize("format", ["text", "json", "sarif", "junit", "markdown", "github"])
def test_url_credentials_are_used_but_not_reported(
    origin: str, format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = secret_url(origin)
    code, out, err = run(capsys, "check", url, "-f", format, "--fail-on", "never")
    assert code == 0, err  # the server wants the userinfo and the api_key: they were sent
    assert_no_secret(out + err)
    shown = f"http://***@{origin.removeprefix('http://')}/basic.json?api_key=***&Token=***"
    assert (shown.replace("&", "&amp;") if format == "junit" else shown) in out


def test_url_credentials_are_not_in_a_baseline(
    origin: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, file = secret_url(origin), tmp_path / "baseline.json"
    code, _, err = run(capsys, "baseline", url, "-o", str(file))
    assert code == 0, err
    assert_no_secret(file.read_text() + err)
    code, out, err = run(capsys, "check", url, "--baseline", str(file), "-f", "json")
    assert code == 0, err
    assert json.loads(out)["findings"] == []  # the baseline's entries match this source's
    assert_no_secret(out + err)


@pytest.mark.parametrize(
    ("command", "path", "message"),
    [
        ("check", "/nothing.json", "HTTP 404 Not Found"),
        ("review", "/nothing.json", "HTTP 404 Not Found"),
        ("check", "/broken.json", "HTTP 404 Not Found"),
        ("probe", "/", "HTTP 404 Not Found (also tried"),
    ],
)
def test_url_credentials_are_not_in_error_lines(
    origin: str, command: str, path: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, command, secret_url(origin, path))
    assert code == 2 and out == ""
    line = one_line(err)
    assert message in line and "http://***@127.0.0.1:" in line
    assert_no_secret(line)


def test_url_credentials_are_not_in_transport_errors(capsys: pytest.CaptureFixture[str]) -> None:
    url = secret_url(f"http://127.0.0.1:{_closed_port()}", "/openapi.json")
    for command in ("check", "probe"):
        code, _, err = run(capsys, command, url)
        assert code == 2
        line = one_line(err)
        assert "cannot connect" in line and "***@" in line
        assert_no_secret(line)


def test_url_credentials_are_not_in_probe_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(odd.slow) as base:
        code, _, err = run(capsys, "probe", secret_url(base, "/openapi.json"), "--timeout", "1")
    assert code == 2
    line = one_line(err)
    assert "GET http://***@127.0.0.1:" in line and "timed out after 1 s" in line
    assert_no_secret(line)


# -- 4. --max-size: the decoded body is capped ----------------------------------------------------


def test_a_body_that_decodes_beyond_max_size_is_refused(
    origin: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", f"{origin}/bomb.json", "--max-size", "1")
    assert code == 2 and out == ""
    assert one_line(err).endswith("/bomb.json: the answer is larger than 1 MB (--max-size)")
    code, _, err = run(capsys, "check", f"{origin}/bomb.json", "--fail-on", "never")
    assert "larger than" not in err  # 2 MB is well under the default of 100 MB


def test_probe_refuses_an_answer_beyond_max_size(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(bombing) as base:
        code, out, err = run(capsys, "probe", base, "--max-size", "1")
    assert code == 2 and out == ""
    line = one_line(err)
    assert f"GET {base}/v1/things/" in line
    assert line.endswith("the answer is larger than 1 MB (--max-size)")


@pytest.mark.parametrize("command", ["check", "baseline", "review", "diff", "probe"])
def test_max_size_must_be_a_positive_number_of_mb(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = {"diff": ["a.json", "b.json"], "baseline": ["a.json", "-o", "b.json"]}
    url = ["http://127.0.0.1:9/"] if command == "probe" else ["a.json"]
    code, _, err = run(capsys, command, *args.get(command, url), "--max-size", "0")
    assert code == 2
    assert "Invalid value for '--max-size'" in one_line(err)


# -- 6, 13. malformed --header values -------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "shown"),
    [
        ("Authorization Bearer SECRET", "--header 'Authorization ...': expected 'Name: value'"),
        ("Authorization=SECRET", "--header 'Authorization ...': expected 'Name: value'"),
        ("X-Api-Key\tSECRET", "--header 'X-Api-Key ...': expected 'Name: value'"),
        ("Bearer SECRET: x", "--header 'Bearer ...': a header name is ASCII letters"),
        ("X-Naïve: SECRET", "--header 'X-Na ...': a header name is ASCII letters"),
        ("X-Snow: ☃ SECRET", "--header 'X-Snow: ...': the value has a character that is not"),
        ("X-Crlf: a\r\nSECRET: b", "--header 'X-Crlf: ...': the value has a control character"),
    ],
)
@pytest.mark.parametrize("command", ["check", "probe"])
def test_a_malformed_header_is_one_line_without_its_value(
    command: str, header: str, shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "http://127.0.0.1:9/" if command == "probe" else "spec.json"
    code, out, err = run(capsys, command, source, "--header", header)
    assert code == 2 and out == ""
    line = one_line(err)
    assert shown in line
    assert "SECRET" not in line


def test_a_latin_1_header_value_is_sent_as_latin_1(
    origin: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["review", f"{origin}/echo.json", "--header", "X-Latin: café"]
    code, _, err = run(capsys, *args)
    assert code == 0, err
    assert LATIN[-1] == "café".encode("latin-1")


# -- 14. --timeout: a finite number of seconds ----------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e12"])
@pytest.mark.parametrize("command", ["check", "review", "probe"])
def test_timeout_must_be_finite(
    origin: str, command: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, command, f"{origin}/private.json", "--timeout", value)
    assert code == 2 and out == ""
    assert "Invalid value for '--timeout'" in one_line(err)


# -- 18. --timeout bounds the whole answer, a slow body included ----------------------------------


def test_timeout_bounds_a_slow_body(origin: str, capsys: pytest.CaptureFixture[str]) -> None:
    start = time.monotonic()
    code, out, err = run(capsys, "check", f"{origin}/drip.json", "--timeout", "1")
    assert time.monotonic() - start < 4
    assert code == 2 and out == ""
    assert one_line(err).endswith("/drip.json: timed out after 1 s (--timeout)")


def test_probe_timeout_bounds_a_slow_body(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(slow_body) as base:
        start = time.monotonic()
        code, out, err = run(capsys, "probe", base, "--timeout", "1")
        elapsed = time.monotonic() - start
    assert elapsed < 4
    assert code == 2 and out == ""
    line = one_line(err)
    assert f"GET {base}/v1/things/" in line and line.endswith("timed out after 1 s (--timeout)")


def test_url_credentials_are_used_but_not_in_probe_reports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serve(redirecting) as base:
        for format in ("text", "json", "sarif"):
            code, out, err = run(capsys, "probe", secret_url(base, "/"), "-f", format)
            assert code == 0, err
            assert_no_secret(out + err)
            assert "http://***@127.0.0.1:" in out + err
