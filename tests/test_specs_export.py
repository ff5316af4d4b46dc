"""The example apps in specs/ and their committed OpenAPI exports.

- the committed `specs/<app>/openapi.json` files are what FastAPI generates now;
- both are OpenAPI 3.1 and versioned under `/v1/`, except legacy's deliberate deviation;
- shop's creates answer 201 with the read schema and its deletes 204 without content, in the
  document and when called;
- legacy's table of deviations names operations and schemas that exist, one rule each.
"""

import asyncio
import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"
APPS = ("shop", "legacy")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# The design's rule catalogue, less valid-openapi and the live-* rules: legacy deviates from
# each of these once at least.
CATALOGUE = {
    "version-prefix",
    "plural-resources",
    "standard-methods",
    "read-status",
    "create-status",
    "update-status",
    "delete-status",
    "validation-error-422",
    "write-returns-read-schema",
    "list-envelope",
    "pagination-params",
    "sorting-param",
    "list-item-consistency",
    "multi-value-filters",
    "no-implicit-filters",
    "organization-filter",
    "no-shape-params",
    "snake-case-fields",
    "separate-write-schemas",
    "partial-update",
    "timestamps",
    "schema-docs",
    "auth-subject",
}


def load(app: str) -> dict[str, Any]:
    return json.loads((SPECS / app / "openapi.json").read_text(encoding="utf-8"))


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in doc["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def import_app(monkeypatch: pytest.MonkeyPatch, app: str) -> ModuleType:
    """`specs.<app>.app`; specs/ is not an installed package, so the root goes on sys.path."""
    monkeypatch.syspath_prepend(str(ROOT))
    return importlib.import_module(f"specs.{app}.app")


def success_codes(operation: dict[str, Any]) -> set[str]:
    return {code for code in operation["responses"] if code.startswith("2")}


def json_schema(response: dict[str, Any]) -> Any:
    return response.get("content", {}).get("application/json", {}).get("schema")


def test_exports_are_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(SPECS / "export.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        "a committed export is stale; run `python specs/export.py` and commit the result:\n"
        + result.stderr
    )


@pytest.mark.parametrize("app", APPS)
def test_exports_are_openapi_31_under_v1(monkeypatch: pytest.MonkeyPatch, app: str) -> None:
    doc = load(app)
    assert doc["openapi"].startswith("3.1.")
    unversioned = {path for path in doc["paths"] if not path.startswith("/v1/")}
    deviations = getattr(import_app(monkeypatch, app), "DEVIATIONS", {})
    allowed = set(deviations.get("version-prefix", []))
    assert unversioned == allowed
    if app == "legacy":
        assert unversioned, "legacy must keep its version-prefix deviation"


def test_shop_creates_answer_201_and_deletes_204_in_the_document() -> None:
    doc = load("shop")
    paths = doc["paths"]
    creates = deletes = 0
    for method, path, operation in operations(doc):
        # A collection is a path with an item path under it: `{collection}/{param}`.
        items = [
            p
            for p in paths
            if p.startswith(path.rstrip("/") + "/{")
            and p.count("/") == path.rstrip("/").count("/") + 1
        ]
        if method == "post" and items and "requestBody" in operation:
            creates += 1
            assert success_codes(operation) == {"201"}, f"POST {path}"
            read = paths[items[0]]["get"]["responses"]["200"]
            assert json_schema(operation["responses"]["201"]) == json_schema(read), f"POST {path}"
        if method == "delete":
            deletes += 1
            assert success_codes(operation) == {"204"}, f"DELETE {path}"
            assert "content" not in operation["responses"]["204"], f"DELETE {path}"
    assert creates >= 3
    assert deletes >= 3


def test_shop_creates_answer_201_and_deletes_204_when_called(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = import_app(monkeypatch, "shop").app
    auth = {"Authorization": "Bearer test"}

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://shop") as client:
            created = await client.post(
                "/v1/products/", json={"name": "Test", "price_amount": 100}, headers=auth
            )
            assert created.status_code == 201, created.text
            url = f"/v1/products/{created.json()['id']}"
            read = await client.get(url, headers=auth)
            assert read.status_code == 200
            assert read.json() == created.json()
            deleted = await client.delete(url, headers=auth)
            assert deleted.status_code == 204
            assert deleted.content == b""
            assert (await client.get(url, headers=auth)).status_code == 404
            assert (await client.get("/v1/products/")).status_code == 401

    asyncio.run(scenario())


def test_legacy_deviation_table_matches_the_export(monkeypatch: pytest.MonkeyPatch) -> None:
    legacy = import_app(monkeypatch, "legacy")
    doc = load("legacy")
    schemas = doc["components"]["schemas"]
    assert set(legacy.DEVIATIONS) == CATALOGUE
    for rule, entries in [*legacy.DEVIATIONS.items(), *legacy.EXCUSED.items()]:
        assert rule in (legacy.__doc__ or ""), f"{rule} missing from the table in the docstring"
        for entry in entries:
            kind, _, name = entry.rpartition(" ")
            if kind == "schema":
                assert name in schemas, f"{rule}: {entry}"
            elif kind:
                assert kind.lower() in doc["paths"].get(name, {}), f"{rule}: {entry}"
            else:
                assert name in doc["paths"], f"{rule}: {entry}"

    put = doc["paths"]["/v1/oauth2/clients/{client_id}"]["put"]
    assert put["x-restcheck-ignore"] == {"standard-methods": "kept for old clients"}
    assert schemas["LegacyBlob"]["x-restcheck-ignore"] == ["schema-docs"]
