"""PyYAML as restcheck's loader: for the YAML texts yaml-rs does not read (merge keys, and
any text it refuses, so that the error is PyYAML's, with its line and column), and for the
configuration file. Imported only then.

Mapping keys are always strings (YAML reads `200:` as an int) and timestamps stay strings,
so a YAML document is the JSON one; booleans and numbers as YAML 1.2 reads them, as yaml-rs
does.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from checker.errors import InputError
from checker.load.files import value_problem
from checker.load.yaml_keys import key_string


def pyyaml_document(text: str, name: str, loader: type[yaml.SafeLoader] | None = None) -> Any:
    """The document PyYAML reads (with restcheck's loader unless `loader` is given); every
    failure is one InputError line naming the file, with PyYAML's position."""
    try:
        return yaml.load(text, Loader=loader or _Loader)
    except yaml.YAMLError as exc:
        raise InputError(yaml_problem(exc, name)) from None
    except RecursionError:
        raise InputError(f"{name}: invalid YAML: nested too deeply") from None
    except ValueError as exc:  # a number of over 4,300 digits
        raise InputError(f"{name}: invalid YAML: {value_problem(exc)}") from None


def yaml_problem(exc: yaml.YAMLError, name: str) -> str:
    """A YAML error as one line: `name:line:column: invalid YAML: what`."""
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, yaml.MarkedYAMLError) and mark is not None:
        where = f"{name}:{mark.line + 1}:{mark.column + 1}"
        return f"{where}: invalid YAML: {exc.problem or exc}"
    return f"{name}: invalid YAML: {exc}"


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
        key = key_string(loader.construct_object(key_node, deep=True))
        if key in own:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        own.add(key)
    loader.flatten_mapping(node)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:  # the merged pairs first, then the node's own
        result[key_string(loader.construct_object(key_node, deep=True))] = loader.construct_object(
            value_node, deep=True
        )
    return result


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
