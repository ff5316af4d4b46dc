"""Lists whose spec is right and whose paging, sorting or filtering is not, with twins that are.

Every list documents the same thing: `page` and `limit`, `sorting` over `created_at`, `name`,
`rank` and `popularity` (not a field of the items), a multi-value `color` filter, a `name`
filter and an `archived` filter without a default. Each resource serves the same seven seeded
entries (in an order that is sorted by nothing); the handlers deviate once each:

| resource                      | deviation (at runtime)                                  | rule                  |
|-------------------------------|---------------------------------------------------------|-----------------------|
| missorted-entries             | `sorting=-f` sorts ascending (the `-` is dropped)       | live-sorting          |
| overlapping-entries           | page n starts one item early (pages 1 and 2 share one)  | live-pagination       |
| miscounted-entries            | `max_page` is `total_count // limit` (rounded down)     | live-pagination       |
| unlimited-entries             | `limit` is ignored: every entry on every page           | live-limit            |
| repeat-ignored-entries        | `?color=a&color=b` filters nothing                      | live-filters          |
| first-value-entries           | `?color=a&color=b` applies `a` only                     | live-filters          |
| archive-hiding-entries        | without `archived`, archived entries are left out       | live-default-filter   |
| plain-unlimited-entries       | a bare array (no envelope), `limit` ignored             | live-schema, live-limit |

The twins conform, each in a way a naive check would misread:

| resource          | how it behaves                                                                  |
|-------------------|---------------------------------------------------------------------------------|
| entries           | sorts by code point, nulls last ascending (PostgreSQL's default)                |
| collated-entries  | sorts `name` as a collation does (case ignored), nulls first ascending (MySQL)  |
| searched-entries  | `name` is a prefix search, ignoring case (`Apple` finds `apple pie`): no equality filter |
| plain-entries     | a bare array (no envelope: `live-schema`), no counts to compare, else conforming |
| throttled-entries | answers 429 from its third call on: the probe asks it nothing more               |
| bounded-entries   | `limit` documented at most 5: the probe sends no more (else a 422)               |
| keyed-entries     | a repeated `token` filter is ignored, but a token is a secret: never sent or shown |

Stores are read only: no handler writes.
"""

import math
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import Field

from specs.kit import (
    EPOCH,
    IDSchema,
    ListResource,
    MultipleQueryFilter,
    Pagination,
    PaginationParams,
    PaginationParamsQuery,
    Schema,
    Sorting,
    TimestampedSchema,
    create_app,
    new_id,
    sort_enum,
    sorting_dependency,
)


class Entry(TimestampedSchema, IDSchema):
    """An entry of a list."""

    name: str = Field(description="The name of the entry.", examples=["Apple"])
    rank: int | None = Field(description="The rank of the entry, if it has one.", examples=[3])
    color: str = Field(description="The color of the entry.", examples=["red"])
    archived: bool = Field(description="Whether the entry is archived.", examples=[False])
    token: str = Field(description="The entry's access token.", examples=["tok-0"])


def entry(day: int, name: str, rank: int | None, color: str, archived: bool = False) -> Entry:
    created = EPOCH + timedelta(days=day)
    return Entry(
        id=new_id(),
        created_at=created,
        modified_at=None,
        name=name,
        rank=rank,
        color=color,
        archived=archived,
        token=f"tok-{name.replace(' ', '-')}",
    )


# Sorted by nothing: not by day, name, rank or color. The newest is "Apple" (listed first by
# default), so a filter on its name sees "apple pie" too when it searches by prefix.
ENTRIES: list[Entry] = [
    entry(3, "banana", 5, "red"),
    entry(9, "Apple", None, "green"),
    entry(1, "cherry", 2, "blue", archived=True),
    entry(6, "apple pie", 7, "red"),
    entry(2, "Date", None, "green", archived=True),
    entry(8, "elderberry", 1, "red"),
    entry(5, "Fig", 4, "blue"),
]

EntrySortProperty = sort_enum("EntrySortProperty", ["created_at", "name", "rank", "popularity"])
SortingQuery = Annotated[Sorting, Depends(sorting_dependency(EntrySortProperty))]


