"""`restcheck review SOURCE`: the API's surface and its conformance (see docs/review.md)."""

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
    fail,
    headers_of,
    load_app_source,
    print_notices,
    refuse_overwriting,
    write,
)
from checker.words import use_color

if TYPE_CHECKING:
    from checker.review.review import Review

FORMATS = ("text", "json", "markdown", "html")


def render(result: "Review", format: str, color: bool = False, docs_url: str | None = None) -> str:
    if format == "html":
        from checker.review.html import render_html

        return render_html(result, docs_url)
    from checker.review import render

    if format == "json":
        return render.render_json(result)
    if format == "markdown":
        return render.render_markdown(result)
    return render.render_text(result, color)


@app.command("review")
def command(
    source: Annotated[
        str | None,
        typer.Argument(metavar="[SOURCE]", help="A file, '-' for stdin, or a URL (or --app)."),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, markdown or html")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
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
    """Review an API: its resources, operations by kind, and the rules each passes or fails."""
    from checker.load.source import load
    from checker.review.review import run_review

    if format not in FORMATS:
        fail(f"--format '{format}': expected one of {', '.join(FORMATS)}")
    if (source is None) == (app_spec is None):
        fail(
            "give SOURCE or --app MODULE:ATTR, not both"
            if source
            else "Missing argument 'SOURCE' (or --app MODULE:ATTR)"
        )
    refuse_overwriting([output], [source] if source else [])
    config = config_of(config_file, select, ignore)
    if source is not None:
        loaded = load(source, headers_of(header), timeout, max_size)
    else:
        loaded = load_app_source(str(app_spec), app_dir)
    result = run_review(loaded, config)
    print_notices(result.notices)
    colored = output is None and use_color(sys.stdout, color)
    docs_url = None
    if format == "html":
        from checker.report.rule_pages import docs_base  # reads package metadata

        docs_url = docs_base(config.docs_url)
    write(render(result, format, colored, docs_url), output)
