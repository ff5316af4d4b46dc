"""`restcheck review`: the API's surface (resources, operations by kind) and its conformance.

Every finding of `check` is attributed to the operations it is about; each rule declares its
*scope* (checker.model.scopes), the operations and schemas it judges (creates for
`create-status`, every operation for `standard-methods`, ...). An operation x rule pair in
scope is one *check*: failed when the rule reported on that operation, passed otherwise; a
pair out of scope is no check (the rule did not look). A resource's score is the share of
its checks that passed. Component schemas a rule judges are counted per rule; findings about
no operation (component schemas, the document) are listed on their own and count in no
resource's score. See docs/review.md.

Renderers live in checker/review/render.py (text, json, markdown) and checker/review/html.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checker.engine.registry import SEVERITIES, Severity
from checker.errors import InternalError
from checker.model.scopes import Scope, document
from checker.pointers import within

if TYPE_CHECKING:
    from checker.engine.config import Config
    from checker.engine.findings import Finding, Notice
    from checker.engine.registry import Rule
    from checker.load.source import Source
    from checker.model import Api, Kind, Operation, Resource

KINDS: tuple[Kind, ...] = ("list", "read", "create", "update", "delete", "action", "other")


def worst_of(operations: list[OpReview]) -> Severity | None:
    """The highest severity among the operations' findings (None: all pass)."""
    found = {o.worst for o in operations}
    return next((s for s in SEVERITIES if s in found), None)


# -- the review -----------------------------------------------------------------------------------


@dataclass
class Counts:
    checks: int = 0
    passed: int = 0

    @property
    def failed(self) -> int:
        return self.checks - self.passed

    @property
    def score(self) -> float | None:
        """Share of checks passed; None when nothing applied."""
        return self.passed / self.checks if self.checks else None

    def add(self, other: Counts) -> None:
        self.checks += other.checks
        self.passed += other.passed

    @classmethod
    def total(cls, operations: list[OpReview]) -> Counts:
        found = cls()
        for op in operations:
            found.add(op.counts)
        return found


@dataclass
class OpReview:
    op: Operation
    group: str  # the resource's name, or the path group of an operation without a resource
    passed: list[str] = field(default_factory=list)  # rule ids
    failed: dict[str, list[Finding]] = field(default_factory=dict)  # rule id -> its findings

    @property
    def counts(self) -> Counts:
        return Counts(len(self.passed) + len(self.failed), len(self.passed))

    @property
    def findings(self) -> list[Finding]:
        return [f for found in self.failed.values() for f in found]

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def worst(self) -> Severity | None:
        """The highest severity among its findings (None: every check passed)."""
        found = {f.severity for f in self.findings}
        return next((s for s in SEVERITIES if s in found), None)


@dataclass
class GroupReview:
    """A resource, or the operations of one path group that belong to no resource."""

    name: str
    resource: Resource | None
    operations: list[OpReview] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        return Counts.total(self.operations)

    def of_kind(self, kind: str) -> list[OpReview]:
        return [o for o in self.operations if o.op.kind == kind]

    def cell(self, kind: str) -> str:
        """The matrix cell: 'none' (no operation of that kind), 'pass' (all pass), else the
        worst severity among their findings: 'error', 'warning' or 'info'."""
        ops = self.of_kind(kind)
        if not ops:
            return "none"
        return worst_of(ops) or "pass"

    @property
    def findings(self) -> list[Finding]:
        return [f for o in self.operations for f in o.findings]


@dataclass
class RuleTotals:
    rule: Rule
    scope: Scope
    counts: Counts = field(default_factory=Counts)  # checks of operations
    schemas: Counts = field(default_factory=Counts)  # checks of component schemas
    findings: int = 0  # all its findings, those outside operations included


@dataclass
class Review:
    source: Source
    api: Api
    findings: list[Finding]
    resources: list[GroupReview]
    groups: list[GroupReview]  # operations without a resource, by path group
    operations: list[OpReview]  # in document order
    rules: list[RuleTotals]
    outside: list[Finding]  # findings about no operation
    notices: list[Notice] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        return Counts.total(self.operations)

    def kind_counts(self) -> dict[str, int]:
        return {k: sum(1 for o in self.operations if o.op.kind == k) for k in KINDS}


