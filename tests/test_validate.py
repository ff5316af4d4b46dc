"""Tests of checker.validate against openapi-spec-validator 0.9, the reference.

The corpus comparison (``test_corpus_matches_reference``) runs the reference on every spec
of ``shared/corpus`` (about a minute in all); select or skip it with ``-k corpus``.
"""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from referencing.exceptions import Unresolvable

from checker.validate import SpecError, validate

# openapi-spec-validator checks the document with jsonschema-rs when that is installed (it is:
# our engine), with jsonschema-rs's defaults, which assert formats in 3.0 documents (a bad
# 'regex' is then reported twice, once by the meta-schema and once by the schema check).
# Its jsonschema backend, which asserts none, is the reference (read lazily: set in time).
os.environ["OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"] = "jsonschema"

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
INVALID = Path(__file__).resolve().parent / "data" / "invalid"

YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        return yaml.load(text, Loader=YAML_LOADER)
    return json.loads(text)


def escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(path: Any) -> str:
    return "".join("/" + escape(p) for p in path)


# --------------------------------------------------------------------------------------
# The reference
# --------------------------------------------------------------------------------------


class Reference:
    """openapi-spec-validator's errors, split in its two phases.

    ``document``: the OAS meta-schema errors, located in the document; ``semantic``: the
    errors of its keyword walk (schema meta-checks and defaults are located relative to
    the schema or default, path/operation errors name the path in their message).
    ``crash``: the exception that stopped it (it raises on broken references, for one).
    """

    def __init__(self, document: Any) -> None:
        version = str(document.get("openapi", ""))
        cls: Any = OpenAPIV30SpecValidator if version.startswith("3.0") else OpenAPIV31SpecValidator
        validator = cls(document)
        self.document: list[Any] = []
        self.semantic: list[Any] = []
        self.crash: BaseException | None = None
        try:
            self.document = list(cls.schema_validator.iter_errors(document))
            self.semantic = list(validator.root_validator(validator.schema_path))
        except Exception as exc:
            self.crash = exc

    @property
    def invalid(self) -> bool:
        return bool(self.document or self.semantic or self.crash)

    @property
    def count(self) -> int:
        return len(self.document) + len(self.semantic)


def match(
    expected: list[Any], ours: list[SpecError], fits: Callable[[Any, SpecError], bool]
) -> list[Any]:
    """The expected errors left without a distinct error of ours that fits them
    (a maximum bipartite matching, so that the order of the errors doesn't matter)."""
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j, error in enumerate(ours):
            if j in seen or not fits(expected[i], error):
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    return [expected[i] for i in range(len(expected)) if not assign(i, set())]


def fits_document_error(reference_error: Any, ours: SpecError) -> bool:
    """Ours is at the reference's location or deeper (we descend into anyOf/oneOf)."""
    where = pointer(reference_error.absolute_path)
    return ours.pointer == where or ours.pointer.startswith(where + "/")


def fits_semantic_error(reference_error: Any, ours: SpecError) -> bool:
    message = ours.message.removeprefix("default: ")
    if type(reference_error).__name__ not in ("OpenAPIValidationError", "ValidationError"):
        # path parameters, operationIds, duplicates: same message, located in that path
        return bool(message == reference_error.message)
    # a Schema Object or default error: the reference locates it relative to the schema or
    # default. The error it reports first for a schema with several problems depends on
    # set iteration order (PYTHONHASHSEED), so an identical message also fits.
    relative = pointer(reference_error.absolute_path)
    return relative in ours.pointer or message == reference_error.message


def compare(document: Any, ours: list[SpecError]) -> Reference:
    reference = Reference(document)
    assert reference.crash is None, f"the reference crashed: {reference.crash!r}"
    assert bool(ours) == reference.invalid
    assert len(ours) == reference.count, [e.pointer for e in ours]
    unmatched = match(reference.document, ours, fits_document_error)
    assert not unmatched, [(list(e.absolute_path), e.message) for e in unmatched]
    unmatched = match(reference.semantic, ours, fits_semantic_error)
    assert not unmatched, [(list(e.absolute_path), e.message) for e in unmatched]
    return reference


# --------------------------------------------------------------------------------------
# 1. The corpus: same verdicts and error locations as the reference
# --------------------------------------------------------------------------------------


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".json", ".yaml", ".yml"))


