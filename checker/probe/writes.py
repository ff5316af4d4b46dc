"""--allow-writes: the lifecycle of an object of the probe's own, and the ledger.

Per resource that has a create and an item delete: create (a body generated from the create
schema) -> 201 and the read schema; read -> 200, the same fields; update `{}` and one field ->
200, a wrong-typed field -> 422; delete -> 204, no body; read -> 404. Every object the probe
creates (also one made by an invalid body a server accepted) goes into the ledger, and the
ledger is emptied (DELETE) when the resource is done, also when a step failed or the server
stopped answering. Updates and deletes of existing objects are never sent.

An object is the probe's own only when it was not there before: before the create, the
collection is listed (up to MAX_PAGES pages of PAGE_SIZE) and every id seen in a list answer
is someone else's. A create that answers one of them (a get-or-create) is noted, and the
object is neither updated nor deleted; one that answers an unseen id with another status
than 201 when the list could not show every object (or there is none) may have answered an
existing object too: it is not touched, and named as possibly left behind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from checker.errors import InputError
from checker.model import Operation
from checker.probe.bodies import one_field, value
from checker.probe.fill import Unfillable, fill, unsafe
from checker.probe.judge import list_items
from checker.probe.plan import Group
from checker.probe.session import Answer, Session
from checker.probe.verdicts import body_pointer, response_pointer, schema_pointer

if TYPE_CHECKING:
    from checker.model import Api
    from checker.model.schemas import Schemas
    from checker.probe.verdicts import Verdicts


class Prober(Protocol):
    """What the write lifecycle uses of the prober that runs it (checker.probe.run)."""

    api: Api
    verdicts: Verdicts
    allow_writes: bool
    known: dict[str, Mapping[str, Any]]
    seen: dict[str, set[str]]

    def note(self, op: Operation, text: str) -> None: ...

    def saw(self, name: str, items: Sequence[Any]) -> None: ...

    def hold(self, what: str | None = None) -> AbstractContextManager[None]: ...

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
    cleaned: bool = False  # deleted by a clean-up (not by the lifecycle's delete)


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
                entry.gone = entry.cleaned = True
            else:
                entry.failed = f"DELETE {entry.path} answered {answer.status_text}"

    @property
    def left_behind(self) -> list[str]:
        return [f"{e.label} ({e.failed})" for e in self.entries if not e.gone]


MAX_PAGES = 10  # pages of the list read before a create, to know the ids already there
PAGE_SIZE = 100  # items a page (less when the spec caps `limit` lower)


class Writes:
    def __init__(self, prober: Prober) -> None:
        self.p = prober
        self.v = prober.verdicts
        self.ledger = Ledger()
        self.listed_all: set[str] = set()  # resources whose every id was listed before writing

    def census(self, group: Group) -> None:
        """List the collection before the create (every page, up to MAX_PAGES): the ids it
        shows are someone else's, whatever a create answers later."""
        creates, lists = group.ops("create"), group.ops("list")
        if not creates or not lists or item_op(group, "delete") is None:
            return
        listing = next((o for o in lists if o.path == creates[0].path), lists[0])
        path = self.p.path_of(listing, self.p.known)
        if path is None:
            return
        size = page_size(self.p.api.schemas, listing)
        step = "a list of the ids there before the create"
        count = 0
        for page in range(1, MAX_PAGES + 1):
            params = {}
            if listing.parameter("page"):
                params["page"] = str(page)
            if size is not None:
                params["limit"] = str(size)
            answer = self.p.send(listing, step, path, params)
            if answer is None or answer.status != 200 or not is_list(answer.json):
                return
            items = list_items(answer.json)
            self.p.saw(group.name, items)
            count += len(items)
            if not more_pages(answer.json, page, len(items), count, size):
                self.listed_all.add(group.name)
                return
            if "page" not in params:
                return

    def not_own(self, group: Group, ident: Any, answer: Answer) -> tuple[bool, str] | None:
        """Whether the object a create answered is certainly someone else's (its id was
        listed before) or may be, and why; None when it is the probe's own."""
        if id_key(ident) in self.p.seen.get(group.name, set()):
            return True, "listed before the create"
        if answer.status == 201 or group.name in self.listed_all:
            return None
        if not group.ops("list"):
            before = "no list in scope tells what was there before"
        else:
            before = "the list before the create did not show every object"
        return False, f"answered {answer.status_text}, not 201 Created, and {before}"

    def remember(
        self, op: Operation, group: Group, answer: Answer, by_mistake: bool = False
    ) -> tuple[Mapping[str, Any], Created] | str:
        """Put what a create answered into the ledger; why not, when it is not the probe's
        own to update and delete (or cannot be deleted)."""
        item = answer.json if isinstance(answer.json, Mapping) else None
        ident = item.get("id") if item is not None else None
        shown = repr(ident) if isinstance(ident, str) and unsafe(ident) else ident
        label = f"{op.label} -> id {shown}" if ident is not None else f"{op.label} -> no id"
        delete = item_op(group, "delete")
        if item is None or ident is None or delete is None:
            why = "no id in the answer" if delete is not None else "no delete operation"
            self.ledger.append(Created(label, "", failed=f"cannot delete it: {why}"))
            return f"cannot delete what it made: {why}"
        what = "an invalid body" if by_mistake else "the create"
        doubt = self.not_own(group, ident, answer)
        if doubt is not None and doubt[0]:  # someone else's: no ledger entry, never deleted
            self.p.note(
                op,
                f"{what} answered an existing object (id {shown}, {doubt[1]}): "
                "not updated or deleted",
            )
            return f"{what} answered an existing object"
        if by_mistake and not self.p.allow_writes:
            self.ledger.append(Created(label, "", failed="not deleted without --allow-writes"))
            return "not deleted without --allow-writes"
        if doubt is not None:  # perhaps someone else's: not touched, named as perhaps left
            why = doubt[1]
            self.ledger.append(
                Created(label, "", failed=f"not deleted, it may be an existing object: {why}")
            )
            self.p.note(
                op,
                f"{what} answered id {shown}, which may be an existing object "
                f"({why}): not updated or deleted",
            )
            return f"{what} may have answered an existing object"
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
        # A signal waits until what the create made is in the ledger (at most --timeout).
        with self.p.hold():
            with self.p.hold(create.label):  # cut here by a second signal: named as lost
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


