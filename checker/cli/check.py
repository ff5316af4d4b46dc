"""`restcheck check`, `baseline`, `rules` and `explain`."""

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checker.cli.app import (
    AppDir,
    AppOption,
    Color,
    ConfigFile,
    Headers,
    Ignore,
    MaxSize,
    Select,
    Timeout,
    app,
    config_of,
    destinations,
    fail,
    headers_of,
    lint_arguments,
    refuse_overwriting,
    sources_given,
    write,
)
from checker.words import count, did_you_mean, use_color

if TYPE_CHECKING:
    from checker.engine.baseline import Baseline
    from checker.engine.config import Config
    from checker.engine.findings import Finding, Notice

HUMAN_FORMATS = ("text", "markdown", "github")


def shown(sources: list[str]) -> list[str]:
    """The SOURCE arguments as reports and baselines name them: URLs redacted, as the
    sources' names are (checker.redact)."""
    from checker import redact

    return [redact.url(s) for s in sources]


def _findings(
    sources: list[str],
    config: "Config",
    headers: dict[str, str],
    timeout: float,
    baseline: "Baseline | None" = None,
    max_size: int = 100,
    app: str | None = None,
    app_dir: str | None = None,
) -> "tuple[list[Finding], list[Notice]]":
    """Every source's findings (those the baseline accepts left out) and notices."""
    from checker.engine.runner import order

    if baseline is not None:
        baseline.start([*shown(sources), *([app] if app else [])])
    keep = baseline.filter if baseline is not None else None
    results = lint_arguments(sources, config, headers, timeout, keep, max_size, app, app_dir)
    findings = order([f for result in results for f in result.findings])
    return findings, [n for result in results for n in result.notices]


@app.command()
def check(
    sources: Annotated[
        list[str] | None,
        typer.Argument(metavar="SOURCE...", help="Files, '-' for stdin, or URLs."),
    ] = None,
    format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="F[:FILE]",
            help="text, json, sarif, junit, github or markdown; repeat for several reports, "
            "each as F:FILE (default: text on stdout).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The file of the (one) --format given without :FILE."),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Exit 1 on findings at or above: error, warning, info, never "
            "(default: the configuration's fail-on, else error)."
        ),
    ] = None,
    config_file: ConfigFile = None,
    select: Select = None,
    ignore: Ignore = None,
    baseline_file: Annotated[
        str | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Report only findings not in this baseline (see `restcheck baseline`).",
        ),
    ] = None,
    header: Headers = None,
    timeout: Timeout = 30.0,
    max_size: MaxSize = 100,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Findings only: no headings, summary or notes.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option(help="Counts per rule instead of the findings (text).")
    ] = False,
    color: Color = "auto",
    app_spec: AppOption = None,
    app_dir: AppDir = None,
) -> None:
    """Check OpenAPI documents; report findings; exit 1 when any is at or above --fail-on."""
    from checker.engine.config import fail_threshold
    from checker.engine.findings import at_or_above
    from checker.engine.runner import selected_rules
    from checker.report import ReportContext, renderer

    sources = sources_given(sources, app_spec)
    pairs = destinations(format, output)
    refuse_overwriting([file for _, file in pairs], sources)
    config = config_of(config_file, select, ignore)
    threshold = fail_threshold(fail_on, config)
    baseline = None
    if baseline_file is not None:
        from checker.engine.baseline import Baseline

        baseline = Baseline.load(baseline_file)
    findings, notices = _findings(
        sources, config, headers_of(header), timeout, baseline, max_size, app_spec, app_dir
    )
    notes = [baseline.note()] if baseline is not None else []
    if notes and not quiet and not any(f in HUMAN_FORMATS and d is None for f, d in pairs):
        for note in notes:
            print(f"restcheck: {note}", file=sys.stderr)
    for name, destination in pairs:
        context = ReportContext(
            [*shown(sources), *([app_spec] if app_spec else [])],
            color=name == "text" and destination is None and use_color(sys.stdout, color),
            notes=notes,
            notices=notices,
            baseline=baseline.summary() if baseline is not None else None,
            fail_on=threshold,
            rules=selected_rules(config),
            quiet=quiet,
            statistics=statistics,
            docs_url=_docs_url(config) if name == "sarif" else None,
        )
        write(renderer(name)(findings, context), destination)
    raise typer.Exit(1 if at_or_above(findings, threshold) else 0)


def _docs_url(config: "Config") -> str | None:
    from checker.report.rule_pages import docs_base  # reads package metadata: only for SARIF

    return docs_base(config.docs_url)


