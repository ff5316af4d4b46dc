"""Answers wrapped the way Arize Phoenix wraps them, for `probe`'s coverage and safety:

- projects: the list answers `{data: [...], next_cursor}` (documented so: one live-schema
  finding, the envelope), the create `{data: {...}}` with 201, the read `{data: {...}}`; the
  create's `color` has a `pattern` (`^#[0-9a-f]{6}$`) and `name` must be unique (409 else);
- datasets: a create also makes an `<name>-examples` dataset (a side effect: the list grows
  by two), which the probe must name, not delete;
- members: security-sensitive (written only when --include names them); `role` is an enum
  whose first values are the most privileged; `ROLES` records the roles creates asked for;
- sessions: trace sessions, only an item path (read and delete): security-sensitive by name;
- experiments: listed only under their dataset (`/v1/datasets/{dataset_id}/experiments`),
  read at `/v1/experiments/{experiment_id}`: the read takes its id from the nested list;
- a project's update refuses `{}` with 422 and a business message ("No fields to update"),
  as Phoenix's labels do; a project's stats are a GET under its id (not a read of the id);
  its CSV answers 404 in its own words when the project has no spans (Phoenix's experiment
  CSV: 'Experiment has no runs');
- a project's tags: the create answers 204 with no body (no id), the delete takes the tag's
  name (`/tags/{tag_name}`), as Phoenix's prompt version tags do.

`STORES` holds the rows; `snapshot()` gives them, to compare before and after a probe.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Response
from pydantic import BaseModel, Field

EXAMPLES = "-examples"  # the suffix of the dataset a dataset's create makes besides


class Project(BaseModel):
    id: str
    name: str
    color: str


class ProjectCreate(BaseModel):
    name: str = Field(min_length=1, max_length=40, examples=["Default"])
    color: str = Field(pattern=r"^#[0-9a-f]{6}$")


class ProjectUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=40)
    color: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")


class ProjectStats(BaseModel):
    spans: int


class Experiment(BaseModel):
    id: str
    dataset_id: str


class ExperimentList(BaseModel):
    data: list[Experiment]
    next_cursor: str | None


class ExperimentAnswer(BaseModel):
    data: Experiment


class Tag(BaseModel):
    id: str
    name: str


class TagCreate(BaseModel):
    name: str


class TagList(BaseModel):
    data: list[Tag]
    next_cursor: str | None


class ProjectList(BaseModel):
    data: list[Project]
    next_cursor: str | None


class ProjectAnswer(BaseModel):
    data: Project


class Dataset(BaseModel):
    id: str
    name: str


class DatasetCreate(BaseModel):
    name: str = Field(min_length=1)


class DatasetList(BaseModel):
    data: list[Dataset]
    next_cursor: str | None


class Role(StrEnum):
    SYSTEM = "SYSTEM"
    ADMIN = "ADMIN"
    MEMBER = "MEMBER"
    VIEWER = "VIEWER"


class Member(BaseModel):
    id: str
    email: str
    role: Role


class MemberCreate(BaseModel):
    email: str = Field(json_schema_extra={"format": "email"})
    role: Role


class MemberList(BaseModel):
    data: list[Member]
    next_cursor: str | None


STORES: dict[str, dict[str, Any]] = {
    "projects": {"p1": Project(id="p1", name="default", color="#000000")},
    "datasets": {"d1": Dataset(id="d1", name="golden")},
    "members": {"m1": Member(id="m1", email="owner@example.com", role=Role.ADMIN)},
    "experiments": {"e1": Experiment(id="e1", dataset_id="d1")},
    "tags": {"t1": Tag(id="t1", name="seed")},  # of the project p1
}
ROLES: list[str] = []  # the role of every member create


def snapshot() -> dict[str, dict[str, Any]]:
    return {name: dict(rows) for name, rows in STORES.items()}


def restore(before: dict[str, dict[str, Any]]) -> None:
    for name, rows in before.items():
        STORES[name].clear()
        STORES[name].update(rows)


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


def _page(rows: dict[str, Any], limit: int) -> list[Any]:
    return list(rows.values())[:limit]


def _found(rows: dict[str, Any], ident: str) -> Any:
    if ident not in rows:
        raise HTTPException(404, f"no such object: {ident}")
    return rows[ident]


app = FastAPI(title="Wrapped API", version="1")
Limit = Query(default=100, ge=1, le=1000)


@app.get("/v1/projects", response_model=ProjectList)
async def list_projects(limit: int = Limit, cursor: str | None = None) -> Any:
    return {"data": _page(STORES["projects"], limit), "next_cursor": None}


@app.post("/v1/projects", status_code=201, response_model=ProjectAnswer)
async def create_project(body: ProjectCreate) -> Any:
    rows = STORES["projects"]
    if any(p.name == body.name for p in rows.values()):
        raise HTTPException(409, f"a project named {body.name} exists")
    project = Project(id=_new_id(), **body.model_dump())
    rows[project.id] = project
    return {"data": project}


@app.get("/v1/projects/{id}", response_model=ProjectAnswer)
async def get_project(id: str) -> Any:
    return {"data": _found(STORES["projects"], id)}


@app.patch("/v1/projects/{id}", response_model=ProjectAnswer)
async def update_project(id: str, body: ProjectUpdate) -> Any:
    project = _found(STORES["projects"], id)
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise HTTPException(422, "No fields to update")  # a business rule, not validation
    project = STORES["projects"][id] = project.model_copy(update=changes)
    return {"data": project}


@app.get("/v1/projects/{id}/stats", response_model=ProjectStats)
async def project_stats(id: str) -> Any:
    _found(STORES["projects"], id)
    return {"spans": 0}


@app.get("/v1/projects/{id}/csv", response_model=ProjectStats)
async def project_csv(id: str) -> Any:
    _found(STORES["projects"], id)
    raise HTTPException(404, "Project has no spans")


@app.delete("/v1/projects/{id}", status_code=204)
async def delete_project(id: str) -> Response:
    del STORES["projects"][_found(STORES["projects"], id).id]
    return Response(status_code=204)


@app.get("/v1/datasets", response_model=DatasetList)
async def list_datasets(limit: int = Limit) -> Any:
    return {"data": _page(STORES["datasets"], limit), "next_cursor": None}


@app.post("/v1/datasets", status_code=201, response_model=Dataset)
async def create_dataset(body: DatasetCreate) -> Any:
    rows = STORES["datasets"]
    made = Dataset(id=_new_id(), name=body.name)
    besides = Dataset(id=_new_id(), name=body.name + EXAMPLES)  # the side effect
    rows[made.id], rows[besides.id] = made, besides
    return made


@app.get("/v1/datasets/{id}", response_model=Dataset)
async def get_dataset(id: str) -> Any:
    return _found(STORES["datasets"], id)


@app.delete("/v1/datasets/{id}", status_code=204)
async def delete_dataset(id: str) -> Response:
    del STORES["datasets"][_found(STORES["datasets"], id).id]
    return Response(status_code=204)


@app.get("/v1/members", response_model=MemberList)
async def list_members(limit: int = Limit) -> Any:
    return {"data": _page(STORES["members"], limit), "next_cursor": None}


@app.post("/v1/members", status_code=201, response_model=Member)
async def create_member(body: MemberCreate) -> Any:
    ROLES.append(body.role.value)
    member = Member(id=_new_id(), **body.model_dump())
    STORES["members"][member.id] = member
    return member


@app.get("/v1/members/{id}", response_model=Member)
async def get_member(id: str) -> Any:
    return _found(STORES["members"], id)


@app.delete("/v1/members/{id}", status_code=204)
async def delete_member(id: str) -> Response:
    del STORES["members"][_found(STORES["members"], id).id]
    return Response(status_code=204)


@app.get("/v1/datasets/{dataset_id}/experiments", response_model=ExperimentList)
async def list_experiments(dataset_id: str, limit: int = Limit) -> Any:
    _found(STORES["datasets"], dataset_id)
    rows = {k: e for k, e in STORES["experiments"].items() if e.dataset_id == dataset_id}
    return {"data": _page(rows, limit), "next_cursor": None}


@app.get("/v1/experiments/{experiment_id}", response_model=ExperimentAnswer)
async def get_experiment(experiment_id: str) -> Any:
    return {"data": _found(STORES["experiments"], experiment_id)}


@app.get("/v1/projects/{id}/tags", response_model=TagList)
async def list_tags(id: str, limit: int = Limit) -> Any:
    _found(STORES["projects"], id)
    return {"data": _page(STORES["tags"], limit) if id == "p1" else [], "next_cursor": None}


@app.post("/v1/projects/{id}/tags", status_code=204)
async def create_tag(id: str, body: TagCreate) -> Response:
    _found(STORES["projects"], id)
    tag = Tag(id=_new_id(), name=body.name)
    STORES["tags"][tag.id] = tag
    return Response(status_code=204)


@app.delete("/v1/projects/{id}/tags/{tag_name}", status_code=204)
async def delete_tag(id: str, tag_name: str) -> Response:
    found = [k for k, t in STORES["tags"].items() if t.name == tag_name]
    if not found:
        raise HTTPException(404, f"no tag named {tag_name}")
    del STORES["tags"][found[0]]
    return Response(status_code=204)


class TraceSession(BaseModel):
    id: str
    session_id: str


@app.get("/v1/sessions/{session_identifier}", response_model=TraceSession)
async def get_session(session_identifier: str) -> Any:
    raise HTTPException(404, "no such session")


@app.delete("/v1/sessions/{session_identifier}", status_code=204)
async def delete_session(session_identifier: str) -> Response:
    raise HTTPException(404, "no such session")
