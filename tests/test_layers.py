"""The import graph of checker/ and checks/: no circles, and no import runs up the layers.

Every import counts, those inside functions and under TYPE_CHECKING included: a lazy import
is still a dependency, and a type-only one still ties the modules together. The layers,
lowest first, are those of docs/architecture.md; a module may import its own layer and
those below. The three front-end packages (review, diff, probe) share a layer and never
import one another; a rule module imports no other rule module (only the rule kit).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("checker", "checks")

# (layer name, module prefixes), lowest first. A module belongs to the first layer one of
# whose prefixes names it or a package above it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "leaves",
        (
            "checker.errors",
            "checker.words",
            "checker.pointers",
            "checker.guideline",
            "checker.redact",
            "checker.version",
            "checker.background",
        ),
    ),
    ("load", ("checker.load",)),
    ("validate", ("checker.validate",)),
    ("model", ("checker.model",)),
    ("rule registry", ("checker.engine.registry",)),
    ("rules", ("checks",)),
    ("engine", ("checker.engine",)),
    ("reports", ("checker.report",)),
    ("front-ends", ("checker.review", "checker.diff", "checker.probe")),
    ("command line", ("checker.cli", "checker.__main__")),
    # The Python API: `checker` itself re-exports checker.library's functions (lazily).
    ("python API", ("checker.library", "checker.testing")),
]
FRONT_ENDS = ("checker.review", "checker.diff", "checker.probe")
RULE_KIT = "checks.kit"


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The project modules a file imports (a `from a import b` names a.b when it is one)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in known
                else node.module
                for alias in node.names
            ]
        else:
            continue
        yield from (name for name in names if name in known)


@cache  # the files do not change during a run: parse them once, not once a test or a module
def graph() -> dict[str, frozenset[str]]:
    known = modules()
    return {name: frozenset(imports(path, known)) - {name} for name, path in known.items()}


def layer_of(module: str) -> int:
    for index, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    if module == "checker":  # the package itself: the Python API's entry
        return len(LAYERS) - 1
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/architecture.md")


def cycles(edges: Mapping[str, AbstractSet[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _package(module: str, roots: tuple[str, ...]) -> str | None:
    return next((r for r in roots if module == r or module.startswith(r + ".")), None)


def test_the_graph_is_read() -> None:
    edges = graph()
    assert "checker.engine.runner" in edges["checker.cli.app"] | edges["checker.cli.check"]
    assert "checker.model" in edges["checks.responses"]


def test_no_import_circles() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_runs_up_the_layers() -> None:
    upward = [
        f"{source} ({LAYERS[layer_of(source)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for source, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(source)
    ]
    assert upward == []


def test_front_ends_do_not_import_each_other() -> None:
    across = [
        f"{source} imports {target}"
        for source, targets in graph().items()
        for target in sorted(targets)
        if (a := _package(source, FRONT_ENDS)) and (b := _package(target, FRONT_ENDS)) and a != b
    ]
    assert across == []


def test_rule_modules_import_only_the_kit() -> None:
    rule_modules = [m for m in graph() if m.startswith("checks.") and m != RULE_KIT]
    crossing = [
        f"{source} imports {target}"
        for source in rule_modules
        for target in sorted(graph()[source])
        if target.startswith("checks") and target != RULE_KIT
    ]
    assert crossing == []
