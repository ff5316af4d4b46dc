"""Polar-style building blocks shared by the example apps: a tiny stand-in for `polar.kit`.

It gives the shapes Polar's FastAPI export has, so that the apps in `specs/` generate the same
OpenAPI patterns restcheck must understand:

- `Schema`, `IDSchema`, `TimestampedSchema`: pydantic bases (`created_at`, `modified_at`);
- `ListResource[X]`: the list envelope, which FastAPI names `ListResource_X_`;
- `PaginationParamsQuery`: `page` and `limit`, `exclusiveMinimum: 0`, the cap of 100 only in
  the description, as in Polar;
- `sort_enum` and `sorting_dependency`: `sorting` as an array of `XSortProperty` values, each
  field `f` with its descending twin `-f`, default `["-created_at"]`;
- `MultipleQueryFilter[X]`: a filter accepting one value or repeated values
  (`anyOf[X, array of X, null]`);
- `admin_auth`, `customer_auth`, `allowed_subjects`: HTTP bearer schemes and the
  `x-polar-allowed-subjects` extension;
- `Repository`: an in-memory table so the apps also answer live requests (`restcheck probe`).

FastAPI adds the 422 `HTTPValidationError` response itself to every operation with
parameters or a body.
"""

import hashlib
import math
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, Literal, NamedTuple, TypeVar, get_args, get_origin

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import UUID4, AfterValidator, BaseModel, ConfigDict, Field

# --------------------------------------------------------------------------- schemas


class Schema(BaseModel):
    """Base of every schema in the example apps (Polar's `polar.kit.Schema`)."""

    model_config = ConfigDict(from_attributes=True)


class IDSchema(Schema):
    """Base of schemas identified by a UUID."""

    id: UUID4 = Field(
        description="The ID of the object.", examples=["1dbfc517-0bbf-4301-9ba8-555ca42b9737"]
    )


class TimestampedSchema(Schema):
    """Base of schemas whose objects record when they were created and last modified."""

    created_at: datetime = Field(description="Creation timestamp of the object.")
    modified_at: datetime | None = Field(description="Last modification timestamp of the object.")


class Pagination(Schema):
    """Pagination state of a list."""

    total_count: int = Field(description="Number of items across all pages.", examples=[42])
    max_page: int = Field(description="Number of the last page.", examples=[5])


T = TypeVar("T")


class ListResource(Schema, Generic[T]):
    """A page of a list: its items and the pagination state."""

    # Pydantic drops the docstring of a generic model from its parametrized subclasses
    # (`ListResource[Product]` has `__doc__ = None`): keep the description in the config.
    model_config = ConfigDict(json_schema_extra={"description": __doc__})

    items: list[T] = Field(description="The items of this page.")
    pagination: Pagination = Field(description="Pagination state of the list.")


class ResourceNotFound(Schema):
    """The requested object does not exist or the subject may not see it."""

    error: Literal["ResourceNotFound"] = Field(
        description="Error type.", examples=["ResourceNotFound"]
    )
    detail: str = Field(description="What was not found.", examples=["Product not found."])


def not_found(what: str) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry documenting a 404 for an item operation."""
    return {404: {"description": f"{what} not found.", "model": ResourceNotFound}}


class NotFoundError(Exception):
    """Raised by handlers; answered as a 404 `ResourceNotFound`."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found.")
        self.detail = f"{what} not found."


# --------------------------------------------------------------------------- ids and filters

OrganizationID = Annotated[
    UUID4,
    Field(description="The organization ID.", examples=["1dbfc517-0bbf-4301-9ba8-555ca42b9737"]),
]
CustomerID = Annotated[
    UUID4,
    Field(description="The customer ID.", examples=["992fae2a-2a17-4b7a-8d9e-e287cf90131b"]),
]
ProductID = Annotated[
    UUID4,
    Field(description="The product ID.", examples=["d8dd2de1-21b7-4a41-8bc3-ce909c0cfe23"]),
]

Q = TypeVar("Q")


