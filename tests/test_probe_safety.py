"""`restcheck probe --allow-writes` never destroys data it did not create.

- a create that answers an object that was already there (get-or-create): never updated
  or deleted (tests/live_apps/getorcreate.py);
- an id that names another URL in a path (`..`, `.`, `a/b`, empty): never sent, and what it
  made is named as left behind (tests/live_apps/oddids.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from checker.cli.main import main
from tests.live_apps import getorcreate, oddids
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
    code, out, err = probe(capsys, getorcreate_url, "--allow-writes", "-f", "json")
    assert code in (0, 1), err
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
        rf"POST /v1/notes/ -> id {note.id} \(not deleted, it may be an existing object: answered 200 OK",
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
        rf"POST /v1/boxes/\{{id\}}/dots/ -> id {re.escape(repr(ident))} \(cannot delete it: "
        rf".*{re.escape(why)}",
        out,
    ), out
    assert re.search(r"(PATCH|DELETE) /v1/boxes/\{id\}/dots/\{dot_id\} .*" + re.escape(why), out)
