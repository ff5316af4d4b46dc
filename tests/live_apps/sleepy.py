"""Resources on which the probe is interrupted (SIGTERM, SIGHUP, Ctrl-C) while it holds an
object it created, to test that it cleans up on the way out:

- naps: the update sleeps (until the client hangs up, or SLEEP seconds); `UPDATING` is set
  when an update arrives, so a test knows the probe holds the nap it created;
- dozes: the create sleeps `CREATE_SLEEP` seconds before it makes the doze; `CREATING` is set
  when a create arrives, so a test can interrupt the probe while its create is in flight.

`snapshot()` gives the stores, to compare before and after a probe.
"""

import asyncio
import threading
from typing import Any

from fastapi import Request

from specs.kit import create_app, new_id, now
from tests.live_apps.deviant import Thing, ThingCreate, ThingID, ThingUpdate, seed, standard_routes

SLEEP = 10.0
CREATE_SLEEP = 1.0
UPDATING = threading.Event()
CREATING = threading.Event()
STORES = {name: seed(name) for name in ("naps", "dozes")}


def snapshot() -> dict[str, dict[Any, Thing]]:
    return {name: dict(store.rows) for name, store in STORES.items()}


naps = standard_routes("naps", STORES["naps"], leave_out=("update",))


@naps.patch("/{id}", response_model=Thing, name="update_naps")
async def update_nap(id: ThingID, body: ThingUpdate, request: Request) -> Any:
    UPDATING.set()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SLEEP
    while loop.time() < deadline and not await request.is_disconnected():
        await asyncio.sleep(0.02)
    return STORES["naps"].get(id)


dozes = standard_routes("dozes", STORES["dozes"], leave_out=("create",))


@dozes.post("/", status_code=201, response_model=Thing, name="create_dozes")
async def create_doze(body: ThingCreate) -> Any:
    CREATING.set()
    await asyncio.sleep(CREATE_SLEEP)  # the client is interrupted meanwhile; it waits
    row = Thing(id=new_id(), created_at=now(), modified_at=None, **body.model_dump())
    return STORES["dozes"].add(row)


app = create_app(title="Sleepy API", version="1")
app.include_router(naps)
app.include_router(dozes)
