"""What the model is made of: operations with their parameters, body, responses and path
segments, and the resources they belong to. Plain data; `api.build` fills it in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from checker.guideline import SUBJECTS_EXTENSION
from checker.model import lexicon
from checker.model.schemas import SchemaDict

Kind = Literal["list", "read", "create", "update", "delete", "action", "other"]
Role = Literal[
    "collection", "item", "key", "singleton", "namespace", "action", "qualifier", "version"
]


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
    why: str = ""  # the signal that decided the role (`restcheck explain --path`)

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
    kind_reason: str = ""  # why it is that kind (`restcheck explain --path`)
    resource: Resource | None = None
    # Effective security: the operation's `security`, else the document's global one; None
    # when neither states any. `[]` is an explicit "no authentication" (public).
    security: list[Mapping[str, Any]] | None = None
    security_pointer: str | None = None  # where that is written (`<op>/security` or `/security`)
    # A pass-through path (a reverse proxy: every method on a `{path}` parameter): no resource.
    passthrough: bool = False
    # Why it serves the service, not a resource (a probe, the spec, a login step), or "".
    service: str = ""

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
        `POST /credentials/{id}/delete`, `POST /create_x`), or when it answers a list (`POST
        /flows/filter`: GET); None for any other operation."""
        last = self.segments[-1] if self.segments else None
        if self.method != "post" or last is None:
            return None
        if self.kind == "list":
            return "GET"  # `POST /flows/filter` answers the flows: a list through POST
        if last.is_param:
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
