"""What changed between two versions of an API: operations, resources, and per operation the
changes a client can notice, each marked breaking or not.

Operations are matched by method and path template (parameter names do not matter:
`/items/{id}` and `/items/{item_id}` are one URL). Schemas are compared structurally through
`$ref` (a renamed component with the same shape is no change), `allOf`, and `anyOf`/`oneOf`
variants (matched by component name, then by type), cycle-safe.

Direction decides what breaks. What clients *send* (parameters, request bodies) breaks when
the server accepts less: a field added as required or made required, a type or enum
narrowed, a variant or null no longer accepted, a media type dropped. What clients *read*
(responses) breaks when they get less or something unexpected: a status code or field
removed, a field made optional, a type widened (null included), a new variant. See
docs/review.md for the full table.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from checker.diff.kinds import ChangeKind, Context, Level, SchemaChange
from checker.model import Api, Operation, Parameter, is_json
from checker.model.schemas import Schemas, members, section
from checker.pointers import join, unescape

Side = Literal["base", "head"]


@dataclass
class Change:
    type: ChangeKind
    pointer: str  # into HEAD, or into BASE for what HEAD no longer has (side says which)
    side: Side
    message: str
    path: str | None = None
    method: str | None = None
    line: int | None = None
    column: int | None = None
    end_column: int | None = None  # the last column of the key pointed at, on the same line
    accepted: str | None = None  # the reason, when the configuration accepts this change
    # The kind's level, then lowered by the operation's stability or set by the policy.
    level: Level = field(init=False)

    def __post_init__(self) -> None:
        self.level = self.type.level

    @property
    def breaking(self) -> bool:
        return self.level == "error" and self.accepted is None

    @property
    def operation(self) -> str | None:
        return f"{self.method.upper()} {self.path}" if self.method and self.path else None

    @property
    def detail(self) -> str:
        """The message without the operation it starts with."""
        prefix = f"{self.operation}: "
        return self.message[len(prefix) :] if self.message.startswith(prefix) else self.message

    @property
    def fingerprint(self) -> str:
        """What the change is, not where it is written: its kind, the operation (method and
        path template) and its message without the operation; stable across unrelated edits
        and reformatting, so an accepted change stays accepted."""
        operation = f"{self.method or ''} {template(self.path) if self.path else ''}"
        text = f"{self.type}|{operation}|{self.detail}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "type": self.type,
            "breaking": self.breaking,
            "level": self.level,
            "operation": self.operation,
            "path": self.path,
            "method": self.method,
            "pointer": self.pointer,
            "side": self.side,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "fingerprint": self.fingerprint,
        }
        if self.accepted is not None:
            found["accepted"] = self.accepted
        return found


def template(path: str) -> str:
    """A path with its parameters unnamed: `/items/{id}` -> `/items/{}`."""
    return re.sub(r"\{[^}/]*\}", "{}", path)


def _key(op: Operation) -> tuple[str, str]:
    return template(op.path), op.method


@dataclass
class ApiDiff:
    added: list[Operation]  # operations of HEAD only
    removed: list[Operation]  # operations of BASE only
    common: list[tuple[Operation, Operation]]
    resources_added: list[str]
    resources_removed: list[str]
    changes: list[Change]  # per operation (operation-added/-removed included), in order

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]


def compare(
    base: Api,
    head: Api,
    today: date | None = None,
    levels: Mapping[str, Level] | None = None,
) -> ApiDiff:
    """Every change from BASE to HEAD with its level: the kind's, or the policy's (`levels`,
    by kind id), then relaxed for operations BASE marks `x-stability-level: alpha` (info) or
    `beta` (at most a warning). `today` (default: today) decides whether a removed
    operation's `x-sunset` date has passed."""
    today = today or date.today()
    levels = levels or {}
    base_ops = {_key(op): op for op in base.operations}
    head_ops = {_key(op): op for op in head.operations}
    added = [op for key, op in head_ops.items() if key not in base_ops]
    removed = [op for key, op in base_ops.items() if key not in head_ops]
    common = [(base_ops[key], op) for key, op in head_ops.items() if key in base_ops]
    changes: list[Change] = []
    for op in removed:
        kind, how = _removal(op.raw, today)
        changes.append(
            Change(kind, op.pointer, "base", f"{op.label}: {how}removed", op.path, op.method)
        )
    for op in added:
        changes.append(
            Change(
                ChangeKind.OPERATION_ADDED,
                op.pointer,
                "head",
                f"{op.label}: operation added",
                op.path,
                op.method,
            )
        )
    graph = _Graph(base.schemas, head.schemas, unchanged_components(base.document, head.document))
    for old, new in common:
        changes.extend(_OperationDiff(graph, old, new, today).changes())
    stability = {
        _key(op): str(op.raw.get("x-stability-level", "")).lower() for op in base.operations
    }
    for change in changes:
        change.level = levels.get(change.type, change.type.level)
        stage = stability.get((template(change.path or ""), change.method or ""), "")
        if stage == "alpha":  # anything may change in an alpha operation
            change.level = "info"
        elif stage == "beta" and change.level == "error":
            change.level = "warning"
    return ApiDiff(
        added=added,
        removed=removed,
        common=common,
        resources_added=sorted(set(head.resources) - set(base.resources)),
        resources_removed=sorted(set(base.resources) - set(head.resources)),
        changes=changes,
    )


