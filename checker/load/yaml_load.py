"""YAML read as restcheck reads it: yaml-rs first, PyYAML (yaml_pyyaml.py) for what
yaml-rs does not read.

Imported only when a YAML text is read; PyYAML only when yaml-rs can't read it (its import
and loader set-up cost the others nothing). Mapping keys are always strings (YAML reads
`200:` as an int) and timestamps stay strings, so a YAML document is the JSON one; booleans
and numbers as YAML 1.2 reads them, whichever parser reads the text.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from checker.load.yaml_keys import key_string

if TYPE_CHECKING:
    import yaml


def yaml_document(text: str, name: str, loader: type[yaml.SafeLoader] | None = None) -> Any:
    """YAML text parsed; every failure is one InputError line naming the file, with the
    position where YAML gives one.

    yaml-rs (Rust) reads it, 15-20 times faster than PyYAML's C loader on a 4 MB spec, with
    the same document on every YAML spec of the corpus; its keys are made strings and its
    timestamps stay strings, as restcheck's PyYAML loader has them. PyYAML (restcheck's
    loader, or the `loader` given) reads what yaml-rs does not: merge keys (`<<`, YAML 1.1)
    and any text yaml-rs refuses, so that an error is PyYAML's, with its line and column."""
    return read_yaml(text, name, loader)[0]


def read_yaml(
    text: str, name: str, loader: type[yaml.SafeLoader] | None, max_replayed: int = 100_000
) -> tuple[Any, bool]:
    """The document, and whether PyYAML read it (its aliases then share nodes); yaml-rs
    replays at most `max_replayed` events for aliases, else PyYAML reads the text."""
    if loader is None and "<<" not in text:
        fast = _fast_yaml(text, max_replayed)
        if fast is not _REFUSED:
            return fast, False
    # PyYAML (imported only now: 15-20 ms that yaml-rs's texts do without)
    from checker.load.yaml_pyyaml import pyyaml_document

    return pyyaml_document(text, name, loader), True


_REFUSED = object()


class _ReadWithPyYAML(Exception):
    """What PyYAML must read instead, to say where: a duplicate key, a huge number."""


# Python refuses to print integers of over 4,300 digits (sys.get_int_max_str_digits).
_MAX_INT_BITS = 14_000


def import_parser() -> None:
    """Import yaml-rs now (a thread about to parse must find it imported: read_ahead)."""
    with suppress(ImportError):  # a platform without its wheel: PyYAML reads
        import yaml_rs  # noqa: F401


def _fast_yaml(text: str, max_replayed: int = 100_000) -> Any:
    """The document yaml-rs reads, keys as strings; _REFUSED when it cannot (not installed,
    or it finds an error PyYAML will then describe)."""
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - a platform without its wheel
        return _REFUSED
    try:
        document = yaml_rs.loads(
            text,
            parse_datetime=False,
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
            # yaml-rs copies what an alias names: past this many events replayed, PyYAML
            # reads the text (sharing nodes) and the caller's expansion check decides.
            alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=max_replayed),
        )
    except (yaml_rs.YAMLDecodeError, RecursionError, ValueError, OverflowError):
        return _REFUSED
    try:
        return _string_keys(document)
    except _ReadWithPyYAML:
        return _REFUSED


def _string_keys(document: Any) -> Any:
    """Mapping keys as strings (`200:` is an int to YAML), in place, without recursion; a
    mapping with two keys that become one string (`1` and `"1"`) is a duplicate key."""
    stack = [document]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            try:
                "".join(node)  # every key a string (the common case), tested at C speed
            except TypeError:
                _rename_keys(node)
            values: Any = node.values()
        else:
            values = node
        for value in values:
            kind = type(value)
            if kind is dict or kind is list:
                stack.append(value)
            elif kind is int and value.bit_length() > _MAX_INT_BITS:
                raise _ReadWithPyYAML("a number too long to read")  # PyYAML says where
    return document


def _rename_keys(node: dict[Any, Any]) -> None:
    items = list(node.items())
    node.clear()
    for key, value in items:
        name = key_string(key)
        if name in node:  # PyYAML will say where
            raise _ReadWithPyYAML(name)
        node[name] = value
