"""How the model reads paths it has never seen: lists by shape, verbs and qualifiers,
sub-resource writes, tunnelled methods, role pins and `explain --path` (issue 11)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.model import build
from checker.model.lexicon import parts_of_speech
from tests.helpers import api_of, cli, corpus_file, document

ID = "{name: id, in: path, required: true, schema: {type: string}}"


def _list_answer(schema: str) -> str:
    return f'{{"200": {{description: OK, content: {{application/json: {{schema: {schema}}}}}}}}}'


def kinds(snippet: str, **roles: str) -> dict[str, str]:
    api = build(document(snippet), roles) if roles else api_of(snippet)
    return {op.label: op.kind for op in api.operations}


def roles_of(snippet: str, path: str) -> list[tuple[str, str]]:
    op = next(o for o in api_of(snippet).operations if o.path == path)
    return [(s.text, s.role) for s in op.segments]


WRAPPED = f"""
paths:
  /v1/experiments:
    get: {{responses: {_list_answer("{$ref: '#/components/schemas/Page'}")}}}
    post: {{responses: {_list_answer("{type: object}")}}}
  /v1/dags:
    get: {{responses: {_list_answer("{$ref: '#/components/schemas/DagCollection'}")}}}
  /v1/report:
    get: {{responses: {_list_answer("{$ref: '#/components/schemas/Report'}")}}}
  /v1/meters/{{id}}/quantities:
    get: {{parameters: [{ID}], responses: {_list_answer("{$ref: '#/components/schemas/Sums'}")}}}
  /v1/me:
    get: {{responses: {_list_answer("{$ref: '#/components/schemas/Me'}")}}}
  /v1/waveform:
    get: {{responses: {_list_answer("{$ref: '#/components/schemas/Waveform'}")}}}
components:
  schemas:
    Thing: {{type: object, properties: {{id: {{type: string}}}}}}
    Page:
      type: object
      properties:
        data: {{type: array, items: {{$ref: '#/components/schemas/Thing'}}}}
        next_cursor: {{anyOf: [{{type: string}}, {{type: "null"}}]}}
    DagCollection:
      type: object
      properties:
        dags: {{type: array, items: {{$ref: '#/components/schemas/Thing'}}}}
        total_entries: {{type: integer}}
    Report:
      type: object
      properties:
        rows: {{type: array, items: {{$ref: '#/components/schemas/Thing'}}}}
        currency: {{type: string}}
    Sums:
      type: object
      properties:
        quantities: {{type: array, items: {{$ref: '#/components/schemas/Thing'}}}}
        total: {{type: number}}
    Me:
      type: object
      properties:
        roles: {{type: array, items: {{type: string}}}}
    Waveform:
      type: object
      properties:
        data: {{type: array, items: {{type: number}}}}
"""


def test_wrapped_arrays_with_paging_fields_are_lists_and_their_post_a_create() -> None:
    found = kinds(WRAPPED)
    assert found["GET /v1/experiments"] == "list"  # {data, next_cursor}
    assert found["POST /v1/experiments"] == "create"  # though it answers 200
    assert found["GET /v1/dags"] == "list"  # {dags, total_entries}


def test_objects_that_merely_hold_an_array_are_no_lists() -> None:
    found = kinds(WRAPPED)
    assert found["GET /v1/report"] == "read"  # a currency beside the rows: a report
    assert found["GET /v1/meters/{id}/quantities"] == "read"  # a number total is a sum
    assert found["GET /v1/me"] == "read"  # one array alone, not named like a list
    assert found["GET /v1/waveform"] == "read"  # numbers, not things


QUALIFIERS = f"""
x-list: &list {_list_answer("{type: array, items: {$ref: '#/components/schemas/Job'}}")}
paths:
  /v1/agents/{{agent_id}}/archives/attach/{{archive_id}}:
    patch:
      parameters: [{{name: agent_id, in: path, required: true}}, {{name: archive_id, in: path, required: true}}]
      responses: {{"200": {{description: OK}}}}
  /v1/jobs:
    get: {{responses: *list}}
  /v1/jobs/{{id}}:
    get: {{parameters: [{ID}], responses: {{"200": {{description: OK}}}}}}
  /v1/jobs/active:
    get: {{responses: *list}}
  /v1/jobs/running:
    get: {{responses: *list}}
  /v1/jobs/page:
    get: {{responses: *list}}
  /v1/jobs/{{id}}/rotate:
    post: {{parameters: [{ID}], responses: {{"201": {{description: OK}}}}}}
  /v1/events/count-by/{{countable}}:
    post: {{parameters: [{{name: countable, in: path, required: true}}], responses: {{"200": {{description: OK}}}}}}
  /v1/oauth2/register/{{client_id}}:
    get: {{parameters: [{{name: client_id, in: path, required: true}}], responses: {{"200": {{description: OK}}}}}}
