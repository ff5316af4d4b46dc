"""Segment roles and operation kinds, each with the signal that decided it.

All paths are laid into one tree (parameters of any name share a `{}` node). After the
version prefix (`v1`, `api/v2`), each static segment gets a role from its node:

- collection: followed by a path parameter (`/products/{id}`), or answering a list (`GET`
  gives an array, `items`, or one array among paging fields) or a create (`POST` answers 201);
- key: a static segment right under a collection and followed by a parameter, an alternate
  key (`/customers/external/{external_id}`, `/checkouts/client/{client_secret}`);
- singleton: a segment with no parameter after it whose `GET` answers one JSON object
  (`/customers/{id}/state`, `/customers/me`), or one noun written with a body under an item;
- namespace: a segment that groups other paths (`customer-portal`, `oauth2`, `webhooks`);
- qualifier: a view of the collection above (`/jobs/active`, `/solvers/page`, `count-by`);
- action: anything else that is operated on (`/orders/{id}/finalize`, `/archives/attach`).

A verb or qualifier is recognised before a segment is called a collection (see lexicon.py).
Configuration can pin a segment's role (`[model] roles`): by segment name, or by a path glob
whose last segment is the one pinned.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import Any

from checker.model import lexicon
from checker.model.parts import Kind, Operation, Role, is_json
from checker.model.schemas import Schemas, paging_field

# Roles configuration may pin a static segment to (items and versions follow from them).
PINNABLE = ("collection", "key", "singleton", "namespace", "action", "qualifier")

VERSION = re.compile(r"^v\d+(?:\.\d+)?$")


class Node:
    """A node of the path tree; parameters of any name share one `{}` child."""

    def __init__(self, text: str, path: str = "") -> None:
        self.text = text
        self.path = path  # the path up to this node, as first written (`/v1/jobs/{id}`)
        self.children: dict[str, Node] = {}
        self.operations: list[Operation] = []
        self.role: Role = "namespace"
        self.why = ""
        self._lists: bool | None = None

    def child(self, text: str) -> Node:
        key = "{}" if text.startswith("{") else text
        node = self.children.get(key)
        if node is None:
            node = self.children[key] = Node(text, f"{self.path}/{text}")
        return node

    @property
    def param_child(self) -> Node | None:
        return self.children.get("{}")

    def lists(self, schemas: Schemas) -> bool:
        """Whether a GET of this node answers a list (asked twice per node: kept)."""
        if self._lists is None:
            self._lists = any(lists_items(o, schemas) for o in _own(self, "get"))
        return self._lists


# -- roles --------------------------------------------------------------------------------------


def lists_items(op: Operation, schemas: Schemas) -> bool:
    """Whether a GET answers a list: an array, an object with an `items` array, or an object
    wrapping one array among paging fields (`Schemas.list_array`)."""
    response = op.responses.get("200")
    schema = response.json_schema if response else None
    if schema is None:
        return False
    return any(schemas.list_array(variant) is not None for variant in schemas.variants(schema))


def _answers_object(op: Operation, schemas: Schemas) -> bool:
    response = op.responses.get("200")
    schema = response.json_schema if response else None
    return schema is not None and not lists_items(op, schemas)


def _own(node: Node, method: str) -> list[Operation]:
    return [o for o in node.operations if o.method == method]


def assign_roles(
    node: Node, parent: Role, schemas: Schemas, pins: Mapping[str, str], depth: int = 0
) -> None:
    """Give every node under `node` its role and the reason (`Node.why`)."""
    for key, child in node.children.items():
        if key == "{}":
            child.role, child.why = _param_role(parent)
        elif depth < 2 and parent == "namespace" and VERSION.match(key) and not child.operations:
            child.role, child.why = "version", "a version segment at the start of the path"
        else:
            child.role, child.why = _static_role(child, node, parent, schemas)
        pinned = _pinned(child, pins)
        if pinned is not None and not child.text.startswith("{"):
            child.role, child.why = pinned
        assign_roles(child, child.role, schemas, pins, depth + 1)


def _a(word: str) -> str:
    return f"{'an' if word[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {word}"


def _param_role(parent: Role) -> tuple[Role, str]:
    if parent in ("collection", "key"):
        return "item", f"the parameter after {_a(parent)}: one of its items"
    if parent == "item":
        return "item", "a second parameter after an item: its key has two parts"
    if parent == "qualifier":
        return "qualifier", "the parameter of a qualifier (`/related-to/{id}`)"
    return "action", f"a parameter after {_a(parent)}, not after a collection"


def _pinned(node: Node, pins: Mapping[str, str]) -> tuple[Role, str] | None:
    """The role configuration pins the node to: by its path (a glob), else by its name."""
    for pattern, role in pins.items():
        if pattern.startswith("/") and fnmatchcase(_anonymous(node.path), _anonymous(pattern)):
            return role, f"pinned by the configuration ([model] roles: {pattern!r})"  # type: ignore[return-value]
    named = pins.get(node.text)
    if named is not None:
        return named, f"pinned by the configuration ([model] roles: {node.text!r})"  # type: ignore[return-value]
    return None


def _anonymous(path: str) -> str:
    """Parameters without their names: `/jobs/{job_id}` and `/jobs/{id}` are one path."""
    return re.sub(r"\{[^}/]*\}", "{}", path)


def _static_role(node: Node, parent_node: Node, parent: Role, schemas: Schemas) -> tuple[Role, str]:
    name, colon, method = node.text.partition(":")
    if colon and name and method:
        # `/drive_cycles:names`, `/concepts:copy`: a custom method (AIP-136) on `drive_cycles`.
        said = f"'{node.text}' is a custom method ('{method}') on '{name}', not a collection"
        return (
            ("qualifier", f"{said}; its GET answers a list")
            if node.lists(schemas)
            else (
                "action",
                said,
            )
        )
    role, why = _shape_role(node, parent, schemas)
    custom = f"{node.text}:"
    if (
        role == "action"
        and lexicon.is_plural(node.text)
        and any(text.startswith(custom) for text in parent_node.children)
    ):
        # `/jobs` beside `/jobs:start`: custom methods (AIP-136) are on a collection.
        return "collection", f"custom methods ('{custom}...') are on it: a collection"
    if role == "action" and parent == "item" and _creates_under(node, parent_node, schemas):
        return "collection", (
            "a plural noun under an item, whose POST with a body answers another object than "
            "the item: a create of one of them"
        )
    if role not in ("collection", "key"):
        return role, why
    under_verb = _verb_above(parent_node)
    if under_verb and not node.lists(schemas) and not lexicon.is_plural(node.text):
        # `/artifacts/ingest/async`: a way to do what the verb above says, not a collection.
        return "action", f"under the verb '{under_verb}': a way to do it, not a collection ({why})"
    if (node.param_child is not None or parent in ("item", "qualifier", "action")) and (
        lexicon.verb_too(node.text) and not _read_below(node)
    ):
        # `PUT /models/convert/{key}`, `POST /install/{id}/pause` (under an item, or a verb's
        # or qualifier's parameter): a word that is a verb as well as a noun, and nothing
        # under it is ever read: the verb.
        return "action", (
            f"'{node.text}' is a verb too, and nothing under it is read: an action ({why})"
        )
    # Before a segment is called a collection: is it a name at all? A verb (`attach`,
    # `rotate`) is an action; a phrase (`count-by`), an adjective (`active`), a way to list
    # (`page`), or a list of the same items as its parent's, is a qualifier of what is above.
    lists = node.lists(schemas)
    sense = lexicon.sense(node.text)
    if sense == "qualifier" and node.param_child is not None and not lexicon.phrase(node.text):
        # An adjective with items (`/role_assignments/global/{id}`, `/customers/external/{id}`)
        # stands for a noun: its shape decides.
        sense = None
    said = f"'{node.text}' is {lexicon.why(node.text)}" if sense else ""
    leaf = node.param_child is None and not node.children and not lists
    if sense is None and leaf and lexicon.verb_with_object(node.text):
        # `POST /utils/test-celery`, `POST /queue/{id}/enqueue_batch`: one call, named by
        # a verb and its object; nothing under it and no list: no collection.
        sense, said = "verb", f"'{node.text}' is a verb with its object (an RPC name)"
    if sense is None and node.param_child is None and lists:
        if node.text.lower() in lexicon.LISTING_WORDS:
            sense, said = "qualifier", f"'{node.text}' names a way to list what is above"
        elif parent == "collection" and _same_items(node, parent_node, schemas):
            sense, said = "qualifier", "its GET lists the same items as the collection above"
    if sense is None:
        return role, why
    if lists or sense == "qualifier":
        return "qualifier", f"{said}: a view of what is above, not a collection ({why})"
    return "action", f"{said}: an action, not a collection ({why})"


# First words of RPC names that are also nouns (`set_members`, `add_items`).
RPC_VERBS = frozenset({"set", "add", "reset", "bulk", "batch"})


def _creates_under(node: Node, parent: Node, schemas: Schemas) -> bool:
    """`POST /workspaces/{id}/secrets` with a body answering a secret creates one; Polar's
    `POST /products/{id}/benefits` answers the product: an action on it."""
    if node.children or not lexicon.is_plural(node.text) or lexicon.sense(node.text):
        return False
    if lexicon.verb_phrase(node.text) or lexicon.words(node.text)[0] in RPC_VERBS:
        return False  # `set_members`: an RPC name
    reads = [o.responses["200"].json_schema for o in _own(parent, "get") if "200" in o.responses]
    for op in _own(node, "post"):
        answer = next((r.json_schema for s, r in op.success.items() if r.json_schema), None)
        if op.body is None or op.body.json_schema is None or not answer:
            continue
        if schemas.list_array(answer) is None and not any(
            read is not None and schemas.same(answer, read) for read in reads
        ):
            return True
    return False


def _verb_above(node: Node) -> str | None:
    """The verb a namespace or action above is named by (`ingest` in `/ingest/async`)."""
    named = node.role in ("namespace", "action") and node.text and not node.text.startswith("{")
    verb = lexicon.sense(node.text) == "verb" or lexicon.tunnelled_method(node.text)
    return node.text if named and verb else None


def _read_below(node: Node) -> bool:
    """Whether anything at or under the node is read with GET (a collection's items are)."""
    return any(o.method == "get" for o in node.operations) or any(
        _read_below(child) for child in node.children.values()
    )


def _same_items(node: Node, parent: Node, schemas: Schemas) -> bool:
    """Whether a node's GET lists the same items as its parent's (`/jobs/running`)."""
    mine, theirs = _listed(node, schemas), _listed(parent, schemas)
    return any(schemas.same(a, b) for a in mine for b in theirs)


def _listed(node: Node, schemas: Schemas) -> list[Any]:
    found: list[Any] = []
    for op in _own(node, "get"):
        response = op.responses.get("200")
        schema = response.json_schema if response else None
        if schema is not None:
            found.extend(schemas.page_items(schema))
    return found


def _shape_role(node: Node, parent: Role, schemas: Schemas) -> tuple[Role, str]:
    gets, posts = _own(node, "get"), _own(node, "post")
    lists = node.lists(schemas)
    creates_201 = any("201" in o.responses for o in posts)
    trailing_slash = any(o.path.endswith("/") for o in node.operations)
    if node.param_child is not None:
        # Under a collection, a static segment before a parameter is an alternate key.
        if parent == "collection" and not lists:
            return "key", "a parameter follows it, right under a collection: an alternate key"
        return "collection", "a path parameter follows it"
    if lists:
        return "collection", "its GET answers a list"
    if creates_201 and parent != "collection":
        return "collection", "its POST answers 201 Created"
    if trailing_slash and gets:
        # `/v1/metrics/`: written as a collection root, but not a list: a namespace of its own.
        return "namespace", "written with a trailing slash, but its GET answers no list"
    if any(_answers_object(o, schemas) for o in gets):
        return "singleton", "no parameter follows it and its GET answers one JSON object"
    if node.children and not node.operations:
        return "namespace", "it only groups other paths"
    if node.children:
        if parent not in ("item", "singleton"):
            return "namespace", "it groups other paths"
        return "singleton", f"it groups other paths under {_a(parent)}"
    if parent == "item" and _writes_noun(node):
        # `PUT /jobs/{id}/status` with a body sets the job's status.
        return "singleton", "a PUT or PATCH with a body writes it, a noun, under an item"
    return "action", "operated on, and neither a list, an object, nor followed by a parameter"


def _writes_noun(node: Node) -> bool:
    """Whether a PUT or PATCH with a JSON body writes the segment, one noun (`status`,
    `labels`), not a verb (`cancel`), a compound or a word the lexicon does not know."""
    writes = [
        o
        for o in node.operations
        if o.method in ("put", "patch") and o.body is not None and o.body.json_schema is not None
    ]
    words = lexicon.words(node.text)  # one word: `reset-messages`, `dry_run` are steps
    return bool(writes) and len(words) == 1 and "noun" in lexicon.parts_of_speech(words[0])


# -- kinds --------------------------------------------------------------------------------------

# Endpoints of the service, not of a resource: health and readiness probes, the version, the
# metrics scrape, the spec and its docs. At the root (or under one namespace, like
# `/monitor/health`) and without path parameters; `/runs/{id}/metrics` is a run's metrics.
SERVICE_ENDPOINTS = frozenset(
    {
        "health",
        "healthz",
        "healthcheck",
        "ready",
        "readyz",
        "readiness",
        "live",
        "alive",
        "livez",
        "liveness",
        "ping",
        "version",
        "metrics",
        "openapi.json",
        "openapi.yaml",
        "docs",
        "redoc",
    }
)
# Steps of a login flow a browser follows (answers are redirects or pages, not resources).
AUTH_FLOW = frozenset({"login", "logout", "callback", "authorize", "redirect"})


# A file of the site at the root (`/robots.txt`, `/sitemap.xml`, `/openapi-3.0.json`).
SITE_FILE = re.compile(r"^[\w.-]+\.(?:txt|xml|json|yaml|yml|ico|html?)$", re.IGNORECASE)


def service_endpoint(op: Operation) -> str | None:
    """Why the operation serves the service rather than a resource (a probe, the spec, a login
    step, a site file, the root), or None."""
    if not op.segments:
        return "the root path"
    if len(op.segments) == 1 and SITE_FILE.match(op.segments[0].text):
        return f"a file of the site ('{op.segments[0].text}'), not a resource"
    versions = [i for i, s in enumerate(op.segments) if s.role == "version"]
    static = op.segments[versions[-1] + 1 :] if versions else op.segments  # after `/api/v2`
    last = static[-1].text.lower() if static else ""
    if op.method == "get" and last in AUTH_FLOW:
        return f"a step of a login flow ('{last}')"
    if last in SERVICE_ENDPOINTS and len(static) <= 2 and not any(s.is_param for s in static):
        return f"an endpoint of the service, not of a resource ('{last}')"
    return None


BINARY = ("application/octet-stream", "application/zip", "application/pdf", "application/x-")
DOWNLOAD_WORDS = frozenset({"download", "downloads", "zip", "pdf", "csv", "export"})


def _binary(op: Operation) -> bool:
    """Whether its success answers are files (`application/zip`, `image/png`), not text.
    FastAPI also writes `application/json: {}` beside a file response's own type: ignored."""
    media = [
        m.lower()
        for r in op.success.values()
        for m, schema in r.content.items()
        if not (is_json(m) and _bare(schema) and len(r.content) > 1)
    ]
    return bool(media) and all(
        m.startswith(BINARY) or m.split("/")[0] in ("image", "audio", "video") for m in media
    )


def _bare(schema: object) -> bool:
    """Whether a schema says nothing of the value (`{}`, or only a title or description)."""
    return isinstance(schema, dict) and not set(schema) - {"title", "description"}


def _real_json(op: Operation) -> bool:
    """Whether a success answer is JSON with a schema (FastAPI's bare `{}` default is not)."""
    return any(r.json_schema is not None and not _bare(r.json_schema) for r in op.success.values())


WEBHOOK_WORDS = frozenset({"webhook", "webhooks"})


def _receives_webhook(op: Operation) -> bool:
    """`POST /billing/webhook`, `POST /webhooks/{source_id}`: a receiver of another service's
    events (no body of ours documented), not an operation on a resource."""
    if op.method != "post" or op.body is not None or not op.segments:
        return False
    last = op.segments[-1]
    named = [
        s for s in op.segments if not s.is_param and WEBHOOK_WORDS & set(lexicon.words(s.text))
    ]
    return bool(named) and (last.is_param or last is named[-1])


def _tunnelled_kind(op: Operation, role: Role, schemas: Schemas) -> tuple[Kind, str] | None:
    """The kind a POST has when its last segment names a standard method's verb
    (`POST /volumes/get` reads, `/fleets/create` creates, `/repos/delete` deletes)."""
    last = op.segments[-1]
    if op.method != "post" or last.is_param or role not in TUNNEL_ROLES:
        return None
    method = lexicon.tunnelled_method(last.text)
    if method is None or (method != "POST" and "201" in op.responses):
        return None
    said = f"POST on {_a(role)} named for a standard method ('{last.text}')"
    if method == "GET":
        # `POST /runs/list` lists runs (`{gpus: [...]}`, `{markers: [...], pricing}` too: the name
        # says list); `POST /backends/list_types` answering enum values reads a fixed vocabulary.
        named_list = lexicon.words(last.text)[0] == "list" and _carries_objects(op, schemas)
        listing = named_list or _post_lists(op, schemas)
        return ("list" if listing else "read"), said
    found: Kind = {"POST": "create", "PATCH": "update", "DELETE": "delete"}[method]  # type: ignore[assignment]
    return found, said


def _names_download(op: Operation) -> bool:
    """Whether the path says it downloads (`/download_file/{id}`, `/images/download/{name}`)."""
    return any(DOWNLOAD_WORDS & set(lexicon.words(s.text)) for s in op.segments if not s.is_param)


# Last words of a POST that searches (`POST /flows/filter`, `/runs/list`, `/users/search`), and
# body fields that filter (`POST /runs` with `{filters}`). Not `query`: `POST /rag/query` and
# `POST /aggregate/query` compute answers (retrieval hits, aggregates), they list no resources.
SEARCH_WORDS = frozenset({"filter", "search", "list", "find", "lookup", "get", "fetch"})
FILTER_FIELDS = frozenset({"filter", "filters", "where", "query", "search"})


def _post_lists(op: Operation, schemas: Schemas) -> bool:
    """Whether a POST searches: it answers a list of objects (an array, or a wrapped array) and
    its path ends in a search word (`POST /flows/filter`) or, on a collection, its body is a
    filter (`POST /runs` with `{filters}`). Not a bulk create (an array body), not a
    computation that answers an array (`POST /attributes/orthogonal`)."""
    body = op.body.json_schema if op.body is not None else None
    if body is not None and any(v.get("type") == "array" for v in schemas.variants(body)):
        return False
    said = lexicon.words(op.segments[-1].text.rpartition(":")[2])
    fields = set(schemas.properties(body)) if body is not None else set()
    role = op.segments[-1].role
    if not (said and said[-1] in SEARCH_WORDS) and not (
        role == "collection" and fields & FILTER_FIELDS
    ):
        return False
    return _answers_objects(op, schemas)


def _carries_objects(op: Operation, schemas: Schemas) -> bool:
    """Whether the 200 answers an array of objects, bare or as one of its fields."""
    response = op.responses.get("200")
    schema = response.json_schema if response else None
    if schema is None:
        return False
    for variant in schemas.variants(schema):
        fields = [variant, *schemas.properties(variant).values()]
        for field in fields:
            if schemas.is_array(field) and schemas.properties(schemas.items(field)):
                return True
    return False


def _answers_objects(op: Operation, schemas: Schemas) -> bool:
    """Whether the 200 answers a list of objects: an array, or an array wrapped among paging
    fields only (`array<{}>` or enum values list no resources)."""
    response = op.responses.get("200")
    schema = response.json_schema if response else None
    if schema is None:
        return False
    for variant in schemas.variants(schema):
        array = schemas.list_array(variant)
        props = schemas.properties(variant)
        # Only paging fields beside the array: an Order with `items` is one order.
        if array is None or not schemas.properties(schemas.items(array)):
            continue  # `array<{}>`: no objects listed (`get-or-create`'s pair)
        if all(paging_field(name) for name, field in props.items() if field is not array):
            return True
    return False


TUNNEL_ROLES = ("action", "qualifier", "collection", "singleton", "namespace")


def _pure_list(op: Operation, schemas: Schemas) -> bool:
    """Whether a GET answers only a paged list: one array among paging fields."""
    response = op.responses.get("200")
    schema = response.json_schema if response else None
    for variant in schemas.variants(schema) if schema is not None else []:
        array = schemas.list_array(variant)
        props = schemas.properties(variant)
        others = [n for n, f in props.items() if f is not array]
        # Paged (`{results, total_entries}`): a bare array from an item is a read's deviation.
        if array is not None and others and all(paging_field(n) for n in others):
            return True
    return False


def kind(op: Operation, schemas: Schemas) -> tuple[Kind, str]:
    """The operation's kind and why, from its method and its last segment's role."""
    service = service_endpoint(op)
    if service is not None:
        return "other", service
    if op.passthrough:
        return "other", "a pass-through path (a reverse proxy): it forwards every method"
    if _receives_webhook(op):
        return "other", "a receiver of another service's webhooks, not a resource"
    role = op.segments[-1].role
    method = op.method
    on = f"{method.upper()} on {_a(role)}"
    if method == "get" and not op.success and any(s.startswith("3") for s in op.responses):
        return "other", f"{on} that answers only a redirect (a login or download step)"
    # A GET of a named sub-resource that answers a file (`/datasets/{id}/csv`: content, none
    # of it JSON) reads no resource: it is `other`. The GET of an item itself stays a read
    # whatever it answers (read-status reports a CSV or a 204 there).
    answers_json = any(r.has_json for r in op.success.values())
    answers_file = not answers_json and any(r.content for r in op.success.values())
    found: Kind = "other"
    if method == "get" and (_binary(op) or (not _real_json(op) and _names_download(op))):
        return "other", f"{on} that answers a file download, not JSON"
    searchable = role in ("collection", "action", "qualifier")
    if method == "post" and searchable and _post_lists(op, schemas):
        return "list", f"{on} that answers a list of items: a search through POST"
    tunnelled = _tunnelled_kind(op, role, schemas)
    if tunnelled is not None:
        return tunnelled
    if method == "delete" and lexicon.tunnelled_method(op.segments[-1].text) == "DELETE":
        return "delete", f"{on} named for a delete ('{op.segments[-1].text}')"
    if role == "namespace" and method in ("post", "put", "patch", "delete"):
        # Operated on, though it groups other paths (`DELETE /app/invocation_cache`).
        return ("delete" if method == "delete" else "action"), f"{on} that is operated on"
    named_list = lexicon.words(op.segments[-1].text)[:1] == ["list"]  # `/list_vector_indices`
    if method == "get" and role in ("singleton", "action") and named_list and _real_json(op):
        return "list", f"{on} named for a list ('{op.segments[-1].text}')"
    if role == "item" and method == "get" and _pure_list(op, schemas):
        # `/document_chunks/{document_id}` answers a document's chunks, paged.
        return "list", f"{on} that answers only a list (an array among paging fields)"
    if role == "item":
        found = {"get": "read", "patch": "update", "put": "update", "delete": "delete"}.get(
            method, "action" if method == "post" else "other"
        )  # type: ignore[assignment]
    elif role == "collection":
        if method == "get" and not answers_json:
            return "other", f"{on} that answers no JSON (a file or a stream)"
        found = {"get": "list", "post": "create", "delete": "delete"}.get(method, "other")  # type: ignore[assignment]
    elif role == "singleton":
        if method == "get":
            if answers_file:
                return "other", f"{on} that answers a file, not JSON"
            found = "read"
        elif method in ("patch", "put"):
            if op.body is None:
                return "action", f"{on} without a body"
            found = "update"
        else:
            found = "delete" if method == "delete" else "action" if method == "post" else "other"
    elif role == "qualifier" and method == "get":
        found = "list" if answers_json and lists_items(op, schemas) else "other"
    elif role in ("action", "key", "qualifier"):
        found = "action" if method in ("post", "patch", "put", "delete") else "other"
    return found, on
