"""What to check and how: selected rules, severities, rule options and per-path overrides.

Defaults need no file: every rule, at its own severity, with its default options. A file is
`--config FILE`, or the first of these found from the working directory upwards (in each
directory, in this order): `restcheck.toml`, `.restcheck.yaml`, `.restcheck.yml`,
`pyproject.toml` with a `[tool.restcheck]` table (a pyproject.toml without one is passed over).

    select = ["paths", "responses"]            # rule ids or areas; default: all
    ignore = ["schema-docs"]
    fail-on = "warning"                        # --fail-on's default
    [severity]                                 # rule id or area -> error|warning|info
    write-returns-read-schema = "error"
    [options.plural-resources]                 # a rule's keyword-only parameters
    allow = ["oauth2"]
    [[overrides]]                              # paths (globs), methods -> ignore / severity
    paths = ["/v1/oauth2/*"]
    methods = ["put"]
    ignore = ["standard-methods"]
    [model]                                    # a segment's role, when the model is wrong
    roles = {"attach" = "action", "/v1/jobs/*/status" = "singleton"}

(In pyproject.toml every table is under `tool.restcheck`; in YAML the same keys, nested.)
Every problem is a ConfigError whose message names the file and the key.
"""

from __future__ import annotations

import re
from collections import abc
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from checker.engine.registry import SEVERITIES, Regex, Rule, Severity
from checker.errors import ConfigError, InputError, UsageError
from checker.load.files import Unreadable, read_text
from checker.load.source import yaml_document
from checker.model import METHODS
from checker.pointers import path_of, schema_of
from checker.words import did_you_mean

if TYPE_CHECKING:
    from checker.engine.findings import Finding

