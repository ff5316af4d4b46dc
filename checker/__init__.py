"""restcheck: check OpenAPI documents against Polar's REST API guidelines.

The packages, in the order data flows (docs/architecture.md): load -> validate -> model ->
engine (with the rules of `checks/`) -> report, and the front-ends review, diff, probe and
cli. errors, pointers, words, guideline and version are leaves everything may use.

As a library (checker.library; the pytest helper is checker.testing)::

    from checker import check_app, check_document, check_file, format_findings

Importing `checker` alone loads nothing else: the functions are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.version import __version__

if TYPE_CHECKING:
    from checker.library import check_app, check_document, check_file, format_findings

__all__ = ["__version__", "check_app", "check_document", "check_file", "format_findings"]


def __getattr__(name: str) -> Any:
    if name in ("check_app", "check_document", "check_file", "format_findings"):
        from checker import library

        return getattr(library, name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
