"""Fast validation of OpenAPI 3.0.x / 3.1.x documents.

The verdicts follow openapi-spec-validator 0.9 (the reference), at a fraction of its cost:

* The document is checked against the OAS meta-schema that openapi-spec-validator ships
  (``resources/schemas/v3.x/schema.json``) by a small JSON Schema engine of our own that
  compiles a meta-schema once into closures, with ``$ref`` and ``$dynamicRef`` resolved
  statically (the dynamic scope of a meta-schema is fixed), and only builds error
  reports for the parts that fail.
* One walk over paths and components then reproduces the reference's semantic checks in
  the reference's order: schema objects checked against their dialect's meta-schema
  (draft-04 for 3.0, the OAS 3.1 dialect for 3.1; same engine), ``required`` names missing
  from ``allOf`` properties, defaults valid for their schema (with openapi-schema-validator
  itself: there are few), parameters declared/resolved and unique, unique operationIds,
  unique tag names and ``$ref`` targets that exist.

Public API: :class:`SpecError` and :func:`validate`.
"""

from __future__ import annotations

import importlib.util
import json
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, NamedTuple
from urllib.parse import unquote, urldefrag, urljoin

__all__ = ["SpecError", "validate"]


@dataclass(frozen=True)
class SpecError:
    """One problem of an OpenAPI document."""

    pointer: str  # RFC 6901 JSON pointer into the document; "" for the root
    message: str  # one line, says what is wrong


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------

_Path = tuple[str | int, ...]
_Ok = Callable[[Any], bool]

_REPR_MAX: Final = 80
_MSG_MAX: Final = 300


def _r(value: object) -> str:
    """A short one-line repr of a JSON value, for messages."""
    try:
        text = repr(value)
    except Exception:  # pragma: no cover - exotic objects
        text = f"<{type(value).__name__}>"
    if len(text) > _REPR_MAX:
        text = text[: _REPR_MAX - 3] + "..."
    return text


