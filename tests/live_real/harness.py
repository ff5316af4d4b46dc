"""Install, start, seed, snapshot and probe one real server; stop it whatever happens."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx

from tests.live_real.servers import SeedError, Server

ROOT = Path(__file__).resolve().parents[2]
VENVS = ROOT / ".venv-real"
REPORTS = VENVS / "reports"
# The restcheck under test: this checkout's, or another build's (RESTCHECK=/path/to/restcheck).
RESTCHECK = Path(os.environ.get("RESTCHECK") or Path(sys.executable).parent / "restcheck")
START_TIMEOUT = 120.0  # seconds for a server to answer its health check
PROBE_TIMEOUT = 300.0  # seconds for one `restcheck probe` run


# -- installing ---------------------------------------------------------------------------------


def venv_bin(server: Server) -> Path:
    return VENVS / server.name / "bin"


def stamp(server: Server) -> Path:
    return VENVS / server.name / ".installed.json"


def install(server: Server) -> float:
    """Install the server's pinned package into its own venv (once); the seconds it took."""
    if stamp(server).exists():
        recorded = json.loads(stamp(server).read_text())
        if recorded.get("package") == server.package:
            return float(recorded["seconds"])
    start = time.monotonic()
    venv = VENVS / server.name
    shutil.rmtree(venv, ignore_errors=True)  # a half-made venv from an interrupted install
    if subprocess.run([sys.executable, "-m", "venv", str(venv)]).returncode != 0:
        raise RuntimeError(f"python -m venv {venv} failed")
    log = VENVS / f"{server.name}-install.log"
    with log.open("w") as out:
        pip = [str(venv_bin(server) / "pip"), "install", "--disable-pip-version-check"]
        done = subprocess.run([*pip, server.package], stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise RuntimeError(f"pip install {server.package} failed: see {log}")
    seconds = time.monotonic() - start
    stamp(server).write_text(json.dumps({"package": server.package, "seconds": seconds}))
    return seconds


def installed_seconds(server: Server) -> float | None:
    if not stamp(server).exists():
        return None
    return float(json.loads(stamp(server).read_text())["seconds"])


# -- running the server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Running:
    """The server's process group, started with a fresh data directory; stop() ends it."""

    def __init__(self, server: Server, data: Path) -> None:
        self.server = server
        self.data = data
        self.port, spare = free_port(), free_port()
        self.root = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, **server.env(data, self.port, spare)}
        self.log = (REPORTS / f"{server.name}-server.log").open("w")
        self.process = subprocess.Popen(
            server.command(venv_bin(server), self.port, spare),
            cwd=data,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stop() ends its children too
        )

    @property
    def base(self) -> str:
        return self.root + self.server.api

    def wait_ready(self) -> float:
        start = time.monotonic()
        while time.monotonic() - start < START_TIMEOUT:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.server.name} exited {self.process.returncode}")
            try:
                if httpx.get(self.root + self.server.health, timeout=2).status_code == 200:
                    return time.monotonic() - start
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.server.name} did not answer within {START_TIMEOUT:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        # Children that outlived the leader (same group): end them too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


# -- the data, before and after -----------------------------------------------------------------

Snapshot = dict[str, dict[str, tuple[str, str]]]  # table -> primary key -> (digest, label)
_LABELS = ("name", "key", "slug", "username")  # a column that names the row, in the summary


def snapshot(database: Path) -> Snapshot:
    """Every row of every table, by primary key (rowid when there is none)."""
    tables: Snapshot = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
        names = [
            row[0]
            for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        ]
        for name in names:
            info = db.execute(f'PRAGMA table_info("{name}")').fetchall()
            columns = [col[1] for col in info]
            keys = [col[1] for col in sorted(info, key=lambda c: c[5]) if col[5] > 0]
            label = next((columns.index(c) for c in _LABELS if c in columns), None)
            key_sql = ", ".join(f'"{k}"' for k in keys) if keys else "rowid"
            rows = db.execute(f'SELECT {key_sql}, * FROM "{name}"').fetchall()
            width = len(keys) or 1
            tables[name] = {
                repr(row[:width]): (
                    hashlib.sha1(repr(row[width:]).encode()).hexdigest(),
                    str(row[width + label]) if label is not None else repr(row[:width]),
                )
                for row in rows
            }
    return tables


@dataclass
class Change:
    table: str
    added: int = 0
    removed: int = 0
    changed: int = 0
    journal: str = ""  # why changes to this table are not leftovers ("" = they are)
    rows: list[str] = field(default_factory=list)  # labels of the rows added, removed, changed
    added_rows: list[tuple[str, str]] = field(default_factory=list)  # (key, label) of each
    # Labels of added rows restcheck named as made by the server besides what it created (a
    # side effect it must not delete): shown, not counted as leftovers.
    side_effects: list[str] = field(default_factory=list)

    @property
    def leftover(self) -> bool:
        unnamed = self.added - len(self.side_effects)
        return not self.journal and bool(unnamed or self.removed or self.changed)

    def text(self) -> str:
        parts = [f"{what} {n}" for what, n in self.counts() if n]
        if self.journal:
            return f"{self.table}: {', '.join(parts)} (not counted: {self.journal})"
        if not self.leftover:
            named = ", ".join(self.side_effects)
            return (
                f"{self.table}: {', '.join(parts)}: {named} (not counted: made by the server "
                "besides the probe's own object, and named by restcheck under left_behind)"
            )
        return f"{self.table}: {', '.join(parts)}: {', '.join(self.rows)}"

    def name_side_effects(self, named: set[str]) -> None:
        """Mark the added rows whose key or label is a URL's last segment restcheck named as
        a side effect (see side_effect_names)."""
        self.side_effects = [
            label
            for key, label in self.added_rows
            if label in named or any(key == repr((n,)) for n in named)
        ]

    def counts(self) -> list[tuple[str, int]]:
        return [("+", self.added), ("-", self.removed), ("~", self.changed)]


def compare(before: Snapshot, after: Snapshot, journals: dict[str, str]) -> list[Change]:
    changes = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
        added = sorted(new.keys() - old.keys())
        removed = sorted(old.keys() - new.keys())
        changed = sorted(k for k in old.keys() & new.keys() if old[k][0] != new[k][0])
        change = Change(
            table,
            added=len(added),
            removed=len(removed),
            changed=len(changed),
            journal=journals.get(table, ""),
            added_rows=[(k, new[k][1]) for k in added],
            rows=[f"+{new[k][1]}" for k in added]
            + [f"-{old[k][1]}" for k in removed]
            + [f"~{new[k][1]}" for k in changed],
        )
        if change.added or change.removed or change.changed:
            changes.append(change)
    return changes


def counts(snap: Snapshot, journals: dict[str, str]) -> str:
    rows = {table: len(keys) for table, keys in snap.items() if keys and table not in journals}
    return ", ".join(f"{table} {n}" for table, n in sorted(rows.items()))


# -- probing ------------------------------------------------------------------------------------

_PROBED = re.compile(r"Probed (\d+) of (\d+) operations")
_LEFT = re.compile(r"Left behind (\d+)")


@dataclass
class ProbeRun:
    mode: str
    seconds: float
    exit_code: int
    probed: int | None = None
    total: int | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    left_behind: list[str] = field(default_factory=list)  # what restcheck itself reports
    side_effect_names: set[str] = field(default_factory=set)  # their URLs' last segments
    changes: list[Change] = field(default_factory=list)  # what the database shows
    error: str = ""

    @property
    def leftovers(self) -> list[Change]:
        return [c for c in self.changes if c.leftover]


def probe(running: Running, writes: bool) -> ProbeRun:
    mode = "writes" if writes else "read-only"
    name = f"{running.server.name}-{mode}"
    command = [str(RESTCHECK), "probe", running.base, "--format", "json", "--fail-on", "never"]
    command += ["--output", str(REPORTS / f"{name}.json")]
    if writes:
        command.append("--allow-writes")
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _, stderr = process.communicate(timeout=PROBE_TIMEOUT)
    except subprocess.TimeoutExpired:
        # SIGTERM: restcheck deletes what it created, then exits 143.
        process.terminate()
        try:
            _, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
        stderr = f"(stopped after {PROBE_TIMEOUT:.0f} s)\n{stderr}"
    run = ProbeRun(mode, time.monotonic() - start, process.returncode)
    (REPORTS / f"{name}.txt").write_text(stderr)
    report_file = REPORTS / f"{name}.json"
    if process.returncode not in (0, 1) or not report_file.exists():
        run.error = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
        return run
    report = json.loads(report_file.read_text())
    run.findings = report.get("findings", [])
    operations = report.get("operations")
    if isinstance(operations, list):
        run.total = len(operations)
        run.probed = sum(1 for op in operations if op.get("status") == "probed")
    elif match := _PROBED.search(stderr):
        run.probed, run.total = int(match.group(1)), int(match.group(2))
    left = report.get("left_behind")
    if isinstance(left, list):
        run.left_behind = [f"{e.get('method')} {e.get('url')}: {e.get('reason')}" for e in left]
        run.side_effect_names = side_effect_names(left)
    elif match := _LEFT.search(stderr):
        lines = stderr[match.end() :].splitlines()[1:]
        run.left_behind = [line.strip() for line in lines if line.startswith("  ")]
    return run


# -- one server, start to end -------------------------------------------------------------------


@dataclass
class Outcome:
    server: Server
    install_seconds: float | None
    start_seconds: float = 0.0
    seeded: list[str] = field(default_factory=list)
    rows: str = ""
    runs: list[ProbeRun] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.error) or any(r.error or r.leftovers for r in self.runs)


