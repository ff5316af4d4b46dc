"""Servers that cannot be probed: one too slow, one answering HTML, and answers for `check`.

- `slow`: a correct spec, but its list sleeps `SLEEP` seconds (beyond any test --timeout);
- `html`: a web site, not an API: every path answers an HTML page;
- `answers` (for `check`'s URL loading): `/status/{code}` answers that status, `/text` plain
  text, `/broken.json` invalid JSON, `/go` redirects to `/openapi.json`, `/loop` to itself,
  `/slow.json` sleeps, `/private/openapi.json` wants `Authorization: Bearer sesame`.
"""

import asyncio
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse

from specs.kit import ListResource, PaginationParamsQuery, create_app
from tests.live_apps.deviant import Thing

SLEEP = 5.0

slow = create_app(title="Slow API", version="1")


async def sleep_until_hangup(request: Request) -> None:
    """Sleep SLEEP seconds, or until the client hangs up (so the server stops at once)."""
    deadline = asyncio.get_running_loop().time() + SLEEP
    while asyncio.get_running_loop().time() < deadline:
        if await request.is_disconnected():
            return
        await asyncio.sleep(0.02)


@slow.get("/v1/things/", response_model=ListResource[Thing])
async def list_things(pagination: PaginationParamsQuery, request: Request) -> Any:
    await sleep_until_hangup(request)
    return {"items": [], "pagination": {"total_count": 0, "max_page": 0}}


html = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@html.get("/{path:path}", response_class=HTMLResponse)
async def page(path: str) -> str:
    return "<!doctype html><html><body><h1>Welcome</h1></body></html>"


answers = create_app(title="Answers", version="1")


@answers.get("/status/{code}")
async def status(code: int) -> Response:
    return PlainTextResponse(f"status {code}", status_code=code)


@answers.get("/text")
async def text() -> Response:
    return PlainTextResponse("hello, this is not a spec")


@answers.get("/go")
async def go() -> Response:
    return RedirectResponse("/openapi.json", status_code=307)


@answers.get("/loop")
async def loop() -> Response:
    return RedirectResponse("/loop", status_code=307)


@answers.get("/slow.json")
async def slow_spec(request: Request) -> Response:
    await sleep_until_hangup(request)
    return PlainTextResponse("{}")


@answers.get("/broken.json")
async def broken() -> Response:
    return Response('{"openapi": 3.1.0}', media_type="application/json")


@answers.get("/private/openapi.json")
async def private_spec(request: Request) -> Response:
    if request.headers.get("authorization") != "Bearer sesame":
        return JSONResponse({"detail": "Not authenticated"}, status_code=401)
    return JSONResponse(answers.openapi())
