"""A server that stops in the middle of a probe: reading a job it did not seed (the one the
probe created) shuts the server down after the answer, so the probe's delete of that job
finds no server (connection refused). The probe must name the job as left behind, with its
URL, in its exit-2 line. `JOBS` holds the rows."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from pydantic import BaseModel


class Job(BaseModel):
    id: str
    name: str


class JobCreate(BaseModel):
    name: str


SEEDED = "j1"
JOBS: dict[str, Job] = {SEEDED: Job(id=SEEDED, name="nightly")}
app = FastAPI(title="Dying API", version="1")


@app.get("/v1/jobs/", response_model=list[Job])
async def list_jobs() -> Any:
    return list(JOBS.values())


@app.post("/v1/jobs/", status_code=201, response_model=Job)
async def create_job(body: JobCreate) -> Any:
    job = Job(id=uuid.uuid4().hex, name=body.name)
    JOBS[job.id] = job
    return job


@app.get("/v1/jobs/{id}", response_model=Job)
async def read_job(id: str, request: Request) -> Any:
    if id not in JOBS:
        raise HTTPException(404, "no such job")
    if id != SEEDED:
        request.app.state.uvicorn.should_exit = True  # the server goes away after this answer
        await asyncio.sleep(0.3)  # until it has stopped listening (it checks every 0.1 s)
    return JOBS[id]


@app.delete("/v1/jobs/{id}", status_code=204)
async def delete_job(id: str) -> Response:
    JOBS.pop(id, None)
    return Response(status_code=204)
