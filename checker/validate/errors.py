"""jsonschema-rs errors as ours: one (path, message) for each, the best of an anyOf/oneOf
chosen as jsonschema's ``best_match`` does, worded with short reprs."""

from __future__ import annotations

import json
from typing import Any, Final

from checker.validate.helpers import _Path, _r
from checker.validate.metaschemas import _keyword_parent

_WEAK: Final = frozenset({"anyOf", "oneOf"})
_TYPES: Final[dict[str, tuple[type, ...]]] = {
    "object": (dict,),
    "array": (list, tuple),
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


def _path(error: Any) -> _Path:
    return tuple(error.instance_path)


def _context(error: Any) -> list[Any]:
    """The errors of every branch of a failed anyOf/oneOf, in order; [] for others."""
    if type(error.kind).__name__ not in ("AnyOf", "OneOfNotValid"):
        return []  # "valid under more than one" has no context in jsonschema
    branches = error.kind.context
    return [e for branch in branches for e in branch]


def _schema_of(error: Any) -> Any:
    """The meta-schema's (sub)schema whose keyword failed, or None."""
    keyword = error.schema_path[-1] if error.schema_path else None
    return _keyword_parent(error.absolute_keyword_location, keyword)


def _matches_type(error: Any) -> bool:
    """Whether the instance has a type its schema's ``type`` allows (jsonschema's
    ``_matches_type``), read from the meta-schema at the error's keyword location."""
    schema = _schema_of(error)
    names = schema.get("type") if isinstance(schema, dict) else None
    if names is None:
        return False
    value = error.instance
    for name in [names] if isinstance(names, str) else names:
        if name in ("number", "integer") and isinstance(value, bool):
            continue
        if isinstance(value, _TYPES.get(name, ())):
            return True
    return False


def _relevance(error: Any, base: int) -> tuple[int, tuple[str, ...], bool, bool, bool]:
    # jsonschema.exceptions.relevance: deeper, earlier, not weak, (strong), matching type;
    # paths relative to the anyOf/oneOf's instance, `base` tokens deep.
    path = _path(error)[base:]
    weak = error.kind.name in _WEAK
    return (-len(path), tuple(str(p) for p in path), not weak, False, not _matches_type(error))


def best(error: Any) -> tuple[_Path, str]:
    """Descend into an error's context as jsonschema's best_match does; (path, message)."""
    current = error
    while context := _context(current):
        base = len(_path(current))
        # An object without "$ref" is not meant to be a Reference Object: the errors of
        # the other alternatives say more.
        meant = [e for e in context if not (_is_ref_required(e) and len(_path(e)) == base)]
        ranked = sorted(meant or context, key=lambda e: _relevance(e, base))
        first = ranked[0]
        key = _relevance(first, base)
        if len(ranked) > 1 and _relevance(ranked[1], base) == key:
            ties = [e for e in ranked if _relevance(e, base) == key]
            if len(_path(first)) == base:
                break
            # All the alternatives fail at the same deeper place: report it there.
            if all(e.kind.name == "enum" for e in ties):
                allowed: list[Any] = []
                for e in ties:
                    allowed.extend(v for v in e.kind.options if v not in allowed)
                return _path(first), f"{_r(first.instance)} is not one of {_r(allowed)}"
            return _located(first)
        current = first
    return _located(current)


def _is_ref_required(error: Any) -> bool:
    return bool(error.kind.name == "required" and error.kind.property == "$ref")


def _located(error: Any) -> tuple[_Path, str]:
    """The error's path (the member at fault where there is one) and its message."""
    kind, value, path = error.kind, error.instance, _path(error)
    name = kind.name
    if name in ("additionalProperties", "unevaluatedProperties"):
        names = list(kind.unexpected)
        additional = name[0] == "a"
        joined = ", ".join(repr(n) for n in sorted(names, key=str))
        verb = "was" if len(names) == 1 else "were"
        label = "Additional" if additional else "Unevaluated"
        schema = _schema_of(error)
        schema = schema if isinstance(schema, dict) else {}
        if schema.get(name) is False:
            message = f"{label} properties are not allowed ({joined} {verb} unexpected)"
            if additional and schema.get("patternProperties"):
                patterns = ", ".join(repr(p) for p in sorted(schema["patternProperties"]))
                message += f"; other names must match {patterns}"
        else:
            message = (
                f"{label} properties are not valid under the given schema "
                f"({joined} {verb} unevaluated and invalid)"
            )
        return ((*path, names[0]) if len(names) == 1 else path), message
    if name == "propertyNames":  # jsonschema reports these at the object; we at the member
        inner = kind.error
        return (*path, inner.instance), _message(inner)
    if name == "uniqueItems" and isinstance(value, list):
        seen: set[str] = set()
        for index, item in enumerate(value):
            key = json.dumps(item, sort_keys=True, default=repr)
            if key in seen:
                return (*path, index), _message(error)
            seen.add(key)
    return path, _message(error)


def _message(error: Any) -> str:
    """jsonschema's wording (its reprs, shortened), from the kind of the error."""
    kind, x = error.kind, _r(error.instance)
    name = kind.name
    limit = getattr(kind, "limit", None)
    if name == "type":
        # in the meta-schema's order (jsonschema-rs sorts them)
        schema = _schema_of(error)
        written = schema.get("type") if isinstance(schema, dict) else None
        names = [written] if isinstance(written, str) else written or kind.types
        return f"{x} is not of type {', '.join(repr(t) for t in names)}"
    if name == "required" and error.schema_path[-1:] in (["dependencies"], ["dependentRequired"]):
        schema = _schema_of(error)
        needed_by = schema.get(error.schema_path[-1]) if isinstance(schema, dict) else None
        for other, needed in (needed_by or {}).items():
            if kind.property in needed and other in error.instance:
                return f"{kind.property!r} is a dependency of {other!r}"
    if name == "required":
        return f"{kind.property!r} is a required property"
    if name == "enum":
        return f"{x} is not one of {_r(kind.options)}"
    if name == "const":
        return f"{_r(kind.expected_value)} was expected"
    if name in ("anyOf", "oneOf") and type(kind).__name__ == "OneOfMultipleValid":
        return f"{x} is valid under more than one of the given schemas"
    if name in ("anyOf", "oneOf"):
        return f"{x} is not valid under any of the given schemas"
    if name == "not":
        return _not_message(x, kind.schema)
    if name == "falseSchema":
        return f"False schema does not allow {x}"
    if name == "pattern":
        return f"{x} does not match {kind.pattern!r}"
    if name == "format":
        return f"{x} is not a {kind.format!r}"
    if name == "uniqueItems":
        return f"{x} has non-unique elements"
    if name in ("minItems", "minLength", "minProperties"):
        if limit == 1:
            return f"{x} should be non-empty"
        return f"{x} {'does not have enough properties' if name[3] == 'P' else 'is too short'}"
    if name in ("maxItems", "maxLength", "maxProperties"):
        if limit == 0:
            return f"{x} is expected to be empty"
        return f"{x} {'has too many properties' if name[3] == 'P' else 'is too long'}"
    if name in ("minimum", "exclusiveMinimum"):
        equal = " or equal to" if name[0] == "e" else ""
        return f"{x} is less than{equal} the minimum of {limit!r}"
    if name in ("maximum", "exclusiveMaximum"):
        equal = " or equal to" if name[0] == "e" else ""
        return f"{x} is greater than{equal} the maximum of {limit!r}"
    return str(error.message)


def _not_message(x: str, schema: Any) -> str:
    names = schema.get("required") if isinstance(schema, dict) and len(schema) == 1 else None
    if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
        quoted = [repr(n) for n in names]
        if len(names) == 1:
            return f"{quoted[0]} is not allowed here"
        return f"{', '.join(quoted[:-1])} and {quoted[-1]} are mutually exclusive"
    return f"{x} should not be valid under {_r(schema)}"
