"""Seeded structural mutations of a real spec, configuration and baseline, run through the CLI.

`run(seed_count, seed)` mutates specs/legacy/openapi.json (a real FastAPI export bundled with
the project) and the configuration and baseline files `check` reads, runs each through
`checker.cli.main.main` in this process, and tallies the outcomes. An outcome is acceptable
when the exit code is 0, 1 or 2 and, for 2, stderr is one line; any exception that escapes
`main` (a traceback for a user), and an "internal error" line (a rule or comparison that
failed on the input), is a failure, recorded with the mutation that caused it.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "legacy" / "openapi.json"

JUNK: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    2**70,
    1.5,
    1e308,
    "",
    "x",
    "\u0000",
    "~1/",
    "$ref",
    [],
    {},
    [1],
    {"a": 1},
    {"$ref": "#/nope"},
    {"$ref": "#/components/schemas"},
    {"$ref": "http://x/y"},
    {"type": "object", "properties": True},
    {"anyOf": 1},
    {"allOf": [True, False]},
    {"items": []},
    {"enum": []},
    {"type": ["string", "null"]},
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]
KEYS = [
    "",
    "$ref",
    "paths",
    "components",
    "schemas",
    "properties",
    "items",
    "anyOf",
    "oneOf",
    "allOf",
    "type",
    "enum",
    "default",
    "required",
    "parameters",
    "responses",
    "content",
    "x-restcheck-ignore",
    "security",
    "x-polar-allowed-subjects",
    "camelCase",
    "a/b",
    "~",
]


@dataclass
class Tally:
    tried: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _nodes(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _nodes(value, (*path, index))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


def mutate(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One structural mutation of a deep copy: a node deleted, replaced by junk or by another
    subtree, a key renamed, or a `$ref` pointed elsewhere."""
    doc = copy.deepcopy(document)
    paths = _nodes(doc)
    how = rng.randrange(7)
    if how >= 5:  # where schemas stand: the place for booleans and junk
        schemas = [p for p in paths if p and (p[-1] == "schema" or "properties" in p[-3:-1])]
        target = rng.choice(schemas or paths[1:])
    else:
        target = rng.choice(paths[1:])
    parent, last = _get(doc, target[:-1]), target[-1]
    if how >= 5:
        parent[last] = rng.choice([True, False, 1, [1], "x", None, {"properties": [1]}])
    elif how == 0:
        del parent[last]
    elif how == 1:
        parent[last] = copy.deepcopy(rng.choice(JUNK))
    elif how == 2:
        parent[last] = copy.deepcopy(_get(doc, rng.choice(paths)))
    elif how == 3 and isinstance(parent, dict):
        parent[rng.choice(KEYS)] = parent.pop(last)
    else:
        parent[last] = {"$ref": "#/" + "/".join(str(s) for s in rng.choice(paths))}
    return doc


CONFIGS = [
    "select = 1\n",
    "[severity]\nx = 'loud'\n",
    "[options.multi-value-filters]\nid_pattern = '('\n",
    "[options.plural-resources]\nallow = [1]\n",
    "[[overrides]]\npaths = []\n",
    "fail-on = 'x'\n",
    "[options.timestamps]\ncreated = 3\n",
    "[[overrides]]\npaths = ['/v1/*']\nignore = ['nope']\n",
    "\xff\xfe",
    "[tool]\nrestcheck = {select = ['paths']}\n",
    "a = " + "[" * 3000 + "]" * 3000 + "\n",
]
BASELINES = [
    "[]",
    "{}",
    '{"format": true, "findings": []}',
    '{"format": 1, "findings": [1]}',
    '{"format": 1, "findings": [{"fingerprint": 1}]}',
    "[" * 5000 + "]" * 5000,
    "9" * 5000,
    "nul",
]


def _call(args: list[str]) -> tuple[int | None, str, str | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except BaseException as exc:  # what a user would see as a traceback
        return None, err.getvalue(), f"{type(exc).__name__}: {exc}"
    return code, err.getvalue(), None


def _judge(tally: Tally, label: str, args: list[str]) -> None:
    tally.tried += 1
    code, err, crash = _call(args)
    if crash is not None:
        tally.outcomes["crash"] += 1
        tally.failures.append(f"{label}: {crash}")
        return
    tally.outcomes[f"exit {code}"] += 1
    lines = [line for line in err.splitlines() if not line.startswith("restcheck: warning:")]
    if code not in (0, 1, 2) or (code == 2 and len(lines) != 1) or "internal error" in err:
        tally.failures.append(f"{label}: exit {code}, stderr {err!r}")


def run(count: int, seed: int, workdir: Path, spec: Path = SPEC) -> Tally:
    rng = random.Random(seed)
    base = json.loads(spec.read_text(encoding="utf-8"))
    tally = Tally()
    commands: list[Callable[[str], list[str]]] = [
        lambda f: ["check", f, "--format", "json"],
        lambda f: [
            "check",
            f,
            "--format",
            rng.choice(["text", "sarif", "junit", "github", "markdown"]),
        ],
        lambda f: ["review", f, "--format", rng.choice(["json", "markdown", "text", "html"])],
        lambda f: ["diff", str(spec), f, "--format", rng.choice(["json", "markdown", "text"])],
    ]
    for index in range(count):
        doc = mutate(base, rng)
        for _ in range(rng.randrange(3)):
            doc = mutate(doc, rng)
        path = workdir / f"mutant-{index % 4}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        command = rng.choice(commands)
        _judge(tally, f"seed {seed} #{index} {command(str(path))[0]}", command(str(path)))
    config, baseline = workdir / "restcheck.toml", workdir / "baseline.json"
    for index, text in enumerate(CONFIGS):
        config.write_bytes(text.encode("utf-8", "surrogateescape"))
        _judge(tally, f"config #{index}", ["check", str(spec), "--config", str(config)])
    for index, text in enumerate(BASELINES):
        baseline.write_text(text, encoding="utf-8")
        _judge(tally, f"baseline #{index}", ["check", str(spec), "--baseline", str(baseline)])
    return tally