# Error counts of the reference, measured: all the others are valid.
KNOWN_INVALID = {
    "keep-openapi.json": 1,
    "letta-openapi.json": 14,
    "openai-openapi-2026-08.yaml": 25,
}


@pytest.mark.slow  # openapi-spec-validator takes 3-11 s a spec: `make test-slow` (and .ci/run)
@pytest.mark.parametrize(
    "path", corpus_files() or [None], ids=lambda p: f"corpus-{p.name}" if p else "corpus-absent"
)
def test_corpus_matches_reference(path: Path | None) -> None:
    if path is None:
        pytest.skip(f"no corpus at {CORPUS}")
    document = load(path)
    snapshot = copy.deepcopy(document)

    ours = validate(document)
    assert document == snapshot, "validate() changed the document"
    assert len(ours) == KNOWN_INVALID.get(path.name, 0), [(e.pointer, e.message) for e in ours]
    for error in ours:
        assert error.pointer == "" or error.pointer.startswith("/")
        assert "\n" not in error.message and error.message

    compare(document, ours)  # speed is measured by `make bench`, not here


def test_keep_error_points_at_the_operation() -> None:
    path = CORPUS / "fastapi" / "keep-openapi.json"
    if not path.is_file():
        pytest.skip(f"no corpus at {CORPUS}")
    [error] = validate(load(path))
    assert error.pointer == "/paths/~1workflows~1{workflow_id}~1runs~1{workflow_execution_id}/get"
    assert "'workflow_id'" in error.message and "not resolved" in error.message


# --------------------------------------------------------------------------------------
# 2. Small invalid documents: both say invalid, and ours points where the problem is
# --------------------------------------------------------------------------------------

PETS = "/paths/~1pets"
PET = "/paths/~1pets~1{petId}"
EXPECTED_POINTERS = {
    "missing-info": [""],
    "paths-list": ["/paths"],
    "title-number": ["/info/title"],
    "ref-missing": [f"{PETS}/get/responses/200/content/application~1json/schema/items/$ref"],
    "parameter-in-body": [f"{PETS}/get/parameters/0/in"],
    "undeclared-path-parameter": [f"{PET}/get"],
    "path-parameter-not-in-path": [f"{PET}/get/parameters/0"],
    "duplicate-operation-id": [f"{PETS}/post/operationId"],
    "duplicate-parameter": [f"{PETS}/get/parameters/1"],
    "default-wrong-type": ["/components/schemas/Pet/properties/name/default"],
    "required-not-defined": ["/components/schemas/NewPet/required"],
    "media-type-unknown-field": [f"{PETS}/get/responses/200/content/application~1json/description"],
    # 3.0 reports it twice, as the reference: the OAS 3.0 meta-schema and draft-04
    "schema-type-number": ["/components/schemas/Pet/properties/id/type"],
}


def invalid_files() -> list[Path]:
    return sorted(INVALID.glob("*.json"))


def test_every_version_has_every_invalid_sample() -> None:
    names = {p.stem for p in invalid_files()}
    assert names == {f"{v}-{case}" for v in ("3.0", "3.1") for case in EXPECTED_POINTERS}


@pytest.mark.parametrize("path", invalid_files(), ids=lambda p: p.stem)
def test_invalid_sample(path: Path) -> None:
    document = load(path)
    version, case = path.stem.split("-", 1)
    assert str(document["openapi"]).startswith(version)

    ours = validate(document)
    assert ours, "ours says valid"
    assert Reference(document).invalid, "the reference says valid"
    assert {e.pointer for e in ours} == set(EXPECTED_POINTERS[case]), ours


def test_invalid_samples_match_reference_where_it_does_not_crash() -> None:
    for path in invalid_files():
        document = load(path)
        reference = Reference(document)
        if reference.crash is None:
            compare(document, validate(document))
        else:  # broken $ref: PointerToNowhere; paths as a list: an AssertionError
            assert validate(document)


def test_messages_say_what_is_wrong() -> None:
    def messages(case: str) -> list[str]:
        return [e.message for e in validate(load(INVALID / f"3.1-{case}.json"))]

    assert messages("missing-info") == ["'info' is a required property"]
    assert messages("title-number") == ["42 is not of type 'string'"]
    assert messages("parameter-in-body") == [
        "'body' is not one of ['query', 'header', 'path', 'cookie']"
    ]
    assert messages("ref-missing") == [
        "reference '#/components/schemas/Animal' could not be resolved"
    ]
    assert messages("duplicate-operation-id") == [
        "Operation ID 'listPets' for 'post' in '/pets' is not unique"
    ]
    assert messages("undeclared-path-parameter") == [
        "Path parameter 'petId' for 'get' operation in '/pets/{petId}' was not resolved"
    ]
    assert messages("default-wrong-type") == ["default: 7 is not of type 'string'"]


