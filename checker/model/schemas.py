"""Reading schemas the way FastAPI writes them.

One `Schemas` object per document sees through `$ref` (cycle-safe), `allOf`, `anyOf`/`oneOf`
with a null branch (3.1 `type: null`) and 3.0 `nullable`. Results are memoised by the
identity of the schema dict, so rules can ask freely.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any, TypeGuard

from checker.pointers import escape, unescape

Json = Any
SchemaDict = Mapping[str, Any]

_EMPTY: dict[str, Any] = {}
_NOTHING: dict[str, Any] = {"not": {}}
# Keywords that describe a schema without changing what it admits.
_ANNOTATIONS = frozenset(
    {"title", "description", "examples", "example", "deprecated", "$comment", "externalDocs"}
)
_PREFIX = "/components/schemas/"
# Where `walk` finds sub-schemas: under names, alone, in lists.
_NAMED_SUBSCHEMAS = ("properties", "patternProperties", "$defs", "definitions")
_SINGLE_SUBSCHEMAS = ("items", "additionalProperties", "not", "contains", "propertyNames")
_LISTED_SUBSCHEMAS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_KEYS = frozenset(_NAMED_SUBSCHEMAS + _SINGLE_SUBSCHEMAS + _LISTED_SUBSCHEMAS)
# Types of JSON's scalars: no mapping, known without asking the Mapping ABC (which is slow).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def is_mapping(value: object) -> TypeGuard[Mapping[Any, Any]]:
    """`isinstance(value, Mapping)`, asking the ABC (a Python-level call, ~0.3 us) only for
    what is neither a dict nor a JSON scalar: the model asks this of most nodes it reads.
    `target`, `_walk` and `_direct_refs` write the test out instead: a call there costs 1.5%
    of a check of Polar's spec (1,428.7 M against 1,449.5 M instructions)."""
    kind = type(value)
    return kind is dict or (kind not in _SCALARS and isinstance(value, Mapping))


def members(value: Json) -> list[Json]:
    """A keyword's list (`allOf`, `required`, ...) as written, or none when it is no list (an
    invalid document: validation reports it; the rules read around it)."""
    return value if isinstance(value, list) else []


