"""`restcheck diff BASE HEAD`: new and fixed findings, API changes, breaking ones."""

import sys
from pathlib import Path
from typing import Annotated

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
    fail,
    headers_of,
    load_app_source,
    print_notices,
    refuse_overwriting,
    write,
)
from checker.words import use_color

FORMATS = ("text", "json", "markdown", "sarif", "github", "junit")


@app.command("diff")
def command(
    base: Annotated[str, typer.Argument(metavar="BASE", help="The spec before: file, '-' or URL.")],
    head: Annotated[
        str | None,
        typer.Argument(metavar="[HEAD]", help="The spec after: file, '-' or URL (or --app)."),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="text, json, markdown, sarif, github or junit."),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Exit 1 on new findings at or above: error, warning, info, never "
            "(default: the configuration's fail-on, else error)."
        ),
    ] = None,
    fail_on_breaking: Annotated[
        bool,
        typer.Option(
            "--fail-on-breaking", help="Exit 1 on breaking API changes (--fail-on-change error)."
        ),
    ] = False,
    fail_on_change: Annotated[
        str | None,
        typer.Option(
            "--fail-on-change",
            metavar="LEVEL",
            help="Exit 1 on API changes at or above: error (breaking), warning, info, never "
            "(default: the configuration's [diff] fail-on-change, else never).",
        ),
    ] = None,
    breaking_only: Annotated[
        bool,
        typer.Option(
            "--breaking-only",
            help="Only the API changes, no guideline findings: the compatibility gate alone "
            "(fails on breaking changes unless --fail-on-change says otherwise).",
        ),
    ] = False,
    config_file: ConfigFile = None,
    select: Select = None,
    ignore: Ignore = None,
    header: Headers = None,
    timeout: Timeout = 30.0,
    max_size: MaxSize = 100,
    color: Color = "auto",
    app_spec: AppOption = None,
    app_dir: AppDir = None,
) -> None:
    """Compare two versions of a spec: new and fixed findings, API changes, breaking ones.
    With --app, HEAD is the app as it is now (e.g. BASE the committed openapi.json)."""
    from checker.diff.run import change_threshold, exit_code, run_diff
    from checker.engine.config import fail_threshold
    from checker.load.source import load

    if format not in FORMATS:
        fail(f"--format '{format}': expected one of {', '.join(FORMATS)}")
    if (head is None) == (app_spec is None):
        fail(
            "give HEAD or --app MODULE:ATTR (the app as HEAD), not both"
            if head
            else "Missing argument 'HEAD' (or --app MODULE:ATTR)"
        )
    if base == "-" and head == "-":
        fail("BASE and HEAD cannot both be '-' (stdin)")
    refuse_overwriting([output], [base, *([head] if head else [])])
    config = config_of(config_file, select, ignore)
    threshold = fail_threshold(fail_on, config)
    headers = headers_of(header)
    before = load(base, headers, timeout, max_size)
    if head is not None:
        after = load(head, headers, timeout, max_size)
    else:
        after = load_app_source(str(app_spec), app_dir)
    result = run_diff(before, after, config, breaking_only)
    level = change_threshold(fail_on_change, fail_on_breaking, config.diff, breaking_only)
    print_notices(result.notices)
    # Each renderer imported when chosen: the CI ones bring the report package, XML.
    if format == "json":
        from checker.diff.render import render_json

        text = render_json(result, level)
    elif format == "markdown":
        from checker.diff.render import render_markdown

        text = render_markdown(result)
    elif format in ("sarif", "github", "junit"):
        from checker.diff.ci import render_ci

        text = render_ci(result, format, threshold, level)
    else:
        from checker.diff.render import render_text

        text = render_text(result, color=output is None and use_color(sys.stdout, color))
    if format not in ("text", "markdown"):  # the human formats say them themselves
        for note in result.notes:
            print(f"restcheck: {note}", file=sys.stderr)
    write(text, output)
    raise typer.Exit(exit_code(result, threshold, level))
