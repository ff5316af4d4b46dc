"""What a rule looks at: its scope, declared with the rule and read by the runner and review.

A scope says how the rule is called and what it judges:

- `per="operation"`: the rule is called once per operation its predicate selects, as
  `rule(op, api, **options)`; each selected operation is one check.
- `per="schema"`: once per selected component schema, as `rule(component, api, **options)`.
- `per="document"`: once, as `rule(api, **options)`, for rules that weigh the document as a
  whole (validation, a collection named on many paths, generics across schemas); its
  predicates still say which operations and schemas it judges, for the review.

Predicates take `(item, api, options)`, the options being the rule's, defaults filled in,
so that a rule whose options narrow what it judges says so in its scope. A review counts
an operation or schema as passing a rule only when the rule's scope selects it: a check
that did not run is never a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from checker.model.api import Api, Component
from checker.model.parts import Operation

Options = Mapping[str, Any]
OperationTest = Callable[[Operation, Api, Options], bool]
SchemaTest = Callable[[Component, Api, Options], bool]
Per = Literal["operation", "schema", "document"]


@dataclass(frozen=True)
class Scope:
    label: str  # as a report names it: "creates", "lists whose answer shows its items"
    per: Per
    operations: OperationTest | None = None  # the operations it judges (None: none)
    schemas: SchemaTest | None = None  # the component schemas it judges (None: none)

    def judged_operations(self, api: Api, options: Options) -> list[Operation]:
        test = self.operations
        return [op for op in api.operations if test(op, api, options)] if test else []

    def judged_schemas(self, api: Api, options: Options) -> list[Component]:
        test = self.schemas
        return [c for c in api.components if test(c, api, options)] if test else []

    def judges(self, op: Operation, api: Api, options: Options) -> bool:
        return self.operations is not None and self.operations(op, api, options)

    def where(self, label: str, test: OperationTest) -> Scope:
        """This scope's operations narrowed by another test, under a new label."""
        base = self.operations
        assert base is not None, "only an operation scope narrows by operation"
        return replace(
            self, label=label, operations=lambda o, a, x: base(o, a, x) and test(o, a, x)
        )


def operations(label: str, test: OperationTest) -> Scope:
    """A rule called once per operation that passes the test."""
    return Scope(label, "operation", operations=test)


def schemas(label: str, test: SchemaTest) -> Scope:
    """A rule called once per component schema that passes the test."""
    return Scope(label, "schema", schemas=test)


def document(
    label: str, operations: OperationTest | None = None, schemas: SchemaTest | None = None
) -> Scope:
    """A rule called once for the document, judging the operations and schemas given."""
    return Scope(label, "document", operations=operations, schemas=schemas)


def of_kind(*kinds: str) -> OperationTest:
    return lambda op, api, options: op.kind in kinds


def every_operation(op: Operation, api: Api, options: Options) -> bool:
    return True


def item_read(op: Operation, api: Api, options: Options) -> bool:
    """A get by id: a read whose last segment is an item (not a singleton like `/me`)."""
    return op.kind == "read" and bool(op.segments) and op.segments[-1].role == "item"


def model(component: Component, api: Api, options: Options) -> bool:
    """A component that stands for a model: FastAPI's `X-Input`/`X-Output` twins once (as
    `X-Output`)."""
    return component.name not in api.twins


EVERY_OPERATION = operations("every operation", every_operation)
LISTS = operations("lists", of_kind("list"))
ITEM_READS = operations("reads of an item (get by id)", item_read)
CREATES = operations("creates", of_kind("create"))
UPDATES = operations("updates", of_kind("update"))
DELETES = operations("deletes", of_kind("delete"))
CREATES_AND_UPDATES = operations("creates and updates", of_kind("create", "update"))
MODELS = schemas("component schemas (FastAPI's input/output twins once)", model)
