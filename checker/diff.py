"""`restcheck diff BASE HEAD`: the findings HEAD introduces and those it fixes, and the API
changes (operations and resources added or removed, breaking changes to the others).

Findings are matched by fingerprint (rule, JSON pointer without array indexes, key), not by
line: reformatting a document changes no fingerprint. When a fingerprint occurs several
times, only the extra occurrences count as new (or fixed). A few rules report a thing once, at
the first place it appears, so reordering moves their pointer: what is left unmatched is
paired by rule and key when that pair is unique on both sides (see `match`). The API changes
come from checker/diff_api.py; renderers from checker/diff_render.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checker.cli import (
    FAIL_ON,
    ConfigFile,
    Headers,
    Ignore,
    Select,
    Timeout,
    _color,
    _config,
    _headers,
    _write,
    app,
    fail,
)

if TYPE_CHECKING:
    from checker.config import Config
    from checker.diff_api import ApiDiff
    from checker.findings import Finding
    from checker.model import Api
    from checker.runner import Notice
    from checker.source import Source

FORMATS = ("text", "json", "markdown")


@dataclass
class Diff:
    base: Source
    head: Source
    base_api: Api
    head_api: Api
    new: list[Finding]  # findings of HEAD that BASE does not have (positions in HEAD)
    fixed: list[Finding]  # findings of BASE that HEAD no longer has (positions in BASE)
    api: ApiDiff
    notices: list[tuple[Source, list[Notice]]]


def _stem(fingerprint: str) -> str:
    """The fingerprint without the ordinal suffix repeats get (`abc-1` -> `abc`)."""
    return fingerprint.split("-", 1)[0]


def unmatched(findings: list[Finding], other: list[Finding]) -> list[Finding]:
    """Findings with no counterpart in `other` (same fingerprint; repeats counted)."""
    available = Counter(_stem(f.fingerprint) for f in other)
    left = []
    for finding in findings:
        stem = _stem(finding.fingerprint)
        if available[stem] > 0:
            available[stem] -= 1
        else:
            left.append(finding)
    return left


def match(head: list[Finding], base: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(new, fixed): HEAD's findings BASE lacks, and BASE's findings HEAD lacks.

    First by fingerprint. Then, among what is left on both sides, a finding whose rule and
    key (the thing it is about, e.g. `/v1/line-item`) occur exactly once on each side is the
    same finding at another pointer: some rules report a thing once, at the first place the
    document mentions it, and reordering the document moves that place."""
    new, fixed = unmatched(head, base), unmatched(base, head)

    def keyed(found: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
        groups: dict[tuple[str, str], list[Finding]] = {}
        for finding in found:
            if finding.key:
                groups.setdefault((finding.rule, finding.key), []).append(finding)
        return groups

    new_keys, fixed_keys = keyed(new), keyed(fixed)
    same = {
        id(f)
        for key, found in new_keys.items()
        if len(found) == 1 and len(fixed_keys.get(key, [])) == 1
        for f in (found[0], fixed_keys[key][0])
    }
    return [f for f in new if id(f) not in same], [f for f in fixed if id(f) not in same]


def run_diff(base: Source, head: Source, config: Config) -> Diff:
    from checker.diff_api import compare
    from checker.locate import locate
    from checker.model import build
    from checker.runner import RuleCrash, add_positions, evaluate, order

    base_api, head_api = build(base.document), build(head.document)
    base_checked = evaluate(base_api, base.name, config)
    head_checked = evaluate(head_api, head.name, config)
    config.check_overrides(
        [*base_checked.paths, *head_checked.paths], [*base_checked.schemas, *head_checked.schemas]
    )
    new, fixed = match(head_checked.findings, base_checked.findings)
    add_positions(head, new)
    add_positions(base, fixed)
    try:
        changes = compare(base_api, head_api)
    except Exception as exc:  # a bug in restcheck: one line, exit 2, never a traceback
        raise RuleCrash(
            f"{base.name} -> {head.name}: internal error comparing the APIs: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    for source, side in ((base, "base"), (head, "head")):
        wanted = {c.pointer for c in changes.changes if c.side == side}
        if wanted:
            positions = locate(source.text, source.format, wanted)
            for change in changes.changes:
                if change.side == side:
                    change.line, change.column = positions.get(change.pointer, (1, 1))
    notices = [(base, base_checked.notices), (head, head_checked.notices)]
    return Diff(base, head, base_api, head_api, order(new), order(fixed), changes, notices)


def exit_code(result: Diff, fail_on: str, fail_on_breaking: bool) -> int:
    from checker.findings import at_or_above

    if at_or_above(result.new, fail_on):
        return 1
    return 1 if fail_on_breaking and result.api.breaking else 0


@app.command("diff")
def command(
    base: Annotated[str, typer.Argument(metavar="BASE", help="The spec before: file, '-' or URL.")],
    head: Annotated[str, typer.Argument(metavar="HEAD", help="The spec after: file, '-' or URL.")],
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown")] = "text",
    output: Annotated[Path | None, typer.Option(help="Write the report to this file.")] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Exit 1 on new findings at or above: error, warning, info, never "
            "(default: the configuration's fail-on, else error)."
        ),
    ] = None,
    fail_on_breaking: Annotated[
        bool, typer.Option("--fail-on-breaking", help="Exit 1 on breaking API changes too.")
    ] = False,
    config_file: ConfigFile = None,
    select: Select = None,
    ignore: Ignore = None,
    header: Headers = None,
    timeout: Timeout = 30.0,
) -> None:
    """Compare two versions of a spec: new and fixed findings, API changes, breaking ones."""
    import sys

    from checker.diff_render import render_json, render_markdown, render_text
    from checker.review import print_notices
    from checker.source import load

    if format not in FORMATS:
        fail(f"--format '{format}': expected one of {', '.join(FORMATS)}")
    if base == "-" and head == "-":
        fail("BASE and HEAD cannot both be '-' (stdin)")
    config = _config(config_file, select, ignore)
    threshold = fail_on or config.fail_on or "error"
    if threshold not in FAIL_ON:
        fail(f"--fail-on '{threshold}': expected one of {', '.join(FAIL_ON)}")
    headers = _headers(header)
    result = run_diff(load(base, headers, timeout), load(head, headers, timeout), config)
    for source, notices in result.notices:
        if notices:
            print_notices(source, notices)
    if format == "json":
        text = render_json(result)
    elif format == "markdown":
        text = render_markdown(result)
    else:
        text = render_text(result, color=output is None and _color(sys.stdout))
    _write(text, output)
    raise typer.Exit(exit_code(result, threshold, fail_on_breaking))
