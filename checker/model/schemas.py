"""Reading schemas the way FastAPI writes them.

One `Schemas` object per document sees through `$ref` (cycle-safe), `allOf`, `anyOf`/`oneOf`
with a null branch (3.1 `type: null`) and 3.0 `nullable`. Results are memoised by the
identity of the schema dict, so rules can ask freely.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.pointers import escape, join, unescape

Json = Any
SchemaDict = Mapping[str, Any]

_EMPTY: dict[str, Any] = {}


class Schemas:
    """Schema helpers over one document."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        # Memos keyed by id(); each keeps its key object alive so that an id is never reused
        # for another dict while the memo holds it.
        self._deref: dict[int, tuple[Json, tuple[str | None, SchemaDict]]] = {}
        self._props: dict[int, tuple[Json, dict[str, SchemaDict]]] = {}
        self._types: dict[int, tuple[Json, frozenset[str]]] = {}
        self._component_refs: dict[str, set[str]] = {}  # name -> names it refers to directly

    # -- references -------------------------------------------------------------------------

    def lookup(self, ref: str) -> Json:
        """The value a local `$ref` ("#/a/b") points at, or None."""
        if not ref.startswith("#"):
            return None
        node: Json = self.document
        for token in ref[1:].split("/")[1:]:
            key = unescape(token)
            if isinstance(node, Mapping):
                node = node.get(key)
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                return None
        return node

    def target(self, node: Json) -> tuple[str | None, SchemaDict]:
        """Follow a chain of `$ref`s: (pointer of the final target or None, its dict).

        A broken or cyclic chain ends at an empty schema."""
        if not isinstance(node, Mapping):
            return None, _EMPTY
        if "$ref" not in node:
            return None, node
        cached = self._deref.get(id(node))
        if cached is not None:
            return cached[1]
        seen: set[str] = set()
        pointer: str | None = None
        current: Json = node
        while isinstance(current, Mapping) and isinstance(current.get("$ref"), str):
            ref = current["$ref"]
            if ref in seen:
                current = _EMPTY
                break
            seen.add(ref)
            pointer = ref[1:] if ref.startswith("#") else None
            current = self.lookup(ref)
        result = (pointer, current if isinstance(current, Mapping) else _EMPTY)
        self._deref[id(node)] = (node, result)
        return result

    def deref(self, node: Json) -> SchemaDict:
        return self.target(node)[1]

    def ref_name(self, node: Json) -> str | None:
        """The component name when node is (a chain of) `$ref` to #/components/schemas/X."""
        pointer, _ = self.target(node)
        prefix = "/components/schemas/"
        if pointer and pointer.startswith(prefix) and "/" not in pointer[len(prefix) :]:
            return unescape(pointer[len(prefix) :])
        return None

    # -- nullability and variants -------------------------------------------------------------

    def is_null(self, node: Json) -> bool:
        schema = self.deref(node)
        kind = schema.get("type")
        return kind == "null" or (kind == ["null"]) or schema.get("enum") == [None]

    def variants(self, node: Json, _within: frozenset[int] = frozenset()) -> list[SchemaDict]:
        """The non-null alternatives of a schema (itself when it is no union), dereferenced.

        `anyOf: [X, {type: null}]` gives [X]; `anyOf: [X, array of X, null]` gives both.
        A union that contains itself (through `$ref`) adds nothing the second time."""
        schema = self.deref(node)
        branches = schema.get("anyOf") or schema.get("oneOf")
        if not isinstance(branches, list):
            return [schema]
        if id(schema) in _within:
            return []
        within = _within | {id(schema)}
        out: list[SchemaDict] = []
        for branch in branches:
            if self.is_null(branch):
                continue
            out.extend(self.variants(branch, within))
        return out

    def variant_nodes(self, node: Json, _within: frozenset[int] = frozenset()) -> list[Json]:
        """Like variants, but the branches as written (with their `$ref`), for names."""
        schema = self.deref(node)
        branches = schema.get("anyOf") or schema.get("oneOf")
        if not isinstance(branches, list):
            return [node]
        if id(schema) in _within:
            return []
        within = _within | {id(schema)}
        out: list[Json] = []
        for branch in branches:
            if not self.is_null(branch):
                out.extend(self.variant_nodes(branch, within))
        return out

    def non_null(self, node: Json) -> SchemaDict:
        """The schema without its null branch when exactly one branch remains."""
        found = self.variants(node)
        return found[0] if len(found) == 1 else self.deref(node)

    def nullable(self, node: Json) -> bool:
        schema = self.deref(node)
        if schema.get("nullable") is True or "null" in self.types(schema):
            return True
        branches = schema.get("anyOf") or schema.get("oneOf")
        return isinstance(branches, list) and any(self.is_null(b) for b in branches)

    # -- types ----------------------------------------------------------------------------------

    def types(self, node: Json) -> frozenset[str]:
        """JSON types a schema admits, seen through $ref, allOf, anyOf/oneOf and nullable.

        An empty set means "anything" (no type constraint found)."""
        schema = self.deref(node)
        key = id(schema)
        cached = self._types.get(key)
        if cached is not None:
            return cached[1]
        self._types[key] = (schema, frozenset())  # cycle guard
        found: set[str] = set()
        kind = schema.get("type")
        if isinstance(kind, str):
            found.add(kind)
        elif isinstance(kind, list):
            found.update(k for k in kind if isinstance(k, str))
        for union in ("anyOf", "oneOf"):
            branches = schema.get(union)
            if isinstance(branches, list):
                for branch in branches:
                    found |= self.types(branch)
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and not found:
            for part in all_of:
                found |= self.types(part)
        if not found and ("properties" in schema or "additionalProperties" in schema):
            found.add("object")
        if not found and "items" in schema:
            found.add("array")
        if schema.get("nullable") is True and found:
            found.add("null")
        result = frozenset(found)
        self._types[key] = (schema, result)
        return result

    def is_array(self, node: Json) -> bool:
        return self.types(node) - {"null"} == {"array"}

    def is_object(self, node: Json) -> bool:
        return "object" in self.types(node) and not self.is_array(node)

    def items(self, node: Json) -> Json:
        """The item schema (as written) of an array schema or its single non-null variant."""
        for variant in self.variants(node):
            if "items" in variant:
                return variant["items"]
        return None

    def enum(self, node: Json, _within: frozenset[int] = frozenset()) -> list[Json] | None:
        """Enum values (through $ref, allOf and a null branch), or None."""
        schema = self.non_null(node)
        values = schema.get("enum")
        if isinstance(values, list):
            return [v for v in values if v is not None]
        if "const" in schema:
            return [schema["const"]]
        if id(schema) in _within:  # an allOf that contains itself
            return None
        for part in schema.get("allOf") or []:
            found = self.enum(part, _within | {id(schema)})
            if found is not None:
                return found
        return None

    # -- object members -------------------------------------------------------------------------

    def properties(self, node: Json) -> dict[str, SchemaDict]:
        """Properties of an object schema, merged through allOf (and a single non-null branch)."""
        schema = self.non_null(node)
        key = id(schema)
        cached = self._props.get(key)
        if cached is not None:
            return cached[1]
        self._props[key] = (schema, {})  # cycle guard
        merged: dict[str, SchemaDict] = {}
        for part in schema.get("allOf") or []:
            merged.update(self.properties(part))
        props = schema.get("properties")
        if isinstance(props, Mapping):
            merged.update({str(k): v for k, v in props.items() if isinstance(v, Mapping)})
        self._props[key] = (schema, merged)
        return merged

    def required(self, node: Json, _within: frozenset[int] = frozenset()) -> set[str]:
        schema = self.non_null(node)
        names = {r for r in schema.get("required") or [] if isinstance(r, str)}
        if id(schema) in _within:  # an allOf that contains itself
            return names
        for part in schema.get("allOf") or []:
            names |= self.required(part, _within | {id(schema)})
        return names

    def referenced(self, node: Json) -> set[str]:
        """Names of the #/components/schemas entries node refers to, directly or through them
        (transitively, cycle-safe). Node may be any JSON value (a list of roots too)."""
        found: set[str] = set()
        pending = self._direct_refs(node)
        while pending:
            name = pending.pop()
            if name in found:
                continue
            found.add(name)
            known = self._component_refs.get(name)
            if known is None:
                target = self.lookup("#/components/schemas/" + escape(name))
                known = self._component_refs[name] = self._direct_refs(target)
            pending |= known - found
        return found

    def _direct_refs(self, node: Json) -> set[str]:
        """Component names node's `$ref`s point at (the end of each chain), not following them."""
        found: set[str] = set()
        stack: list[Json] = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, list):
                stack.extend(current)
            elif isinstance(current, Mapping):
                if isinstance(current.get("$ref"), str):
                    name = self.ref_name(current)
                    if name is not None:
                        found.add(name)
                stack.extend(v for k, v in current.items() if k != "$ref")
        return found

    def walk(self, node: Json, pointer: str) -> Iterator[tuple[str, SchemaDict]]:
        """Every sub-schema written inline under node (not through $ref), with its pointer."""
        if not isinstance(node, Mapping):
            return
        yield pointer, node
        for key in ("properties", "patternProperties", "$defs", "definitions"):
            members = node.get(key)
            if isinstance(members, Mapping):
                for name, sub in members.items():
                    yield from self.walk(sub, join(pointer, key, name))
        for key in ("items", "additionalProperties", "not", "contains", "propertyNames"):
            if isinstance(node.get(key), Mapping):
                yield from self.walk(node[key], join(pointer, key))
        for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
            members = node.get(key)
            if isinstance(members, list):
                for index, sub in enumerate(members):
                    yield from self.walk(sub, join(pointer, key, index))

    # -- defaults, lower bounds, list items ----------------------------------------------------

    def default(self, node: Json, _seen: frozenset[int] = frozenset()) -> tuple[bool, Json]:
        """(whether a default is given, its value).

        Read on the schema as written first (FastAPI writes `default` beside `anyOf` or beside a
        `$ref`), then through `$ref` and `allOf`."""
        if not isinstance(node, Mapping) or id(node) in _seen:
            return False, None
        if "default" in node:
            return True, node["default"]
        schema = self.deref(node)
        if "default" in schema:
            return True, schema["default"]
        seen = _seen | {id(node), id(schema)}
        for part in schema.get("allOf") or []:
            found = self.default(part, seen)
            if found[0]:
                return found
        return False, None

    def minimum(self, node: Json, _seen: frozenset[int] = frozenset()) -> tuple[float, bool] | None:
        """The lower bound of a numeric schema as (value, exclusive), None when unbounded.

        Reads 3.1 (`exclusiveMinimum: 0`, a number) and 3.0 (`minimum: 0` with
        `exclusiveMinimum: true`), floats (`minimum: 0.0`), through `$ref`, `allOf` and a single
        non-null branch; of several bounds the tightest wins."""
        schema = self.non_null(node)
        if id(schema) in _seen:
            return None
        bounds: list[tuple[float, bool]] = []
        low, exclusive = schema.get("minimum"), schema.get("exclusiveMinimum")
        if isinstance(low, int | float) and not isinstance(low, bool):
            bounds.append((float(low), exclusive is True))
        if isinstance(exclusive, int | float) and not isinstance(exclusive, bool):
            bounds.append((float(exclusive), True))
        for part in schema.get("allOf") or []:
            found = self.minimum(part, _seen | {id(schema)})
            if found is not None:
                bounds.append(found)
        return max(bounds) if bounds else None

    def page_items(self, node: Json) -> list[Json]:
        """The item schemas (as written) of a list answer: for each non-null variant, the items
        of a bare array or of an object's `items` array (the list envelope). Variants that are
        neither (e.g. `{seats: [...], total_seats}`) give nothing."""
        found: list[Json] = []
        for variant in self.variants(node):
            if self.is_array(variant):
                item = self.items(variant)
            else:
                array = self.properties(variant).get("items")
                item = self.items(array) if array is not None and self.is_array(array) else None
            if isinstance(item, Mapping):
                found.append(item)
        return found

    def same(self, a: Json, b: Json) -> bool:
        """Whether two schemas are the same schema: the same component, the same dict, equal
        dicts, or unions of the same named variants (`oneOf [A, B]` written inline and a
        component `AB` that is `oneOf [A, B]`)."""
        name_a, name_b = self.ref_name(a), self.ref_name(b)
        if name_a is not None and name_a == name_b:
            return True
        names_a = [self.ref_name(n) for n in self.variant_nodes(a)]
        names_b = [self.ref_name(n) for n in self.variant_nodes(b)]
        if len(names_a) > 1 and None not in names_a and set(names_a) == set(names_b):
            return True
        if name_a is not None and name_b is not None:
            return False
        return self.deref(a) is self.deref(b) or self.deref(a) == self.deref(b)
