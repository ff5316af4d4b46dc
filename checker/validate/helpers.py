"""SpecError, and small helpers on JSON values: short reprs for messages, number
checks, JSON Schema equality."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final


@dataclass(frozen=True)
class SpecError:
    """One problem of an OpenAPI document."""

    pointer: str  # RFC 6901 JSON pointer into the document; "" for the root
    message: str  # one line, says what is wrong


_Path = tuple[str | int, ...]

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


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _is_integer_draft4(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


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
