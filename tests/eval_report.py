"""The evaluation set in numbers, and reproducible samples to judge (docs/precision.md).

    .venv/bin/python -m tests.eval_report [DIR...]                 # per spec: findings per rule,
                                                                  # operations per kind
    .venv/bin/python -m tests.eval_report --sample RULE N --seed S  # N findings of RULE, at random
    .venv/bin/python -m tests.eval_report --kinds N --seed S        # N operations with their kind

DIRs default to specs/eval/ and $RESTCHECK_EVAL_DIR (the specs kept out of the repository for
their licence; specs/eval/SOURCES.md lists them). A spec found in several directories counts
once (its file name). Everything goes through the Python API (`checker.library`, the model),
not through parsing the command line's output, and runs with no configuration file.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.engine.findings import Finding
from checker.library import check_source, configuration
from checker.load.source import Source, load
from checker.model import Api, Operation, build

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "specs" / "eval"
ENV = "RESTCHECK_EVAL_DIR"


def directories(given: list[str]) -> list[Path]:
    """The directories to read: those given, else specs/eval/ and $RESTCHECK_EVAL_DIR."""
    if given:
        return [Path(d) for d in given]
    found = [EVAL]
    if os.environ.get(ENV):
        found.append(Path(os.environ[ENV]))
    return [d for d in found if d.is_dir()]


def spec_files(dirs: list[Path]) -> list[Path]:
    """Every *.json spec in the directories, one per file name, sorted by name."""
    chosen: dict[str, Path] = {}
    for folder in dirs:
        for path in sorted(folder.glob("*.json")):
            chosen.setdefault(path.name, path)
    return [chosen[name] for name in sorted(chosen)]


@dataclass
class Checked:
    name: str
    source: Source
    api: Api
    findings: list[Finding]


def check_all(dirs: list[Path]) -> Iterator[Checked]:
    config = configuration(config_file=False)
    for path in spec_files(dirs):
        source = load(str(path))
        yield Checked(path.stem, source, build(source.document), check_source(source, config))


def kind_reason(op: Operation) -> str:
    """The model's reason for the operation's kind, when it gives one."""
    for attribute in ("kind_reason", "reason", "signal"):
        value = getattr(op, attribute, None)
        if isinstance(value, str) and value:
            return value
    return ""


def summary(checked: list[Checked]) -> None:
    rules = sorted({f.rule for c in checked for f in c.findings})
    kinds = ("list", "read", "create", "update", "delete", "action", "other")
    total_rules: Counter[str] = Counter()
    total_kinds: Counter[str] = Counter()
    for c in checked:
        per_rule = Counter(f.rule for f in c.findings)
        per_kind = Counter(op.kind for op in c.api.operations)
        total_rules.update(per_rule)
        total_kinds.update(per_kind)
        print(f"## {c.name}: {len(c.api.operations)} operations, {len(c.findings)} findings")
        print("   kinds: " + ", ".join(f"{k} {per_kind[k]}" for k in kinds if per_kind[k]))
        print("   rules: " + ", ".join(f"{r} {n}" for r, n in sorted(per_rule.items())))
    print()
    print(
        f"# {len(checked)} specs, {sum(total_kinds.values())} operations, "
        f"{sum(total_rules.values())} findings"
    )
    print("kinds: " + ", ".join(f"{k} {total_kinds[k]}" for k in kinds if total_kinds[k]))
    width = max((len(r) for r in rules), default=0)
    for rule in rules:
        specs = sum(1 for c in checked if any(f.rule == rule for f in c.findings))
        print(f"  {rule:<{width}}  {total_rules[rule]:>5}  in {specs} specs")


def sample_findings(checked: list[Checked], rule: str, count: int, seed: int) -> None:
    pool = [(c.name, f) for c in checked for f in c.findings if f.rule == rule]
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    print(f"# {rule}: {len(chosen)} of {len(pool)} findings (seed {seed})")
    for number, (spec, f) in enumerate(chosen, 1):
        path, method = f.about()
        where = f"{(method or '').upper()} {path or ''}".strip() or f.pointer
        print(f"{number}. [{spec}] {where} | {f.message} | {f.pointer}")


def sample_kinds(checked: list[Checked], count: int, seed: int) -> None:
    pool = [(c.name, op) for c in checked for op in c.api.operations]
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    print(f"# kinds: {len(chosen)} of {len(pool)} operations (seed {seed})")
    for number, (spec, op) in enumerate(chosen, 1):
        resource = op.resource.name if op.resource else "-"
        reason = kind_reason(op)
        statuses = ",".join(sorted(op.success)) or "-"
        body = "body" if op.body else "no body"
        extra = f" | {reason}" if reason else ""
        print(
            f"{number}. [{spec}] {op.label} -> {op.kind} (resource {resource}; "
            f"{statuses}; {body}){extra}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.eval_report",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("dirs", nargs="*", metavar="DIR")
    parser.add_argument("--sample", nargs=2, metavar=("RULE", "N"))
    parser.add_argument("--kinds", type=int, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    dirs = directories(args.dirs)
    if not dirs:
        print(f"no evaluation specs: neither {EVAL} nor ${ENV}", file=sys.stderr)
        return 2
    checked = list(check_all(dirs))
    if args.sample:
        sample_findings(checked, args.sample[0], int(args.sample[1]), args.seed)
    elif args.kinds:
        sample_kinds(checked, args.kinds, args.seed)
    else:
        summary(checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
