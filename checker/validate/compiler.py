"""The compiler of (meta-)schemas into :class:`~checker.validate.engine._Node` trees:
``$ref``/``$dynamicRef`` resolved statically, one ``_kw_*`` method per keyword."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final
from urllib.parse import unquote, urldefrag, urljoin

from checker.validate.engine import (
    _E,
    _all_of_node,
    _conj,
    _Kw,
    _Node,
    _node_check,
    _non_string_hint,
    _type_errors,
    _under,
)
from checker.validate.helpers import (
    _always,
    _first_duplicate,
    _json_equal,
    _matcher,
    _never,
    _Path,
    _r,
    _type_check,
)

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