def _sunset(raw: Mapping[str, Any]) -> date | None:
    value = raw.get("x-sunset")
    if isinstance(value, date):  # YAML reads an unquoted date as one
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _removal(raw: Mapping[str, Any], today: date) -> tuple[ChangeKind, str]:
    """The kind of removing an operation as written in BASE, and how to say it:
    removing what was not deprecated breaks clients; what was deprecated, past its `x-sunset`
    date, does not; before that date it does; without a date it may."""
    if raw.get("deprecated") is not True:
        return ChangeKind.OPERATION_REMOVED, "operation "
    sunset = _sunset(raw)
    if sunset is None:
        return ChangeKind.DEPRECATED_OPERATION_REMOVED_WITHOUT_SUNSET, "deprecated operation "
    if sunset > today:
        return ChangeKind.OPERATION_REMOVED_BEFORE_SUNSET, f"operation (sunset {sunset}) "
    return ChangeKind.DEPRECATED_OPERATION_REMOVED, f"deprecated operation (sunset {sunset}) "


# -- one operation --------------------------------------------------------------------------------


Alternative = dict[str, frozenset[str]]  # scheme -> scopes: one way to call an operation


def _alternatives(security: list[Mapping[str, Any]] | None) -> list[Alternative]:
    """An operation's security as its alternatives; `[]` or none stated: one that needs
    nothing (anyone may call)."""
    if not security:
        return [{}]
    found: list[Alternative] = []
    for requirement in security:
        if isinstance(requirement, Mapping):
            found.append(
                {
                    str(name): frozenset(str(s) for s in scopes)
                    if isinstance(scopes, list)
                    else frozenset()
                    for name, scopes in requirement.items()
                }
            )
    return found or [{}]


def _satisfies(held: Alternative, required: Alternative) -> bool:
    """Whether a caller holding `held` (schemes with scopes) meets `required`."""
    return all(name in held and scopes <= held[name] for name, scopes in required.items())


def _show_alternative(alternative: Alternative) -> str:
    if not alternative:
        return "no credentials"
    return " + ".join(
        name + (f" ({', '.join(sorted(scopes))})" if scopes else "")
        for name, scopes in sorted(alternative.items())
    )


def _describe(types: frozenset[str]) -> str:
    return " | ".join(sorted(types)) if types else "any"


def _covers(big: frozenset[str], small: frozenset[str]) -> bool:
    """Whether a schema of types `big` admits every value of types `small` (empty = any)."""
    if not big:
        return True
    if not small:
        return False
    return all(t in big or (t == "integer" and "number" in big) for t in small)


def _value(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _some(values: list[str], shown: int = 8) -> str:
    """Values for a message: the first few, then how many more."""
    if len(values) <= shown:
        return ", ".join(values)
    return ", ".join(values[:shown]) + f", … ({len(values) - shown} more)"


def _references(node: Any, found: set[str]) -> set[str]:
    """Names of the components a schema refers to (any other `$ref` adds "#")."""
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str):
            prefix = "#/components/schemas/"
            name = ref[len(prefix) :] if ref.startswith(prefix) else ""
            found.add(unescape(name) if name and "/" not in name else "#")
        for value in node.values():
            _references(value, found)
    elif isinstance(node, list):
        for value in node:
            _references(value, found)
    return found


def unchanged_components(base: Mapping[str, Any], head: Mapping[str, Any]) -> set[str]:
    """Component schemas written the same in both documents whose every reference (followed
    transitively) is unchanged too: comparing them would find nothing, so it is skipped."""

    def schemas(document: Mapping[str, Any]) -> Mapping[str, Any]:
        found = section(document, "components", "schemas")
        return found if isinstance(found, Mapping) else {}

    old, new = schemas(base), schemas(head)
    same = {name for name, schema in new.items() if name in old and old[name] == schema}
    refs = {name: _references(new[name], set()) for name in same}
    shrinking = True
    while shrinking:
        gone = {name for name in same if not refs[name] <= same}
        same -= gone
        shrinking = bool(gone)
    return same


