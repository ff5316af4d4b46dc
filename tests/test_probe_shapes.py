"""`restcheck probe` through real APIs' shapes, against uvicorn servers on 127.0.0.1:

- tests/live_apps/wrapped.py (Phoenix's shapes): lists `{data, next_cursor}`, creates
  `{data: {...}}`, a create with a side effect, a security-sensitive resource;
- tests/live_apps/underapi.py (Prefect's shapes): an API under `/api` beside a root spec
  without `servers`, `POST .../filter` lists, `{name}` keys, a PUT, a DELETE that answers 404
  while the object remains, a 422 in another shape, a 403 with the server's reason;
- tests/live_apps/dying.py: a server that stops mid-run.

Each deviation is found once, and the servers' stores show that nothing was left behind but
what the probe names. Also the pieces: generated values, the regex generator, name keys.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from typing import Any

import pytest

from checker.cli.main import main
from checker.model import Api, build
from checker.model.schemas import Schemas
from checker.probe import start
from checker.probe.bodies import Maker, NoValue
from checker.probe.fill import Given, Unfillable, fill
from checker.probe.regex import matching
from tests.live_apps import dying, underapi, wrapped
from tests.live_apps.server import serve


def probe(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["probe", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def report(out: str) -> tuple[dict[tuple[str, str], str], dict[str, Any]]:
    """(method, path) -> rule, one finding per operation at most; and the whole report."""
    document = json.loads(out)
    where = [(f["method"], f["path"]) for f in document["findings"]]
    assert len(where) == len(set(where)), where
    return {(f["method"], f["path"]): f["rule"] for f in document["findings"]}, document


def accounted(document: dict[str, Any], api_ops: int) -> dict[str, dict[str, Any]]:
    """`operations` by 'METHOD path': every operation once, each probed or skipped for one
    reason."""
    ops = document["operations"]
    assert len(ops) == api_ops
    by_label = {f"{o['method'].upper()} {o['path']}": o for o in ops}
    assert len(by_label) == api_ops
    for entry in ops:
        assert entry["status"] in ("probed", "skipped")
        if entry["status"] == "skipped":
            assert entry["reason"], entry
    return by_label


# -- wrapped answers (Phoenix) ------------------------------------------------------------------

WRAPPED_OPS = 22
TAG_CREATE = ("post", "/v1/projects/{id}/tags")  # 204 where the guideline wants 201


@pytest.fixture(scope="module")
def wrapped_url() -> Iterator[str]:
    with serve(wrapped.app) as base:
        yield base


def test_wrapped_lists_give_ids_to_the_reads(
    wrapped_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = wrapped.snapshot()
    code, out, _ = probe(capsys, wrapped_url, "-f", "json")
    assert code == 1
    found, document = report(out)
    # The envelope deviation, once per list; nothing else.
    lists = {("get", f"/v1/{name}"): "live-schema" for name in ("projects", "datasets", "members")}
    lists[("get", "/v1/datasets/{dataset_id}/experiments")] = "live-schema"
    lists[("get", "/v1/projects/{id}/tags")] = "live-schema"
    assert found == lists
    messages = [f["message"] for f in document["findings"]]
    assert all("no `items` array; keys: data, next_cursor" in m for m in messages), messages
    ops = accounted(document, WRAPPED_OPS)
    for name in ("projects", "datasets", "members"):
        read = ops[f"GET /v1/{name}/{{id}}"]
        assert read["status"] == "probed" and read["steps"] == ["a read of a listed id"]
        assert ops[f"DELETE /v1/{name}/{{id}}"]["reason"] == "writes need --allow-writes"
    # Experiments are listed only under their dataset: the read takes its id from there
    # (the list's items are the model the read answers), and answers 200.
    experiment = ops["GET /v1/experiments/{experiment_id}"]
    assert experiment["steps"] == ["a read of a listed id"] and experiment["reason"] is None
    # A GET under an id that is not the read of that id says what was sent.
    assert ops["GET /v1/projects/{id}/stats"]["steps"] == ["a GET with {id} of a listed item"]
    # A 404 in the handler's own words under a listed item: no data for the view, a note.
    assert ops["GET /v1/projects/{id}/csv"]["reason"] == (
        "a GET with {id} of a listed item answered 404 Not Found ('Project has no spans'): "
        "no data for it; no finding"
    )
    assert document["left_behind"] == []
    assert wrapped.snapshot() == before


def test_wrapped_creates_are_deleted_and_side_effects_named(
    wrapped_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = wrapped.snapshot()
    try:
        code, out, err = probe(capsys, wrapped_url, "--allow-writes", "-f", "json")
        after = wrapped.snapshot()
    finally:
        wrapped.restore(before)
    found, document = report(out)
    lists = {("get", f"/v1/{n}") for n in ("projects", "datasets", "members")}
    lists |= {("get", "/v1/datasets/{dataset_id}/experiments"), ("get", "/v1/projects/{id}/tags")}
    assert code == 1 and found == {**dict.fromkeys(lists, "live-schema"), TAG_CREATE: "live-status"}
    ops = accounted(document, WRAPPED_OPS)
    # The tag's create answered 204 with no id: the name it was sent deletes it.
    assert after["tags"] == before["tags"]
    assert ops["DELETE /v1/projects/{id}/tags/{tag_name}"]["steps"] == [
        "the delete of the created object"
    ]
    # The update refused `{}` with a business message: a note, no finding; one field is updated.
    update = ops["PATCH /v1/projects/{id}"]
    assert {"an empty update ({})", "an update of `name`"} <= set(update["steps"]), update
    assert (
        "an empty update ({}) was refused with 422 Unprocessable Entity ('No fields to update'): "
        "a business rule, not a validation error; no finding" in update["reason"]
    )
    # projects: the id came from `{data: {...}}`; created, read, deleted, read again (404).
    assert ops["DELETE /v1/projects/{id}"]["steps"] == ["the delete of the created object"]
    assert after["projects"] == before["projects"]
    # datasets: the create made a second dataset; it is named (with its URL), not deleted.
    (extra,) = [d for k, d in after["datasets"].items() if k not in before["datasets"]]
    assert re.fullmatch(r"restcheck-[0-9a-f]{6}" + wrapped.EXAMPLES, extra.name)
    assert document["left_behind"] == [
        {
            "method": "POST",
            "url": f"{wrapped_url}/v1/datasets/{extra.id}",
            "reason": "made by POST /v1/datasets besides the object it was asked for: not deleted",
        }
    ]
    assert "the create made 1 other object(s) besides its own (the list grew by 2" in err
    # members: security-sensitive, not written without --include naming them.
    assert after["members"] == before["members"] and wrapped.ROLES == []
    assert ops["POST /v1/members"]["reason"] == (
        "a security-sensitive resource (members): written only when --include names it: "
        "add --include '/v1/members*' (and --include '*' to probe the rest too)"
    )
    assert ops["DELETE /v1/sessions/{session_identifier}"]["reason"] == (
        "a security-sensitive resource (sessions): written only when --include names it: "
        "add --include '/v1/sessions*' (and --include '*' to probe the rest too)"
    )


def test_generated_bodies_are_unique_and_honour_the_schema(
    wrapped_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A project named as the schema's example exists: a fixed name would answer 409.
    before = wrapped.snapshot()
    wrapped.STORES["projects"]["p2"] = wrapped.Project(id="p2", name="Default", color="#ffffff")
    try:
        for _ in range(2):  # twice: a rerun does not collide with the first run's name
            code, out, _ = probe(capsys, wrapped_url, "--allow-writes", "--include", "/v1/proj*")
            assert code == 1 and "409" not in out and "the create" in out, out
    finally:
        wrapped.restore(before)


def test_sensitive_resources_are_written_when_named(
    wrapped_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = wrapped.snapshot()
    wrapped.ROLES.clear()
    code, out, _ = probe(capsys, wrapped_url, "--allow-writes", "--include", "/v1/members*")
    assert code == 1 and "the delete of the created object" in out
    assert wrapped.ROLES == ["VIEWER"]  # the least privileged role, never SYSTEM or ADMIN
    assert wrapped.snapshot() == before


def test_ctrl_c_cleans_up_what_was_created(
    wrapped_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.probe.writes import Writes

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Writes, "delete_created", interrupted)
    before = wrapped.snapshot()
    code, out, err = probe(capsys, wrapped_url, "--allow-writes", "--include", "/v1/projects*")
    assert code == 130 and out == ""
    assert re.search(r"interrupted by SIGINT; cleaned up: deleted 1 object it created", err)
    assert wrapped.snapshot() == before


# -- an API under /api (Prefect) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def underapi_url() -> Iterator[str]:
    with serve(underapi.app, ready_path="/api/openapi.json") as base:
        yield base


def filter_lists(document: Any) -> Api:
    """The model, with `POST .../filter` as lists (as the model reads them once it knows
    search lists by shape: this probe relies on `op.kind` only)."""
    api = build(document)
    for op in api.operations:
        if op.method == "post" and op.path.rstrip("/").endswith("/filter"):
            op.kind = "list"
        if op.method == "post" and op.path.endswith("/get_runs"):
            op.kind = "read"  # an RPC name that reads, as the model may call it
    return api


UNDERAPI_OPS = 26
# The findings every run gives besides the work pools': arrays for lists, Prefect's 422 shape.
UNDERAPI_READ_ONLY = {
    ("get", "/flows/"): "live-schema",
    ("post", "/flows/"): "live-validation-422",
    ("get", "/deployments/"): "live-schema",
    ("post", "/deployments/"): "live-validation-422",
    ("post", "/work_queues/filter"): "live-schema",
    ("post", "/work_queues/"): "live-validation-422",
    ("post", "/automations/filter"): "live-schema",
    ("post", "/automations/"): "live-validation-422",
    ("get", "/flows/{id}/schedules"): "live-schema",
    ("post", "/flows/{id}/schedules"): "live-validation-422",
}


def test_api_under_a_prefix_with_filter_lists_and_name_keys(
    underapi_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(start, "build", filter_lists)
    before = underapi.snapshot()
    secret = ["--header", f"Authorization: Bearer {underapi.SECRET}"]
    code, out, err = probe(capsys, underapi_url, *secret, "-f", "json")
    assert code == 1
    found, document = report(out)
    assert found == {
        ("post", "/work_pools/filter"): "live-schema",  # an array, not the envelope
        ("post", "/work_pools/"): "live-validation-422",  # Prefect's 422 shape
        ("put", "/work_pools/{name}"): "live-validation-422",
        **UNDERAPI_READ_ONLY,
    }
    shape = next(
        f for f in document["findings"] if f["path"] == "/flows/" and f["method"] == "post"
    )
    assert (
        "has no `detail`; keys: exception_message, exception_detail, request_body"
        in (shape["message"])
    )
    ops = accounted(document, UNDERAPI_OPS)
    assert ops["POST /work_pools/filter"]["steps"] == ["the list with the body {}"]
    # A read by POST may write (it marks the queue as polled): not sent.
    assert ops["POST /work_queues/{id}/get_runs"]["reason"] == (
        "a read by POST: not probed (it may have side effects)"
    )
    assert underapi.POLLED == []
    assert ops["GET /work_pools/{name}"]["steps"] == ["a read of a listed id"]  # by its name
    # The server's own reason for its 403, with the credential it echoed hidden.
    assert "needs the admin scope" in ops["GET /settings"]["reason"]
    assert underapi.SECRET not in out + err
    assert underapi.snapshot() == before


def test_name_keys_put_and_a_delete_that_deletes_nothing(
    underapi_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(start, "build", filter_lists)
    before = underapi.snapshot()
    underapi.ENABLED.clear()
    try:
        code, out, _ = probe(capsys, underapi_url, "--allow-writes", "-f", "json")
        after = underapi.snapshot()
    finally:
        underapi.restore(before)
    assert code == 1
    found, document = report(out)
    # The read-only findings, and the flow's delete; the PUT's whole body was accepted (200);
    # the automation's DELETE answered 503 twice (busy): asked again, no finding.
    assert found == {
        ("post", "/work_pools/filter"): "live-schema",
        ("post", "/work_pools/"): "live-validation-422",
        ("put", "/work_pools/{name}"): "live-validation-422",
        ("delete", "/flows/{id}"): "live-status",
        **UNDERAPI_READ_ONLY,
    }
    ops = accounted(document, UNDERAPI_OPS)
    assert "a whole body (PUT)" in ops["PUT /work_pools/{name}"]["steps"]
    # The automation was created switched off (an enabled one would act), and deleted once
    # the server was no longer busy.
    assert underapi.ENABLED == [False]
    assert after["automations"] == before["automations"]
    assert ops["DELETE /automations/{id}"]["steps"] == ["the delete of the created object"]
    # Schedules are created by the array: sent `[]`, nothing was made, nothing is left.
    assert (
        "the create was sent an empty array and answered one: nothing made"
        in (ops["POST /flows/{id}/schedules"]["reason"])
    )
    # The pool it created was deleted by name; the queue's create made another pool (found
    # by listing the pools, `POST /work_pools/filter`, again at the end) and its default
    # queue (the queues' list grew by two): named with their URLs, not deleted.
    pool = after["work_pools"].pop(underapi.DEFAULT_POOL)
    assert after["work_pools"] == before["work_pools"]
    assert after["deployments"] == before["deployments"]
    (queue,) = [q for k, q in after["work_queues"].items() if k not in before["work_queues"]]
    assert queue.name == underapi.DEFAULT_QUEUE
    # The flow's DELETE answered 404, but a read still finds it: left behind, with its URL.
    (flow,) = [f for k, f in after["flows"].items() if k not in before["flows"]]
    assert document["left_behind"] == [
        {
            "method": "POST",
            "url": f"{underapi_url}/api/flows/{flow.id}",
            "reason": "DELETE answered 404 Not Found ('Flow not found.'), but a read still finds it",
        },
        {
            "method": "POST",
            "url": f"{underapi_url}/api/work_queues/{queue.id}",
            "reason": "made by POST /work_queues/ besides the object it was asked for: not deleted",
        },
        {
            "method": "POST",
            "url": f"{underapi_url}/api/work_pools/{pool.name}",
            "reason": "not listed before the probe's creates: perhaps made by one; not deleted",
        },
    ]


def test_the_root_spec_without_servers_is_a_wrong_base(
    underapi_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = probe(capsys, underapi_url + "/openapi.json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert f"is the API under /api? try {underapi_url}/api" in err
    assert "every request got 404 or an HTML page" in err


def test_ids_given_on_the_command_line(
    underapi_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = underapi.snapshot()
    code, out, _ = probe(capsys, underapi_url, "--id", "work_pools=default", "-f", "json")
    _, document = report(out)
    ops = accounted(document, UNDERAPI_OPS)
    assert ops["GET /work_pools/{name}"]["steps"] == ["a read of the given id"]
    assert underapi.snapshot() == before
    for bad, why in (
        ("pools=x", "pools names no resource; resources: automations, deployments, flows, flows/"),
        ("work_pools", "expected RESOURCE=ID"),
        ("flows=..", "the id is a dot segment"),
    ):
        code, _, err = probe(capsys, underapi_url, "--id", bad)
        assert code == 2 and why in err, err


# -- a server that stops mid-run ----------------------------------------------------------------


def test_a_server_that_stops_mid_run_names_what_remains(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serve(dying.app) as base:
        code, out, err = probe(capsys, base, "--allow-writes")
    (job,) = [k for k in dying.JOBS if k != dying.SEEDED]
    dying.JOBS.pop(job)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"left behind: POST /v1/jobs/ -> id {job} at {base}/v1/jobs/{job} (not deleted:" in err
    assert "Connection refused" in err


# -- the pieces ---------------------------------------------------------------------------------


def test_generated_values() -> None:
    maker = Maker(Schemas({}))
    assert re.fullmatch(r"restcheck-[0-9a-f]{6}", maker.name)
    assert Maker(Schemas({})).name != maker.name  # one name per run
    made = maker.value(
        {
            "type": "object",
            "required": ["color", "n", "x", "role", "name", "mail", "short"],
            "properties": {
                "color": {"type": "string", "pattern": "^#[0-9a-f]{6}$"},
                "n": {"type": "integer", "exclusiveMinimum": 5, "maximum": 9},
                "x": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                "role": {"enum": ["SYSTEM", "ADMIN", "MEMBER", "VIEWER"]},
                "name": {"type": "string", "examples": ["Default"]},
                "mail": {"type": "string", "format": "email"},
                "short": {"type": "string", "maxLength": 6, "minLength": 4},
                "optional": {"type": "string"},
            },
        }
    )
    assert re.fullmatch(r"#[0-9a-f]{6}", made["color"])
    assert made["n"] == 6 and 0 < made["x"] < 1
    assert made["role"] == "VIEWER"
    assert made["name"] == maker.name  # a field that should be unique: not the example
    assert made["mail"] == f"{maker.name}@example.com"
    assert made["short"] == maker.token  # the random part kept within maxLength
    assert "optional" not in made
    full = maker.value({"properties": {"a": {"type": "integer", "multipleOf": 5}}}, full=True)
    assert full == {"a": 5}
    with pytest.raises(NoValue, match="privileged"):
        maker.value({"enum": ["admin", "owner"]})
    with pytest.raises(NoValue, match="pattern"):
        maker.value({"type": "string", "pattern": "^(?=a)b$"})


@pytest.mark.parametrize(
    "pattern",
    [
        r"^#[0-9a-fA-F]{6}$",
        r"^[a-z0-9-]+$",
        r"^\d{4}-\d{2}-\d{2}$",
        r"^(draft|live)$",
        r"^[^\s]+$",
        r"^(?P<major>\d+)\.(?:\d+)$",
        r"^[A-Z_][A-Z0-9_]*$",
        r"\S+@\S+",
        r"^v[0-9]+(\.[0-9]+)?$",
    ],
)
def test_regex_generator(pattern: str) -> None:
    rng = random.Random(0)
    for length in (0, 10, 40):
        made = matching(pattern, rng, length)
        assert made is not None and re.search(pattern, made), (pattern, made)


def test_name_keys_take_the_field_of_their_name() -> None:
    api = build(
        {
            "openapi": "3.1.0",
            "paths": {
                "/pools/{name}": {"get": {"responses": {"200": {"description": "OK"}}}},
                "/pools/{pool_name}/queues/{id}": {
                    "get": {"responses": {"200": {"description": "OK"}}}
                },
            },
        }
    )
    read, queue = api.operations
    pool = {"id": "p1", "name": "default"}
    assert fill(read, {"pools": pool}) == "/pools/default"
    assert fill(queue, {"pools": pool, "pools/{id}/queues": {"id": 7}}) == "/pools/default/queues/7"
    with pytest.raises(Unfillable, match="no usable 'name'"):
        fill(read, {"pools": {"id": "p1"}})  # never the id in place of a name
    assert fill(read, {"pools": Given("mine")}) == "/pools/mine"
