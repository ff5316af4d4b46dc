"""The status line for slow work: after a second, on a terminal only, erased at the end."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import time

import pytest

from checker.cli.progress import DELAY, Progress
from tests.helpers import SPECS, cli, corpus_file, environment


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def shown(stream: io.StringIO, text: str, within: float = 10.0) -> bool:
    """Whether `text` reaches the stream within `within` seconds (polled: on a loaded
    machine the status thread may wake late; fixed sleeps made this test race it)."""
    deadline = time.monotonic() + within
    while text not in stream.getvalue():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_slow_work_shows_its_stage_then_erases_it() -> None:
    stream = Terminal()
    start = time.monotonic()
    with Progress(stream) as progress:
        progress.stage("reading big.yaml")
        assert shown(stream, "reading big.yaml")
        assert time.monotonic() - start >= DELAY  # not before the work has taken a second
        progress.stage("checking big.yaml")
        assert shown(stream, "checking big.yaml")
    written = stream.getvalue()
    assert "\rrestcheck: reading big.yaml..." in written.replace("\x1b[K", "")
    assert written.endswith("\r\x1b[K")  # the line is gone once the work is done


def test_quick_work_and_pipes_show_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    quick = Terminal()
    with Progress(quick) as progress:
        progress.stage("checking small.json")
    assert quick.getvalue() == ""
    # Not a terminal: nothing, even long after the line would have appeared on one.
    monkeypatch.setattr("checker.cli.progress.DELAY", 0.01)
    terminal, piped = Terminal(), io.StringIO()
    with Progress(terminal) as on_terminal, Progress(piped) as on_pipe:
        on_terminal.stage("checking big.yaml")
        on_pipe.stage("checking big.yaml")
        assert shown(terminal, "checking big.yaml")  # the line would be there by now
        time.sleep(0.3)
    assert piped.getvalue() == ""


def _on_a_terminal(*args: str) -> str:
    """Run restcheck with stderr on a pseudo-terminal; what the terminal received."""
    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [cli(), *args],
            stdout=subprocess.DEVNULL,
            stderr=follower,
            env=environment(),
            timeout=300,
            check=False,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    return b"".join(chunks).decode()


def test_a_quick_check_prints_no_status_line() -> None:
    assert "restcheck: checking" not in _on_a_terminal(
        "check", str(SPECS / "shop" / "openapi.json")
    )


@pytest.mark.slow
def test_big_specs_show_progress_on_a_terminal() -> None:
    # Five large specs take well over the second the line waits for (about 3 s here).
    specs = [
        corpus_file(name)
        for name in (
            "large/stripe-spec3-2022-04.json",
            "large/github-api.github.com-2020-07.json",
            "large/stripe-spec3-2023-09.yaml",
            "large/openai-openapi-2026-08.yaml",
            "polar/openapi.json",
        )
    ]
    received = _on_a_terminal("check", *map(str, specs))
    assert re.search(r"restcheck: (reading|checking) \S+ \([1-5] of 5\)\.\.\.", received), received
    status = received.rindex("\r\x1b[K")  # the line is erased once the work is done
    assert "of 5)..." not in received[status:]
