"""Answers against the documented schemas, with jsonschema.

OpenAPI 3.1 schemas are JSON Schema 2020-12. OpenAPI 3.0 schemas are read as draft 4 (its
`exclusiveMinimum: true` and `$ref` semantics) once `nullable: true` is turned into an
alternative `null` (a `null` type or enum value, or an `anyOf` with `{type: null}`). `$ref`s
resolve against the served document: it is registered whole under one URI and every schema is
validated as `{"$ref": "<that URI>#<pointer>"}`, so nested references find their targets.
Formats are not checked (servers legitimately differ on `uri` or `date-time` strictness).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from checker.pointers import escape, from_tokens, tokens

URI = "urn:restcheck:served-spec"


def follow(document: Mapping[str, Any], pointer: str) -> str | None:
    """The pointer of the node `pointer` names, following local `$ref`s met on the way
    (a response written as `$ref: '#/components/responses/X'`); None when it leads nowhere."""
    node: Any = document
    resolved: list[str] = []
    seen: set[str] = set()
    for token in tokens(pointer):
        node, resolved = _through_refs(document, node, resolved, seen)
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
        resolved.append(token)
    return from_tokens(resolved)


def _through_refs(
    document: Mapping[str, Any], node: Any, resolved: list[str], seen: set[str]
) -> tuple[Any, list[str]]:
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            break
        seen.add(ref)
        resolved = tokens(ref[1:])
        node = document
        for token in resolved:
            node = node.get(token) if isinstance(node, Mapping) else None
    return node, resolved


def _nullable_to_null(node: Any) -> Any:
    """A 3.0 schema tree with `nullable: true` turned into JSON Schema's null alternative.

    `type` gets `null` added (and `enum` a None) in place, so pointers into the schema stay
    valid; schemas with no `type` (a `$ref`, an `allOf`) are wrapped in an `anyOf`."""
    if isinstance(node, list):
        return [_nullable_to_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _nullable_to_null(value) for key, value in node.items()}
    if out.get("nullable") is not True:
        return out
    del out["nullable"]
    kind = out.get("type")
    if isinstance(kind, str):
        out["type"] = [kind, "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out
    return {"anyOf": [out, {"type": "null"}]}


class Checker:
    """Validates instances against schemas of one served document."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        from jsonschema import Draft4Validator, Draft202012Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4, DRAFT202012

        self.document = document
        is_30 = str(document.get("openapi", "")).startswith("3.0")
        contents: Any = _nullable_to_null(copy.deepcopy(dict(document))) if is_30 else document
        specification = DRAFT4 if is_30 else DRAFT202012
        self._validator = Draft4Validator if is_30 else Draft202012Validator
        resource: Resource[Any] = specification.create_resource(contents)
        self._registry: Registry[Any] = Registry().with_resource(URI, resource)
        self._cache: dict[str, Any] = {}

    def errors(self, pointer: str, instance: Any) -> list[str]:
        """Why instance does not match the schema at pointer (best first); [] when it does
        or when the pointer names no schema."""
        resolved = follow(self.document, pointer)
        if resolved is None:
            return []
        validator = self._cache.get(resolved)
        if validator is None:
            validator = self._validator({"$ref": f"{URI}#{resolved}"}, registry=self._registry)
            self._cache[resolved] = validator
        from jsonschema.exceptions import SchemaError, best_match
        from referencing.exceptions import Unresolvable

        try:
            found = list(validator.iter_errors(instance))
        except (Unresolvable, SchemaError, re.error):
            return []  # a broken $ref or schema in the served spec: `check` reports those
        if not found:
            return []
        best = best_match(found)
        ordered = [best, *(e for e in found if e is not best)]
        return [_describe(e) for e in ordered]

    def valid(self, pointer: str, instance: Any) -> bool:
        return not self.errors(pointer, instance)


def _describe(error: Any) -> str:
    where = "".join("/" + escape(str(p)) for p in error.absolute_path)
    message = str(error.message)
    if len(message) > 160:
        message = message[:157] + "..."
    return f"at {where}: {message}" if where else message