def test_failed_alternatives_are_reported_by_their_best_branch() -> None:
    """A oneOf/anyOf failure names what is wrong inside the best branch, not the object."""

    def errors(document: Any) -> list[tuple[str, str]]:
        return [(e.pointer, e.message) for e in validate(document)]

    # 3.0: a Parameter or a Reference; the Parameter's four locations are one enum
    assert errors(load(INVALID / "3.0-parameter-in-body.json")) == [
        (
            f"{PETS}/get/parameters/0/in",
            "'body' is not one of ['path', 'query', 'header', 'cookie']",
        )
    ]
    # a Response or a Reference, down to the Media Type's unexpected member
    assert errors(load(INVALID / "3.0-media-type-unknown-field.json")) == [
        (
            f"{PETS}/get/responses/200/content/application~1json/description",
            "Additional properties are not allowed ('description' was unexpected);"
            " other names must match '^x-'",
        )
    ]
    # draft-04's items is a schema or an array of schemas: the object is meant as a schema
    document = pets("3.0.3")
    media = document["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]
    media["schema"] = {"type": "array", "items": {"exclusiveMinimum": True}}
    assert errors(document) == [
        (
            f"{PETS}/get/responses/200/content/application~1json/schema/items",
            "'minimum' is a dependency of 'exclusiveMinimum'",
        )
    ]


# --------------------------------------------------------------------------------------
# 3. Small valid documents
# --------------------------------------------------------------------------------------


def pets(version: str) -> dict[str, Any]:
    """A small valid document using $ref, allOf, path parameters, defaults, nullables."""
    v31 = version.startswith("3.1")
    nullable_tag: dict[str, Any] = (
        {"type": ["string", "null"], "default": None}
        if v31
        else {"type": "string", "nullable": True, "default": None}
    )
    pet_ref = {"$ref": "#/components/schemas/Pet"}
    document: dict[str, Any] = {
        "openapi": version,
        "info": {"title": "Pets", "version": "1.0.0", "license": {"name": "MIT"}},
        "servers": [{"url": "https://pets.example.com/v1"}],
        "tags": [{"name": "pets"}, {"name": "owners"}],
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "listPets",
                    "tags": ["pets"],
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "default": 20},
                        },
                        {"$ref": "#/components/parameters/Sort"},
                    ],
                    "responses": {
                        "200": {
                            "description": "A list of pets",
                            "headers": {"X-Total": {"schema": {"type": "integer"}}},
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": pet_ref},
                                    "example": [{"id": 1, "name": "Rex"}],
                                }
                            },
                        },
                        "default": {"$ref": "#/components/responses/Error"},
                    },
                },
                "post": {
                    "operationId": "createPet",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}
                        },
                    },
                    "responses": {"201": {"description": "Created"}},
                    "security": [{"apiKey": []}],
                },
            },
            "/pets/{petId}": {
                "parameters": [
                    {
                        "name": "petId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "get": {
                    "operationId": "getPet",
                    "responses": {
                        "200": {
                            "description": "A pet",
                            "content": {"application/json": {"schema": pet_ref}},
                        },
                        "404": {"$ref": "#/components/responses/Error"},
                    },
                },
                "delete": {"operationId": "deletePet", "responses": {"204": {"description": "ok"}}},
            },
            "/owners/{ownerId}/pets/{petId}": {
                "get": {
                    "operationId": "getOwnedPet",
                    "parameters": [
                        {"name": "ownerId", "in": "path", "required": True, "schema": {}},
                        {"name": "petId", "in": "path", "required": True, "schema": {}},
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            },
        },
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {
                        "id": {"type": "integer", "format": "int64"},
                        "name": {"type": "string", "minLength": 1},
                        "tag": nullable_tag,
                        "kind": {"type": "string", "enum": ["cat", "dog"], "default": "dog"},
                        "born": {"type": "string", "format": "date", "pattern": "^[0-9-]+$"},
                        # no RFC 3986 package: jsonschema (and so the reference) passes any uri
                        "home": {"type": "string", "format": "uri", "default": ""},
                    },
                },
                "NewPet": {
                    "allOf": [pet_ref, {"properties": {"owner": {"type": "string"}}}],
                    "required": ["name", "owner"],
                },
                "Error": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
                },
            },
            "parameters": {
                "Sort": {
                    "name": "sort",
                    "in": "query",
                    "schema": {"type": "string", "enum": ["name", "-name"], "default": "name"},
                }
            },
            "responses": {
                "Error": {
                    "description": "An error",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
            },
            "securitySchemes": {"apiKey": {"type": "apiKey", "name": "X-Key", "in": "header"}},
        },
    }
    if v31:
        document["webhooks"] = {
            "newPet": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": pet_ref}}},
                    "responses": {"200": {"description": "ok"}},
                }
            }
        }
        document["components"]["schemas"]["Pet"]["properties"]["score"] = {
            "type": "number",
            "exclusiveMinimum": 0,
            "examples": [1.5],
        }
    return document