components:
  schemas:
    Job: {{type: object, properties: {{id: {{type: string}}}}}}
"""


def test_verbs_are_actions_not_collections() -> None:
    path = "/v1/agents/{agent_id}/archives/attach/{archive_id}"
    assert ("attach", "action") in roles_of(QUALIFIERS, path)
    assert kinds(QUALIFIERS)[f"PATCH {path}"] == "action"
    # a verb answering 201 is still no collection
    assert ("rotate", "action") in roles_of(QUALIFIERS, "/v1/jobs/{id}/rotate")


def test_qualifiers_are_views_of_the_collection_above() -> None:
    found = kinds(QUALIFIERS)
    api = api_of(QUALIFIERS)
    for path in ("/v1/jobs/active", "/v1/jobs/page", "/v1/jobs/running"):
        assert found[f"GET {path}"] == "list", path  # `running`: the same items as /jobs
        op = next(o for o in api.operations if o.path == path)
        assert op.segments[-1].role == "qualifier"
        assert op.resource is not None and op.resource.name == "jobs"
    assert ("count-by", "qualifier") in roles_of(QUALIFIERS, "/v1/events/count-by/{countable}")


def test_a_noun_that_is_also_a_verb_stays_a_collection() -> None:
    assert ("register", "collection") in roles_of(QUALIFIERS, "/v1/oauth2/register/{client_id}")


def test_the_lexicon_knows_parts_of_speech() -> None:
    assert parts_of_speech("attach") == {"verb"}
    assert "noun" in parts_of_speech("page") and "verb" in parts_of_speech("page")
    assert parts_of_speech("zzqx") == frozenset()


@pytest.mark.parametrize(
    "word",
    [
        "posts",
        "people",
        "Octopi",
        "sheep",
        "x-equipment",
        "statuses",
        "analyses",
        "series",
        "indices",
        "LICENSE_KEYS",
        "news",
        "movies",
        "wolves",
        "knives",
        "quizzes",
        "data",
        "ox",
    ],
)
def test_singular_is_inflections_singular(word: str) -> None:
    import inflection

    from checker.model.lexicon import singular

    assert singular(word) == inflection.singularize(word)


SUBRESOURCE = f"""
x-body: &body {{content: {{application/json: {{schema: {{type: object}}}}}}}}
paths:
  /v1/jobs/{{id}}:
    get: {{parameters: [{ID}], responses: {{"200": {{description: OK}}}}}}
  /v1/jobs/{{id}}/status:
    put: {{parameters: [{ID}], requestBody: *body, responses: {{"200": {{description: OK}}}}}}
  /v1/jobs/{{id}}/cancel:
    put: {{parameters: [{ID}], requestBody: *body, responses: {{"200": {{description: OK}}}}}}
  /v1/jobs/{{id}}/reset-messages:
    patch: {{parameters: [{ID}], requestBody: *body, responses: {{"200": {{description: OK}}}}}}
"""


def test_a_bodied_put_of_a_noun_under_an_item_is_an_update() -> None:
    found = kinds(SUBRESOURCE)
    assert found["PUT /v1/jobs/{id}/status"] == "update"
    assert found["PUT /v1/jobs/{id}/cancel"] == "action"  # a verb
    assert found["PATCH /v1/jobs/{id}/reset-messages"] == "action"  # a step, not a field


def test_tunnelled_methods() -> None:
    api = api_of(
        f"""
