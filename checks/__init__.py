"""The rules, one module per guideline area; importing this package registers them."""

from checks import lists, params, paths, responses, schemas, security, spec

# Catalogue order, as in the design's rule table.
AREAS = ("spec", "paths", "responses", "lists", "params", "schemas", "security")

__all__ = ["AREAS", "lists", "params", "paths", "responses", "schemas", "security", "spec"]
