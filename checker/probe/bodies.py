"""Request bodies for the probes: valid ones generated from a schema, and invalid ones.

A valid value takes, in order: the schema's example (`examples[0]`, 3.0 `example`), its
`default`, `const` or first `enum` value, then a value of its type that respects the bounds
(`minimum`, `minLength`, `minItems`...) and well-known formats (uuid, date-time, date, email,
uri). Objects get their required properties only: the smallest body the server must accept.

An invalid body must be rejected by FastAPI's request validation, which runs before the
handler: pydantic refuses a JSON array where a model (an object) is expected, and a JSON
object where a str, int, bool, list or model field is expected (lax mode coerces "1" to 1,
never an object to a string). Each candidate is also checked against the documented schema:
only a body the spec itself declares invalid is sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from checker.model.schemas import Schemas

_FORMATS: dict[str, Any] = {
    "email": "restcheck@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
}
_DEPTH = 8
_KINDS = ("object", "array", "string", "integer", "number", "boolean")


def _example(node: Mapping[str, Any]) -> tuple[bool, Any]:
    examples = node.get("examples")
    if isinstance(examples, list) and examples:
        return True, examples[0]
    if "example" in node:
        return True, node["example"]
    return False, None


def value(schemas: Schemas, node: Any, examples: bool = True, depth: int = 0) -> Any:
    """A value the schema (as written) accepts, preferring its example when `examples`."""
    if not isinstance(node, Mapping) or depth > _DEPTH:
        return None
    for candidate in (node, schemas.deref(node)):
        if examples:
            found, example = _example(candidate)
            if found:
                return example
        if "default" in candidate:
            return candidate["default"]
    enum = schemas.enum(node)
    if enum:
        return enum[0]
    variants = schemas.variants(node)
    if not variants:
        return None  # only null is allowed
    schema = variants[0]
    if schema is not schemas.deref(node):
        return value(schemas, schema, examples, depth + 1)
    kinds = schemas.types(schema) - {"null"}
    kind = next((k for k in _KINDS if k in kinds), "")
    if kind == "object" or (not kind and schemas.properties(schema)):
        props = schemas.properties(schema)
        return {
            name: value(schemas, props[name], examples, depth + 1)
            for name in sorted(schemas.required(schema))
            if name in props
        }
    if kind == "array":
        low = schema.get("minItems")
        count = low if isinstance(low, int) else 0
        return [value(schemas, schemas.items(schema), examples, depth + 1)] * count
    if kind in ("integer", "number"):
        return _number(schemas, schema, kind)
    if kind == "boolean":
        return False
    if kind == "string":
        return _string(schema)
    return None


def _number(schemas: Schemas, schema: Mapping[str, Any], kind: str) -> int | float:
    low = schemas.minimum(schema)
    result: float = 1
    if low is not None:
        result = max(result, low[0] + 1 if low[1] else low[0])
    high = schema.get("maximum")
    if isinstance(high, int | float) and not isinstance(high, bool):
        result = min(result, high)
    return int(result) if kind == "integer" else float(result)


def _string(schema: Mapping[str, Any]) -> str:
    fmt = str(schema.get("format", ""))
    if fmt.startswith("uuid"):
        return str(uuid.uuid4())
    if fmt == "date-time":
        return datetime.now(UTC).isoformat()
    if fmt == "date":
        return date.today().isoformat()
    text = str(_FORMATS.get(fmt, "restcheck"))
    low, high = schema.get("minLength"), schema.get("maxLength")
    if isinstance(low, int) and len(text) < low:
        text = text + "x" * (low - len(text))
    if isinstance(high, int) and len(text) > high:
        text = text[: max(high, 0)]
    return text


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


def one_field(schemas: Schemas, update: Any, read: Any) -> tuple[str, Any] | None:
    """A field of the update body that the read also shows, and a value for it: the one-field
    update of the lifecycle. Simple types first (a string, number or boolean)."""
    props = schemas.properties(update)
    shown = schemas.properties(read) if read is not None else props
    simple = {"string", "integer", "number", "boolean"}
    names = sorted(props, key=lambda n: not (schemas.types(props[n]) & simple))  # stable
    for name in names:
        if name in shown and name not in ("id", "created_at", "modified_at"):
            return name, value(schemas, props[name])
    return None