paths:
  /v1/volumes/get: {{post: {{responses: {{"200": {{description: OK}}}}}}}}
  /v1/credentials/{{id}}/delete: {{post: {{parameters: [{ID}], responses: {{"200": {{description: OK}}}}}}}}
  /v1/create_volume: {{post: {{responses: {{"200": {{description: OK}}}}}}}}
  /v1/orders/{{id}}/cancel: {{post: {{parameters: [{ID}], responses: {{"200": {{description: OK}}}}}}}}
  /v1/runners/remove-token: {{post: {{responses: {{"201": {{description: OK}}}}}}}}
"""
    )
    found = {op.path: op.tunnels for op in api.operations}
    assert found == {
        "/v1/volumes/get": "GET",
        "/v1/credentials/{id}/delete": "DELETE",
        "/v1/create_volume": "POST",
        "/v1/orders/{id}/cancel": None,
        "/v1/runners/remove-token": None,  # it answers 201: it creates a token
    }


def test_a_pin_overrides_the_role_by_name_or_path_glob() -> None:
    path = "/v1/agents/{agent_id}/archives/attach/{archive_id}"
    api = build(document(QUALIFIERS), {"attach": "collection"})
    op = next(o for o in api.operations if o.path == path)
    assert (op.segments[-2].role, op.segments[-1].role) == ("collection", "item")
    assert "pinned by the configuration" in op.segments[-2].why
    assert op.kind == "update"
    # by path, parameter names aside
    api = build(document(QUALIFIERS), {"/v1/jobs/{x}/rotate": "collection"})
    op = next(o for o in api.operations if o.path == "/v1/jobs/{id}/rotate")
    assert op.segments[-1].role == "collection" and op.kind == "create"


def _write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "restcheck.toml"
    path.write_text(text)
    return path


def test_role_pins_are_read_from_the_configuration(tmp_path: Path) -> None:
    from checker.engine.config import read_config

    config = read_config(
        _write_config(tmp_path, '[model]\nroles = {"attach" = "action", "/v1/*/x" = "key"}\n')
    )
    assert config.roles == {"attach": "action", "/v1/*/x": "key"}
    with pytest.raises(ConfigError, match=r"model\.roles\.attach: expected one of .*'acton'"):
        read_config(_write_config(tmp_path, '[model]\nroles = {"attach" = "acton"}\n'))
    with pytest.raises(ConfigError, match=r"model\.role: unknown key"):
        read_config(_write_config(tmp_path, '[model]\nrole = {"attach" = "action"}\n'))


def test_explain_path_prints_roles_kinds_and_why(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document(QUALIFIERS)))
    path = "/v1/agents/{agent_id}/archives/attach/{archive_id}"
    empty = _write_config(tmp_path, "")
    done = subprocess.run(
        [cli(), "explain", "--path", path, str(spec), "--config", str(empty)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == path
    attach = next(line for line in lines if line.split()[:2] == ["attach", "action"])
    assert "is a verb" in attach
    assert any(line.split()[:2] == ["PATCH", "action"] for line in lines)
    # a pin in the configuration shows as the reason
    config = _write_config(tmp_path, '[model]\nroles = {"attach" = "collection"}\n')
    done = subprocess.run(
        [cli(), "explain", "--path", path, str(spec), "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "pinned by the configuration" in done.stdout
    assert any(line.split()[:2] == ["PATCH", "update"] for line in done.stdout.splitlines())
    # an unknown path is one line, exit 2
    done = subprocess.run(
        [cli(), "explain", "--path", "/nope", str(spec), "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "no path" in done.stderr and "Traceback" not in done.stderr


# -- the corpus: what the issue found misread --------------------------------------------------


def _corpus_kinds(relative: str) -> dict[str, str]:
    from checker.load.source import load

    api = build(load(str(corpus_file(relative))).document)
    return {op.label: op.kind for op in api.operations}


def test_corpus_letta_attach_is_an_action() -> None:
    found = _corpus_kinds("fastapi/letta-openapi.json")
    assert found["PATCH /v1/agents/{agent_id}/archives/attach/{archive_id}"] == "action"
    assert found["GET /v1/jobs/active"] == "list"


def test_corpus_phoenix_wrapped_lists_and_their_creates() -> None:
    found = _corpus_kinds("fastapi/phoenix-openapi.json")
    assert found["GET /v1/datasets/{dataset_id}/experiments"] == "list"
    assert found["POST /v1/datasets/{dataset_id}/experiments"] == "create"


def test_corpus_osparc_page_and_airflow_total_entries() -> None:
    assert _corpus_kinds("fastapi/osparc-api-server-openapi.json")["GET /v0/solvers/page"] == "list"
    assert _corpus_kinds("fastapi/airflow-v2-client-spec.yaml")["GET /api/v2/jobs"] == "list"


def test_payload_sees_through_a_data_wrapper() -> None:
    api = api_of(
        """