class _OperationDiff:
    def __init__(self, graph: _Graph, old: Operation, new: Operation, today: date) -> None:
        self.graph = graph
        self.old, self.new = old, new
        self.today = today
        self.found: list[Change] = []
        self.seen: set[tuple[str, str, str]] = set()

    def emit(self, type: ChangeKind, pointer: str, side: Side, message: str, key: str = "") -> None:
        """Record a change; one per type, pointer and place (`key`, e.g. `response 200`)."""
        seen = (type, pointer, key or message)
        if seen in self.seen:
            return
        self.seen.add(seen)
        self.found.append(
            Change(
                type, pointer, side, f"{self.new.label}: {message}", self.new.path, self.new.method
            )
        )

    def changes(self) -> list[Change]:
        if self.new.raw.get("deprecated") is True and self.old.raw.get("deprecated") is not True:
            self.emit(ChangeKind.OPERATION_DEPRECATED, self.new.pointer, "head", "deprecated")
        self._parameters()
        self._body()
        self._responses()
        self._security()
        return self.found

    # -- parameters -------------------------------------------------------------------------------

    def _parameters(self) -> None:
        def keyed(op: Operation) -> dict[tuple[str, str], Parameter]:
            names = re.findall(r"\{([^}/]*)\}", op.path)
            found = {}
            for param in op.parameters:
                if param.location == "path" and param.name in names:
                    found[("path", str(names.index(param.name)))] = param
                else:
                    found[(param.location, param.name)] = param
            return found

        old, new = keyed(self.old), keyed(self.new)
        for key, param in new.items():
            what = f"parameter `{param.name}` ({param.location})"
            before = old.get(key)
            if before is None:
                if param.required:
                    self.emit(
                        ChangeKind.PARAMETER_ADDED_REQUIRED,
                        param.pointer,
                        "head",
                        f"required {what} added",
                    )
                else:
                    self.emit(
                        ChangeKind.PARAMETER_ADDED, param.pointer, "head", f"optional {what} added"
                    )
                continue
            if param.required and not before.required:
                self.emit(
                    ChangeKind.PARAMETER_MADE_REQUIRED,
                    param.pointer,
                    "head",
                    f"{what} made required",
                )
            elif before.required and not param.required:
                self.emit(
                    ChangeKind.PARAMETER_MADE_OPTIONAL,
                    param.pointer,
                    "head",
                    f"{what} made optional",
                )
            self._schema(
                "parameter",
                what,
                before.schema,
                join(before.pointer, "schema"),
                param.schema,
                join(param.pointer, "schema"),
            )
        for key, param in old.items():
            if key not in new:
                what = f"parameter `{param.name}` ({param.location})"
                kind = ChangeKind.PARAMETER_REMOVED
                if param.raw.get("deprecated") is True:
                    kind, what = ChangeKind.DEPRECATED_PARAMETER_REMOVED, f"deprecated {what}"
                self.emit(kind, param.pointer, "base", f"{what} removed")

    # -- request body -----------------------------------------------------------------------------

    def _body(self) -> None:
        old, new = self.old.body, self.new.body
        if old is None and new is None:
            return
        if old is None:
            assert new is not None
            if new.required:
                self.emit(
                    ChangeKind.REQUEST_BODY_ADDED_REQUIRED,
                    new.pointer,
                    "head",
                    "required request body added",
                )
            else:
                self.emit(
                    ChangeKind.REQUEST_BODY_ADDED,
                    new.pointer,
                    "head",
                    "optional request body added",
                )
            return
        if new is None:
            self.emit(ChangeKind.REQUEST_BODY_REMOVED, old.pointer, "base", "request body removed")
            return
        if new.required and not old.required:
            self.emit(
                ChangeKind.REQUEST_BODY_MADE_REQUIRED,
                new.pointer,
                "head",
                "request body made required",
            )
        elif old.required and not new.required:
            self.emit(
                ChangeKind.REQUEST_BODY_MADE_OPTIONAL,
                new.pointer,
                "head",
                "request body made optional",
            )
        self._content("request", "request body", old.pointer, old.content, new.pointer, new.content)

    # -- responses --------------------------------------------------------------------------------

    def _responses(self) -> None:
        old, new = self.old.responses, self.new.responses
        for status, response in old.items():
            if status not in new:
                success = status.startswith("2") or status.upper() == "2XX"
                self.emit(
                    ChangeKind.STATUS_REMOVED if success else ChangeKind.NON_SUCCESS_STATUS_REMOVED,
                    response.pointer,
                    "base",
                    f"response {status} removed",
                )
        for status, response in new.items():
            before = old.get(status)
            if before is None:
                self.emit(
                    ChangeKind.STATUS_ADDED, response.pointer, "head", f"response {status} added"
                )
                continue
            self._content(
                "response",
                f"response {status}",
                before.pointer,
                before.content,
                response.pointer,
                response.content,
            )

    # -- security ---------------------------------------------------------------------------------

    def _security(self) -> None:
        """A client that could call with one of BASE's alternatives (each a set of schemes with
        scopes) must still be able to: else a requirement (or a scope) was added."""
        if self.old.security is None:  # BASE states nothing: public or undocumented, unknown
            return
        before, after = _alternatives(self.old.security), _alternatives(self.new.security)
        if before == after:
            return
        pointer = self.new.security_pointer or self.new.pointer
        for old in before:
            if any(_satisfies(old, new) for new in after):
                continue
            same_schemes = [n for n in after if set(n) == set(old)]
            if same_schemes:
                added = sorted(
                    f"{scheme}: {scope}"
                    for scheme, scopes in same_schemes[0].items()
                    for scope in scopes - old[scheme]
                )
                self.emit(
                    ChangeKind.SECURITY_SCOPES_ADDED,
                    pointer,
                    "head",
                    f"security scopes added: {', '.join(added)}",
                )
            else:
                shown = _show_alternative(old)
                self.emit(
                    ChangeKind.SECURITY_REQUIREMENT_ADDED,
                    pointer,
                    "head",
                    f"security tightened: callers with {shown} can no longer call it",
                )
        tightened = any(not any(_satisfies(old, new) for new in after) for old in before)
        old_schemes = [set(old) for old in before]
        for new in after:
            if new in before:
                continue
            if any(_satisfies(old, new) for old in before):
                self.emit(
                    ChangeKind.SECURITY_REQUIREMENT_REMOVED,
                    pointer,
                    "head",
                    f"security loosened: {_show_alternative(new)} now suffices",
                )
            elif not tightened and set(new) not in old_schemes:
                self.emit(
                    ChangeKind.SECURITY_ALTERNATIVE_ADDED,
                    pointer,
                    "head",
                    f"security alternative {_show_alternative(new)} added",
                )

    def _content(
        self,
        context: Context,
        what: str,
        old_pointer: str,
        old: Mapping[str, Any],
        new_pointer: str,
        new: Mapping[str, Any],
    ) -> None:
        for media in old:
            if media not in new:
                self.emit(
                    ChangeKind(f"{context}-media-type-removed"),
                    join(old_pointer, "content", media),
                    "base",
                    f"{what}: media type {media} removed",
                )
        for media, schema in new.items():
            pointer = join(new_pointer, "content", media)
            if media not in old:
                self.emit(
                    ChangeKind(f"{context}-media-type-added"),
                    pointer,
                    "head",
                    f"{what}: media type {media} added",
                )
                continue
            label = what if is_json(media) else f"{what} ({media})"
            self._schema(
                context,
                label,
                old[media],
                join(old_pointer, "content", media, "schema"),
                schema,
                join(pointer, "schema"),
            )

    def _schema(
        self, context: Context, what: str, old: Any, old_ptr: str, new: Any, new_ptr: str
    ) -> None:
        """Compare the schemas of one place (`what`: a parameter, the body, a response) and
        emit what changed, following the component pairs they lead to, each once."""
        walker = _SchemaDiff(self.graph, context)
        walker.compare(old, old_ptr, new, new_ptr, "")
        visited: set[NodeKey] = set()
        stack: list[tuple[Iterator[Entry], str]] = [(iter(walker.entries), "")]
        while stack:
            entries, prefix = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                continue
            if isinstance(entry, Edge):
                if entry.key not in visited:
                    visited.add(entry.key)
                    nested = iter(self.graph.node(entry.key))
                    stack.append((nested, _compose(prefix, entry.where)))
                continue
            where = _compose(prefix, entry.where)
            if where == "[]":
                place = f"{what}: items"
            else:
                place = f"{what}: field `{where}`" if where else what
            message = f"{place}: {entry.message}"
            self.emit(entry.type, entry.pointer, entry.side, message, key=f"{what}|{entry.message}")


