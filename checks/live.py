"""The live rules: what `restcheck probe` reports about a running server.

They are documented like the document rules and listed by `restcheck rules`, but `check`
never runs them (see `checker.engine.registry.live_rule`); the probing is in `checker.probe.run`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.engine.registry import Problem, live_rule


@live_rule("error")
def live_status() -> Iterator[Problem]:
    """The server answers the status the guideline and the spec promise.

    Lists and reads answer 200, creates 201, updates 200 (also to an empty `{}`), deletes 204
    with no content, and a read after the delete 404. Any 5xx is reported here too: a server
    error during probing is a finding, not a crash of the probe.

    Why: clients branch on the status code; a create that answers 200, a delete that answers
    200 with the object, or a read that still answers after the delete break generated SDKs
    and retry logic even when the spec says the right thing.

    Bad:
        POST /v1/customers/  {"email": "jane@example.com"}
        -> 200 OK            {"id": "…", "email": "jane@example.com", …}
        (the spec documents 201)

    Good:
        POST /v1/customers/  {"email": "jane@example.com"}
        -> 201 Created       {"id": "…", "email": "jane@example.com", …}
    """
    return iter(())


@live_rule("error")
def live_schema() -> Iterator[Problem]:
    """The server's bodies match the documented schemas (list envelope included).

    Every JSON answer is validated against the schema its operation documents for that status
    (OpenAPI 3.1 as JSON Schema 2020-12; 3.0 with `nullable` as a null alternative), `$ref`s
    resolved against the served document. Lists must also answer the guideline's envelope:
    `items` (an array) and `pagination` with integer `total_count` and `max_page`. A 204 must
    have no body.

    Why: the spec is the contract SDKs are generated from; a field the spec promises and the
    server leaves out (`pagination.total_count`) fails at the client, far from its cause.

    Bad:
        GET /v1/customers/?page=1&limit=1
        -> 200 OK  {"items": [...], "pagination": {"max_page": 3}}

    Good:
        GET /v1/customers/?page=1&limit=1
        -> 200 OK  {"items": [...], "pagination": {"total_count": 3, "max_page": 3}}
    """
    return iter(())


@live_rule("error")
def live_validation_422() -> Iterator[Problem]:
    """Invalid input gets 422 with FastAPI's `detail` shape.

    The probe sends input FastAPI rejects before the handler runs: a `limit` (or `page`) below
    its documented bound or not a number, and to creates and updates a JSON array where an
    object is expected (with --allow-writes also an object whose required field has the wrong
    type). The answer must be 422 with `{"detail": [{"loc": [...], "msg": "...", "type":
    "..."}]}`; an invalid body that is accepted is reported too.

    Why: Polar's clients and SDKs read validation errors in one shape; a 400 with another
    body, or a 2xx that silently accepts garbage, breaks form error display and hides bugs.

    Bad:
        POST /v1/customers/  []
        -> 400 Bad Request   {"error": "invalid request"}

    Good:
        POST /v1/customers/  []
        -> 422 Unprocessable Content
           {"detail": [{"loc": ["body"], "type": "model_attributes_type",
                        "msg": "Input should be a valid dictionary or object to ..."}]}
    """
    return iter(())