components:
  schemas:
    Project: {type: object, properties: {id: {type: string}}}
    GetProjectResponseBody: {type: object, properties: {data: {$ref: '#/components/schemas/Project'}}}
    Report: {type: object, properties: {data: {type: object}, currency: {type: string}}}
"""
    )
    schemas = api.schemas
    wrapped = {"$ref": "#/components/schemas/GetProjectResponseBody"}
    assert schemas.ref_name(schemas.payload(wrapped)) == "Project"
    report = {"$ref": "#/components/schemas/Report"}
    assert schemas.payload(report) is report  # two facts: no wrapper


# -- round 2 of issue 11: what other teams' exports still had the model misread -----------------

ITEMS = "{type: array, items: {$ref: '#/components/schemas/Flow'}}"
FLOW = "components: {schemas: {Flow: {type: object, properties: {id: {type: string}}}}}"


def test_custom_methods_after_a_colon_are_no_collections() -> None:
    """AIP-136 custom methods (`/drive_cycles:copy`) act on the collection before the colon."""
    found = kinds(
        f"""
paths:
  /drive_cycles:standard_drive_cycle:
    post: {{responses: {{"201": {{description: Created}}}}}}
  /drive_cycles:names:
    get: {{responses: {_list_answer(ITEMS)}}}
{FLOW}
"""
    )
    assert found == {
        "POST /drive_cycles:standard_drive_cycle": "action",
        "GET /drive_cycles:names": "list",
    }


def test_a_plural_with_custom_methods_is_their_collection() -> None:
    """conceptev's `POST /jobs` beside `/jobs:start`: a create on the collection, while a
    plural without custom methods or list (`/reports`) stays an action."""
    found = kinds(
        """
paths:
  /jobs:
    post: {responses: {"200": {description: OK}}}
  /jobs:start:
    post: {responses: {"200": {description: OK}}}
  /reports:
    post: {responses: {"200": {description: OK}}}
"""
    )
    assert found["POST /jobs"] == "create"
    assert found["POST /jobs:start"] == "action"
    assert found["POST /reports"] == "action"


def test_under_a_verb_and_verbs_never_read_are_actions() -> None:
    """`/artifacts/ingest/async` is a way to ingest; `convert/{key}` and `install/{id}/pause`
    are verbs (nothing under them is read), while `register/{client_id}` (read) stays a
    collection."""
    found = kinds(
        f"""
paths:
  /v1/artifacts/ingest/async:
    post: {{responses: {{"200": {{description: OK}}}}}}
  /v1/artifacts/ingest/async/{{task_id}}:
    get: {{parameters: [{ID.replace("id,", "task_id,")}], responses: {{"200": {{description: OK}}}}}}
  /v1/models/convert/{{id}}:
    put: {{parameters: [{ID}], responses: {{"200": {{description: OK}}}}}}
  /v1/installs/{{id}}/pause:
    post: {{parameters: [{ID}], responses: {{"201": {{description: Created}}}}}}
  /v1/register:
    post: {{responses: {{"201": {{description: Created}}}}}}
  /v1/register/{{id}}:
    get: {{parameters: [{ID}], responses: {_list_answer("{type: object}")}}}
"""
    )
    assert found["POST /v1/artifacts/ingest/async"] == "action"
    assert found["PUT /v1/models/convert/{id}"] == "action"
    assert found["POST /v1/installs/{id}/pause"] == "action"
    assert found["POST /v1/register"] == "create"


def test_a_verb_with_its_object_is_an_action_not_a_collection() -> None:
    """`test-celery`, `enqueue_batch` (a prefixed verb), `ping-worker` answering 201, a form's
    `onsubmit` handler: one call each; `customer-session` (a noun first) stays a create, and a
    verb-noun compound with items below (`page-copy/{id}`) stays a collection."""
    found = kinds(
        f"""