# -- schemas --------------------------------------------------------------------------------------
#
# Schemas are compared once per pair of components (old name, new name, direction): a *node*
# holds the changes found inside that pair, down to the next pair of components, which is an
# *edge*. An operation's place (a parameter, the body, a response) walks its own inline schema
# the same way, then follows the edges, each node once. So a component shared by hundreds of
# operations is compared once, cycles end, and each operation still reports every change it
# can reach, with the field path from its own root.

Variant = tuple[Any, str]  # a schema node as written (maybe a $ref) and its pointer
NodeKey = tuple[str, str, str]  # (component in BASE, component in HEAD, context)


@dataclass(frozen=True)
class Local:
    """A change found while walking, relative to the walk's root."""

    type: ChangeKind
    pointer: str
    side: Side
    where: str
    message: str


@dataclass(frozen=True)
class Edge:
    """A pair of components the walk reached: compared on its own (see _Graph)."""

    where: str
    key: NodeKey


Entry = Local | Edge


def _compose(prefix: str, where: str) -> str:
    """A field path under another: `items` + `[].id` -> `items[].id`, `a` + `b` -> `a.b`."""
    if not prefix or not where:
        return prefix or where
    return prefix + where if where.startswith("[]") else f"{prefix}.{where}"


class _Graph:
    """The component pairs compared so far, each with its entries (changes and edges)."""

    def __init__(self, base: Schemas, head: Schemas, same: set[str]) -> None:
        self.base, self.head = base, head
        self.same = same
        self.nodes: dict[NodeKey, list[Entry]] = {}

    def node(self, key: NodeKey) -> list[Entry]:
        found = self.nodes.get(key)
        if found is None:
            old, new, context = key
            old_ptr, new_ptr = join("/components/schemas", old), join("/components/schemas", new)
            walker = _SchemaDiff(self, context)  # type: ignore[arg-type]
            walker.compare(
                {"$ref": "#" + old_ptr}, old_ptr, {"$ref": "#" + new_ptr}, new_ptr, "", root=True
            )
            found = self.nodes[key] = walker.entries
        return found


