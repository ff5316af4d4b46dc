"""Reports: findings rendered for people (text, markdown) and for programs (json, sarif, junit,
github). Each format is a module here with `render(findings, context) -> str`."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from checker.engine.findings import Finding, summary
from checker.words import count

if TYPE_CHECKING:
    from checker.engine.findings import Notice
    from checker.engine.registry import Rule

Renderer = Callable[[list[Finding], "ReportContext"], str]

# Every format, in the order `--help` lists them; each is checker/report/<name>.py.
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")


class ReportContext:
    """What a renderer may need besides the findings.

    - `sources`: the SOURCE arguments, in order (reports name every file checked);
    - `notes`: lines for people (the text and markdown reports end with them);
    - `notices`: problems of the input that are no rule's finding (e.g. an unknown rule id in
      `x-restcheck-ignore`), with positions; machine formats carry them natively;
    - `baseline`: the baseline's summary when `--baseline` was given (see checker.engine.baseline);
    - `fail_on`: the exit threshold (JUnit fails the test cases of findings at or above it);
    - `rules`: the rules that ran (None: every rule), for SARIF's and JUnit's rule lists;
    - `quiet`: findings only, no headline, summary or notes (text, github);
    - `statistics`: counts per rule instead of the findings (text);
    - `docs_url`: the URL the rule pages are under, ending in `/` (SARIF's `helpUri`), or None;
    - `extra`: top-level keys the JSON report adds (probe's `operations` and `left_behind`).
    """

    def __init__(
        self,
        sources: list[str],
        color: bool = False,
        notes: list[str] | None = None,
        *,
        notices: list[Notice] | None = None,
        baseline: dict[str, Any] | None = None,
        fail_on: str = "error",
        rules: list[Rule] | None = None,
        quiet: bool = False,
        statistics: bool = False,
        docs_url: str | None = None,
        extra: dict[str, Any] | None = None,
    ):
        self.sources = sources
        self.color = color
        self.notes = notes or []
        self.extra = extra or {}
        self.notices = notices or []
        self.baseline = baseline
        self.fail_on = fail_on
        self._rules = rules
        self.quiet = quiet
        self.statistics = statistics
        self.docs_url = docs_url

    @property
    def rules(self) -> list[Rule]:
        if self._rules is None:
            from checker.engine.catalogue import all_rules

            self._rules = list(all_rules().values())
        return self._rules


def renderer(name: str) -> Renderer:
    if name not in FORMATS:
        raise ValueError(name)
    render: Renderer = import_module(f"checker.report.{name}").render
    return render


def tally(findings: list[Finding]) -> str:
    """How many problems, by severity, for a report's headline: `2 problems (1 error, 1
    warning)`."""
    detail = ", ".join(count(n, s) for s, n in summary(findings).items() if n)
    return f"{count(len(findings), 'problem')} ({detail})"


def headline(findings: list[Finding], sources: list[str]) -> str:
    """The one summary sentence every human format ends or starts with:
    `3 problems (2 errors, 1 warning) in 1 file of 2 checked`, or `no problems found in
    2 files`."""
    if not findings:
        return f"no problems found in {count(len(sources), 'file')}"
    affected = len({f.source for f in findings})
    return f"{tally(findings)} in {count(affected, 'file')} of {len(sources)} checked"
