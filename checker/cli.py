"""The command line: `restcheck check|rules|explain ...`.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the input or the
invocation is unusable (one line on stderr, never a traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from checker import __version__

if TYPE_CHECKING:
    from checker.baseline import Baseline
    from checker.config import Config
    from checker.findings import Finding
    from checker.runner import Notice

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Check OpenAPI documents (as FastAPI generates them) against Polar's REST API guidelines.",
)

FAIL_ON = ("error", "warning", "info", "never")


# Options shared by the commands that read specs (check, baseline, review, diff).
ConfigFile = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Configuration file (default: restcheck.toml, .restcheck.yaml or "
        "pyproject.toml [tool.restcheck], found upwards from the working directory).",
    ),
]
Select = Annotated[
    list[str] | None,
    typer.Option(help="Only these rules or areas (comma-separated); replaces the file's."),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option(help="Skip these rules or areas (comma-separated); adds to the file's."),
]
Headers = Annotated[
    list[str] | None, typer.Option(help="HTTP header for URL sources, 'Name: value'.")
]
Timeout = Annotated[
    float, typer.Option(help="Seconds to wait for a URL source's answer.", min=0.001)
]


class UsageProblem(Exception):
    """A wrong option or argument: exit 2 with this one line."""


def fail(message: str) -> NoReturn:
    raise UsageProblem(message)


def _split_ids(values: list[str] | None) -> set[str]:
    return {part.strip() for v in values or [] for part in v.split(",") if part.strip()}


def _headers(values: list[str] | None) -> dict[str, str]:
    headers = {}
    for value in values or []:
        name, sep, content = value.partition(":")
        if not sep or not name.strip():
            fail(f"--header '{value}': expected 'Name: value'")
        headers[name.strip()] = content.strip()
    return headers


def _color(stream: object) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"--output {output}: cannot write: {exc.strerror}")


def _destinations(formats: list[str] | None, output: Path | None) -> list[tuple[str, Path | None]]:
    """Pair each `--format F[:FILE]` with where it goes (None: stdout).

    A format with `:FILE` writes that file (`F:-` is stdout); `--output FILE` is the file of
    the one format without its own (the classic `--format json --output report.json`); the
    others go to stdout, where at most one report may go."""
    from checker.report import FORMATS

    pending: list[int] = []
    pairs: list[tuple[str, Path | None]] = []
    for value in formats or ["text"]:
        name, sep, file = value.partition(":")
        if name not in FORMATS:
            fail(f"--format '{value}': expected one of {', '.join(FORMATS)} (or F:FILE)")
        if sep and not file:
            fail(f"--format '{value}': no file after ':' (use '{name}:-' for stdout)")
        if not sep:
            pending.append(len(pairs))
        pairs.append((name, Path(file) if sep and file != "-" else None))
    if output is not None:
        if len(pending) != 1:
            without = ", ".join(pairs[i][0] for i in pending) or "none"
            fail(
                f"--output {output}: names the file of the one --format without ':FILE' "
                f"(here: {without}); write each as --format F:FILE, "
                "e.g. --format sarif:report.sarif --format text"
            )
        pairs[pending[0]] = (pairs[pending[0]][0], output)
    to_stdout = [name for name, file in pairs if file is None]
    if len(to_stdout) > 1:
        fail(
            f"--format: {len(to_stdout)} reports would go to stdout ({', '.join(to_stdout)}); "
            "give all but one a file as --format F:FILE"
        )
    files = [file.resolve() for _, file in pairs if file is not None]
    if len(set(files)) != len(files):
        fail("--format: two reports would write the same file")
    return pairs


def _config(config_file: str | None, select: list[str] | None, ignore: list[str] | None) -> Config:
    """The configuration file's settings, with --select (replaces) and --ignore (adds)."""
    from checker.config import Config, load_config
    from checker.registry import all_rules

    given = Config(select=_split_ids(select) or None, ignore=_split_ids(ignore))
    given.check_ids(all_rules(), "--select/--ignore")
    return load_config(config_file).with_command_line(given.select, given.ignore)


def _collect(
    sources: list[str],
    config: Config,
    headers: dict[str, str],
    timeout: float,
    baseline: Baseline | None = None,
) -> tuple[list[Finding], list[Notice]]:
    """Check every source: findings (in report order, with positions) and notices.

    Notices go to stderr as they come; override globs that match no path of any checked
    document are a configuration error."""
    from checker.runner import add_positions, order, run
    from checker.source import load

    findings: list[Finding] = []
    notices: list[Notice] = []
    paths: set[str] = set()
    schemas: set[str] = set()
    if baseline is not None:
        baseline.start(sources)
    for argument in sources:
        source = load(argument, headers, timeout)
        result = run(source, config)
        found = result.findings if baseline is None else baseline.filter(result.findings)
        add_positions(source, found)
        findings.extend(found)
        notices.extend(result.notices)
        paths.update(result.paths)
        schemas.update(result.schemas)
        for notice in result.notices:
            where = f"{notice.source}:{notice.line or 1}:{notice.column or 1}"
            print(f"restcheck: warning: {where}: {notice.message}", file=sys.stderr)
    config.check_overrides(paths, schemas)
    return order(findings), notices