@pytest.mark.parametrize("version", ["3.0.0", "3.0.3", "3.1.0", "3.1.1"])
def test_valid_document(version: str) -> None:
    document = pets(version)
    assert validate(document) == []
    assert not Reference(document).invalid


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_minimal_documents(version: str) -> None:
    document: dict[str, Any] = {"openapi": version, "info": {"title": "t", "version": "1"}}
    assert [e.pointer for e in validate(document)] == [""]  # paths (or, in 3.1, ...)
    assert validate({**document, "paths": {}}) == []
    if version.startswith("3.1"):  # 3.1 needs one of paths, components and webhooks
        assert validate({**document, "webhooks": {}}) == []


# --------------------------------------------------------------------------------------
# Documents that can't be validated, and inputs that must not make validate() raise
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "where", "words"),
    [
        (None, "", "JSON object"),
        ([], "", "JSON object"),
        ("openapi: 3.1.0", "", "JSON object"),
        ({"info": {}}, "", "'openapi'"),
        ({"swagger": "2.0", "info": {}, "paths": {}}, "/swagger", "not supported"),
        ({"openapi": "4.0.0", "info": {}, "paths": {}}, "/openapi", "not supported"),
        ({"openapi": "2.0", "info": {}, "paths": {}}, "/openapi", "not supported"),
        ({"openapi": 3.1, "info": {}, "paths": {}}, "/openapi", "string"),
    ],
)
def test_documents_that_cannot_be_validated(document: object, where: str, words: str) -> None:
    [error] = validate(document)
    assert error.pointer == where
    assert words in error.message


