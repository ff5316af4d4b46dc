"""List behaviour, read-only: sorting, pages, `limit`, repeated filters, the default list.

Judged with the items a list answers, once its first call answered 200 with items; GETs
only, and no finding when unsure (docs/probe.md, "List behaviour"). What needs a count
(`max_page`, the filters' counts, the default filter) is judged on the envelope only.

- pagination (`live-pagination`; 2 requests, a 3rd to confirm an overlap): pages 1 and 2
  with a small `limit` share no id; on every answer whose page is as full as `limit` and
  `total_count` say, `max_page == ceil(total_count / limit)`;
- limit (`live-limit`; no request of its own): no answer sent with `limit=n` holds more,
  the list's first call (`limit=1`) included;
- sorting (`live-sorting`; 2 per field, at most 4 fields): `sorting=f` ascending by the
  items' `f`, `sorting=-f` descending (checker.probe.order: no finding when a collation, a
  number or a timestamp would read the order otherwise). Fields the items lack, objects,
  enums and secrets are noted;
- filters (`live-filters`; 3 per filter, a 4th to confirm, at most 2 filters): for a
  multi-value filter named after a field of the items, with two values `a`, `b` they showed:
  `?x=a` and `?x=b` each answer only their value (else no equality filter: not judged), and
  `?x=a&x=b` answers only `a` or `b`, as many as the two apart;
- default filter (`live-default-filter`; an unfiltered count, 1 per value, at most 6 values,
  and a second unfiltered count to confirm; at most 2 filters): for a filter named after a
  field of the items taking booleans or enum values, with no default in the spec, whose
  values' answers show only their value and share no item: the unfiltered `total_count` is
  at least their sum.

At most 35 requests per list (3 + 8 + 8 + 16), besides the list's own two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

from checker.model import Api, Operation, Parameter
from checker.model.schemas import Json, Schemas
from checker.probe.judge import envelope_problem, list_items
from checker.probe.order import unsorted
from checker.probe.session import NOT_JSON, Answer
from checker.probe.verdicts import Verdicts, response_pointer
from checker.redact import SECRET_PARAMETERS
from checker.words import count

SORT_PAGE = 20  # items per page when judging sorting and filters
MAX_SORT_FIELDS = 4
MAX_FILTERS = 2
MAX_STATE_FILTERS = 2
MAX_STATE_VALUES = 6
MAX_REQUESTS = (
    3 + 2 * MAX_SORT_FIELDS + 4 * MAX_FILTERS + (2 + MAX_STATE_VALUES) * MAX_STATE_FILTERS
)
PAGING = ("page", "limit", "sorting")

Query = list[tuple[str, str]]


class Prober(Protocol):
    """What the list checks use of checker.probe.run.Prober."""

    api: Api
    verdicts: Verdicts

    def send(
        self, op: Operation, step: str, path: str, params: Any = None, body: Any = None
    ) -> Answer | None: ...

    def note(self, op: Operation, text: str) -> None: ...


def check_list(prober: Prober, op: Operation, path: str, first: Answer) -> None:
    """Judge a list's behaviour, when its first call (`first`) answered 200 with a list (the
    envelope, or any shape `list_items` reads items from)."""
    if op.method.lower() != "get" or first.status != 200 or first.json is NOT_JSON:
        return  # (a list sent by POST, `POST /flows/filter`, is not asked again: GETs only)
    if list_items(first.json) or envelope_problem(first.json) is None:
        query = parse_qsl(urlsplit(first.target).query)
        sent = dict(query).get("limit", "")
        page = Page(first.json, int(sent) if sent.isdigit() else None)
        checks = ListChecks(prober, op, path, page)
        checks.judge_limit(page, query, 1)  # the first call's own `limit` (no request)
        checks.run()


class Page:
    """One list answer: its items, the `limit` it was sent, and its `total_count` and
    `max_page` (None unless it is the envelope)."""

    def __init__(self, body: Any, limit: int | None) -> None:
        self.items = [i for i in list_items(body) if isinstance(i, Mapping)]
        self.limit = limit
        self.total: int | None = None
        self.max_page: int | None = None
        if envelope_problem(body) is None:
            self.total = body["pagination"]["total_count"]
            self.max_page = body["pagination"]["max_page"]

    def ids(self) -> list[str]:
        return [text(i["id"]) for i in self.items if is_scalar(i.get("id"))]


class ListChecks:
    def __init__(self, prober: Prober, op: Operation, path: str, first: Page) -> None:
        self.prober = prober
        self.op = op
        self.path = path
        self.schemas = prober.api.schemas
        self.total = first.total  # None: the list does not count its items
        self.seen: list[Mapping[str, Any]] = list(first.items)
        self.limit_param = op.parameter("limit")
        self.page_param = op.parameter("page")
        self.limit_ignored = False
        self.sent = 0
        self.stopped = False  # a call was refused or failed: ask this list nothing more

    # -- requests -------------------------------------------------------------------------------

    def get(self, step: str, query: Query, limit: int | None = None, page: int = 1) -> Page | None:
        """One GET of the list; None when it was refused (401, 403, 429: noted), failed (a
        live-status finding) or is not JSON, and from then on."""
        params: Query = list(query)
        if self.page_param is not None:
            params.append(("page", str(page)))
        if limit is not None and self.limit_param is not None:
            params.append(("limit", str(limit)))
        else:
            limit = None
        if self.stopped or self.sent == MAX_REQUESTS:  # (the bounds above never reach it)
            return None
        self.sent += 1
        answer = self.prober.send(self.op, step, self.path, params)
        ok = answer is not None and self.prober.verdicts.expect(self.op, answer, 200, step)
        if answer is None or not ok or answer.json is NOT_JSON:
            self.stopped = True
            return None
        found = Page(answer.json, limit)
        self.seen.extend(found.items)
        self.judge_limit(found, params, page)
        return found

    def report(self, rule: str, pointer: str, message: str) -> None:
        self.prober.verdicts.report(rule, self.op, pointer, f"{self.op.label}: {message}")

    def note(self, text: str) -> None:
        self.prober.note(self.op, text)

    def run(self) -> None:
        if not self.seen:
            self.note("list behaviour not judged: the list answered no items")
            return
        self.pagination()
        self.sorting()
        self.filters()
        self.default_filter()

    # -- limit and pages ------------------------------------------------------------------------

    def judge_limit(self, found: Page, params: Sequence[tuple[str, str]], page: int) -> None:
        limit = found.limit
        if limit is None or self.limit_param is None:
            return
        sent = "&".join(f"{k}={v}" for k, v in params)
        if len(found.items) > limit:
            self.limit_ignored = True
            self.report(
                "live-limit",
                self.limit_param.pointer,
                f"{sent} answered {len(found.items)} items; expected at most {limit}",
            )
            return
        if found.total is None or found.max_page is None:
            return
        expected = min(limit, max(found.total - (page - 1) * limit, 0))
        if found.total <= 0 or len(found.items) != expected:
            return  # empty, or a page the server cut otherwise (a cap): max_page not judged
        pages = math.ceil(found.total / limit)
        if found.max_page != pages:
            self.report(
                "live-pagination",
                response_pointer(self.op, "200"),
                f"{sent} answered pagination.max_page {found.max_page} for total_count "
                f"{found.total}; expected {pages} (ceil({found.total} / {limit}))",
            )

    def small_limit(self) -> int | None:
        """The `limit` for two pages: 2 (1 when the list has 2 items), within the spec's bounds."""
        return self.bounded(2 if self.total is not None and self.total >= 3 else 1)

    def big_limit(self) -> int | None:
        """The `limit` for sorted and filtered calls: SORT_PAGE, within the spec's bounds."""
        return self.bounded(SORT_PAGE)

    def bounded(self, wanted: int) -> int | None:
        """`wanted` raised to `limit`'s documented minimum, else lowered to its maximum; None
        without `limit` or when no value fits."""
        if self.limit_param is None:
            return None
        low = self.schemas.minimum(self.limit_param.schema)
        lowest = 1 if low is None else math.floor(low[0]) + 1 if low[1] else math.ceil(low[0])
        high = maximum(self.schemas, self.limit_param)
        found = max(lowest, 1, wanted if high is None else min(wanted, high))
        return found if high is None or found <= high else None

    def pagination(self) -> None:
        limit = self.small_limit()
        if self.page_param is None:
            return  # pages of another kind (a cursor, an offset): not compared
        if limit is None:
            self.note("pages not compared: no `limit` the spec allows")
            return
        if self.total is not None and self.total <= limit:
            self.note(f"pages not compared: {count(self.total, 'item')} on one page")
            return
        step = f"pages 1 and 2 (limit={limit})"
        first = self.get(step, [], limit, 1)
        second = self.get(step, [], limit, 2) if first is not None else None
        if first is None or second is None or self.limit_ignored:
            return  # (a list that does not count its items may have one page only)
        shared = [i for i in second.ids() if i in set(first.ids())]
        if not shared:
            return
        again = self.get(step, [], limit, 1)  # an insert between the two pages shifts them
        if again is None or again.ids() != first.ids() or again.total != first.total:
            self.note("pages 1 and 2 overlap, but the list changed meanwhile: not judged")
            return
        self.report(
            "live-pagination",
            self.page_param.pointer,
            f"pages 1 and 2 (limit={limit}) share {len(shared)} of their items "
            f"(id {shared[0]}); expected no item on two pages",
        )

    # -- sorting --------------------------------------------------------------------------------

    def sorting(self) -> None:
        param = self.op.parameter("sorting")
        values = enum_values(self.schemas, param.schema) if param is not None else None
        if param is None or not values:
            return
        if self.total is not None and self.total < 2:
            self.note(f"sorting not judged: {count(self.total, 'item')}")
            return
        fields = list(dict.fromkeys(str(v).removeprefix("-") for v in values))
        judged: list[str] = []
        skipped: dict[str, list[str]] = {}
        properties = self.item_properties()
        for name in fields:
            why = self.unsortable(name, properties)
            if why is not None:
                skipped.setdefault(why, []).append(name)
            elif len(judged) < MAX_SORT_FIELDS:
                judged.append(name)
            else:
                skipped.setdefault(f"more than {MAX_SORT_FIELDS} fields", []).append(name)
        for why, names in skipped.items():
            self.note(f"sorting by {', '.join(names)} not judged ({why})")
        if not judged:
            return
        step = f"sorting ({', '.join(judged)})"
        limit = self.big_limit()
        for name in judged:
            for value in (name, "-" + name):
                if value not in values:
                    continue
                found = self.get(step, [("sorting", value)], limit)
                if found is None:
                    return
                problem = unsorted(found.items, name, descending=value.startswith("-"))
                if problem is not None:
                    way = "descending" if value.startswith("-") else "ascending"
                    self.report(
                        "live-sorting",
                        param.pointer,
                        f"sorting={value} answered {problem}; expected {way} by {name}",
                    )
                    return

    def unsortable(self, name: str, properties: Mapping[str, Json]) -> str | None:
        """Why sorting by a field cannot be judged from the items; None when it can."""
        values = [i[name] for i in self.seen if i.get(name) is not None]
        if not any(name in i for i in self.seen):
            return "not a field of the items"
        if secret(name):
            return "a secret: its values are never shown"
        if any(not is_scalar(v) for v in values):
            return "not a plain value in the items"
        schema = properties.get(name)
        if schema is not None and self.schemas.enum(schema):
            return "an enum: its order is the server's own"
        return None

    def item_properties(self) -> dict[str, Json]:
        response = self.op.responses.get("200")
        page = response.json_schema if response is not None else None
        found: dict[str, Json] = {}
        for item in self.schemas.page_items(page) if page is not None else []:
            for variant in self.schemas.variants(item):
                for name, schema in self.schemas.properties(variant).items():
                    found.setdefault(name, schema)
        return found

    # -- filters --------------------------------------------------------------------------------

    def candidate_filters(self) -> list[Parameter]:
        """Optional query parameters named after a field of the items, not paging/sorting,
        nor a secret (its values are never sent or shown)."""
        fields = set(self.item_properties()) | {k for i in self.seen for k in i}
        return [
            p
            for p in self.op.query
            if not p.required and p.name not in PAGING and p.name in fields and not secret(p.name)
        ]

    def filters(self) -> None:
        skipped: dict[str, list[str]] = {}
        judged: list[tuple[Parameter, str, str]] = []
        for param in self.candidate_filters():
            if not any(self.schemas.is_array(v) for v in self.schemas.variants(param.schema)):
                continue  # single-valued: multi-value-filters judges that in the spec
            shown = (i.get(param.name) for i in self.seen)
            values = list(dict.fromkeys(text(v) for v in shown if is_scalar(v)))
            if len(values) < 2:
                skipped.setdefault("the items show fewer than 2 values", []).append(param.name)
            elif len(judged) == MAX_FILTERS:
                skipped.setdefault(f"{MAX_FILTERS} filters judged", []).append(param.name)
            else:
                judged.append((param, values[0], values[1]))
        for why, names in skipped.items():
            self.note(f"repeated {', '.join(names)} not judged ({why})")
        for param, a, b in judged:
            if not self.repeated_filter(param, a, b):
                return

    def repeated_filter(self, param: Parameter, a: str, b: str) -> bool:
        """Judge `?x=a&x=b`; False when the list stopped answering."""
        name, limit = param.name, self.big_limit()
        step = f"repeated {name} values"
        alone: list[int | None] = []
        for value in (a, b):
            found = self.get(step, [(name, value)], limit)
            if found is None:
                return False
            if not only(found, name, value):
                self.note(f"repeated {name} not judged: {name}={value} is no equality filter")
                return True
            alone.append(found.total)
        both = self.get(step, [(name, a), (name, b)], limit)
        if both is None:
            return False
        sent = f"{name}={a}&{name}={b}"
        other = stray(both.items, name, {a, b})
        if other is not None:
            self.report(
                "live-filters",
                param.pointer,
                f"{sent} answered {other}; expected only items with {name} {a} or {b}",
            )
            return True
        counts = [n for n in alone if n is not None]
        if both.total is None or len(counts) < 2 or both.total == sum(counts):
            return True  # (a list that does not count its items: the counts not compared)
        again = self.get(step, [(name, a), (name, b)], limit)
        if again is None or again.total != both.total:
            return again is not None
        self.report(
            "live-filters",
            param.pointer,
            f"{sent} counts {both.total} items, but {name}={a} counts {counts[0]} and "
            f"{name}={b} {counts[1]}; expected {sum(counts)} (every value applied)",
        )
        return True

    # -- the default list -----------------------------------------------------------------------

    def default_filter(self) -> None:
        if self.total is None:
            return  # a list that does not count its items: nothing to add up
        judged: list[tuple[Parameter, list[str]]] = []
        for param in self.candidate_filters():
            given, default = self.schemas.default(param.schema)
            values = state_values(self.schemas, param)
            if values is None or (given and default is not None):
                continue  # a documented default: no-implicit-filters judges it in the spec
            if len(judged) == MAX_STATE_FILTERS:
                self.note(f"{param.name} not counted ({MAX_STATE_FILTERS} filters counted)")
            else:
                judged.append((param, values))
        for param, values in judged:
            if not self.hidden_items(param, values):
                return

    def hidden_items(self, param: Parameter, values: Sequence[str]) -> bool:
        """Whether the unfiltered list counts every item its filter values count together;
        False when the list stopped answering."""
        name = param.name
        step = f"counts by {name}"
        before = self.get(step, [], 1)
        if before is None or before.total is None:
            return False
        counts: list[int] = []
        ids: list[str] = []
        for value in values:
            found = self.get(step, [(name, value)], self.big_limit())
            if found is None:
                return False
            if not only(found, name, value) or found.total is None:
                return True  # no equality filter: the values may not be disjoint
            counts.append(found.total)
            ids.extend(found.ids())
        if len(ids) != len(set(ids)):
            return True  # an item under two values: not disjoint
        if sum(counts) <= before.total:
            return True
        after = self.get(step, [], 1)
        if after is None or after.total != before.total:
            return after is not None
        each = ", ".join(f"{name}={v} {n}" for v, n in zip(values, counts, strict=True))
        self.report(
            "live-default-filter",
            param.pointer,
            f"the unfiltered list counts {before.total} items, but {each} "
            f"({sum(counts)} in all); expected at least {sum(counts)}: without {name} the "
            "list leaves items out, which the spec does not document",
        )
        return True


