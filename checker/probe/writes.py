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
from checker.probe.bodies import Maker, NoValue, one_field
from checker.probe.fill import Unfillable, fill, unsafe
from checker.probe.judge import is_list, list_items, the_object
from checker.probe.plan import Group
from checker.probe.session import PATIENCE, Answer, Session
from checker.probe.verdicts import body_pointer, response_pointer, schema_pointer

if TYPE_CHECKING:
    from checker.model import Api
    from checker.model.schemas import Schemas
    from checker.probe.verdicts import Verdicts


class Prober(Protocol):
    """What the write lifecycle uses of the prober that runs it (checker.probe.run)."""

    api: Api
    session: Session
    verdicts: Verdicts
    allow_writes: bool
    known: dict[str, Mapping[str, Any]]
    seen: dict[str, set[str]]

    def note(self, op: Operation, text: str) -> None: ...

    def saw(self, name: str, items: Sequence[Any]) -> None: ...

    def hold(self, what: str | None = None) -> AbstractContextManager[None]: ...

    def send(
        self,
        op: Operation,
        step: str,
        path: str,
        params: Any = None,
        body: Any = None,
        patience: float = 0.0,
    ) -> Answer | None: ...

    def path_of(self, op: Operation, known: Mapping[str, Mapping[str, Any]]) -> str | None: ...

    def wrong_field(self, op: Operation, required: bool) -> list[tuple[str, Any]]: ...

    def list_body(self, op: Operation) -> tuple[Any] | None: ...


@dataclass
class Created:
    """An object the probe created (or that a create made besides): where it is, how to
    delete it, and whether it is known to be gone.

    `path` is where to DELETE it ('' when it cannot be); `read_path` where a GET finds it (''
    when there is no read). `failed` says why it may remain."""

    label: str
    method: str  # of the request that made it
    where: str  # the object's path (or the collection's, when its id is unknown)
    path: str = ""
    read_path: str = ""
    gone: bool = False
    failed: str = ""
    cleaned: bool = False  # deleted by a clean-up (not by the lifecycle's delete)
    seen_at_url: bool = False  # a read at read_path answered 200: its URL is right

    def left(self, base: str) -> dict[str, str]:
        """The `left_behind` entry of --format json: method, url (redacted), reason."""
        from checker import redact

        return {"method": self.method.upper(), "url": redact.url(base + self.where),
                "reason": self.failed or "not deleted"}  # fmt: skip


class Ledger:
    """What the probe created, until it is deleted and a read confirms it is gone."""

    def __init__(self) -> None:
        self.entries: list[Created] = []
        self.base = ""  # the session's base URL, for the URLs of what is left behind

    def append(self, entry: Created) -> None:
        self.entries.append(entry)

    def clean_up(self, session: Session) -> None:
        """Delete what is not deleted yet, each checked by a read. A 429 or 503 (a busy
        server) is asked again, for at most PATIENCE seconds a request."""
        self.base = session.base
        for entry in self.entries:
            if entry.gone or entry.failed:
                continue
            try:
                if entry.read_path and not entry.seen_at_url:
                    seen = session.send("GET", entry.read_path, patience=PATIENCE)
                    entry.seen_at_url = seen.status == 200
                answer = session.send("DELETE", entry.path, patience=PATIENCE)
                confirm(session, entry, answer)
            except InputError as exc:
                entry.failed = f"not deleted: {exc}"
                continue
            entry.cleaned = entry.gone

    @property
    def left_behind(self) -> list[str]:
        from checker import redact

        return [
            f"{e.label} at {redact.url(self.base + e.where)} ({e.failed or 'not deleted'})"
            for e in self.entries
            if not e.gone
        ]

    def left_json(self) -> list[dict[str, str]]:
        return [e.left(self.base) for e in self.entries if not e.gone]


def confirm(session: Session, entry: Created, answer: Answer) -> None:
    """After a DELETE: whether the object is gone, by a read of it (see gone_by)."""
    read = session.send("GET", entry.read_path, patience=PATIENCE) if entry.read_path else None
    gone_by(entry, answer, read)