def path_group(op: Operation) -> str:
    """Where an operation without a resource is listed: its leading namespaces (`oauth2`,
    `customer-portal/customers`), else its first static segment, else `/`."""
    names: list[str] = []
    for segment in op.segments:
        if segment.role == "version":
            continue
        if segment.role != "namespace":
            break
        names.append(segment.text)
    if not names:
        static = [s.text for s in op.segments if s.role != "version" and not s.is_param]
        names = static[:1]
    return "/".join(names) or "/"


def operations_of(finding: Finding, by_op: dict[tuple[str, str], Operation]) -> list[Operation]:
    """The operations a finding is about: its path and method, its path (every operation on
    it), or the operation its pointer lies in; none for schemas and the document."""
    path, method = finding.about()
    if path is None:
        return []
    if method is not None:
        op = by_op.get((path, method))
        return [op] if op is not None else []
    return [op for (p, _), op in by_op.items() if p == path]


def review(
    source: Source,
    api: Api,
    findings: list[Finding],
    rules: list[Rule],
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Review:
    """Attribute findings to operations and count passed and failed checks: an operation (or
    schema) passes a rule when the rule's scope judges it and no finding is about it. The
    options are the configuration's, by rule id (scopes may depend on them)."""
    by_op = {(op.path, op.method): op for op in api.operations}
    reviews = {
        id(op): OpReview(op, op.resource.name if op.resource else path_group(op))
        for op in api.operations
    }
    outside: list[Finding] = []
    reported: dict[tuple[int, str], list[Finding]] = {}
    for finding in findings:
        ops = operations_of(finding, by_op)
        if not ops:
            outside.append(finding)
        for op in ops:
            reported.setdefault((id(op), finding.rule), []).append(finding)
    totals = []
    for rule in rules:
        scope = rule.scope or UNJUDGED
        settings = rule.settings((options or {}).get(rule.id))
        own = [f for f in findings if f.rule == rule.id]
        total = RuleTotals(rule, scope, findings=len(own))
        for op in api.operations:
            entry = reviews[id(op)]
            found = reported.get((id(op), rule.id))
            if found:
                entry.failed[rule.id] = found
                total.counts.checks += 1
            elif scope.judges(op, api, settings):
                entry.passed.append(rule.id)
                total.counts.checks += 1
                total.counts.passed += 1
        for component in scope.judged_schemas(api, settings):
            total.schemas.checks += 1
            if not any(within(f.pointer, component.pointer) for f in own):
                total.schemas.passed += 1
        totals.append(total)
    resources = [GroupReview(r.name, r) for r in sorted(api.resources.values(), key=_name)]
    by_name = {g.name: g for g in resources}
    groups: dict[str, GroupReview] = {}
    for op in api.operations:
        entry = reviews[id(op)]
        if op.resource is not None:
            by_name[op.resource.name].operations.append(entry)
        else:
            groups.setdefault(entry.group, GroupReview(entry.group, None)).operations.append(entry)
    for group in [*resources, *groups.values()]:
        group.operations.sort(key=lambda o: (KINDS.index(o.op.kind), o.op.path, o.op.method))
    return Review(
        source=source,
        api=api,
        findings=findings,
        resources=resources,
        groups=sorted(groups.values(), key=lambda g: g.name),
        operations=[reviews[id(op)] for op in api.operations],
        rules=totals,
        outside=outside,
    )


# What a rule without a scope (a live rule, which judges a server) is counted on: nothing.
UNJUDGED = document("a running server (restcheck probe)")


def _name(resource: Resource) -> str:
    return resource.name


def run_review(source: Source, config: Config) -> Review:
    """Lint the source (what the configuration or inline marks excuse left out, as in
    `check`) and review it; findings have their positions."""
    from checker.engine.runner import lint_all, selected_rules

    (checked,) = lint_all([source], config)
    try:
        result = review(
            source, checked.api, checked.findings, selected_rules(config), config.options
        )
    except Exception as exc:  # a bug in restcheck: one line, exit 2, never a traceback
        raise InternalError(f"{source.name}: internal error in the review: {exc!r}") from exc
    result.notices = checked.notices
    return result
