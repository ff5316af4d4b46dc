"""`python -m tests.live_real [NAME...]`: see tests/live_real/__init__.py."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time

from tests.live_real.harness import Outcome, exercise, install, rule_counts
from tests.live_real.servers import SERVERS

INSIDE = "--inside-namespace"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.live_real")
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(SERVERS))
    parser.add_argument(INSIDE, action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    unknown = [n for n in args.names if n not in SERVERS]
    if unknown:
        parser.error(f"unknown server {', '.join(unknown)}: expected {', '.join(SERVERS)}")
    servers = [SERVERS[n] for n in args.names or SERVERS]
    if args.inside_namespace:
        return report([exercise(server) for server in servers], isolated=True)
    for server in servers:
        start = time.monotonic()
        try:
            seconds = install(server)
        except RuntimeError as exc:
            print(f"live-real: {exc}", file=sys.stderr)
            return 2
        fresh = time.monotonic() - start > 5
        print(
            f"{server.package}: {'installed in' if fresh else 'installed earlier, in'} "
            f"{seconds:.0f} s",
            flush=True,
        )
    if namespace_works():
        # The rest runs where the only network is loopback (installing needed the registry).
        inner = [sys.executable, "-m", "tests.live_real", INSIDE, *args.names]
        script = 'ip link set lo up && exec "$@"'
        return subprocess.run(["unshare", "-rn", "sh", "-c", script, "sh", *inner]).returncode
    print("no private network namespace (unshare -rn, ip): running on the host's loopback")
    outcomes = []
    for server in servers:
        if server.binds_all_interfaces:
            print(f"{server.name}: skipped, {server.binds_all_interfaces}")
            continue
        outcomes.append(exercise(server))
    return report(outcomes, isolated=False)


def namespace_works() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    check = ["unshare", "-rn", "sh", "-c", "ip link set lo up"]
    return subprocess.run(check, capture_output=True).returncode == 0


def report(outcomes: list[Outcome], isolated: bool) -> int:
    where = "a private network namespace" if isolated else "the host's loopback"
    print(f"\nrestcheck probe against real servers ({where}):")
    for outcome in outcomes:
        server = outcome.server
        print(
            f"\n{server.name} ({server.package}): up in {outcome.start_seconds:.0f} s, "
            f"total {outcome.seconds:.0f} s"
        )
        if outcome.seeded:
            print(f"  seeded: {', '.join(outcome.seeded)}")
        if outcome.rows:
            print(f"  rows before: {outcome.rows}")
        for run in outcome.runs:
            scope = f"{run.probed} of {run.total}" if run.total is not None else "?"
            print(
                f"  {run.mode}: {scope} operations probed in {run.seconds:.1f} s "
                f"(exit {run.exit_code})"
            )
            if run.error:
                print(f"    error: {run.error}")
            print(f"    findings: {rule_counts(run.findings)}")
            for entry in run.left_behind:
                print(f"    restcheck says left behind: {entry}")
            leftovers = run.leftovers
            print(f"    leftovers in the database: {'none' if not leftovers else ''}")
            for change in run.changes:
                print(f"      {change.text()}")
        if outcome.error:
            print(f"  error: {outcome.error}")
    failed = [o.server.name for o in outcomes if o.failed]
    print(f"\n{'FAILED: ' + ', '.join(failed) if failed else 'OK'}; reports in .venv-real/reports/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
