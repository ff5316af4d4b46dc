"""JSON pointers (RFC 6901): where findings, notices and changes point in a document.

>>> join("/paths", "/v1/customers/", "get")
'/paths/~1v1~1customers~1/get'
>>> tokens("/paths/~1v1~1customers~1/get")
['paths', '/v1/customers/', 'get']
>>> tokens(""), tokens("/")
([], [''])
>>> path_of("/paths/~1v1~1a/get/responses"), schema_of("/components/schemas/A~1B/properties")
('/v1/a', 'A/B')
"""

from __future__ import annotations

from collections.abc import Iterable

SCHEMAS = "/components/schemas"


def escape(token: str | int) -> str:
    """One token as written in a pointer: `~` as `~0`, `/` as `~1`."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *more: str | int) -> str:
    """The pointer extended by tokens (escaped here)."""
    return "/".join((pointer, *map(escape, more)))


def from_tokens(path: Iterable[str | int]) -> str:
    return join("", *path)


def tokens(pointer: str) -> list[str]:
    """The unescaped tokens of a pointer; none for the root `""`."""
    return [unescape(t) for t in pointer.split("/")[1:]] if pointer else []


def path_of(pointer: str) -> str | None:
    """The path a pointer into `/paths/...` lies under, else None."""
    found = tokens(pointer)
    return found[1] if len(found) >= 2 and found[0] == "paths" else None


def schema_of(pointer: str) -> str | None:
    """The component schema a pointer into `/components/schemas/...` lies in, else None."""
    found = tokens(pointer)
    return found[2] if len(found) >= 3 and found[:2] == ["components", "schemas"] else None


def within(pointer: str, ancestor: str) -> bool:
    """Whether a pointer is the ancestor or lies under it."""
    return pointer == ancestor or pointer.startswith(ancestor + "/")
