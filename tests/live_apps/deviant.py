"""An API whose spec is right and whose runtime is not: one deviation per resource.

The spec documents every operation the way Polar's guidelines want; the handlers deviate
from it in each way `restcheck probe` detects, once each:

| resource     | operation                | deviation (at runtime)                         | rule                | needs writes |
|--------------|--------------------------|------------------------------------------------|---------------------|--------------|
| widgets      | POST /v1/widgets/        | documented 201, answers 200                    | live-status         | yes          |
| gadgets      | DELETE /v1/gadgets/{id}  | documented 204, answers 200 with the object    | live-status         | yes          |
| gizmos       | GET /v1/gizmos/          | the envelope's pagination lacks total_count    | live-schema         | no           |
| doohickeys   | POST /v1/doohickeys/     | validation answers 400 `{error, message}`      | live-validation-422 | no           |
| sprockets    | GET /v1/sprockets/{id}   | a server error (500)                           | live-status         | no           |

(A 204 with a body cannot be sent over HTTP/1.1 — uvicorn's h11 refuses it — so the delete
answers 200 with the deleted object, as Polar's soft deletes do.) Everything else conforms:
lists answer the envelope, reads 200, creates 201, updates 200, deletes 204, a read after a
delete 404, invalid input FastAPI's 422. Each table starts with one row; `snapshot()` gives
the store, to compare before and after a probe.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import UUID4, Field

from specs.kit import (
    EPOCH,
    IDSchema,
    ListResource,
    PaginationParamsQuery,
    Repository,
    Schema,
    TimestampedSchema,
    create_app,
    new_id,
    not_found,
    now,
)


class Thing(TimestampedSchema, IDSchema):
    """A thing of any kind."""

    name: str = Field(description="The name of the thing.", examples=["Left-handed"])
    size: int = Field(description="The size of the thing.", examples=[3])


class ThingCreate(Schema):
    """Data to create a thing."""

    name: str = Field(min_length=1, description="The name of the thing.", examples=["Spare"])
    size: int = Field(default=1, ge=1, description="The size of the thing.", examples=[2])


class ThingUpdate(Schema):
    """Changes to a thing; fields left out are kept."""

    name: str | None = Field(default=None, min_length=1, description="The name of the thing.")
    size: int | None = Field(default=None, ge=1, description="The size of the thing.")


ThingID = Annotated[UUID4, Path(description="The thing ID.")]
NAMES = ("widgets", "gadgets", "gizmos", "doohickeys", "sprockets")


def seed(name: str) -> Repository[Thing]:
    row = Thing(id=new_id(), created_at=EPOCH, modified_at=None, name=f"First {name}", size=1)
    return Repository(Thing, [row], what=name.capitalize().rstrip("s"))


STORES: dict[str, Repository[Thing]] = {name: seed(name) for name in NAMES}


def snapshot() -> dict[str, dict[Any, Thing]]:
    return {name: dict(store.rows) for name, store in STORES.items()}


def standard_routes(
    name: str, store: Repository[Thing] | None = None, *, leave_out: tuple[str, ...] = ()
) -> APIRouter:
    """The conforming list, create, read, update and delete of one resource."""
    store = store if store is not None else STORES[name]
    router = APIRouter(prefix=f"/v1/{name}", tags=[name])

    if "list" not in leave_out:

        @router.get("/", response_model=ListResource[Thing], name=f"list_{name}")
        async def list_things(pagination: PaginationParamsQuery) -> Any:
            return store.page(pagination)

    if "create" not in leave_out:

        @router.post("/", status_code=201, response_model=Thing, name=f"create_{name}")
        async def create_thing(body: ThingCreate) -> Any:
            return store.add(
                Thing(id=new_id(), created_at=now(), modified_at=None, **body.model_dump())
            )

    if "read" not in leave_out:

        @router.get("/{id}", response_model=Thing, responses=not_found("Thing"), name=f"get_{name}")
        async def get_thing(id: ThingID) -> Any:
            return store.get(id)

    if "update" not in leave_out:

        @router.patch(
            "/{id}", response_model=Thing, responses=not_found("Thing"), name=f"update_{name}"
        )
        async def update_thing(id: ThingID, body: ThingUpdate) -> Any:
            return store.update(id, body)

    if "delete" not in leave_out:

        @router.delete(
            "/{id}", status_code=204, responses=not_found("Thing"), name=f"delete_{name}"
        )
        async def delete_thing(id: ThingID) -> None:
            store.delete(id)

    return router


# widgets: the create is documented 201 and answers 200.
widgets = standard_routes("widgets", leave_out=("create",))


@widgets.post("/", status_code=201, response_model=Thing, name="create_widgets")
async def create_widget(body: ThingCreate, response: Response) -> Any:
    response.status_code = 200  # the deviation
    store = STORES["widgets"]
    return store.add(Thing(id=new_id(), created_at=now(), modified_at=None, **body.model_dump()))


# gadgets: the delete is documented 204 and answers 200 with the deleted object.
gadgets = standard_routes("gadgets", leave_out=("delete",))


@gadgets.delete(
    "/{id}",
    status_code=204,
    response_model=None,
    responses=not_found("Thing"),
    name="delete_gadgets",
)
async def delete_gadget(id: ThingID) -> Response:
    deleted = STORES["gadgets"].delete(id)
    return JSONResponse(deleted.model_dump(mode="json"), status_code=200)  # the deviation


# gizmos: the list's pagination lacks total_count (documented as required).
gizmos = standard_routes("gizmos", leave_out=("list", "create", "update", "delete"))


@gizmos.get("/", response_model=ListResource[Thing], name="list_gizmos")
async def list_gizmos(pagination: PaginationParamsQuery) -> Any:
    page = STORES["gizmos"].page(pagination)
    body = page.model_dump(mode="json")
    del body["pagination"]["total_count"]  # the deviation
    return JSONResponse(body)


# doohickeys: a validation error of the create answers 400 in another shape (handler below).
doohickeys = standard_routes("doohickeys")


# sprockets: the read fails with a server error.
sprockets = standard_routes("sprockets", leave_out=("read", "create", "update", "delete"))


@sprockets.get("/{id}", response_model=Thing, responses=not_found("Thing"), name="get_sprockets")
async def get_sprocket(id: ThingID) -> Any:
    raise RuntimeError("the sprocket store is unreachable")  # the deviation: a 500


async def validation_error(request: Request, exc: Exception) -> Response:
    if request.method == "POST" and request.url.path == "/v1/doohickeys/":
        body = {"error": "invalid_request", "message": "The request is invalid."}
        return JSONResponse(body, status_code=400)  # the deviation
    assert isinstance(exc, RequestValidationError)
    return await request_validation_exception_handler(request, exc)


app = create_app(title="Deviant API", version="1")
app.add_exception_handler(RequestValidationError, validation_error)
for router in (widgets, gadgets, gizmos, doohickeys, sprockets):
    app.include_router(router)

# operation -> the rule its runtime deviation draws, and whether only --allow-writes sees it.
DEVIATIONS: dict[tuple[str, str], tuple[str, bool]] = {
    ("post", "/v1/widgets/"): ("live-status", True),
    ("delete", "/v1/gadgets/{id}"): ("live-status", True),
    ("get", "/v1/gizmos/"): ("live-schema", False),
    ("post", "/v1/doohickeys/"): ("live-validation-422", False),
    ("get", "/v1/sprockets/{id}"): ("live-status", False),
}
