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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.errors import ConfigError, InternalError
from checker.words import did_you_mean

if TYPE_CHECKING:
    from checker.diff.api import ApiDiff, Change
    from checker.diff.kinds import Level
    from checker.engine.config import Config, DiffPolicy
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
    notes: list[str] = field(default_factory=list)  # e.g. accepted changes that no longer occur
    breaking_only: bool = False  # no guideline findings were looked for

    def accepted(self) -> list[Change]:
        return [c for c in self.api.changes if c.accepted is not None]


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


def unsettled(findings: list[Finding], other: list[Finding]) -> list[Finding]:
    """The findings `match` may leave unmatched: those whose fingerprint (repeats counted)
    occurs a different number of times in `other`. Which of several equal fingerprints is
    left depends on their positions; the others are matched wherever they are."""
    mine = Counter(_stem(f.fingerprint) for f in findings)
    theirs = Counter(_stem(f.fingerprint) for f in other)
    return [f for f in findings if mine[_stem(f.fingerprint)] != theirs[_stem(f.fingerprint)]]


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


def run_diff(base: Source, head: Source, config: Config, breaking_only: bool = False) -> Diff:
    """Lint both sides (unless `breaking_only`), match their findings, and compare their
    APIs under the configuration's `[diff]` policy; every change and finding has its position
    on its side."""
    from checker.diff.api import compare
    from checker.engine.runner import add_code, add_positions, lint_all, order
    from checker.model import build

    levels = policy_levels(config.diff)
    if breaking_only:
        base_api, head_api = build(base.document), build(head.document)
        checked = None
    else:
        checked = lint_all([base, head], config, placed=False)
        base_api, head_api = checked[0].api, checked[1].api
    try:
        changes = compare(base_api, head_api, levels=levels)
    except Exception as exc:  # a bug in restcheck: one line, exit 2, never a traceback
        raise InternalError(
            f"{base.name} -> {head.name}: internal error comparing the APIs: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    # Positions cost a pass over each text: one pass a side, for its changes and the
    # findings that may show (those `match` may leave unmatched).
    for mine, (source, side) in enumerate(((base, "base"), (head, "head"))):
        shown = unsettled(checked[mine].findings, checked[1 - mine].findings) if checked else []
        add_positions(source, [*shown, *(c for c in changes.changes if c.side == side)])
        add_code(source, shown)
    new: list[Finding] = []
    fixed: list[Finding] = []
    notices: list[Notice] = []
    if checked is not None:
        for each in checked:
            each.findings = order(each.findings)
        new, fixed = match(checked[1].findings, checked[0].findings)
        notices = [*checked[0].notices, *checked[1].notices]
    notes = accept(changes.changes, config.diff)
    return Diff(base, head, base_api, head_api, new, fixed, changes, notices, notes, breaking_only)


def policy_levels(policy: DiffPolicy) -> dict[str, Level]:
    """The policy's levels, each kind checked against the kinds diff knows."""
    from checker.diff.kinds import ChangeKind

    known = {str(k) for k in ChangeKind}
    for kind in policy.levels:
        if kind not in known:
            hint = did_you_mean(kind, known)
            raise ConfigError(
                f"{policy.file or 'configuration'}: diff.levels.{kind}: unknown change kind "
                f"'{kind}'{hint}; docs/diff.md lists them"
            )
    return {kind: level for kind, level in policy.levels.items()}  # type: ignore[misc]


def accept(changes: list[Change], policy: DiffPolicy) -> list[str]:
    """Mark the changes the policy accepts (by fingerprint) with its reason; a note for each
    entry that matches no change (fixed, or the change is not there: remove it)."""
    reasons = {entry.fingerprint: entry.reason for entry in policy.accepted}
    matched: set[str] = set()
    for change in changes:
        reason = reasons.get(change.fingerprint)
        if reason is not None:
            change.accepted = reason
            matched.add(change.fingerprint)
    return [
        f"{policy.file}: {entry.key} ({entry.fingerprint}) matches no change; remove it"
        for entry in policy.accepted
        if entry.fingerprint not in matched
    ]


def change_threshold(
    given: str | None, fail_on_breaking: bool, policy: DiffPolicy, breaking_only: bool = False
) -> str:
    """The change level at or above which diff exits 1: `--fail-on-change`, else
    `--fail-on-breaking` (error), else the policy's `fail-on-change`, else error in
    `--breaking-only` mode (a gate), else never."""
    from checker.engine.config import FAIL_ON, severity_name
    from checker.errors import UsageError

    value = severity_name(given) if given else None
    if value is not None and value not in FAIL_ON:
        raise UsageError(f"--fail-on-change '{given}': expected one of {', '.join(FAIL_ON)}")
    chosen = value or ("error" if fail_on_breaking else None) or policy.fail_on_change
    return str(chosen or ("error" if breaking_only else "never"))


def failing_changes(result: Diff, threshold: str) -> list[Change]:
    """The changes at or above the threshold that the policy does not accept."""
    from checker.engine.findings import reaches

    return [c for c in result.api.changes if c.accepted is None and reaches(c.level, threshold)]


def exit_code(result: Diff, fail_on: str, change_level: str) -> int:
    """1 when a new finding is at or above `fail_on`, or a change at or above `change_level`
    (and not accepted); else 0."""
    from checker.engine.findings import at_or_above

    if not result.breaking_only and at_or_above(result.new, fail_on):
        return 1
    return 1 if failing_changes(result, change_level) else 0
