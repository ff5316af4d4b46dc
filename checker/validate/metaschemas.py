"""The meta-schemas, read from the installed packages (without importing them), and the
jsonschema-rs validators compiled from them once per version and dialect, with the format
checks the reference applies."""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache, partial
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urldefrag

_OAS31_DIALECT: Final = "https://spec.openapis.org/oas/3.1/dialect/base"
_DRAFT4: Final = "http://json-schema.org/draft-04/schema"
_DRAFT2020: Final = "https://json-schema.org/draft/2020-12/schema"
# Dialects of 3.1 schemas checked here (the others go to jsonschema), as jsonschema's
# validator_for spells them.
_OUR_DIALECTS: Final = {
    _OAS31_DIALECT: _OAS31_DIALECT,
    _DRAFT2020: _DRAFT2020,
    _DRAFT2020 + "#": _DRAFT2020,
}

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


def _read_json(package: str, path: str) -> Any:
    spec = importlib.util.find_spec(package)
    locations = [] if spec is None else list(spec.submodule_search_locations or [])
    for location in locations:
        candidate = Path(location, path)
        if candidate.is_file():
            return json.loads(candidate.read_text(encoding="utf-8"))
    from importlib import resources  # a zipped install: rare, and 5 ms of imports

    return json.loads(resources.files(package).joinpath(path).read_text(encoding="utf-8"))


@cache
def _all_resources() -> tuple[dict[str, Any], dict[str, str]]:
    """The meta-schemas by URI, and the URI of each version's document schema."""
    found: dict[str, Any] = {}
    document_uris: dict[str, str] = {}
    for version, (package, path) in _DOCUMENT_SCHEMAS.items():
        contents = _read_json(package, path)
        document_uris[version] = urldefrag(contents.get("$id") or contents.get("id"))[0]
        found[document_uris[version]] = contents
    for package, path in _META_SCHEMAS:
        contents = _read_json(package, path)
        found[urldefrag(contents.get("$id") or contents.get("id"))[0]] = contents
    return found, document_uris


def _keyword_parent(location: str | None, keyword: object) -> Any:
    """The (sub)schema holding a keyword, from the error's absolute keyword location (which
    may go on past the keyword: ".../dependencies/0"); None when not found."""
    uri, fragment = urldefrag(location or "")
    parts = unquote(fragment).split("/")
    if keyword not in parts[1:]:
        return None
    schema: Any = _all_resources()[0].get(uri)
    for part in parts[1 : len(parts) - 1 - parts[::-1].index(keyword)]:
        token = part.replace("~1", "/").replace("~0", "~")
        try:
            schema = schema[int(token) if isinstance(schema, list) else token]
        except (LookupError, TypeError, ValueError):
            return None
    return schema


@cache
def _regex_engine() -> Any:
    """openapi-schema-validator checks the format 'regex' with regress when installed."""
    try:
        from regress import Regex
    except ImportError:
        return None
    return Regex


def _is_regex(value: str) -> bool:
    try:
        (_regex_engine() or re.compile)(value)
    except Exception:
        return False
    return True


_URI_FORMATS: Final = ("uri", "uri-reference", "iri", "iri-reference")


@cache
def _uri_formats_checked() -> bool:
    """jsonschema checks 'uri' formats only when rfc3987 or rfc3986-validator is there."""
    return any(importlib.util.find_spec(m) for m in ("rfc3987", "rfc3986_validator"))


def _uri_conforms(version: str, fmt: str, value: str) -> bool:
    if not _uri_formats_checked():
        return True
    from openapi_schema_validator import oas30_format_checker, oas31_format_checker

    checker = oas30_format_checker if version == "3.0" else oas31_format_checker
    return bool(checker.conforms(value, fmt))


@cache
def _registry() -> Any:
    from jsonschema_rs import Registry

    return Registry(list(_all_resources()[0].items()))


@cache
def _document_validator(version: str) -> Any:
    """The OAS meta-schema of a version (no format assertions, as the reference)."""
    from jsonschema_rs import validator_for

    found, document_uris = _all_resources()
    schema = found[document_uris[version]]
    return validator_for(schema, registry=_registry(), validate_formats=False, offline=True)


@cache
def _schema_validator(version: str, dialect: str = _OAS31_DIALECT) -> Any:
    """The meta-schema of Schema Objects: draft-04 for 3.0, the OAS 3.1 dialect for 3.1
    (or plain 2020-12, when the document or the schema says so)."""
    from jsonschema_rs import validator_for

    schema = _all_resources()[0][_DRAFT4 if version == "3.0" else dialect]
    return validator_for(
        schema,
        registry=_registry(),
        validate_formats=True,
        # the formats meta-schemas use, checked as openapi-schema-validator's checkers do
        formats={
            "regex": _is_regex,
            **{f: partial(_uri_conforms, version, f) for f in _URI_FORMATS},
        },
        offline=True,
    )