class _SchemaDiff:
    """Walks two schemas side by side, recording changes, down to pairs of components."""

    def __init__(self, graph: _Graph, context: Context) -> None:
        self.graph = graph
        self.base, self.head = graph.base, graph.head
        self.context: Context = context
        self.visited: set[tuple[int, int]] = set()
        self.entries: list[Entry] = []

    def emit(
        self, change: SchemaChange, pointer: str, side: Side, where: str, message: str
    ) -> None:
        self.entries.append(
            Local(ChangeKind.of(self.context, change), pointer, side, where, message)
        )

    def boundary(self, old: Any, new: Any, where: str) -> bool:
        """Whether old and new are both components: then record an edge (unless the
        component is unchanged) and stop here."""
        old_name = self.base.ref_name(old)
        new_name = self.head.ref_name(new) if old_name is not None else None
        if old_name is None or new_name is None:
            return False
        if not (old_name == new_name and old_name in self.graph.same):
            self.entries.append(Edge(where, (old_name, new_name, self.context)))
        return True

    @property
    def sending(self) -> bool:
        return self.context != "response"

    def compare(
        self, old: Any, old_ptr: str, new: Any, new_ptr: str, where: str, root: bool = False
    ) -> None:
        if not root and self.boundary(old, new, where):
            return
        old_target, old_schema = self.base.target(old)
        new_target, new_schema = self.head.target(new)
        old_ptr, new_ptr = old_target or old_ptr, new_target or new_ptr
        key = (id(old_schema), id(new_schema))
        if key in self.visited:
            return
        self.visited.add(key)
        self._default(old_schema, new_schema, new_ptr, where)
        was_null, is_null = self.base.nullable(old_schema), self.head.nullable(new_schema)
        if self.sending and was_null and not is_null:
            self.emit(SchemaChange.TYPE_NARROWED, new_ptr, "head", where, "no longer accepts null")
        elif not self.sending and is_null and not was_null:
            self.emit(SchemaChange.TYPE_WIDENED, new_ptr, "head", where, "may now be null")
        old_variants = _variants(self.base, old, old_ptr)
        new_variants = _variants(self.head, new, new_ptr)
        if len(old_variants) == 1 and len(new_variants) == 1:
            self._single(
                old_variants[0], new_variants[0], where, root and old_variants[0][0] is old
            )
            return
        pairs, gone, extra = self._match(old_variants, new_variants)
        for node, pointer in gone:
            name = self._name(self.base, node)
            self.emit(
                SchemaChange.VARIANT_REMOVED, pointer, "base", where, f"variant {name} removed"
            )
        for node, pointer in extra:
            name = self._name(self.head, node)
            self.emit(SchemaChange.VARIANT_ADDED, pointer, "head", where, f"variant {name} added")
        for before, after in pairs:
            self._single(before, after, where)

    @staticmethod
    def _name(schemas: Schemas, node: Any) -> str:
        name = schemas.ref_name(node)
        if name:
            return name
        types = schemas.types(node) - {"null"}
        if types == {"array"}:
            item = schemas.items(node)
            item_name = schemas.ref_name(item) if item is not None else None
            if item_name:
                return f"array of {item_name}"
        return _describe(types)

    def _match(
        self, old: list[Variant], new: list[Variant]
    ) -> tuple[list[tuple[Variant, Variant]], list[Variant], list[Variant]]:
        """Pair variants: by component name; by discriminator value (a property with one
        allowed value, like `type: const custom`); then, among the rest, variants of the same
        type (objects only when half their property names are shared), best first. Variants
        whose discriminators differ are never paired."""
        base, head = self.base, self.head
        pairs: list[tuple[Variant, Variant]] = []
        gone, extra = list(old), list(new)

        def pair(before: Variant, after: Variant) -> None:
            pairs.append((before, after))
            gone.remove(before)
            extra.remove(after)

        for before in list(gone):
            name = base.ref_name(before[0])
            after = next((v for v in extra if name and head.ref_name(v[0]) == name), None)
            if after is not None:
                pair(before, after)
        tags = {id(v[0]): _tags(base, v[0]) for v in gone}
        tags.update({id(v[0]): _tags(head, v[0]) for v in extra})
        for before in list(gone):
            wanted = tags[id(before[0])]
            after = next((v for v in extra if wanted and wanted & tags[id(v[0])]), None)
            if after is not None:
                pair(before, after)
        candidates = []
        for before in gone:
            for after in extra:
                score = self._likeness(before[0], after[0], tags[id(before[0])], tags[id(after[0])])
                if score is not None:
                    candidates.append((score, before, after))
        candidates.sort(key=lambda c: -c[0])
        for _, before, after in candidates:
            if before in gone and after in extra:
                pair(before, after)
        return pairs, gone, extra

    def _likeness(
        self, old: Any, new: Any, old_tags: frozenset[Any], new_tags: frozenset[Any]
    ) -> float | None:
        """How alike two variants are (0..1), or None when they must not be paired."""
        types = self.base.types(old) - {"null"}
        if types != self.head.types(new) - {"null"}:
            return None
        if {k for k, _ in old_tags} & {k for k, _ in new_tags}:
            return None  # same discriminator property, different values
        if "object" not in types:
            return 0.5
        was, now = set(self.base.properties(old)), set(self.head.properties(new))
        if not was and not now:
            return 0.5
        score = len(was & now) / len(was | now)
        return score if score >= 0.5 else None

    def _single(self, old: Variant, new: Variant, where: str, root: bool = False) -> None:
        if not root and self.boundary(old[0], new[0], where):
            return
        base, head = self.base, self.head
        old_ptr = base.target(old[0])[0] or old[1]
        new_ptr = head.target(new[0])[0] or new[1]
        old_schema, new_schema = base.deref(old[0]), head.deref(new[0])
        was = base.types(old_schema) - {"null"}
        now = head.types(new_schema) - {"null"}
        lost, gained = not _covers(now, was), not _covers(was, now)
        if lost or gained:
            change = (
                SchemaChange.TYPE_CHANGED
                if lost and gained
                else SchemaChange.TYPE_NARROWED
                if lost
                else SchemaChange.TYPE_WIDENED
            )
            self.emit(change, new_ptr, "head", where, f"type {_describe(was)} -> {_describe(now)}")
            if lost and gained:
                return
        self._enum(old_schema, new_schema, new_ptr, where)
        self._extensible_enum(old_schema, new_schema, new_ptr, where)
        self._constraints(old_schema, new_schema, new_ptr, where)
        if "object" in was and "object" in now:
            self._object(old_schema, old_ptr, new_schema, new_ptr, where)
        if "array" in was and "array" in now:
            old_items, new_items = old_schema.get("items"), new_schema.get("items")
            if isinstance(old_items, Mapping) and isinstance(new_items, Mapping):
                self.compare(
                    old_items,
                    join(old_ptr, "items"),
                    new_items,
                    join(new_ptr, "items"),
                    where + "[]",
                )

    def _enum(self, old: Any, new: Any, new_ptr: str, where: str) -> None:
        was, now = self.base.enum(old), self.head.enum(new)
        if was == now:
            return
        if now is None:
            self.emit(
                SchemaChange.ENUM_WIDENED, new_ptr, "head", where, "no longer restricted to an enum"
            )
            return
        if was is None:
            shown = _some([_value(v) for v in now])
            self.emit(
                SchemaChange.ENUM_NARROWED, new_ptr, "head", where, f"now restricted to {shown}"
            )
            return
        old_values, new_values = {_value(v) for v in was}, {_value(v) for v in now}
        removed = [_value(v) for v in was if _value(v) not in new_values]
        added = [_value(v) for v in now if _value(v) not in old_values]
        if removed:
            self.emit(
                SchemaChange.ENUM_NARROWED,
                new_ptr,
                "head",
                where,
                "enum values removed: " + _some(removed),
            )
        if added:
            self.emit(
                SchemaChange.ENUM_WIDENED,
                new_ptr,
                "head",
                where,
                "enum values added: " + _some(added),
            )

    def _extensible_enum(self, old: Any, new: Any, new_ptr: str, where: str) -> None:
        """`x-extensible-enum`: values clients must accept more of; removing one breaks
        what clients send."""
        was, now = old.get("x-extensible-enum"), new.get("x-extensible-enum")
        if not isinstance(was, list) or not isinstance(now, list) or was == now:
            return
        old_values, new_values = {_value(v) for v in was}, {_value(v) for v in now}
        removed = [_value(v) for v in was if _value(v) not in new_values]
        added = [_value(v) for v in now if _value(v) not in old_values]
        if removed:
            message = "extensible enum values removed: " + _some(removed)
            self.emit(SchemaChange.EXTENSIBLE_ENUM_NARROWED, new_ptr, "head", where, message)
        if added:
            message = "extensible enum values added: " + _some(added)
            self.emit(SchemaChange.EXTENSIBLE_ENUM_WIDENED, new_ptr, "head", where, message)

    def _default(self, old: Any, new: Any, new_ptr: str, where: str) -> None:
        """A default set, changed or removed (on the schema itself: FastAPI writes it beside
        an `anyOf`, not in a variant)."""
        if not isinstance(old, Mapping) or not isinstance(new, Mapping):
            return
        if "default" not in old and "default" not in new:
            return
        was, now = old.get("default", _ABSENT), new.get("default", _ABSENT)
        if {id(was), id(now)} == {id(_ABSENT), id(None)}:
            return  # `default: null` written or dropped: an optional field is None either way
        if was != now or type(was) is not type(now):
            message = f"default {_show_default(was)} -> {_show_default(now)}"
            self.emit(SchemaChange.DEFAULT_CHANGED, new_ptr, "head", where, message)

    def _constraints(self, old: Any, new: Any, new_ptr: str, where: str) -> None:
        """Bounds, multipleOf, uniqueItems, pattern and format of one schema pair."""

        def emit(tighter: bool, message: str) -> None:
            change = (
                SchemaChange.CONSTRAINT_TIGHTENED if tighter else SchemaChange.CONSTRAINT_LOOSENED
            )
            self.emit(change, new_ptr, "head", where, message)

        if not (_BOUND_KEYWORDS.isdisjoint(old) and _BOUND_KEYWORDS.isdisjoint(new)):
            for keyword, upper in BOUNDS:
                before, after = _bound(old, keyword, upper), _bound(new, keyword, upper)
                if before != after:
                    shown = f"{keyword} {_show_bound(before)} -> {_show_bound(after)}"
                    emit(_tighter(after, before, upper), shown)
        was, now = old.get("multipleOf"), new.get("multipleOf")
        if was != now and (_number(was) is not None or _number(now) is not None):
            looser = now is None or (
                _number(was) is not None and _number(now) is not None and _divides(now, was)
            )
            emit(not looser, f"multipleOf {_show(was)} -> {_show(now)}")
        unique_was, unique_now = bool(old.get("uniqueItems")), bool(new.get("uniqueItems"))
        if unique_was != unique_now:
            emit(unique_now, f"uniqueItems {unique_was} -> {unique_now}")
        for keyword in ("pattern", "format"):
            was, now = old.get(keyword), new.get(keyword)
            if was != now:
                how = "added" if was is None else "removed" if now is None else "changed"
                message = f"{keyword} {_show(was)} -> {_show(now)}"
                self.emit(SchemaChange(f"{keyword}-{how}"), new_ptr, "head", where, message)

    def _object(self, old: Any, old_ptr: str, new: Any, new_ptr: str, where: str) -> None:
        base, head = self.base, self.head
        was, now = base.properties(old), head.properties(new)
        was_required, now_required = base.required(old), head.required(new)
        prefix = f"{where}." if where else ""
        for name in was:
            if name not in now:
                pointer = _property_pointer(base, old, old_ptr, name)
                self.emit(SchemaChange.FIELD_REMOVED, pointer, "base", prefix + name, "removed")
        for name, schema in now.items():
            pointer = _property_pointer(head, new, new_ptr, name)
            field_name = prefix + name
            if name not in was:
                if name in now_required:
                    self.emit(
                        SchemaChange.FIELD_ADDED_REQUIRED,
                        pointer,
                        "head",
                        field_name,
                        "added as required",
                    )
                else:
                    self.emit(SchemaChange.FIELD_ADDED, pointer, "head", field_name, "added")
                continue
            if name in now_required and name not in was_required:
                self.emit(
                    SchemaChange.FIELD_MADE_REQUIRED, pointer, "head", field_name, "made required"
                )
            elif name in was_required and name not in now_required:
                self.emit(
                    SchemaChange.FIELD_MADE_OPTIONAL, pointer, "head", field_name, "made optional"
                )
            self.compare(
                was[name], _property_pointer(base, old, old_ptr, name), schema, pointer, field_name
            )
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, Mapping) and isinstance(new_extra, Mapping):
            self.compare(
                old_extra,
                join(old_ptr, "additionalProperties"),
                new_extra,
                join(new_ptr, "additionalProperties"),
                prefix + "*",
            )


