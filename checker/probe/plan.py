"""What to probe: the operations in scope, grouped by resource (parents first), and the
operations left out before any request is sent, with the reason."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from checker.model import Api, Kind, Operation, Resource, is_json

PROBED_KINDS: tuple[Kind, ...] = ("list", "read", "create", "update", "delete")


@dataclass
class Group:
    """A resource (or a lone operation such as a singleton), probed as one unit."""

    name: str
    resource: Resource | None
    operations: list[Operation] = field(default_factory=list)

    def ops(self, kind: Kind) -> list[Operation]:
        return [o for o in self.operations if o.kind == kind]


@dataclass
class Plan:
    groups: list[Group]
    skipped: list[tuple[Operation, str]]


def _depth(resource: Resource | None) -> int:
    depth = 0
    while resource is not None and resource.parent is not None:
        depth, resource = depth + 1, resource.parent
    return depth


def static_skip(op: Operation, headers: Collection[str] = ()) -> str | None:
    """Why an operation is never probed, whatever the server answers; None when it may be.

    `headers`: the names given with --header (they fill required header parameters)."""
    if op.kind == "action" and not (op.body and op.body.required and op.body.json_schema):
        return "an action: not probed (it may have side effects; no required JSON body)"
    if op.kind not in PROBED_KINDS and op.kind != "action":
        return "not a list, read, create, update or delete"
    if op.kind == "read" and op.method != "get":
        # A read is sent with no body and no --allow-writes: only a GET is safe so. A POST
        # that reads may still write (Prefect's POST /work_queues/{id}/get_runs marks the
        # queue and its deployments as polled).
        return f"a read by {op.method.upper()}: not probed (it may have side effects)"
    sends_body = op.kind in ("create", "update") or (op.kind == "list" and op.method != "get")
    if sends_body and (op.body is None or op.body.json_schema is None):
        media = ", ".join(op.body.content) if op.body and op.body.content else "none"
        return f"its body is not JSON ({media})"
    for segment in op.segments:
        if segment.is_param and segment.role != "item":
            return f"path parameter {segment.text} cannot be filled (not an item id)"
    given = {h.lower() for h in headers}
    for param in op.parameters:
        if not param.required or param.location == "path":
            continue
        if param.location == "header" and param.name.lower() in given:
            continue
        return f"required {param.location} parameter `{param.name}` cannot be filled"
    return None


# Words of a collection's name that make it security-sensitive: its writes change who may do
# what (accounts, credentials, memberships), so --allow-writes alone does not write to it.
SENSITIVE = frozenset(
    {
        "user", "users", "member", "members", "membership", "memberships", "account",
        "accounts", "key", "keys", "apikey", "apikeys", "token", "tokens", "secret", "secrets",
        "credential", "credentials", "password", "passwords", "session", "sessions", "role",
        "roles", "permission", "permissions", "grant", "grants", "invitation", "invitations",
        "invite", "invites", "oauth", "oauth2", "auth", "sso", "admin", "admins",
    }
)  # fmt: skip


def sensitive(resource: Resource | None) -> str | None:
    """The name that makes a resource security-sensitive (`api-keys`, `members`, the
    namespace `oauth2`), or None. A user's addresses are not: only the collection's own
    segment and its namespaces count."""
    if resource is None:
        return None
    for name in (resource.segment, *resource.namespace):
        if SENSITIVE & set(name.lower().replace("-", "_").split("_")):
            return name.lower()
    return None


def scope(op: Operation, include: Sequence[str], exclude: Sequence[str]) -> str | None:
    """Why --include/--exclude leave the operation out (globs on the path), else None."""
    if include and not any(fnmatchcase(op.path, glob) for glob in include):
        return "not matched by --include"
    for glob in exclude:
        if fnmatchcase(op.path, glob):
            return f"excluded by --exclude {glob}"
    return None


def make_plan(
    api: Api,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    headers: Collection[str] = (),
) -> Plan:
    groups: dict[str, Group] = {}
    skipped: list[tuple[Operation, str]] = []
    for op in api.operations:
        reason = scope(op, include, exclude) or static_skip(op, headers)
        if reason is not None:
            skipped.append((op, reason))
            continue
        name = op.resource.name if op.resource is not None else op.path
        group = groups.get(name)
        if group is None:
            group = groups[name] = Group(name, op.resource)
        group.operations.append(op)
    ordered = sorted(groups.values(), key=lambda g: _depth(g.resource))  # stable: doc order
    return Plan(ordered, skipped)


def json_media(op: Operation) -> str:
    """The JSON media type of the operation's body ('application/json' when unsure)."""
    if op.body is not None:
        for media in op.body.content:
            if is_json(media):
                return media
    return "application/json"
