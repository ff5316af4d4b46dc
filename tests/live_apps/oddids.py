"""A create that answers an id which, put in a path, names another URL:

- boxes: list, read, update, delete (no create: the probe never writes to them);
- dots, a sub-resource of boxes (`/v1/boxes/{id}/dots/`): list, create, read, update,
  delete. The create stores and answers the id in `ODD_ID["value"]` (`..`, `.`, `a/b`, ``).

`/v1/boxes/{id}/dots/..` is `/v1/boxes/{id}` once a client normalises the URL: the parent
box, which PATCH changes and DELETE deletes; `.` and `` name the collection, whose
undocumented DELETE empties it; `a%2Fb` is `a/b` to the server. `REQUESTS` logs every
request (method, path as sent, status answered), to show what the probe sent.
"""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path, Request, Response
from pydantic import Field

from specs.kit import (
    EPOCH,
    ListResource,
    NotFoundError,
    PaginationParams,
    PaginationParamsQuery,
    Repository,
    Schema,
    TimestampedSchema,
    create_app,
    new_id,
    not_found,
    now,
)
from tests.live_apps.deviant import Thing, ThingID, standard_routes

ODD_ID = {"value": ".."}
REQUESTS: list[tuple[str, str, int]] = []


class Dot(TimestampedSchema):
    """A dot in a box."""

    id: str = Field(description="The ID of the dot.", examples=["d1"])
    name: str = Field(description="The name of the dot.", examples=["Left"])


class DotCreate(Schema):
    """Data to create a dot."""

    name: str = Field(min_length=1, description="The name of the dot.", examples=["Spare"])


class DotUpdate(Schema):
    """Changes to a dot; fields left out are kept."""

    name: str | None = Field(default=None, min_length=1, description="The name of the dot.")


def dot(id: str, name: str) -> Dot:
    return Dot(id=id, created_at=EPOCH, modified_at=None, name=name)


BOXES = Repository(
    Thing,
    [Thing(id=new_id(), created_at=EPOCH, modified_at=None, name=n, size=1) for n in "AB"],
    what="Box",
)
FIRST, SECOND = list(BOXES.rows)
DOTS: dict[UUID, dict[str, Dot]] = {
    FIRST: {"d1": dot("d1", "One"), "d2": dot("d2", "Two")},
    SECOND: {"d3": dot("d3", "Three")},
}


def snapshot() -> tuple[dict[Any, Thing], dict[UUID, dict[str, Dot]]]:
    return dict(BOXES.rows), {box: dict(dots) for box, dots in DOTS.items()}


def restore(state: tuple[dict[Any, Thing], dict[UUID, dict[str, Dot]]]) -> None:
    BOXES.rows = dict(state[0])
    DOTS.clear()
    DOTS.update({box: dict(dots) for box, dots in state[1].items()})


boxes = standard_routes("boxes", BOXES, leave_out=("create", "delete"))


@boxes.delete("/{id}", status_code=204, responses=not_found("Box"), name="delete_boxes")
async def delete_box(id: ThingID) -> None:
    BOXES.delete(id)
    DOTS.pop(id, None)


DotID = Annotated[str, Path(description="The dot ID.")]
dots = APIRouter(prefix="/v1/boxes/{id}/dots", tags=["dots"])


def dots_of(box: UUID) -> dict[str, Dot]:
    BOXES.get(box)  # 404 for an unknown box
    return DOTS.setdefault(box, {})


def get_dot(box: UUID, dot_id: str) -> Dot:
    found = dots_of(box).get(dot_id)
    if found is None:
        raise NotFoundError("Dot")
    return found


@dots.get("/", response_model=ListResource[Dot], name="list_dots")
async def list_dots(id: ThingID, pagination: PaginationParamsQuery) -> Any:
    rows = list(dots_of(id).values())
    page: PaginationParams = pagination
    start = (page.page - 1) * page.limit
    return {
        "items": rows[start : start + page.limit],
        "pagination": {"total_count": len(rows), "max_page": -(-len(rows) // page.limit)},
    }


@dots.post("/", status_code=201, response_model=Dot, name="create_dots")
async def create_dot(id: ThingID, body: DotCreate) -> Any:
    made = Dot(id=ODD_ID["value"], created_at=now(), modified_at=None, name=body.name)
    dots_of(id)[made.id] = made
    return made


@dots.get("/{dot_id}", response_model=Dot, responses=not_found("Dot"), name="get_dots")
async def read_dot(id: ThingID, dot_id: DotID) -> Any:
    return get_dot(id, dot_id)


@dots.patch("/{dot_id}", response_model=Dot, responses=not_found("Dot"), name="update_dots")
async def update_dot(id: ThingID, dot_id: DotID, body: DotUpdate) -> Any:
    changes = {**body.model_dump(exclude_unset=True), "modified_at": now()}
    changed = get_dot(id, dot_id).model_copy(update=changes)
    dots_of(id)[dot_id] = changed
    return changed


@dots.delete("/{dot_id}", status_code=204, responses=not_found("Dot"), name="delete_dots")
async def delete_dot(id: ThingID, dot_id: DotID) -> None:
    get_dot(id, dot_id)
    del dots_of(id)[dot_id]


# The undocumented bulk delete: empties a box (with and without the trailing slash).
@dots.delete("/", status_code=204, include_in_schema=False)
@dots.delete("", status_code=204, include_in_schema=False)
async def empty_box(id: ThingID) -> None:
    dots_of(id).clear()


app = create_app(title="Odd ids API", version="1")


@app.middleware("http")
async def log_requests(request: Request, call_next: Any) -> Response:
    response: Response = await call_next(request)
    path = request.scope.get("raw_path", b"").decode()
    REQUESTS.append((request.method, path, response.status_code))
    return response


app.include_router(boxes)
app.include_router(dots)
