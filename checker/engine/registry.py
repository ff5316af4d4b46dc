"""The rule registry: a rule is a function over the model, documented by its docstring.

    @rule("error", scope=CREATES)
    def create_status(op: Operation, api: Api) -> Iterator[Problem]:
        '''Creates answer 201 with the read schema.

        Why: ...
        Bad: (an OpenAPI snippet in YAML, indented)
        Good: (the same, fixed)
        Options: (one `name: meaning` per line)
        '''

The id comes from the function name (`create_status` -> `create-status`), the area from the
module (`checks.responses` -> `responses`), options from keyword-only parameters with
defaults (typed by their annotations), what it looks at from its scope
(checker.model.scopes: the rule is called once per operation or schema the scope selects,
or once for the document), and `restcheck explain` prints the docstring.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, NewType, get_type_hints

if TYPE_CHECKING:
    from checker.model import Api, Operation
    from checker.model.scopes import Scope

Severity = Literal["error", "warning", "info"]
# An option that is a regular expression: the configuration compiles it (a bad one is a
# configuration error naming the file and key, not a rule's crash).
Regex = NewType("Regex", str)
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SECTIONS = ("Why", "Bad", "Good", "FastAPI", "Options")


@dataclass(frozen=True)
class Problem:
    """What a rule yields: where (a JSON pointer) and what is wrong.

    `key` tells apart several problems a rule reports at one pointer; it feeds the
    fingerprint, so keep it stable (a field or parameter name, not a sentence)."""

    pointer: str
    message: str
    operation: Operation | None = None
    key: str = ""
    path: str | None = None  # for problems of a path item rather than one operation


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    type: Any  # the annotation, resolved: `list[str] | None`
    help: str

    @property
    def type_name(self) -> str:
        return getattr(self.type, "__name__", None) or str(self.type).replace("typing.", "")


class Rule:
    """A registered rule. What `check` needs (id, area, severity, the function, its scope and
    its options' defaults) is there at once; its documentation (summary, sections) and its
    options' types and help are read from the function when first asked for (`explain`,
    `rules`, reports, the configuration's check of options): parsing the docstrings and
    resolving the annotations of every rule cost each run ~10 ms it does not need."""

    def __init__(
        self,
        id: str,
        area: str,
        severity: Severity,
        func: Callable[..., Iterator[Problem]],
        scope: Scope | None = None,  # None for live rules: they judge a server
        summary: str | None = None,  # default: the docstring's first line
        sections: dict[str, str] | None = None,  # default: the docstring's sections
    ) -> None:
        self.id, self.area, self.severity, self.func, self.scope = id, area, severity, func, scope
        if summary is not None or sections is not None:
            self.__dict__["_docs"] = (summary or "", sections or {})

    def __repr__(self) -> str:
        return f"Rule({self.id!r}, area={self.area!r}, severity={self.severity!r})"

    @cached_property
    def _docs(self) -> tuple[str, dict[str, str]]:
        return parse_doc(self.doc)

    @property
    def summary(self) -> str:
        return self._docs[0]

    @property
    def sections(self) -> dict[str, str]:
        return self._docs[1]

    @cached_property
    def defaults(self) -> dict[str, Any]:
        """Each option's default: the function's keyword-only parameters."""
        return dict(self.func.__kwdefaults__ or {})

    @cached_property
    def options(self) -> dict[str, Option]:
        """The options, typed by their annotations, with their help from `Options:`."""
        helps = _parse_options(self.sections.get("Options", ""))
        hints = get_type_hints(self.func)
        return {
            name: Option(name, default, hints.get(name, Any), helps.get(name, ""))
            for name, default in self.defaults.items()
        }

    def settings(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Every option's value: the given ones, else the defaults."""
        return self.defaults | dict(given or {})

    def run(self, api: Api, options: Mapping[str, Any] | None = None) -> Iterator[Problem]:
        """The problems of the rule on a document, over what its scope selects."""
        settings = self.settings(options)
        scope = self.scope
        if scope is None or scope.per == "document":
            yield from self.func(api, **settings)
        elif scope.per == "operation":
            for op in scope.judged_operations(api, settings):
                yield from self.func(op, api, **settings)
        else:
            for component in scope.judged_schemas(api, settings):
                yield from self.func(component, api, **settings)

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""


REGISTRY: dict[str, Rule] = {}


def parse_doc(doc: str) -> tuple[str, dict[str, str]]:
    """Split a rule docstring into its summary and its sections (dedented)."""
    lines = doc.splitlines()
    summary = lines[0].strip() if lines else ""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    header = re.compile(rf"^({'|'.join(SECTIONS)}):\s*(.*)$")
    for line in lines[1:]:
        match = header.match(line)
        if match:
            current = sections.setdefault(match.group(1), [])
            if match.group(2):
                current.append(match.group(2))
        elif current is not None:
            current.append(line)
    return summary, {k: textwrap.dedent("\n".join(v)).strip("\n") for k, v in sections.items()}


def _parse_options(text: str) -> dict[str, str]:
    helps: dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(r"^\s*`?([a-z_]+)`?\s*(?:\([^)]*\))?:\s*(.*)$", line)
        if match:
            helps[match.group(1)] = match.group(2)
    return helps


def rule(
    severity: Severity, scope: Scope
) -> Callable[[Callable[..., Iterator[Problem]]], Callable[..., Iterator[Problem]]]:
    """Register a rule function (see the module docstring)."""

    def register(func: Callable[..., Iterator[Problem]]) -> Callable[..., Iterator[Problem]]:
        rule_id = func.__name__.replace("_", "-")
        area = func.__module__.rsplit(".", 1)[-1]
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} is registered twice")
        if func.__code__.co_kwonlyargcount != len(func.__kwdefaults__ or {}):
            raise ValueError(f"rule {rule_id}: an option (keyword-only parameter) has no default")
        REGISTRY[rule_id] = Rule(rule_id, area, severity, func, scope)
        return func

    return register


# -- live rules ---------------------------------------------------------------------------------
# `restcheck probe` reports three rules about a running server (area `live`). They are
# documented like the others (summary, Why, Bad, Good) and `rules`/`explain` show them, but
# they judge HTTP answers, not a document: they live in their own registry so that
# `all_rules()` (what `check`, --select/--ignore and the rule-doc tests run) never holds them.
# Their functions only carry the documentation; checker/probe does the probing.

LIVE: dict[str, Rule] = {}


def live_rule(
    severity: Severity,
) -> Callable[[Callable[..., Iterator[Problem]]], Callable[..., Iterator[Problem]]]:
    """Register a live rule: its docstring, id and severity (area `live`, no options)."""

    def register(func: Callable[..., Iterator[Problem]]) -> Callable[..., Iterator[Problem]]:
        rule_id = func.__name__.replace("_", "-")
        if rule_id in LIVE or rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} is registered twice")
        LIVE[rule_id] = Rule(rule_id, "live", severity, func)
        return func

    return register
