"""The probes, resource by resource, and their findings.

Read-only (the default), per resource, parents first:

1. each list: `page=1&limit=1` -> 200, the guideline's envelope, the documented schema; its
   first item gives the ids the other paths need; then a `limit` (or `page`) FastAPI rejects
   (below its documented minimum, or not a number) -> 422 in FastAPI's `detail` shape;
2. each read, its path filled from listed items -> 200 and the documented schema;
3. each create and update: a JSON array as the body -> 422. FastAPI validates the body against
   the body's model before the handler is called, so nothing is written (dependencies, such
   as authentication, do run, as for any read). Had the server accepted it, it is reported.

With --allow-writes, the write lifecycle follows (checker.probe.writes).

Answers are judged by checker.probe.verdicts (one finding per rule and operation).

While the probe runs (in the main thread), SIGINT, SIGTERM and SIGHUP raise Interrupted: the
probe stops, deletes what it created (its try/finally clean-ups), and raises Interrupted
again with what it cleaned up and what may remain (`restcheck` exits 128 + the signal's
number). A create in flight and a clean-up are finished first; a second signal stops at once.
"""

from __future__ import annotations

import json
import re
import signal
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import urlencode

from checker import redact
from checker.engine.findings import Finding
from checker.errors import Interrupted
from checker.model import Api, Operation
from checker.probe.bodies import NoValue, wrong_type
from checker.probe.fill import Given, Unfillable, fill
from checker.probe.judge import envelope_problem, is_list, list_items, shape_hint
from checker.probe.lists import check_list
from checker.probe.plan import Group, Plan, json_media, sensitive
from checker.probe.session import NOT_JSON, TRANSIENT, Answer, Session
from checker.probe.signals import Interrupts
from checker.probe.verdicts import Verdicts, body_pointer, response_pointer
from checker.probe.writes import Writes, id_key
from checker.words import count