FILE_NAMES = ("restcheck.toml", ".restcheck.yaml", ".restcheck.yml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
# Other spellings people write for a severity (ruff, eslint and Spectral say `warn`).
SEVERITY_ALIASES = {"warn": "warning"}


def severity_name(value: Any) -> Any:
    """A severity (or fail-on) value with its alias resolved: `warn` is `warning`."""
    return SEVERITY_ALIASES.get(value, value) if isinstance(value, str) else value


_TOP_KEYS = (
    "select",
    "ignore",
    "fail-on",
    "severity",
    "options",
    "overrides",
    "docs-url",
    "diff",
    "model",
)
_MODEL_KEYS = ("roles",)
_DIFF_KEYS = ("levels", "fail-on-change", "accepted")
_ACCEPTED_KEYS = ("change", "reason")
DIFF_LEVELS = ("error", "warning", "info")
_OVERRIDE_KEYS = ("paths", "schemas", "methods", "ignore", "severity", "reason")


@dataclass
class Override:
    """Rules off, or at another severity, for the paths (and methods) or schemas it names."""

    file: str  # the configuration file, as shown in messages
    key: str  # e.g. "tool.restcheck.overrides[0]"
    paths: list[str] = field(default_factory=list)  # globs (fnmatch: `*` crosses `/`)
    schemas: list[str] = field(default_factory=list)  # globs over components.schemas names
    methods: set[str] | None = None  # None: every method (and path-level findings)
    ignore: set[str] = field(default_factory=set)  # rule ids or areas
    severity: dict[str, Severity] = field(default_factory=dict)  # rule id or area -> severity
    reason: str = ""

    def matches(self, finding: Finding) -> bool:
        path = finding.path if finding.path is not None else path_of(finding.pointer)
        if path is not None and any(fnmatchcase(path, glob) for glob in self.paths):
            return self.methods is None or finding.method in self.methods
        schema = schema_of(finding.pointer)
        return schema is not None and any(fnmatchcase(schema, glob) for glob in self.schemas)


@dataclass
class AcceptedChange:
    """A known API change `diff` accepts: its fingerprint (`diff --format json` gives it),
    why, and where it is written (for the stale-entry note)."""

    fingerprint: str
    reason: str
    key: str  # e.g. "diff.accepted[0]"


@dataclass
class DiffPolicy:
    """The configuration's `[diff]` table: levels by change kind (their names are checked by
    diff, which knows the kinds), the change level that fails, the accepted changes."""

    levels: dict[str, str] = field(default_factory=dict)
    fail_on_change: str | None = None
    accepted: list[AcceptedChange] = field(default_factory=list)
    file: str | None = None


@dataclass
class Config:
    select: set[str] | None = None  # rule ids or areas; None means all
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, Severity] = field(default_factory=dict)  # rule id or area -> severity
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    fail_on: str | None = None
    docs_url: str | None = None  # where the rule pages (docs/rules/) are published
    diff: DiffPolicy = field(default_factory=DiffPolicy)
    # `[model] roles`: a segment name, or a path glob ending at the segment -> its role
    roles: dict[str, str] = field(default_factory=dict)
    file: str | None = None  # the configuration file read, as shown in messages

    def enabled(self, rule: Rule) -> bool:
        chosen = self.select is None or rule.id in self.select or rule.area in self.select
        return chosen and rule.id not in self.ignore and rule.area not in self.ignore

    def severity_of(self, rule: Rule) -> Severity:
        return self.severity.get(rule.id) or self.severity.get(rule.area) or rule.severity

    def options_of(self, rule: Rule) -> dict[str, Any]:
        return self.options.get(rule.id, {})

    def check_ids(self, known: dict[str, Rule], where: str) -> None:
        """Raise ConfigError for ids that name no rule and no area."""
        areas = {r.area for r in known.values()}
        names = set(self.select or ()) | self.ignore | set(self.severity) | set(self.options)
        for name in sorted(names):
            if name not in known and name not in areas:
                hint = did_you_mean(name, set(known) | areas)
                raise ConfigError(f"{where}: unknown rule or area '{name}'{hint}")

    def adjust(self, finding: Finding, rule: Rule) -> Severity | None:
        """The finding's severity after the overrides that match it; None when one ignores it."""
        severity = finding.severity
        for override in self.overrides:
            if not override.matches(finding):
                continue
            if rule.id in override.ignore or rule.area in override.ignore:
                return None
            severity = (
                override.severity.get(rule.id) or override.severity.get(rule.area) or severity
            )
        return severity

    def check_overrides(self, paths: Iterable[str], schemas: Iterable[str]) -> None:
        """Raise ConfigError for an override glob that matches nothing in the checked documents."""
        path_names, schema_names = set(paths), set(schemas)
        for override in self.overrides:
            for kind, globs, names in (
                ("paths", override.paths, path_names),
                ("schemas", override.schemas, schema_names),
            ):
                for index, glob in enumerate(globs):
                    if not any(fnmatchcase(name, glob) for name in names):
                        where = "path" if kind == "paths" else "schema (components.schemas)"
                        raise ConfigError(
                            f"{override.file}: {override.key}.{kind}[{index}]: '{glob}' matches "
                            f"no {where} of the checked documents"
                        )

    def with_command_line(self, select: set[str] | None, ignore: set[str]) -> Config:
        """`--select` replaces the file's `select`; `--ignore` adds to its `ignore`."""
        self.select = select if select else self.select
        self.ignore = self.ignore | ignore
        return self


# -- finding and reading the file ---------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The first configuration file from `start` upwards (see the module docstring)."""
    directory = start.resolve()
    while True:
        for name in FILE_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        if directory.parent == directory:
            return None
        directory = directory.parent


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has restcheck's table, in any TOML form (`[tool.restcheck]`,
    `[tool]` with `restcheck = {...}`, dotted keys). One that mentions restcheck but cannot be
    read as TOML is taken as having it, so that reading it says what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if b"restcheck" not in raw:
        return False
    import tomllib

    try:
        tool = tomllib.loads(raw.decode("utf-8-sig")).get("tool")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return True
    return isinstance(tool, Mapping) and "restcheck" in tool