# Bounds: (keyword, whether it bounds from above). exclusiveMaximum/exclusiveMinimum are
# read with them (3.1 numbers, 3.0 booleans); absent means unbounded (0 for the minimums of
# lengths, counts and sizes, which cannot go below it anyway).
BOUNDS = (
    ("maxLength", True),
    ("minLength", False),
    ("maximum", True),
    ("minimum", False),
    ("maxItems", True),
    ("minItems", False),
    ("maxProperties", True),
    ("minProperties", False),
)
_ZERO_FLOOR = {"minLength", "minItems", "minProperties"}
# What _bound reads: a schema pair with none of these has no bound to compare (most).
_BOUND_KEYWORDS = frozenset(k for k, _ in BOUNDS) | {"exclusiveMaximum", "exclusiveMinimum"}
_ABSENT = object()
Bound = tuple[float, bool] | None  # (value, exclusive), or no bound


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _bound(schema: Mapping[str, Any], keyword: str, upper: bool) -> Bound:
    value = _number(schema.get(keyword))
    exclusive = False
    if keyword in ("maximum", "minimum"):
        other = schema.get("exclusiveMaximum" if upper else "exclusiveMinimum")
        if other is True and value is not None:  # OpenAPI 3.0: a modifier of the bound
            exclusive = True
        elif _number(other) is not None:  # 3.1: a bound of its own; the stricter one holds
            number = float(other)  # type: ignore[arg-type]
            if value is None or (number <= value if upper else number >= value):
                value, exclusive = number, True
    if value is None:
        return None
    if keyword in _ZERO_FLOOR and value <= 0:
        return None
    return (value, exclusive)


