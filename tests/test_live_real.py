"""The parts of `make live-real` (tests/live_real) that decide its verdict, on real inputs:
the before/after comparison of a SQLite file, and the reading of a real `restcheck probe` run
(the deviant app under uvicorn). The real third-party servers themselves run only in
`make live-real`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.live_apps import deviant
from tests.live_apps.server import serve
from tests.live_real import harness


def make_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE pool (id TEXT PRIMARY KEY, name TEXT, size INT)")
        db.execute("CREATE TABLE events (payload TEXT)")  # no primary key: by rowid
        db.execute("CREATE TABLE link (a INT, b INT, PRIMARY KEY (a, b))")
        db.executemany("INSERT INTO pool VALUES (?, ?, ?)", [("p1", "seed", 1), ("p2", "x", 2)])
        db.execute("INSERT INTO link VALUES (1, 2)")


def test_compare_names_what_was_added_removed_and_changed(tmp_path: Path) -> None:
    database = tmp_path / "data.db"
    make_database(database)
    journals = {"events": "the event log"}
    before = harness.snapshot(database)
    assert harness.compare(before, harness.snapshot(database), journals) == []
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO pool VALUES ('p3', 'restcheck-1', 0)")
        db.execute("UPDATE pool SET size = 5 WHERE id = 'p1'")
        db.execute("DELETE FROM pool WHERE id = 'p2'")
        db.execute("INSERT INTO events VALUES ('created')")
        db.execute("INSERT INTO link VALUES (1, 3)")
    changes = {c.table: c for c in harness.compare(before, harness.snapshot(database), journals)}
    pool, events, link = changes["pool"], changes["events"], changes["link"]
    assert (pool.added, pool.removed, pool.changed) == (1, 1, 1)
    assert pool.text() == "pool: + 1, - 1, ~ 1: +restcheck-1, -x, ~seed"
    assert (link.added, link.removed, link.changed) == (1, 0, 0) and not link.journal
    assert events.added == 1 and events.journal == "the event log"
    assert events.text() == "events: + 1 (not counted: the event log)"
    run = harness.ProbeRun("writes", 1.0, 0, changes=list(changes.values()))
    assert [c.table for c in run.leftovers] == ["link", "pool"]


def test_rows_restcheck_names_as_side_effects_are_not_leftovers(tmp_path: Path) -> None:
    database = tmp_path / "data.db"
    make_database(database)
    before = harness.snapshot(database)
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO pool VALUES ('p9', 'default-agent-pool', 0)")  # a side effect
        db.execute("INSERT INTO pool VALUES ('q7', 'default', 0)")  # named by its id
        db.execute("INSERT INTO pool VALUES ('p8', 'restcheck-2', 0)")  # the probe's own
    left = [
        {"method": "POST", "url": "http://h/api/work_pools/default-agent-pool",
         "reason": "not listed before the probe's creates: perhaps made by one; not deleted"},
        {"method": "POST", "url": "http://h/api/work_queues/q7",
         "reason": "made by POST /work_queues/ besides the object it was asked for: not deleted"},
        {"method": "POST", "url": "http://h/api/pools/p8",
         "reason": "DELETE answered 404 Not Found, but a read still finds it"},
    ]  # fmt: skip
    named = harness.side_effect_names(left)
    assert named == {"default-agent-pool", "q7"}
    (pool,) = harness.compare(before, harness.snapshot(database), {})
    pool.name_side_effects(named)
    assert pool.side_effects == ["default-agent-pool", "default"] and pool.leftover
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM pool WHERE id = 'p8'")  # the probe's own object gone
    (pool,) = harness.compare(before, harness.snapshot(database), {})
    pool.name_side_effects(named)
    assert not pool.leftover
    assert "not counted: made by the server besides the probe's own object" in pool.text()


@pytest.mark.slow
def test_probe_run_is_read_from_restcheck_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(harness, "REPORTS", tmp_path)
    with serve(deviant.app) as base:
        running = SimpleNamespace(server=SimpleNamespace(name="deviant"), base=base)
        before = deviant.snapshot()
        run = harness.probe(running, writes=True)  # type: ignore[arg-type]
        assert deviant.snapshot() == before
    assert run.error == "" and run.exit_code == 0  # --fail-on never
    spec = json.loads((tmp_path / "deviant-writes.json").read_text())
    assert run.findings == spec["findings"]
    expected = {rule for rule, _ in deviant.DEVIATIONS.values()}
    assert {f["rule"] for f in run.findings} == expected
    assert run.total == operations(deviant.app.openapi())
    assert run.probed is not None and 0 < run.probed <= run.total
    assert run.left_behind == []
    assert "Probed" in (tmp_path / "deviant-writes.txt").read_text()


def operations(spec: dict[str, Any]) -> int:
    methods = {"get", "post", "put", "patch", "delete"}
    return sum(1 for item in spec["paths"].values() for method in item if method in methods)