paths:
  /api/v1/utils/test-celery/:
    post: {{responses: {{"201": {{description: Created}}}}}}
  /ping-worker:
    post: {{responses: {{"201": {{description: Created}}}}}}
  /api/v1/queue/{{id}}/enqueue_batch:
    post: {{parameters: [{ID}], responses: {{"201": {{description: Created}}}}}}
  /api/management-keys/onsubmit:
    post: {{responses: {{"201": {{description: Created}}}}}}
  /v1/customer-session:
    post: {{responses: {{"201": {{description: Created}}}}}}
  /v1/page-copy:
    post: {{responses: {{"201": {{description: Created}}}}}}
  /v1/page-copy/{{id}}:
    get: {{parameters: [{ID}], responses: {_list_answer("{type: object}")}}}
"""
    )
    assert found["POST /api/v1/utils/test-celery/"] == "action"
    assert found["POST /ping-worker"] == "action"
    assert found["POST /api/v1/queue/{id}/enqueue_batch"] == "action"
    assert found["POST /api/management-keys/onsubmit"] == "action"
    assert found["POST /v1/customer-session"] == "create"
    assert found["POST /v1/page-copy"] == "create"


def test_a_verb_too_under_a_qualifiers_parameter_is_an_action() -> None:
    """invokeai's `POST /models/install/{id}/pause` (under the verb `install`) answering 201."""
    found = kinds(
        f"""
paths:
  /v2/models/install/{{id}}/pause:
    post: {{parameters: [{ID}], responses: {{"201": {{description: Created}}}}}}
"""
    )
    assert found["POST /v2/models/install/{id}/pause"] == "action"


def test_a_post_that_searches_is_a_list_and_tunnels_get() -> None:
    """`POST /flows/filter` answering the flows lists them (the probe can list them); a POST
    answering one object, an array body (a bulk create) or an array of nothing is no list."""
    api = api_of(
        f"""
paths:
  /flows/{{id}}:
    get: {{parameters: [{ID}], responses: {_list_answer("{$ref: '#/components/schemas/Flow'}")}}}
  /flows/filter:
    post:
      requestBody: {{content: {{application/json: {{schema: {{type: object}}}}}}}}
      responses: {_list_answer(ITEMS)}
  /runs/{{id}}:
    get: {{parameters: [{ID}], responses: {_list_answer("{$ref: '#/components/schemas/Flow'}")}}}
  /runs:
    post:
      requestBody:
        content: {{application/json: {{schema: {{type: object, properties: {{filters: {{}}}}}}}}}}
      responses: {_list_answer(ITEMS)}
  /volumes/get:
    post: {{responses: {_list_answer("{$ref: '#/components/schemas/Flow'}")}}}
  /attributes/orthogonal:
    post: {{responses: {_list_answer(ITEMS)}}}
  /bulk/filter:
    post:
      requestBody: {{content: {{application/json: {{schema: {ITEMS}}}}}}}
      responses: {_list_answer(ITEMS)}
{FLOW}
"""
    )
    found = {op.label: (op.kind, op.tunnels) for op in api.operations}
    assert found["POST /flows/filter"] == ("list", "GET")
    assert found["POST /runs"] == ("list", "GET")
    assert found["POST /volumes/get"] == ("read", "GET")  # a read tunnelled through POST
    assert found["POST /attributes/orthogonal"][0] == "action"
    assert found["POST /bulk/filter"][0] != "list"
    flows = next(o for o in api.operations if o.label == "POST /flows/filter")
    assert flows.resource is not None and flows.resource.name == "flows"


def test_a_query_computes_and_a_named_list_needs_objects() -> None:
    """`POST /rag/query` answering hits computes (an action, no list to page); `POST .../list`
    lists when its answer carries objects, bare or wrapped with other facts, and reads a fixed
    vocabulary when it answers enum values."""
    wrapped = "{type: object, properties: {gpus: " + ITEMS + ", pricing: {type: string}}}"
    enums = "{type: array, items: {type: string, enum: [aws, gcp]}}"
    found = kinds(
        f"""
paths:
  /rag/query:
    post:
      requestBody: {{content: {{application/json: {{schema: {{type: object}}}}}}}}
      responses: {_list_answer(ITEMS)}
  /gpus/list:
    post: {{responses: {_list_answer(wrapped)}}}
  /backends/list_types:
    post: {{responses: {_list_answer(enums)}}}
{FLOW}
"""
    )
    assert found["POST /rag/query"] == "action"
    assert found["POST /gpus/list"] == "list"
    assert found["POST /backends/list_types"] == "read"


