"""`restcheck init`: a starting configuration for a project, from its spec.

It finds the spec (or takes it), reads the base path its operations share, writes a
`restcheck.toml` whose every key is explained (the base path filled in when it is not `/v1/`),
optionally records a baseline of today's findings, and says what to run next. It never
overwrites a configuration without `--force`, and it silences no rule on its own: which
findings are debt is the team's decision (the baseline records them all)."""

import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checker.cli.app import app, fail, write
from checker.words import and_list, count

if TYPE_CHECKING:
    from checker.model.api import Api

SPEC_NAMES = ("openapi.json", "openapi.yaml", "openapi.yml")
SKIPPED = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist"}
DEFAULT_PREFIX = "/v1/"


def find_specs(folder: Path, depth: int = 3) -> list[Path]:
    """Files named openapi.json/.yaml/.yml in `folder` and its subfolders (to `depth`),
    nearest first; virtual environments, caches and build output are passed over."""
    found: list[Path] = []
    level = [folder]
    for _ in range(depth + 1):
        following: list[Path] = []
        for directory in level:
            try:
                entries = sorted(directory.iterdir())
            except OSError:
                continue
            found += [e for e in entries if e.name in SPEC_NAMES and e.is_file()]
            following += [e for e in entries if e.is_dir() and e.name not in SKIPPED]
        level = following
    return found


def base_path(api: "Api") -> str | None:
    """The versioned base path most operations share (`/v1/`, `/api/v2/`), if any: their
    segments up to the one the model reads as the version."""
    bases: Counter[str] = Counter()
    for op in api.operations:
        roles = [s.role for s in op.segments]
        if "version" in roles:
            upto = len(roles) - roles[::-1].index("version")
            bases["/" + "/".join(s.text for s in op.segments[:upto]) + "/"] += 1
    if not bases:
        return None
    base, n = bases.most_common(1)[0]
    return base if n * 2 > len(api.operations) else None


def configuration(
    spec: str, base: str | None, found: list[tuple[str, str, int]] | None = None
) -> str:
    """The text of the restcheck.toml `init` writes; `found` is (rule, severity, findings)
    for the rules the spec has findings of, listed as comments to decide on."""
    if base is not None and base != DEFAULT_PREFIX:
        prefix = f'prefix = "{base}"                # the base path of {spec}\'s operations'
    else:
        prefix = f'# prefix = "{DEFAULT_PREFIX}"              # the default'
    return "\n".join(
        [
            f"# restcheck's configuration, started by `restcheck init` on {date.today()}.",
            "# Every key: docs/configuration.md; a rule's options: `restcheck explain RULE`.",
            "",
            '# fail-on = "error"            # exit 1 on findings at or above: error|warning|info',
            '# ignore = ["schema-docs"]     # rule ids or areas to turn off',
            "",
            "# [severity]                   # rule id or area -> error|warning|info",
            '# write-returns-read-schema = "error"',
            "",
            "[options.version-prefix]",
            prefix,
            "",
            "# [[overrides]]                # exceptions for some paths, with a reason",
            '# paths = ["/v1/oauth2/*"]',
            '# ignore = ["standard-methods"]',
            '# reason = "RFC 7592 client configuration endpoint"',
            "",
            *_found_comment(spec, found or []),
        ]
    )


def _found_comment(spec: str, found: list[tuple[str, str, int]]) -> list[str]:
    if not found:
        return [f"# {spec} had no findings when this file was written.", ""]
    width = max(len(rule) for rule, _, _ in found)
    lines = [
        f"# {spec} had these findings when this file was written. Fix them, record them as a",
        f"# baseline (restcheck baseline {spec} -o restcheck-baseline.json), or turn a rule",
        "# off above if it does not fit your API (restcheck explain RULE says what it wants):",
    ]
    lines += [f"#   {rule:<{width}}  {severity:<7}  {n}" for rule, severity, n in found]
    return [*lines, ""]


@app.command()
def init(
    spec: Annotated[
        str | None,
        typer.Argument(
            metavar="[SPEC]",
            help="The spec to start from (default: the openapi.json/.yaml found here).",
        ),
    ] = None,
    config_file: Annotated[
        Path, typer.Option("--config", help="The configuration file to write.")
    ] = Path("restcheck.toml"),
    baseline_file: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Also record today's findings as a baseline in FILE.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing configuration.")] = False,
) -> None:
    """Start a configuration (restcheck.toml) from your spec, and say what to run next."""
    from checker.engine import baseline
    from checker.engine.config import find_config, read_config
    from checker.engine.runner import lint_all, order
    from checker.load.source import load
    from checker.model.api import build

    if config_file.suffix != ".toml":
        fail(f"--config {config_file}: init writes TOML (restcheck.toml)")
    if config_file.exists() and not force:
        fail(f"{config_file} exists; --force overwrites it")
    existing = find_config(config_file.resolve().parent)
    if existing is not None and existing.resolve() != config_file.resolve() and not force:
        fail(f"{existing} already configures restcheck here; --force writes {config_file} anyway")
    if spec is None:
        found = find_specs(Path.cwd())
        if not found:
            fail(f"no {and_list(list(SPEC_NAMES))} here; give the spec: restcheck init SPEC")
        spec = str(found[0].relative_to(Path.cwd()))
    source = load(spec)
    base = base_path(build(source.document))
    config_file.write_text(configuration(spec, base))
    # Today's findings under the configuration just written, then listed in it.
    findings = order(lint_all([source], read_config(config_file))[0].findings)
    by_rule = Counter(f.rule for f in findings)
    severity = {f.rule: f.severity for f in findings}
    rules: list[tuple[str, str, int]] = [(r, severity[r], n) for r, n in by_rule.most_common()]
    config_file.write_text(configuration(spec, base, rules))
    lines = [f"wrote {config_file}" + (f" (base path {base})" if base else "")]
    if findings:
        top = ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common(3))
        of = count(len(by_rule), "rule")
        lines.append(
            f"{spec}: {count(len(findings), 'finding')} today, of {of} (most: {top}); "
            f"listed in {config_file}"
        )
    else:
        lines.append(f"{spec}: no findings")
    if baseline_file is not None:
        write(baseline.render(findings, baseline_file.resolve().parent), baseline_file)
        lines.append(f"recorded them in {baseline_file}: `check --baseline` reports only new ones")
        gate = f"restcheck check {spec} --baseline {baseline_file}"
    else:
        gate = f"restcheck check {spec}"
        if findings:
            lines.append(
                f"to gate only new ones: restcheck baseline {spec} -o restcheck-baseline.json"
            )
    lines += [
        f"next: {gate}   (CI: restcheck's docs/ci.md; a rule: restcheck explain RULE)",
    ]
    print("\n".join(lines), file=sys.stderr)
