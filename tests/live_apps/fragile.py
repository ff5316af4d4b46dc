"""Resources on which the write lifecycle goes wrong, to test the probe's ledger:

- crates: the update hangs (beyond any test --timeout): the probe stops with exit 2, after
  deleting the crate it created;
- barrels: the delete fails (500): the barrel the probe created is left behind, and said so;
- bins: the create does not validate its body (it reads the JSON itself), so invalid bodies
  are accepted: reported, and deleted again only with --allow-writes.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from specs.kit import create_app, new_id, now
from tests.live_apps.deviant import Thing, ThingCreate, ThingID, ThingUpdate, seed, standard_routes
from tests.live_apps.odd import sleep_until_hangup

STORES = {name: seed(name) for name in ("crates", "barrels", "bins")}


def snapshot() -> dict[str, dict[Any, Thing]]:
    return {name: dict(store.rows) for name, store in STORES.items()}


def routes(name: str, leave_out: tuple[str, ...]) -> APIRouter:
    return standard_routes(name, STORES[name], leave_out=leave_out)


crates = routes("crates", ("update",))


@crates.patch("/{id}", response_model=Thing, name="update_crates")
async def update_crate(id: ThingID, body: ThingUpdate, request: Request) -> Any:
    await sleep_until_hangup(request)  # hangs until the client gives up
    return STORES["crates"].get(id)


barrels = routes("barrels", ("delete",))


@barrels.delete("/{id}", status_code=204, response_model=None, name="delete_barrels")
async def delete_barrel(id: ThingID) -> None:
    raise RuntimeError("barrels cannot be deleted")


bins = routes("bins", ("create",))
BODY = {"content": {"application/json": {"schema": ThingCreate.model_json_schema()}}}


@bins.post(
    "/",
    status_code=201,
    response_model=Thing,
    name="create_bins",
    openapi_extra={"requestBody": {"required": True, **BODY}},
)
async def create_bin(request: Request) -> Any:
    data = await request.json()  # no validation: anything goes
    name = data.get("name") if isinstance(data, dict) else None
    row = Thing(id=new_id(), created_at=now(), modified_at=None, name=str(name), size=1)
    return JSONResponse(STORES["bins"].add(row).model_dump(mode="json"), status_code=201)


app = create_app(title="Fragile API", version="1")
for router in (crates, barrels, bins):
    app.include_router(router)
