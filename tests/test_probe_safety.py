"""`restcheck probe --allow-writes` never destroys data it did not create.

- an id that names another URL in a path (`..`, `.`, `a/b`, empty): never sent, and what it
  made is named as left behind (tests/live_apps/oddids.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from checker.cli.main import main
from tests.live_apps import oddids
from tests.live_apps.server import serve


def probe(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["probe", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


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
