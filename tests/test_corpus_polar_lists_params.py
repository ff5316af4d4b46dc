"""Polar's real spec: the reviewed findings of the lists and params rules, pinned.

Skipped when ../shared/corpus is absent. Only these 8 rules run here (see docs/precision.md,
sections lists and params, for why each finding is a true deviation). A change here is a
change of verdict on a real API: review each added or removed finding before updating."""

from __future__ import annotations

from collections import Counter

import pytest

from checker.engine.config import Config
from checker.engine.findings import Finding
from checker.engine.runner import check
from checker.load.source import load
from tests.helpers import corpus_file

RULES = {
    "list-envelope",
    "pagination-params",
    "sorting-param",
    "list-item-consistency",
    "multi-value-filters",
    "no-implicit-filters",
    "organization-filter",
    "no-shape-params",
}

# The 13 envelope lists without `sorting` (and the 3 lists without the envelope below).
UNSORTED = [
    "/v1/benefits/{id}/files",
    "/v1/benefits/{id}/grants",
    "/v1/webhooks/endpoints",
    "/v1/webhooks/deliveries",
    "/v1/files/",
    "/v1/license-keys/",
    "/v1/customers/{id}/payment-methods",
    "/v1/customers/external/{external_id}/payment-methods",
    "/v1/customer-portal/customers/me/payment-methods",
    "/v1/customer-portal/seats/subscriptions",
    "/v1/customer-portal/downloadables/",
    "/v1/customer-portal/license-keys/",
    "/v1/customer-portal/members",
]

# (rule, method, path) of every finding of these rules on polar/openapi.json, reviewed.
POLAR = {
    ("list-envelope", "get", "/v1/metrics/dashboards"),  # a bare array
    ("list-envelope", "get", "/v1/customer-seats"),  # SeatsList
    ("list-envelope", "get", "/v1/customer-portal/seats"),  # SeatsList
    ("list-envelope", "get", "/v1/events/"),  # may answer cursor pagination
    ("list-item-consistency", "get", "/v1/license-keys/"),
    ("list-item-consistency", "get", "/v1/customer-portal/license-keys/"),
    *{("sorting-param", "get", path) for path in UNSORTED},
    # Every list is judged for paging and sorting, those failing list-envelope too: the
    # dashboards (a bare array) and the two SeatsList lists take neither page/limit nor sorting.
    *{
        (rule, "get", path)
        for rule in ("pagination-params", "sorting-param")
        for path in ("/v1/metrics/dashboards", "/v1/customer-seats", "/v1/customer-portal/seats")
    },
    ("multi-value-filters", "get", "/v1/webhooks/deliveries"),  # http_code_class
    ("multi-value-filters", "get", "/v1/members/"),  # customer_id, external_customer_id, role
    ("multi-value-filters", "get", "/v1/customer-portal/license-keys/"),  # benefit_id
    ("multi-value-filters", "get", "/v1/events/"),  # meter_id, parent_id
    ("multi-value-filters", "get", "/v1/event-types/"),  # parent_id, source
}

# Several findings of one rule on one operation, by key (the parameter).
MULTI_VALUE = {
    ("/v1/webhooks/deliveries", "http_code_class"),
    ("/v1/members/", "customer_id"),
    ("/v1/members/", "external_customer_id"),
    ("/v1/members/", "role"),
    ("/v1/customer-portal/license-keys/", "benefit_id"),
    ("/v1/events/", "meter_id"),
    ("/v1/events/", "parent_id"),
    ("/v1/event-types/", "parent_id"),
    ("/v1/event-types/", "source"),
}


@pytest.fixture(scope="module")
def polar_findings() -> list[Finding]:
    source = load(str(corpus_file("polar/openapi.json")))
    return check(source, Config(select=set(RULES)))


def test_polar_findings_are_the_reviewed_ones(polar_findings: list[Finding]) -> None:
    got = {(f.rule, f.method, f.path) for f in polar_findings}
    assert got - POLAR == set(), "new findings on Polar: review them"
    assert POLAR - got == set(), "reviewed findings no longer found"


def test_polar_counts_per_rule(polar_findings: list[Finding]) -> None:
    assert Counter(f.rule for f in polar_findings) == Counter(
        {
            "sorting-param": 16,
            "pagination-params": 3,
            "multi-value-filters": 9,
            "list-envelope": 4,
            "list-item-consistency": 2,
        }
    )


def test_polar_single_valued_filters_by_parameter(polar_findings: list[Finding]) -> None:
    got = {(f.path, f.key) for f in polar_findings if f.rule == "multi-value-filters"}
    assert got == MULTI_VALUE


def test_polar_messages_name_the_deviation(polar_findings: list[Finding]) -> None:
    by_path = {(f.rule, f.path): f.message for f in polar_findings}
    assert by_path[("list-envelope", "/v1/metrics/dashboards")] == (
        "GET /v1/metrics/dashboards answers an array; "
        "expected the list envelope {items, pagination: {total_count, max_page}}"
    )
    assert "ListResourceWithCursorPagination_Event_" in by_path[("list-envelope", "/v1/events/")]
    assert by_path[("list-item-consistency", "/v1/license-keys/")] == (
        "GET /v1/license-keys/ lists LicenseKeyRead; GET /v1/license-keys/{id} answers "
        "LicenseKeyWithActivations; expected the same schema in list and read"
    )


def test_polar_fingerprints_are_unique(polar_findings: list[Finding]) -> None:
    prints = [f.fingerprint for f in polar_findings]
    assert len(prints) == len(set(prints))
    assert not any("-" in p for p in prints), "no ordinal suffixes: pointers and keys differ"


# -- the example apps (no corpus needed) ----------------------------------------------------------


def _example_findings(app: str) -> set[tuple[str, str]]:
    from tests.helpers import SPECS

    findings = check(load(str(SPECS / app / "openapi.json")), Config(select=set(RULES)))
    return {(f.rule, f"{(f.method or '').upper()} {f.path}") for f in findings}


def test_legacy_deviations_are_found_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from tests.helpers import ROOT

    monkeypatch.syspath_prepend(str(ROOT))
    legacy = importlib.import_module("specs.legacy.app")
    table = {(rule, where) for rule, places in legacy.DEVIATIONS.items() for where in places}
    assert _example_findings("legacy") == {(rule, where) for rule, where in table if rule in RULES}


def test_shop_is_clean() -> None:
    assert _example_findings("shop") == set()
