"""The API model: operations, their kinds, and the resources they belong to.

Built in one pass over `paths`. Kinds come from structure only (method, the path's shape,
the body and the responses), never from `operationId` or `summary` text.

Path shapes. After the version prefix, each static segment gets a role:

- collection: followed by a path parameter (`/products/{id}`), or answering a list
  (`GET` gives `items` or an array) or a create (`POST` answers 201);
- key: a static segment right under a collection and followed by a parameter, an
  alternate key (`/customers/external/{external_id}`, `/checkouts/client/{client_secret}`);
- singleton: a segment with no parameter after it whose `GET` answers one JSON object
  (`/customers/{id}/state`, `/customers/me`);
- namespace: a segment that groups other paths (`customer-portal`, `oauth2`, `webhooks`);
- action: anything else that is operated on (`/orders/{id}/finalize`, `/license-keys/validate`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from checker.guideline import SUBJECTS_EXTENSION
from checker.model import lexicon
from checker.model.schemas import SchemaDict, Schemas, schema_object, section
from checker.pointers import SCHEMAS, join

if TYPE_CHECKING:
    from checker.validate import SpecError

Kind = Literal["list", "read", "create", "update", "delete", "action", "other"]
Role = Literal[
    "collection", "item", "key", "singleton", "namespace", "action", "qualifier", "version"
]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_VERSION = re.compile(r"^v\d+(?:\.\d+)?$")


def is_json(media_type: str) -> bool:
    base = media_type.split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


@dataclass
class Parameter:
    name: str
    location: str  # query, path, header, cookie
    required: bool
    schema: SchemaDict
    pointer: str
    raw: Mapping[str, Any]


@dataclass
class Body:
    pointer: str
    required: bool
    content: dict[str, SchemaDict]  # media type -> schema (as written)

    @property
    def json_schema(self) -> SchemaDict | None:
        return next((s for m, s in self.content.items() if is_json(m)), None)


@dataclass
class Response:
    status: str
    pointer: str
    content: dict[str, SchemaDict]  # media type -> schema (as written; may be {})

    @property
    def json_schema(self) -> SchemaDict | None:
        return next((s for m, s in self.content.items() if is_json(m)), None)

    @property
    def has_json(self) -> bool:
        return any(is_json(m) for m in self.content)


@dataclass
class Segment:
    text: str  # as written, e.g. "products" or "{id}"
    role: Role

    @property
    def is_param(self) -> bool:
        return self.text.startswith("{")


@dataclass
class Operation:
    path: str
    method: str
    pointer: str  # /paths/<path>/<method>
    raw: Mapping[str, Any]
    segments: list[Segment]
    parameters: list[Parameter]
    body: Body | None
    responses: dict[str, Response]
    kind: Kind = "other"
    resource: Resource | None = None
    # Effective security: the operation's `security`, else the document's global one; None
    # when neither states any. `[]` is an explicit "no authentication" (public).
    security: list[Mapping[str, Any]] | None = None
    security_pointer: str | None = None  # where that is written (`<op>/security` or `/security`)

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    def as_json(self) -> dict[str, Any]:
        """The operation as JSON reports name it (the design's `operations[]` contract)."""
        return {
            "path": self.path,
            "method": self.method,
            "kind": self.kind,
            "resource": self.resource.name if self.resource else None,
            "pointer": self.pointer,
        }

    @property
    def tunnels(self) -> str | None:
        """The standard method a POST stands in for when its path says so (`POST /volumes/get`,
        `POST /credentials/{id}/delete`, `POST /create_x`); None for any other operation."""
        last = self.segments[-1] if self.segments else None
        if self.method != "post" or last is None or last.is_param:
            return None
        if last.role not in ("action", "qualifier", "collection", "singleton"):
            return None
        method = lexicon.tunnelled_method(last.text)
        if method not in (None, "POST") and "201" in self.responses:
            return None  # it creates something: `POST /runners/remove-token` makes a token
        return method

    def parameter(self, name: str, location: str = "query") -> Parameter | None:
        return next((p for p in self.parameters if p.name == name and p.location == location), None)

    @property
    def query(self) -> list[Parameter]:
        return [p for p in self.parameters if p.location == "query"]

    @property
    def success(self) -> dict[str, Response]:
        return {s: r for s, r in self.responses.items() if s.startswith("2")}

    def subjects(self, extension: str = SUBJECTS_EXTENSION) -> list[str] | None:
        """Who may call the operation as it states in an extension (Polar's
        `x-polar-allowed-subjects`, e.g. `["Organization", "User"]`); None when it states none."""
        found = self.raw.get(extension)
        return [str(s) for s in found] if isinstance(found, list) else None


@dataclass
class Resource:
    """A collection and its items, e.g. `customers/{id}/members` or `customer-portal/orders`."""

    name: str
    segment: str
    collection_path: str | None = None
    item_paths: list[str] = field(default_factory=list)
    namespace: tuple[str, ...] = ()
    parent: Resource | None = None
    operations: list[Operation] = field(default_factory=list)

    def ops(self, kind: Kind) -> list[Operation]:
        return [o for o in self.operations if o.kind == kind]

    @property
    def read(self) -> Operation | None:
        """The get-by-id of the resource (its main item path first)."""
        reads = [o for o in self.ops("read") if o.segments and o.segments[-1].role == "item"]
        reads.sort(key=lambda o: (o.segments[-2].role != "collection", len(o.path)))
        return reads[0] if reads else None


@dataclass(frozen=True)
class Component:
    """A schema of `#/components/schemas`: what schema-level rules judge."""

    name: str
    pointer: str
    schema: SchemaDict


IGNORE_KEY = "x-restcheck-ignore"


@dataclass
class InlineIgnore:
    """An `x-restcheck-ignore` on the root, a path item, an operation or a component schema.

    Its value is a list of rule ids (or areas), a mapping `{rule: reason}`, or one id."""

    pointer: str  # the node carrying the extension ("" for the root)
    rules: dict[str, str]  # rule id or area -> reason ("" when none is given)
    malformed: str | None = None  # what is wrong with the value's shape, when something is

    @property
    def key_pointer(self) -> str:
        """Where the extension itself is written."""
        return join(self.pointer, IGNORE_KEY)


@dataclass
class Api:
    document: Mapping[str, Any]
    schemas: Schemas
    version: str  # the `openapi` field
    operations: list[Operation]
    resources: dict[str, Resource]

    @cached_property
    def spec_errors(self) -> list[SpecError]:
        """Validation errors as OpenAPI 3.0/3.1, computed when first asked for (or collected
        from the background validation `validate_in_background` started)."""
        from checker.validate import validate

        pending = self.__dict__.pop("_pending_validation", None)
        return pending() if pending is not None else validate(self.document)

    def validate_in_background(self) -> None:
        """Start validating on a second core while the rules run (checker.validate.background)."""
        from checker.validate import background, validate

        if "spec_errors" not in self.__dict__ and "_pending_validation" not in self.__dict__:
            self.__dict__["_pending_validation"] = background.start(validate, self.document)

    @property
    def is_31(self) -> bool:
        return self.version.startswith("3.1")

    @cached_property
    def not_fastapi(self) -> list[str]:
        """Why the document does not look like a FastAPI export (empty when it does): FastAPI
        always writes its `HTTPValidationError` component once an operation takes parameters
        or a body, and never form bodies for JSON APIs' writes."""
        takes_input = [op for op in self.operations if op.parameters or op.body is not None]
        if not takes_input:
            return []
        signs = []
        if "HTTPValidationError" not in section(self.document, "components", "schemas"):
            signs.append(
                f"no HTTPValidationError schema although {len(takes_input)} operations take input"
            )
        form = [
            op
            for op in self.operations
            if op.body is not None
            and any(m.startswith("application/x-www-form-urlencoded") for m in op.body.content)
            and not any(is_json(m) for m in op.body.content)
        ]
        writes = [op for op in self.operations if op.body is not None]
        if writes and len(form) * 2 > len(writes):
            signs.append(f"{len(form)} of {len(writes)} request bodies are forms, not JSON")
        return signs

    @cached_property
    def ignores(self) -> dict[str, InlineIgnore]:
        """Every `x-restcheck-ignore`, by the pointer of the node carrying it."""
        return inline_ignores(self.document, self.schemas)

    @property
    def security_schemes(self) -> dict[str, SchemaDict]:
        """`components.securitySchemes` by name ($refs resolved); empty when none is declared."""
        found = section(self.document, "components", "securitySchemes")
        return {str(name): self.schemas.deref(scheme) for name, scheme in found.items()}

    @cached_property
    def schema_uses(self) -> dict[str, frozenset[str]]:
        """How each component schema is reached: "input" (from the request bodies and parameters
        of operations) and "output" (from their responses, and from `webhooks` payloads, which
        the API sends). Schemas reached from neither are absent."""
        uses: dict[str, set[str]] = {}
        roots: list[tuple[str, Any]] = []
        for op in self.operations:
            roots.extend(("input", p.schema) for p in op.parameters)
            if op.body is not None:
                roots.extend(("input", s) for s in op.body.content.values())
            for response in op.responses.values():
                roots.extend(("output", s) for s in response.content.values())
        roots.append(("output", self.document.get("webhooks")))
        for use in ("input", "output"):
            for name in self.schemas.referenced([r for u, r in roots if u == use]):
                uses.setdefault(name, set()).add(use)
        return {name: frozenset(found) for name, found in uses.items()}

    @property
    def twins(self) -> dict[str, str]:
        """FastAPI's `X-Input` -> `X-Output` pairs (see Schemas.twins)."""
        return self.schemas.twins

    def model_of(self, name: str) -> str:
        return self.schemas.model_of(name)

    @cached_property
    def components(self) -> list[Component]:
        """Every #/components/schemas entry that is a schema object, in document order."""
        found = section(self.document, "components", "schemas")
        return [
            Component(str(name), join(SCHEMAS, name), schema)
            for name, schema in found.items()
            if isinstance(schema, Mapping)
        ]


# -- inline ignores -----------------------------------------------------------------------------


def _inline_ignore(node: Any, pointer: str) -> InlineIgnore | None:
    if not isinstance(node, Mapping) or IGNORE_KEY not in node:
        return None
    value = node[IGNORE_KEY]
    if isinstance(value, str):
        return InlineIgnore(pointer, {value: ""})
    if isinstance(value, Mapping):
        return InlineIgnore(
            pointer, {str(k): v if isinstance(v, str) else "" for k, v in value.items()}
        )
    if isinstance(value, list):
        names = {v: "" for v in value if isinstance(v, str)}
        strings = all(isinstance(v, str) for v in value)
        return InlineIgnore(pointer, names, None if strings else "entries must be rule ids")
    return InlineIgnore(pointer, {}, "expected a list of rule ids or a mapping {rule: reason}")


def inline_ignores(document: Mapping[str, Any], schemas: Schemas) -> dict[str, InlineIgnore]:
    """One walk over the root, path items, operations and components.schemas."""
    found: dict[str, InlineIgnore] = {}

    def note(node: Any, pointer: str) -> None:
        mark = _inline_ignore(node, pointer)
        if mark is not None:
            found[pointer] = mark

    note(document, "")
    paths = document.get("paths")
    for path, item in paths.items() if isinstance(paths, Mapping) else ():
        if not isinstance(item, Mapping):
            continue
        pointer = join("/paths", path)
        note(schemas.deref(item) if "$ref" in item and IGNORE_KEY not in item else item, pointer)
        item = schemas.deref(item) if "$ref" in item else item
        for method in METHODS:
            note(item.get(method), join(pointer, method))
    components = document.get("components")
    found_schemas = components.get("schemas") if isinstance(components, Mapping) else None
    for name, schema in found_schemas.items() if isinstance(found_schemas, Mapping) else ():
        note(schema, join("/components/schemas", name))
    return found


# -- building -----------------------------------------------------------------------------------


def split_path(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def version_prefix_length(parts: list[str]) -> int:
    """How many leading segments form the version prefix (`v1`, `api/v2`), else 0."""
    for index, part in enumerate(parts[:2]):
        if _VERSION.match(part):
            return index + 1
    return 0


class _Node:
    """A node of the path tree; parameters of any name share one `{}` child."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.children: dict[str, _Node] = {}
        self.operations: list[Operation] = []
        self.role: Role = "namespace"

    def child(self, text: str) -> _Node:
        key = "{}" if text.startswith("{") else text
        node = self.children.get(key)
        if node is None:
            node = self.children[key] = _Node(text)
        return node

    @property
    def param_child(self) -> _Node | None:
        return self.children.get("{}")


def build(document: Mapping[str, Any]) -> Api:
    schemas = Schemas(document)
    operations = list(_operations(document, schemas))
    root = _Node("")
    nodes: dict[int, list[_Node]] = {}
    for op in operations:
        parts = split_path(op.path)
        node = root
        chain: list[_Node] = []
        for part in parts:
            node = node.child(part)
            chain.append(node)
        node.operations.append(op)
        nodes[id(op)] = chain
    _assign_roles(root, "namespace", schemas, depth=0)
    resources: dict[str, Resource] = {}
    for op in operations:
        chain = nodes[id(op)]
        op.segments = [
            Segment(n.text if not n.text.startswith("{") else p, n.role)
            for n, p in zip(chain, split_path(op.path), strict=True)
        ]
        op.kind = _kind(op, schemas)
        op.resource = _resource_of(op, resources)
        if op.resource is not None:
            op.resource.operations.append(op)
    return Api(
        document=document,
        schemas=schemas,
        version=str(document.get("openapi", "")),
        operations=operations,
        resources=resources,
    )


def _operations(document: Mapping[str, Any], schemas: Schemas) -> Iterator[Operation]:
    paths = document.get("paths")
    if not isinstance(paths, Mapping):
        return
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            continue
        item_pointer = join("/paths", path)
        item = schemas.deref(item) if "$ref" in item else item
        shared = _parameters(item.get("parameters"), item_pointer, schemas)
        for method in METHODS:
            raw = item.get(method)
            if not isinstance(raw, Mapping):
                continue
            pointer = join(item_pointer, method)
            own = _parameters(raw.get("parameters"), pointer, schemas)
            merged = {(p.name, p.location): p for p in shared}
            merged.update({(p.name, p.location): p for p in own})
            yield Operation(
                path=str(path),
                method=method,
                pointer=pointer,
                raw=raw,
                segments=[],
                parameters=list(merged.values()),
                body=_body(raw.get("requestBody"), pointer, schemas),
                responses=_responses(raw.get("responses"), pointer, schemas),
                **_security(raw, pointer, document),
            )


def _security(raw: Mapping[str, Any], pointer: str, document: Mapping[str, Any]) -> dict[str, Any]:
    """The operation's effective security requirements and where they are written."""
    for node, where in ((raw, join(pointer, "security")), (document, "/security")):
        found = node.get("security")
        if isinstance(found, list):
            requirements = [r for r in found if isinstance(r, Mapping)]
            return {"security": requirements, "security_pointer": where}
    return {}


def _parameters(raw: Any, pointer: str, schemas: Schemas) -> list[Parameter]:
    if not isinstance(raw, list):
        return []
    found = []
    for index, entry in enumerate(raw):
        param = schemas.deref(entry)
        name, location = param.get("name"), param.get("in")
        if not isinstance(name, str) or not isinstance(location, str):
            continue
        schema = param.get("schema")
        if schema is None:
            content = param.get("content")
            first: Any = next(iter(content.values()), {}) if isinstance(content, Mapping) else {}
            schema = first.get("schema", {}) if isinstance(first, Mapping) else {}
        schema = schema_object(schema)
        found.append(
            Parameter(
                name=name,
                location=location,
                required=bool(param.get("required")) or location == "path",
                schema=schema,
                pointer=join(pointer, "parameters", index),
                raw=param,
            )
        )
    return found


def _content(raw: Any) -> dict[str, SchemaDict]:
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(media): schema_object(entry.get("schema", {}) if isinstance(entry, Mapping) else {})
        for media, entry in raw.items()
    }


def _body(raw: Any, pointer: str, schemas: Schemas) -> Body | None:
    body = schemas.deref(raw)
    if not body:
        return None
    return Body(
        join(pointer, "requestBody"), bool(body.get("required")), _content(body.get("content"))
    )


def _responses(raw: Any, pointer: str, schemas: Schemas) -> dict[str, Response]:
    if not isinstance(raw, Mapping):
        return {}
    found = {}
    for status, entry in raw.items():
        response = schemas.deref(entry)
        found[str(status)] = Response(
            str(status), join(pointer, "responses", status), _content(response.get("content"))
        )
    return found


# -- roles and kinds ----------------------------------------------------------------------------


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


def _own(node: _Node, method: str) -> list[Operation]:
    return [o for o in node.operations if o.method == method]


def _assign_roles(node: _Node, parent: Role, schemas: Schemas, depth: int) -> None:
    for key, child in node.children.items():
        if key == "{}":
            # After a qualifier (`/automations/related-to/{id}`) the parameter qualifies too.
            child.role = (
                "item"
                if parent in ("collection", "key")
                else "qualifier"
                if parent == "qualifier"
                else "action"
            )
        elif depth < 2 and parent == "namespace" and _VERSION.match(key) and not child.operations:
            child.role = "version"
        else:
            child.role = _static_role(child, node, parent, schemas)
        _assign_roles(child, child.role, schemas, depth + 1)


def _static_role(node: _Node, parent_node: _Node, parent: Role, schemas: Schemas) -> Role:
    role = _shape_role(node, parent, schemas)
    if role not in ("collection", "key"):
        return role
    # Before a segment is called a collection: is it a name at all? A verb (`attach`,
    # `rotate`) is an action; a phrase (`count-by`), an adjective (`active`), a way to list
    # (`page`), or a list of the same items as its parent's, is a qualifier of what is above.
    lists = any(lists_items(o, schemas) for o in _own(node, "get"))
    sense = lexicon.sense(node.text)
    if sense is None and node.param_child is None and parent == "collection" and lists:
        listing = node.text.lower() in lexicon.LISTING_WORDS
        sense = "qualifier" if listing or _same_items(node, parent_node, schemas) else None
    if sense is None:
        return role
    return "qualifier" if lists or sense == "qualifier" else "action"


def _same_items(node: _Node, parent: _Node, schemas: Schemas) -> bool:
    """Whether a node's GET lists the same items as its parent's (`/jobs/running`)."""
    mine, theirs = _listed(node, schemas), _listed(parent, schemas)
    return any(schemas.same(a, b) for a in mine for b in theirs)


def _listed(node: _Node, schemas: Schemas) -> list[Any]:
    found: list[Any] = []
    for op in _own(node, "get"):
        response = op.responses.get("200")
        schema = response.json_schema if response else None
        if schema is not None:
            found.extend(schemas.page_items(schema))
    return found


def _shape_role(node: _Node, parent: Role, schemas: Schemas) -> Role:
    gets, posts = _own(node, "get"), _own(node, "post")
    lists = any(lists_items(o, schemas) for o in gets)
    creates_201 = any("201" in o.responses for o in posts)
    trailing_slash = any(o.path.endswith("/") for o in node.operations)
    if node.param_child is not None:
        # Under a collection, a static segment before a parameter is an alternate key.
        return "key" if parent == "collection" and not lists else "collection"
    if lists:
        return "collection"
    if creates_201 and parent != "collection":
        return "collection"
    if trailing_slash:
        # `/v1/metrics/`: written as a collection root, but not a list: a namespace of its own.
        return "namespace"
    if any(_answers_object(o, schemas) for o in gets):
        return "singleton"
    if node.children and not node.operations:
        return "namespace"
    if node.children:
        return "namespace" if parent not in ("item", "singleton") else "singleton"
    if parent == "item" and _writes_noun(node):
        return "singleton"  # `PUT /jobs/{id}/status` with a body sets the job's status
    return "action"


def _writes_noun(node: _Node) -> bool:
    """Whether a PUT or PATCH with a JSON body writes the segment, one noun (`status`,
    `labels`), not a verb (`cancel`), a compound or a word the lexicon does not know."""
    writes = [
        o
        for o in node.operations
        if o.method in ("put", "patch") and o.body is not None and o.body.json_schema is not None
    ]
    words = lexicon.words(node.text)  # one word: `reset-messages`, `dry_run` are steps
    return bool(writes) and len(words) == 1 and "noun" in lexicon.parts_of_speech(words[0])


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


def _service_endpoint(op: Operation) -> bool:
    versions = [i for i, s in enumerate(op.segments) if s.role == "version"]
    static = op.segments[versions[-1] + 1 :] if versions else op.segments  # after `/api/v2`
    last = static[-1].text.lower() if static else ""
    if op.method == "get" and last in AUTH_FLOW:
        return True
    return last in SERVICE_ENDPOINTS and len(static) <= 2 and not any(s.is_param for s in static)


def _kind(op: Operation, schemas: Schemas) -> Kind:
    if not op.segments or _service_endpoint(op):
        return "other"
    role = op.segments[-1].role
    method = op.method
    # A GET of a named sub-resource that answers a file (`/datasets/{id}/csv`: content, none
    # of it JSON) reads no resource: it is `other`. The GET of an item itself stays a read
    # whatever it answers (read-status reports a CSV or a 204 there).
    answers_json = any(r.has_json for r in op.success.values())
    answers_file = not answers_json and any(r.content for r in op.success.values())
    if role == "item":
        return {"get": "read", "patch": "update", "put": "update", "delete": "delete"}.get(
            method, "action" if method == "post" else "other"
        )  # type: ignore[return-value]
    if role == "collection":
        if method == "get":
            return "list" if answers_json else "other"
        return "create" if method == "post" else "other"
    if role == "singleton":
        if method == "get":
            return "other" if answers_file else "read"
        if method in ("patch", "put"):
            return "update" if op.body is not None else "action"
        if method == "delete":
            return "delete"
        return "action" if method == "post" else "other"
    if role == "qualifier" and method == "get":
        return "list" if answers_json and lists_items(op, schemas) else "other"
    if role in ("action", "key", "qualifier"):
        return "action" if method in ("post", "patch", "put", "delete") else "other"
    return "other"


def _resource_of(op: Operation, resources: dict[str, Resource]) -> Resource | None:
    """The innermost collection the operation belongs to (its singletons and actions included).

    Names join the path's collections, items (as `{id}`), namespaces and singletons:
    `customers/{id}/members`, `customer-portal/orders`. Alternate keys address the items of
    their collection, so `/customers/external/{external_id}/members` is `customers/{id}/members`.
    """
    parts: list[str] = []
    namespace: list[str] = []
    current: Resource | None = None
    last = len(op.segments) - 1
    for index, segment in enumerate(op.segments):
        role = segment.role
        after = op.segments[index - 1].role if index else "namespace"
        if role == "qualifier" and not segment.is_param and after not in ("collection", role):
            # `/users/{id}/starred` lists other things than users: a resource of its own
            # (`/jobs/active` qualifies the jobs: theirs).
            role = "collection"
        if role == "collection":
            parts.append(segment.text)
            name = "/".join(parts)
            resource = resources.get(name)
            if resource is None:
                resource = resources[name] = Resource(
                    name=name, segment=segment.text, namespace=tuple(namespace), parent=current
                )
            current = resource
            if index == last and resource.collection_path is None:
                resource.collection_path = op.path
        elif role == "item":
            parts.append("{id}")
            if index == last and current is not None and op.path not in current.item_paths:
                current.item_paths.append(op.path)
        elif role in ("namespace", "singleton"):
            parts.append(segment.text)
            if current is None:
                namespace.append(segment.text)
    return current
