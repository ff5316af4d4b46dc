"""`make bench`: wall time and peak memory of `restcheck check` and `diff` beside Redocly and
Spectral, on real and synthetic specs.

Runs the installed console script as a user would (start-up, loading, validation, rules,
line numbers, report) several times per spec and prints the median, the spread, peak RSS
and time per MB. Specs come from ../shared/corpus (absent ones are skipped); the synthetic
ones copy Polar's spec 4 and 16 times under distinct paths and component names, to show
that the cost grows linearly with size. Then each YAML spec against the same document written
as JSON; `diff` on Polar's real pair beside the validation of both documents; and a `check`
and a `diff` of tiny documents (start-up).

Peers, when installed (see docs/benchmarks.md), lint the same specs, alternating run by run
with restcheck so that all see the same machine load; the ratios are restcheck's median over
theirs. Redocly: `REDOCLY=/path/to/redocly`, or `redocly` on PATH (`redocly lint`).
Spectral: `SPECTRAL=/path/to/spectral`, or `spectral` on PATH (`spectral lint` with the
`spectral:oas` ruleset, from a ruleset file written to a temporary folder).

`--phases` prints, instead, where the time of `check` goes in-process (CPU seconds of one
run per spec): load, model, validation (run here in the foreground; `check` runs it beside
the rules on a second core), rules, positions and report.
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
from collections.abc import Callable
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
TINY = {
    "openapi": "3.1.0",
    "info": {"title": "Tiny", "version": "1"},
    "paths": {
        "/v1/items/": {
            "get": {
                "operationId": "items:list",
                "responses": {"200": {"description": "OK"}},
            }
        }
    },
}
SPECTRAL_RULESET = 'extends: ["spectral:oas"]\n'


def restcheck_exe() -> str:
    return str(Path(sys.executable).parent / "restcheck")


def restcheck_command(spec: Path) -> list[str]:
    return [restcheck_exe(), "check", str(spec), "--format", "json", "--fail-on", "never"]


def _tool(variable: str, name: str) -> str | None:
    exe = os.environ.get(variable) or shutil.which(name)
    return exe if exe and Path(exe).exists() else None


def redocly_command(spec: Path) -> list[str] | None:
    exe = _tool("REDOCLY", "redocly")
    return [exe, "lint", str(spec), "--format", "stylish"] if exe else None


def spectral_command(ruleset: Path) -> Callable[[Path], list[str] | None]:
    def command(spec: Path) -> list[str] | None:
        exe = _tool("SPECTRAL", "spectral")
        if not exe:
            return None
        return [exe, "lint", str(spec), "--ruleset", str(ruleset), "--format", "text", "-q"]

    return command


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


def row(
    name: str, size: float, runs: dict[str, list[tuple[float, float]]], peers: list[str]
) -> str:
    """One table line: restcheck's median, range, peak and s/MB, then each peer's median,
    peak and restcheck's ratio to it."""
    times = [t for t, _ in runs["restcheck"]]
    median = statistics.median(times)
    line = (
        f"{name:<36} {size:5.1f} {median:8.2f}s {min(times):5.2f}-{max(times):4.2f}s "
        f"{max(m for _, m in runs['restcheck']):5.0f}MB {median / size:6.3f}"
    )
    for peer in peers:
        found = runs.get(peer)
        if not found:
            line += f" {'-':>8} {'-':>7} {'-':>6}"
            continue
        their = statistics.median(t for t, _ in found)
        line += f" {their:7.2f}s {max(m for _, m in found):5.0f}MB {median / their:6.2f}"
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")))
    parser.add_argument("--phases", action="store_true", help="in-process phases of check")
    parser.add_argument("--only", help="specs whose name contains this (comma-separated)")
    parser.add_argument("--write-synthetic", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--write-json", nargs=2, metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_synthetic:
        write_synthetic(Path(args.write_synthetic))
        return
    if args.write_json:
        from checker.load.source import load

        document = load(args.write_json[0]).document
        Path(args.write_json[1]).write_text(json.dumps(document, indent=2, ensure_ascii=False))
        return
    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {args.runs} runs each (median)"
    )
    # As installed (pip compiles the modules): with PYTHONDONTWRITEBYTECODE set, every run
    # would otherwise compile restcheck's modules again (~0.15 s).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "checker", "checks"], cwd=ROOT)
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        rows = specs(scratch)
        if args.only:
            rows = [(n, p) for n, p in rows if any(w in n for w in args.only.split(","))]
        if args.phases:
            for name, path in rows:
                phases(name, path)
            return
        if not rows:
            print(f"no corpus at {CORPUS}: nothing to measure")
            return
        ruleset = scratch / ".spectral.yaml"
        ruleset.write_text(SPECTRAL_RULESET)
        peers: dict[str, Callable[[Path], list[str] | None]] = {
            "redocly": redocly_command,
            "spectral": spectral_command(ruleset),
        }
        peers = {name: command for name, command in peers.items() if command(rows[0][1])}
        header = f"{'spec':<36} {'MB':>5} {'restcheck':>9} {'range':>11} {'peak':>7} {'s/MB':>6}"
        for peer in peers:
            header += f" {peer:>8} {'peak':>7} {'ratio':>6}"
        print(header)
        per_mb: dict[str, float] = {}
        for name, path in rows:
            size = path.stat().st_size / 1e6
            commands = {"restcheck": restcheck_command(path)}
            for peer, command in peers.items():
                if peer == "redocly" or not name.startswith("synthetic"):  # Spectral: minutes
                    commands[peer] = command(path) or []
            measure(commands["restcheck"])  # warm the file cache and .pyc files
            runs: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
            for _ in range(args.runs):
                for label, command in commands.items():
                    runs[label].append(measure(command))
            print(row(name, size, runs, list(peers)), flush=True)
            per_mb[name] = statistics.median(t for t, _ in runs["restcheck"]) / size
        scale = [per_mb.get(REAL[0]), per_mb.get(f"synthetic: polar x{COPIES[-1]}")]
        if scale[0] and scale[1]:
            print(
                f"cost per MB at {COPIES[-1]}x: {scale[1]:.3f} s against {scale[0]:.3f} s at 1x "
                f"({scale[1] / scale[0]:.2f}x)"
            )
        yaml_against_json(scratch, args.runs, args.only)
        diffs(args.runs)
        tiny(scratch, args.runs)