@app.command("baseline")
def baseline_command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The baseline file to write (JSON).")
    ],
    sources: Annotated[
        list[str] | None,
        typer.Argument(metavar="SOURCE...", help="Files, '-' for stdin, or URLs."),
    ] = None,
    config_file: ConfigFile = None,
    select: Select = None,
    ignore: Ignore = None,
    header: Headers = None,
    timeout: Timeout = 30.0,
    max_size: MaxSize = 100,
    app_spec: AppOption = None,
    app_dir: AppDir = None,
) -> None:
    """Record today's findings as accepted: `check --baseline FILE` then reports only new ones."""
    from checker.engine import baseline

    sources = sources_given(sources, app_spec)
    refuse_overwriting([output], sources)
    config = config_of(config_file, select, ignore)
    findings, _ = _findings(
        sources, config, headers_of(header), timeout, None, max_size, app_spec, app_dir
    )
    write(baseline.render(findings, output.resolve().parent), output)
    checked = len(sources) + (app_spec is not None)
    print(
        f"Recorded {count(len(findings), 'finding')} of {count(checked, 'source')} in {output}",
        file=sys.stderr,
    )


@app.command()
def rules(
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text (aligned columns) or json.")
    ] = "text",
) -> None:
    """List the rules: id, area, default severity, summary."""
    from checker.engine.catalogue import catalogue  # document rules and the live (probe) ones

    known = list(catalogue().values())
    if output_format == "json":
        listed = [
            {
                "id": r.id,
                "area": r.area,
                "severity": r.severity,
                "summary": r.summary,
                "options": {o.name: o.default for o in r.options.values()},
            }
            for r in known
        ]
        print(json.dumps({"rules": listed}, indent=2))
        return
    if output_format != "text":
        hint = did_you_mean(output_format, ["text", "json"])
        fail(f"--format '{output_format}': expected text or json{hint}")
    width = max(len(r.id) for r in known)
    for rule in known:
        print(f"{rule.id:<{width}}  {rule.area:<9}  {rule.severity:<7}  {rule.summary}")


def _rule_ids(incomplete: str) -> list[str]:
    """Completion for a RULE argument: the rule ids that start with what is typed."""
    from checker.engine.catalogue import catalogue

    return [rule_id for rule_id in catalogue() if rule_id.startswith(incomplete)]


@app.command()
def explain(
    target: Annotated[
        str,
        typer.Argument(
            metavar="RULE | SOURCE",
            autocompletion=_rule_ids,
            help="A rule id; with --path, the spec (file, URL or -).",
        ),
    ],
    path: Annotated[
        str | None,
        typer.Option(
            "--path",
            metavar="PATH",
            help="Explain how the model reads this path (a glob matches several) of SOURCE: "
            "each segment's role and each operation's kind, with the signal that decided it.",
        ),
    ] = None,
    config_file: ConfigFile = None,
    header: Headers = None,
    timeout: Timeout = 30.0,
) -> None:
    """Print a rule's documentation (what it checks, why, bad and good examples, options), or
    with --path how the model reads a path of a spec."""
    if path is not None:
        _explain_path(target, path, config_file, headers_of(header), timeout)
        return
    from checker.engine.catalogue import catalogue  # document rules and the live (probe) ones

    known = catalogue()
    rule = known.get(target)
    if rule is None:
        hint = did_you_mean(target, set(known))
        fail(f"unknown rule '{target}'{hint}; `restcheck rules` lists them")
    print(f"{rule.id} [{rule.severity}] ({rule.area})\n")
    print(rule.doc)
    if rule.options:
        print("\nDefaults:")
        for option in rule.options.values():
            print(f"    {option.name} = {option.default!r}")


def _explain_path(
    source_arg: str, path: str, config_file: str | None, headers: dict[str, str], timeout: float
) -> None:
    """Each segment of the matching paths with its role and why; each operation's kind."""
    from fnmatch import fnmatchcase

    from checker.load.source import load
    from checker.model import build
    from checker.words import terminal_safe

    config = config_of(config_file, None, None)
    source = load(source_arg, headers, timeout)
    api = build(source.document, config.roles)
    paths = list(dict.fromkeys(op.path for op in api.operations))
    chosen = [p for p in paths if p == path] or [p for p in paths if fnmatchcase(p, path)]
    if not chosen:
        fail(f"--path '{path}': no path of {source.name} matches{did_you_mean(path, paths)}")
    for index, shown_path in enumerate(chosen):
        ops = [op for op in api.operations if op.path == shown_path]
        lines = [shown_path]
        width = max(len(s.text) for s in ops[0].segments) if ops[0].segments else 0
        for segment in ops[0].segments:
            lines.append(f"  {segment.text:<{width}}  {segment.role:<10}  {segment.why}")
        for op in ops:
            resource = op.resource.name if op.resource else "none"
            lines.append(
                f"  {op.method.upper():<7} {op.kind:<7} {op.kind_reason} (resource: {resource})"
            )
        print(("\n" if index else "") + terminal_safe("\n".join(lines)))