def gone_by(entry: Created, answer: Answer, read: Answer | None) -> None:
    """Sets `gone` when the DELETE's answer and the read after it (None: no read) show that
    the object is gone, else `failed` with why it may remain. A DELETE's 404 may come from a
    wrong URL and a 204 from a server that deleted nothing: only a read at the URL where a
    read found the object before, answering 404, shows it is gone."""
    said = f"DELETE answered {answer.status_said}"
    if read is None:
        if answer.ok:
            entry.gone = True
        else:
            why = "no read can tell whether it is gone" if answer.status == 404 else "not deleted"
            entry.failed = f"{said}: {why}"
    elif read.status == 404 and entry.seen_at_url:
        entry.gone = True
    elif read.status == 404:
        entry.failed = (
            f"{said} and a read 404 Not Found, but no read ever found it at that URL: "
            "not known whether it remains"
        )
    elif read.ok:
        entry.failed = f"{said}, but a read still finds it"
    else:
        entry.failed = f"{said}; a read then answered {read.status_said}: it may remain"


MAX_PAGES = 10  # pages of the list read before a create, to know the ids already there
PAGE_SIZE = 100  # items a page (less when the spec caps `limit` lower)


class Writes:
    def __init__(self, prober: Prober) -> None:
        self.p = prober
        self.v = prober.verdicts
        self.ledger = Ledger()
        self.ledger.base = prober.session.base
        self.maker = Maker(prober.api.schemas)
        self.listed_all: set[str] = set()  # resources whose every id was listed before writing

    def census(self, group: Group) -> None:
        """List the collection before the create (every page, up to MAX_PAGES): the ids it
        shows are someone else's, whatever a create answers later."""
        if not group.ops("create") or item_op(group, "delete") is None:
            return
        listed = self.ids_listed(group, "a list of the ids there before the create")
        if listed is None:
            return
        found, complete = listed
        self.p.seen.setdefault(group.name, set()).update(found)
        if complete:
            self.listed_all.add(group.name)

    def ids_listed(
        self, group: Group, step: str
    ) -> tuple[dict[str, Mapping[str, Any]], bool] | None:
        """The items the collection's list shows by id (every page, up to MAX_PAGES) and
        whether that is every object; None when it cannot be listed."""
        creates, lists = group.ops("create"), group.ops("list")
        if not lists:
            return None
        path_of_create = creates[0].path if creates else None
        listing = next((o for o in lists if o.path == path_of_create), lists[0])
        path = self.p.path_of(listing, self.p.known)
        if path is None:
            return None
        size = page_size(self.p.api.schemas, listing)
        body = self.p.list_body(listing)
        ids: dict[str, Mapping[str, Any]] = {}
        count = 0
        for page in range(1, MAX_PAGES + 1):
            params = {}
            if listing.parameter("page"):
                params["page"] = str(page)
            if size is not None:
                params["limit"] = str(size)
            answer = self.p.send(listing, step, path, params, body)
            if answer is None or answer.status != 200 or not is_list(answer.json):
                return (ids, False) if ids else None
            items = list_items(answer.json)
            ids.update((k, i) for i in items if (k := item_id(i)) is not None)
            count += len(items)
            if not more_pages(answer.json, page, len(items), count, size):
                return ids, True
            if "page" not in params:
                return ids, False
        return ids, False

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
        self,
        op: Operation,
        group: Group,
        answer: Answer,
        by_mistake: bool = False,
        sent: Any = None,
    ) -> tuple[Mapping[str, Any], Created] | str:
        """Put what a create answered into the ledger; why not, when it is not the probe's
        own to update and delete (or cannot be deleted). `sent`: the body the create sent;
        when the answer carries no object with an id (Phoenix's tag create answers 204), its
        fields stand for the object: a delete by name (`/tags/{tag_name}`) can use them."""
        if answer.json == [] and sent == []:
            # A create of many that was sent none (Prefect's `POST /deployments/{id}/schedules`
            # takes an array): it made nothing, and says so.
            self.p.note(op, "the create was sent an empty array and answered one: nothing made")
            return "nothing was made"
        item = the_object(answer.json)
        item = item if isinstance(item, Mapping) else None
        if isinstance(sent, Mapping) and (item is None or item.get("id") is None):
            item = {**sent, **(item or {})}
        ident = item.get("id") if item is not None else None
        shown = repr(ident) if isinstance(ident, str) and unsafe(ident) else ident
        label = f"{op.label} -> id {shown}" if ident is not None else f"{op.label} -> no id"
        delete, read = item_op(group, "delete"), item_op(group, "read")
        known = {**self.p.known, group.name: item or {}}
        by_key = self.url_of([delete], known) if ident is None and item else None
        if by_key is not None:  # no id, but the delete's path takes a name it was sent
            ident = None
            label = f"{op.label} -> {by_key.rstrip('/').rsplit('/', 1)[-1]}"
        where = self.url_of([read, delete], known) or answer.target.split("?", 1)[0]

        def left(why: str) -> str:
            self.ledger.append(Created(label, op.method, where, failed=why))
            return why

        def mine() -> None:  # a list at the end must not name it a second time
            key = id_key(ident)
            if key is not None:
                self.p.seen.setdefault(group.name, set()).add(key)

        if item is None or (ident is None and by_key is None) or delete is None:
            why = "no id in the answer" if delete is not None else "no delete operation"
            mine()
            return left(f"cannot delete it: {why}")
        what = "an invalid body" if by_mistake else "the create"
        doubt = self.not_own(group, ident, answer)
        mine()
        if doubt is not None and doubt[0]:  # someone else's: no ledger entry, never deleted
            self.p.note(
                op,
                f"{what} answered an existing object (id {shown}, {doubt[1]}): "
                "not updated or deleted",
            )
            return f"{what} answered an existing object"
        if by_mistake and not self.p.allow_writes:
            return left("not deleted without --allow-writes")
        if doubt is not None:  # perhaps someone else's: not touched, named as perhaps left
            why = doubt[1]
            self.p.note(
                op,
                f"{what} answered id {shown}, which may be an existing object "
                f"({why}): not updated or deleted",
            )
            left(f"not deleted, it may be an existing object: {why}")
            return f"{what} may have answered an existing object"
        try:
            path = fill(delete, known)
        except Unfillable as exc:
            return left(f"cannot delete it: {exc}")
        read_path = self.url_of([read], known) or ""
        entry = Created(label, op.method, where, path, read_path)
        self.ledger.append(entry)
        return item, entry

    def url_of(self, ops: Sequence[Operation | None], known: Mapping[str, Any]) -> str | None:
        """The first of the operations' paths that fills (the object's own URL), else None."""
        for candidate in ops:
            if candidate is not None:
                try:
                    return fill(candidate, known)
                except Unfillable:
                    continue
        return None

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
        try:
            body = self.valid_body(create)
        except NoValue as exc:
            for op in [create, *others]:
                self.p.note(op, f"lifecycle not run: no safe body for the create: {exc}")
            return
        # A signal waits until what the create made is in the ledger (at most --timeout).
        with self.p.hold():
            with self.p.hold(create.label):  # cut here by a second signal: named as lost
                answer = self.p.send(create, step, path, body=(body,))
            if answer is None:
                return
            if 400 <= answer.status < 500:
                why = f"{step} answered {answer.status_said} to the generated body"
                for op in [create, *others]:
                    self.p.note(op, f"lifecycle not run: {why}")
                return
            made = self.remember(create, group, answer, sent=body) if answer.ok else None
        if self.v.expect(create, answer, 201, step):
            self.v.check_body(create, answer, step)
        if not isinstance(made, tuple):
            why = made if made is not None else f"{step} answered {answer.status_said}"
            for op in others:
                self.p.note(op, f"lifecycle not run: {why}")
            return
        item, entry = made
        besides = self.side_effects(create, group, item)
        read = item_op(group, "read")
        if read is not None and answer.status == 201:
            self.match_read_schema(create, read, item)
        known = {**self.p.known, group.name: item}
        if read is not None:
            self.read_created(read, known, item, entry)
        update = item_op(group, "update")
        if update is not None:
            self.update_created(update, known)
        self.delete_created(delete, read, entry)
        for other in besides:
            self.still_there(other)

    def side_effects(self, create: Operation, group: Group, item: Any) -> list[Created]:
        """Objects the create made besides its own: the list grew by more than one. Only when
        the list before showed every object; each is named (not deleted: the probe did not
        ask for it) until a read shows it went with the probe's own."""
        if group.name not in self.listed_all:
            return []
        listed = self.ids_listed(group, "a list after the create (did it make more?)")
        if listed is None or not listed[1]:
            return []
        ours = item_id(item)
        items = listed[0]
        if ours is None and isinstance(item, Mapping):  # known by what it was sent (a name)
            sent = {k: v for k, v in item.items() if isinstance(v, str)}
            ours = next((k for k, i in items.items() if sent and same_fields(i, sent)), None)
        new = sorted(set(items) - self.p.seen.get(group.name, set()) - {ours})
        if not new:
            return []
        self.p.note(
            create,
            f"the create made {len(new)} other object(s) besides its own (the list grew by "
            f"{len(new) + 1}: id {', '.join(new)}): not deleted, named under Left behind",
        )
        self.p.seen.setdefault(group.name, set()).update(new)  # never the probe's to write
        read, found = item_op(group, "read"), []
        for ident in new:
            where = self.url_of([read], {**self.p.known, group.name: items[ident]}) or ""
            label = f"{create.label} -> id {ident} (a side effect)"
            why = f"made by {create.label} besides the object it was asked for: not deleted"
            entry = Created(label, create.method, where, read_path=where, failed=why)
            self.ledger.append(entry)
            found.append(entry)
        return found

    def recount(self, groups: Sequence[Group]) -> None:
        """At the end of a run with writes, list again each collection whose every object
        was listed before its create: an object none of those lists showed appeared while
        the probe ran (a create of another resource may have made it, as Prefect's
        deployments make a default work pool). It is named, not deleted."""
        for group in groups:
            if group.name not in self.listed_all:
                continue
            listed = self.ids_listed(group, "a list at the end of the run (did creates make more?)")
            if listed is None or not listed[1]:
                continue
            seen = self.p.seen.setdefault(group.name, set())
            read, items = item_op(group, "read"), listed[0]
            delete, listing = item_op(group, "delete"), group.ops("list")[0]
            for ident in sorted(set(items) - seen):
                seen.add(ident)
                known = {**self.p.known, group.name: items[ident]}
                where = self.url_of([read, delete, listing], known) or ""
                label = f"id {ident} of {group.name} (appeared while the probe ran)"
                why = "not listed before the probe's creates: perhaps made by one; not deleted"
                self.ledger.append(Created(label, "POST", where, failed=why))

    def still_there(self, entry: Created) -> None:
        """Whether a side-effect object went with the probe's own (a read answers 404)."""
        if not entry.read_path:
            return
        answer = self.p.session.send("GET", entry.read_path, patience=PATIENCE)
        if answer.status == 404:
            entry.gone = True

    def valid_body(self, op: Operation, full: bool = False) -> Any:
        """A body the operation's schema accepts (every property when `full`); NoValue when
        none can be made safely (a privileged enum, a pattern beyond the generator)."""
        schema = op.body.json_schema if op.body else None
        pointer = body_pointer(op)
        body = self.maker.value(schema, full=full)
        if pointer is not None and not self.v.checker.valid(pointer, body):
            body = self.maker.value(schema, examples=False, full=full)
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

    def read_created(
        self, read: Operation, known: Mapping[str, Any], item: Any, entry: Created
    ) -> None:
        path = self.p.path_of(read, known)
        step = "a read of the created object"
        answer = self.p.send(read, step, path) if path else None
        if answer is None or not self.v.expect(read, answer, 200, step):
            return
        entry.seen_at_url = path == entry.read_path
        self.v.check_body(read, answer, step)
        shown = the_object(answer.json)
        if isinstance(shown, Mapping) and isinstance(item, Mapping):
            only_read = sorted(set(shown) - set(item))
            only_create = sorted(set(item) - set(shown))
            if only_read or only_create:
                message = (
                    f"{read.label}: {step} answers other fields than the create "
                    f"(only in the read: {', '.join(only_read) or '-'}; "
                    f"only in the create: {', '.join(only_create) or '-'})"
                )
                self.v.report("live-schema", read, response_pointer(read, "200"), message)

    def update_created(self, update: Operation, known: Mapping[str, Any]) -> None:
        """PATCH: `{}` and one field -> 200; PUT: a whole body -> 200 (a PUT replaces the
        object: `{}` is no update); then a wrong-typed field -> 422."""
        path = self.p.path_of(update, known)
        if path is None:
            return
        if update.method == "put":
            try:
                whole = self.valid_body(update, full=True)
            except NoValue as exc:
                self.p.note(update, f"no safe whole body for the PUT: {exc}")
                whole = None
            if whole is not None:
                step = "a whole body (PUT)"
                answer = self.p.send(update, step, path, body=(whole,))
                if answer is not None and 400 <= answer.status < 500:
                    self.p.note(update, f"{step} answered {answer.status_said}")
                elif answer is not None and self.v.expect(update, answer, 200, step):
                    self.v.check_body(update, answer, step)
        else:
            self.patch_created(update, path)
        self.invalid_update(update, path)

    def patch_created(self, update: Operation, path: str) -> None:
        step = "an empty update ({})"
        pointer = body_pointer(update)
        if pointer is not None and not self.v.checker.valid(pointer, {}):
            self.p.note(update, f"{step} not sent: its schema requires fields")
        elif (answer := self.p.send(update, step, path, body=({},))) is None:
            pass
        elif 400 <= answer.status < 500 and answer.status != 404 and not validation(answer):
            # A partial update may be refused when it changes nothing (a business rule, as
            # a create's 4xx): the update of one field below is the partial update judged.
            self.p.note(
                update,
                f"{step} was refused with {answer.status_said}: a business rule, not a "
                "validation error; no finding (an update that changes nothing may be refused)",
            )
        elif self.v.expect(update, answer, 200, step):
            self.v.check_body(update, answer, step)
        schema = update.body.json_schema if update.body else None
        read = item_op_of(update)
        read = self.p.api.schemas.payload(read) if read is not None else None  # `{data: X}`: X
        chosen = one_field(self.maker, schema, read)
        if chosen is not None:
            name, new = chosen
            step = f"an update of `{name}`"
            answer = self.p.send(update, step, path, body=({name: new},))
            if answer is not None and 400 <= answer.status < 500:
                self.p.note(update, f"{step} answered {answer.status_said}")
            elif answer is not None and self.v.expect(update, answer, 200, step):
                self.v.check_body(update, answer, step)

    def invalid_update(self, update: Operation, path: str) -> None:
        pointer = body_pointer(update)
        for label, body in self.p.wrong_field(update, required=False):
            if pointer is not None and not self.v.checker.valid(pointer, body):
                step = f"an invalid body ({label})"
                answer = self.p.send(update, step, path, body=(body,))
                if answer is not None:
                    self.v.expect_422(update, answer, step)

    def delete_created(self, delete: Operation, read: Operation | None, entry: Created) -> None:
        """Delete the probe's object (204, no body), then read it: 404, and it is gone."""
        step = "the delete of the created object"
        answer = self.p.send(delete, step, entry.path, patience=PATIENCE)
        if answer is None:
            return  # refused or busy (noted): the clean-up tries again, and reads
        if self.v.expect(delete, answer, 204, step):
            self.v.check_body(delete, answer, step)
        if not answer.ok:
            return  # the clean-up tries again, and reads
        after = None
        if read is not None and entry.read_path:
            after = self.p.send(read, "a read after the delete", entry.read_path, patience=PATIENCE)
            if after is None:
                return
            self.v.expect(read, after, 404, "a read after the delete")
        gone_by(entry, answer, after)


def same_fields(item: Mapping[str, Any], fields: Mapping[str, Any]) -> bool:
    """Whether a listed item has every one of these fields, with the same values."""
    return all(item.get(k) == v for k, v in fields.items())


def validation(answer: Answer) -> bool:
    """Whether an error answer is a validation error in FastAPI's shape (`detail` an array of
    `{loc, msg, type}`), not a server's own refusal (`{"detail": "No fields to update"}`)."""
    from checker.probe.judge import detail_problem

    return detail_problem(answer.json) is None


def item_id(item: Any) -> str | None:
    """The id of a listed item (as id_key compares it), or None."""
    return id_key(item.get("id")) if isinstance(item, Mapping) else None


def id_key(ident: Any) -> str | None:
    """An id as compared between answers (1 and "1" alike); None when it is no id."""
    if isinstance(ident, str | int | float) and not isinstance(ident, bool):
        return str(ident)
    return None


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
