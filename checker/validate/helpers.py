"""SpecError, and small helpers on JSON values: short reprs for messages, JSON pointers, ``type``
checks, JSON Schema equality and uniqueness, ``pattern`` matchers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from checker.pointers import from_tokens


@dataclass(frozen=True)
class SpecError:
    """One problem of an OpenAPI document."""

    pointer: str  # RFC 6901 JSON pointer into the document; "" for the root
    message: str  # one line, says what is wrong


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


def _pointer(path: Iterable[str | int]) -> str:
    return from_tokens(path)


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
