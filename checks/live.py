"""The live rules: what `restcheck probe` reports about a running server.

They are documented like the document rules and listed by `restcheck rules`, but `check`
never runs them (see `checker.engine.registry.live_rule`); the probing is in `checker.probe.run`
(a list's behaviour: `checker.probe.lists`).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.engine.registry import Problem, live_rule


@live_rule("error")
def live_status() -> Iterator[Problem]:
    """The server answers the status the guideline and the spec promise.

    Lists and reads answer 200, creates 201, updates 200 (also to an empty `{}`), deletes 204
    with no content, and a read after the delete 404. Any 5xx is reported here too: a server
    error during probing is a finding, not a crash of the probe.

    Why: clients branch on the status code; a create that answers 200, a delete that answers
    200 with the object, or a read that still answers after the delete break generated SDKs
    and retry logic even when the spec says the right thing.

    Bad:
        POST /v1/customers/  {"email": "jane@example.com"}
        -> 200 OK            {"id": "…", "email": "jane@example.com", …}
        (the spec documents 201)

    Good:
        POST /v1/customers/  {"email": "jane@example.com"}
        -> 201 Created       {"id": "…", "email": "jane@example.com", …}
    """
    return iter(())


@live_rule("error")
def live_schema() -> Iterator[Problem]:
    """The server's bodies match the documented schemas (list envelope included).

    Every JSON answer is validated against the schema its operation documents for that status
    (OpenAPI 3.1 as JSON Schema 2020-12; 3.0 with `nullable` as a null alternative), `$ref`s
    resolved against the served document. Lists must also answer the guideline's envelope:
    `items` (an array) and `pagination` with integer `total_count` and `max_page`. A 204 must
    have no body.

    Why: the spec is the contract SDKs are generated from; a field the spec promises and the
    server leaves out (`pagination.total_count`) fails at the client, far from its cause.

    Bad:
        GET /v1/customers/?page=1&limit=1
        -> 200 OK  {"items": [...], "pagination": {"max_page": 3}}

    Good:
        GET /v1/customers/?page=1&limit=1
        -> 200 OK  {"items": [...], "pagination": {"total_count": 3, "max_page": 3}}
    """
    return iter(())


@live_rule("error")
def live_validation_422() -> Iterator[Problem]:
    """Invalid input gets 422 with FastAPI's `detail` shape.

    The probe sends input FastAPI rejects before the handler runs: a `limit` (or `page`) below
    its documented bound or not a number, and to creates and updates a JSON array where an
    object is expected (with --allow-writes also an object whose required field has the wrong
    type). The answer must be 422 with `{"detail": [{"loc": [...], "msg": "...", "type":
    "..."}]}`; an invalid body that is accepted is reported too.

    Why: Polar's clients and SDKs read validation errors in one shape; a 400 with another
    body, or a 2xx that silently accepts garbage, breaks form error display and hides bugs.

    Bad:
        POST /v1/customers/  []
        -> 400 Bad Request   {"error": "invalid request"}

    Good:
        POST /v1/customers/  []
        -> 422 Unprocessable Content
           {"detail": [{"loc": ["body"], "type": "model_attributes_type",
                        "msg": "Input should be a valid dictionary or object to ..."}]}
    """
    return iter(())


@live_rule("error")
def live_sorting() -> Iterator[Problem]:
    """`sorting=f` sorts the items ascending by `f`, `sorting=-f` descending.

    For each field the spec's `sorting` enum names (at most four, of those the items carry),
    the probe lists with `sorting=f` and `sorting=-f` and compares the items' values in
    order. Nulls are left out (databases put them first or last); a pair of values is out of
    order only when every way of comparing them agrees: strings by code point and as a
    database collation does (case, accents and punctuation ignored), and as numbers or
    timestamps when both read as such. Fields the items do not carry, whose values are
    objects, or that are enums (a server orders those its own way) are noted, not judged.

    Why: the `sorting` enum is a promise: a client that asks for the newest first and gets
    them ascending (a dropped `-`) or unsorted shows wrong data without any error.

    Bad:
        GET /v1/customers/?sorting=-created_at
        -> items with created_at 2025-01-01, 2025-03-01, 2025-02-01

    Good:
        GET /v1/customers/?sorting=-created_at
        -> items with created_at 2025-03-01, 2025-02-01, 2025-01-01
    """
    return iter(())


@live_rule("error")
def live_pagination() -> Iterator[Problem]:
    """Pages do not overlap and `max_page` is `ceil(total_count / limit)`.

    The probe asks for pages 1 and 2 with a small `limit` (2, or 1 when the list has two
    items) and compares their ids: an item on both pages is reported, once a second call of
    page 1 shows the list did not change meanwhile. On every envelope whose page holds as
    many items as `limit` and `total_count` say it should, `pagination.max_page` must be
    `ceil(total_count / limit)`. Lists with fewer items than two pages, or without `page` and
    `limit`, are noted, not judged.

    Why: clients walk pages until `max_page`; an off-by-one offset shows an item twice (and
    hides another), a wrong `max_page` stops the walk early or asks for an empty page.

    Bad:
        GET /v1/customers/?page=1&limit=2  -> items [A, B], total_count 5, max_page 2
        GET /v1/customers/?page=2&limit=2  -> items [B, C]

    Good:
        GET /v1/customers/?page=1&limit=2  -> items [A, B], total_count 5, max_page 3
        GET /v1/customers/?page=2&limit=2  -> items [C, D]
    """
    return iter(())


@live_rule("error")
def live_limit() -> Iterator[Problem]:
    """A list answers no more items than `limit` asks for.

    Judged on every list call the probe sends with a `limit` (the first call, `limit=1`, the
    pages, the sorted and the filtered calls): more items than `limit` is reported. A server
    may answer fewer (a cap of its own); that is not judged here.

    Why: clients size their pages (and their memory) by `limit`; a server that ignores it
    sends everything at once, and its `max_page` no longer matches the pages clients ask for.

    Bad:
        GET /v1/customers/?page=1&limit=2  -> 200 OK, 40 items

    Good:
        GET /v1/customers/?page=1&limit=2  -> 200 OK, 2 items, pagination.max_page 20
    """
    return iter(())


@live_rule("error")
def live_filters() -> Iterator[Problem]:
    """A repeated filter value (`?x=a&x=b`) returns the items with `a` or `b`, all of them.

    Judged on multi-value filters (an array among the schema's variants) named after a
    field of the items, at most two per list, with two values the items showed. First
    `?x=a` and `?x=b` alone: each must answer only items with its value, else `x` is no
    equality filter (a search, a prefix) and is not judged. Then `?x=a&x=b` must answer only
    items with `a` or `b`, and (in the envelope) count as many as `a` and `b` apart, once a
    second call shows the count did not change meanwhile.

    Why: the guideline's filters take repeated values so that clients ask once for several
    ids or states; a server that applies only the first value, or ignores a repeated one,
    silently answers the wrong set.

    Bad:
        GET /v1/orders/?status=paid               -> total_count 3
        GET /v1/orders/?status=refunded           -> total_count 2
        GET /v1/orders/?status=paid&status=refunded  -> total_count 3 (only `paid` applied)

    Good:
        GET /v1/orders/?status=paid&status=refunded  -> total_count 5, each paid or refunded
    """
    return iter(())


@live_rule("error")
def live_default_filter() -> Iterator[Problem]:
    """The unfiltered list is not silently filtered (e.g. archived items hidden).

    For lists that answer the envelope, and filters named after a field of the items that
    take booleans or enum values (at most six, two filters per list) and document no
    default, the probe counts each value
    (`?archived=true`, `?archived=false`) and the list without the filter. Each value's
    answer must show only items with that value, and no item under two values (so the
    values select apart); then the unfiltered `total_count` must be at least their sum. A
    documented default is `no-implicit-filters`'s to judge, in the spec.

    Why: a list without filters returns everything the subject can access; a server that
    drops archived or inactive items unless asked, while the spec says nothing, makes
    clients believe those items do not exist.

    Bad:
        GET /v1/products/                -> total_count 4
        GET /v1/products/?archived=true  -> total_count 3
        GET /v1/products/?archived=false -> total_count 4

    Good:
        GET /v1/products/                -> total_count 7
        GET /v1/products/?archived=true  -> total_count 3
        GET /v1/products/?archived=false -> total_count 4
    """
    return iter(())
