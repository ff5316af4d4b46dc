"""`make live-real`: `restcheck probe` against real third-party FastAPI servers (opt-in, not CI).

Installs Arize Phoenix and Prefect from PyPI (pinned) into `.venv-real/<name>`, starts each
on 127.0.0.1 with a fresh SQLite data directory, seeds it through its own API, snapshots
every table, runs `restcheck probe` read-only and then with `--allow-writes`, and compares
the tables after each run with before: a row the probe added and left (or removed, or
changed) is a failure. Prints, per server and mode: operations probed / total, findings by
rule, leftovers and the time; the full reports are in `.venv-real/reports/`.

The servers run in a private network namespace (`unshare -rn`) when it can be made: there
every interface is loopback, so nothing they open is reachable from outside and nothing
they try to reach outside is. Phoenix opens its gRPC port on every interface, so without
the namespace it is skipped. See docs/probe.md, "Against real servers".
"""
