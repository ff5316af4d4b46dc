"""The kinds of API change `diff` reports, each with its level.

A kind's value is its id in every output (`parameter-made-required`); its level says what it
does to clients: `error` breaks them (a *breaking* change), `warning` may break some (a
request parameter removed: clients sending it get it ignored, or a 422), `info` breaks none.
The configuration's `[diff] levels` table overrides a kind's level; changes to an operation
marked `x-stability-level: alpha` are all info, `beta` ones at most warnings.

Changes inside schemas are a `SchemaChange` in a context: the same narrowing breaks a client
when the server accepts less (a request body or a parameter) and is harmless when it answers
less (a response): `ChangeKind.of(context, change)` is the kind, with that context's level.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Context = Literal["parameter", "request", "response"]
Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


class SchemaChange(StrEnum):
    """A change inside a schema, before its context is known."""

    TYPE_NARROWED = "type-narrowed"
    TYPE_WIDENED = "type-widened"
    TYPE_CHANGED = "type-changed"
    ENUM_NARROWED = "enum-narrowed"
    ENUM_WIDENED = "enum-widened"
    EXTENSIBLE_ENUM_NARROWED = "extensible-enum-narrowed"  # x-extensible-enum values removed
    EXTENSIBLE_ENUM_WIDENED = "extensible-enum-widened"
    VARIANT_ADDED = "variant-added"
    VARIANT_REMOVED = "variant-removed"
    FIELD_ADDED = "field-added"
    FIELD_ADDED_REQUIRED = "field-added-required"
    FIELD_REMOVED = "field-removed"
    FIELD_MADE_REQUIRED = "field-made-required"
    FIELD_MADE_OPTIONAL = "field-made-optional"
    # maxLength/minLength, maximum/minimum (and exclusive), maxItems/minItems,
    # maxProperties/minProperties, multipleOf, uniqueItems: fewer values allowed, or more.
    CONSTRAINT_TIGHTENED = "constraint-tightened"
    CONSTRAINT_LOOSENED = "constraint-loosened"
    PATTERN_ADDED = "pattern-added"
    PATTERN_CHANGED = "pattern-changed"
    PATTERN_REMOVED = "pattern-removed"
    FORMAT_ADDED = "format-added"
    FORMAT_CHANGED = "format-changed"
    FORMAT_REMOVED = "format-removed"
    DEFAULT_CHANGED = "default-changed"  # set, changed or removed


class ChangeKind(StrEnum):
    """A kind of change a client can notice, with its level (see the module docstring)."""

    level: Level

    def __new__(cls, value: str, level: Level = "info") -> ChangeKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.level = level
        return member

    @property
    def breaking(self) -> bool:
        return self.level == "error"

    @classmethod
    def of(cls, context: Context, change: SchemaChange) -> ChangeKind:
        """The kind of a schema change in its context: `request-field-made-required`."""
        return cls(f"{context}-{change}")

    OPERATION_ADDED = "operation-added"
    OPERATION_REMOVED = "operation-removed", "error"
    OPERATION_DEPRECATED = "operation-deprecated"
    # Removing a deprecated operation: fine past its `x-sunset` date, breaking before it;
    # without a sunset date, clients had no date to leave by.
    DEPRECATED_OPERATION_REMOVED = "deprecated-operation-removed"
    OPERATION_REMOVED_BEFORE_SUNSET = "operation-removed-before-sunset", "error"
    DEPRECATED_OPERATION_REMOVED_WITHOUT_SUNSET = (
        "deprecated-operation-removed-without-sunset",
        "warning",
    )
    STATUS_ADDED = "status-added"
    STATUS_REMOVED = "status-removed", "error"  # a success (2xx) status
    NON_SUCCESS_STATUS_REMOVED = "non-success-status-removed", "warning"  # clients handle it
    PARAMETER_ADDED = "parameter-added"
    PARAMETER_ADDED_REQUIRED = "parameter-added-required", "error"
    PARAMETER_REMOVED = "parameter-removed", "warning"  # clients still send it
    DEPRECATED_PARAMETER_REMOVED = "deprecated-parameter-removed"
    PARAMETER_MADE_REQUIRED = "parameter-made-required", "error"
    PARAMETER_MADE_OPTIONAL = "parameter-made-optional"
    REQUEST_BODY_ADDED = "request-body-added"
    REQUEST_BODY_ADDED_REQUIRED = "request-body-added-required", "error"
    REQUEST_BODY_REMOVED = "request-body-removed", "warning"
    REQUEST_BODY_MADE_REQUIRED = "request-body-made-required", "error"
    REQUEST_BODY_MADE_OPTIONAL = "request-body-made-optional"
    REQUEST_MEDIA_TYPE_ADDED = "request-media-type-added"
    REQUEST_MEDIA_TYPE_REMOVED = "request-media-type-removed", "error"
    RESPONSE_MEDIA_TYPE_ADDED = "response-media-type-added"
    RESPONSE_MEDIA_TYPE_REMOVED = "response-media-type-removed", "error"
    # Security: an operation's effective requirements (its own, else the document's).
    SECURITY_REQUIREMENT_ADDED = "security-requirement-added", "error"
    # Many APIs list the scopes any one of which suffices (Polar: `[x:read, x:write]` on a
    # read), though OpenAPI means all: a warning, not a claim that clients break.
    SECURITY_SCOPES_ADDED = "security-scopes-added", "warning"
    SECURITY_REQUIREMENT_REMOVED = "security-requirement-removed"
    SECURITY_ALTERNATIVE_ADDED = "security-alternative-added"

    PARAMETER_TYPE_NARROWED = "parameter-type-narrowed", "error"
    PARAMETER_TYPE_WIDENED = "parameter-type-widened"
    PARAMETER_TYPE_CHANGED = "parameter-type-changed", "error"
    PARAMETER_ENUM_NARROWED = "parameter-enum-narrowed", "error"
    PARAMETER_ENUM_WIDENED = "parameter-enum-widened"
    PARAMETER_EXTENSIBLE_ENUM_NARROWED = "parameter-extensible-enum-narrowed", "error"
    PARAMETER_EXTENSIBLE_ENUM_WIDENED = "parameter-extensible-enum-widened"
    PARAMETER_VARIANT_ADDED = "parameter-variant-added"
    PARAMETER_VARIANT_REMOVED = "parameter-variant-removed", "error"
    PARAMETER_FIELD_ADDED = "parameter-field-added"
    PARAMETER_FIELD_ADDED_REQUIRED = "parameter-field-added-required"
    PARAMETER_FIELD_REMOVED = "parameter-field-removed"
    PARAMETER_FIELD_MADE_REQUIRED = "parameter-field-made-required"
    PARAMETER_FIELD_MADE_OPTIONAL = "parameter-field-made-optional"
    PARAMETER_CONSTRAINT_TIGHTENED = "parameter-constraint-tightened", "error"
    PARAMETER_CONSTRAINT_LOOSENED = "parameter-constraint-loosened"
    PARAMETER_PATTERN_ADDED = "parameter-pattern-added", "error"
    PARAMETER_PATTERN_CHANGED = "parameter-pattern-changed", "warning"
    PARAMETER_PATTERN_REMOVED = "parameter-pattern-removed"
    PARAMETER_FORMAT_ADDED = "parameter-format-added", "warning"
    PARAMETER_FORMAT_CHANGED = "parameter-format-changed", "warning"
    PARAMETER_FORMAT_REMOVED = "parameter-format-removed"
    PARAMETER_DEFAULT_CHANGED = "parameter-default-changed", "warning"

    REQUEST_TYPE_NARROWED = "request-type-narrowed", "error"
    REQUEST_TYPE_WIDENED = "request-type-widened"
    REQUEST_TYPE_CHANGED = "request-type-changed", "error"
    REQUEST_ENUM_NARROWED = "request-enum-narrowed", "error"
    REQUEST_ENUM_WIDENED = "request-enum-widened"
    REQUEST_EXTENSIBLE_ENUM_NARROWED = "request-extensible-enum-narrowed", "error"
    REQUEST_EXTENSIBLE_ENUM_WIDENED = "request-extensible-enum-widened"
    REQUEST_VARIANT_ADDED = "request-variant-added"
    REQUEST_VARIANT_REMOVED = "request-variant-removed", "error"
    REQUEST_FIELD_ADDED = "request-field-added"
    REQUEST_FIELD_ADDED_REQUIRED = "request-field-added-required", "error"
    REQUEST_FIELD_REMOVED = "request-field-removed", "warning"
    REQUEST_FIELD_MADE_REQUIRED = "request-field-made-required", "error"
    REQUEST_FIELD_MADE_OPTIONAL = "request-field-made-optional"
    REQUEST_CONSTRAINT_TIGHTENED = "request-constraint-tightened", "error"
    REQUEST_CONSTRAINT_LOOSENED = "request-constraint-loosened"
    REQUEST_PATTERN_ADDED = "request-pattern-added", "error"
    REQUEST_PATTERN_CHANGED = "request-pattern-changed", "warning"
    REQUEST_PATTERN_REMOVED = "request-pattern-removed"
    REQUEST_FORMAT_ADDED = "request-format-added", "warning"
    REQUEST_FORMAT_CHANGED = "request-format-changed", "warning"
    REQUEST_FORMAT_REMOVED = "request-format-removed"
    REQUEST_DEFAULT_CHANGED = "request-default-changed", "warning"

    RESPONSE_TYPE_NARROWED = "response-type-narrowed"
    RESPONSE_TYPE_WIDENED = "response-type-widened", "error"
    RESPONSE_TYPE_CHANGED = "response-type-changed", "error"
    RESPONSE_ENUM_NARROWED = "response-enum-narrowed"
    RESPONSE_ENUM_WIDENED = "response-enum-widened", "warning"
    RESPONSE_EXTENSIBLE_ENUM_NARROWED = "response-extensible-enum-narrowed"
    RESPONSE_EXTENSIBLE_ENUM_WIDENED = "response-extensible-enum-widened"
    RESPONSE_VARIANT_ADDED = "response-variant-added", "error"
    RESPONSE_VARIANT_REMOVED = "response-variant-removed"
    RESPONSE_FIELD_ADDED = "response-field-added"
    RESPONSE_FIELD_ADDED_REQUIRED = "response-field-added-required"
    RESPONSE_FIELD_REMOVED = "response-field-removed", "error"
    RESPONSE_FIELD_MADE_REQUIRED = "response-field-made-required"
    RESPONSE_FIELD_MADE_OPTIONAL = "response-field-made-optional", "error"
    RESPONSE_CONSTRAINT_TIGHTENED = "response-constraint-tightened"
    RESPONSE_CONSTRAINT_LOOSENED = "response-constraint-loosened", "warning"
    RESPONSE_PATTERN_ADDED = "response-pattern-added"
    RESPONSE_PATTERN_CHANGED = "response-pattern-changed"
    RESPONSE_PATTERN_REMOVED = "response-pattern-removed", "warning"
    RESPONSE_FORMAT_ADDED = "response-format-added"
    RESPONSE_FORMAT_CHANGED = "response-format-changed", "warning"
    RESPONSE_FORMAT_REMOVED = "response-format-removed", "warning"
    RESPONSE_DEFAULT_CHANGED = "response-default-changed"


def table() -> str:
    """The kinds and their levels as Markdown (docs/diff.md holds it; `make docs` writes it):
    the kinds of operations, parameters, bodies, statuses and security, then each schema
    change in its three contexts."""
    contexts: tuple[Context, ...] = ("parameter", "request", "response")
    schema_kinds = {ChangeKind.of(c, s) for c in contexts for s in SchemaChange}
    lines = ["| kind | level |", "|---|---|"]
    lines += [f"| `{k}` | {k.level} |" for k in ChangeKind if k not in schema_kinds]
    lines += ["", "| schema change | in a parameter | in a request body | in a response |"]
    lines += ["|---|---|---|---|"]
    for change in SchemaChange:
        levels = " | ".join(ChangeKind.of(c, change).level for c in contexts)
        lines.append(f"| `{change}` | {levels} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # make docs: the table between the markers of docs/diff.md
    import re
    import sys
    from pathlib import Path

    page = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/diff.md")
    text = page.read_text()
    updated = re.sub(
        r"(<!-- kinds -->\n).*?(<!-- /kinds -->)", lambda m: m[1] + table() + m[2], text, flags=re.S
    )
    if updated != text:
        page.write_text(updated)
    print(f"{page}: {'updated' if updated != text else 'up to date'}")
