"""Polar's real spec: the reviewed findings of every rule, pinned (see docs/precision.md).

Skipped when ../shared/corpus is absent. A change here is a change of verdict on a real API:
review each added or removed finding before updating the pins."""

from __future__ import annotations

from collections import Counter

import pytest

from checker.engine.config import Config
from checker.engine.findings import Finding
from checker.engine.runner import check
from checker.load.source import load
from tests.helpers import corpus_file

# (rule, method, path) of every finding on polar/openapi.json, reviewed one by one.
POLAR = {
    ("plural-resources", None, "/v1/oauth2/register"),
    ("standard-methods", "put", "/v1/oauth2/register/{client_id}"),
    ("create-status", "post", "/v1/oauth2/register"),
    ("create-status", "post", "/v1/customer-portal/seats"),
    ("create-status", "post", "/v1/customer-seats"),
    ("delete-status", "delete", "/v1/subscriptions/{id}"),
    ("delete-status", "delete", "/v1/customer-portal/seats/{seat_id}"),
    ("delete-status", "delete", "/v1/customer-portal/subscriptions/{id}"),
    ("delete-status", "delete", "/v1/customer-seats/{seat_id}"),
    ("validation-error-422", "post", "/v1/orders/{id}/invoice"),
    ("validation-error-422", "post", "/v1/customer-portal/orders/{id}/invoice"),
    ("validation-error-422", "post", "/v1/customer-portal/orders/{id}/confirm-payment"),
    ("validation-error-422", "post", "/v1/customer-portal/customers/me/email-update/verify"),
    ("write-returns-read-schema", "post", "/v1/files/"),
    ("write-returns-read-schema", "patch", "/v1/license-keys/{id}"),
    ("write-returns-read-schema", "post", "/v1/customer-portal/customers/me/payment-methods"),
    ("write-returns-read-schema", "patch", "/v1/event-types/{id}"),
}


@pytest.fixture(scope="module")
def polar_findings() -> list[Finding]:
    source = load(str(corpus_file("polar/openapi.json")))
    return check(source, Config(select={"spec", "paths", "responses"}))


def test_polar_findings_are_the_reviewed_ones(polar_findings: list[Finding]) -> None:
    got = {(f.rule, f.method, f.path) for f in polar_findings}
    assert got - POLAR == set(), "new findings on Polar: review them"
    assert POLAR - got == set(), "reviewed findings no longer found"
    assert len(polar_findings) == len(POLAR)


def test_polar_is_valid_openapi(polar_findings: list[Finding]) -> None:
    assert [f for f in polar_findings if f.rule == "valid-openapi"] == []


def test_polar_counts_per_rule(polar_findings: list[Finding]) -> None:
    assert Counter(f.rule for f in polar_findings) == Counter(
        {
            "delete-status": 4,
            "validation-error-422": 4,
            "write-returns-read-schema": 4,
            "create-status": 3,
            "plural-resources": 1,
            "standard-methods": 1,
        }
    )
