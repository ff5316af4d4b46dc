"""`restcheck probe --allow-writes` never destroys data it did not create.

- a create that answers an object that was already there (get-or-create): never updated
  or deleted (tests/live_apps/getorcreate.py);
- an id that names another URL in a path (`..`, `.`, `a/b`, empty): never sent, and what it
  made is named as left behind (tests/live_apps/oddids.py);
- SIGTERM, SIGHUP and Ctrl-C while the probe holds an object: it is deleted on the way out,
  and stderr says so (tests/live_apps/sleepy.py, through the console script).
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
from collections.abc import Iterator

import pytest

from checker.cli.main import main
from tests.helpers import cli, environment
from tests.live_apps import getorcreate, oddids, sleepy
from tests.live_apps.server import serve


def probe(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["probe", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- 7. a create that answers an existing object --------------------------------------------------


@pytest.fixture(scope="module")
def getorcreate_url() -> Iterator[str]:
    with serve(getorcreate.app) as base:
        yield base


def test_an_existing_object_a_create_answers_is_left_alone(
    getorcreate_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = getorcreate.snapshot()
    handlers = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]
    code, out, err = probe(capsys, getorcreate_url, "--allow-writes", "-f", "json")
    assert code in (0, 1), err
    # The probe's signal handlers were in place only while it ran.
    assert [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)] == handlers
    json.loads(out)
    # Every seeded object is there and unmodified: no update, no delete reached one.
    assert getorcreate.snapshot() == before
    tag = next(t for t in before["tags"].values() if t.name == getorcreate.MATCH)
    label = next(t for t in before["labels"].values() if t.name == getorcreate.MATCH)
    assert re.search(
        rf"POST /v1/tags/ .*the create answered an existing object \(id {tag.id}, "
        r"listed before the create\): not updated or deleted",
        err,
    ), err
    assert re.search(rf"POST /v1/labels/ .*answered an existing object \(id {label.id}", err)
    assert re.search(r"DELETE /v1/tags/\{id\} +.*the create answered an existing object", err)
    # No list to tell: a create answering 200 may have answered an existing object.
    note = next(n for n in before["notes"].values())
    assert re.search(
        rf"POST /v1/notes/ -> id {note.id} at \S+/v1/notes/{note.id} \(not deleted, it may be an "
        r"existing object: answered 200 OK",
        err,
    ), err
    assert "Left behind 1 created objects:" in err  # only the note, never the tag or label


# -- 8. ids that name another URL ---------------------------------------------------------------


@pytest.fixture(scope="module")
def oddids_url() -> Iterator[str]:
    with serve(oddids.app) as base:
        yield base


@pytest.mark.parametrize(
    ("ident", "why"),
    [
        ("..", "a dot segment"),
        (".", "a dot segment"),
        ("a/b", "contains '/'"),
        ("", "empty"),
    ],
)
def test_an_id_that_names_another_url_is_never_sent(
    ident: str, why: str, oddids_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = oddids.snapshot()
    oddids.ODD_ID["value"] = ident
    oddids.REQUESTS.clear()
    try:
        code, out, _ = probe(capsys, oddids_url, "--allow-writes")
        after = oddids.snapshot()
        requests = list(oddids.REQUESTS)
    finally:
        oddids.restore(before)
    assert code in (0, 1), out
    boxes, dots = after
    assert boxes == before[0]  # the parent box neither changed nor deleted
    made = {box: {k: v for k, v in found.items() if k != ident} for box, found in dots.items()}
    assert made == before[1]  # the seeded dots are all there, unchanged
    assert ident in dots[oddids.FIRST]  # the dot it made is left behind ...
    # ... and said so, with the reason, instead of sending its update or delete elsewhere:
    # the only updates sent are the invalid bodies (to listed ids) that FastAPI rejects.
    writes = [(m, p, status) for m, p, status in requests if m in ("PATCH", "DELETE")]
    assert writes and all(status == 422 for _, _, status in writes), writes
    assert "Left behind 1 created objects:" in out
    assert re.search(
        rf"POST /v1/boxes/\{{id\}}/dots/ -> id {re.escape(repr(ident))} at \S+/dots/ "
        r"\(cannot delete it: "
        rf".*{re.escape(why)}",
        out,
    ), out
    assert re.search(r"(PATCH|DELETE) /v1/boxes/\{id\}/dots/\{dot_id\} .*" + re.escape(why), out)


# -- 9. SIGTERM, SIGHUP and Ctrl-C: clean up on the way out ---------------------------------------


@pytest.fixture(scope="module")
def sleepy_url() -> Iterator[str]:
    with serve(sleepy.app) as base:
        yield base


def interrupt(base: str, event: object, sig: int, *args: str) -> tuple[int, str, str]:
    """Run the console script, send `sig` once `event` is set; its exit code and output."""
    assert hasattr(event, "wait") and hasattr(event, "clear")
    event.clear()
    command = [cli(), "probe", base, "--allow-writes", *args]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment()
    ) as process:
        try:
            # Generous bounds: a passing run waits ~1 s; a loaded machine (a new interpreter
            # importing restcheck and httpx) must not fail it. They only end a hung run.
            assert event.wait(60), "the probe did not reach the sleeping step"
            process.send_signal(sig)
            out, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    return process.returncode, out, err


@pytest.mark.parametrize(
    ("sig", "name", "code"),
    [
        (signal.SIGTERM, "SIGTERM", 143),
        (signal.SIGHUP, "SIGHUP", 129),
        (signal.SIGINT, "SIGINT", 130),
    ],
)
def test_a_signal_cleans_up_what_the_probe_created(
    sig: int, name: str, code: int, sleepy_url: str
) -> None:
    before = sleepy.snapshot()
    status, out, err = interrupt(sleepy_url, sleepy.UPDATING, sig, "--include", "/v1/naps/*")
    assert sleepy.snapshot() == before  # the nap it created (and was updating) is deleted
    assert status == code, err
    assert out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.fullmatch(
        rf"restcheck: interrupted by {name}; cleaned up: deleted 1 object it created "
        r"\(POST /v1/naps/ -> id [0-9a-f-]{36}\); nothing it created remains",
        lines[0],
    ), lines[0]


def test_a_signal_during_a_create_waits_for_its_answer(sleepy_url: str) -> None:
    before = sleepy.snapshot()
    status, _, err = interrupt(
        sleepy_url, sleepy.CREATING, signal.SIGTERM, "--include", "/v1/dozes/*"
    )
    assert sleepy.snapshot() == before  # the doze made after the signal is deleted too
    assert status == 143, err
    assert re.search(r"deleted 1 object it created \(POST /v1/dozes/ -> id [0-9a-f-]{36}\)", err)


def test_held_sections_and_a_second_signal() -> None:
    from checker.errors import Interrupted
    from checker.probe.signals import Interrupts

    before = signal.getsignal(signal.SIGTERM)
    with Interrupts() as interrupts:
        assert signal.getsignal(signal.SIGTERM) is not before
        with pytest.raises(Interrupted) as raised, interrupts.hold():
            signal.raise_signal(signal.SIGTERM)  # waits for the end of the section
            finished = True
        assert finished and raised.value.exit_code == 143 and interrupts.first == signal.SIGTERM
        with pytest.raises(Interrupted), interrupts.hold("POST /v1/x/"):
            signal.raise_signal(signal.SIGINT)  # a second signal: at once
            pytest.fail("a second signal did not stop the section")
        assert interrupts.stopped and interrupts.lost == ["POST /v1/x/"]
    assert signal.getsignal(signal.SIGTERM) is before