def _one_line(message: str) -> str:
    text = " ".join(message.split())
    if len(text) > _MSG_MAX:
        text = text[: _MSG_MAX - 3] + "..."
    return text


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def _pointer(path: Iterable[str | int]) -> str:
    return "".join("/" + _escape(part) for part in path)


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _is_integer_2020(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def _is_integer_draft4(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


_SLOW_TYPES: Final[dict[str, Callable[[Any], bool]]] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": _is_number,
}
_JSON_TYPES: Final = frozenset({dict, list, str, bool, type(None), int, float})


def _type_check(types: list[str], draft4: bool) -> _Ok:
    """A checker for a JSON Schema ``type`` keyword (jsonschema's semantics)."""
    exact: set[type] = set()
    float_int = False
    slow: list[Callable[[Any], bool]] = []
    for name in types:
        if name == "object":
            exact.add(dict)
        elif name == "array":
            exact.add(list)
        elif name == "string":
            exact.add(str)
        elif name == "boolean":
            exact.add(bool)
        elif name == "null":
            exact.add(type(None))
        elif name == "number":
            exact.update((int, float))
        elif name == "integer":
            exact.add(int)
            float_int = not draft4
        if name == "integer":
            slow.append(_is_integer_draft4 if draft4 else _is_integer_2020)
        elif name in _SLOW_TYPES:
            slow.append(_SLOW_TYPES[name])
    frozen = frozenset(exact)

    def ok(x: Any) -> bool:
        tx = type(x)
        if tx in frozen:
            return True
        if float_int and tx is float:
            return bool(x.is_integer())
        if tx in _JSON_TYPES:
            return False
        return any(check(x) for check in slow)

    return ok


def _unbool(x: Any) -> Any:
    if x is True:
        return _TRUE
    if x is False:
        return _FALSE
    return x


_TRUE: Final = object()
_FALSE: Final = object()


def _json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON Schema (and jsonschema) defines it: ``true != 1``, ``1 == 1.0``."""
    if a is b:
        return True
    if isinstance(a, str) or isinstance(b, str):
        return bool(a == b)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple | dict) or isinstance(b, list | tuple | dict):
        return False
    return bool(_unbool(a) == _unbool(b))


def _canonical(x: Any) -> Any:
    """A hashable key, equal for values JSON Schema deems equal."""
    if isinstance(x, bool):
        return (_TRUE if x else _FALSE,)
    if isinstance(x, str):
        return ("s", x)
    if isinstance(x, list | tuple):
        return ("l", tuple(_canonical(v) for v in x))
    if isinstance(x, dict):
        return ("d", frozenset((k, _canonical(v)) for k, v in x.items()))
    return ("v", x)


def _first_duplicate(items: list[Any]) -> int | None:
    """Index of the first element equal to an earlier one, or None."""
    seen: set[Any] = set()
    for index, item in enumerate(items):
        try:
            key = _canonical(item)
            if key in seen:
                return index
            seen.add(key)
        except TypeError:  # pragma: no cover - unhashable exotic values
            if any(_json_equal(item, other) for other in items[:index]):
                return index
    return None


_LITERAL_PREFIX: Final = re.compile(r"\^[A-Za-z0-9_\-/]*")


def _matcher(pattern: str) -> Callable[[str], bool]:
    """``re.search(pattern, s)`` as a predicate, with a fast path for ``^literal``."""
    if _LITERAL_PREFIX.fullmatch(pattern):
        prefix = pattern[1:]
        return lambda s: isinstance(s, str) and s.startswith(prefix)
    regex = re.compile(pattern)
    return lambda s: isinstance(s, str) and regex.search(s) is not None


# --------------------------------------------------------------------------------------
# Errors of the JSON Schema engine, ranked like jsonschema's best_match
# --------------------------------------------------------------------------------------


class _E:
    """A validation error as jsonschema would yield it.

    ``path`` is relative to the instance the error's validator was called on (as
    jsonschema's ``error.path``); ``context`` holds the errors of the branches of a
    failed ``anyOf``/``oneOf``; ``tail`` is a deeper location we report (for instance the
    one unexpected property of an object) but which does not take part in ranking.
    """

    __slots__ = ("context", "enum", "msg", "mtype", "path", "ref_required", "tail", "weak")

    def __init__(
        self,
        path: _Path,
        msg: str,
        *,
        mtype: bool = False,
        weak: bool = False,
        context: list[_E] | None = None,
        tail: _Path = (),
        enum: tuple[Any, list[Any]] | None = None,
        ref_required: bool = False,
    ) -> None:
        self.path = path
        self.ref_required = ref_required  # "'$ref' is a required property": not a Reference
        self.msg = msg
        self.mtype = mtype
        self.weak = weak
        self.context = context
        self.tail = tail
        self.enum = enum

    def under(self, key: str | int) -> _E:
        return _E(
            (key, *self.path),
            self.msg,
            mtype=self.mtype,
            weak=self.weak,
            context=self.context,
            tail=self.tail,
            enum=self.enum,
            ref_required=self.ref_required,
        )


def _under(errors: list[_E], key: str | int) -> list[_E]:
    return [e.under(key) for e in errors]


def _relevance(e: _E) -> tuple[int, tuple[str, ...], bool, bool, bool]:
    # jsonschema.exceptions.relevance: deeper, earlier, not weak, (strong), matching type
    return (-len(e.path), tuple(str(p) for p in e.path), not e.weak, False, not e.mtype)


def _report(error: _E) -> tuple[_Path, str]:
    """Descend into an error's context as jsonschema's best_match does; (path, message)."""
    path = error.path
    current = error
    while current.context:
        # An object without "$ref" is not meant to be a Reference Object: the errors of
        # the other alternatives say more.
        context = [e for e in current.context if not (e.ref_required and not e.path)]
        ranked = sorted(context or current.context, key=_relevance)
        best = ranked[0]
        if len(ranked) > 1 and _relevance(ranked[1]) == _relevance(best):
            ties = [e for e in ranked if _relevance(e) == _relevance(best)]
            if not best.path:
                break
            # All the alternatives fail at the same deeper place: report it there.
            path = path + best.path
            if all(e.enum is not None for e in ties):
                allowed: list[Any] = []
                for e in ties:
                    assert e.enum is not None
                    allowed.extend(v for v in e.enum[1] if v not in allowed)
                assert best.enum is not None
                return path, f"{_r(best.enum[0])} is not one of {_r(allowed)}"
            return path + best.tail, best.msg
        path = path + best.path
        current = best
    return path + current.tail, current.msg


# --------------------------------------------------------------------------------------
# A compiled JSON Schema node
# --------------------------------------------------------------------------------------

_Errs = Callable[[Any, bool], list[_E]]


class _Kw(NamedTuple):
    ok: _Ok  # checks the instance (only called with the instance kind the keyword applies to)
    errs: _Errs  # errors of an instance for which ok() is False
    kind: type | None  # the Python type the keyword applies to; None: any instance
    fast: bool = True  # part of the node's fast check (False: another keyword's ok covers it)
    fast_ok: _Ok | None = None  # what the fast check runs instead of ok (covering others)


_KINDS: Final[dict[type, type]] = {
    dict: dict,
    list: list,
    str: str,
    int: float,
    float: float,
}


def _kind(x: Any) -> type | None:
    kind = _KINDS.get(type(x))
    if kind is not None:
        return kind
    if isinstance(x, bool) or x is None:
        return None
    if isinstance(x, dict):
        return dict
    if isinstance(x, list):
        return list
    if isinstance(x, str):
        return str
    if isinstance(x, int | float):
        return float
    return None


class _Node:
    """A compiled (sub)schema: ``check`` is fast, ``errors`` explains a failure."""

    __slots__ = (
        "check",
        "done",
        "ev_app",
        "ev_dep",
        "ev_if",
        "ev_pats",
        "ev_props",
        "ev_refs",
        "ev_subs",
        "kws",
        "types",
    )

    def __init__(self) -> None:
        self.check: _Ok = self._late
        self.done = False
        self.kws: list[_Kw] = []
        self.types: _Ok | None = None
        # what jsonschema's find_evaluated_property_keys_by_schema looks at
        self.ev_refs: list[_Node] = []
        self.ev_props: frozenset[str] | None = None
        self.ev_subs: list[_Node] = []
        self.ev_pats: list[Callable[[str], bool]] = []
        self.ev_dep: list[tuple[str, _Node]] = []
        self.ev_app: list[_Node] = []
        self.ev_if: tuple[_Node, _Node | None, _Node | None] | None = None

    def _late(self, x: Any) -> bool:  # replaced by the compiled check when done
        return self.check(x)

    def mtype(self, x: Any) -> bool:
        return self.types is not None and self.types(x)

    def errors(self, x: Any) -> list[_E]:
        kind = _kind(x)
        mtype = self.mtype(x)
        out: list[_E] = []
        for kw in self.kws:
            if (kw.kind is None or kw.kind is kind) and not kw.ok(x):
                out.extend(kw.errs(x, mtype))
        if not out and not self.check(x):  # pragma: no cover - defensive
            out.append(_E((), f"{_r(x)} is not valid", mtype=mtype))
        return out

    def evaluated(self, x: dict[str, Any]) -> set[str]:
        keys: set[str] = set()
        for node in self.ev_refs:
            keys |= node.evaluated(x)
        if self.ev_props is not None:
            keys.update(k for k in self.ev_props if k in x)
        for node in self.ev_subs:
            keys.update(k for k, v in x.items() if node.check(v))
        if self.ev_pats:
            keys.update(k for k in x if any(m(k) for m in self.ev_pats))
        for name, node in self.ev_dep:
            if name in x:
                keys |= node.evaluated(x)
        for node in self.ev_app:
            if node.check(x):
                keys |= node.evaluated(x)
        if self.ev_if is not None:
            if_node, then_node, else_node = self.ev_if
            if if_node.check(x):
                keys |= if_node.evaluated(x)
                if then_node is not None:
                    keys |= then_node.evaluated(x)
            elif else_node is not None:
                keys |= else_node.evaluated(x)
        return keys


def _conj(oks: list[_Ok]) -> _Ok:
    if not oks:
        return _always
    if len(oks) == 1:
        return oks[0]
    if len(oks) == 2:
        a, b = oks
        return lambda x: a(x) and b(x)
    if len(oks) == 3:
        a, b, c = oks
        return lambda x: a(x) and b(x) and c(x)
    funcs = tuple(oks)

    def ok(x: Any) -> bool:
        for f in funcs:  # noqa: SIM110 - faster than all()
            if not f(x):
                return False
        return True

    return ok


def _node_check(node: _Node) -> _Ok:
    """The fast check of a node, from its keywords grouped by the kind they apply to."""
    fast = [kw for kw in node.kws if kw.fast]
    general = _conj([kw.fast_ok or kw.ok for kw in fast if kw.kind is None])
    by_kind: dict[type, _Ok] = {}
    for kind in (dict, list, str, float):
        oks = [kw.fast_ok or kw.ok for kw in fast if kw.kind is kind]
        if oks:
            by_kind[kind] = _conj(oks)
    if not by_kind:
        return general
    if len(by_kind) == 1 and dict in by_kind:
        obj = by_kind[dict]

        def check_object(x: Any) -> bool:
            if not general(x):
                return False
            if type(x) is dict:
                return obj(x)
            return _kind(x) is not dict or obj(x)

        return check_object

    def check(x: Any) -> bool:
        if not general(x):
            return False
        kind = _kind(x)
        specific = None if kind is None else by_kind.get(kind)
        return specific is None or specific(x)

    return check


# --------------------------------------------------------------------------------------
# The compiler of (meta-)schemas
# --------------------------------------------------------------------------------------

_ANNOTATIONS: Final = frozenset(
    {
        "$schema",
        "$id",
        "id",
        "$comment",
        "$vocabulary",
        "$defs",
        "definitions",
        "$anchor",
        "$dynamicAnchor",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
    }
)


class _FormatChecker:
    """The part of jsonschema's FormatChecker we use."""

    def __init__(self, conforms: Callable[[Any, str], bool]) -> None:
        self.conforms = conforms


class _Compiler:
    """Compiles the schemas of a set of JSON Schema resources, starting from one root.

    ``$dynamicRef`` is resolved statically: validation always starts at the root, so the
    outermost dynamic scope is the root resource, whose dynamic anchor wins when it has
    one (the case for the OAS 3.1 dialect and schema.json).
    """

    def __init__(
        self,
        resources_by_uri: Mapping[str, Any],
        root_uri: str,
        *,
        draft4: bool,
        format_checker: _FormatChecker | None = None,
    ) -> None:
        self.resources = resources_by_uri
        self.root_uri = urldefrag(root_uri)[0]
        self.draft4 = draft4
        self.format_checker = format_checker
        self.nodes: dict[int, _Node] = {}
        self.anchor_index: dict[str, dict[str, tuple[Any, bool]]] = {}
        self.root = self.compile(self.resources[self.root_uri], self.root_uri)

    # -- references --------------------------------------------------------------------

    def anchors(self, uri: str) -> dict[str, tuple[Any, bool]]:
        index = self.anchor_index.get(uri)
        if index is None:
            index = {}
            stack = [self.resources[uri]]
            while stack:
                item = stack.pop()
                if isinstance(item, dict):
                    for key in ("$anchor", "$dynamicAnchor"):
                        name = item.get(key)
                        if isinstance(name, str):
                            index[name] = (item, key == "$dynamicAnchor")
                    stack.extend(item.values())
                elif isinstance(item, list):
                    stack.extend(item)
            self.anchor_index[uri] = index
        return index

    def lookup(self, base: str, ref: str) -> tuple[Any, str]:
        uri, fragment = urldefrag(urljoin(base, ref))
        uri = uri or base
        contents = self.resources[uri]
        if not fragment:
            return contents, uri
        if fragment.startswith("/"):
            for part in unquote(fragment[1:]).split("/"):
                if isinstance(contents, list):
                    contents = contents[int(part)]
                else:
                    contents = contents[part.replace("~1", "/").replace("~0", "~")]
            return contents, uri
        return self.anchors(uri)[fragment][0], uri

    def dynamic_lookup(self, base: str, ref: str) -> tuple[Any, str]:
        target, uri = self.lookup(base, ref)
        fragment = urldefrag(urljoin(base, ref))[1]
        if isinstance(target, dict) and target.get("$dynamicAnchor") == fragment:
            outer = self.anchors(self.root_uri).get(fragment)
            if outer is not None and outer[1]:
                return outer[0], self.root_uri
        return target, uri

    # -- compilation -------------------------------------------------------------------

    def compile(self, schema: Any, base: str) -> _Node:
        node = self.nodes.get(id(schema))
        if node is not None:
            return node
        node = _Node()
        self.nodes[id(schema)] = node
        if schema is True or schema == {}:
            node.check = _always
        elif schema is False:
            node.check = _never
            node.kws.append(
                _Kw(_never, lambda x, mt: [_E((), f"False schema does not allow {_r(x)}")], None)
            )
        elif isinstance(schema, dict):
            if not self.draft4 and isinstance(schema.get("$id"), str):
                base = urldefrag(urljoin(base, schema["$id"]))[0]
            flat = None if self.draft4 else self._flatten(schema, base, 0)
            if flat is not None and flat[2]:
                self._compile_flat(node, flat[0], flat[1])
            else:
                self._compile_keywords(node, schema, base)
            if (
                len(node.kws) == 1
                and len(schema) == 1
                and "$ref" in schema
                and node.ev_refs
                and node.ev_refs[0].done
            ):
                node.check = node.ev_refs[0].check  # a plain alias
            else:
                node.check = _node_check(node)
        else:  # pragma: no cover - meta-schemas only hold schemas
            raise TypeError(f"not a schema: {schema!r}")
        node.done = True
        return node

    def _compile_keywords(self, node: _Node, schema: dict[str, Any], base: str) -> None:
        if self.draft4 and "$ref" in schema:
            items: list[tuple[str, Any]] = [("$ref", schema["$ref"])]
        else:
            items = list(schema.items())
        keys = dict(items)
        if "type" in keys:
            types = keys["type"]
            node.types = _type_check([types] if isinstance(types, str) else types, self.draft4)
        for keyword, value in items:
            method = getattr(self, "_kw_" + keyword.lstrip("$"), None)
            if method is not None:
                kw = method(node, value, keys, base)
                if kw is not None:
                    node.kws.append(kw)
            elif keyword not in _ANNOTATIONS and keyword not in _HANDLED_ELSEWHERE:
                raise NotImplementedError(f"keyword {keyword!r} is not supported")

    def _sub(self, schema: Any, base: str) -> _Node:
        return self.compile(schema, base)

    # -- flattening: allOf/$ref groups of plain "type + properties" schemas --------------

    def _flatten(
        self, schema: Any, base: str, depth: int
    ) -> tuple[list[list[str]], dict[str, list[tuple[Any, str]]], bool] | None:
        """(type lists, property schemas, merged anything) when the schema and everything it
        applies in place only assert ``type`` and ``properties``; else None.

        Such a group validates exactly as one schema with all the type lists and, for each
        property, all of its schemas: the 2020-12 meta-schema is one (its vocabularies).
        """
        if not isinstance(schema, dict) or depth > 8:
            return None
        types: list[list[str]] = []
        props: dict[str, list[tuple[Any, str]]] = {}
        merged = False
        for keyword, value in schema.items():
            if keyword in _FLAT_IGNORED:
                continue
            if keyword == "type":
                types.append([value] if isinstance(value, str) else list(value))
            elif keyword == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    props.setdefault(name, []).append((sub, base))
            elif keyword in ("allOf", "$ref"):
                members = value if keyword == "allOf" else [{"$ref": value}]
                for member in members:
                    if set(member) == {"$ref"}:
                        target, uri = self.lookup(base, member["$ref"])
                        found = self._flatten(target, uri, depth + 1)
                    else:
                        found = self._flatten(member, base, depth + 1)
                    if found is None:
                        return None
                    types += found[0]
                    for name, subs in found[1].items():
                        props.setdefault(name, []).extend(subs)
                merged = True
            else:
                return None
        return types, props, merged

    def _compile_flat(
        self, node: _Node, types: list[list[str]], props: dict[str, list[tuple[Any, str]]]
    ) -> None:
        distinct: list[list[str]] = []
        for names in types:
            if names not in distinct:
                distinct.append(names)
        if distinct:
            checks = [_type_check(names, self.draft4) for names in distinct]
            node.types = _conj(checks)
            for names, check in zip(distinct, checks, strict=True):
                node.kws.append(_Kw(check, _type_errors(names), None))
        if props:
            compiled: dict[str, _Node] = {}
            for name, subs in props.items():
                nodes = [self._sub(sub, base) for sub, base in subs]
                compiled[name] = nodes[0] if len(nodes) == 1 else _all_of_node(nodes)
            node.ev_props = frozenset(compiled)
            ok = self._props_ok(compiled)

            def errs(x: dict[str, Any], mt: bool) -> list[_E]:
                out: list[_E] = []
                for k, sub in compiled.items():
                    if k in x and not sub.check(x[k]):
                        out.extend(_under(sub.errors(x[k]), k))
                return out

            node.kws.append(_Kw(ok, errs, dict))

    # -- keywords (each returns the _Kw for the keyword, or None) ----------------------

    def _kw_ref(self, node: _Node, ref: str, keys: dict[str, Any], base: str) -> _Kw:
        schema, uri = self.lookup(base, ref)
        return self._ref_to(node, self._sub(schema, uri))

    def _kw_dynamicRef(self, node: _Node, ref: str, keys: dict[str, Any], base: str) -> _Kw:
        schema, uri = self.dynamic_lookup(base, ref)
        return self._ref_to(node, self._sub(schema, uri))

    @staticmethod
    def _ref_to(node: _Node, target: _Node) -> _Kw:
        node.ev_refs.append(target)
        ok = target.check if target.done else (lambda x: target.check(x))
        return _Kw(ok, lambda x, mt: target.errors(x), None)

    def _kw_type(self, node: _Node, types: Any, keys: dict[str, Any], base: str) -> _Kw:
        names = [types] if isinstance(types, str) else list(types)
        check = node.types
        assert check is not None
        return _Kw(check, _type_errors(names), None)

    def _kw_enum(self, node: _Node, enum: list[Any], keys: dict[str, Any], base: str) -> _Kw:
        values = list(enum)
        hashable = all(isinstance(v, str) for v in values)
        strings = frozenset(values) if hashable else frozenset()

        def ok(x: Any) -> bool:
            if hashable and type(x) is str:
                return x in strings
            return any(_json_equal(x, v) for v in values)

        def errs(x: Any, mt: bool) -> list[_E]:
            return [_E((), f"{_r(x)} is not one of {_r(values)}", mtype=mt, enum=(x, values))]

        return _Kw(ok, errs, None)

    def _kw_const(self, node: _Node, const: Any, keys: dict[str, Any], base: str) -> _Kw:
        return _Kw(
            lambda x: _json_equal(x, const),
            lambda x, mt: [_E((), f"{_r(const)} was expected", mtype=mt, enum=(x, [const]))],
            None,
        )

    def _kw_required(self, node: _Node, names: list[str], keys: dict[str, Any], base: str) -> _Kw:
        required = tuple(names)

        def ok(x: dict[str, Any]) -> bool:
            for name in required:  # noqa: SIM110 - faster than all()
                if name not in x:
                    return False
            return True

        def errs(x: dict[str, Any], mt: bool) -> list[_E]:
            return [
                _E((), f"{name!r} is a required property", mtype=mt, ref_required=name == "$ref")
                for name in required
                if name not in x
            ]

        return _Kw(ok, errs, dict)

    def _members(
        self, keys: dict[str, Any], base: str
    ) -> tuple[dict[str, _Node], list[tuple[Callable[[str], bool], _Node]], _Node | None]:
        props = {k: self._sub(v, base) for k, v in (keys.get("properties") or {}).items()}
        pats = [
            (_matcher(p), self._sub(v, base))
            for p, v in (keys.get("patternProperties") or {}).items()
        ]
        addl = keys.get("additionalProperties")
        return props, pats, (None if addl is None else self._sub(addl, base))

    def _kw_properties(
        self, node: _Node, properties: dict[str, Any], keys: dict[str, Any], base: str
    ) -> _Kw:
        props, pats, addl = self._members(keys, base)
        node.ev_props = frozenset(props)
        ok = self._props_ok(props)
        fast_ok = self._members_ok(props, pats, addl) if pats or addl is not None else None

        def errs(x: dict[str, Any], mt: bool) -> list[_E]:
            out: list[_E] = []
            for k, sub in props.items():
                if k in x and not sub.check(x[k]):
                    out.extend(_under(sub.errors(x[k]), k))
            return out

        # The fast check of properties covers patternProperties and additionalProperties
        # too; their own keywords then only explain failures.
        return _Kw(ok, errs, dict, fast_ok=fast_ok)

    @staticmethod
    def _props_ok(props: dict[str, _Node]) -> Callable[[dict[str, Any]], bool]:
        items = tuple(props.items())
        many = len(items) > 4

        def ok(x: dict[str, Any]) -> bool:
            if many and len(x) < len(items):
                for k, v in x.items():
                    sub = props.get(k)
                    if sub is not None and not sub.check(v):
                        return False
                return True
            for k, sub in items:  # noqa: SIM110 - faster than all()
                if k in x and not sub.check(x[k]):
                    return False
            return True

        return ok

    @staticmethod
    def _members_ok(
        props: dict[str, _Node],
        pats: list[tuple[Callable[[str], bool], _Node]],
        addl: _Node | None,
    ) -> Callable[[dict[str, Any]], bool]:
        def ok(x: dict[str, Any]) -> bool:
            for k, v in x.items():
                sub = props.get(k)
                matched = sub is not None
                if sub is not None and not sub.check(v):
                    return False
                for match, pat_node in pats:
                    if match(k):
                        matched = True
                        if not pat_node.check(v):
                            return False
                if not matched and addl is not None and not addl.check(v):
                    return False
            return True

        return ok

    def _kw_patternProperties(
        self, node: _Node, patterns: dict[str, Any], keys: dict[str, Any], base: str
    ) -> _Kw:
        _, pats, addl = self._members(keys, base)
        node.ev_pats = [m for m, _ in pats]

        def ok(x: dict[str, Any]) -> bool:
            for k, v in x.items():
                for match, sub in pats:
                    if match(k) and not sub.check(v):
                        return False
            return True

        def errs(x: dict[str, Any], mt: bool) -> list[_E]:
            out: list[_E] = []
            for match, sub in pats:
                for k, v in x.items():
                    if match(k) and not sub.check(v):
                        out.extend(_under(sub.errors(v), k))
            return out

        if "properties" in keys:  # the fast check is done by properties
            return _Kw(ok, errs, dict, fast=False)
        if addl is None:
            return _Kw(ok, errs, dict)
        return _Kw(ok, errs, dict, fast=False)  # additionalProperties' fast check does both

    def _kw_additionalProperties(
        self, node: _Node, additional: Any, keys: dict[str, Any], base: str
    ) -> _Kw:
        props, pats, addl = self._members(keys, base)
        assert addl is not None
        node.ev_subs.append(addl)
        pattern_names = sorted(keys.get("patternProperties") or {})

        def extras(x: dict[str, Any]) -> list[str]:
            return [k for k in x if k not in props and not any(m(k) for m, _ in pats)]

        def ok(x: dict[str, Any]) -> bool:
            for k, v in x.items():
                if k not in props and not any(m(k) for m, _ in pats) and not addl.check(v):
                    return False
            return True

        def errs(x: dict[str, Any], mt: bool) -> list[_E]:
            names = extras(x)
            if additional is False:
                names.sort(key=str)
                tail: _Path = (names[0],) if len(names) == 1 else ()
                joined = ", ".join(repr(n) for n in names)
                verb = "was" if len(names) == 1 else "were"
                msg = f"Additional properties are not allowed ({joined} {verb} unexpected)"
                if pattern_names:
                    regexes = ", ".join(repr(p) for p in pattern_names)
                    msg += f"; other names must match {regexes}"
                return [_E((), msg + _non_string_hint(names), mtype=mt, tail=tail)]
            out: list[_E] = []
            for k in names:
                if not addl.check(x[k]):
                    out.extend(_under(addl.errors(x[k]), k))
            return out

        if "properties" in keys:  # the fast check is done by properties
            return _Kw(ok, errs, dict, fast=False)
        if "patternProperties" in keys:
            return _Kw(ok, errs, dict, fast_ok=self._members_ok(props, pats, addl))
        return _Kw(ok, errs, dict)

    def _kw_unevaluatedProperties(
        self, node: _Node, unevaluated: Any, keys: dict[str, Any], base: str
    ) -> _Kw:
        sub = self._sub(unevaluated, base)
        node.ev_subs.append(sub)

        def leftovers(x: dict[str, Any]) -> list[str]:
            evaluated = node.evaluated(x)
            return [k for k, v in x.items() if k not in evaluated and not sub.check(v)]

        def ok(x: dict[str, Any]) -> bool:
            evaluated = node.evaluated(x)
            for k, v in x.items():  # noqa: SIM110 - faster than all()
                if k not in evaluated and not sub.check(v):
                    return False
            return True

        def errs(x: dict[str, Any], mt: bool) -> list[_E]:
            names = leftovers(x)
            verb = "was" if len(names) == 1 else "were"
            if unevaluated is False:
                names.sort(key=str)
                joined = ", ".join(repr(n) for n in names)
                msg = f"Unevaluated properties are not allowed ({joined} {verb} unexpected)"
            else:
                joined = ", ".join(repr(n) for n in names)
                msg = (
                    "Unevaluated properties are not valid under the given schema "
                    f"({joined} {verb} unevaluated and invalid)"
                )
            tail: _Path = (names[0],) if len(names) == 1 else ()
            return [_E((), msg + _non_string_hint(names), mtype=mt, tail=tail)]

        return _Kw(ok, errs, dict)

    def _kw_propertyNames(self, node: _Node, names: Any, keys: dict[str, Any], base: str) -> _Kw:
        sub = self._sub(names, base)

        def ok(x: dict[str, Any]) -> bool:
            return all(sub.check(k) for k in x)

        def errs(x: dict[str, Any], mt: bool) -> list[_E]:
            out: list[_E] = []
            for k in x:
                if not sub.check(k):
                    # jsonschema reports these at the object; we point at the member
                    out.extend(
                        _E(
                            e.path,
                            e.msg,
                            mtype=e.mtype,
                            weak=e.weak,
                            context=e.context,
                            tail=(k, *e.tail),
                        )
                        for e in sub.errors(k)
                    )
            return out

        return _Kw(ok, errs, dict)

    def _kw_dependentSchemas(
        self, node: _Node, deps: dict[str, Any], keys: dict[str, Any], base: str
    ) -> _Kw:
        compiled = [(name, self._sub(schema, base)) for name, schema in deps.items()]
        node.ev_dep = compiled

        def ok(x: dict[str, Any]) -> bool:
            return all(sub.check(x) for name, sub in compiled if name in x)

        def errs(x: dict[str, Any], mt: bool) -> list[_E]:
            out: list[_E] = []
            for name, sub in compiled:
                if name in x and not sub.check(x):
                    out.extend(sub.errors(x))
            return out

        return _Kw(ok, errs, dict)

    def _kw_dependencies(
        self, node: _Node, deps: dict[str, Any], keys: dict[str, Any], base: str
    ) -> _Kw:
        arrays = [(name, tuple(dep)) for name, dep in deps.items() if isinstance(dep, list)]
        schemas = [
            (name, self._sub(dep, base)) for name, dep in deps.items() if not isinstance(dep, list)
        ]

        def ok(x: dict[str, Any]) -> bool:
            for name, needed in arrays:
                if name in x and any(n not in x for n in needed):
                    return False
            return all(sub.check(x) for name, sub in schemas if name in x)

        def errs(x: dict[str, Any], mt: bool) -> list[_E]:
            out = [
                _E((), f"{n!r} is a dependency of {name!r}", mtype=mt)
                for name, needed in arrays
                if name in x
                for n in needed
                if n not in x
            ]
            for name, sub in schemas:
                if name in x and not sub.check(x):
                    out.extend(sub.errors(x))
            return out

        return _Kw(ok, errs, dict)

    def _kw_minProperties(self, node: _Node, n: int, keys: dict[str, Any], base: str) -> _Kw:
        msg = "should be non-empty" if n == 1 else "does not have enough properties"
        return _Kw(lambda x: len(x) >= n, lambda x, mt: [_E((), f"{_r(x)} {msg}", mtype=mt)], dict)

    def _kw_maxProperties(self, node: _Node, n: int, keys: dict[str, Any], base: str) -> _Kw:
        msg = "is expected to be empty" if n == 0 else "has too many properties"
        return _Kw(lambda x: len(x) <= n, lambda x, mt: [_E((), f"{_r(x)} {msg}", mtype=mt)], dict)

    def _kw_items(self, node: _Node, items: Any, keys: dict[str, Any], base: str) -> _Kw:
        if isinstance(items, list):  # draft-04 tuple form
            subs = [self._sub(s, base) for s in items]

            def ok_tuple(x: list[Any]) -> bool:
                return all(sub.check(v) for sub, v in zip(subs, x, strict=False))

            def errs_tuple(x: list[Any], mt: bool) -> list[_E]:
                out: list[_E] = []
                for i, (sub, v) in enumerate(zip(subs, x, strict=False)):
                    if not sub.check(v):
                        out.extend(_under(sub.errors(v), i))
                return out

            return _Kw(ok_tuple, errs_tuple, list)
        sub = self._sub(items, base)

        def ok(x: list[Any]) -> bool:
            check = sub.check
            for v in x:  # noqa: SIM110 - faster than all()
                if not check(v):
                    return False
            return True

        def errs(x: list[Any], mt: bool) -> list[_E]:
            out: list[_E] = []
            for i, v in enumerate(x):
                if not sub.check(v):
                    out.extend(_under(sub.errors(v), i))
            return out

        return _Kw(ok, errs, list)

    def _kw_minItems(self, node: _Node, n: int, keys: dict[str, Any], base: str) -> _Kw:
        msg = "should be non-empty" if n == 1 else "is too short"
        return _Kw(lambda x: len(x) >= n, lambda x, mt: [_E((), f"{_r(x)} {msg}", mtype=mt)], list)

    def _kw_maxItems(self, node: _Node, n: int, keys: dict[str, Any], base: str) -> _Kw:
        msg = "is expected to be empty" if n == 0 else "is too long"
        return _Kw(lambda x: len(x) <= n, lambda x, mt: [_E((), f"{_r(x)} {msg}", mtype=mt)], list)

    def _kw_uniqueItems(
        self, node: _Node, unique: bool, keys: dict[str, Any], base: str
    ) -> _Kw | None:
        if not unique:
            return None

        def ok(x: list[Any]) -> bool:
            if all(type(v) is str for v in x):
                return len(set(x)) == len(x)
            return _first_duplicate(x) is None

        def errs(x: list[Any], mt: bool) -> list[_E]:
            index = _first_duplicate(x)
            tail: _Path = () if index is None else (index,)
            return [_E((), f"{_r(x)} has non-unique elements", mtype=mt, tail=tail)]

        return _Kw(ok, errs, list)

    def _kw_pattern(self, node: _Node, pattern: str, keys: dict[str, Any], base: str) -> _Kw:
        match = _matcher(pattern)
        return _Kw(
            match,
            lambda x, mt: [_E((), f"{_r(x)} does not match {pattern!r}", mtype=mt)],
            str,
        )

    def _kw_minLength(self, node: _Node, n: int, keys: dict[str, Any], base: str) -> _Kw:
        msg = "should be non-empty" if n == 1 else "is too short"
        return _Kw(lambda x: len(x) >= n, lambda x, mt: [_E((), f"{_r(x)} {msg}", mtype=mt)], str)

    def _kw_maxLength(self, node: _Node, n: int, keys: dict[str, Any], base: str) -> _Kw:
        msg = "is expected to be empty" if n == 0 else "is too long"
        return _Kw(lambda x: len(x) <= n, lambda x, mt: [_E((), f"{_r(x)} {msg}", mtype=mt)], str)

    def _kw_format(self, node: _Node, fmt: str, keys: dict[str, Any], base: str) -> _Kw | None:
        checker = self.format_checker
        if checker is None:
            return None
        conforms = checker.conforms
        return _Kw(
            lambda x: conforms(x, fmt),
            lambda x, mt: [_E((), f"{_r(x)} is not a {fmt!r}", mtype=mt)],
            None,
        )

    def _kw_minimum(self, node: _Node, minimum: float, keys: dict[str, Any], base: str) -> _Kw:
        if self.draft4 and keys.get("exclusiveMinimum", False):
            return _Kw(
                lambda x: bool(x > minimum),
                lambda x, mt: [
                    _E((), f"{_r(x)} is less than or equal to the minimum of {minimum!r}", mtype=mt)
                ],
                float,
            )
        return _Kw(
            lambda x: bool(x >= minimum),
            lambda x, mt: [_E((), f"{_r(x)} is less than the minimum of {minimum!r}", mtype=mt)],
            float,
        )

    def _kw_maximum(self, node: _Node, maximum: float, keys: dict[str, Any], base: str) -> _Kw:
        if self.draft4 and keys.get("exclusiveMaximum", False):
            return _Kw(
                lambda x: bool(x < maximum),
                lambda x, mt: [
                    _E(
                        (),
                        f"{_r(x)} is greater than or equal to the maximum of {maximum!r}",
                        mtype=mt,
                    )
                ],
                float,
            )
        return _Kw(
            lambda x: bool(x <= maximum),
            lambda x, mt: [_E((), f"{_r(x)} is greater than the maximum of {maximum!r}", mtype=mt)],
            float,
        )

    def _kw_exclusiveMinimum(
        self, node: _Node, value: Any, keys: dict[str, Any], base: str
    ) -> _Kw | None:
        if self.draft4:
            return None  # a modifier of minimum
        return _Kw(
            lambda x: bool(x > value),
            lambda x, mt: [
                _E((), f"{_r(x)} is less than or equal to the minimum of {value!r}", mtype=mt)
            ],
            float,
        )

    def _kw_exclusiveMaximum(
        self, node: _Node, value: Any, keys: dict[str, Any], base: str
    ) -> _Kw | None:
        if self.draft4:
            return None
        return _Kw(
            lambda x: bool(x < value),
            lambda x, mt: [
                _E((), f"{_r(x)} is greater than or equal to the maximum of {value!r}", mtype=mt)
            ],
            float,
        )

    def _kw_allOf(self, node: _Node, schemas: list[Any], keys: dict[str, Any], base: str) -> _Kw:
        subs = [self._sub(s, base) for s in schemas]
        node.ev_app.extend(subs)

        def ok(x: Any) -> bool:
            for sub in subs:  # noqa: SIM110 - faster than all()
                if not sub.check(x):
                    return False
            return True

        def errs(x: Any, mt: bool) -> list[_E]:
            out: list[_E] = []
            for sub in subs:
                if not sub.check(x):
                    out.extend(sub.errors(x))
            return out

        return _Kw(ok, errs, None)

    def _kw_anyOf(self, node: _Node, schemas: list[Any], keys: dict[str, Any], base: str) -> _Kw:
        subs = [self._sub(s, base) for s in schemas]
        node.ev_app.extend(subs)

        def ok(x: Any) -> bool:
            for sub in subs:  # noqa: SIM110 - faster than all()
                if sub.check(x):
                    return True
            return False

        def errs(x: Any, mt: bool) -> list[_E]:
            context = [e for sub in subs for e in sub.errors(x)]
            msg = f"{_r(x)} is not valid under any of the given schemas"
            return [_E((), msg, mtype=mt, weak=True, context=context)]

        return _Kw(ok, errs, None)

    def _kw_oneOf(self, node: _Node, schemas: list[Any], keys: dict[str, Any], base: str) -> _Kw:
        subs = [self._sub(s, base) for s in schemas]
        node.ev_app.extend(subs)

        def ok(x: Any) -> bool:
            found = False
            for sub in subs:
                if sub.check(x):
                    if found:
                        return False
                    found = True
            return found

        def errs(x: Any, mt: bool) -> list[_E]:
            valid = [i for i, sub in enumerate(subs) if sub.check(x)]
            if valid:
                msg = f"{_r(x)} is valid under more than one of the given schemas"
                return [_E((), msg, mtype=mt, weak=True)]
            context = [e for sub in subs for e in sub.errors(x)]
            msg = f"{_r(x)} is not valid under any of the given schemas"
            return [_E((), msg, mtype=mt, weak=True, context=context)]

        return _Kw(ok, errs, None)

    def _kw_not(self, node: _Node, schema: Any, keys: dict[str, Any], base: str) -> _Kw:
        sub = self._sub(schema, base)
        names = schema.get("required") if isinstance(schema, dict) and len(schema) == 1 else None
        if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
            quoted = [repr(n) for n in names]
            if len(names) == 1:
                msg = f"{quoted[0]} is not allowed here"
            else:
                msg = f"{', '.join(quoted[:-1])} and {quoted[-1]} are mutually exclusive"
            return _Kw(lambda x: not sub.check(x), lambda x, mt: [_E((), msg, mtype=mt)], None)
        text = _r(schema)
        return _Kw(
            lambda x: not sub.check(x),
            lambda x, mt: [_E((), f"{_r(x)} should not be valid under {text}", mtype=mt)],
            None,
        )

    def _kw_if(self, node: _Node, schema: Any, keys: dict[str, Any], base: str) -> _Kw | None:
        if_node = self._sub(schema, base)
        then_node = self._sub(keys["then"], base) if "then" in keys else None
        else_node = self._sub(keys["else"], base) if "else" in keys else None
        node.ev_if = (if_node, then_node, else_node)
        if then_node is None and else_node is None:
            return None

        def ok(x: Any) -> bool:
            if if_node.check(x):
                return then_node is None or then_node.check(x)
            return else_node is None or else_node.check(x)

        def errs(x: Any, mt: bool) -> list[_E]:
            branch = then_node if if_node.check(x) else else_node
            return [] if branch is None else branch.errors(x)

        return _Kw(ok, errs, None)


_HANDLED_ELSEWHERE: Final = frozenset({"then", "else"})
_FLAT_IGNORED: Final = _ANNOTATIONS


def _non_string_hint(names: list[Any]) -> str:
    odd = [n for n in names if not isinstance(n, str)]
    if not odd:
        return ""
    return f" (names must be strings, not {type(odd[0]).__name__}: quote {odd[0]!r} in YAML)"


def _type_errors(names: list[str]) -> _Errs:
    text = ", ".join(repr(t) for t in names)
    return lambda x, mt: [_E((), f"{_r(x)} is not of type {text}")]


def _all_of_node(nodes: list[_Node]) -> _Node:
    """A node that holds when all of the given nodes do."""
    node = _Node()
    node.ev_app = list(nodes)

    def ok(x: Any) -> bool:
        for sub in nodes:  # noqa: SIM110 - faster than all()
            if not sub.check(x):
                return False
        return True

    def errs(x: Any, mt: bool) -> list[_E]:
        return [e for sub in nodes if not sub.check(x) for e in sub.errors(x)]

    node.kws.append(_Kw(ok, errs, None))
    node.check = ok
    node.done = True
    return node


# --------------------------------------------------------------------------------------
# The meta-schemas
# --------------------------------------------------------------------------------------

_OAS31_DIALECT: Final = "https://spec.openapis.org/oas/3.1/dialect/base"
_DRAFT4: Final = "http://json-schema.org/draft-04/schema"
_DRAFT2020: Final = "https://json-schema.org/draft/2020-12/schema"
# Dialects of 3.1 schemas that our engine checks (the others go to jsonschema), as
# jsonschema's validator_for spells them.
_OUR_DIALECTS: Final = {_DRAFT2020: _DRAFT2020, _DRAFT2020 + "#": _DRAFT2020}

# Where the meta-schemas live: openapi-spec-validator's document schemas, the OAS 3.1
# dialect from openapi-schema-validator and the JSON Schema meta-schemas from
# jsonschema-specifications. They are read without importing those packages (importing
# openapi-spec-validator alone costs ~0.2 s).
_DOCUMENT_SCHEMAS: Final = {
    "3.0": ("openapi_spec_validator", "resources/schemas/v3.0/schema.json"),
    "3.1": ("openapi_spec_validator", "resources/schemas/v3.1/schema.json"),
}
_META_SCHEMAS: Final = (
    ("openapi_schema_validator", "schemas/oas3.1/metaschema.json"),
    ("openapi_schema_validator", "schemas/oas3.1/vocabularies/base"),
    ("jsonschema_specifications", "schemas/draft4/metaschema.json"),
    ("jsonschema_specifications", "schemas/draft202012/metaschema.json"),
    *(
        ("jsonschema_specifications", f"schemas/draft202012/vocabularies/{name}")
        for name in (
            "core",
            "applicator",
            "unevaluated",
            "validation",
            "meta-data",
            "format-annotation",
            "content",
        )
    ),
)


class _Resources(dict[str, Any]):
    """Meta-schemas by URI."""

    def __missing__(self, uri: str) -> Any:
        from jsonschema_specifications import REGISTRY

        contents = REGISTRY.contents(uri)
        self[uri] = contents
        return contents


def _read_json(package: str, path: str) -> Any:
    spec = importlib.util.find_spec(package)
    locations = [] if spec is None else list(spec.submodule_search_locations or [])
    for location in locations:
        candidate = Path(location, path)
        if candidate.is_file():
            return json.loads(candidate.read_text(encoding="utf-8"))
    return json.loads(resources.files(package).joinpath(path).read_text(encoding="utf-8"))


@cache
def _all_resources() -> tuple[_Resources, dict[str, str]]:
    """The meta-schemas by URI, and the URI of each version's document schema."""
    found = _Resources()
    document_uris: dict[str, str] = {}
    for version, (package, path) in _DOCUMENT_SCHEMAS.items():
        contents = _read_json(package, path)
        document_uris[version] = urldefrag(contents.get("$id") or contents.get("id"))[0]
        found[document_uris[version]] = contents
    for package, path in _META_SCHEMAS:
        try:
            contents = _read_json(package, path)
        except (OSError, ValueError):  # pragma: no cover - found through the registry then
            continue
        found[urldefrag(contents.get("$id") or contents.get("id"))[0]] = contents
    return found, document_uris


@cache
def _regex_engine() -> Any:
    """openapi-schema-validator checks the format 'regex' with regress when installed."""
    try:
        from regress import Regex
    except ImportError:
        return None
    return Regex


def _is_regex(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    engine = _regex_engine()
    try:
        if engine is None:
            re.compile(value)
        else:
            engine(value)
    except Exception:
        return False
    return True


@cache
def _uri_formats_checked() -> bool:
    """jsonschema checks 'uri' formats only when rfc3987 or rfc3986-validator is there."""
    return any(importlib.util.find_spec(m) for m in ("rfc3987", "rfc3986_validator"))


def _format_checker(version: str) -> _FormatChecker:
    """The formats of openapi-schema-validator's checkers that meta-schemas use."""

    def conforms(value: Any, fmt: str) -> bool:
        if fmt == "regex":
            return _is_regex(value)
        if fmt in ("uri", "uri-reference", "iri", "iri-reference") and _uri_formats_checked():
            from openapi_schema_validator import oas30_format_checker, oas31_format_checker

            checker = oas30_format_checker if version == "3.0" else oas31_format_checker
            return bool(checker.conforms(value, fmt))
        return True

    return _FormatChecker(conforms)


@cache
def _document_node(version: str) -> _Node:
    """The OAS meta-schema of a version (no format assertions, as the reference)."""
    found, document_uris = _all_resources()
    return _Compiler(found, document_uris[version], draft4=version == "3.0").root


@cache
def _schema_meta_node(version: str, dialect: str = _OAS31_DIALECT) -> _Node:
    """The meta-schema of Schema Objects: draft-04 for 3.0, the OAS 3.1 dialect for 3.1
    (or plain 2020-12, when the document or the schema says so)."""
    found, _ = _all_resources()
    uri = _DRAFT4 if version == "3.0" else dialect
    return _Compiler(
        found, uri, draft4=version == "3.0", format_checker=_format_checker(version)
    ).root


def _schema_errors(node: _Node, instance: Any) -> list[tuple[_Path, str]]:
    if node.check(instance):
        return []
    return [_report(e) for e in node.errors(instance)]


# --------------------------------------------------------------------------------------
# The semantic walk (openapi_spec_validator.validation.keywords, reproduced)
# --------------------------------------------------------------------------------------

_OPERATIONS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_MISSING: Final = object()


class _Unresolvable(Exception):
    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.message = message


def _path_template_names(url: str) -> list[str]:
    """The field names of a path template, as the reference finds them."""
    return [name for _, name, _, _ in string.Formatter().parse(url) if name]


class _Walker:
    """The reference's keyword walk: tags, then paths (parameters, operations, responses,
    media types, their schemas), then components' schemas.

    Every member is read with its ``$ref`` chain followed, as jsonschema-path does; each
    Schema Object is meta-checked once and walked once (by identity), in the reference's
    order, so that the same schemas get the same checks."""

    def __init__(self, document: dict[str, Any], version: str) -> None:
        self.doc = document
        self.version = version
        self.errors: list[SpecError] = []
        self.meta_checked: set[int] = set()
        self.visited: set[int] = set()
        self.operation_ids: list[Any] = []
        self.operation_id_set: set[Any] = set()
        self.reported_refs: set[str] = set()
        self.bad_templates: set[str] = set()
        self.dialect: str | None = None
        self._default_resolver: Any = None
        self.meta = _schema_meta_node(version)

    # -- helpers -----------------------------------------------------------------------

    def error(self, pointer: str, message: str) -> None:
        self.errors.append(SpecError(pointer, _one_line(message)))

    def target(self, ref: str, pointer: str) -> tuple[Any, str]:
        """The value a ``$ref`` points to, and its pointer (resolved as referencing does)."""
        uri, fragment = ("", ref[1:]) if ref.startswith("#") else urldefrag(ref)
        if uri:
            raise _Unresolvable(
                pointer, f"reference {ref!r} is not local: only '#/...' references are resolved"
            )
        if fragment and not fragment.startswith("/"):
            raise _Unresolvable(pointer, f"reference {ref!r} could not be resolved")
        value: Any = self.doc
        parts: list[str | int] = []
        if fragment:
            for raw in unquote(fragment[1:]).split("/"):
                part: str | int = raw.replace("~1", "/").replace("~0", "~")
                try:
                    if isinstance(value, list | tuple | str):
                        part = int(raw)
                    value = value[part]
                except (ValueError, LookupError, TypeError):
                    raise _Unresolvable(
                        pointer, f"reference {ref!r} could not be resolved"
                    ) from None
                parts.append(part)
        return value, _pointer(parts)

    def resolve(self, value: Any, pointer: str) -> tuple[Any, str]:
        """Follow ``$ref`` chains as jsonschema-path does; raise _Unresolvable when broken."""
        seen: set[str] = set()
        while isinstance(value, dict) and isinstance(value.get("$ref"), str):
            ref = value["$ref"]
            ref_pointer = pointer + "/$ref"
            if ref_pointer in seen:
                raise _Unresolvable(ref_pointer, f"reference {ref!r} is circular")
            seen.add(ref_pointer)
            value, pointer = self.target(ref, ref_pointer)
        return value, pointer

    def get(self, container: Any, key: Any, pointer: str) -> tuple[Any, str] | None:
        """A member, resolved; None (and an error) when its reference is broken."""
        try:
            value = container[key]
        except (LookupError, TypeError):
            return None
        try:
            return self.resolve(value, f"{pointer}/{_escape(key)}")
        except _Unresolvable as broken:
            if broken.pointer not in self.reported_refs:
                self.reported_refs.add(broken.pointer)
                self.error(broken.pointer, broken.message)
            return None

    def children(self, value: Any, pointer: str) -> list[tuple[Any, tuple[Any, str]]]:
        """(key, resolved child) of a mapping or a list, as jsonschema-path iterates them."""
        if isinstance(value, dict):
            keys: Iterable[Any] = list(value)
        elif isinstance(value, list):
            keys = range(len(value))
        else:
            return []
        out: list[tuple[Any, tuple[Any, str]]] = []
        for key in keys:
            found = self.get(value, key, pointer)
            if found is not None:
                out.append((key, found))
        return out

    def named_children(self, value: Any, pointer: str) -> list[tuple[str, tuple[Any, str]]]:
        """The members of a mapping with string names (the reference asserts they are)."""
        if not isinstance(value, dict):
            return []
        return [(k, child) for k, child in self.children(value, pointer) if isinstance(k, str)]

    # -- the walk ----------------------------------------------------------------------

    def run(self) -> list[SpecError]:
        doc = self.doc
        if "tags" in doc:
            found = self.get(doc, "tags", "")
            if found is not None:
                self.tags(*found)
        if "paths" in doc:
            found = self.get(doc, "paths", "")
            if found is not None:
                for url, item in self.named_children(*found):
                    self.path_item(url, *item)
        if "components" in doc:
            found = self.get(doc, "components", "")
            if found is not None and isinstance(found[0], dict) and "schemas" in found[0]:
                schemas = self.get(found[0], "schemas", found[1])
                if schemas is not None:
                    for _, schema in self.children(*schemas):
                        self.schema(*schema)
        return self.errors

    def tags(self, tags: Any, pointer: str) -> None:
        seen: set[str] = set()
        for _, (tag, tag_pointer) in self.children(tags, pointer):
            name = tag.get("name") if isinstance(tag, dict) else None
            if not isinstance(name, str):
                continue
            if name in seen:
                self.error(f"{tag_pointer}/name", f"Duplicate tag name '{name}'")
            seen.add(name)

    def path_item(self, url: str, item: Any, pointer: str) -> None:
        if not isinstance(item, dict):
            return
        parameters: tuple[Any, str] | None = None
        if "parameters" in item:
            parameters = self.get(item, "parameters", pointer)
            if parameters is not None:
                self.parameters(*parameters)
        for name, operation in self.named_children(item, pointer):
            if name in _OPERATIONS:
                self.operation(url, name, operation[0], operation[1], parameters)

    def parameters(self, parameters: Any, pointer: str) -> None:
        seen: set[tuple[Any, Any]] = set()
        for _, (parameter, parameter_pointer) in self.children(parameters, pointer):
            if not isinstance(parameter, dict):
                continue
            if "schema" in parameter:
                schema = self.get(parameter, "schema", parameter_pointer)
                if schema is not None:
                    self.schema(*schema)
            name, location = parameter.get("name", _MISSING), parameter.get("in", _MISSING)
            if name is _MISSING or location is _MISSING:
                continue
            try:
                key = (name, location)
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # unhashable: the meta-schema already reports it
                continue
            if duplicate:
                self.error(parameter_pointer, f"Duplicate parameter '{name}'")

    def path_parameter_names(self, parameters: Any, pointer: str) -> list[tuple[str, str]]:
        names: list[tuple[str, str]] = []
        if isinstance(parameters, dict):
            keys: Iterable[Any] = list(parameters)
        elif isinstance(parameters, list):
            keys = range(len(parameters))
        else:
            return names
        for key in keys:
            where = f"{pointer}/{_escape(key)}"
            try:
                parameter, _ = self.resolve(parameters[key], where)
            except _Unresolvable:
                continue  # reported by parameters()
            if not isinstance(parameter, dict):
                continue
            location, name = parameter.get("in"), parameter.get("name")
            if location == "path" and isinstance(name, str):
                names.append((name, where))
        return names

    def operation(
        self,
        url: str,
        method: str,
        operation: Any,
        pointer: str,
        path_parameters: tuple[Any, str] | None,
    ) -> None:
        declared: list[tuple[str, str]] = []
        if isinstance(operation, dict):
            if "operationId" in operation:
                self.operation_id(url, method, operation, pointer)
            if "responses" in operation:
                self.responses(operation, pointer)
            if "parameters" in operation:
                found = self.get(operation, "parameters", pointer)
                if found is not None:
                    self.parameters(*found)
                    declared += self.path_parameter_names(*found)
        if path_parameters is not None:
            declared += self.path_parameter_names(*path_parameters)
        try:
            in_url = set(_path_template_names(url))
        except ValueError as bad:
            if url not in self.bad_templates:
                self.bad_templates.add(url)
                self.error(_path_pointer(url), f"Path template {url!r} is malformed: {bad}")
            return
        declared_names = {name for name, _ in declared}
        for name in sorted(in_url - declared_names):
            self.error(
                pointer,
                f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved",
            )
        reported: set[str] = set()
        for name, where in sorted(declared):
            if name not in in_url and name not in reported:
                reported.add(name)
                self.error(
                    where,
                    f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved",
                )

    def operation_id(self, url: str, method: str, operation: dict[str, Any], pointer: str) -> None:
        found = self.get(operation, "operationId", pointer)
        operation_id = found[0] if found is not None else None
        if operation_id is None:
            return
        try:
            duplicate = operation_id in self.operation_id_set
            self.operation_id_set.add(operation_id)
        except TypeError:
            duplicate = operation_id in self.operation_ids
            self.operation_ids.append(operation_id)
        if duplicate:
            self.error(
                f"{pointer}/operationId",
                f"Operation ID '{operation_id}' for '{method}' in '{url}' is not unique",
            )

    def responses(self, operation: dict[str, Any], pointer: str) -> None:
        found = self.get(operation, "responses", pointer)
        if found is None:
            return
        for _, (response, response_pointer) in self.named_children(*found):
            if not isinstance(response, dict) or "content" not in response:
                continue
            content = self.get(response, "content", response_pointer)
            if content is None:
                continue
            for _, (media_type, media_type_pointer) in self.named_children(*content):
                if isinstance(media_type, dict) and "schema" in media_type:
                    schema = self.get(media_type, "schema", media_type_pointer)
                    if schema is not None:
                        self.schema(*schema)

    # -- schemas -----------------------------------------------------------------------

    def schema(
        self,
        schema: Any,
        pointer: str,
        require_properties: bool = True,
        meta_checked: bool = False,
    ) -> None:
        if not isinstance(schema, dict | bool):
            self.error(pointer, f"{_r(schema)} is not of type 'object', 'boolean'")
            return
        key = id(schema)
        if not meta_checked and key not in self.meta_checked:
            self.meta_checked.add(key)
            problem = self.meta_check(schema)
            if problem is not None:
                where, message = problem
                self.error(pointer + _pointer(where), message)
                return
        if key in self.visited:
            return
        self.visited.add(key)
        if not isinstance(schema, dict):
            return

        nested: set[str] = set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in schema:
                found = self.get(schema, keyword, pointer)
                if found is not None:
                    for _, sub in self.children(*found):
                        self.schema(*sub, require_properties=False, meta_checked=True)
                        if keyword == "allOf":
                            nested |= self.collect_properties(sub[0], set())
        for keyword in ("not", "items"):
            if keyword in schema:
                found = self.get(schema, keyword, pointer)
                if found is not None:
                    self.schema(*found, require_properties=False, meta_checked=True)
        properties: Any = ()
        if "properties" in schema:
            found = self.get(schema, "properties", pointer)
            if found is not None:
                properties = found[0]
                for _, sub in self.children(*found):
                    self.schema(*sub, require_properties=False, meta_checked=True)

        if "allOf" in schema and require_properties:
            self.check_required(schema, properties, nested, pointer)

        if "default" in schema:
            found = self.get(schema, "default", pointer)
            if found is None:
                return
            default = found[0]
            nullable: Any = False
            if "nullable" in schema:
                got = self.get(schema, "nullable", pointer)
                nullable = got[0] if got is not None else False
            if default is not None or nullable is not True:
                self.check_default(schema, default, f"{pointer}/default")

    def check_required(
        self, schema: dict[str, Any], properties: Any, nested: set[str], pointer: str
    ) -> None:
        """Names in ``required`` that neither the schema nor its ``allOf`` define."""
        required = self.quiet(schema.get("required")) or []
        if not isinstance(required, list | dict):
            return
        defined = set(properties) if isinstance(properties, dict) else set()
        extra = [
            name
            for name in dict.fromkeys(n for n in required if isinstance(n, str))
            if name not in defined and name not in nested
        ]
        if extra:
            self.error(
                f"{pointer}/required",
                f"Required list has not defined properties: {sorted(extra)}",
            )

    def collect_properties(self, schema: Any, active: set[int]) -> set[str]:
        """All property names reachable from a schema (the reference's _collect_properties)."""
        if not isinstance(schema, dict) or id(schema) in active:
            return set()
        active = active | {id(schema)}
        names: set[str] = set()
        props = self.quiet(schema.get("properties"))
        if isinstance(props, dict):
            names.update(k for k in props if isinstance(k, str))
        for keyword in ("allOf", "anyOf", "oneOf"):
            subs = self.quiet(schema.get(keyword))
            if isinstance(subs, dict):
                subs = list(subs.values())
            if isinstance(subs, list):
                for sub in subs:
                    names |= self.collect_properties(self.quiet(sub), active)
        for keyword in ("items", "not"):
            if keyword in schema:
                names |= self.collect_properties(self.quiet(schema[keyword]), active)
        return names

    def quiet(self, value: Any) -> Any:
        """A value with its references followed; None when they are broken."""
        try:
            return self.resolve(value, "")[0]
        except _Unresolvable:
            return None

    def meta_check(self, schema: dict[str, Any] | bool) -> tuple[_Path, str] | None:
        """The first error of a Schema Object against its dialect's meta-schema."""
        node = self.meta
        if self.version == "3.1":
            dialect = self.schema_dialect(schema)
            if dialect in _OUR_DIALECTS:
                node = _schema_meta_node("3.1", _OUR_DIALECTS[dialect])
            elif dialect != _OAS31_DIALECT:
                return _jsonschema_meta_check(schema, dialect)
        if node.check(schema):
            return None
        errors = node.errors(schema)
        return _report(errors[0]) if errors else ((), f"{_r(schema)} is not a valid schema")

    def schema_dialect(self, schema: dict[str, Any] | bool) -> Any:
        if isinstance(schema, dict) and "$schema" in schema:
            return schema["$schema"]
        if self.dialect is None:
            value = self.doc.get("jsonSchemaDialect", _OAS31_DIALECT)
            self.dialect = value if isinstance(value, str) else _OAS31_DIALECT
        return self.dialect

    def check_default(self, schema: dict[str, Any], default: Any, pointer: str) -> None:
        if _quick_default(self, schema, default) is True:
            return
        from openapi_schema_validator import (
            OAS30Validator,
            OAS31Validator,
            oas30_format_checker,
            oas31_format_checker,
        )

        if self._default_resolver is None:
            from referencing import Registry
            from referencing.jsonschema import DRAFT202012

            resource = DRAFT202012.create_resource(self.doc)
            self._default_resolver = Registry().with_resource("", resource).resolver("")
        cls: Any = OAS30Validator if self.version == "3.0" else OAS31Validator
        checker = oas30_format_checker if self.version == "3.0" else oas31_format_checker
        try:
            validator = cls(schema, _resolver=self._default_resolver, format_checker=checker)
            for problem in validator.iter_errors(default):
                where = pointer + _pointer(problem.absolute_path)
                self.error(where, f"default: {problem.message}")
        except RecursionError:
            raise
        except Exception as exc:
            self.error(pointer, f"default could not be checked against its schema: {exc}")


# Keywords some jsonschema validator asserts with: the ones _quick_default doesn't handle
# send a default to the full check; any other keyword is ignored, as jsonschema does.
_ASSERTIONS: Final = frozenset(
    {
        "$ref",
        "$dynamicRef",
        "$recursiveRef",
        "additionalItems",
        "additionalProperties",
        "allOf",
        "anyOf",
        "const",
        "contains",
        "dependencies",
        "dependentRequired",
        "dependentSchemas",
        "discriminator",
        "else",
        "enum",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "if",
        "items",
        "maxContains",
        "maxItems",
        "maxLength",
        "maxProperties",
        "maximum",
        "minContains",
        "minItems",
        "minLength",
        "minProperties",
        "minimum",
        "multipleOf",
        "not",
        "oneOf",
        "pattern",
        "patternProperties",
        "prefixItems",
        "properties",
        "propertyNames",
        "required",
        "then",
        "type",
        "unevaluatedItems",
        "unevaluatedProperties",
        "uniqueItems",
    }
)
# Every format a jsonschema or openapi-schema-validator checker may assert; others pass.
_CHECKED_FORMATS: Final = frozenset(
    {
        "date",
        "date-time",
        "time",
        "duration",
        "email",
        "idn-email",
        "hostname",
        "idn-hostname",
        "ipv4",
        "ipv6",
        "uri",
        "uri-reference",
        "iri",
        "iri-reference",
        "uri-template",
        "json-pointer",
        "relative-json-pointer",
        "regex",
        "uuid",
        "color",
        "int32",
        "int64",
        "float",
        "double",
        "byte",
        "binary",
        "password",
    }
)
_QUICK_TYPES: Final[dict[str, Callable[[Any], bool]]] = {
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "number": _is_number,
    "integer": _is_integer_draft4,  # a float is left to the full check
}


def _quick_default(walker: _Walker, schema: Any, value: Any, depth: int = 0) -> bool | None:
    """Whether a value is valid for a schema, for the plain cases: True or False when sure,
    None when the full check (openapi-schema-validator) must decide."""
    if schema is True:
        return True
    if not isinstance(schema, dict) or depth > 20:
        return None
    verdict: bool | None = True
    for keyword, arg in schema.items():
        if not isinstance(keyword, str):
            return None
        result: bool | None
        if keyword not in _ASSERTIONS:
            continue
        if keyword == "type":
            result = _quick_type(walker.version, schema, arg, value)
        elif keyword == "enum":
            result = isinstance(arg, list) and any(_json_equal(value, v) for v in arg)
            if walker.version == "3.0" and value is None and not result:
                result = None  # nullable enums are subtle in 3.0
        elif keyword == "const" and walker.version == "3.1":
            result = _json_equal(value, arg)
        elif keyword == "$ref" and isinstance(arg, str):
            try:
                target, _ = walker.resolve(schema, "")
            except _Unresolvable:
                return None
            result = _quick_default(walker, target, value, depth + 1)
        elif keyword in ("anyOf", "oneOf", "allOf") and isinstance(arg, list) and arg:
            if "discriminator" in schema:
                return None
            results = [_quick_default(walker, sub, value, depth + 1) for sub in arg]
            if keyword == "allOf":
                result = False if False in results else (True if all(results) else None)
            elif keyword == "anyOf":
                result = True if True in results else (None if None in results else False)
            elif results.count(True) > 1:
                result = False
            else:
                result = None if None in results else results.count(True) == 1
        elif keyword == "items" and isinstance(arg, dict | bool):
            if not isinstance(value, list):
                continue
            results = [_quick_default(walker, arg, v, depth + 1) for v in value]
            result = False if False in results else (True if all(results) else None)
        elif keyword == "properties" and isinstance(arg, dict):
            if not isinstance(value, dict):
                continue
            results = [
                _quick_default(walker, sub, value[k], depth + 1)
                for k, sub in arg.items()
                if k in value
            ]
            result = False if False in results else (True if all(results) else None)
        elif keyword == "additionalProperties" and isinstance(arg, dict | bool):
            if not isinstance(value, dict) or arg is True:
                continue
            if "patternProperties" in schema:
                return None
            known = schema.get("properties")
            known = known if isinstance(known, dict) else {}
            extras = [v for k, v in value.items() if k not in known]
            if arg is False:
                result = not extras
            else:
                results = [_quick_default(walker, arg, v, depth + 1) for v in extras]
                result = False if False in results else (True if all(results) else None)
        elif keyword == "propertyNames" and isinstance(arg, dict | bool):
            if not isinstance(value, dict):
                continue
            results = [_quick_default(walker, arg, k, depth + 1) for k in value]
            result = False if False in results else (True if all(results) else None)
        elif keyword == "required" and isinstance(arg, list):
            result = not isinstance(value, dict) or all(k in value for k in arg) or None
        elif keyword in ("minimum", "maximum") and _is_number(arg):
            if walker.version == "3.0" and (
                "exclusiveMinimum" in schema or "exclusiveMaximum" in schema
            ):
                return None
            if not _is_number(value):
                continue
            result = value >= arg if keyword == "minimum" else value <= arg
        elif keyword in ("exclusiveMinimum", "exclusiveMaximum") and walker.version == "3.1":
            if not _is_number(arg):
                return None
            if not _is_number(value):
                continue
            result = value > arg if keyword == "exclusiveMinimum" else value < arg
        elif keyword == "format" and isinstance(arg, str) and arg not in _CHECKED_FORMATS:
            continue
        elif keyword == "pattern" and isinstance(arg, str) and _regex_engine() is None:
            if not isinstance(value, str):
                continue
            try:
                result = re.search(arg, value) is not None
            except re.error:
                return None
        elif keyword in ("minLength", "maxLength") and isinstance(arg, int):
            if not isinstance(value, str):
                continue
            result = len(value) >= arg if keyword == "minLength" else len(value) <= arg
        elif keyword in ("minItems", "maxItems") and isinstance(arg, int):
            if not isinstance(value, list):
                continue
            result = len(value) >= arg if keyword == "minItems" else len(value) <= arg
        else:
            return None
        if result is False:
            return False
        if result is None:
            verdict = None
    return verdict


def _quick_type(version: str, schema: dict[str, Any], types: Any, value: Any) -> bool | None:
    if version == "3.0":  # openapi-schema-validator's OAS 3.0 type keyword
        if not isinstance(types, str) or types not in _QUICK_TYPES:
            return None
        if value is None:
            return schema.get("nullable") is True
        return _QUICK_TYPES[types](value)
    names = [types] if isinstance(types, str) else types
    if not isinstance(names, list):
        return None
    verdict: bool | None = False
    for name in names:
        if name == "null":
            if value is None:
                return True
        elif name == "integer" and isinstance(value, float):
            verdict = None  # 1.0 is an integer in 2020-12
        elif isinstance(name, str) and name in _QUICK_TYPES:
            if _QUICK_TYPES[name](value):
                return True
        else:
            verdict = None
    return verdict


def _path_pointer(url: str) -> str:
    return "/paths/" + _escape(url)


def _jsonschema_meta_check(schema: Any, dialect: Any) -> tuple[_Path, str] | None:
    """Schemas of another dialect are rare: check them with jsonschema, as the reference."""
    from jsonschema.exceptions import SchemaError
    from jsonschema.validators import validator_for
    from openapi_schema_validator import oas31_format_checker

    if not isinstance(dialect, str):
        return (), f"Unknown JSON Schema dialect: {dialect!r}"
    cls: Any = validator_for({"$schema": dialect}, default=None)
    if cls is None:
        return (), f"Unknown JSON Schema dialect: {dialect!r}"
    try:
        cls.check_schema(schema, format_checker=oas31_format_checker)
    except SchemaError as error:
        return tuple(error.absolute_path), error.message
    return None


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------

_VERSION: Final = re.compile(r"(?P<major>\d+)\.(?P<minor>\d+)(\..*)?")


def _version(document: dict[str, Any]) -> str | SpecError:
    """'3.0' or '3.1', or the error that says why the document can't be validated."""
    if "swagger" in document and "openapi" not in document:
        return SpecError(
            "/swagger",
            f"Swagger {_r(document['swagger'])} documents are not supported: "
            "only OpenAPI 3.0.x and 3.1.x are",
        )
    if "openapi" not in document:
        return SpecError("", "'openapi' is a required property: the OpenAPI version is unknown")
    value = document["openapi"]
    if not isinstance(value, str):
        return SpecError(
            "/openapi", f"{_r(value)} is not of type 'string': write the version as '3.x.y'"
        )
    match = _VERSION.match(value)
    if match is not None and match["major"] == "3" and match["minor"] in ("0", "1"):
        return f"3.{match['minor']}"
    return SpecError(
        "/openapi",
        f"OpenAPI version {value!r} is not supported: only 3.0.x and 3.1.x are",
    )


def validate(document: object) -> list[SpecError]:
    """Errors of the document as OpenAPI 3.0/3.1; empty when valid.

    Never raises on any JSON-like input.
    """
    try:
        return _validate(document)
    except RecursionError:
        return [SpecError("", "the document is nested too deeply (or refers to itself)")]
    except Exception as exc:  # pragma: no cover - a bug of ours must not crash the caller
        return [SpecError("", _one_line(f"the document could not be validated: {exc!r}"))]


def _validate(document: object) -> list[SpecError]:
    if not isinstance(document, dict):
        return [
            SpecError("", f"an OpenAPI document is a JSON object, not {type(document).__name__}")
        ]
    version = _version(document)
    if isinstance(version, SpecError):
        return [version]
    errors = [
        SpecError(_pointer(path), _one_line(message))
        for path, message in _schema_errors(_document_node(version), document)
    ]
    errors += _Walker(document, version).run()
    return errors