def settle(running: Running, database: Path, journals: dict[str, str]) -> Snapshot:
    """A snapshot once the server's own background writes have stopped (or after 20 s)."""
    last = snapshot(database)
    for _ in range(10):
        time.sleep(2)
        now = snapshot(database)
        if not [c for c in compare(last, now, journals) if not c.journal]:
            return now
        last = now
    return last


def exercise(server: Server) -> Outcome:
    started = time.monotonic()
    outcome = Outcome(server, installed_seconds(server))
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"live-real-{server.name}-") as tmp:
        running = Running(server, Path(tmp))
        try:
            outcome.start_seconds = running.wait_ready()
            database = Path(tmp) / server.database
            with httpx.Client(base_url=running.base, timeout=30) as client:
                try:
                    outcome.seeded = server.seed(client)
                except SeedError as exc:
                    outcome.error = f"seeding failed: {exc}"
                    return outcome
            before = settle(running, database, server.journals)
            outcome.rows = counts(before, server.journals)
            for writes in (False, True):
                run = probe(running, writes)
                outcome.runs.append(run)
                after = settle(running, database, server.journals)
                run.changes = compare(before, after, server.journals)
                for change in run.changes:
                    change.name_side_effects(run.side_effect_names)
                before = after
        except Exception as exc:  # reported in the summary, the server stopped all the same
            outcome.error = f"{type(exc).__name__}: {exc}"
        finally:
            running.stop()
            outcome.seconds = time.monotonic() - started
    return outcome


# How restcheck's left_behind reasons name an object the server made besides the probe's own
# (checker/probe/writes.py): never deleted by the probe, by design.
_SIDE_EFFECT = ("besides the object it was asked for", "not listed before the probe's creates")


def side_effect_names(left: list[Any]) -> set[str]:
    """The last path segment (an id or a name) of each left_behind URL that restcheck names
    as a side effect of a create, not as an object it created."""
    names = set()
    for entry in left:
        if isinstance(entry, dict) and any(w in str(entry.get("reason")) for w in _SIDE_EFFECT):
            segment = str(entry.get("url", "")).rstrip("/").rsplit("/", 1)[-1]
            if segment:
                names.add(unquote(segment))
    return names


def rule_counts(findings: list[dict[str, Any]]) -> str:
    rules = Counter(f.get("rule", "?") for f in findings)
    return ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items())) or "none"