def section(document: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    """`document[k1][k2]...` when each step is a mapping, else an empty one:
    `section(doc, "components", "schemas")`."""
    node: Any = document
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else _EMPTY


def schema_object(value: Json) -> SchemaDict:
    """A schema as a mapping: OpenAPI 3.1's boolean schemas as `{}` (true: anything) and
    `{"not": {}}` (false: nothing); anything else that is no mapping (an invalid document)
    as `{}`."""
    if is_mapping(value):
        return value
    return _NOTHING if value is False else _EMPTY


def _component(pointer: str | None) -> str | None:
    """The component name of a `#/components/schemas/X` target pointer."""
    if pointer and pointer.startswith(_PREFIX) and "/" not in pointer[len(_PREFIX) :]:
        return unescape(pointer[len(_PREFIX) :])
    return None


# Names of the array in a wrapped list (`{data: [...]}`), and words of the fields beside it
# that page it (`next_cursor`, `total_entries`, `has_more`, `pagination`): a list's envelope.
LIST_FIELDS = frozenset(
    {"items", "data", "results", "entries", "records", "values", "elements", "nodes", "hits"}
)
_PAGING_WORDS = frozenset(
    {
        "total", "count", "counts", "next", "prev", "previous", "page", "pages", "offset",
        "limit", "size", "per", "cursor", "has", "more", "links", "link", "pagination", "meta",
        "start", "end", "first", "last", "num", "number", "token", "after", "before", "skip",
        "remaining", "max", "current", "url", "entries", "results", "items", "records",
        "truncated", "is", "estimated", "approximate", "returned", "hits", "filtered",
    }
)  # fmt: skip


def paging_field(name: str) -> bool:
    """Whether a field beside a list's array pages it: every word of its name is a paging
    word (`next_cursor`, `totalCount`, `has_more`, `page_size`)."""
    words = re.findall(r"[a-z]+|[A-Z][a-z]*", name)
    return bool(words) and all(w.lower() in _PAGING_WORDS for w in words)


class Schemas:
    """Schema helpers over one document."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        # Memos keyed by id(); each keeps its key object alive so that an id is never reused
        # for another dict while the memo holds it.
        self._chains: dict[str, tuple[str | None, SchemaDict]] = {}  # first $ref -> its end
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
            if is_mapping(node):
                node = node.get(key)
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                return None
        return node

    def target(self, node: Json) -> tuple[str | None, SchemaDict]:
        """Follow a chain of `$ref`s: (pointer of the final target or None, its dict).

        A broken or cyclic chain ends at an empty schema."""
        if type(node) is not dict and not isinstance(node, Mapping):
            return None, _EMPTY
        ref = node.get("$ref")
        if type(ref) is not str and not isinstance(ref, str):
            return None, node
        # The end of a chain depends on its first `$ref` alone: memoised by that string.
        cached = self._chains.get(ref)
        if cached is None:
            cached = self._chains[ref] = self._follow(ref)
        return cached

    def _follow(self, ref: str) -> tuple[str | None, SchemaDict]:
        seen: set[str] = set()
        pointer: str | None = None
        current: Json = {"$ref": ref}
        while is_mapping(current) and isinstance(current.get("$ref"), str):
            ref = current["$ref"]
            if ref in seen:
                current = _EMPTY
                break
            seen.add(ref)
            pointer = ref[1:] if ref.startswith("#") else None
            current = self.lookup(ref)
        return pointer, current if is_mapping(current) else _EMPTY

    def deref(self, node: Json) -> SchemaDict:
        return self.target(node)[1]

    def ref_name(self, node: Json) -> str | None:
        """The component name when node is (a chain of) `$ref` to #/components/schemas/X."""
        return _component(self.target(node)[0])

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
        for part in members(schema.get("allOf")):
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
        for part in members(schema.get("allOf")):
            merged.update(self.properties(part))
        props = schema.get("properties")
        if is_mapping(props):
            merged.update({str(k): v for k, v in props.items() if is_mapping(v)})
        self._props[key] = (schema, merged)
        return merged

    def required(self, node: Json, _within: frozenset[int] = frozenset()) -> set[str]:
        schema = self.non_null(node)
        names = {r for r in members(schema.get("required")) if isinstance(r, str)}
        if id(schema) in _within:  # an allOf that contains itself
            return names
        for part in members(schema.get("allOf")):
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
        pop, push = stack.pop, stack.extend
        while stack:
            current = pop()
            kind = type(current)
            if kind is list:
                push(current)
            elif kind is dict or (kind not in _SCALARS and isinstance(current, Mapping)):
                ref = current.get("$ref")
                if ref is None:
                    push(current.values())
                    continue
                if isinstance(ref, str):
                    name = _component(self.target(current)[0])
                    if name is not None:
                        found.add(name)
                push(v for k, v in current.items() if k != "$ref")
        return found

    def walk(self, node: Json, pointer: str) -> Iterator[tuple[str, SchemaDict]]:
        """Every sub-schema written inline under node (not through $ref), with its pointer."""
        found: list[tuple[str, SchemaDict]] = []
        self._walk(node, pointer, found)
        return iter(found)

    def _walk(self, node: Json, pointer: str, found: list[tuple[str, SchemaDict]]) -> None:
        if type(node) is not dict and not isinstance(node, Mapping):
            return
        found.append((pointer, node))
        if _SUBSCHEMA_KEYS.isdisjoint(node):  # a leaf: most properties are
            return
        for key in _NAMED_SUBSCHEMAS:
            members = node.get(key)
            if members and (type(members) is dict or isinstance(members, Mapping)):
                under = pointer + "/" + key + "/"
                for name, sub in members.items():
                    self._walk(sub, under + escape(name), found)
        for key in _SINGLE_SUBSCHEMAS:
            sub = node.get(key)
            if sub is not None and (type(sub) is dict or isinstance(sub, Mapping)):
                self._walk(sub, pointer + "/" + key, found)
        for key in _LISTED_SUBSCHEMAS:
            members = node.get(key)
            if type(members) is list or isinstance(members, list):
                under = pointer + "/" + key + "/"
                for index, sub in enumerate(members):
                    self._walk(sub, under + str(index), found)

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
        for part in members(schema.get("allOf")):
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
        for part in members(schema.get("allOf")):
            found = self.minimum(part, _seen | {id(schema)})
            if found is not None:
                bounds.append(found)
        return max(bounds) if bounds else None

    def list_array(self, variant: Json) -> Json:
        """The array a list answer carries, or None: a bare array; an object's `items` array
        (the guideline's envelope); or an object with one array among paging fields only, as
        other APIs wrap lists (`{data: [...], next_cursor}`, `{dags: [...], total_entries}`,
        `{results: [...]}`), not of numbers. An object with an array among other facts (a report's
        currency, a dashboard's totals, a second array) is no list."""
        if self.is_array(variant):
            return variant
        props = self.properties(variant)
        envelope = props.get("items")
        if envelope is not None and self.is_array(envelope):
            return envelope
        arrays = [name for name, schema in props.items() if self.is_array(schema)]
        if not arrays:
            # `{groups: {provider: [...]}, next_cursor}`: arrays by key, paged (vital's grouped).
            maps = [n for n, f in props.items() if self._array_map(f)]
            others = [n for n in props if n not in maps]
            if (
                len(maps) == 1
                and others
                and all(paging_field(n) and self._pages(props[n]) for n in others)
            ):
                found: Json = self.deref(props[maps[0]])["additionalProperties"]
                return found
            return None
        if len(arrays) != 1:
            return None
        others = [name for name in props if name != arrays[0]]
        if not all(paging_field(name) and self._pages(props[name]) for name in others):
            return None
        if not others and arrays[0].lower() not in LIST_FIELDS:
            return None  # `{roles: [...]}` alone may be one object's only fact
        array = props[arrays[0]]
        if self.types(self.items(array)) & {"number", "integer"}:
            return None  # `{data: [0.1, 0.4]}`: a waveform's samples, not a list of things
        return array

    def _array_map(self, node: Json) -> bool:
        """Whether a schema is an object of arrays by key (`additionalProperties: array`)."""
        extra = self.deref(node).get("additionalProperties")
        return is_mapping(extra) and self.is_array(extra)

    def payload(self, node: Json) -> Json:
        """The object an answer carries: a `{data: X}` wrapper's X (phoenix's
        `GetProjectResponseBody`), else the schema itself."""
        props = self.properties(node)
        if len(props) == 1:
            name, inner = next(iter(props.items()))
            if name in ("data", "result", "item") and self.is_object(inner):
                return inner
        return node

    def _pages(self, field: Json) -> bool:
        """Whether a field's type can page a list: a count (integer), a cursor or URL (string),
        a flag, or an object of such (`pagination`); a `number` `total` is a sum (a report)."""
        return "number" not in self.types(field)

    def page_items(self, node: Json) -> list[Json]:
        """The item schemas (as written) of a list answer: for each non-null variant, the items
        of its list array (see list_array). Variants that carry none (e.g. `{seats: [...],
        available_seats}`) give nothing."""
        found: list[Json] = []
        for variant in self.variants(node):
            array = self.list_array(variant)
            item = self.items(array) if array is not None else None
            if is_mapping(item):
                found.append(item)
        return found

    # -- sameness -----------------------------------------------------------------------------

    def says_nothing(self, node: Json) -> bool:
        """Whether a schema admits any value: `{}` (FastAPI's answer without a response model),
        only annotations, or a lone `allOf` of such, through `$ref`s. Nothing can be compared
        with it.

        >>> s = Schemas({"components": {"schemas": {"Any": {"title": "Any"}}}})
        >>> s.says_nothing({"$ref": "#/components/schemas/Any"}), s.says_nothing({"type": "object"})
        (True, False)
        """
        return not set(self._core(node)[1]) - _ANNOTATIONS

    @cached_property
    def twins(self) -> dict[str, str]:
        """FastAPI's split of one Pydantic model into a validation and a serialization schema:
        input name -> output name, for `X-Input`/`X-Output` (and `XInput`/`XOutput`) pairs
        where both exist."""
        names = {str(n) for n in section(self.document, "components", "schemas")}
        twins = {}
        for name in sorted(names):
            for suffix in ("-Input", "Input"):
                output = name[: -len(suffix)] + suffix.replace("Input", "Output")
                if name.endswith(suffix) and output in names:
                    twins[name] = output
        return twins

    def model_of(self, name: str) -> str:
        """The model behind a component name: `Note-Input` and `Note-Output` (always FastAPI's
        split) are `Note`; `NoteInput`/`NoteOutput` only when both exist."""
        for suffix in ("-Input", "-Output", "Input", "Output"):
            if name.endswith(suffix) and len(name) > len(suffix):
                paired = name in self.twins or name in self.twins.values()
                return name[: -len(suffix)] if suffix.startswith("-") or paired else name
        return name

    def same(self, a: Json, b: Json) -> bool:
        """Whether two schemas describe the same values: the one notion of "the same schema".

        The same component (FastAPI's `X-Input`/`X-Output` split of one model counts as one),
        or the same structure once `$ref`s are followed, a lone `allOf: [X]` is read as X and
        annotations (title, description, examples, ...) are left out. Unions match when their
        variants pair up (`oneOf [A, B]` inline and a component `AB` that is `oneOf [A, B]`).
        At the top, a null branch is left out (an answer of `X | null` is still X); inside,
        nullability counts. Two empty schemas are the same: both admit anything.

        >>> s = Schemas({"components": {"schemas": {
        ...     "A": {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/P"}}},
        ...     "B": {"title": "B", "type": "object",
        ...           "properties": {"data": {"$ref": "#/components/schemas/P"}}},
        ...     "P": {"type": "object", "properties": {"id": {"type": "string"}}},
        ...     "Q": {"type": "object", "properties": {"id": {"type": "integer"}}}}}})
        >>> ref = lambda n: {"$ref": f"#/components/schemas/{n}"}
        >>> s.same(ref("A"), ref("B")), s.same(ref("P"), ref("Q"))
        (True, False)
        >>> s.same({"anyOf": [ref("P"), {"type": "null"}]}, {"allOf": [ref("P")]})
        True
        """
        return self._same(a, b, top=True, assumed=set())

    def same_model(self, a: Json, b: Json) -> bool:
        """Whether two schemas are one model, by name: one component (FastAPI's
        `X-Input`/`X-Output` split as one), or unions of the same named variants. Where `same`
        asks "do clients receive the same thing?", this asks "did the team write one schema
        for both?": two components of the same shape are separate models, and inline schemas
        are no model at all.

        >>> s = Schemas({"components": {"schemas": {"A": {"type": "object"},
        ...     "A-Input": {}, "A-Output": {}, "B": {"type": "object"}}}})
        >>> ref = lambda n: {"$ref": f"#/components/schemas/{n}"}
        >>> s.same_model(ref("A-Input"), ref("A-Output")), s.same_model(ref("A"), ref("B"))
        (True, False)
        >>> s.same_model({"oneOf": [ref("A"), ref("B")]}, {"anyOf": [ref("B"), ref("A")]})
        True
        """
        name_a, name_b = self.ref_name(a), self.ref_name(b)
        if name_a and name_b and self.model_of(name_a) == self.model_of(name_b):
            return True
        models_a = self._union_models(a)
        return models_a is not None and models_a == self._union_models(b)

    def _union_models(self, node: Json) -> frozenset[str] | None:
        names = [self.ref_name(v) for v in self.variant_nodes(node)]
        if len(names) > 1 and all(names):
            return frozenset(self.model_of(n) for n in names if n)
        return None

    def _core(self, node: Json) -> tuple[str | None, SchemaDict]:
        """Through `$ref`s and lone `allOf: [X]` wrappers: the schema that says something."""
        name, schema = self.target(node)
        for _ in range(32):  # wrappers of wrappers, but never a cycle
            parts = schema.get("allOf")
            if not (isinstance(parts, list) and len(parts) == 1) or set(schema) - _ANNOTATIONS != {
                "allOf"
            }:
                break
            inner, schema = self.target(parts[0])
            name = inner or name
        return _component(name), schema

    def _same(self, a: Json, b: Json, top: bool, assumed: set[tuple[int, int]]) -> bool:
        if not isinstance(a, Mapping) or not isinstance(b, Mapping):
            return bool(a == b)
        name_a, core_a = self._core(a)
        name_b, core_b = self._core(b)
        if core_a is core_b or (
            name_a is not None
            and name_b is not None
            and self.model_of(name_a) == self.model_of(name_b)
        ):
            return True
        pair = (id(core_a), id(core_b))
        if pair in assumed:  # a cycle: equal unless a difference shows elsewhere
            return True
        assumed.add(pair)
        if not top and self.nullable(core_a) != self.nullable(core_b):
            return False
        variants_a, variants_b = self.variant_nodes(core_a), self.variant_nodes(core_b)
        if len(variants_a) > 1 or len(variants_b) > 1:
            return all(
                any(self._same(x, y, False, assumed) for y in variants_b) for x in variants_a
            ) and all(any(self._same(y, x, False, assumed) for x in variants_a) for y in variants_b)
        one_a, one_b = self.non_null(core_a), self.non_null(core_b)
        if one_a is not core_a or one_b is not core_b:
            return self._same(one_a, one_b, False, assumed)
        return self._same_keywords(core_a, core_b, assumed)

    def _same_keywords(self, a: SchemaDict, b: SchemaDict, assumed: set[tuple[int, int]]) -> bool:
        keys = set(a) - _ANNOTATIONS
        if keys != set(b) - _ANNOTATIONS:
            return False
        for key in keys:
            x, y = a[key], b[key]
            if key in ("properties", "patternProperties", "$defs", "definitions"):
                if not isinstance(x, Mapping) or not isinstance(y, Mapping) or set(x) != set(y):
                    return bool(x == y)
                if not all(self._same(x[k], y[k], False, assumed) for k in x):
                    return False
            elif key in ("allOf", "anyOf", "oneOf", "prefixItems"):
                if not isinstance(x, list) or not isinstance(y, list) or len(x) != len(y):
                    return bool(x == y)
                if not all(self._same(i, j, False, assumed) for i, j in zip(x, y, strict=True)):
                    return False
            elif isinstance(x, Mapping) and isinstance(y, Mapping):
                if not self._same(x, y, False, assumed):
                    return False
            elif x != y:
                return False
        return True
