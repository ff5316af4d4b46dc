"""The API model: operations, their kinds, and the resources they belong to.

Built in one pass over `paths`. Kinds come from structure only (method, the path's shape,
the body and the responses), never from `operationId` or `summary` text.

Segment roles and kinds, with the signal that decided each: roles.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from checker.model.parts import Body, Operation, Parameter, Resource, Response, Segment, is_json
from checker.model.roles import VERSION, Node, assign_roles, kind, service_endpoint
from checker.model.schemas import SchemaDict, Schemas, is_mapping, schema_object, section
from checker.pointers import SCHEMAS, join

if TYPE_CHECKING:
    from checker.validate import SpecError

# A path that takes every write method on a trailing parameter forwards them (a reverse proxy).
PASSTHROUGH = frozenset({"get", "post", "put", "patch", "delete"})
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


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
        from the validation `use_validation` was given)."""
        from checker.validate import validate

        pending = self.__dict__.pop("_pending_validation", None)
        return pending() if pending is not None else validate(self.document)

    def use_validation(self, pending: Callable[[], list[SpecError]]) -> None:
        """Take this document's validation from `pending` (the runner may have started it on
        a second core, checker.background) instead of validating when first asked."""
        if "spec_errors" not in self.__dict__:
            self.__dict__["_pending_validation"] = pending

    @cached_property
    def mount(self) -> str:
        """The path every `servers` URL shares (`https://api.openai.com/v1` gives `/v1`), where
        the paths are mounted; "" when there is none or the servers disagree."""
        servers = self.document.get("servers")
        found_urls = [s.get("url") for s in servers or [] if isinstance(s, Mapping)]
        urls = [u for u in found_urls if isinstance(u, str)]
        if not urls or len(urls) != len(found_urls):
            return ""
        mounts = {(urlsplit(u).path if "://" in u else u).rstrip("/") for u in urls}
        found = mounts.pop() if len(mounts) == 1 else ""
        return found if found.startswith("/") and "{" not in found else ""

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
            if is_mapping(schema)
        ]


# -- inline ignores -----------------------------------------------------------------------------


def _inline_ignore(node: Any, pointer: str) -> InlineIgnore | None:
    if not is_mapping(node) or IGNORE_KEY not in node:
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
        if not is_mapping(item):
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
        if VERSION.match(part):
            return index + 1
    return 0


def build(document: Mapping[str, Any], roles: Mapping[str, str] | None = None) -> Api:
    """The model of a document. `roles` pins segments' roles (configuration's `[model] roles`):
    segment name or path glob -> role."""
    schemas = Schemas(document)
    operations = list(_operations(document, schemas))
    root = Node("")
    nodes: dict[int, list[Node]] = {}
    for op in operations:
        parts = split_path(op.path)
        node = root
        chain: list[Node] = []
        for part in parts:
            node = node.child(part)
            chain.append(node)
        node.operations.append(op)
        nodes[id(op)] = chain
    assign_roles(root, "namespace", schemas, roles or {})
    methods: dict[str, set[str]] = {}
    for op in operations:
        methods.setdefault(op.path, set()).add(op.method)
    resources: dict[str, Resource] = {}
    for op in operations:
        chain = nodes[id(op)]
        op.segments = [
            Segment(n.text if not n.text.startswith("{") else p, n.role, n.why)
            for n, p in zip(chain, split_path(op.path), strict=True)
        ]
        last = op.segments[-1] if op.segments else None
        op.passthrough = bool(last and last.is_param) and methods[op.path] >= PASSTHROUGH
        op.service = service_endpoint(op) or ""
        op.kind, op.kind_reason = kind(op, schemas)
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
        if not is_mapping(item):
            continue
        item_pointer = join("/paths", path)
        item = schemas.deref(item) if "$ref" in item else item
        shared = _parameters(item.get("parameters"), item_pointer, schemas)
        for method in METHODS:
            raw = item.get(method)
            if not is_mapping(raw):
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
            requirements = [r for r in found if is_mapping(r)]
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
    if not is_mapping(raw):
        return {}
    return {
        str(media): schema_object(entry.get("schema", {}) if is_mapping(entry) else {})
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
    if not is_mapping(raw):
        return {}
    found = {}
    for status, entry in raw.items():
        response = schemas.deref(entry)
        found[str(status)] = Response(
            str(status), join(pointer, "responses", status), _content(response.get("content"))
        )
    return found


# -- resources ----------------------------------------------------------------------------------


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
