"""`restcheck review`: the API's surface (resources, operations by kind) and its conformance.

Every finding of `check` is attributed to the operations it is about; each rule has a
*scope*, the operations it could have reported on (creates for `create-status`, every
operation for `standard-methods`, ...). An operation x rule pair in scope is one *check*:
failed when the rule reported on that operation, passed otherwise. A resource's score is the
share of its checks that passed. Findings about no operation (component schemas, the
document) are listed on their own and count in no score. See docs/review.md.

Renderers live in checker/review/render.py (text, json, markdown) and checker/review/html.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.errors import InternalError

if TYPE_CHECKING:
    from checker.engine.config import Config
    from checker.engine.findings import Finding, Notice
    from checker.engine.registry import Rule
    from checker.load.source import Source
    from checker.model import Api, Kind, Operation, Resource

KINDS: tuple[Kind, ...] = ("list", "read", "create", "update", "delete", "action", "other")


# -- scopes: which operations a rule could report on ---------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The operations a rule looks at, as a predicate and as words for the report."""

    label: str
    applies: Callable[[Operation], bool] | None  # None: the rule reports on no operation


def _every(op: Operation) -> bool:
    return True


def _kinds(*kinds: str) -> Callable[[Operation], bool]:
    return lambda op: op.kind in kinds


def _has_collection(op: Operation) -> bool:
    return any(s.role == "collection" for s in op.segments)


def _item_read(op: Operation) -> bool:
    return op.kind == "read" and bool(op.segments) and op.segments[-1].role == "item"


def _resource_write(op: Operation) -> bool:
    return op.kind in ("create", "update") and op.resource is not None


def _has_query(op: Operation) -> bool:
    return bool(op.query)


EVERY = Scope("every operation", _every)
LISTS = Scope("lists", _kinds("list"))
OUTSIDE = Scope("schemas and the document (no operation)", None)

# One entry per rule of the catalogue (docs/review.md explains each choice). A rule missing
# here falls back to UNKNOWN: it counts only where it reported, never as passed.
SCOPES: dict[str, Scope] = {
    "valid-openapi": EVERY,
    "version-prefix": EVERY,
    "plural-resources": Scope("operations whose path has a collection", _has_collection),
    "standard-methods": EVERY,
    "read-status": Scope("reads of an item (get by id)", _item_read),
    "create-status": Scope("creates", _kinds("create")),
    "update-status": Scope("updates", _kinds("update")),
    "delete-status": Scope("deletes", _kinds("delete")),
    "validation-error-422": EVERY,
    "write-returns-read-schema": Scope("creates and updates of a resource", _resource_write),
    "list-envelope": LISTS,
    "pagination-params": LISTS,
    "sorting-param": LISTS,
    "list-item-consistency": LISTS,
    "multi-value-filters": LISTS,
    "no-implicit-filters": LISTS,
    "organization-filter": LISTS,
    "no-shape-params": Scope("operations with query parameters", _has_query),
    "snake-case-fields": Scope("operations with query parameters", _has_query),
    "separate-write-schemas": Scope("creates and updates", _kinds("create", "update")),
    "partial-update": Scope("updates", _kinds("update")),
    "timestamps": OUTSIDE,
    "schema-docs": OUTSIDE,
    "auth-subject": EVERY,
    # `probe` rules judge a running server, not the document: a review never runs them.
    "live-status": Scope("a running server (restcheck probe)", None),
    "live-schema": Scope("a running server (restcheck probe)", None),
    "live-validation-422": Scope("a running server (restcheck probe)", None),
}
UNKNOWN = Scope("operations it reported on", None)


def scope_of(rule_id: str) -> Scope:
    return SCOPES.get(rule_id, UNKNOWN)


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
        """The matrix cell: 'none', 'pass' (every operation of that kind passes) or 'fail'."""
        ops = self.of_kind(kind)
        if not ops:
            return "none"
        return "pass" if all(o.ok for o in ops) else "fail"

    @property
    def findings(self) -> list[Finding]:
        return [f for o in self.operations for f in o.findings]


@dataclass
class RuleTotals:
    rule: Rule
    scope: Scope
    counts: Counts = field(default_factory=Counts)
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
    from checker.model import METHODS
    from checker.pointers import unescape

    path, method = finding.path, finding.method
    if path is None:
        tokens = finding.pointer.split("/")[1:]
        if len(tokens) < 2 or tokens[0] != "paths":
            return []
        path = unescape(tokens[1])
        method = tokens[2] if len(tokens) > 2 and tokens[2] in METHODS else None
    if method is not None:
        op = by_op.get((path, method))
        return [op] if op is not None else []
    return [op for (p, _), op in by_op.items() if p == path]


def review(source: Source, api: Api, findings: list[Finding], rules: list[Rule]) -> Review:
    """Attribute findings to operations and count passed and failed checks."""
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
        scope = scope_of(rule.id)
        total = RuleTotals(rule, scope, findings=sum(1 for f in findings if f.rule == rule.id))
        for op in api.operations:
            entry = reviews[id(op)]
            found = reported.get((id(op), rule.id))
            if found:
                entry.failed[rule.id] = found
                total.counts.checks += 1
            elif scope.applies is not None and scope.applies(op):
                entry.passed.append(rule.id)
                total.counts.checks += 1
                total.counts.passed += 1
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


def _name(resource: Resource) -> str:
    return resource.name


def run_review(source: Source, config: Config) -> Review:
    """Lint the source (what the configuration or inline marks excuse left out, as in
    `check`) and review it; findings have their positions."""
    from checker.engine.runner import lint_all, selected_rules

    (checked,) = lint_all([source], config)
    try:
        result = review(source, checked.api, checked.findings, selected_rules(config))
    except Exception as exc:  # a bug in restcheck: one line, exit 2, never a traceback
        raise InternalError(f"{source.name}: internal error in the review: {exc!r}") from exc
    result.notices = checked.notices
    return result
