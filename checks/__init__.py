"""The rules, one module per guideline area; importing this package registers them.

Each rule is a function with `@rule(severity, scope=...)` (checker.engine.registry) over the
model; kit.py is what the rule modules share (no rule module imports another); live.py holds
the documentation of the rules `restcheck probe` reports.
"""

from checks import lists, params, paths, responses, schemas, security, spec

# Catalogue order, as in the design's rule table.
AREAS = ("spec", "paths", "responses", "lists", "params", "schemas", "security")

__all__ = ["AREAS", "lists", "params", "paths", "responses", "schemas", "security", "spec"]
