"""restcheck as a library: check a document, a file or a FastAPI app from Python.

    >>> from checker import check_document
    >>> found = check_document({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
    ...                         "paths": {"/customers/": {"get": {"responses": {
    ...                             "200": {"description": "OK"}}}}}},
    ...                        select=["version-prefix"], config_file=False)
    >>> [(f.rule, f.severity, f.path) for f in found]
    [('version-prefix', 'error', '/customers/')]

Every function returns the findings (`checker.engine.findings.Finding`: rule, severity,
message, pointer, line, column, path, method, and `code` for an app), in report order, after
the configuration file's settings: `config_file` names one, `None` finds it from the working
directory upwards as the command line does, `False` uses none. `select`/`ignore` are as on
the command line. An unusable input raises `checker.errors.RestcheckError` (its message is
the one line the command line prints). `format_findings` renders them as `restcheck check`'s
text; `checker.testing.assert_conforms` is the pytest helper.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from checker.engine.catalogue import all_rules
from checker.engine.config import Config, configured
from checker.engine.findings import Finding
from checker.engine.runner import lint_all
from checker.load.app import code_map, load_app, render
from checker.load.source import Source, load
from checker.report import ReportContext, renderer

ConfigFile = str | Path | Literal[False] | None


def configuration(
    config_file: ConfigFile = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Config:
    """The settings a check runs with (see the module docstring)."""
    chosen, dropped = set(select or ()), set(ignore or ())
    if config_file is False:
        given = Config(select=chosen or None, ignore=dropped)
        given.check_ids(all_rules(), "select/ignore")
        return given
    return configured(config_file, chosen, dropped, "select/ignore")


def check_source(source: Source, config: Config) -> list[Finding]:
    """The findings of one loaded source."""
    return lint_all([source], config)[0].findings


def check_document(
    document: Mapping[str, Any],
    name: str = "<document>",
    *,
    config_file: ConfigFile = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Finding]:
    """Check an OpenAPI document given as a dict (e.g. `app.openapi()`); lines and columns
    are those of its JSON text as `restcheck export` writes it."""
    data = dict(document)
    source = Source(name=name, text=render(data), format="json", document=data)
    return check_source(source, configuration(config_file, select, ignore))


def check_file(
    path: str | Path,
    *,
    config_file: ConfigFile = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Finding]:
    """Check a spec file (JSON or YAML), or a URL."""
    return check_source(load(str(path)), configuration(config_file, select, ignore))


def check_app(
    app: Any,
    *,
    app_dir: str | None = None,
    config_file: ConfigFile = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Finding]:
    """Check a FastAPI app: the app object itself, or `"MODULE:ATTR"` to import. Findings
    about an operation or a schema carry `code`, the route function's or model's file and
    line."""
    config = configuration(config_file, select, ignore)
    if isinstance(app, str):
        source, _ = load_app(app, app_dir)
        return check_source(source, config)
    document = app.openapi()
    name = f"{type(app).__module__}.{type(app).__name__}"
    source = Source(name=name, text=render(document), format="json", document=document)
    source.code = code_map(app, document)
    return check_source(source, config)


def format_findings(findings: list[Finding], sources: list[str] | None = None) -> str:
    """The findings as `restcheck check` prints them (text, no colour)."""
    shown = sources if sources is not None else list(dict.fromkeys(f.source for f in findings))
    return renderer("text")(findings, ReportContext(shown))
