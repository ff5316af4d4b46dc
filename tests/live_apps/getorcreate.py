"""Creates that answer an object that was already there (get-or-create), to test that the
probe never updates or deletes an object it did not create:

- tags: the create matches by name and answers an existing tag with 200 (a new one with 201).
  The matching tag is the second of the list, so a list of one item does not show it;
- labels: the create answers the existing label of that name with 201, as if it made it;
- notes: no list; the create answers the existing note of that name with 200.

The creates match by the name's first word (`restcheck-1a2b3c` finds `restcheck`): the
seeded rows are named "restcheck", as every name the probe generates begins. `snapshot()`
gives the stores, to compare before and after a probe.
"""

from typing import Any

from fastapi import APIRouter, Response

from specs.kit import EPOCH, Repository, create_app, new_id, now
from tests.live_apps.deviant import Thing, ThingCreate, standard_routes

MATCH = "restcheck"  # the first word of every name the probe's create sends


def thing(name: str) -> Thing:
    return Thing(id=new_id(), created_at=EPOCH, modified_at=None, name=name, size=1)


STORES: dict[str, Repository[Thing]] = {
    "tags": Repository(Thing, [thing("Alpha"), thing(MATCH)], what="Tag"),
    "labels": Repository(Thing, [thing(MATCH), thing("Beta")], what="Label"),
    "notes": Repository(Thing, [thing(MATCH)], what="Note"),
}


def snapshot() -> dict[str, dict[Any, Thing]]:
    return {name: dict(store.rows) for name, store in STORES.items()}


def get_or_create(name: str, leave_out: tuple[str, ...], existing_status: int) -> APIRouter:
    store = STORES[name]
    router = standard_routes(name, store, leave_out=("create", *leave_out))

    @router.post("/", status_code=201, response_model=Thing, name=f"create_{name}")
    async def create(body: ThingCreate, response: Response) -> Any:
        for row in store.rows.values():
            if row.name == body.name.split("-")[0]:
                response.status_code = existing_status  # the one already there
                return row
        return store.add(
            Thing(id=new_id(), created_at=now(), modified_at=None, **body.model_dump())
        )

    return router


app = create_app(title="Get-or-create API", version="1")
app.include_router(get_or_create("tags", (), 200))
app.include_router(get_or_create("labels", (), 201))
app.include_router(get_or_create("notes", ("list",), 200))