def test_corpus_prefect_filters_are_lists_of_their_collection() -> None:
    api = build(json.loads(corpus_file("fastapi/prefect-server-schema.json").read_text()))
    found = {op.label: op for op in api.operations}
    for label, resource in (
        ("POST /flows/filter", "flows"),
        ("POST /work_pools/filter", "work_pools"),
    ):
        assert found[label].kind == "list"
        assert found[label].resource is not None and found[label].resource.name == resource


def test_downloads_proxies_and_service_files_are_other() -> None:
    """A GET that answers a file (zip, or no content under a `download` segment) reads no
    resource; a reverse proxy forwards every method; site files at the root serve the site."""
    methods = "".join(
        f"    {m}: {{parameters: [{ID}], responses: {{'200': {{description: OK}}}}}}\n"
        for m in ("get", "post", "put", "patch", "delete", "options")
    )
    api = api_of(
        f"""
paths:
  /v1/images/download/{{id}}:
    get:
      parameters: [{ID}]
      responses: {{"200": {{description: OK, content: {{application/zip: {{schema: {{}}}}}}}}}}
  /v1/download_file/{{id}}:
    get: {{parameters: [{ID}], responses: {{"200": {{description: OK}}}}}}
  /v1/files/{{id}}:
    get: {{parameters: [{ID}], responses: {{"200": {{description: OK}}}}}}
  /proxy/{{id}}:
{methods}  /robots.txt:
    get: {{responses: {{"200": {{description: OK}}}}}}
"""
    )
    found = {op.label: op for op in api.operations}
    assert found["GET /v1/images/download/{id}"].kind == "other"
    assert found["GET /v1/download_file/{id}"].kind == "other"
    assert found["GET /v1/files/{id}"].kind == "read"  # read-status reports its missing JSON
    assert {found[f"{m} /proxy/{{id}}"].kind for m in ("GET", "PUT", "OPTIONS")} == {"other"}
    assert found["PUT /proxy/{id}"].passthrough
    assert found["GET /robots.txt"].service and not found["GET /v1/files/{id}"].service


def test_tunnelled_posts_take_the_kind_they_stand_for() -> None:
    """`POST /volumes/delete` deletes, `/fleets/create` creates, `/runs/list` lists; a webhook
    receiver is other; DELETE named for a delete deletes; a second parameter after an item is
    part of its key; a namespace that is written to is acted on."""
    ok = '{"200": {description: OK}}'
    found = kinds(
        f"""
paths:
  /api/volumes/delete: {{post: {{responses: {ok}}}}}
  /api/volumes/get: {{post: {{responses: {ok}}}}}
  /api/fleets/create: {{post: {{responses: {ok}}}}}
  /api/fleets/set_members: {{post: {{responses: {ok}}}}}
  /api/billing/webhook: {{post: {{responses: {ok}}}}}
  /v2/delete_graph: {{delete: {{responses: {ok}}}}}
  /v1/runs/{{id}}: {{get: {{parameters: [{ID}], responses: {ok}}}}}
  /v1/runs/{{id}}/{{step}}:
    get:
      parameters: [{ID}, {{name: step, in: path, required: true, schema: {{type: string}}}}]
      responses: {ok}
  /v1/cache: {{delete: {{responses: {ok}}}}}
  /v1/cache/status: {{get: {{responses: {ok}}}}}
"""
    )
    assert found["POST /api/volumes/delete"] == "delete"
    assert found["POST /api/volumes/get"] == "read"
    assert found["POST /api/fleets/create"] == "create"
    assert found["POST /api/fleets/set_members"] == "action"
    assert found["POST /api/billing/webhook"] == "other"
    assert found["DELETE /v2/delete_graph"] == "delete"
    assert found["GET /v1/runs/{id}/{step}"] == "read"
    assert found["DELETE /v1/cache"] == "delete"