def _shown(path: Path) -> str:
    """The file as messages name it: relative to the working directory when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """The configuration: `--config FILE` when given, else the file found upwards, else none."""
    if explicit is not None:
        path = Path(explicit)
        try:
            read_text(path)
        except Unreadable as exc:
            raise ConfigError(f"--config {explicit}: {exc}") from None
        return read_config(path, shown=explicit)
    found = find_config(start or Path.cwd())
    return read_config(found) if found is not None else Config()


def read_config(path: Path, shown: str | None = None) -> Config:
    """Parse and validate one configuration file."""
    name = shown or _shown(path)
    try:
        text = read_text(path)
    except Unreadable as exc:
        raise ConfigError(f"{name}: {exc}") from None
    prefix = ""
    if path.suffix in (".yaml", ".yml"):
        data = _parse_yaml(text, name)
    else:
        data = _parse_toml(text, name)
        if path.name == "pyproject.toml" or ("tool" in data and len(data) == 1):
            prefix = "tool.restcheck."
            tool = data.get("tool", {})
            data = tool.get("restcheck", {}) if isinstance(tool, Mapping) else {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{name}: {prefix.rstrip('.') or 'the file'}: expected a table/mapping")
    config = _Reader(name, prefix).read(data)
    config.file = name
    return config


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{name}: invalid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        found = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", str(exc))
        if found:  # as name:line:col, like every other position restcheck reports
            problem, line, column = found.groups()
            raise ConfigError(f"{name}:{line}:{column}: invalid TOML: {problem}") from None
        raise ConfigError(f"{name}: invalid TOML: {exc}") from None


def _parse_yaml(text: str, name: str) -> Any:
    import yaml

    try:
        data = yaml_document(text, name, yaml.SafeLoader)
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    return {} if data is None else data


class _Reader:
    """Validates the parsed file against the rules it names."""

    def __init__(self, name: str, prefix: str) -> None:
        from checker.engine.catalogue import all_rules

        self.name = name
        self.prefix = prefix
        self.rules = all_rules()
        self.areas = {r.area for r in self.rules.values()}

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.name}: {self.prefix}{key}: {problem}")

    def read(self, data: Mapping[str, Any]) -> Config:
        self.known_keys(data, "", _TOP_KEYS)
        config = Config()
        if "select" in data:
            config.select = self.ids(data["select"], "select")
        config.ignore = self.ids(data.get("ignore", []), "ignore")
        if "fail-on" in data:
            value = severity_name(data["fail-on"])
            if value not in FAIL_ON:
                raise self.fail("fail-on", f"expected one of {', '.join(FAIL_ON)}, got {value!r}")
            config.fail_on = value
        if "docs-url" in data:
            url = data["docs-url"]
            if not isinstance(url, str) or not url.startswith(("https://", "http://")):
                shown = repr(url) if isinstance(url, str) else _describe(url)
                raise self.fail("docs-url", f"expected an http(s) URL, got {shown}")
            config.docs_url = url
        if "diff" in data:
            config.diff = self.diff_policy(data["diff"])
        if "model" in data:
            config.roles = self.model_roles(data["model"])
        config.severity = self.severities(data.get("severity", {}), "severity")
        config.options = self.options(data.get("options", {}))
        overrides = data.get("overrides", [])
        if not isinstance(overrides, list):
            raise self.fail("overrides", "expected an array of tables ([[overrides]])")
        config.overrides = [self.override(o, f"overrides[{i}]") for i, o in enumerate(overrides)]
        return config

    def diff_policy(self, data: Any) -> DiffPolicy:
        if not isinstance(data, Mapping):
            raise self.fail("diff", f"expected a table, got {_describe(data)}")
        self.known_keys(data, "diff", _DIFF_KEYS)
        policy = DiffPolicy(file=self.name)
        levels = data.get("levels", {})
        if not isinstance(levels, Mapping):
            raise self.fail("diff.levels", "expected a table of change kind = level")
        for kind, given in levels.items():
            level = severity_name(given)
            if level not in DIFF_LEVELS:
                raise self.fail(
                    f"diff.levels.{kind}",
                    f"expected one of {', '.join(DIFF_LEVELS)}, got {given!r}",
                )
            policy.levels[str(kind)] = level
        if "fail-on-change" in data:
            value = severity_name(data["fail-on-change"])
            if value not in FAIL_ON:
                raise self.fail(
                    "diff.fail-on-change", f"expected one of {', '.join(FAIL_ON)}, got {value!r}"
                )
            policy.fail_on_change = value
        accepted = data.get("accepted", [])
        if not isinstance(accepted, list):
            raise self.fail("diff.accepted", "expected an array of tables ([[diff.accepted]])")
        for index, entry in enumerate(accepted):
            key = f"diff.accepted[{index}]"
            if not isinstance(entry, Mapping):
                raise self.fail(key, f"expected a table, got {_describe(entry)}")
            self.known_keys(entry, key, _ACCEPTED_KEYS)
            fingerprint, reason = entry.get("change"), entry.get("reason")
            if not isinstance(fingerprint, str) or not fingerprint:
                raise self.fail(f"{key}.change", "expected the change's fingerprint (a string)")
            if not isinstance(reason, str) or not reason.strip():
                raise self.fail(f"{key}.reason", "say why the change is accepted")
            policy.accepted.append(AcceptedChange(fingerprint, reason.strip(), key))
        return policy

    def model_roles(self, data: Any) -> dict[str, str]:
        """`[model] roles = {"attach" = "action", "/v1/jobs/*/status" = "singleton"}`."""
        from checker.model.roles import PINNABLE

        if not isinstance(data, Mapping):
            raise self.fail("model", f"expected a table, got {_describe(data)}")
        self.known_keys(data, "model", _MODEL_KEYS)
        roles = data.get("roles", {})
        if not isinstance(roles, Mapping):
            raise self.fail("model.roles", "expected a table of segment (or path glob) = role")
        for name, role in roles.items():
            if not isinstance(name, str) or not name or "{" in name.split("/")[-1]:
                raise self.fail(
                    f"model.roles.{name}", "expected a static segment name or a path glob"
                )
            if role not in PINNABLE:
                hint = did_you_mean(str(role), set(PINNABLE))
                raise self.fail(
                    f"model.roles.{name}",
                    f"expected one of {', '.join(PINNABLE)}, got {role!r}{hint}",
                )
        return {str(k): str(v) for k, v in roles.items()}

    def known_keys(self, data: Mapping[str, Any], key: str, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for name in data:
            if name not in allowed:
                where = f"{key}.{name}" if key else str(name)
                raise self.fail(where, f"unknown key; expected one of {', '.join(allowed)}")

    def name_of(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"expected a rule id or area, got {_describe(value)}")
        if value not in self.rules and value not in self.areas:
            hint = did_you_mean(value, set(self.rules) | self.areas)
            raise self.fail(
                key, f"unknown rule or area '{value}'{hint}; `restcheck rules` lists them"
            )
        return value

    def ids(self, value: Any, key: str) -> set[str]:
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list of rule ids or areas, got {_describe(value)}")
        return {self.name_of(item, f"{key}[{i}]") for i, item in enumerate(value)}

    def severities(self, value: Any, key: str) -> dict[str, Severity]:
        if not isinstance(value, Mapping):
            raise self.fail(key, f"expected a table of rule = severity, got {_describe(value)}")
        found: dict[str, Severity] = {}
        for name, given in value.items():
            self.name_of(name, f"{key}.{name}")
            severity = severity_name(given)
            if severity not in SEVERITIES:
                raise self.fail(
                    f"{key}.{name}",
                    f"expected one of {', '.join(SEVERITIES)}, got {given!r}",
                )
            found[name] = severity
        return found

    def options(self, value: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(value, Mapping):
            raise self.fail("options", f"expected a table per rule, got {_describe(value)}")
        found: dict[str, dict[str, Any]] = {}
        for rule_id, given in value.items():
            key = f"options.{rule_id}"
            rule = self.rules.get(rule_id) if isinstance(rule_id, str) else None
            if rule is None:
                raise self.fail(key, f"unknown rule '{rule_id}'; `restcheck rules` lists them")
            if not isinstance(given, Mapping):
                raise self.fail(key, f"expected a table of options, got {_describe(given)}")
            for option_name, option_value in given.items():
                option = rule.options.get(option_name)
                if option is None:
                    has = ", ".join(rule.options) or "none"
                    raise self.fail(
                        f"{key}.{option_name}", f"unknown option of {rule.id} (its options: {has})"
                    )
                if type_matches(option_value, option.type) is False:
                    raise self.fail(
                        f"{key}.{option_name}",
                        f"expected {option.type_name}, got {_describe(option_value)}",
                    )
                if option.type is Regex:
                    try:
                        re.compile(option_value)
                    except re.error as exc:
                        raise self.fail(
                            f"{key}.{option_name}", f"not a regular expression: {exc}"
                        ) from None
            found[rule_id] = dict(given)
        return found

    def override(self, value: Any, key: str) -> Override:
        if not isinstance(value, Mapping):
            raise self.fail(key, f"expected a table, got {_describe(value)}")
        self.known_keys(value, key, _OVERRIDE_KEYS)
        override = Override(file=self.name, key=self.prefix + key)
        override.paths = self.globs(value.get("paths", []), f"{key}.paths")
        override.schemas = self.globs(value.get("schemas", []), f"{key}.schemas")
        if not override.paths and not override.schemas:
            raise self.fail(key, "names no `paths` (globs) and no `schemas`")
        if "methods" in value:
            methods = value["methods"]
            if not isinstance(methods, list) or not methods:
                raise self.fail(f"{key}.methods", "expected a non-empty list of HTTP methods")
            for index, method in enumerate(methods):
                if not isinstance(method, str) or method.lower() not in METHODS:
                    raise self.fail(
                        f"{key}.methods[{index}]",
                        f"expected one of {', '.join(METHODS)}, got {method!r}",
                    )
            override.methods = {m.lower() for m in methods}
        override.ignore = self.ids(value.get("ignore", []), f"{key}.ignore")
        override.severity = self.severities(value.get("severity", {}), f"{key}.severity")
        if not override.ignore and not override.severity:
            raise self.fail(key, "has neither `ignore` nor `severity`: it would change nothing")
        reason = value.get("reason", "")
        if not isinstance(reason, str):
            raise self.fail(f"{key}.reason", f"expected a string, got {_describe(reason)}")
        override.reason = reason
        return override

    def globs(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(key, f"expected a list of globs, got {_describe(value)}")
        return list(value)


def _describe(value: Any) -> str:
    kind = {
        bool: "boolean",
        int: "integer",
        float: "float",
        str: "string",
        list: "list",
        dict: "table",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
    shown = repr(value)
    return f"{kind} {shown if len(shown) <= 40 else shown[:37] + '...'}"


# -- option types -------------------------------------------------------------------------------

_SCALARS: dict[type, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (int, float),
    bool: (bool,),
}
_SEQUENCES = (list, tuple, set, frozenset, abc.Sequence, abc.Iterable, abc.Collection)
_MAPPINGS = (dict, abc.Mapping)


def type_matches(value: Any, annotation: Any) -> bool | None:
    """Whether a value from the file fits an option's annotation (a real type, as the
    registry resolves it). None when the annotation is beyond what this understands (the
    value is then accepted).

    >>> type_matches(["a"], list[str] | None), type_matches("a", list[str] | None)
    (True, False)
    >>> type_matches(True, int), type_matches(3, float), type_matches(None, str | None)
    (False, True, True)
    >>> type_matches("b", Literal["a", "b"]), type_matches({"a": 1}, dict[str, str])
    (True, False)
    """
    if annotation is Any or annotation is object:
        return True
    if annotation is None or annotation is type(None):
        return value is None
    annotation = getattr(annotation, "__supertype__", annotation)  # a NewType: its base
    if annotation in _SCALARS:
        if isinstance(value, bool) and annotation is not bool:
            return False
        return isinstance(value, _SCALARS[annotation])
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Union or origin is UnionType:
        verdicts = [type_matches(value, arg) for arg in args]
        if any(v is True for v in verdicts):
            return True
        return None if any(v is None for v in verdicts) else False
    if origin is Literal:
        return value in args
    if origin in _SEQUENCES:
        if not isinstance(value, list):
            return False
        return _all_match([type_matches(item, args[0]) for item in value] if args else [])
    if origin in _MAPPINGS:
        if not isinstance(value, Mapping):
            return False
        if len(args) != 2:
            return None
        return _all_match(
            [type_matches(k, args[0]) for k in value]
            + [type_matches(v, args[1]) for v in value.values()]
        )
    return None


def _all_match(verdicts: list[bool | None]) -> bool | None:
    return False if False in verdicts else (None if None in verdicts else True)


def configured(
    explicit: str | Path | None,
    select: set[str] | None,
    ignore: set[str],
    where: str,
    start: Path | None = None,
) -> Config:
    """The configuration file's settings (`explicit`, else the file found from `start` or
    the working directory upwards) with `select` replacing and `ignore` adding, whose rule
    ids and areas are checked (`where` names them in the error: `--select/--ignore`)."""
    from checker.engine.catalogue import all_rules

    given = Config(select=select or None, ignore=ignore)
    given.check_ids(all_rules(), where)
    file = load_config(str(explicit) if explicit is not None else None, start)
    return file.with_command_line(given.select, given.ignore)


def fail_threshold(given: str | None, config: Config | None = None) -> str:
    """The severity at or above which a command exits 1: `--fail-on`, else the
    configuration's `fail-on`, else `error`. The one place that resolves it."""
    threshold = severity_name(given or (config.fail_on if config is not None else None) or "error")
    if threshold not in FAIL_ON:
        raise UsageError(f"--fail-on '{given}': expected one of {', '.join(FAIL_ON)}")
    return str(threshold)
