"""The document itself."""

from __future__ import annotations

from collections.abc import Iterator

from checker.engine.registry import Problem, rule
from checker.model import Api
from checker.model.scopes import document, every_operation


@rule("error", scope=document("the whole document", operations=every_operation))
def valid_openapi(api: Api) -> Iterator[Problem]:
    """The document is valid OpenAPI 3.0 or 3.1.

    Why: every other rule reads the document as OpenAPI; generators, SDKs and docs tools
    reject or silently misread an invalid one. openapi-spec-validator is the reference.

    Bad:
        paths:
          /v1/items/{id}:
            get:
              responses:
                "200": {description: OK}

    Good:
        paths:
          /v1/items/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}
    """
    for error in api.spec_errors:
        yield Problem(error.pointer, error.message, key=error.message)
