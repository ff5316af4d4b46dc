"""The JSON Schema engine: compiled nodes and the errors they report.

A :class:`_Node` is a (sub)schema compiled into closures: ``check`` is the fast yes/no,
``errors`` explains a failure with :class:`_E` errors, which :func:`_report` ranks as
jsonschema's ``best_match`` does. The compiler that builds nodes is in ``compiler``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, NamedTuple

from checker.validate.helpers import _always, _Ok, _Path, _r

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


def _schema_errors(node: _Node, instance: Any) -> list[tuple[_Path, str]]:
    if node.check(instance):
        return []
    return [_report(e) for e in node.errors(instance)]