def _tighter(new: Bound, old: Bound, upper: bool) -> bool:
    """Whether bound `new` allows fewer values than `old`."""
    if new is None:
        return False
    if old is None:
        return True
    if new[0] != old[0]:
        return new[0] < old[0] if upper else new[0] > old[0]
    return new[1] and not old[1]


def _show_bound(bound: Bound) -> str:
    if bound is None:
        return "none"
    value = int(bound[0]) if bound[0] == int(bound[0]) else bound[0]
    return f"{value} (exclusive)" if bound[1] else str(value)


def _divides(small: Any, big: Any) -> bool:
    """Whether multipleOf `small` admits every multiple of `big` (loosened)."""
    ratio = float(big) / float(small)
    return abs(ratio - round(ratio)) < 1e-9


def _show(value: Any) -> str:
    return "none" if value is None else _value(value)


def _show_default(value: Any, limit: int = 60) -> str:
    shown = "none" if value is _ABSENT else _value(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _tags(schemas: Schemas, node: Any) -> frozenset[tuple[str, str]]:
    """The (property, value) pairs of an object's single-valued properties (discriminators)."""
    found = set()
    for name, schema in schemas.properties(node).items():
        values = schemas.enum(schema)
        if values is not None and len(values) == 1:
            found.add((name, _value(values[0])))
    return frozenset(found)


def _variants(schemas: Schemas, node: Any, pointer: str, depth: int = 0) -> list[Variant]:
    """The non-null alternatives of a schema with their pointers (itself when no union)."""
    target, schema = schemas.target(node)
    pointer = target or pointer
    for key in ("anyOf", "oneOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches and depth < 16:
            found: list[Variant] = []
            for index, branch in enumerate(branches):
                if not schemas.is_null(branch):
                    found.extend(_variants(schemas, branch, join(pointer, key, index), depth + 1))
            return found
    return [(node, pointer)]


def _property_pointer(schemas: Schemas, node: Any, pointer: str, name: str) -> str:
    """Where a property is written: in the schema itself or in one of its allOf parts."""
    for found in _property_places(schemas, node, pointer, name, set()):
        return found
    return pointer


def _property_places(
    schemas: Schemas, node: Any, pointer: str, name: str, seen: set[int]
) -> Iterator[str]:
    target, schema = schemas.target(node)
    pointer = target or pointer
    if id(schema) in seen:
        return
    seen.add(id(schema))
    properties = schema.get("properties")
    if isinstance(properties, Mapping) and name in properties:
        yield join(pointer, "properties", name)
    for index, part in enumerate(members(schema.get("allOf"))):
        yield from _property_places(schemas, part, join(pointer, "allOf", index), name, seen)
    variants = _variants(schemas, schema, pointer)
    if len(variants) == 1 and variants[0][0] is not schema:
        yield from _property_places(schemas, variants[0][0], variants[0][1], name, seen)
