"""A pytest helper: one test that fails, with readable findings, when the API deviates.

    # tests/test_api_guidelines.py
    from checker.testing import assert_conforms
    from app.main import app

    def test_the_api_follows_the_guidelines():
        assert_conforms(app)                      # or a file: assert_conforms("openapi.json")

It checks with the project's configuration (found from the working directory, as the command
line finds it), fails on findings at or above `fail_on` (default: the configuration's
`fail-on`, else `error`) and shows them as `restcheck check` does, with the route function's
file and line for an app.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from checker.engine.config import fail_threshold
from checker.engine.findings import Finding, at_or_above
from checker.library import (
    ConfigFile,
    check_app,
    check_document,
    check_file,
    configuration,
    format_findings,
)
from checker.load.app import APP_SPEC


def findings_of(
    target: Any,
    *,
    config_file: ConfigFile = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Finding]:
    """The findings of a FastAPI app (object or `"MODULE:ATTR"`), a document (dict) or a
    spec file (path)."""
    options: dict[str, Any] = {"config_file": config_file, "select": select, "ignore": ignore}
    if isinstance(target, Mapping):
        return check_document(target, **options)
    if isinstance(target, str) and APP_SPEC.match(target):
        return check_app(target, **options)
    if isinstance(target, (str, Path)):
        return check_file(target, **options)
    return check_app(target, **options)


def assert_conforms(
    target: Any,
    *,
    fail_on: str | None = None,
    config_file: ConfigFile = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Finding]:
    """Raise AssertionError listing the findings at or above `fail_on`; return all findings
    (those below it too) when there are none that fail."""
    __tracebackhide__ = True  # pytest shows the assertion, not this frame
    config = configuration(config_file, select, ignore)
    threshold = fail_threshold(fail_on, config)
    found = findings_of(target, config_file=config_file, select=select, ignore=ignore)
    failing = at_or_above(found, threshold)
    if failing:
        raise AssertionError(
            f"the API deviates from the guidelines (fail-on {threshold}):\n"
            + format_findings(failing)
        )
    return found
