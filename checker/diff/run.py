"""`restcheck diff BASE HEAD`: the findings HEAD introduces and those it fixes, and the API
changes (operations and resources added or removed, breaking changes to the others).

Findings are matched by fingerprint (rule, JSON pointer without array indexes, key), not by
line: reformatting a document changes no fingerprint. When a fingerprint occurs several
times, only the extra occurrences count as new (or fixed). A few rules report a thing once, at
the first place it appears, so reordering moves their pointer: what is left unmatched is
paired by rule and key when that pair is unique on both sides (see `match`). The API changes
come from checker/diff/api.py; renderers from checker/diff/render.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.errors import InternalError

if TYPE_CHECKING:
    from checker.diff.api import ApiDiff
    from checker.engine.config import Config
    from checker.engine.findings import Finding, Notice
    from checker.load.source import Source
    from checker.model import Api


@dataclass
class Diff:
    base: Source
    head: Source
    base_api: Api
    head_api: Api
    new: list[Finding]  # findings of HEAD that BASE does not have (positions in HEAD)
    fixed: list[Finding]  # findings of BASE that HEAD no longer has (positions in BASE)
    api: ApiDiff
    notices: list[Notice]


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
    """Lint both sides, match their findings, and compare their APIs; every change and
    finding has its position on its side."""
    from checker.diff.api import compare
    from checker.engine.runner import add_positions, lint_all

    base_checked, head_checked = lint_all([base, head], config)
    new, fixed = match(head_checked.findings, base_checked.findings)
    try:
        changes = compare(base_checked.api, head_checked.api)
    except Exception as exc:  # a bug in restcheck: one line, exit 2, never a traceback
        raise InternalError(
            f"{base.name} -> {head.name}: internal error comparing the APIs: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    for source, side in ((base, "base"), (head, "head")):
        add_positions(source, [c for c in changes.changes if c.side == side])
    notices = [*base_checked.notices, *head_checked.notices]
    return Diff(base, head, base_checked.api, head_checked.api, new, fixed, changes, notices)


def exit_code(result: Diff, fail_on: str, fail_on_breaking: bool) -> int:
    from checker.engine.findings import at_or_above

    if at_or_above(result.new, fail_on):
        return 1
    return 1 if fail_on_breaking and result.api.breaking else 0
