"""Request bodies for the probes: valid ones generated from a schema, and invalid ones.

A valid value takes, in order: the schema's example (`examples[0]`, 3.0 `example`), its
`default`, `const` or the least privileged `enum` value (never `admin`, `owner`, `system`...),
then a value of its type that respects the bounds (`minimum`, `exclusiveMinimum`, `maximum`,
`multipleOf`, `minLength`, `maxLength`, `minItems`), the `pattern` and well-known formats
(uuid, date-time, date, email, uri...). Strings are the run's name `restcheck-<random>`, so that
a rerun does not collide with what an earlier one left; fields that should be unique (`name`,
`slug`, `email`...) get it even over an example. Objects get their required properties only
(the smallest body the server must accept), or all of them for a PUT, and their switches off:
a boolean `enabled`, `active`, `is_active`... is sent `false` (and `paused` `true`), required
or not, so that what the probe creates does nothing while it exists (Prefect's automation,
whose default trigger matches every event, kept its SQLite database busy until deleted).

An invalid body must be rejected by FastAPI's request validation, which runs before the
handler: pydantic refuses a JSON array where a model (an object) is expected, and a JSON
object where a str, int, bool, list or model field is expected (lax mode coerces "1" to 1,
never an object to a string). Each candidate is also checked against the documented schema:
only a body the spec itself declares invalid is sent.
"""

from __future__ import annotations

import random
import re
import secrets
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from checker.model.schemas import Schemas
from checker.probe.regex import matching

_FORMATS: dict[str, Any] = {
    "uri": "https://example.com/restcheck",
    "url": "https://example.com/restcheck",
    "uri-reference": "/restcheck",
    "hostname": "restcheck.example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "time": "12:00:00Z",
    "duration": "PT1S",
    "binary": "restcheck",
    "byte": "cmVzdGNoZWNr",
    "json-string": "{}",
}
_DEPTH = 8
_KINDS = ("object", "array", "string", "integer", "number", "boolean")
# Fields a server may want unique (a rerun must not collide with a leftover): they get the
# run's name (`restcheck-<random>`) even when the schema has an example.
UNIQUE_FIELDS = frozenset(
    {"name", "slug", "key", "title", "handle", "username", "email", "code", "label"}
)
# Enum values that grant the most (a new user as `admin`): never sent. The least privileged
# plausible value is preferred, in this order.
PRIVILEGED = frozenset(
    {"admin", "administrator", "owner", "system", "superuser", "super_user", "super_admin",
     "superadmin", "root", "sudo", "god", "master", "service", "internal", "staff"}
)  # fmt: skip
# Boolean fields that switch an object on, and the value that keeps it off (inert).
INERT = {"enabled": False, "is_enabled": False, "active": False, "is_active": False,
         "paused": True, "is_paused": True}  # fmt: skip
LEAST_PRIVILEGED = ("viewer", "read_only", "readonly", "reader", "read", "guest", "member",
                    "user", "basic", "default", "standard")  # fmt: skip


class NoValue(Exception):
    """No value of the schema is safe or possible to send; the message says which and why."""


def privileged(candidate: Any) -> bool:
    return isinstance(candidate, str) and candidate.strip().lower().replace("-", "_") in PRIVILEGED


def least_privileged(options: list[Any]) -> Any:
    """The enum value to send: the least privileged plausible one, never a privileged one;
    NoValue when every value is privileged."""
    safe = [o for o in options if not privileged(o)]
    if not safe:
        raise NoValue(f"every value of the enum is privileged ({', '.join(map(str, options))})")
    lowered = {str(o).strip().lower().replace("-", "_"): o for o in safe}
    for name in LEAST_PRIVILEGED:
        if name in lowered:
            return lowered[name]
    return safe[0]


def _example(node: Mapping[str, Any]) -> tuple[bool, Any]:
    examples = node.get("examples")
    if isinstance(examples, list) and examples:
        return True, examples[0]
    if "example" in node:
        return True, node["example"]
    return False, None


