"""`make bench`: wall time and peak memory of `restcheck check` on real and synthetic specs.

Runs the installed console script as a user would (start-up, loading, validation, rules,
line numbers, report) several times per spec and prints the median, the spread, peak RSS
and time per MB. Specs come from ../shared/corpus (absent ones are skipped); the synthetic
ones copy Polar's spec 4 and 16 times under distinct paths and component names, to show
that the cost grows linearly with size.

When Redocly's CLI is available (`REDOCLY=/path/to/redocly`, or `redocly` on PATH; install
it with `npm install --prefix /tmp/redocly @redocly/cli` and set
`REDOCLY=/tmp/redocly/node_modules/.bin/redocly`), it lints the same specs, alternating run
by run with restcheck so both see the same machine load, and the ratio is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
REAL = [
    "polar/openapi.json",
    "large/stripe-spec3-2022-04.json",
    "large/github-api.github.com-2020-07.json",
    "large/openai-openapi-2026-08.yaml",
    "large/stripe-spec3-2023-09.yaml",
]
# `diff` on Polar's real history: the full diff (both linted) and the compatibility gate.
DIFF_PAIR = ("polar/openapi-older.json", "polar/openapi.json")
COPIES = (4, 16)


def restcheck_command(spec: Path) -> list[str]:
    exe = str(Path(sys.executable).parent / "restcheck")
    return [exe, "check", str(spec), "--format", "json", "--fail-on", "never"]


def redocly_command(spec: Path) -> list[str] | None:
    exe = os.environ.get("REDOCLY") or shutil.which("redocly")
    if not exe or not Path(exe).exists():
        return None
    return [exe, "lint", str(spec), "--format", "stylish"]


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {code}: {error.strip()[:500]}")
    return elapsed, usage.ru_maxrss / 1024


def _rename(node: Any, copy: int, sections: set[str]) -> Any:
    """Deep copy with every local component `$ref` and operationId suffixed by the copy."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                _, _, section, name = value.split("/", 3)
                out[key] = f"#/components/{section}/{name}_{copy}" if section in sections else value
            elif key == "operationId" and isinstance(value, str):
                out[key] = f"{value}_{copy}"
            else:
                out[key] = _rename(value, copy, sections)
        return out
    if isinstance(node, list):
        return [_rename(v, copy, sections) for v in node]
    return node


def synthetic(base: dict[str, Any], copies: int) -> dict[str, Any]:
    """Polar's spec copied `copies` times: `/v1/x` becomes `/v1/copyK/x` in copy K (the first
    copy keeps its paths), every component `X` becomes `X_K`, webhooks stay once."""
    sections = set(base.get("components", {}))
    document: dict[str, Any] = {k: v for k, v in base.items() if k not in ("paths", "components")}
    document["paths"] = {}
    document["components"] = {section: {} for section in sections}
    for copy in range(copies):
        renamed = _rename(base, copy, sections)
        for path, item in renamed.get("paths", {}).items():
            moved = path if copy == 0 else path.replace("/v1/", f"/v1/copy{copy}/", 1)
            document["paths"][moved] = item
        for section, members in renamed.get("components", {}).items():
            if section == "securitySchemes":
                document["components"][section].update(members)
                continue
            for name, value in members.items():
                document["components"][section][f"{name}_{copy}"] = value
    return document


def write_synthetic(scratch: Path) -> None:
    base = json.loads((CORPUS / "polar" / "openapi.json").read_text())
    for copies in COPIES:
        path = scratch / f"polar-x{copies}.json"
        path.write_text(json.dumps(synthetic(base, copies), indent=2, ensure_ascii=False))


def specs(scratch: Path) -> list[tuple[str, Path]]:
    found = [(name, CORPUS / name) for name in REAL if (CORPUS / name).exists()]
    if (CORPUS / "polar" / "openapi.json").exists():
        # In a child process: a child forked from a big parent would count the parent's
        # pages in its peak RSS.
        subprocess.run(
            [sys.executable, "-m", "tests.bench", "--write-synthetic", str(scratch)],
            check=True,
            cwd=ROOT,
        )
        found += [(f"synthetic: polar x{n}", scratch / f"polar-x{n}.json") for n in COPIES]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")))
    parser.add_argument("--write-synthetic", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_synthetic:
        write_synthetic(Path(args.write_synthetic))
        return
    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {args.runs} runs each (median)"
    )
    with tempfile.TemporaryDirectory() as scratch:
        rows = specs(Path(scratch))
        if not rows:
            print(f"no corpus at {CORPUS}: nothing to measure")
            return
        header = f"{'spec':<44} {'MB':>5} {'restcheck':>9} {'range':>11} {'peak':>7} {'s/MB':>6}"
        redocly_available = redocly_command(rows[0][1]) is not None
        if redocly_available:
            header += f" {'redocly':>8} {'peak':>7} {'ratio':>6}"
        print(header)
        for name, path in rows:
            size = path.stat().st_size / 1e6
            ours_cmd, theirs_cmd = restcheck_command(path), redocly_command(path)
            measure(ours_cmd)  # warm the file cache and .pyc files
            ours: list[tuple[float, float]] = []
            theirs: list[tuple[float, float]] = []
            for _ in range(args.runs):
                ours.append(measure(ours_cmd))
                if theirs_cmd:
                    theirs.append(measure(theirs_cmd))
            times = [t for t, _ in ours]
            median = statistics.median(times)
            line = (
                f"{name:<44} {size:5.1f} {median:8.2f}s {min(times):5.2f}-{max(times):4.2f}s "
                f"{max(m for _, m in ours):5.0f}MB {median / size:6.3f}"
            )
            if theirs:
                their_median = statistics.median(t for t, _ in theirs)
                line += (
                    f" {their_median:7.2f}s {max(m for _, m in theirs):5.0f}MB "
                    f"{median / their_median:6.2f}"
                )
            print(line, flush=True)
        diffs(args.runs)


def diffs(runs: int) -> None:
    base, head = (CORPUS / name for name in DIFF_PAIR)
    if not (base.exists() and head.exists()):
        return
    exe = str(Path(sys.executable).parent / "restcheck")
    print(f"\ndiff {DIFF_PAIR[0]} -> {DIFF_PAIR[1]}")
    for label, extra in (
        ("full (findings + changes)", []),
        ("--breaking-only", ["--breaking-only"]),
    ):
        command = [exe, "diff", str(base), str(head), "--format", "json", *extra]
        command += ["--fail-on", "never", "--fail-on-change", "never"]
        measure(command)
        found = [measure(command) for _ in range(runs)]
        times = [t for t, _ in found]
        print(
            f"  {label:<30} {statistics.median(times):6.2f}s "
            f"{min(times):5.2f}-{max(times):4.2f}s {max(m for _, m in found):5.0f}MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