HUMAN_FORMATS = ("text", "markdown", "github")


@app.command()
def check(
    sources: Annotated[
        list[str], typer.Argument(metavar="SOURCE...", help="Files, '-' for stdin, or URLs.")
    ],
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
        Path | None, typer.Option(help="The file of the (one) --format given without :FILE.")
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
) -> None:
    """Check OpenAPI documents; report findings; exit 1 when any is at or above --fail-on."""
    from checker.baseline import Baseline
    from checker.findings import at_or_above
    from checker.report import ReportContext, renderer
    from checker.runner import selected_rules

    destinations = _destinations(format, output)
    config = _config(config_file, select, ignore)
    threshold = fail_on or config.fail_on or "error"
    if threshold not in FAIL_ON:
        fail(f"--fail-on '{threshold}': expected one of {', '.join(FAIL_ON)}")
    baseline = Baseline.load(baseline_file) if baseline_file is not None else None
    headers = _headers(header)
    findings, notices = _collect(sources, config, headers, timeout, baseline)
    notes = [baseline.note()] if baseline is not None else []
    if notes and not any(f in HUMAN_FORMATS and d is None for f, d in destinations):
        for note in notes:
            print(f"restcheck: {note}", file=sys.stderr)
    for name, destination in destinations:
        context = ReportContext(
            sources,
            color=name == "text" and destination is None and _color(sys.stdout),
            notes=notes,
            notices=notices,
            baseline=baseline.summary() if baseline is not None else None,
            fail_on=threshold,
            rules=selected_rules(config),
        )
        _write(renderer(name)(findings, context), destination)
    raise typer.Exit(1 if at_or_above(findings, threshold) else 0)


@app.command("baseline")
def baseline_command(
    sources: Annotated[
        list[str], typer.Argument(metavar="SOURCE...", help="Files, '-' for stdin, or URLs.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The baseline file to write (JSON).")
    ],
    config_file: ConfigFile = None,
    select: Select = None,
    ignore: Ignore = None,
    header: Headers = None,
    timeout: Timeout = 30.0,
) -> None:
    """Record today's findings as accepted: `check --baseline FILE` then reports only new ones."""
    from checker import baseline

    config = _config(config_file, select, ignore)
    findings, _ = _collect(sources, config, _headers(header), timeout)
    _write(baseline.render(findings, output.resolve().parent), output)
    files = len(sources)
    print(
        f"Recorded {len(findings)} finding{'' if len(findings) == 1 else 's'} of "
        f"{files} file{'' if files == 1 else 's'} in {output}",
        file=sys.stderr,
    )


@app.command()
def rules() -> None:
    """List the rules: id, area, default severity, summary."""
    from checker.registry import catalogue  # document rules and the live (probe) ones

    known = catalogue().values()
    width = max(len(r.id) for r in known)
    for rule in known:
        print(f"{rule.id:<{width}}  {rule.area:<9}  {rule.severity:<7}  {rule.summary}")


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(metavar="RULE")]) -> None:
    """Print a rule's documentation: what it checks, why, bad and good examples, options."""
    from checker.registry import catalogue  # document rules and the live (probe) ones

    known = catalogue()
    rule = known.get(rule_id)
    if rule is None:
        fail(f"unknown rule '{rule_id}'; `restcheck rules` lists them")
    print(f"{rule.id} [{rule.severity}] ({rule.area})\n")
    print(rule.doc)
    if rule.options:
        print("\nDefaults:")
        for option in rule.options.values():
            print(f"    {option.name} = {option.default!r}")


def version_callback(value: bool) -> None:
    if value:
        print(f"restcheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = None,
) -> None:
    """Check OpenAPI documents against Polar's REST API guidelines."""


# Commands that live in their own modules register on `app` when imported (keep these
# modules light at import time: heavy imports go inside the command functions).
# e.g.: from checker.review import command as _review
from checker import diff as _diff  # noqa: E402, F401
from checker import review as _review  # noqa: E402, F401
from checker.probe import command as _probe  # noqa: E402, F401


def main(argv: list[str] | None = None) -> int:
    """Console entry point: every failure becomes an exit code and at most one line."""
    from checker.config import ConfigError
    from checker.runner import RuleCrash
    from checker.source import InputError

    try:
        result = app(args=argv, prog_name="restcheck", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        print("restcheck: interrupted", file=sys.stderr)
        return 2
    except typer.TyperException as exc:  # click's usage errors, as Typer raises them
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `restcheck`: the help
            print(exc.format_message() if hasattr(exc, "format_message") else exc)
            return 0
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "restcheck"
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        print(f"restcheck: {message} (see `{command} --help`)", file=sys.stderr)
        return 2
    except (InputError, ConfigError, UsageProblem, RuleCrash) as exc:
        print(f"restcheck: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("restcheck: interrupted", file=sys.stderr)
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