@dataclass
class Record:
    """What happened to one operation: the steps sent and the notes (why not, or what else)."""

    op: Operation
    steps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Prober:
    def __init__(
        self,
        api: Api,
        source: str,
        session: Session,
        *,
        allow_writes: bool = False,
        progress: Callable[[str], None] | None = None,
        include: Sequence[str] = (),
        given: Mapping[str, str] | None = None,
    ) -> None:
        self.api = api
        self.session = session
        self.include = [glob.lower() for glob in include]
        self.verdicts = Verdicts(api, source)
        self.allow_writes = allow_writes
        self.progress = progress
        self.records: dict[str, Record] = {}
        # One item per resource, to fill paths with: the ids given with --id first.
        self.known: dict[str, Mapping[str, Any]] = {n: Given(v) for n, v in (given or {}).items()}
        self.seen: dict[str, set[str]] = {}  # every id a list answer showed, per resource
        self.unknown_why: dict[str, str] = {}
        self.answered = 0  # answers the probe could judge
        self.misses = 0  # of those, 404s and HTML pages (a wrong base URL answers only these)
        self.first_get: str | None = None  # the first GET path sent (to look for the API)
        self.refused: list[str] = []  # statuses of 401/403/429 answers (no finding)
        self.writes = Writes(self)
        self.interrupts = Interrupts()
        # A list's pointer -> the other resources its items are of (by the model).
        self.sources = item_sources(api)

    @property
    def findings(self) -> list[Finding]:
        return self.verdicts.findings

    # -- running --------------------------------------------------------------------------------

    def run(self, plan: Plan) -> None:
        """Probe the plan's groups; Interrupted (after the clean-up) when a signal stops it."""
        with self.interrupts as interrupts:
            try:
                self.run_groups(plan)
            except KeyboardInterrupt:  # Ctrl-C where no handler of ours was installed
                if interrupts.first is None:
                    sigint = signal.SIGINT
                    raise Interrupted(sigint, self.interruption(sigint)) from None
            except BaseException:
                if interrupts.first is None:
                    raise
            if interrupts.first is not None:
                message = self.interruption(interrupts.first)
                raise Interrupted(interrupts.first, message) from None

    def run_groups(self, plan: Plan) -> None:
        for op, reason in plan.skipped:
            self.note(op, reason)
        groups = fed_last(plan.groups, self.sources)
        try:
            for index, group in enumerate(groups, 1):
                requests, findings = self.session.requests, len(self.findings)
                try:
                    self.probe_group(group)
                finally:
                    self.clean_up()
                if self.progress is not None:
                    self.progress(
                        f"[{index}/{len(groups)}] {group.name}: "
                        f"{self.session.requests - requests} requests, "
                        f"{count(len(self.findings) - findings, 'finding')}"
                    )
            if self.allow_writes:
                self.writes.recount(groups)
        finally:
            self.clean_up()

    def probe_group(self, group: Group) -> None:
        for op in group.ops("list"):
            self.probe_list(op, group.name)
        for op in group.ops("read"):
            self.probe_read(op)
        writes = self.allow_writes and self.may_write(group)
        if writes:
            self.writes.census(group)
        for op in [*group.ops("create"), *group.ops("update"), *group.ops("action")]:
            self.probe_invalid_body(op, group, writes)
        if writes:
            self.writes.lifecycle(group)
            return
        why = "writes need --allow-writes" if not self.allow_writes else self.sensitive_why(group)
        for op in [*group.ops("create"), *group.ops("update"), *group.ops("delete")]:
            self.note(op, why)

    def may_write(self, group: Group) -> bool:
        """Whether --allow-writes covers the group: not a security-sensitive resource (users,
        API keys, tokens, members...), or one an --include glob names."""
        word = sensitive(group.resource)
        if word is None:
            return True
        paths = [op.path.lower() for op in group.operations]
        return any(
            word in glob and any(fnmatchcase(path, glob) for path in paths) for glob in self.include
        )

    def sensitive_why(self, group: Group) -> str:
        word = sensitive(group.resource) or group.name
        resource = group.resource
        where = (resource.collection_path if resource else None) or group.operations[0].path
        where = re.sub(r"/\{[^}]*\}/?$", "", where)  # an item path: its collection's
        where = re.sub(r"\{[^}]*\}", "*", where).rstrip("/")
        return (
            f"a security-sensitive resource ({word}): written only when --include names it: "
            f"add --include '{where}*' (and --include '*' to probe the rest too)"
        )

    def clean_up(self) -> None:
        if self.interrupts.stopped:
            return  # a second signal: stop now (what remains is named)
        with self.interrupts.hold():
            self.writes.ledger.clean_up(self.session)

    @property
    def left_behind(self) -> list[str]:
        return self.writes.ledger.left_behind

    def interruption(self, signum: int) -> str:
        """One line: the signal, what the clean-up deleted, what may remain."""
        entries = self.writes.ledger.entries
        cleaned = [e.label for e in entries if e.gone and e.cleaned]
        remain = [
            f"{e.label} at {redact.url(self.session.base + e.where)} "
            f"({e.failed or 'not deleted: the clean-up was stopped'})"
            for e in entries
            if not e.gone
        ]
        remain += [
            f"what {what} made (interrupted before its answer)" for what in self.interrupts.lost
        ]
        parts = [f"interrupted by {signal.Signals(signum).name}"]
        if cleaned:
            deleted = count(len(cleaned), "object")
            parts.append(f"cleaned up: deleted {deleted} it created ({', '.join(cleaned)})")
        if remain:
            parts.append(f"may remain: {'; '.join(remain)}")
        elif entries:
            parts.append("nothing it created remains")
        else:
            parts.append("it had created nothing")
        return "; ".join(parts)

    # -- bookkeeping ----------------------------------------------------------------------------

    def record(self, op: Operation) -> Record:
        found = self.records.get(op.pointer)
        if found is None:
            found = self.records[op.pointer] = Record(op)
        return found

    def note(self, op: Operation, text: str) -> None:
        notes = self.record(op).notes
        if text not in notes:
            notes.append(text)

    def saw(self, name: str, items: Sequence[Any]) -> None:
        """Remember the ids of a list answer's items: objects that are not the probe's."""
        ids = self.seen.setdefault(name, set())
        for item in items:
            key = id_key(item.get("id")) if isinstance(item, Mapping) else None
            if key is not None:
                ids.add(key)

    def hold(self, what: str | None = None) -> AbstractContextManager[None]:
        """A section a first signal does not cut (see Interrupts.hold)."""
        return self.interrupts.hold(what)

    def send(
        self,
        op: Operation,
        step: str,
        path: str,
        params: Any = None,
        body: Any = None,
        patience: float = 0.0,
    ) -> Answer | None:
        """Send one request of a step (`body` is a 1-tuple holding the JSON body, or None);
        None (with a note) when the server refuses the caller (401/403: credentials) or says
        "not now" (429, 503: asked again for `patience` seconds), which is no finding."""
        if body is None:
            answer = self.session.send(op.method, path, params, patience=patience)
        else:
            media = json_media(op)
            answer = self.session.send(op.method, path, params, body[0], media, patience)
        if answer.status in (401, 403) or answer.status in TRANSIENT:
            if answer.status in TRANSIENT:
                waited = f" (asked again for {patience:.0f} s)" if patience else ""
                why = "too fast: slow down with --rate-limit" if answer.status == 429 else "busy"
                hint = f"{why}; a transient answer{waited}, not a finding"
            else:
                hint = "pass credentials"
            self.note(op, f"{step}: answered {answer.status_said} ({hint})")
            if answer.status != 503:
                self.refused.append(answer.status_said)
            return None
        self.answered += 1
        if answer.status == 404 or "html" in answer.content_type.lower():
            self.misses += 1
        if op.method == "get" and self.first_get is None:
            self.first_get = path
        record = self.record(op)
        if step not in record.steps:
            record.steps.append(step)
        return answer

    def path_of(self, op: Operation, known: Mapping[str, Mapping[str, Any]]) -> str | None:
        try:
            return fill(op, known)
        except Unfillable as exc:
            why = ""
            if exc.resource is not None:
                why = f" ({self.unknown_why.get(exc.resource) or self.no_list(exc.resource)})"
            self.note(op, f"{exc}{why}")
            return None

    def no_list(self, name: str) -> str:
        resource = self.api.resources.get(name)
        if resource is not None and resource.ops("list"):
            return "its list was not probed"
        return "the API has no list of it"

    # -- read-only probes -----------------------------------------------------------------------

    def probe_list(self, op: Operation, name: str) -> None:
        path = self.path_of(op, self.known)
        if path is None:
            self.unknown_why.setdefault(name, f"{op.label} could not be called")
            return
        params = {p: "1" for p in ("page", "limit") if op.parameter(p)}
        try:
            body = self.list_body(op)
        except NoValue as exc:
            self.note(op, f"no safe body for the list: {exc}")
            self.unknown_why.setdefault(name, f"{op.label} could not be called")
            return
        step = "the list" + (f" ({urlencode(params)})" if params else "")
        if body is not None:
            step += f" with the body {json.dumps(body[0])}"
        answer = self.send(op, step, path, params, body)
        if answer is None:
            self.unknown_why.setdefault(name, f"{op.label} was refused")
            return
        if self.verdicts.expect(op, answer, 200, step):
            problem = envelope_problem(answer.json) if answer.json is not NOT_JSON else None
            if problem:
                message = f"{op.label}: {step} does not answer the list envelope: {problem}"
                self.verdicts.report("live-schema", op, response_pointer(op, "200"), message)
            else:
                self.verdicts.check_body(op, answer, step)
            items = [i for i in list_items(answer.json) if isinstance(i, Mapping)]
            self.saw(name, items)
            if items:
                self.known.setdefault(name, items[0])
                for other in self.sources.get(op.pointer, ()):
                    self.saw(other, items)
                    self.known.setdefault(other, items[0])
            elif is_list(answer.json):
                self.unknown_why.setdefault(name, f"{op.label} answered no items")
            else:
                got = shape_hint(answer.json)
                self.unknown_why.setdefault(name, f"{op.label} answered {got}, no list")
        else:
            self.unknown_why.setdefault(name, f"{op.label} answered {answer.status_said}")
        self.probe_bad_page(op, path, body)
        check_list(self, op, path, answer)

    def list_body(self, op: Operation) -> tuple[Any] | None:
        """The body of a list sent by POST (`POST /flows/filter`): the smallest one its schema
        accepts (`{}` when nothing is required); None for a GET."""
        if op.method != "post" or op.body is None or op.body.json_schema is None:
            return None
        return (self.writes.valid_body(op),)

    def probe_bad_page(self, op: Operation, path: str, body: tuple[Any] | None) -> None:
        schemas = self.api.schemas
        for name in ("limit", "page"):
            param = op.parameter(name)
            if param is None or not schemas.types(param.schema) & {"integer", "number"}:
                continue
            low = schemas.minimum(param.schema)
            if low is not None and (low[0] > 0 or (low[0] == 0 and low[1])):
                bad, why = "0", "below its documented minimum"
            else:
                bad, why = "abc", "not a number"
            params = {p: "1" for p in ("page", "limit") if op.parameter(p)}
            params[name] = bad
            step = f"a list with {name}={bad} ({why})"
            answer = self.send(op, step, path, params, body)
            if answer is not None:
                self.verdicts.expect_422(op, answer, step)
            return

    def probe_read(self, op: Operation) -> None:
        path = self.path_of(op, self.known)
        if path is None:
            return
        if "{" not in op.path:
            step = "a read"
        elif op.segments[-1].is_param:
            step = "a read of " + self.whose(op)
        else:  # `/projects/{id}/span_annotations`: not a read of the id it was given
            params = ", ".join(s.text for s in op.segments if s.is_param)
            step = (
                f"a {op.method.upper()} with {params} of {self.whose(op).replace(' id', ' item')}"
            )
        answer = self.send(op, step, path)
        if answer is not None and not op.segments[-1].is_param and own_404(answer):
            # The item exists (a list showed it); a 404 in the handler's own words is about
            # the view's data (Phoenix's experiment CSV: 'Experiment has no runs'), not a
            # missing route, which answers FastAPI's 'Not Found'.
            self.note(op, f"{step} answered {answer.status_said}: no data for it; no finding")
            return
        if answer is not None and self.verdicts.expect(op, answer, 200, step):
            self.verdicts.check_body(op, answer, step)

    def whose(self, op: Operation) -> str:
        """'a listed id' or 'the given id' (--id): what a read's path was filled with."""
        given = op.resource is not None and isinstance(self.known.get(op.resource.name), Given)
        return "the given id" if given else "a listed id"

    def probe_invalid_body(self, op: Operation, group: Group, writes: bool = False) -> None:
        path = self.path_of(op, self.known)
        if path is None:
            return
        if op.kind == "action" and self.api.not_fastapi:
            # Only FastAPI is known to validate before its handler runs: an action's body is
            # sent only to a server whose spec is FastAPI's.
            self.note(op, "an action: not probed (its spec is not FastAPI's: no invalid body)")
            return
        candidates: list[tuple[str, Any]] = [("a JSON array", [])]
        top = wrong_type(self.api.schemas, op.body.json_schema if op.body else None)
        if isinstance(top, dict):  # a body that is an array or a string: an object is refused
            candidates.append(("a JSON object", top))
        if writes and op.kind == "create":
            candidates.extend(self.wrong_field(op, required=True))
        pointer = body_pointer(op)
        sent = False
        for label, body in candidates:
            if pointer is None or self.verdicts.checker.valid(pointer, body):
                continue  # the spec accepts it: not an invalid body
            if sent and label == "a JSON object":
                continue  # one wrong type at the top level is enough
            sent = True
            step = f"an invalid body ({label})"
            with self.hold():
                with self.hold(op.label if op.kind == "create" else None):
                    answer = self.send(op, step, path, body=(body,))
                if answer is not None and answer.ok and op.kind == "create":
                    self.writes.remember(op, group, answer, by_mistake=True)
                if answer is not None and answer.ok and op.kind == "action":
                    self.note(op, f"{step} was accepted: the action may have been performed")
            if answer is None:
                return
            self.verdicts.expect_422(op, answer, step)
        if not sent:
            self.note(op, "no body is invalid by its schema: validation not probed")

    def wrong_field(self, op: Operation, required: bool) -> list[tuple[str, Any]]:
        """One body: `{field: <a value of the wrong type>}` (a required field for creates)."""
        schemas = self.api.schemas
        schema = op.body.json_schema if op.body else None
        props = schemas.properties(schema)
        names = sorted(schemas.required(schema)) if required else list(props)
        for name in names:
            bad = wrong_type(schemas, props.get(name))
            if bad is not None:
                return [(f"`{name}` of the wrong type", {name: bad})]
        return []

    # -- the summary ----------------------------------------------------------------------------

    def accounts(self) -> list[tuple[Operation, bool, str]]:
        """Every operation of the spec once: (op, probed, why). `why` is the reason it was
        skipped, or the notes on a probed one ('' when none)."""
        found = []
        for op in self.api.operations:
            record = self.records.get(op.pointer)
            steps, notes = (record.steps, record.notes) if record else ([], [])
            if steps:
                found.append((op, True, "; ".join(notes)))
            else:
                found.append((op, False, notes[0] if notes else self.unreached(op)))
        return found

    def unreached(self, op: Operation) -> str:
        """Why an operation got no request and no note: its resource's probes stopped first."""
        if op.resource is not None and op.resource.name in self.unknown_why:
            return f"not reached: {self.unknown_why[op.resource.name]}"
        return "not reached: an earlier step of its resource stopped"

    def operations_json(self) -> list[dict[str, Any]]:
        """`operations` of --format json: path, method, status (probed or skipped), reason,
        and the steps sent."""
        records = self.records
        return [
            {
                "path": op.path,
                "method": op.method,
                "status": "probed" if probed else "skipped",
                "reason": why or None,
                "steps": list(records[op.pointer].steps) if op.pointer in records else [],
            }
            for op, probed, why in self.accounts()
        ]

    def left_json(self) -> list[dict[str, str]]:
        """`left_behind` of --format json: method, url, reason of what may remain."""
        return self.writes.ledger.left_json()

    def summary(self, base: str) -> list[str]:
        """What was probed and what was not (and why), one operation a line."""
        accounts = self.accounts()
        probed = [(op, why) for op, done, why in accounts if done]
        skipped = [(op, why) for op, done, why in accounts if not done]
        mode = "with writes" if self.allow_writes else "read-only"
        width = max((len(op.label) for op, _, _ in accounts), default=0)
        lines = [
            "",
            f"Probed {len(probed)} of {len(accounts)} operations at {base} "
            f"({mode}, {self.session.requests} requests):",
        ]
        for op, why in probed:
            notes = f"  [{why}]" if why else ""
            steps = ", ".join(self.records[op.pointer].steps)
            lines.append(f"  {op.label:<{width}}  {steps}{notes}")
        if skipped:
            lines.append(f"Skipped {len(skipped)}:")
            lines.extend(f"  {op.label:<{width}}  {why}" for op, why in skipped)
        if self.left_behind:
            lines.append(f"Left behind {len(self.left_behind)} created objects:")
            lines.extend(f"  {entry}" for entry in self.left_behind)
        return lines

    def brief(self, base: str) -> list[str]:
        """The summary in a few sentences (for Markdown): counts, skip reasons, leftovers."""
        accounts = self.accounts()
        probed = sum(1 for _, done, _ in accounts if done)
        mode = "with writes" if self.allow_writes else "read-only"
        lines = [
            f"Probed {probed} of {len(accounts)} operations at {base} "
            f"({mode}, {self.session.requests} requests)."
        ]
        reasons = Counter(why for _, done, why in accounts if not done)
        if reasons:
            listed = "; ".join(f"{why} ({count})" for why, count in reasons.most_common())
            lines.append(f"Skipped {sum(reasons.values())}: {listed}.")
        if self.left_behind:
            lines.append(f"Left behind: {'; '.join(self.left_behind)}.")
        return lines