def id_key(ident: Any) -> str | None:
    """An id as compared between answers (1 and "1" alike); None when it is no id."""
    if isinstance(ident, str | int | float) and not isinstance(ident, bool):
        return str(ident)
    return None


def is_list(body: Any) -> bool:
    """Whether a body is a list answer: the envelope or a bare array."""
    return isinstance(body, list) or (
        isinstance(body, Mapping) and isinstance(body.get("items"), list)
    )


def page_size(schemas: Schemas, op: Operation) -> int | None:
    """The `limit` to list with: PAGE_SIZE, or the spec's lower maximum; None: no `limit`."""
    param = op.parameter("limit")
    if param is None:
        return None
    schema = schemas.non_null(param.schema)
    top, exclusive = schema.get("maximum"), schema.get("exclusiveMaximum")
    bounds = [PAGE_SIZE]
    if isinstance(top, int) and not isinstance(top, bool):
        bounds.append(top - 1 if exclusive is True else top)
    if isinstance(exclusive, int) and not isinstance(exclusive, bool):
        bounds.append(exclusive - 1)
    return max(1, min(bounds))


def more_pages(body: Any, page: int, got: int, count: int, size: int | None) -> bool:
    """Whether the list has pages after this one (its pagination says so; else a full page)."""
    pagination = body.get("pagination") if isinstance(body, Mapping) else None
    if isinstance(pagination, Mapping):
        last, total = pagination.get("max_page"), pagination.get("total_count")
        if isinstance(last, int) and not isinstance(last, bool):
            return page < last
        if isinstance(total, int) and not isinstance(total, bool):
            return count < total
    return size is not None and got >= size


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