# -- values ---------------------------------------------------------------------------------------


def secret(name: str) -> bool:
    """Whether a field holds secrets (`token`, `api_key`, `client_secret`, `password`)."""
    lowered = name.lower()
    snake = lowered.replace("-", "_")
    words = set(snake.split("_"))  # `total_tokens` is no token
    return lowered in SECRET_PARAMETERS or bool(
        words & {"secret", "token", "password", "apikey"} or "api_key" in snake
    )


def is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def text(value: Any) -> str:
    """A value as a query string carries it: `true` for True, else its str()."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def only(found: Page, name: str, value: str) -> bool:
    """Whether an answer to `?name=value` shows its items' field, always that value."""
    if found.total == 0 or (found.total is None and not found.items):
        return True  # nothing to contradict
    shown = bool(found.items) and all(name in i for i in found.items)
    return shown and stray(found.items, name, {value}) is None


def stray(items: Iterable[Mapping[str, Any]], name: str, wanted: set[str]) -> str | None:
    """The first item whose field is not one of the wanted values, described; None if none."""
    for item in items:
        if name in item and (not is_scalar(item[name]) or text(item[name]) not in wanted):
            ident = f" (id {item['id']})" if is_scalar(item.get("id")) else ""
            return f"an item with {name} {item[name]!r}{ident}"
    return None