def _as_list(value: Any) -> Any:
    return value if value is None or isinstance(value, list) else [value]


# One value or repeated values: `?organization_id=a&organization_id=b`. FastAPI reads the
# parameter as a list (the union holds a sequence) and documents anyOf[Q, array of Q, null].
MultipleQueryFilter = Annotated[Q | list[Q], AfterValidator(_as_list)]

# --------------------------------------------------------------------------- pagination


class PaginationParams(NamedTuple):
    page: int
    limit: int


MAX_LIMIT = 100


async def get_pagination_params(
    page: Annotated[int, Query(gt=0, description="Page number, defaults to 1.")] = 1,
    limit: Annotated[
        int, Query(gt=0, description="Size of a page, defaults to 10. Maximum is 100.")
    ] = 10,
) -> PaginationParams:
    return PaginationParams(page, min(limit, MAX_LIMIT))


PaginationParamsQuery = Annotated[PaginationParams, Depends(get_pagination_params)]

# --------------------------------------------------------------------------- sorting

Sorting = list[tuple[str, bool]]
"""Sorting criteria in order: (field, descending)."""

SORTING_DESCRIPTION = (
    "Sorting criterion. Several criteria can be used simultaneously and will be applied in "
    "order. Add a minus sign `-` before the criteria name to sort by descending order."
)


def sort_enum(name: str, fields: Sequence[str]) -> type[StrEnum]:
    """A `XSortProperty` enum listing every field `f` and its descending twin `-f`."""
    values = [value for field in fields for value in (field, f"-{field}")]
    enum = StrEnum(name, {value: value for value in values})
    enum.__doc__ = f"Sort criteria of {name.removesuffix('SortProperty')} lists."
    return enum


def sorting_dependency(
    enum: type[StrEnum], default: Sequence[str] = ("-created_at",)
) -> Callable[..., Sorting]:
    """A dependency reading `sorting` (repeated query parameter) into `Sorting` criteria."""
    default_sorting = list(default)

    SortingQuery = Annotated[list[enum] | None, Query(description=SORTING_DESCRIPTION)]

    async def get_sorting(sorting: SortingQuery = default_sorting) -> Sorting:
        criteria = [str(value) for value in sorting or default_sorting]
        return [(value.removeprefix("-"), value.startswith("-")) for value in criteria]

    return get_sorting


# --------------------------------------------------------------------------- security

pat = HTTPBearer(
    scheme_name="pat",
    description="A **Personal Access Token**, generated from the user's settings.",
    auto_error=False,
)
oat = HTTPBearer(
    scheme_name="oat",
    description="An **Organization Access Token**, generated from the organization's settings.",
    auto_error=False,
)
customer_session = HTTPBearer(
    scheme_name="customer_session",
    description="A customer session token, created through the customer sessions API.",
    auto_error=False,
)

Credentials = HTTPAuthorizationCredentials | None


def _token(*credentials: Credentials) -> str:
    for credential in credentials:
        if credential is not None:
            return credential.credentials
    raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})


async def _authenticate_admin(
    user: Annotated[Credentials, Security(pat)],
    organization: Annotated[Credentials, Security(oat)],
) -> str:
    return _token(user, organization)


async def _authenticate_customer(
    customer: Annotated[Credentials, Security(customer_session)],
) -> str:
    return _token(customer)


def admin_auth(*scopes: str) -> Any:
    """Route dependency for the admin API: a `pat` or an `oat` bearer token, with scopes."""
    return Security(_authenticate_admin, scopes=list(scopes))


def customer_auth(*scopes: str) -> Any:
    """Route dependency for the customer portal: a `customer_session` bearer token."""
    return Security(_authenticate_customer, scopes=list(scopes))


