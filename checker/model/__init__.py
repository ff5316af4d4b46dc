"""The model: one pass over a document gives `Api`, the API as the rules see it.

api.py      resources, namespaces, singletons and actions; every operation with its kind,
            merged parameters, body and responses (`build`); inline ignore marks
parts.py    operations, parameters, bodies, responses, segments, resources (plain data)
roles.py    segment roles and operation kinds, each with the signal that decided it
lexicon.py  parts of speech of path words (verbs and qualifiers are no collections)
schemas.py  `Schemas`: schema questions that see through `$ref`, `anyOf`/`oneOf` with null
            and `allOf` (types, properties, variants, defaults, sameness)
scopes.py   what a rule looks at: the operations, schemas or document it judges

Rules and front-ends read the model; nothing here knows about rules, findings or reports.
"""

from checker.model.api import METHODS, Api, Component, InlineIgnore, build
from checker.model.parts import (
    Body,
    Kind,
    Operation,
    Parameter,
    Resource,
    Response,
    Segment,
    is_json,
)

__all__ = [
    "METHODS",
    "Api",
    "Body",
    "Component",
    "InlineIgnore",
    "Kind",
    "Operation",
    "Parameter",
    "Resource",
    "Response",
    "Segment",
    "build",
    "is_json",
]
