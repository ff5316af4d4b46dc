"""An API served with a hand-written OpenAPI 3.0 spec (`nullable`, boolean exclusiveMinimum).

Its list answers notes whose `title` is null (documented `nullable: true`: fine); its read
answers a null `size` (documented as a plain integer: a live-schema deviation).
"""

from typing import Annotated, Any
from uuid import UUID

from fastapi import FastAPI, Query

NOTE_ID = "0b7c1a9e-5d2f-4c1e-9a7b-3f6d8e2c1a40"

NULLABLE_TITLE = {"type": "string", "nullable": True, "description": "The title, if any."}
NOTE = {
    "type": "object",
    "required": ["id", "title", "size"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "title": NULLABLE_TITLE,
        "size": {"type": "integer"},
    },
}
PAGE = {"type": "integer", "minimum": 0, "exclusiveMinimum": True, "default": 1}
LIMIT = {"type": "integer", "minimum": 0, "exclusiveMinimum": True, "default": 10}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Notes", "version": "1"},
    "paths": {
        "/v1/notes/": {
            "get": {
                "parameters": [
                    {"name": "page", "in": "query", "schema": PAGE},
                    {"name": "limit", "in": "query", "schema": LIMIT},
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        **_json({"$ref": "#/components/schemas/NoteList"}),
                    },
                    "422": {
                        "description": "Validation Error",
                        **_json({"$ref": "#/components/schemas/HTTPValidationError"}),
                    },
                },
            }
        },
        "/v1/notes/{id}": {
            "get": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "OK", **_json({"$ref": "#/components/schemas/Note"})},
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Note": NOTE,
            "NoteList": {
                "type": "object",
                "required": ["items", "pagination"],
                "properties": {
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Note"}},
                    "pagination": {
                        "type": "object",
                        "required": ["total_count", "max_page"],
                        "properties": {
                            "total_count": {"type": "integer"},
                            "max_page": {"type": "integer"},
                        },
                        "nullable": True,
                    },
                },
            },
            "HTTPValidationError": {
                "type": "object",
                "properties": {"detail": {"type": "array", "items": {"type": "object"}}},
            },
        }
    },
}

app = FastAPI(title="Notes")
app.openapi = lambda: SPEC  # type: ignore[method-assign]


@app.get("/v1/notes/")
async def list_notes(
    page: Annotated[int, Query(gt=0)] = 1, limit: Annotated[int, Query(gt=0)] = 10
) -> Any:
    note = {"id": NOTE_ID, "title": None, "size": 1}
    return {"items": [note], "pagination": {"total_count": 1, "max_page": 1}}


@app.get("/v1/notes/{id}")
async def get_note(id: UUID) -> Any:
    return {"id": str(id), "title": None, "size": None}  # size is not nullable: a deviation
