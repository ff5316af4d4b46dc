"""The rule registry: a rule is a function over the model, documented by its docstring.

    @rule("error")
    def create_status(api: Api) -> Iterator[Problem]:
        '''Creates answer 201 with the read schema.

        Why: ...
        Bad: (an OpenAPI snippet in YAML, indented)
        Good: (the same, fixed)
        Options: (one `name: meaning` per line)
        '''

The id comes from the function name (`create_status` -> `create-status`), the area from the
module (`checks.responses` -> `responses`), options from keyword-only parameters with
defaults, and `restcheck explain` prints the docstring.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from checker.model import Api, Operation

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SECTIONS = ("Why", "Bad", "Good", "Options")


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
    type: str
    help: str


@dataclass(frozen=True)
class Rule:
    id: str
    area: str
    severity: Severity
    func: Callable[..., Iterator[Problem]]
    summary: str
    sections: dict[str, str]
    options: dict[str, Option] = field(default_factory=dict)

    def run(self, api: Api, options: dict[str, Any] | None = None) -> Iterator[Problem]:
        return self.func(api, **(options or {}))

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
    severity: Severity,
) -> Callable[[Callable[..., Iterator[Problem]]], Callable[..., Iterator[Problem]]]:
    """Register a rule function (see the module docstring)."""

    def register(func: Callable[..., Iterator[Problem]]) -> Callable[..., Iterator[Problem]]:
        rule_id = func.__name__.replace("_", "-")
        area = func.__module__.rsplit(".", 1)[-1]
        summary, sections = parse_doc(inspect.getdoc(func) or "")
        helps = _parse_options(sections.get("Options", ""))
        options = {}
        for name, param in inspect.signature(func).parameters.items():
            if param.kind is inspect.Parameter.KEYWORD_ONLY:
                annotation = (
                    param.annotation
                    if isinstance(param.annotation, str)
                    else (getattr(param.annotation, "__name__", str(param.annotation)))
                )
                options[name] = Option(name, param.default, annotation, helps.get(name, ""))
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} is registered twice")
        REGISTRY[rule_id] = Rule(rule_id, area, severity, func, summary, sections, options)
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
        summary, sections = parse_doc(inspect.getdoc(func) or "")
        if rule_id in LIVE or rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} is registered twice")
        LIVE[rule_id] = Rule(rule_id, "live", severity, func, summary, sections)
        return func

    return register
