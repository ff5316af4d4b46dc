"""An API served under `/api`, shaped as Prefect's server is, for `probe`:

- the root also serves a copy of the API's spec without `servers` at `/openapi.json` (as
  Prefect's UI does), while the API's own `/api/openapi.json` says `servers: [{url: /api}]`:
  the probe must prefer the latter; given the root spec's URL, every request gets 404 and the
  probe exits 2 with a hint to try `/api`;
- work_pools: the list is `POST /work_pools/filter` (an array), items are addressed by
  `{name}` (an id there answers 404), the update is a `PUT` that wants a whole body;
- flows: the delete looks the flow up by name, so a DELETE by id answers 404 and the flow
  remains (the probe must not call it gone);
- every validation error answers 422 in Prefect's own shape (`exception_message`,
  `exception_detail`, `request_body`), not FastAPI's `detail`;
- work_queues: a create without a pool makes the work pool `default-agent-pool` and its
  queue `default` when there is none (side effects: one in another collection, seen only by
  listing the pools again at the end, one in the queues' own list);
- `POST /work_queues/{id}/get_runs` reads the queue's runs and marks the queue as polled
  (a write: `POLLED`), as Prefect's does: a read by POST must not be sent;
- automations: the list is `POST /automations/filter`; `enabled` defaults to true (an
  enabled automation would act; `ENABLED` records what creates asked for); a DELETE answers
  503 with `Retry-After: 1` twice before it deletes (Prefect's busy SQLite database);
- flows' schedules: the create takes an array of schedules and answers the array it made
  (Prefect's `POST /deployments/{id}/schedules`): sent `[]`, it makes nothing;
- settings: a read that answers 403 with the server's reason.

`STORES` holds the rows; `snapshot()` and `restore()` compare and reset them.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

SECRET = "prefect-secret-token-1234"  # what the 403 echoes back: must never be shown


class WorkPool(BaseModel):
    id: str
    name: str
    description: str | None
    concurrency_limit: int | None


class WorkPoolCreate(BaseModel):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=30)
    description: str | None = None


class WorkPoolUpdate(BaseModel):
    description: str
    concurrency_limit: int = Field(ge=1, le=10)


class WorkPoolFilter(BaseModel):
    limit: int | None = Field(default=None, ge=1)


class WorkQueue(BaseModel):
    id: str
    name: str
    work_pool_name: str


class WorkQueueCreate(BaseModel):
    name: str
    work_pool_name: str | None = None


class Automation(BaseModel):
    id: str
    name: str
    enabled: bool


class AutomationCreate(BaseModel):
    name: str
    enabled: bool = True
    actions: list[dict[str, Any]]


class Schedule(BaseModel):
    id: str
    cron: str


class ScheduleCreate(BaseModel):
    cron: str


class Flow(BaseModel):
    id: str
    name: str


class FlowCreate(BaseModel):
    name: str


STORES: dict[str, dict[str, Any]] = {
    "work_pools": {
        "default": WorkPool(id="wp1", name="default", description=None, concurrency_limit=None)
    },
    "flows": {"f1": Flow(id="f1", name="etl")},
    "deployments": {},
    "work_queues": {"q1": WorkQueue(id="q1", name="seed-queue", work_pool_name="default")},
    "automations": {},
    "schedules": {},
}
DEFAULT_POOL = "default-agent-pool"  # what a queue's create makes besides, with DEFAULT_QUEUE
DEFAULT_QUEUE = "default"
ENABLED: list[bool] = []  # `enabled` of every automation create
POLLED: list[str] = []  # queues marked polled by get_runs
BUSY: dict[str, int] = {}  # automation id -> 503s its DELETE has answered


def snapshot() -> dict[str, dict[str, Any]]:
    return {name: dict(rows) for name, rows in STORES.items()}


def restore(before: dict[str, dict[str, Any]]) -> None:
    for name, rows in before.items():
        STORES[name].clear()
        STORES[name].update(rows)


api = FastAPI(title="Under /api", version="1")


@api.exception_handler(RequestValidationError)
async def prefect_validation_error(request: Request, exc: RequestValidationError) -> Response:
    body = {
        "exception_message": "Invalid request received.",
        "exception_detail": [dict(e) for e in exc.errors()],
        "request_body": None,
    }
    return JSONResponse(body, status_code=422)


def _pool(name: str) -> WorkPool:
    pool: WorkPool | None = STORES["work_pools"].get(name)
    if pool is None:
        raise HTTPException(404, "Work pool not found.")
    return pool


@api.post("/work_pools/filter", response_model=list[WorkPool])
async def filter_work_pools(body: WorkPoolFilter | None = None) -> Any:
    limit = body.limit if body is not None and body.limit else 200
    return list(STORES["work_pools"].values())[:limit]


@api.post("/work_pools/", status_code=201, response_model=WorkPool)
async def create_work_pool(body: WorkPoolCreate) -> Any:
    if body.name in STORES["work_pools"]:
        raise HTTPException(409, "A work pool with this name already exists.")
    pool = WorkPool(id=uuid.uuid4().hex, concurrency_limit=None, **body.model_dump())
    STORES["work_pools"][pool.name] = pool
    return pool


@api.get("/work_pools/{name}", response_model=WorkPool)
async def read_work_pool(name: str) -> Any:
    return _pool(name)


@api.put("/work_pools/{name}", response_model=WorkPool)
async def replace_work_pool(name: str, body: WorkPoolUpdate) -> Any:
    pool = _pool(name).model_copy(update=body.model_dump())
    STORES["work_pools"][name] = pool
    return pool


@api.delete("/work_pools/{name}", status_code=204)
async def delete_work_pool(name: str) -> Response:
    del STORES["work_pools"][_pool(name).name]
    return Response(status_code=204)


@api.get("/flows/", response_model=list[Flow])
async def list_flows() -> Any:
    return list(STORES["flows"].values())


@api.post("/flows/", status_code=201, response_model=Flow)
async def create_flow(body: FlowCreate) -> Any:
    flow = Flow(id=uuid.uuid4().hex, name=body.name)
    STORES["flows"][flow.id] = flow
    return flow


@api.get("/flows/{id}", response_model=Flow)
async def read_flow(id: str) -> Any:
    if id not in STORES["flows"]:
        raise HTTPException(404, "Flow not found.")
    return STORES["flows"][id]


@api.delete("/flows/{id}", status_code=204)
async def delete_flow(id: str) -> Response:
    # The bug: the flow is looked up by name, so a delete by id finds nothing.
    found = [k for k, f in STORES["flows"].items() if f.name == id]
    if not found:
        raise HTTPException(404, "Flow not found.")
    del STORES["flows"][found[0]]
    return Response(status_code=204)


@api.get("/flows/{id}/schedules", response_model=list[Schedule])
async def list_schedules(id: str) -> Any:
    return list(STORES["schedules"].values())


@api.post("/flows/{id}/schedules", status_code=201, response_model=list[Schedule])
async def create_schedules(id: str, body: list[ScheduleCreate]) -> Any:
    made = [Schedule(id=uuid.uuid4().hex, cron=s.cron) for s in body]
    STORES["schedules"].update((s.id, s) for s in made)
    return made


@api.delete("/flows/{id}/schedules/{schedule_id}", status_code=204)
async def delete_schedule(id: str, schedule_id: str) -> Response:
    if STORES["schedules"].pop(schedule_id, None) is None:
        raise HTTPException(404, "Schedule not found.")
    return Response(status_code=204)


@api.get("/deployments/", response_model=list[Flow])
async def list_deployments() -> Any:
    return list(STORES["deployments"].values())


@api.post("/deployments/", status_code=201, response_model=Flow)
async def create_deployment(body: FlowCreate) -> Any:
    deployment = Flow(id=uuid.uuid4().hex, name=body.name)
    STORES["deployments"][deployment.id] = deployment
    return deployment


@api.get("/deployments/{id}", response_model=Flow)
async def read_deployment(id: str) -> Any:
    if id not in STORES["deployments"]:
        raise HTTPException(404, "Deployment not found.")
    return STORES["deployments"][id]


@api.delete("/deployments/{id}", status_code=204)
async def delete_deployment(id: str) -> Response:
    if STORES["deployments"].pop(id, None) is None:
        raise HTTPException(404, "Deployment not found.")
    return Response(status_code=204)


@api.post("/work_queues/filter", response_model=list[WorkQueue])
async def filter_work_queues(body: WorkPoolFilter | None = None) -> Any:
    return list(STORES["work_queues"].values())


@api.post("/work_queues/", status_code=201, response_model=WorkQueue)
async def create_work_queue(body: WorkQueueCreate) -> Any:
    pool_name = body.work_pool_name or DEFAULT_POOL
    pools, queues = STORES["work_pools"], STORES["work_queues"]
    if pool_name not in pools and body.work_pool_name is None:  # the side effects
        pools[pool_name] = WorkPool(
            id=uuid.uuid4().hex, name=pool_name, description=None, concurrency_limit=None
        )
        default = WorkQueue(id=uuid.uuid4().hex, name=DEFAULT_QUEUE, work_pool_name=pool_name)
        queues[default.id] = default
    _pool(pool_name)
    queue = WorkQueue(id=uuid.uuid4().hex, name=body.name, work_pool_name=pool_name)
    queues[queue.id] = queue
    return queue


@api.post("/work_queues/{id}/get_runs", response_model=list[Flow])
async def get_work_queue_runs(id: str) -> Any:
    POLLED.append(id)
    return []


@api.get("/work_queues/{id}", response_model=WorkQueue)
async def read_work_queue(id: str) -> Any:
    if id not in STORES["work_queues"]:
        raise HTTPException(404, "Work queue not found.")
    return STORES["work_queues"][id]


@api.delete("/work_queues/{id}", status_code=204)
async def delete_work_queue(id: str) -> Response:
    if STORES["work_queues"].pop(id, None) is None:
        raise HTTPException(404, "Work queue not found.")
    return Response(status_code=204)


@api.post("/automations/filter", response_model=list[Automation])
async def filter_automations(body: WorkPoolFilter | None = None) -> Any:
    return list(STORES["automations"].values())


@api.post("/automations/", status_code=201, response_model=Automation)
async def create_automation(body: AutomationCreate) -> Any:
    ENABLED.append(body.enabled)
    automation = Automation(id=uuid.uuid4().hex, name=body.name, enabled=body.enabled)
    STORES["automations"][automation.id] = automation
    return automation


@api.get("/automations/{id}", response_model=Automation)
async def read_automation(id: str) -> Any:
    if id not in STORES["automations"]:
        raise HTTPException(404, "Automation not found.")
    return STORES["automations"][id]


@api.delete("/automations/{id}", status_code=204)
async def delete_automation(id: str) -> Response:
    if BUSY.get(id, 0) < 2:  # the database is busy: try again in a second
        BUSY[id] = BUSY.get(id, 0) + 1
        return JSONResponse({"detail": "database busy"}, 503, headers={"Retry-After": "1"})
    if STORES["automations"].pop(id, None) is None:
        raise HTTPException(404, "Automation not found.")
    return Response(status_code=204)


@api.get("/settings", response_model=dict[str, str])
async def read_settings(request: Request) -> Any:
    given = request.headers.get("authorization", "")
    raise HTTPException(403, f"Not enough permissions for {given}: needs the admin scope")


root = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@root.get("/openapi.json", include_in_schema=False)
async def root_spec() -> Any:
    return api.openapi()  # FastAPI's own document: no `servers` (it is added per request)


root.mount("/api", api)
app = root
