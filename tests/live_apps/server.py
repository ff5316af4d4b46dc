"""Serve an ASGI app with uvicorn on 127.0.0.1, on a port the OS picks, in a thread.

    with serve(app) as base_url:
        ...

The server is up (it answered an HTTP request) when the block starts, and stopped (its
thread joined) when it ends, also when the block fails. An app with a `state` (FastAPI,
Starlette) finds the uvicorn server in `app.state.uvicorn` (to stop itself mid-test).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn


@contextmanager
def serve(app: Any, ready_path: str = "/openapi.json") -> Iterator[str]:
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,  # the OS picks a free port: no fixed ports, no races between test runs
        log_level="critical",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=1,  # an endpoint still sleeping must not hold the shutdown
    )
    server = uvicorn.Server(config)
    if hasattr(app, "state"):
        app.state.uvicorn = server
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.005)
        port = server.servers[0].sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        while True:  # it answers: any HTTP status will do
            try:
                httpx.get(base + ready_path, timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