class Filters(Schema):
    """The filters every list takes."""

    color: list[str] | None
    name: list[str] | None
    archived: bool | None


async def get_filters(
    color: Annotated[MultipleQueryFilter[str] | None, Query(description="By color.")] = None,
    name: Annotated[MultipleQueryFilter[str] | None, Query(description="By name.")] = None,
    archived: bool | None = None,
) -> Filters:
    return Filters(color=color, name=name, archived=archived)


FiltersQuery = Annotated[Filters, Depends(get_filters)]

Matcher = Callable[[Entry, Filters], bool]


def matches(row: Entry, filters: Filters) -> bool:
    """The guideline's filters: a list means any of its values."""
    return (
        (filters.color is None or row.color in filters.color)
        and (filters.name is None or row.name in filters.name)
        and (filters.archived is None or row.archived == filters.archived)
    )


def key_by_code_point(row: Entry, field: str) -> tuple[bool, Any]:
    value = row.rank if field == "popularity" else getattr(row, field)
    return (value is None, value)


def key_by_collation(row: Entry, field: str) -> tuple[bool, Any]:
    value = row.rank if field == "popularity" else getattr(row, field)
    if isinstance(value, str):
        value = value.casefold()
    return (value is not None, value)  # nulls first ascending, last descending


def sort(
    rows: list[Entry], sorting: Sorting, key: Callable[[Entry, str], Any] = key_by_code_point
) -> list[Entry]:
    for field, descending in reversed(sorting):
        rows.sort(key=lambda row, f=field: key(row, f), reverse=descending)
    return rows


def page_of(rows: list[Entry], pagination: PaginationParams, start: int | None = None) -> Any:
    first = (pagination.page - 1) * pagination.limit if start is None else start
    return ListResource[Entry](
        items=rows[first : first + pagination.limit],
        pagination=Pagination(
            total_count=len(rows), max_page=math.ceil(len(rows) / pagination.limit)
        ),
    )


def list_route(name: str) -> tuple[APIRouter, Callable[[Callable[..., Any]], Any]]:
    """A router for /v1/<name>/ and the decorator documenting its list."""
    router = APIRouter(prefix=f"/v1/{name}", tags=[name])
    return router, router.get("/", response_model=ListResource[Entry], name=f"list_{name}")


def standard(name: str, key: Callable[[Entry, str], Any] = key_by_code_point) -> APIRouter:
    router, documented = list_route(name)

    @documented
    async def list_entries(
        pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
    ) -> Any:
        rows = [row for row in ENTRIES if matches(row, filters)]
        return page_of(sort(rows, sorting, key), pagination)

    return router


entries = standard("entries")
collated = standard("collated-entries", key_by_collation)

searched, documented = list_route("searched-entries")


