"""The meta-schemas: read from the installed packages (without importing them), compiled
once per version and dialect, with the format checks the reference applies."""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final
from urllib.parse import urldefrag

from checker.validate.compiler import _Compiler, _FormatChecker
from checker.validate.engine import _Node

_OAS31_DIALECT: Final = "https://spec.openapis.org/oas/3.1/dialect/base"
_DRAFT4: Final = "http://json-schema.org/draft-04/schema"
_DRAFT2020: Final = "https://json-schema.org/draft/2020-12/schema"
# Dialects of 3.1 schemas that our engine checks (the others go to jsonschema), as
# jsonschema's validator_for spells them.
_OUR_DIALECTS: Final = {_DRAFT2020: _DRAFT2020, _DRAFT2020 + "#": _DRAFT2020}

# Where the meta-schemas live: openapi-spec-validator's document schemas, the OAS 3.1
# dialect from openapi-schema-validator and the JSON Schema meta-schemas from
# jsonschema-specifications. They are read without importing those packages (importing
# openapi-spec-validator alone costs ~0.2 s).
_DOCUMENT_SCHEMAS: Final = {
    "3.0": ("openapi_spec_validator", "resources/schemas/v3.0/schema.json"),
    "3.1": ("openapi_spec_validator", "resources/schemas/v3.1/schema.json"),
}
_META_SCHEMAS: Final = (
    ("openapi_schema_validator", "schemas/oas3.1/metaschema.json"),
    ("openapi_schema_validator", "schemas/oas3.1/vocabularies/base"),
    ("jsonschema_specifications", "schemas/draft4/metaschema.json"),
    ("jsonschema_specifications", "schemas/draft202012/metaschema.json"),
    *(
        ("jsonschema_specifications", f"schemas/draft202012/vocabularies/{name}")
        for name in (
            "core",
            "applicator",
            "unevaluated",
            "validation",
            "meta-data",
            "format-annotation",
            "content",
        )
    ),
)


class _Resources(dict[str, Any]):
    """Meta-schemas by URI."""

    def __missing__(self, uri: str) -> Any:
        from jsonschema_specifications import REGISTRY

        contents = REGISTRY.contents(uri)
        self[uri] = contents
        return contents


def _read_json(package: str, path: str) -> Any:
    spec = importlib.util.find_spec(package)
    locations = [] if spec is None else list(spec.submodule_search_locations or [])
    for location in locations:
        candidate = Path(location, path)
        if candidate.is_file():
            return json.loads(candidate.read_text(encoding="utf-8"))
    return json.loads(resources.files(package).joinpath(path).read_text(encoding="utf-8"))


@cache
def _all_resources() -> tuple[_Resources, dict[str, str]]:
    """The meta-schemas by URI, and the URI of each version's document schema."""
    found = _Resources()
    document_uris: dict[str, str] = {}
    for version, (package, path) in _DOCUMENT_SCHEMAS.items():
        contents = _read_json(package, path)
        document_uris[version] = urldefrag(contents.get("$id") or contents.get("id"))[0]
        found[document_uris[version]] = contents
    for package, path in _META_SCHEMAS:
        try:
            contents = _read_json(package, path)
        except (OSError, ValueError):  # pragma: no cover - found through the registry then
            continue
        found[urldefrag(contents.get("$id") or contents.get("id"))[0]] = contents
    return found, document_uris


@cache
def _regex_engine() -> Any:
    """openapi-schema-validator checks the format 'regex' with regress when installed."""
    try:
        from regress import Regex
    except ImportError:
        return None
    return Regex


def _is_regex(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    engine = _regex_engine()
    try:
        if engine is None:
            re.compile(value)
        else:
            engine(value)
    except Exception:
        return False
    return True


@cache
def _uri_formats_checked() -> bool:
    """jsonschema checks 'uri' formats only when rfc3987 or rfc3986-validator is there."""
    return any(importlib.util.find_spec(m) for m in ("rfc3987", "rfc3986_validator"))


def _format_checker(version: str) -> _FormatChecker:
    """The formats of openapi-schema-validator's checkers that meta-schemas use."""

    def conforms(value: Any, fmt: str) -> bool:
        if fmt == "regex":
            return _is_regex(value)
        if fmt in ("uri", "uri-reference", "iri", "iri-reference") and _uri_formats_checked():
            from openapi_schema_validator import oas30_format_checker, oas31_format_checker

            checker = oas30_format_checker if version == "3.0" else oas31_format_checker
            return bool(checker.conforms(value, fmt))
        return True

    return _FormatChecker(conforms)


@cache
def _document_node(version: str) -> _Node:
    """The OAS meta-schema of a version (no format assertions, as the reference)."""
    found, document_uris = _all_resources()
    return _Compiler(found, document_uris[version], draft4=version == "3.0").root


@cache
def _schema_meta_node(version: str, dialect: str = _OAS31_DIALECT) -> _Node:
    """The meta-schema of Schema Objects: draft-04 for 3.0, the OAS 3.1 dialect for 3.1
    (or plain 2020-12, when the document or the schema says so)."""
    found, _ = _all_resources()
    uri = _DRAFT4 if version == "3.0" else dialect
    return _Compiler(
        found, uri, draft4=version == "3.0", format_checker=_format_checker(version)
    ).root