def _weird_documents() -> Iterator[Any]:
    base = pets("3.1.0")
    yield {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"x-a": True}}
    yield {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a/{b": {}}}
    cyclic = copy.deepcopy(base)
    cyclic["components"]["schemas"]["A"] = {"$ref": "#/components/schemas/B"}
    cyclic["components"]["schemas"]["B"] = {"$ref": "#/components/schemas/A"}
    yield cyclic
    external = copy.deepcopy(base)
    external["paths"]["/pets"]["get"]["parameters"][1] = {"$ref": "other.yaml#/Sort"}
    yield external
    deep: Any = {}
    for _ in range(5000):
        deep = {"allOf": [deep]}
    nested = copy.deepcopy(base)
    nested["components"]["schemas"]["Deep"] = deep
    yield nested
    selfish: dict[str, Any] = copy.deepcopy(base)
    selfish["components"]["schemas"]["Loop"] = {"type": "object"}
    selfish["components"]["schemas"]["Loop"]["properties"] = {
        "me": selfish["components"]["schemas"]["Loop"]
    }
    yield selfish
    values: list[Any] = [None, 1, "x", [], {}, [1, {"a": None}], True]
    for value in values:
        for key in ("paths", "components", "tags", "info", "webhooks", "servers"):
            yield {**base, key: value}
        operation = copy.deepcopy(base)
        operation["paths"]["/pets"]["get"] = value
        yield operation
        schema = copy.deepcopy(base)
        schema["components"]["schemas"]["Pet"]["properties"] = value
        yield schema
        schema = copy.deepcopy(base)
        schema["components"]["schemas"]["Pet"]["default"] = value
        yield schema
    yield {**base, "openapi": "3.0.3", "jsonSchemaDialect": 7}
    yield {**base, "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema"}
    yield {**base, "jsonSchemaDialect": "urn:unknown"}
    yield {1: "a", None: "b", "openapi": "3.1.0"}


@pytest.mark.parametrize("document", list(_weird_documents()))
def test_never_raises(document: Any) -> None:
    errors = validate(document)
    assert isinstance(errors, list)
    for error in errors:
        assert isinstance(error, SpecError)
        assert isinstance(error.pointer, str) and isinstance(error.message, str)
        assert "\n" not in error.message


def test_broken_references_are_errors() -> None:
    documents = list(_weird_documents())
    cyclic, external = documents[2], documents[3]
    assert any("circular" in e.message for e in validate(cyclic))
    assert [e.pointer for e in validate(external)] == ["/paths/~1pets/get/parameters/1/$ref"]


# --------------------------------------------------------------------------------------
# Random small documents: same verdicts and error counts as the reference
# --------------------------------------------------------------------------------------

VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    "",
    "path",
    "body",
    "string",
    [],
    ["a", "a"],
    {},
    {"type": "string"},
    {"type": 5},
    {"required": []},
    {"$ref": "#/components/schemas/Pet"},
    {"exclusiveMinimum": True},
    {"pattern": "(("},
]
KEYS = ["x-a", "foo", "type", "default", "nullable", "required", "in", "schema", "items"]


def mutate(document: Any, rng: random.Random) -> Any:
    document = copy.deepcopy(document)
    nodes: list[tuple[Any, Any]] = []
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        keys: list[Any] = list(node) if isinstance(node, dict) else list(range(len(node)))
        for key in keys:
            nodes.append((node, key))
            if isinstance(node[key], dict | list):
                stack.append(node[key])
    parent, key = rng.choice(nodes)
    action = rng.random()
    if action < 0.5:
        parent[key] = copy.deepcopy(rng.choice(VALUES))
    elif action < 0.75 and isinstance(parent, dict):
        del parent[key]
    elif isinstance(parent[key], dict):
        parent[key][rng.choice(KEYS)] = copy.deepcopy(rng.choice(VALUES))
    return document


@pytest.mark.parametrize(
    ("version", "count"),
    [
        # The reference takes 50 ms a 3.1 document: the quick suite compares the first 50
        # mutants of the seed, `-m slow` all 150 (the same ones first).
        ("3.0.3", 50),
        ("3.1.0", 50),
        pytest.param("3.0.3", 150, marks=pytest.mark.slow),
        pytest.param("3.1.0", 150, marks=pytest.mark.slow),
    ],
)
def test_random_documents_match_reference(version: str, count: int) -> None:
    rng = random.Random(20261126)
    base = pets(version)
    for _ in range(count):
        document = mutate(base, rng)
        ours = validate(document)
        reference = Reference(document)
        if reference.crash is not None:
            # It raises on broken references, which ours reports. Other crashes are its
            # own bugs (a non-object "x-" member of paths, say): no verdict to compare.
            if isinstance(reference.crash, Unresolvable):
                assert ours, document
            continue
        assert bool(ours) == reference.invalid, document
        assert len(ours) == reference.count, (document, ours)


def test_names_that_are_not_strings_are_reported_at_the_member() -> None:
    """A plain `200:` in YAML read by a loader of the caller's is an int: say to quote it."""
    document = pets("3.1.0")
    responses = document["paths"]["/pets"]["post"]["responses"]
    responses[201] = responses.pop("201")
    assert [(e.pointer, e.message) for e in validate(document)] == [
        (f"{PETS}/post/responses/201", "names must be strings, not int: quote 201 in YAML")
    ]


def test_plainly_wrong_defaults_are_worded_without_python_jsonschema() -> None:
    """A 3.1 default that is surely invalid (`null` on an object, a list on a string, a
    wrong enum value) gets the reference's errors from jsonschema-rs, `$ref`s followed in
    the document, without importing jsonschema (0.2-0.3 s); an int32 in range needs no
    check. 3.0 keeps the reference's check, whose `nullable` adds an error of its own."""
    script = """
import json, sys
from checker.validate import validate
document = json.loads(sys.argv[1])
for error in validate(document):
    print(error.pointer, '|', error.message)
print('jsonschema' in sys.modules)
"""
    document = pets("3.1.0")
    schemas = document["components"]["schemas"]
    schemas["Options"] = {
        "type": "object",
        "properties": {"kind": {"$ref": "#/components/schemas/Kind"}},
    }
    schemas["Kind"] = {"type": "string", "enum": ["a", "b"]}
    schemas["Pet"]["properties"]["options"] = {"$ref": "#/components/schemas/Options"}
    schemas["Pet"]["properties"]["mode"] = {
        "type": "object",
        "default": {"kind": "c"},
        "properties": {"kind": {"$ref": "#/components/schemas/Kind"}},
    }
    schemas["Options"]["default"] = None
    schemas["Kind"]["default"] = ["a"]
    schemas["Pet"]["properties"]["age"] = {"type": "integer", "format": "int32", "default": 2}
    schemas["Pet"]["properties"]["weight"] = {"type": "integer", "format": "int64", "default": 7}
    run = subprocess.run(
        [sys.executable, "-c", script, json.dumps(document)],
        capture_output=True,
        text=True,
        check=True,
    )
    *errors, imported = run.stdout.splitlines()
    assert imported == "False", run.stdout
    base = "/components/schemas"
    assert sorted(errors) == sorted(
        [
            f"{base}/Options/default | default: None is not of type 'object'",
            f"{base}/Kind/default | default: ['a'] is not of type 'string'",
            f"{base}/Kind/default | default: ['a'] is not one of ['a', 'b']",
            f"{base}/Pet/properties/mode/default/kind | default: 'c' is not one of ['a', 'b']",
        ]
    )
    reference = Reference(document)
    assert reference.count == len(errors)
    document = pets("3.0.3")
    properties = document["components"]["schemas"]["Pet"]["properties"]
    properties["age"] = {"type": "integer", "format": "int32", "default": 2**31}
    properties["options"] = {"type": "object", "default": None}
    errors = [(e.pointer, e.message) for e in validate(document)]
    assert (f"{base}/Pet/properties/age/default", "default: 2147483648 is not a 'int32'") in errors
    assert len(errors) == Reference(document).count == 3  # None on an object: two in 3.0


UUID = "d1dd37a3-e39a-4854-a298-6510289f9cf2"
TUPLE = {"type": "array", "prefixItems": [{"type": "integer"}], "items": {"type": "string"}}


@pytest.mark.parametrize(
    ("version", "schema", "default", "quick"),
    [
        # FastAPI's defaults: a UUID, a tuple, a step (`multiple_of`), a timestamp
        ("3.1", {"type": "string", "format": "uuid"}, UUID, True),
        ("3.1", {"type": "string", "format": "uuid"}, "not-a-uuid", None),
        ("3.1", {"type": "string", "format": "uuid"}, "{" + UUID + "}", None),
        ("3.1", {"format": "uuid"}, 7, True),  # a format is about strings
        ("3.1", {"type": "array", "prefixItems": [{"type": "integer"}] * 2}, [1, 2**63 - 1], True),
        ("3.1", TUPLE, [1, "a", "b"], True),  # `items` after the prefix
        ("3.1", TUPLE, [1, 2], False),
        ("3.1", TUPLE, ["a"], False),
        ("3.1", {"type": "integer", "multipleOf": 8}, 1024, True),
        ("3.1", {"type": "integer", "multipleOf": 8}, 1023, False),
        ("3.0", {"type": "integer", "multipleOf": 8}, 16, True),
        ("3.1", {"type": "number", "multipleOf": 8}, 16.0, None),
        ("3.1", {"type": "string", "format": "date-time"}, "2024-10-29T09:47:24Z", True),
        ("3.1", {"type": "string", "format": "date-time"}, "2024-10-29T09:47:24", None),
        ("3.0", {"type": "string", "format": "date-time"}, "0001-01-01T00:00:00Z", True),
    ],
)
def test_defaults_decided_quickly_get_the_reference_verdict(
    version: str, schema: dict[str, Any], default: Any, quick: bool | None
) -> None:
    """What the quick check decides (valid or not) is what openapi-schema-validator says;
    what it cannot decide, it leaves to it (None), and never calls valid what is not."""
    from openapi_schema_validator import (
        OAS30Validator,
        OAS31Validator,
        oas30_format_checker,
        oas31_format_checker,
    )

    from checker.validate.semantic import _quick_default, _Walker

    walker = _Walker(pets(f"{version}.0" if version == "3.0" else "3.1.0"), version)
    assert _quick_default(walker, schema, default) is quick
    cls: Any = OAS30Validator if version == "3.0" else OAS31Validator
    checker = oas30_format_checker if version == "3.0" else oas31_format_checker
    valid = cls(schema, format_checker=checker).is_valid(default)
    assert quick is None or quick == valid
