"""--allow-writes: the lifecycle of an object of the probe's own, and the ledger.

Per resource that has a create and an item delete: create (a body generated from the create
schema) -> 201 and the read schema; read -> 200, the same fields; update `{}` and one field ->
200, a wrong-typed field -> 422; delete -> 204, no body; read -> 404. Every object the probe
creates (also one made by an invalid body a server accepted) goes into the ledger, and the
ledger is emptied (DELETE) when the resource is done, also when a step failed or the server
stopped answering. Updates and deletes of existing objects are never sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from checker.errors import InputError
from checker.model import Operation
from checker.probe.bodies import one_field, value
from checker.probe.fill import Unfillable, fill, unsafe
from checker.probe.plan import Group
from checker.probe.session import Answer, Session
from checker.probe.verdicts import body_pointer, response_pointer, schema_pointer

if TYPE_CHECKING:
    from checker.model import Api
    from checker.probe.verdicts import Verdicts


class Prober(Protocol):
    """What the write lifecycle uses of the prober that runs it (checker.probe.run)."""

    api: Api
    verdicts: Verdicts
    allow_writes: bool
    known: dict[str, Mapping[str, Any]]

    def note(self, op: Operation, text: str) -> None: ...

    def send(
        self, op: Operation, step: str, path: str, params: Any = None, body: Any = None
    ) -> Answer | None: ...

    def path_of(self, op: Operation, known: Mapping[str, Mapping[str, Any]]) -> str | None: ...

    def wrong_field(self, op: Operation, required: bool) -> list[tuple[str, Any]]: ...


@dataclass
class Created:
    """An object the probe created: where to delete it, and whether it is gone."""

    label: str
    path: str
    gone: bool = False
    failed: str = ""


class Ledger:
    """What the probe created, until it is deleted."""

    def __init__(self) -> None:
        self.entries: list[Created] = []

    def append(self, entry: Created) -> None:
        self.entries.append(entry)

    def clean_up(self, session: Session) -> None:
        """Delete what is not deleted yet (one attempt per object)."""
        for entry in self.entries:
            if entry.gone or entry.failed:
                continue
            try:
                answer = session.send("DELETE", entry.path)
            except InputError as exc:
                entry.failed = str(exc)
                continue
            if answer.ok or answer.status == 404:
                entry.gone = True
            else:
                entry.failed = f"DELETE {entry.path} answered {answer.status_text}"

    @property
    def left_behind(self) -> list[str]:
        return [f"{e.label} ({e.failed})" for e in self.entries if not e.gone]


class Writes:
    def __init__(self, prober: Prober) -> None:
        self.p = prober
        self.v = prober.verdicts
        self.ledger = Ledger()

    def remember(
        self, op: Operation, group: Group, answer: Answer, by_mistake: bool = False
    ) -> tuple[Mapping[str, Any], Created] | str:
        """Put what a create answered into the ledger; why not, when it cannot be deleted."""
        item = answer.json if isinstance(answer.json, Mapping) else None
        ident = item.get("id") if item is not None else None
        shown = repr(ident) if isinstance(ident, str) and unsafe(ident) else ident
        label = f"{op.label} -> id {shown}" if ident is not None else f"{op.label} -> no id"
        delete = item_op(group, "delete")
        if item is None or ident is None or delete is None:
            why = "no id in the answer" if delete is not None else "no delete operation"
            self.ledger.append(Created(label, "", failed=f"cannot delete it: {why}"))
            return f"cannot delete what it made: {why}"
        if by_mistake and not self.p.allow_writes:
            self.ledger.append(Created(label, "", failed="not deleted without --allow-writes"))
            return "not deleted without --allow-writes"
        try:
            path = fill(delete, {**self.p.known, group.name: item})
        except Unfillable as exc:
            self.ledger.append(Created(label, "", failed=f"cannot delete it: {exc}"))
            return f"cannot delete what it made: {exc}"
        entry = Created(label, path)
        self.ledger.append(entry)
        return item, entry

    def lifecycle(self, group: Group) -> None:
        creates = group.ops("create")
        others = [*group.ops("update"), *group.ops("delete")]
        if not creates:
            for op in others:
                self.p.note(op, "not sent to existing objects (no create to make one of its own)")
            return
        create, delete = creates[0], item_op(group, "delete")
        if delete is None:
            for op in [create, *others]:
                self.p.note(op, "lifecycle not run: no delete to clean up with")
            return
        path = self.p.path_of(create, self.p.known)
        if path is None:
            return
        step = "the create"
        answer = self.p.send(create, step, path, body=(self.valid_body(create),))
        if answer is None:
            return
        if 400 <= answer.status < 500:
            why = f"{step} answered {answer.status_text} to the generated body"
            for op in [create, *others]:
                self.p.note(op, f"lifecycle not run: {why}{first_detail(answer.json)}")
            return
        made = self.remember(create, group, answer) if answer.ok else None
        if self.v.expect(create, answer, 201, step):
            self.v.check_body(create, answer, step)
        if not isinstance(made, tuple):
            if made is not None:
                for op in others:
                    self.p.note(op, f"lifecycle not run: {made}")
            return
        item, entry = made
        read = item_op(group, "read")
        if read is not None and answer.status == 201:
            self.match_read_schema(create, read, item)
        known = {**self.p.known, group.name: item}
        if read is not None:
            self.read_created(read, known, item)
        update = item_op(group, "update")
        if update is not None:
            self.update_created(update, known)
        self.delete_created(delete, entry)
        if read is not None and entry.gone:
            step = "a read after the delete"
            read_path = self.p.path_of(read, known)
            after = self.p.send(read, step, read_path) if read_path else None
            if after is not None:
                self.v.expect(read, after, 404, step)

    def valid_body(self, op: Operation) -> Any:
        schemas = self.p.api.schemas
        schema = op.body.json_schema if op.body else None
        pointer = body_pointer(op)
        body = value(schemas, schema)
        if pointer is not None and not self.v.checker.valid(pointer, body):
            body = value(schemas, schema, examples=False)
        return body

    def match_read_schema(self, create: Operation, read: Operation, item: Any) -> None:
        """A create answers the read schema (when it documents another schema)."""
        ours, theirs = create.responses.get("201"), read.responses.get("200")
        if ours is None or theirs is None or theirs.json_schema is None:
            return
        if ours.json_schema is not None and self.p.api.schemas.same(
            ours.json_schema, theirs.json_schema
        ):
            return
        pointer = schema_pointer(theirs)
        if pointer is not None:
            self.v.match(create, theirs, pointer, item, f"the create's answer (by {read.label})")

    def read_created(self, read: Operation, known: Mapping[str, Any], item: Any) -> None:
        path = self.p.path_of(read, known)
        step = "a read of the created object"
        answer = self.p.send(read, step, path) if path else None
        if answer is None or not self.v.expect(read, answer, 200, step):
            return
        self.v.check_body(read, answer, step)
        if isinstance(answer.json, Mapping) and isinstance(item, Mapping):
            only_read = sorted(set(answer.json) - set(item))
            only_create = sorted(set(item) - set(answer.json))
            if only_read or only_create:
                message = (
                    f"{read.label}: {step} answers other fields than the create "
                    f"(only in the read: {', '.join(only_read) or '-'}; "
                    f"only in the create: {', '.join(only_create) or '-'})"
                )
                self.v.report("live-schema", read, response_pointer(read, "200"), message)

    def update_created(self, update: Operation, known: Mapping[str, Any]) -> None:
        path = self.p.path_of(update, known)
        if path is None:
            return
        step = "an empty update ({})"
        answer = self.p.send(update, step, path, body=({},))
        if answer is not None and self.v.expect(update, answer, 200, step):
            self.v.check_body(update, answer, step)
        schema = update.body.json_schema if update.body else None
        read = item_op_of(update)
        chosen = one_field(self.p.api.schemas, schema, read)
        if chosen is not None:
            name, new = chosen
            step = f"an update of `{name}`"
            answer = self.p.send(update, step, path, body=({name: new},))
            if answer is not None and 400 <= answer.status < 500:
                self.p.note(
                    update, f"{step} answered {answer.status_text}{first_detail(answer.json)}"
                )
            elif answer is not None and self.v.expect(update, answer, 200, step):
                self.v.check_body(update, answer, step)
        pointer = body_pointer(update)
        for label, body in self.p.wrong_field(update, required=False):
            if pointer is not None and not self.v.checker.valid(pointer, body):
                step = f"an invalid body ({label})"
                answer = self.p.send(update, step, path, body=(body,))
                if answer is not None:
                    self.v.expect_422(update, answer, step)

    def delete_created(self, delete: Operation, entry: Created) -> None:
        step = "the delete of the created object"
        answer = self.p.send(delete, step, entry.path)
        if answer is None:
            return
        if answer.ok:
            entry.gone = True
        if self.v.expect(delete, answer, 204, step):
            self.v.check_body(delete, answer, step)


def item_op(group: Group, kind: str) -> Operation | None:
    """The group's operation of that kind on its main item path (`/x/{id}`, not a key's)."""
    found = [
        o
        for o in group.operations
        if o.kind == kind and o.segments and o.segments[-1].role == "item"
    ]
    found.sort(key=lambda o: (len(o.segments) < 2 or o.segments[-2].role != "collection", o.path))
    return found[0] if found else None


def item_op_of(op: Operation) -> Any:
    """The read schema of the operation's resource (for the one-field update), or None."""
    resource = op.resource
    read = resource.read if resource is not None else None
    response = read.responses.get("200") if read is not None else None
    return response.json_schema if response is not None else None


def first_detail(body: Any) -> str:
    """': <msg>' from a FastAPI error body, for notes; '' when there is none."""
    if isinstance(body, Mapping):
        detail = body.get("detail")
        if isinstance(detail, list) and detail and isinstance(detail[0], Mapping):
            return f": {detail[0].get('msg', '')}"
        if isinstance(detail, str):
            return f": {detail}"
    return ""
