"""restcheck: check OpenAPI documents against Polar's REST API guidelines.

The packages, in the order data flows (docs/architecture.md): load -> validate -> model ->
engine (with the rules of `checks/`) -> report, and the front-ends review, diff, probe and
cli. errors, pointers, words and guideline are leaves everything may use.
"""

__version__ = "0.1.0"