def item_sources(api: Api) -> dict[str, list[str]]:
    """For each list (by pointer), the other resources without a list of their own whose
    items it answers, by the model: its items' schema is the model a resource's read
    answers (Phoenix's `GET /v1/datasets/{id}/experiments` lists the `Experiment`s that
    `GET /v1/experiments/{experiment_id}` reads). Their ids fill that resource's paths too."""
    schemas = api.schemas
    reads: list[tuple[str, Any]] = []
    for name, resource in api.resources.items():
        if resource.ops("list"):
            continue  # its own list gives its ids (another resource may share its model)
        read = resource.read
        answer = read.responses.get("200") if read is not None else None
        if answer is not None and answer.json_schema is not None:
            payload = schemas.payload(answer.json_schema)
            if schemas.ref_name(payload):
                reads.append((name, payload))
    found: dict[str, list[str]] = {}
    for op in api.operations:
        answer = op.responses.get("200")
        if op.kind != "list" or answer is None or answer.json_schema is None:
            item_schemas = None
        else:
            item_schemas = schemas.page_items(answer.json_schema)
        if not item_schemas:
            continue
        own = op.resource.name if op.resource is not None else None
        others = [
            name
            for name, payload in reads
            if name != own and any(schemas.same_model(item, payload) for item in item_schemas)
        ]
        if others:
            found[op.pointer] = others
    return found


def fed_last(groups: Sequence[Group], sources: Mapping[str, list[str]]) -> list[Group]:
    """The groups in order, those whose resource (or an ancestor) has no list of its own but
    takes ids from another resource's list (see item_sources) after the others."""
    fed = {name for names in sources.values() for name in names}

    def late(group: Group) -> bool:
        resource = group.resource
        while resource is not None:
            if resource.name in fed and not resource.ops("list"):
                return True
            resource = resource.parent
        return False

    return [g for g in groups if not late(g)] + [g for g in groups if late(g)]


def own_404(answer: Answer) -> bool:
    """A 404 with the handler's own words, not the router's 'Not Found' (no such route)."""
    said = answer.said.strip().rstrip(".").lower()
    return answer.status == 404 and bool(said) and said != "not found"
