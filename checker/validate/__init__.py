"""Validation of OpenAPI 3.0.x / 3.1.x documents.

The verdicts follow openapi-spec-validator 0.9 (the reference), at a fraction of its cost:

* The document is checked against the OAS meta-schema that openapi-spec-validator ships
  (``resources/schemas/v3.x/schema.json``) by jsonschema-rs, a maintained JSON Schema
  engine in Rust; each error it reports becomes one of ours, the best error of an
  anyOf/oneOf chosen as jsonschema's ``best_match`` does.
* One walk over paths and components then reproduces the reference's semantic checks in
  the reference's order: schema objects checked against their dialect's meta-schema
  (draft-04 for 3.0, the OAS 3.1 dialect for 3.1; jsonschema-rs again), ``required`` names
  missing from ``allOf`` properties, defaults valid for their schema (with
  openapi-schema-validator itself: there are few), parameters declared/resolved and unique,
  unique operationIds, unique tag names and ``$ref`` targets that exist.

Public API: :class:`SpecError` and :func:`validate`.

helpers.py      SpecError; JSON values: short reprs, equality
metaschemas.py  the meta-schemas read from the installed packages; their validators, formats
errors.py       jsonschema-rs errors as ours: the best one of an anyOf/oneOf, our wording
semantic.py     the semantic walk, and the quick checks of ``default`` values
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from checker.pointers import from_tokens
from checker.validate.errors import best
from checker.validate.helpers import SpecError, _one_line, _r
from checker.validate.metaschemas import _document_validator, _schema_validator
from checker.validate.semantic import _Walker

__all__ = ["SpecError", "validate", "warm"]

# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------

_VERSION: Final = re.compile(r"(?P<major>\d+)\.(?P<minor>\d+)(\..*)?")


def _version(document: dict[str, Any]) -> str | SpecError:
    """'3.0' or '3.1', or the error that says why the document can't be validated."""
    if "swagger" in document and "openapi" not in document:
        return SpecError(
            "/swagger",
            f"Swagger {_r(document['swagger'])} documents are not supported: "
            "only OpenAPI 3.0.x and 3.1.x are",
        )
    if "openapi" not in document:
        return SpecError("", "'openapi' is a required property: the OpenAPI version is unknown")
    value = document["openapi"]
    if not isinstance(value, str):
        return SpecError(
            "/openapi", f"{_r(value)} is not of type 'string': write the version as '3.x.y'"
        )
    match = _VERSION.match(value)
    if match is not None and match["major"] == "3" and match["minor"] in ("0", "1"):
        return f"3.{match['minor']}"
    return SpecError(
        "/openapi",
        f"OpenAPI version {value!r} is not supported: only 3.0.x and 3.1.x are",
    )


def warm() -> None:
    """Import jsonschema-rs and compile both versions' OAS meta-schemas: what a child that
    validates documents sent to it does before they come (checker.background.serve)."""
    for version in ("3.0", "3.1"):
        _document_validator(version)
        _schema_validator(version)


def validate(document: object) -> list[SpecError]:
    """Errors of the document as OpenAPI 3.0/3.1; empty when valid.

    Never raises on any JSON-like input.
    """
    try:
        return _validate(document)
    except RecursionError:
        return [SpecError("", "the document is nested too deeply (or refers to itself)")]
    except Exception as exc:  # pragma: no cover - a bug of ours must not crash the caller
        return [SpecError("", _one_line(f"the document could not be validated: {exc!r}"))]


def _validate(document: object) -> list[SpecError]:
    if not isinstance(document, dict):
        return [
            SpecError("", f"an OpenAPI document is a JSON object, not {type(document).__name__}")
        ]
    version = _version(document)
    if isinstance(version, SpecError):
        return [version]
    errors = []
    try:
        for error in _document_validator(version).iter_errors(document):
            path, message = best(error)
            errors.append(SpecError(from_tokens(path), _one_line(message)))
    except ValueError:  # jsonschema-rs takes string keys only
        odd = _non_string_key(document)
        if not odd:
            raise
        return odd
    errors += _Walker(document, version).run()
    return errors


def _non_string_key(document: dict[Any, Any]) -> list[SpecError]:
    """The first member whose name is not a string (a plain ``200:`` in YAML), as an error."""
    seen: set[int] = set()
    stack: list[tuple[tuple[str, ...], Any]] = [((), document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict | list) and id(value) not in seen:
            seen.add(id(value))
            for key, child in value.items() if isinstance(value, dict) else enumerate(value):
                word = json.dumps(key) if key is None or isinstance(key, int | float) else _r(key)
                if isinstance(value, dict) and not isinstance(key, str):
                    kind = type(key).__name__
                    message = f"names must be strings, not {kind}: quote {word} in YAML"
                    return [SpecError(from_tokens((*path, word)), message)]
                stack.append(((*path, str(key)), child))
    return []
