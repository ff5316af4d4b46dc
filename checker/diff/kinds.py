"""The kinds of API change `diff` reports, each with whether it breaks clients.

A kind's value is its id in every output (`parameter-made-required`). Changes inside
schemas are of a `SchemaChange` in a context: the same narrowing breaks a client when the
server accepts less (a request or a parameter) and is safe when it answers less (a response).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Context = Literal["parameter", "request", "response"]


class SchemaChange(StrEnum):
    """A change inside a schema, before its context is known."""

    TYPE_NARROWED = "type-narrowed"
    TYPE_WIDENED = "type-widened"
    TYPE_CHANGED = "type-changed"
    ENUM_NARROWED = "enum-narrowed"
    ENUM_WIDENED = "enum-widened"
    VARIANT_ADDED = "variant-added"
    VARIANT_REMOVED = "variant-removed"
    FIELD_ADDED = "field-added"
    FIELD_ADDED_REQUIRED = "field-added-required"
    FIELD_REMOVED = "field-removed"
    FIELD_MADE_REQUIRED = "field-made-required"
    FIELD_MADE_OPTIONAL = "field-made-optional"


class ChangeKind(StrEnum):
    """A kind of change a client can notice; `breaking` when every occurrence breaks one."""

    breaking: bool

    def __new__(cls, value: str, breaking: bool = False) -> ChangeKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.breaking = breaking
        return member

    @classmethod
    def of(cls, context: Context, change: SchemaChange) -> ChangeKind:
        """The kind of a schema change in its context: `request-field-made-required`."""
        return cls(f"{context}-{change}")

    OPERATION_ADDED = "operation-added"
    OPERATION_REMOVED = "operation-removed", True
    STATUS_ADDED = "status-added"
    STATUS_REMOVED = "status-removed", True
    PARAMETER_ADDED = "parameter-added"
    PARAMETER_ADDED_REQUIRED = "parameter-added-required", True
    PARAMETER_REMOVED = "parameter-removed"
    PARAMETER_MADE_REQUIRED = "parameter-made-required", True
    PARAMETER_MADE_OPTIONAL = "parameter-made-optional"
    REQUEST_BODY_ADDED = "request-body-added"
    REQUEST_BODY_ADDED_REQUIRED = "request-body-added-required", True
    REQUEST_BODY_REMOVED = "request-body-removed"
    REQUEST_BODY_MADE_REQUIRED = "request-body-made-required", True
    REQUEST_BODY_MADE_OPTIONAL = "request-body-made-optional"
    REQUEST_MEDIA_TYPE_ADDED = "request-media-type-added"
    REQUEST_MEDIA_TYPE_REMOVED = "request-media-type-removed", True
    RESPONSE_MEDIA_TYPE_ADDED = "response-media-type-added"
    RESPONSE_MEDIA_TYPE_REMOVED = "response-media-type-removed", True

    # What the server accepts (parameters and request bodies): narrowing breaks.
    PARAMETER_TYPE_NARROWED = "parameter-type-narrowed", True
    PARAMETER_TYPE_WIDENED = "parameter-type-widened"
    PARAMETER_TYPE_CHANGED = "parameter-type-changed", True
    PARAMETER_ENUM_NARROWED = "parameter-enum-narrowed", True
    PARAMETER_ENUM_WIDENED = "parameter-enum-widened"
    PARAMETER_VARIANT_ADDED = "parameter-variant-added"
    PARAMETER_VARIANT_REMOVED = "parameter-variant-removed", True
    PARAMETER_FIELD_ADDED = "parameter-field-added"
    PARAMETER_FIELD_ADDED_REQUIRED = "parameter-field-added-required"
    PARAMETER_FIELD_REMOVED = "parameter-field-removed"
    PARAMETER_FIELD_MADE_REQUIRED = "parameter-field-made-required"
    PARAMETER_FIELD_MADE_OPTIONAL = "parameter-field-made-optional"
    REQUEST_TYPE_NARROWED = "request-type-narrowed", True
    REQUEST_TYPE_WIDENED = "request-type-widened"
    REQUEST_TYPE_CHANGED = "request-type-changed", True
    REQUEST_ENUM_NARROWED = "request-enum-narrowed", True
    REQUEST_ENUM_WIDENED = "request-enum-widened"
    REQUEST_VARIANT_ADDED = "request-variant-added"
    REQUEST_VARIANT_REMOVED = "request-variant-removed", True
    REQUEST_FIELD_ADDED = "request-field-added"
    REQUEST_FIELD_ADDED_REQUIRED = "request-field-added-required", True
    REQUEST_FIELD_REMOVED = "request-field-removed"
    REQUEST_FIELD_MADE_REQUIRED = "request-field-made-required", True
    REQUEST_FIELD_MADE_OPTIONAL = "request-field-made-optional"

    # What the server answers: widening breaks what clients read.
    RESPONSE_TYPE_NARROWED = "response-type-narrowed"
    RESPONSE_TYPE_WIDENED = "response-type-widened", True
    RESPONSE_TYPE_CHANGED = "response-type-changed", True
    RESPONSE_ENUM_NARROWED = "response-enum-narrowed"
    RESPONSE_ENUM_WIDENED = "response-enum-widened"
    RESPONSE_VARIANT_ADDED = "response-variant-added", True
    RESPONSE_VARIANT_REMOVED = "response-variant-removed"
    RESPONSE_FIELD_ADDED = "response-field-added"
    RESPONSE_FIELD_ADDED_REQUIRED = "response-field-added-required"
    RESPONSE_FIELD_REMOVED = "response-field-removed", True
    RESPONSE_FIELD_MADE_REQUIRED = "response-field-made-required"
    RESPONSE_FIELD_MADE_OPTIONAL = "response-field-made-optional", True