def phases(name: str, path: Path) -> None:
    """CPU seconds of each phase of `check` on one spec, in this process."""
    from checker.engine.config import Config
    from checker.engine.runner import add_positions, evaluate, order
    from checker.load.source import load
    from checker.model import build
    from checker.report import ReportContext, renderer
    from checker.validate import validate

    clock = time.process_time
    spent: dict[str, float] = {}
    start = clock()
    source = load(str(path))
    spent["load"] = clock() - start
    start = clock()
    api = build(source.document)
    spent["model"] = clock() - start
    start = clock()
    validate(source.document)
    spent["validate"] = clock() - start
    config = Config(ignore={"valid-openapi"})
    start = clock()
    result = evaluate(api, source, config)
    spent["rules"] = clock() - start
    start = clock()
    add_positions(source, [*result.findings, *result.notices])
    spent["locate"] = clock() - start
    start = clock()
    context = ReportContext([str(path)], color=False, notes=[], notices=result.notices)
    renderer("json")(order(result.findings), context)
    spent["report"] = clock() - start
    total = sum(spent.values())
    print(
        f"{name:<44} "
        + " ".join(f"{phase} {seconds:.3f}" for phase, seconds in spent.items())
        + f"  (total {total:.2f} s, {len(result.findings)} findings)",
        flush=True,
    )


def diffs(runs: int) -> None:
    base, head = (CORPUS / name for name in DIFF_PAIR)
    if not (base.exists() and head.exists()):
        return
    print(f"\ndiff {DIFF_PAIR[0]} -> {DIFF_PAIR[1]} (alternating)")
    command = [restcheck_exe(), "diff", str(base), str(head), "--format", "json"]
    command += ["--fail-on", "never", "--fail-on-change", "never"]
    check = [restcheck_exe(), "check", str(base), str(head), "--select", "valid-openapi"]
    medians = report_together(
        {
            "full (findings + changes)": command,
            "--breaking-only": [*command, "--breaking-only"],
            # What a diff must at least do besides comparing: validate both documents.
            "validation of both (check)": [*check, "--format", "json"],
        },
        runs,
    )
    both = medians["validation of both (check)"] + medians["--breaking-only"]
    print(
        f"  {'validation + comparison':<30} {both:6.2f}s (the two above added: start-up "
        f"and loading counted twice)"
    )


def yaml_against_json(scratch: Path, runs: int, only: str | None) -> None:
    """`check` of each YAML spec against the same document written as JSON, alternating."""
    pairs = []
    for name in REAL:
        yaml_path = CORPUS / name
        if yaml_path.suffix != ".yaml" or not yaml_path.exists():
            continue
        if only and not any(w in name for w in only.split(",")):
            continue
        json_path = scratch / (yaml_path.stem + ".json")
        subprocess.run(
            [sys.executable, "-m", "tests.bench", "--write-json", str(yaml_path), str(json_path)],
            check=True,
            cwd=ROOT,
        )
        pairs.append((name, yaml_path, json_path))
    if pairs:
        print("\nYAML against the same document as JSON (check, alternating)")
    for name, yaml_path, json_path in pairs:
        found: dict[Path, list[float]] = {yaml_path: [], json_path: []}
        measure(restcheck_command(json_path))
        for _ in range(runs):
            for path in found:
                found[path].append(measure(restcheck_command(path))[0])
        yaml_time, json_time = (statistics.median(found[p]) for p in (yaml_path, json_path))
        print(
            f"  {name:<36} YAML {yaml_time:5.2f}s  JSON {json_time:5.2f}s  "
            f"({yaml_time / json_time:.2f}x)",
            flush=True,
        )


def tiny(scratch: Path, runs: int) -> None:
    """Start-up: `check` of a tiny document and `diff` of two."""
    base, head = scratch / "tiny-base.json", scratch / "tiny-head.json"
    base.write_text(json.dumps(TINY))
    changed = json.loads(json.dumps(TINY))
    changed["paths"]["/v1/items/"]["get"]["summary"] = "List items"
    head.write_text(json.dumps(changed))
    print("\ntiny documents (start-up, alternating)")
    command = [restcheck_exe(), "diff", str(base), str(head), "--format", "json"]
    command += ["--fail-on", "never", "--fail-on-change", "never"]
    report_together({"check": restcheck_command(base), "diff": command}, runs)


def report_together(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median, range and peak of each command, alternating them run by run; the medians."""
    for command in commands.values():
        measure(command)
    found: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            found[label].append(measure(command))
    medians = {}
    for label, results in found.items():
        times = [t for t, _ in results]
        medians[label] = statistics.median(times)
        print(
            f"  {label:<30} {medians[label]:6.2f}s "
            f"{min(times):5.2f}-{max(times):4.2f}s {max(m for _, m in results):5.0f}MB",
            flush=True,
        )
    return medians


if __name__ == "__main__":
    main()
