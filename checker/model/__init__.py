"""The model: one pass over a document gives `Api`, the API as the rules see it.

api.py      resources, namespaces, singletons and actions; every operation with its kind,
            merged parameters, body and responses (`build`); inline ignore marks
schemas.py  `Schemas`: schema questions that see through `$ref`, `anyOf`/`oneOf` with null
            and `allOf` (types, properties, variants, defaults, sameness)
scopes.py   what a rule looks at: the operations, schemas or document it judges

Rules and front-ends read the model; nothing here knows about rules, findings or reports.
"""

from checker.model.api import (
    METHODS,
    Api,
    Body,
    Component,
    InlineIgnore,
    Kind,
    Operation,
    Parameter,
    Resource,
    Response,
    Segment,
    build,
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