@documented
async def list_searched(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    prefixes = [n.casefold() for n in filters.name or []]
    rows = [
        row
        for row in ENTRIES
        if matches(row, filters.model_copy(update={"name": None}))
        and (not prefixes or any(row.name.casefold().startswith(p) for p in prefixes))
    ]
    return page_of(sort(rows, sorting), pagination)


missorted, documented = list_route("missorted-entries")


@documented
async def list_missorted(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    ascending = [(field, False) for field, _ in sorting]  # the deviation: `-` dropped
    rows = [row for row in ENTRIES if matches(row, filters)]
    return page_of(sort(rows, ascending), pagination)


overlapping, documented = list_route("overlapping-entries")


@documented
async def list_overlapping(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
    start = max((pagination.page - 1) * pagination.limit - 1, 0)  # the deviation
    return page_of(rows, pagination, start)


miscounted, documented = list_route("miscounted-entries")


@documented
async def list_miscounted(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
    page = page_of(rows, pagination)
    page.pagination.max_page = len(rows) // pagination.limit  # the deviation
    return page


unlimited, documented = list_route("unlimited-entries")


@documented
async def list_unlimited(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
    return page_of(rows, PaginationParams(1, len(rows) or 1))  # the deviation: no limit


repeat_ignored, documented = list_route("repeat-ignored-entries")


@documented
async def list_repeat_ignored(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    if filters.color is not None and len(filters.color) > 1:
        filters = filters.model_copy(update={"color": None})  # the deviation
    rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
    return page_of(rows, pagination)


first_value, documented = list_route("first-value-entries")


@documented
async def list_first_value(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    if filters.color:
        filters = filters.model_copy(update={"color": filters.color[:1]})  # the deviation
    rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
    return page_of(rows, pagination)


archive_hiding, documented = list_route("archive-hiding-entries")


@documented
async def list_archive_hiding(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    if filters.archived is None:
        filters = filters.model_copy(update={"archived": False})  # the deviation
    rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
    return page_of(rows, pagination)


throttled, documented = list_route("throttled-entries")
THROTTLED_CALLS: list[None] = []  # the calls its handler got


@documented
async def list_throttled(
    pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
) -> Any:
    THROTTLED_CALLS.append(None)
    if len(THROTTLED_CALLS) > 2:
        raise HTTPException(429, "Too many requests")
    rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
    return page_of(rows, pagination)


bounded, documented = list_route("bounded-entries")


@documented
async def list_bounded(
    sorting: SortingQuery,
    filters: FiltersQuery,
    page: Annotated[int, Query(gt=0, description="Page number.")] = 1,
    limit: Annotated[int, Query(ge=1, le=5, description="Size of a page.")] = 5,
) -> Any:
    rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
    return page_of(rows, PaginationParams(page, limit))


keyed, documented = list_route("keyed-entries")


@documented
async def list_keyed(
    pagination: PaginationParamsQuery,
    sorting: SortingQuery,
    token: Annotated[MultipleQueryFilter[str] | None, Query(description="By token.")] = None,
) -> Any:
    rows = [row for row in ENTRIES if not token or len(token) > 1 or row.token in token]
    return page_of(sort(rows, sorting), pagination)  # the deviation: a repeated token ignored


def plain(name: str, honour_limit: bool) -> APIRouter:
    """A list answering a bare array of entries (documented so)."""
    router = APIRouter(prefix=f"/v1/{name}", tags=[name])

    @router.get("/", response_model=list[Entry], name=f"list_{name}")
    async def list_entries(
        pagination: PaginationParamsQuery, sorting: SortingQuery, filters: FiltersQuery
    ) -> Any:
        rows = sort([row for row in ENTRIES if matches(row, filters)], sorting)
        if not honour_limit:
            return rows  # the deviation
        return page_of(rows, pagination).items

    return router


app = create_app(title="List bugs API", version="1")

# (method, path) -> requests received, and every query string: the tests read how many each
# list got, that all were GETs, and what they carried.
REQUESTS: Counter[tuple[str, str]] = Counter()
QUERIES: list[tuple[str, str]] = []


@app.middleware("http")
async def count_requests(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    REQUESTS[(request.method, request.url.path)] += 1
    QUERIES.append((request.url.path, request.url.query))
    return await call_next(request)


for router in (
    entries,
    collated,
    searched,
    missorted,
    overlapping,
    miscounted,
    unlimited,
    repeat_ignored,
    first_value,
    archive_hiding,
    plain("plain-entries", honour_limit=True),
    plain("plain-unlimited-entries", honour_limit=False),
    throttled,
    bounded,
    keyed,
):
    app.include_router(router)

# (list, rule) of each runtime deviation (every other list draws none). The bare arrays are
# not the envelope: the list's first call reports that (live-schema).
DEVIATIONS: list[tuple[str, str]] = [
    ("/v1/missorted-entries/", "live-sorting"),
    ("/v1/overlapping-entries/", "live-pagination"),
    ("/v1/miscounted-entries/", "live-pagination"),
    ("/v1/unlimited-entries/", "live-limit"),
    ("/v1/repeat-ignored-entries/", "live-filters"),
    ("/v1/first-value-entries/", "live-filters"),
    ("/v1/archive-hiding-entries/", "live-default-filter"),
    ("/v1/plain-entries/", "live-schema"),
    ("/v1/plain-unlimited-entries/", "live-schema"),
    ("/v1/plain-unlimited-entries/", "live-limit"),
]
TWINS = (
    "/v1/entries/",
    "/v1/collated-entries/",
    "/v1/searched-entries/",
    "/v1/bounded-entries/",
)
