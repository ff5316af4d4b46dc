"""Table-driven API change cases: tests/cases/diff/*.yaml, a base and a head -> exactly the
changes (kind and level) diff reports. Every breaking kind has its non-breaking twin."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.diff.api import compare
from checker.model import build
from tests.helpers import document

CASES = Path(__file__).parent / "cases" / "diff"
TODAY = date(2026, 12, 1)  # the sunset cases use 2020 and 2999: any real today works too


def _load() -> list[dict[str, Any]]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        found.extend(yaml.safe_load(path.read_text()))
    return found


def _document(place: str, snippet: Any) -> dict[str, Any]:
    if place == "document":
        return document(snippet)
    if place == "request":
        body = {"required": True, "content": {"application/json": {"schema": snippet}}}
        operation = {"requestBody": body, "responses": {"201": {"description": "Created"}}}
        return document({"paths": {"/v1/items/": {"post": operation}}})
    if place == "response":
        response = {"description": "OK", "content": {"application/json": {"schema": snippet}}}
        parameter = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        operation = {"parameters": [parameter], "responses": {"200": response}}
        return document({"paths": {"/v1/items/{id}": {"get": operation}}})
    if place == "parameter":
        parameter = {"name": "q", "in": "query", **snippet}
        operation = {"parameters": [parameter], "responses": {"200": {"description": "OK"}}}
        return document({"paths": {"/v1/items/": {"get": operation}}})
    raise AssertionError(f"unknown place {place!r}")


CASE_LIST = _load()


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["name"] for c in CASE_LIST])
def test_case(case: dict[str, Any]) -> None:
    base, head = _document(case["place"], case["base"]), _document(case["place"], case["head"])
    found = compare(build(base), build(head), today=TODAY).changes
    got = sorted((str(c.type), c.level) for c in found)
    expected = sorted((e["type"], e["level"]) for e in case["expect"])
    assert got == expected, [c.message for c in found]
    for change in found:
        assert change.breaking == (change.level == "error")


def test_the_cases_cover_every_kind_this_table_is_for() -> None:
    """Each schema change in some context, and each operation-level kind of the policy
    work (deprecation, sunset, statuses, security)."""
    from checker.diff.kinds import SchemaChange

    covered = {e["type"] for case in CASE_LIST for e in case["expect"]}
    schema_changes = {
        SchemaChange.CONSTRAINT_TIGHTENED,
        SchemaChange.CONSTRAINT_LOOSENED,
        SchemaChange.PATTERN_ADDED,
        SchemaChange.PATTERN_CHANGED,
        SchemaChange.PATTERN_REMOVED,
        SchemaChange.FORMAT_ADDED,
        SchemaChange.FORMAT_CHANGED,
        SchemaChange.FORMAT_REMOVED,
        SchemaChange.DEFAULT_CHANGED,
        SchemaChange.EXTENSIBLE_ENUM_NARROWED,
        SchemaChange.EXTENSIBLE_ENUM_WIDENED,
        SchemaChange.ENUM_WIDENED,
        SchemaChange.FIELD_REMOVED,
    }
    for change in schema_changes:
        assert any(kind.endswith(f"-{change}") for kind in covered), change
    for kind in (
        "operation-removed",
        "deprecated-operation-removed",
        "operation-removed-before-sunset",
        "deprecated-operation-removed-without-sunset",
        "operation-deprecated",
        "status-removed",
        "non-success-status-removed",
        "parameter-removed",
        "deprecated-parameter-removed",
        "security-requirement-added",
        "security-scopes-added",
        "security-requirement-removed",
        "security-alternative-added",
    ):
        assert kind in covered, kind


def test_docs_diff_lists_every_kind_with_its_level() -> None:
    import re

    from checker.diff.kinds import table

    page = (Path(__file__).parent.parent / "docs" / "diff.md").read_text()
    found = re.search(r"<!-- kinds -->\n(.*?)<!-- /kinds -->", page, re.S)
    assert found is not None and found.group(1) == table(), "docs/diff.md is stale: make docs"
