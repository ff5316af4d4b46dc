"""YAML read as restcheck reads it: yaml-rs first, PyYAML for what yaml-rs does not read.

Imported only when a YAML text is read (PyYAML's import and loader set-up cost a JSON
check nothing). Mapping keys are always strings (YAML reads `200:` as an int) and
timestamps stay strings, so a YAML document is the JSON one; booleans and numbers as YAML
1.2 reads them, whichever parser reads the text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from checker.errors import InputError
from checker.load.files import value_problem


def yaml_problem(exc: yaml.YAMLError, name: str) -> str:
    """A YAML error as one line: `name:line:column: invalid YAML: what`."""
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, yaml.MarkedYAMLError) and mark is not None:
        where = f"{name}:{mark.line + 1}:{mark.column + 1}"
        return f"{where}: invalid YAML: {exc.problem or exc}"
    return f"{name}: invalid YAML: {exc}"


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
    try:
        return yaml.load(text, Loader=loader or _Loader), True
    except yaml.YAMLError as exc:
        raise InputError(yaml_problem(exc, name)) from None
    except RecursionError:
        raise InputError(f"{name}: invalid YAML: nested too deeply") from None
    except ValueError as exc:  # a number of over 4,300 digits
        raise InputError(f"{name}: invalid YAML: {value_problem(exc)}") from None


_REFUSED = object()


class _ReadWithPyYAML(Exception):
    """What PyYAML must read instead, to say where: a duplicate key, a huge number."""


# Python refuses to print integers of over 4,300 digits (sys.get_int_max_str_digits).
_MAX_INT_BITS = 14_000


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


def _key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


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
        name = _key(key)
        if name in node:  # PyYAML will say where
            raise _ReadWithPyYAML(name)
        node[name] = value


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader: keys as strings, timestamps as strings (JSON-compatible documents); a key
    given twice in one mapping is an error."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    # A key written twice is an error; a key written beside a merge (`<<: *base`) overrides
    # the merged one, as YAML's merge keys say.
    own: set[str] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = _key(loader.construct_object(key_node, deep=True))
        if key in own:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        own.add(key)
    loader.flatten_mapping(node)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:  # the merged pairs first, then the node's own
        result[_key(loader.construct_object(key_node, deep=True))] = loader.construct_object(
            value_node, deep=True
        )
    return result


# A document whose YAML aliases make it this many nodes, and this many times its written
# size, is refused: walking it would take minutes (a "billion laughs" document).

_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)

# Booleans and numbers as YAML 1.2 reads them (OpenAPI recommends YAML 1.2; yaml-rs reads
# it): `yes`, `on` and `0777`-as-octal or `1:30`-as-90 are YAML 1.1's, here `yes`, `on`,
# 777 and "1:30", so a document reads the same whichever parser reads it.
_BOOL, _INT = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    _INT,
    re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|0b[01]+)$"),
    list("-+0123456789"),
)
# After the integers: a resolver earlier in the list wins, and `200` is an integer.
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if text.startswith(("0o", "0x", "0b")):
        return int(text[2:], {"o": 8, "x": 16, "b": 2}[text[1]])
    return int(text, 10)


_Loader.add_constructor(_INT, _construct_int)
