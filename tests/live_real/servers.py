"""The real third-party servers `make live-real` probes: how to install, start and seed each.

Each is a FastAPI app from PyPI that keeps its data in SQLite, started on 127.0.0.1 with a
fresh data directory. Versions are pinned so that a finding seen once can be seen again.
The seed goes through the server's own API, as a user would have made the data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

Seed = Callable[[httpx.Client], list[str]]


@dataclass(frozen=True)
class Server:
    name: str
    package: str  # the pinned requirement pip installs into .venv-real/<name>
    command: Callable[[Path, int, int], list[str]]  # (venv bin, port, spare port) -> argv
    env: Callable[[Path, int, int], dict[str, str]]  # (data dir, port, spare port) -> env
    api: str  # the API's path under the server's root (the probe's BASE_URL)
    health: str  # a path under the root that answers 200 once the server is ready
    database: str  # the SQLite file, relative to the data directory
    seed: Seed
    # Tables the server writes by itself or as an audit trail of any write (not objects a
    # client created or owns): their changes are shown, not counted as leftovers.
    journals: dict[str, str] = field(default_factory=dict)
    # Binds some port on every interface (not only 127.0.0.1): run only in a private
    # network namespace, where every interface is loopback.
    binds_all_interfaces: str = ""


class SeedError(Exception):
    pass


def _post(client: httpx.Client, path: str, body: object, what: str, done: list[str]) -> dict:
    answer = client.post(path, json=body)
    for _ in range(20):  # Prefect on SQLite answers 503 while its database is busy
        if answer.status_code != 503:
            break
        time.sleep(0.5)
        answer = client.post(path, json=body)
    if answer.status_code >= 300:
        raise SeedError(f"{what}: POST {path} answered {answer.status_code} {answer.text[:200]}")
    done.append(what)
    data = answer.json()
    # Phoenix wraps its answers in {"data": ...}; Prefect answers the object itself.
    if isinstance(data, dict) and isinstance(data.get("data"), dict):
        return data["data"]
    return data if isinstance(data, dict) else {}


# -- Arize Phoenix ------------------------------------------------------------------------------


def _phoenix_span(trace: str, span: str, session: str) -> dict:
    return {
        "name": "seed-span",
        "context": {"trace_id": trace, "span_id": span},
        "span_kind": "LLM",
        "start_time": "2026-01-01T00:00:00Z",
        "end_time": "2026-01-01T00:00:01Z",
        "status_code": "OK",
        "attributes": {"session.id": session, "input.value": "hello"},
    }


def seed_phoenix(client: httpx.Client) -> list[str]:
    done: list[str] = []
    for n in (1, 2):
        _post(client, "/v1/projects", {"name": f"seed-project-{n}"}, f"project {n}", done)
        spans = [_phoenix_span(f"{n:032x}", f"{n:016x}", f"seed-session-{n}")]
        _post(client, f"/v1/projects/seed-project-{n}/spans", {"data": spans}, "span", done)
        dataset = {
            "action": "create",
            "name": f"seed-dataset-{n}",
            "inputs": [{"question": "q1"}, {"question": "q2"}],
            "outputs": [{"answer": "a1"}, {"answer": "a2"}],
        }
        made = _post(client, "/v1/datasets/upload?sync=true", dataset, f"dataset {n}", done)
        dataset_id = made.get("dataset_id")
        if dataset_id:
            _post(client, f"/v1/datasets/{dataset_id}/experiments", {}, "experiment", done)
    _post(client, "/v1/dataset_labels", {"name": "seed-label", "color": "#112233"}, "label", done)
    config = {
        "type": "CATEGORICAL",
        "name": "seed-quality",
        "optimization_direction": "MAXIMIZE",
        "values": [{"label": "good", "score": 1}, {"label": "bad", "score": 0}],
    }
    _post(client, "/v1/annotation_configs", config, "annotation config", done)
    prompt = {
        "prompt": {"name": "seed-prompt"},
        "version": {
            "model_provider": "OPENAI",
            "model_name": "gpt-4o",
            "template": {"type": "chat", "messages": [{"role": "user", "content": "hi {{x}}"}]},
            "template_type": "CHAT",
            "template_format": "MUSTACHE",
            "invocation_parameters": {"type": "openai", "openai": {}},
        },
    }
    _post(client, "/v1/prompts", prompt, "prompt", done)
    return done


PHOENIX = Server(
    name="phoenix",
    package="arize-phoenix==20.26.1",
    command=lambda bin, port, spare: [str(bin / "phoenix"), "serve"],
    env=lambda data, port, spare: {
        "PHOENIX_WORKING_DIR": str(data),
        "PHOENIX_HOST": "127.0.0.1",
        "PHOENIX_PORT": str(port),
        "PHOENIX_GRPC_PORT": str(spare),
        # No request of its own to the internet: no telemetry, fonts, sandbox downloads.
        "PHOENIX_TELEMETRY_ENABLED": "false",
        "PHOENIX_ALLOW_EXTERNAL_RESOURCES": "false",
        "PHOENIX_ALLOWED_SANDBOX_PROVIDERS": "NONE",
    },
    api="",
    health="/healthz",
    database="phoenix.db",
    seed=seed_phoenix,
    journals={"alembic_version": "migrations"},
    binds_all_interfaces="its OTLP gRPC port listens on [::] whatever PHOENIX_HOST says",
)


# -- Prefect ------------------------------------------------------------------------------------


def seed_prefect(client: httpx.Client) -> list[str]:
    done: list[str] = []
    pool = {"name": "seed-pool", "type": "process"}
    _post(client, "/work_pools/", pool, "work pool", done)
    _post(client, "/work_pools/seed-pool/queues", {"name": "seed-queue"}, "work queue", done)
    for n in (1, 2):
        flow = _post(client, "/flows/", {"name": f"seed-flow-{n}"}, f"flow {n}", done)
        deployment = {"name": f"seed-deployment-{n}", "flow_id": flow["id"]}
        deployment["work_pool_name"] = "seed-pool"
        _post(client, "/deployments/", deployment, "deployment", done)
        run = {"flow_id": flow["id"], "name": f"seed-run-{n}", "state": {"type": "COMPLETED"}}
        _post(client, "/flow_runs/", run, "flow run", done)
        variable = {"name": f"seed_variable_{n}", "value": n}
        _post(client, "/variables/", variable, "variable", done)
    limit = {"name": "seed-limit", "limit": 3}
    _post(client, "/v2/concurrency_limits/", limit, "concurrency limit", done)
    artifact = {"key": "seed-artifact", "type": "markdown", "data": "# seed"}
    _post(client, "/artifacts/", artifact, "artifact", done)
    answer = client.put("/saved_searches/", json={"name": "seed-search", "filters": []})
    if answer.status_code >= 300:
        raise SeedError(f"saved search: PUT answered {answer.status_code} {answer.text[:200]}")
    done.append("saved search")
    return done


PREFECT = Server(
    name="prefect",
    package="prefect==3.9.1",
    command=lambda bin, port, spare: [
        str(bin / "prefect"),
        *("server", "start", "--host", "127.0.0.1", "--port", str(port)),
    ],
    env=lambda data, port, spare: {
        "PREFECT_HOME": str(data),
        "PREFECT_UI_ENABLED": "false",
        # No request of its own to the internet.
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    },
    api="/api",
    health="/api/health",
    database="prefect.db",
    seed=seed_prefect,
    journals={
        "alembic_version": "migrations",
        "events": "the event log: every create, update and delete is recorded",
        "event_resources": "the event log's index",
        "automation_bucket": "automation triggers' counters",
        "automation_event_follower": "automation triggers' state",
        "composite_trigger_child_firing": "automation triggers' state",
        "flow_run_state": "state history of flow runs",
        "task_run_state": "state history of task runs",
        "log": "run logs",
    },
)

SERVERS = {server.name: server for server in (PHOENIX, PREFECT)}
