"""`restcheck export --app MODULE:ATTR`: write a FastAPI app's OpenAPI document, or, with
`--check`, fail (exit 1) when the committed file is not what the app generates now: the gate
that keeps a CI check from linting yesterday's API."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.app import AppDir, app, fail, write
from checker.words import and_list, count

SHOWN_CHANGES = 5


@app.command()
def export(
    app_spec: Annotated[
        str,
        typer.Option(
            "--app", metavar="MODULE:ATTR", help="The FastAPI app (MODULE:factory() calls it)."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The file to write (default: stdout)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 1 when --output differs from the app's document."
        ),
    ] = False,
    indent: Annotated[int, typer.Option(min=0, max=8, help="JSON indentation.")] = 2,
    sort_keys: Annotated[
        bool,
        typer.Option(
            "--sort-keys/--no-sort-keys",
            help="Sort object keys (stable whatever order the app declares things in), or "
            "keep FastAPI's order.",
        ),
    ] = True,
    app_dir: AppDir = None,
) -> None:
    """Write a FastAPI app's OpenAPI document (sorted, stable JSON), or --check it is current."""
    from checker.load.app import load_app, render

    source, _ = load_app(app_spec, app_dir)
    text = render(source.document, indent=indent, sort_keys=sort_keys)
    if not check:
        write(text, output)
        if output is not None:
            print(f"wrote {output} from {app_spec}", file=sys.stderr)
        return
    if output is None:
        fail("--check needs --output FILE: the committed export to compare")
    if not output.exists():
        print(
            f"restcheck: {output} is missing; run: restcheck export --app {app_spec} "
            f"--output {output}",
            file=sys.stderr,
        )
        raise typer.Exit(1)
    committed = output.read_text(encoding="utf-8", errors="replace")
    if committed == text:
        print(f"{output} is up to date with {app_spec}", file=sys.stderr)
        return
    print(
        f"restcheck: {output} is stale: {_difference(committed, source.document)}; run: "
        f"restcheck export --app {app_spec} --output {output}",
        file=sys.stderr,
    )
    raise typer.Exit(1)


def _difference(committed: str, document: dict[str, object]) -> str:
    """What differs, briefly: the API changes (as `diff` names them), or only formatting."""
    import json

    from checker.diff.api import compare
    from checker.model import build

    try:
        old = json.loads(committed)
    except json.JSONDecodeError as exc:
        return f"it is not JSON ({exc.msg} at line {exc.lineno})"
    except ValueError:
        return "it is not JSON"
    if old == document:
        return "the same document, formatted differently (indent or key order)"
    if not isinstance(old, dict):
        return "it is not an OpenAPI document"
    try:
        changes = compare(build(old), build(document)).changes
    except Exception:  # a committed file too broken to model: say it differs, no more
        changes = []
    if not changes:
        return "the documents differ outside the operations (info, servers, schemas, ...)"
    shown = and_list([c.message for c in changes], shown=SHOWN_CHANGES)
    return f"{count(len(changes), 'API change')} ({shown})"