def maximum(schemas: Schemas, param: Parameter) -> int | None:
    schema = schemas.non_null(param.schema)
    top, exclusive = schema.get("maximum"), schema.get("exclusiveMaximum")
    bounds: list[int] = []
    if isinstance(top, int) and not isinstance(top, bool):
        bounds.append(top - 1 if exclusive is True else top)
    if isinstance(exclusive, int) and not isinstance(exclusive, bool):
        bounds.append(exclusive - 1)
    return min(bounds) if bounds else None


def enum_values(schemas: Schemas, node: Json) -> list[str] | None:
    """The string values of an enum, or of an array of enum values."""
    for variant in schemas.variants(node):
        target = schemas.items(variant) if schemas.is_array(variant) else variant
        values = schemas.enum(target) if target is not None else None
        if values:
            return [v for v in values if isinstance(v, str)]
    return None


def state_values(schemas: Schemas, param: Parameter) -> list[str] | None:
    """The values of a boolean or enum filter (at most MAX_STATE_VALUES), else None."""
    if schemas.types(param.schema) - {"null", "array"} == {"boolean"}:
        return ["true", "false"]
    for variant in schemas.variants(param.schema):
        target = schemas.items(variant) if schemas.is_array(variant) else variant
        values = schemas.enum(target) if target is not None else None
        if values and 2 <= len(values) <= MAX_STATE_VALUES and all(map(is_scalar, values)):
            return [text(v) for v in values]
    return None
