"""`restcheck check URL` against real servers: finding the spec, redirects, --header,
--timeout, TLS errors, HTTP errors and answers that are not a spec (exit 2, one line).

Servers: FastAPI apps under uvicorn on 127.0.0.1 (tests/live_apps); the CLI runs in-process
through `checker.cli.main.main`, one case through the console script.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator

import pytest

from checker.cli.main import main
from specs.shop import app as shop
from tests.helpers import cli, environment
from tests.live_apps import odd
from tests.live_apps.server import serve


@pytest.fixture(scope="module")
def answers() -> Iterator[str]:
    with serve(odd.answers) as base:
        yield base


@pytest.fixture(scope="module")
def shop_url() -> Iterator[str]:
    with serve(shop.app) as base:
        yield base


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_base_url_finds_the_spec(shop_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(capsys, shop_url, "-f", "json", "--fail-on", "never")
    assert code == 0, err
    report = json.loads(out)
    assert {f["source"] for f in report["findings"]} <= {f"{shop_url}/openapi.json"}


def test_redirect_is_followed(answers: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(capsys, f"{answers}/go", "--fail-on", "never")
    assert code == 0, err


def test_header_is_sent(answers: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(capsys, f"{answers}/private/openapi.json")
    assert code == 2
    assert "HTTP 401 Unauthorized (pass credentials with --header" in err
    token = ["--header", "Authorization: Bearer sesame"]
    code, _, err = check(capsys, f"{answers}/private/openapi.json", *token, "--fail-on", "never")
    assert code == 0, err


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/nothing.json", "/nothing.json: HTTP 404 Not Found"),
        ("/status/500", "/status/500: HTTP 500 Internal Server Error (also tried openapi.json"),
        ("/status/403", "HTTP 403 Forbidden (pass credentials with --header"),
        ("/text", "/text: expected an OpenAPI document (a mapping), got str (also tried"),
        ("/loop", "/loop: too many redirects"),
        ("/slow.json", "/slow.json: timed out after 0.3 s (--timeout)"),
        ("/broken.json", "/broken.json:1:16: invalid JSON"),
    ],
)
def test_unusable_answers_exit_2(
    answers: str, path: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = check(capsys, answers + path, "--timeout", "0.3")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message in err, err


def test_html_site_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(odd.html, ready_path="/") as base:
        code, _, err = check(capsys, base)
    assert code == 2
    assert f"{base}: got an HTML page, expected an OpenAPI document (also tried" in err


def test_tls_to_a_plain_http_port_exits_2(answers: str) -> None:
    url = answers.replace("http://", "https://") + "/openapi.json"
    result = subprocess.run(
        [cli(), "check", url], capture_output=True, text=True, env=environment(), timeout=60
    )
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"restcheck: {url}: TLS error: ")


@pytest.mark.parametrize(
    ("url", "message"),
    [("http://[::1", "invalid URL"), ("http://", "unsupported URL scheme")],
)
def test_malformed_urls_exit_2(url: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(capsys, url)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_timeout_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(capsys, "spec.json", "--timeout", "0")
    assert code == 2 and "Invalid value for '--timeout'" in err
