"""List behaviour, read-only (live-sorting, live-pagination, live-limit, live-filters,
live-default-filter) against tests/live_apps/listbugs.py under uvicorn on 127.0.0.1: each
list's deviation is found once, at its list, and the twins that behave (sorted by a
collation, nulls first, a prefix search) draw nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from checker.cli.main import main
from checker.probe.lists import MAX_REQUESTS, secret
from checker.probe.order import after, unsorted
from tests.live_apps import listbugs
from tests.live_apps.server import serve

LIST_RULES = {
    "live-sorting",
    "live-pagination",
    "live-limit",
    "live-filters",
    "live-default-filter",
}
PER_LIST = 2 + MAX_REQUESTS  # the list's own two calls, and the list-behaviour bound


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], str]]:
    """One probe of the app: its JSON report, and the text summary (stderr)."""
    out = tmp_path_factory.mktemp("probe") / "probe.json"
    with serve(listbugs.app) as base:
        listbugs.REQUESTS.clear()
        listbugs.QUERIES.clear()
        code = main(["probe", base, "--format", "json", "--output", str(out)])
        requests = dict(listbugs.REQUESTS)
    assert code == 1
    yield json.loads(out.read_text()), requests


def test_each_deviation_is_found_once_at_its_list(report: tuple[dict[str, Any], Any]) -> None:
    findings = report[0]["findings"]
    where = [(f["path"], f["rule"]) for f in findings]
    assert sorted(where) == sorted(listbugs.DEVIATIONS), json.dumps(findings, indent=1)
    assert all(f["method"] == "get" for f in findings)


def test_the_twins_draw_nothing(report: tuple[dict[str, Any], Any]) -> None:
    paths = {f["path"] for f in report[0]["findings"]}
    assert not paths & set(listbugs.TWINS)


def test_messages_say_what_the_server_did(report: tuple[dict[str, Any], Any]) -> None:
    messages = {f["path"]: f["message"] for f in report[0]["findings"]}
    assert (
        "sorting=-created_at answered created_at '2025-01-02T00:00:00Z'"
        in (messages["/v1/missorted-entries/"])
    )
    assert "expected descending by created_at" in messages["/v1/missorted-entries/"]
    assert "pages 1 and 2 (limit=2) share 1 of their items" in messages["/v1/overlapping-entries/"]
    assert (
        "answered pagination.max_page 3 for total_count 7; expected 4 (ceil(7 / 2))"
        in (messages["/v1/miscounted-entries/"])
    )
    assert (
        "page=1&limit=1 answered 7 items; expected at most 1"
        in (messages["/v1/unlimited-entries/"])
    )
    assert (
        "color=green&color=red answered an item with color 'blue'"
        in (messages["/v1/repeat-ignored-entries/"])
    )
    assert (
        "color=green&color=red counts 2 items, but color=green counts 2 and color=red 3"
        in (messages["/v1/first-value-entries/"])
    )
    assert (
        "the unfiltered list counts 5 items, but archived=true 2, archived=false 5"
        in (messages["/v1/archive-hiding-entries/"])
    )


def test_findings_point_at_what_they_judge(report: tuple[dict[str, Any], Any]) -> None:
    spec = listbugs.app.openapi()
    judged = {}
    for finding in (f for f in report[0]["findings"] if f["rule"] in LIST_RULES):
        node: Any = spec
        for part in finding["pointer"].split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        judged[finding["path"]] = node.get("name", finding["pointer"].rsplit("/", 2)[-2:])
    # the list rules point at the parameter judged (or at the documented 200 for max_page)
    assert judged == {
        "/v1/missorted-entries/": "sorting",
        "/v1/overlapping-entries/": "page",
        "/v1/miscounted-entries/": ["responses", "200"],
        "/v1/unlimited-entries/": "limit",
        "/v1/repeat-ignored-entries/": "color",
        "/v1/first-value-entries/": "color",
        "/v1/archive-hiding-entries/": "archived",
        "/v1/plain-unlimited-entries/": "limit",
    }


def test_read_only_and_bounded(report: tuple[dict[str, Any], Any]) -> None:
    requests = report[1]
    assert {method for method, _ in requests} == {"GET"}
    paths = listbugs.app.openapi()["paths"]
    lists = {path: n for (_, path), n in requests.items() if path in paths}
    assert len(lists) == 15
    assert all(n <= PER_LIST for n in lists.values()), lists
    # entries: its two calls, pages 1 and 2, sorting by 3 fields both ways, 2 filters (3
    # each), an unfiltered count and the archived values (2); nothing sent again to confirm
    assert lists["/v1/entries/"] == 2 + 2 + 6 + 6 + 3
    # bounded: limit=5 (its documented maximum) for the sorted and filtered calls, 2 for the
    # pages, besides the first call's limit=1 and the invalid limit=0 (answered 422)
    limits = [
        int(m.group(1))
        for path, query in listbugs.QUERIES
        if path == "/v1/bounded-entries/"
        for m in [re.search(r"limit=(\d+)", query)]
        if m
    ]
    assert sorted(set(limits)) == [0, 1, 2, 5]
    # throttled: its two calls, page 1, and page 2 answered 429: nothing more asked
    assert lists["/v1/throttled-entries/"] == 2 + 2


def test_secret_fields_are_never_sent_or_shown(report: tuple[dict[str, Any], Any]) -> None:
    # keyed-entries ignores a repeated token filter: not judged, as a token is a secret
    assert not any(f["path"] == "/v1/keyed-entries/" for f in report[0]["findings"])
    assert listbugs.QUERIES and not any("tok-" in query for _, query in listbugs.QUERIES)
    assert "tok-" not in json.dumps(report[0])


def test_notes_say_what_was_not_judged(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(listbugs.app) as base:
        main(["probe", base, "--include", "/v1/searched-entries/"])
    out = capsys.readouterr().out
    assert "sorting by popularity not judged (not a field of the items)" in out
    assert "repeated name not judged: name=Apple is no equality filter" in out


# -- the order of two values, however a server compares them ----------------------------------


@pytest.mark.parametrize(
    ("a", "b", "out_of_order"),
    [
        (3, 2, True),
        (2, 3, False),
        (2.5, 2, True),
        (True, False, True),
        ("cherry", "apple", True),
        ("apple pie", "Date", False),  # a collation puts it first, code points after
        ("Date", "apple pie", False),  # code points put it first, a collation after
        ("a-c", "ab", False),  # a collation ignores the hyphen
        ("élan", "elf", False),  # nor accents
        ("élan", "ebony", True),
        ("10", "9", False),  # text, or numbers: unsure
        ("10.5", "9.25", False),
        ("2025-01-02T00:00:00+02:00", "2025-01-01T23:00:00Z", False),  # 22:00Z: in order
        ("2025-01-03T00:00:00Z", "2025-01-02T00:00:00Z", True),
        ("2025-01-02T00:00:00", "2025-01-01T00:00:00Z", True),  # naive and aware: as text
        (1, "a", False),  # other types: not compared
        (None, 1, False),
    ],
)
def test_after_reports_only_what_every_reading_agrees_on(
    a: Any, b: Any, out_of_order: bool
) -> None:
    assert after(a, b) is out_of_order


def test_unsorted_leaves_nulls_out() -> None:
    items = [{"rank": None}, {"rank": 1}, {"rank": None}, {"rank": 2}]
    assert unsorted(items, "rank", descending=False) is None
    assert unsorted(items, "rank", descending=True) == "rank 1 (item 2 of 4) before 2 (item 4)"


def test_secret_names() -> None:
    names = ["token", "access_token", "client_secret", "api_key", "x-api-key", "key", "password"]
    assert all(map(secret, names))
    assert not any(map(secret, ["total_tokens", "keyword", "name", "monkey", "secretary"]))