def allowed_subjects(*subjects: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `openapi_extra=` of an operation: `x-polar-allowed-subjects` (plus any `extra`)."""
    return {"x-polar-allowed-subjects": list(subjects), **(extra or {})}


ADMIN = ("Organization", "User")
CUSTOMER = ("Customer",)

# --------------------------------------------------------------------------- app


def generate_unique_id(route: APIRoute) -> str:
    """Polar-like operation ids: `tag:function`."""
    return f"{route.tags[0]}:{route.name}" if route.tags else route.name


async def _not_found_handler(request: Request, exc: Exception) -> JSONResponse:
    detail = exc.detail if isinstance(exc, NotFoundError) else "Not found."
    return JSONResponse({"error": "ResourceNotFound", "detail": detail}, status_code=404)


def create_app(**kwargs: Any) -> FastAPI:
    """A FastAPI app with Polar's operation ids and `ResourceNotFound` answers."""
    app = FastAPI(generate_unique_id_function=generate_unique_id, **kwargs)
    app.add_exception_handler(NotFoundError, _not_found_handler)
    return app


# --------------------------------------------------------------------------- storage

M = TypeVar("M", bound=BaseModel)

EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def _sort_key(value: Any) -> tuple[bool, Any]:
    return (value is None, value)


class Repository(Generic[M]):
    """An in-memory table of read models, enough for the apps to answer live requests."""

    def __init__(self, model: type[M], rows: Iterable[M] = (), what: str | None = None) -> None:
        self.model = model
        self.what = what or model.__name__
        self.rows: dict[uuid.UUID, M] = {row.id: row for row in rows}

    def select(self, where: Callable[[M], bool] | None = None, **filters: Any) -> list[M]:
        """Rows matching `where` and every filter; `None` means no filter, a list any of."""
        rows = [row for row in self.rows.values() if where is None or where(row)]
        for name, wanted in filters.items():
            if wanted is None:
                continue
            values = wanted if isinstance(wanted, list) else [wanted]
            rows = [row for row in rows if getattr(row, name) in values]
        return rows

    def page(
        self,
        pagination: PaginationParams,
        sorting: Sorting = (),
        where: Callable[[M], bool] | None = None,
        **filters: Any,
    ) -> ListResource[M]:
        rows = self.select(where, **filters)
        for field, descending in reversed(sorting):
            rows.sort(key=lambda row, f=field: _sort_key(getattr(row, f)), reverse=descending)
        start = (pagination.page - 1) * pagination.limit
        return ListResource[self.model](
            items=rows[start : start + pagination.limit],
            pagination=Pagination(
                total_count=len(rows), max_page=math.ceil(len(rows) / pagination.limit)
            ),
        )

    def get(self, id: uuid.UUID) -> M:
        try:
            return self.rows[id]
        except KeyError:
            raise NotFoundError(self.what) from None

    def find(self, **filters: Any) -> M:
        for row in self.select(**filters):
            return row
        raise NotFoundError(self.what)

    def add(self, row: M) -> M:
        self.rows[row.id] = row
        return row

    def update(self, id: uuid.UUID, changes: BaseModel | dict[str, Any]) -> M:
        row = self.get(id)
        if isinstance(changes, BaseModel):
            changes = changes.model_dump(exclude_unset=True)
        if "modified_at" in type(row).model_fields:
            changes = {**changes, "modified_at": now()}
        return self.add(row.model_copy(update=changes))

    def delete(self, id: uuid.UUID) -> M:
        row = self.get(id)
        del self.rows[id]
        return row


def sample(model: type[M], **values: Any) -> M:
    """An instance of `model` built from each field's first example (or a plain default)."""
    for name, field in model.model_fields.items():
        if name in values:
            continue
        if field.examples:
            values[name] = field.examples[0]
            continue
        annotation = field.annotation
        if get_origin(annotation) is not None and type(None) in get_args(annotation):
            values[name] = None
        elif annotation is datetime:
            values[name] = EPOCH
        elif annotation is str:
            values[name] = "example"
        elif annotation is int:
            values[name] = 1
        elif annotation is bool:
            values[name] = False
        elif name == "id" or name.endswith("_id"):
            digest = hashlib.sha256(f"{model.__name__}.{name}".encode()).digest()
            values[name] = uuid.UUID(bytes=digest[:16], version=4)
    return model.model_validate(values)