class Maker:
    """Valid values for one probe run: unique strings carry the run's name `restcheck-<6
    hex>`, patterns are matched (checker.probe.regex), privileged enum values are avoided."""

    def __init__(self, schemas: Schemas, token: str | None = None) -> None:
        self.schemas = schemas
        self.token = token or secrets.token_hex(3)
        self.name = f"restcheck-{self.token}"
        self.rng = random.Random(self.token)

    def value(
        self, node: Any, examples: bool = True, full: bool = False, field: str = "", depth: int = 0
    ) -> Any:
        """A value the schema (as written) accepts, preferring its example when `examples`
        (except for the fields that should be unique); objects get their required properties,
        every property when `full` (a PUT's whole body). NoValue when none is safe."""
        schemas = self.schemas
        if not isinstance(node, Mapping) or depth > _DEPTH:
            return None
        unique = field.lower() in UNIQUE_FIELDS or field.lower().endswith(("_name", "_slug"))
        for candidate in (node, schemas.deref(node)):
            if examples and not unique:
                found, example = _example(candidate)
                if found and not privileged(example):
                    return example
            default = candidate.get("default")
            fixed = unique and isinstance(default, str)  # a unique field's default collides
            if "default" in candidate and not privileged(default) and not fixed:
                return default
        enum = schemas.enum(node)
        if enum:
            return least_privileged(list(enum))
        variants = schemas.variants(node)
        if not variants:
            return None  # only null is allowed
        schema = variants[0]
        if schema is not schemas.deref(node):
            return self.value(schema, examples, full, field, depth + 1)
        kinds = schemas.types(schema) - {"null"}
        kind = next((k for k in _KINDS if k in kinds), "")
        if kind == "object" or (not kind and schemas.properties(schema)):
            props = schemas.properties(schema)
            names = sorted(props) if full else sorted(schemas.required(schema))
            made = {
                name: self.value(props[name], examples, full, name, depth + 1)
                for name in names
                if name in props
            }
            for name, off in INERT.items():
                if name in props and "boolean" in schemas.types(props[name]):
                    made[name] = off
            return made
        if kind == "array":
            low = schema.get("minItems")
            count = low if isinstance(low, int) else 0
            item = self.value(schemas.items(schema), examples, full, field, depth + 1)
            return [item] * count
        if kind in ("integer", "number"):
            return _number(schemas, schema, kind)
        if kind == "boolean":
            return False
        if kind == "string":
            return self.string(schema, field)
        return None

    def string(self, schema: Mapping[str, Any], field: str = "") -> str:
        """A string of the schema's format, pattern and length; NoValue when the pattern is
        beyond checker.probe.regex or no string fits."""
        fmt = str(schema.get("format", ""))
        low, high = schema.get("minLength"), schema.get("maxLength")
        low = low if isinstance(low, int) else 0
        high = high if isinstance(high, int) else None
        pattern = schema.get("pattern")
        if fmt.startswith("uuid"):
            return str(uuid.uuid4())
        if fmt == "date-time":
            return datetime.now(UTC).isoformat()
        if fmt == "date":
            return date.today().isoformat()
        if fmt in ("email", "idn-email"):
            text = f"{self.name}@example.com"
        else:
            text = str(_FORMATS.get(fmt, self.name))
            if fmt in ("uri", "url"):
                text = f"{text}/{self.token}"
        if isinstance(pattern, str) and not _search(pattern, text):
            want = max(low, min(high or len(self.name), len(self.name)))
            for _ in range(20):
                made = matching(pattern, self.rng, want)
                if made is None:
                    raise NoValue(f"cannot make a string for the pattern {pattern!r}")
                if low <= len(made) <= (high if high is not None else len(made)) and _search(
                    pattern, made
                ):
                    return made
            raise NoValue(f"no string of {low} to {high} characters matches {pattern!r}")
        if len(text) < low:
            text = text + "x" * (low - len(text))
        if high is not None and len(text) > high:
            # Keep the random part: the start (`restcheck-`) matters least for uniqueness.
            text = text[-max(high, 0) :] if text.startswith(self.name) else text[: max(high, 0)]
        return text


def value(schemas: Schemas, node: Any, examples: bool = True) -> Any:
    """A value the schema accepts, as a new run's Maker makes it."""
    return Maker(schemas).value(node, examples)


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


def _number(schemas: Schemas, schema: Mapping[str, Any], kind: str) -> int | float:
    """The smallest number from 1 up that the bounds allow (minimum, exclusiveMinimum,
    maximum, exclusiveMaximum; 3.0's booleans and 3.1's numbers) and `multipleOf`."""
    low = schemas.minimum(schema)
    result: float = 1
    if low is not None:
        result = max(result, low[0] + 1 if low[1] and kind == "integer" else low[0])
        if low[1] and result == low[0]:
            result = low[0] + 0.5
    top, exclusive = schema.get("maximum"), schema.get("exclusiveMaximum")
    highs: list[tuple[float, bool]] = []
    if isinstance(top, int | float) and not isinstance(top, bool):
        highs.append((float(top), exclusive is True))
    if isinstance(exclusive, int | float) and not isinstance(exclusive, bool):
        highs.append((float(exclusive), True))
    for high, strict in highs:
        if result > high or (strict and result >= high):
            result = high - 1 if kind == "integer" and strict else high
            if strict and kind != "integer":
                result = high - (high - (low[0] if low else high - 1)) / 2
    step = schema.get("multipleOf")
    if isinstance(step, int | float) and not isinstance(step, bool) and step > 0:
        result = max(step, (result // step) * step or step)
        while low is not None and (result < low[0] or (low[1] and result <= low[0])):
            result += step
    return int(result) if kind == "integer" else float(result)


def wrong_type(schemas: Schemas, node: Any) -> Any:
    """A value of another JSON type than the (non-null) schema's that pydantic never coerces;
    None when the schema takes anything."""
    kinds = set().union(*(schemas.types(v) for v in schemas.variants(node))) if node else set()
    kinds.discard("null")
    if not kinds:
        return None
    if kinds & {"string", "integer", "number", "boolean", "array"} and "object" not in kinds:
        return {"restcheck": "not a " + "/".join(sorted(kinds))}
    if "array" not in kinds:
        return ["restcheck"]  # an object (a model) from a list: refused
    return None


def one_field(maker: Maker, update: Any, read: Any) -> tuple[str, Any] | None:
    """A field of the update body that the read also shows, and a value for it: the one-field
    update of the lifecycle. Simple types first (a string, number or boolean)."""
    schemas = maker.schemas
    props = schemas.properties(update)
    shown = schemas.properties(read) if read is not None else props
    simple = {"string", "integer", "number", "boolean"}
    names = sorted(props, key=lambda n: not (schemas.types(props[n]) & simple))  # stable
    for name in names:
        if name in shown and name not in ("id", "created_at", "modified_at"):
            try:
                return name, maker.value(props[name], field=name)
            except NoValue:
                continue
    return None
