"""The guideline's fixed names: what Polar's REST API guidelines have every API write.

One place for the names both the document rules (checks/) and the live probe
(checker/probe) judge by, so that `check` and `probe` cannot disagree on what the list
envelope or FastAPI's 422 body is.
"""

from __future__ import annotations

# The list envelope: {items: [...], pagination: {total_count, max_page}}.
ENVELOPE_ITEMS = "items"
ENVELOPE_PAGINATION = "pagination"
PAGINATION_FIELDS = ("total_count", "max_page")

# FastAPI's validation error: 422 with {detail: [{loc, msg, type}]}.
VALIDATION_STATUS = "422"
VALIDATION_DETAIL = "detail"
VALIDATION_FIELDS = ("loc", "msg", "type")

# Who may call an operation: Polar's extension and the subjects it names.
SUBJECTS_EXTENSION = "x-polar-allowed-subjects"
SUBJECTS = ("User", "Organization", "Customer", "Member", "Anonymous")

STANDARD_METHODS = ("get", "post", "patch", "delete")
