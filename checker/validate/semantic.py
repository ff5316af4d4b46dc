"""The semantic walk (openapi_spec_validator.validation.keywords, reproduced), and the
quick checks of ``default`` values, which spare most of them openapi-schema-validator's."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, Final
from urllib.parse import quote, unquote, urldefrag

from checker.pointers import escape, from_tokens
from checker.validate.errors import best
from checker.validate.helpers import (
    SpecError,
    _is_integer_draft4,
    _is_number,
    _json_equal,
    _one_line,
    _Path,
    _r,
)
from checker.validate.metaschemas import (
    _OAS31_DIALECT,
    _OUR_DIALECTS,
    _URI_FORMATS,
    _regex_engine,
    _schema_validator,
    _uri_formats_checked,
)

_OPERATIONS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_MISSING: Final = object()
# The document as a jsonschema-rs resource, for the `$ref`s of defaults' schemas.
_DOCUMENT_URI: Final = "urn:restcheck:document"


class _Unresolvable(Exception):
    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.message = message


def _path_template_names(url: str) -> list[str]:
    """The field names of a path template, as the reference finds them."""
    return [name for _, name, _, _ in string.Formatter().parse(url) if name]


class _Walker:
    """The reference's keyword walk: tags, then paths (parameters, operations, responses,
    media types, their schemas), then components' schemas.

    Every member is read with its ``$ref`` chain followed, as jsonschema-path does; each
    Schema Object is meta-checked once and walked once (by identity), in the reference's
    order, so that the same schemas get the same checks."""

    def __init__(self, document: dict[str, Any], version: str) -> None:
        self.doc = document
        self.version = version
        self.errors: list[SpecError] = []
        self.meta_checked: set[int] = set()
        self.visited: set[int] = set()
        self.operation_ids: list[Any] = []
        self.operation_id_set: set[Any] = set()
        self.reported_refs: set[str] = set()
        self.bad_templates: set[str] = set()
        self.dialect: str | None = None
        self.targets: dict[str, tuple[Any, str]] = {}  # $ref -> target (the document is fixed)
        self._default_resolver: Any = None
        self._default_registry: Any = None
        self.meta = _schema_validator(version)

    # -- helpers -----------------------------------------------------------------------

    def error(self, pointer: str, message: str) -> None:
        self.errors.append(SpecError(pointer, _one_line(message)))

    def target(self, ref: str, pointer: str) -> tuple[Any, str]:
        """The value a ``$ref`` points to, and its pointer (resolved as referencing does)."""
        found = self.targets.get(ref)
        if found is None:
            found = self.targets[ref] = self._target(ref, pointer)
        return found

    def _target(self, ref: str, pointer: str) -> tuple[Any, str]:
        uri, fragment = ("", ref[1:]) if ref.startswith("#") else urldefrag(ref)
        if uri:
            raise _Unresolvable(
                pointer, f"reference {ref!r} is not local: only '#/...' references are resolved"
            )
        if fragment and not fragment.startswith("/"):
            raise _Unresolvable(pointer, f"reference {ref!r} could not be resolved")
        value: Any = self.doc
        parts: list[str | int] = []
        if fragment:
            for raw in unquote(fragment[1:]).split("/"):
                part: str | int = raw.replace("~1", "/").replace("~0", "~")
                try:
                    if isinstance(value, list | tuple | str):
                        part = int(raw)
                    value = value[part]
                except (ValueError, LookupError, TypeError):
                    raise _Unresolvable(
                        pointer, f"reference {ref!r} could not be resolved"
                    ) from None
                parts.append(part)
        return value, from_tokens(parts)

    def resolve(self, value: Any, pointer: str) -> tuple[Any, str]:
        """Follow ``$ref`` chains as jsonschema-path does; raise _Unresolvable when broken."""
        seen: set[str] = set()
        while isinstance(value, dict) and isinstance(value.get("$ref"), str):
            ref = value["$ref"]
            ref_pointer = pointer + "/$ref"
            if ref_pointer in seen:
                raise _Unresolvable(ref_pointer, f"reference {ref!r} is circular")
            seen.add(ref_pointer)
            value, pointer = self.target(ref, ref_pointer)
        return value, pointer

    def get(self, container: Any, key: Any, pointer: str) -> tuple[Any, str] | None:
        """A member, resolved; None (and an error) when its reference is broken."""
        try:
            value = container[key]
        except (LookupError, TypeError):
            return None
        try:
            return self.resolve(value, f"{pointer}/{escape(key)}")
        except _Unresolvable as broken:
            if broken.pointer not in self.reported_refs:
                self.reported_refs.add(broken.pointer)
                self.error(broken.pointer, broken.message)
            return None

    def children(self, value: Any, pointer: str) -> list[tuple[Any, tuple[Any, str]]]:
        """(key, resolved child) of a mapping or a list, as jsonschema-path iterates them."""
        if isinstance(value, dict):
            keys: Iterable[Any] = list(value)
        elif isinstance(value, list):
            keys = range(len(value))
        else:
            return []
        out: list[tuple[Any, tuple[Any, str]]] = []
        for key in keys:
            found = self.get(value, key, pointer)
            if found is not None:
                out.append((key, found))
        return out

    def named_children(self, value: Any, pointer: str) -> list[tuple[str, tuple[Any, str]]]:
        """The members of a mapping with string names (the reference asserts they are)."""
        if not isinstance(value, dict):
            return []
        return [(k, child) for k, child in self.children(value, pointer) if isinstance(k, str)]

    # -- the walk ----------------------------------------------------------------------

    def run(self) -> list[SpecError]:
        doc = self.doc
        if "tags" in doc:
            found = self.get(doc, "tags", "")
            if found is not None:
                self.tags(*found)
        if "paths" in doc:
            found = self.get(doc, "paths", "")
            if found is not None:
                for url, item in self.named_children(*found):
                    self.path_item(url, *item)
        if "components" in doc:
            found = self.get(doc, "components", "")
            if found is not None and isinstance(found[0], dict) and "schemas" in found[0]:
                schemas = self.get(found[0], "schemas", found[1])
                if schemas is not None:
                    for _, schema in self.children(*schemas):
                        self.schema(*schema)
        return self.errors

    def tags(self, tags: Any, pointer: str) -> None:
        seen: set[str] = set()
        for _, (tag, tag_pointer) in self.children(tags, pointer):
            name = tag.get("name") if isinstance(tag, dict) else None
            if not isinstance(name, str):
                continue
            if name in seen:
                self.error(f"{tag_pointer}/name", f"Duplicate tag name '{name}'")
            seen.add(name)

    def path_item(self, url: str, item: Any, pointer: str) -> None:
        if not isinstance(item, dict):
            return
        parameters: tuple[Any, str] | None = None
        if "parameters" in item:
            parameters = self.get(item, "parameters", pointer)
            if parameters is not None:
                self.parameters(*parameters)
        for name, operation in self.named_children(item, pointer):
            if name in _OPERATIONS:
                self.operation(url, name, operation[0], operation[1], parameters)

    def parameters(self, parameters: Any, pointer: str) -> None:
        seen: set[tuple[Any, Any]] = set()
        for _, (parameter, parameter_pointer) in self.children(parameters, pointer):
            if not isinstance(parameter, dict):
                continue
            if "schema" in parameter:
                schema = self.get(parameter, "schema", parameter_pointer)
                if schema is not None:
                    self.schema(*schema)
            name, location = parameter.get("name", _MISSING), parameter.get("in", _MISSING)
            if name is _MISSING or location is _MISSING:
                continue
            try:
                key = (name, location)
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # unhashable: the meta-schema already reports it
                continue
            if duplicate:
                self.error(parameter_pointer, f"Duplicate parameter '{name}'")

    def path_parameter_names(self, parameters: Any, pointer: str) -> list[tuple[str, str]]:
        names: list[tuple[str, str]] = []
        if isinstance(parameters, dict):
            keys: Iterable[Any] = list(parameters)
        elif isinstance(parameters, list):
            keys = range(len(parameters))
        else:
            return names
        for key in keys:
            where = f"{pointer}/{escape(key)}"
            try:
                parameter, _ = self.resolve(parameters[key], where)
            except _Unresolvable:
                continue  # reported by parameters()
            if not isinstance(parameter, dict):
                continue
            location, name = parameter.get("in"), parameter.get("name")
            if location == "path" and isinstance(name, str):
                names.append((name, where))
        return names

    def operation(
        self,
        url: str,
        method: str,
        operation: Any,
        pointer: str,
        path_parameters: tuple[Any, str] | None,
    ) -> None:
        declared: list[tuple[str, str]] = []
        if isinstance(operation, dict):
            if "operationId" in operation:
                self.operation_id(url, method, operation, pointer)
            if "responses" in operation:
                self.responses(operation, pointer)
            if "parameters" in operation:
                found = self.get(operation, "parameters", pointer)
                if found is not None:
                    self.parameters(*found)
                    declared += self.path_parameter_names(*found)
        if path_parameters is not None:
            declared += self.path_parameter_names(*path_parameters)
        try:
            in_url = set(_path_template_names(url))
        except ValueError as bad:
            if url not in self.bad_templates:
                self.bad_templates.add(url)
                self.error(_path_pointer(url), f"Path template {url!r} is malformed: {bad}")
            return
        declared_names = {name for name, _ in declared}
        for name in sorted(in_url - declared_names):
            self.error(
                pointer,
                f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved",
            )
        reported: set[str] = set()
        for name, where in sorted(declared):
            if name not in in_url and name not in reported:
                reported.add(name)
                self.error(
                    where,
                    f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved",
                )

    def operation_id(self, url: str, method: str, operation: dict[str, Any], pointer: str) -> None:
        found = self.get(operation, "operationId", pointer)
        operation_id = found[0] if found is not None else None
        if operation_id is None:
            return
        try:
            duplicate = operation_id in self.operation_id_set
            self.operation_id_set.add(operation_id)
        except TypeError:
            duplicate = operation_id in self.operation_ids
            self.operation_ids.append(operation_id)
        if duplicate:
            self.error(
                f"{pointer}/operationId",
                f"Operation ID '{operation_id}' for '{method}' in '{url}' is not unique",
            )

    def responses(self, operation: dict[str, Any], pointer: str) -> None:
        found = self.get(operation, "responses", pointer)
        if found is None:
            return
        for _, (response, response_pointer) in self.named_children(*found):
            if not isinstance(response, dict) or "content" not in response:
                continue
            content = self.get(response, "content", response_pointer)
            if content is None:
                continue
            for _, (media_type, media_type_pointer) in self.named_children(*content):
                if isinstance(media_type, dict) and "schema" in media_type:
                    schema = self.get(media_type, "schema", media_type_pointer)
                    if schema is not None:
                        self.schema(*schema)

    # -- schemas -----------------------------------------------------------------------

    def schema(
        self,
        schema: Any,
        pointer: str,
        require_properties: bool = True,
        meta_checked: bool = False,
    ) -> None:
        if not isinstance(schema, dict | bool):
            self.error(pointer, f"{_r(schema)} is not of type 'object', 'boolean'")
            return
        key = id(schema)
        if not meta_checked and key not in self.meta_checked:
            self.meta_checked.add(key)
            problem = self.meta_check(schema)
            if problem is not None:
                where, message = problem
                self.error(pointer + from_tokens(where), message)
                return
        if key in self.visited:
            return
        self.visited.add(key)
        if not isinstance(schema, dict):
            return

        nested: set[str] = set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in schema:
                found = self.get(schema, keyword, pointer)
                if found is not None:
                    for _, sub in self.children(*found):
                        self.schema(*sub, require_properties=False, meta_checked=True)
                        if keyword == "allOf":
                            nested |= self.collect_properties(sub[0], set())
        for keyword in ("not", "items"):
            if keyword in schema:
                found = self.get(schema, keyword, pointer)
                if found is not None:
                    self.schema(*found, require_properties=False, meta_checked=True)
        properties: Any = ()
        if "properties" in schema:
            found = self.get(schema, "properties", pointer)
            if found is not None:
                properties = found[0]
                for _, sub in self.children(*found):
                    self.schema(*sub, require_properties=False, meta_checked=True)

        if "allOf" in schema and require_properties:
            self.check_required(schema, properties, nested, pointer)

        if "default" in schema:
            found = self.get(schema, "default", pointer)
            if found is None:
                return
            default = found[0]
            nullable: Any = False
            if "nullable" in schema:
                got = self.get(schema, "nullable", pointer)
                nullable = got[0] if got is not None else False
            if default is not None or nullable is not True:
                self.check_default(schema, default, f"{pointer}/default")

    def check_required(
        self, schema: dict[str, Any], properties: Any, nested: set[str], pointer: str
    ) -> None:
        """Names in ``required`` that neither the schema nor its ``allOf`` define."""
        required = self.quiet(schema.get("required")) or []
        if not isinstance(required, list | dict):
            return
        defined = set(properties) if isinstance(properties, dict) else set()
        extra = [
            name
            for name in dict.fromkeys(n for n in required if isinstance(n, str))
            if name not in defined and name not in nested
        ]
        if extra:
            self.error(
                f"{pointer}/required",
                f"Required list has not defined properties: {sorted(extra)}",
            )

    def collect_properties(self, schema: Any, active: set[int]) -> set[str]:
        """All property names reachable from a schema (the reference's _collect_properties)."""
        if not isinstance(schema, dict) or id(schema) in active:
            return set()
        active = active | {id(schema)}
        names: set[str] = set()
        props = self.quiet(schema.get("properties"))
        if isinstance(props, dict):
            names.update(k for k in props if isinstance(k, str))
        for keyword in ("allOf", "anyOf", "oneOf"):
            subs = self.quiet(schema.get(keyword))
            if isinstance(subs, dict):
                subs = list(subs.values())
            if isinstance(subs, list):
                for sub in subs:
                    names |= self.collect_properties(self.quiet(sub), active)
        for keyword in ("items", "not"):
            if keyword in schema:
                names |= self.collect_properties(self.quiet(schema[keyword]), active)
        return names

    def quiet(self, value: Any) -> Any:
        """A value with its references followed; None when they are broken."""
        try:
            return self.resolve(value, "")[0]
        except _Unresolvable:
            return None

    def meta_check(self, schema: dict[str, Any] | bool) -> tuple[_Path, str] | None:
        """The first error of a Schema Object against its dialect's meta-schema."""
        validator = self.meta
        if self.version == "3.1":
            dialect = self.schema_dialect(schema)
            if dialect in _OUR_DIALECTS:
                validator = _schema_validator("3.1", _OUR_DIALECTS[dialect])
            else:
                return _jsonschema_meta_check(schema, dialect)
        if validator.is_valid(schema):
            return None
        return best(next(iter(validator.iter_errors(schema))))

    def schema_dialect(self, schema: dict[str, Any] | bool) -> Any:
        if isinstance(schema, dict) and "$schema" in schema:
            return schema["$schema"]
        if self.dialect is None:
            value = self.doc.get("jsonSchemaDialect", _OAS31_DIALECT)
            self.dialect = value if isinstance(value, str) else _OAS31_DIALECT
        return self.dialect

    def default_errors(self, default: Any, pointer: str) -> list[tuple[_Path, str]] | None:
        """The errors of a default in a 3.1 document that _quick_default found invalid, as
        jsonschema-rs gives them against the schema in place (its `$ref`s resolved in the
        document); None where it can't tell (then the reference decides). 3.0 is left to the
        reference: its `nullable` is an error of its own there. Formats are not asserted: a
        default that also breaks its format gets one error fewer than the reference gives."""
        if self.version != "3.1":
            return None
        from jsonschema_rs import Draft202012, Draft202012Validator, ReferencingError, Registry

        try:
            if self._default_registry is None:
                document = [(_DOCUMENT_URI, self.doc)]
                self._default_registry = Registry(document, draft=Draft202012)
            where = quote(pointer.removesuffix("/default"), safe="/~")
            validator = Draft202012Validator(
                {"$ref": f"{_DOCUMENT_URI}#{where}"}, registry=self._default_registry
            )
            return [best(error) for error in validator.iter_errors(default)]
        except (ValueError, RecursionError, ReferencingError):
            return None  # values that are not JSON, a pattern jsonschema-rs refuses

    def check_default(self, schema: dict[str, Any], default: Any, pointer: str) -> None:
        verdict = _quick_default(self, schema, default)
        if verdict is True:
            return
        found = self.default_errors(default, pointer) if verdict is False else None
        if found:
            # Surely invalid, and worded by jsonschema-rs: that spares the import of
            # openapi-schema-validator and jsonschema (0.2-0.3 s) on documents whose
            # defaults are plainly wrong (OpenAI's `default: null` on objects).
            for path, message in found:
                self.error(pointer + from_tokens(path), f"default: {message}")
            return
        from openapi_schema_validator import (
            OAS30Validator,
            OAS31Validator,
            oas30_format_checker,
            oas31_format_checker,
        )

        if self._default_resolver is None:
            from referencing import Registry
            from referencing.jsonschema import DRAFT202012

            resource = DRAFT202012.create_resource(self.doc)
            self._default_resolver = Registry().with_resource("", resource).resolver("")
        cls: Any = OAS30Validator if self.version == "3.0" else OAS31Validator
        checker = oas30_format_checker if self.version == "3.0" else oas31_format_checker
        try:
            validator = cls(schema, _resolver=self._default_resolver, format_checker=checker)
            for problem in validator.iter_errors(default):
                where = pointer + from_tokens(problem.absolute_path)
                self.error(where, f"default: {problem.message}")
        except RecursionError:
            raise
        except Exception as exc:
            self.error(pointer, f"default could not be checked against its schema: {exc}")


# Keywords some jsonschema validator asserts with: the ones _quick_default doesn't handle
# send a default to the full check; any other keyword is ignored, as jsonschema does.
_ASSERTIONS: Final = frozenset(
    {
        "$ref",
        "$dynamicRef",
        "$recursiveRef",
        "additionalItems",
        "additionalProperties",
        "allOf",
        "anyOf",
        "const",
        "contains",
        "dependencies",
        "dependentRequired",
        "dependentSchemas",
        "discriminator",
        "else",
        "enum",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "if",
        "items",
        "maxContains",
        "maxItems",
        "maxLength",
        "maxProperties",
        "maximum",
        "minContains",
        "minItems",
        "minLength",
        "minProperties",
        "minimum",
        "multipleOf",
        "not",
        "oneOf",
        "pattern",
        "patternProperties",
        "prefixItems",
        "properties",
        "propertyNames",
        "required",
        "then",
        "type",
        "unevaluatedItems",
        "unevaluatedProperties",
        "uniqueItems",
    }
)
# Every format a jsonschema or openapi-schema-validator checker may assert; others pass.
_CHECKED_FORMATS: Final = frozenset(
    {
        "date",
        "date-time",
        "time",
        "duration",
        "email",
        "idn-email",
        "hostname",
        "idn-hostname",
        "ipv4",
        "ipv6",
        "uri",
        "uri-reference",
        "iri",
        "iri-reference",
        "uri-template",
        "json-pointer",
        "relative-json-pointer",
        "regex",
        "uuid",
        "color",
        "int32",
        "int64",
        "float",
        "double",
        "byte",
        "binary",
        "password",
    }
)
_INTEGER_BITS: Final = {"int32": 31, "int64": 63}
_CANONICAL_UUID: Final = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_QUICK_TYPES: Final[dict[str, Callable[[Any], bool]]] = {
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "number": _is_number,
    "integer": _is_integer_draft4,  # a float is left to the full check
}


def _quick_default(walker: _Walker, schema: Any, value: Any, depth: int = 0) -> bool | None:
    """Whether a value is valid for a schema, for the plain cases: True or False when sure,
    None when the full check (openapi-schema-validator) must decide."""
    if schema is True:
        return True
    if not isinstance(schema, dict) or depth > 20:
        return None
    verdict: bool | None = True
    for keyword, arg in schema.items():
        if not isinstance(keyword, str):
            return None
        result: bool | None
        if keyword not in _ASSERTIONS:
            continue
        if keyword == "type":
            result = _quick_type(walker.version, schema, arg, value)
        elif keyword == "enum":
            result = isinstance(arg, list) and any(_json_equal(value, v) for v in arg)
            if walker.version == "3.0" and value is None and not result:
                result = None  # nullable enums are subtle in 3.0
        elif keyword == "const" and walker.version == "3.1":
            result = _json_equal(value, arg)
        elif keyword == "$ref" and isinstance(arg, str):
            try:
                target, _ = walker.resolve(schema, "")
            except _Unresolvable:
                return None
            result = _quick_default(walker, target, value, depth + 1)
        elif keyword in ("anyOf", "oneOf", "allOf") and isinstance(arg, list) and arg:
            if "discriminator" in schema:
                return None
            results = [_quick_default(walker, sub, value, depth + 1) for sub in arg]
            if keyword == "allOf":
                result = False if False in results else (True if all(results) else None)
            elif keyword == "anyOf":
                result = True if True in results else (None if None in results else False)
            elif results.count(True) > 1:
                result = False
            else:
                result = None if None in results else results.count(True) == 1
        elif keyword == "items" and isinstance(arg, dict | bool):
            if not isinstance(value, list):
                continue
            # 2020-12: `items` is for the entries after those `prefixItems` describes
            prefix = schema.get("prefixItems") if walker.version == "3.1" else None
            after = len(prefix) if isinstance(prefix, list) else 0
            results = [_quick_default(walker, arg, v, depth + 1) for v in value[after:]]
            result = False if False in results else (True if all(results) else None)
        elif keyword == "prefixItems" and walker.version == "3.1" and isinstance(arg, list):
            if not isinstance(value, list):
                continue
            results = [
                _quick_default(walker, sub, v, depth + 1)
                for sub, v in zip(arg, value, strict=False)  # entries past the prefix: `items`
            ]
            result = False if False in results else (True if all(results) else None)
        elif keyword == "properties" and isinstance(arg, dict):
            if not isinstance(value, dict):
                continue
            results = [
                _quick_default(walker, sub, value[k], depth + 1)
                for k, sub in arg.items()
                if k in value
            ]
            result = False if False in results else (True if all(results) else None)
        elif keyword == "additionalProperties" and isinstance(arg, dict | bool):
            if not isinstance(value, dict) or arg is True:
                continue
            if "patternProperties" in schema:
                return None
            known = schema.get("properties")
            known = known if isinstance(known, dict) else {}
            extras = [v for k, v in value.items() if k not in known]
            if arg is False:
                result = not extras
            else:
                results = [_quick_default(walker, arg, v, depth + 1) for v in extras]
                result = False if False in results else (True if all(results) else None)
        elif keyword == "propertyNames" and isinstance(arg, dict | bool):
            if not isinstance(value, dict):
                continue
            results = [_quick_default(walker, arg, k, depth + 1) for k in value]
            result = False if False in results else (True if all(results) else None)
        elif keyword == "required" and isinstance(arg, list):
            result = not isinstance(value, dict) or all(k in value for k in arg) or None
        elif keyword in ("minimum", "maximum") and _is_number(arg):
            if walker.version == "3.0" and (
                "exclusiveMinimum" in schema or "exclusiveMaximum" in schema
            ):
                return None
            if not _is_number(value):
                continue
            result = value >= arg if keyword == "minimum" else value <= arg
        elif keyword in ("exclusiveMinimum", "exclusiveMaximum") and walker.version == "3.1":
            if not _is_number(arg):
                return None
            if not _is_number(value):
                continue
            result = value > arg if keyword == "exclusiveMinimum" else value < arg
        elif keyword == "format" and isinstance(arg, str) and arg not in _CHECKED_FORMATS:
            continue
        elif keyword == "format" and arg in _INTEGER_BITS:
            # openapi-schema-validator's int32/int64: other values than integers pass
            if not isinstance(value, int) or isinstance(value, bool):
                continue
            bits = _INTEGER_BITS[arg]
            # out of range: the reference words it (jsonschema-rs knows no such format)
            result = ~(1 << bits) < value < 1 << bits or None
        elif keyword == "format" and arg in ("float", "double", "password"):
            continue  # openapi-schema-validator's checks of these pass every JSON value
        elif keyword == "format" and arg == "date-time":
            check = _rfc3339()
            if not isinstance(value, str) or check is None:
                continue  # jsonschema checks date-time with rfc3339-validator, when installed
            result = check(value.upper()) or None
        elif keyword == "multipleOf" and type(arg) is int and arg > 0:
            if not _is_number(value):
                continue
            result = value % arg == 0 if type(value) is int else None
        elif keyword == "format" and arg == "uuid":
            if not isinstance(value, str):
                continue  # a format is about strings
            # jsonschema's check: UUID() reads it and dashes at 8, 13, 18, 23; other forms
            # UUID() reads ("{...}", "urn:uuid:...") are left to it
            result = _CANONICAL_UUID.fullmatch(value) is not None or None
        elif keyword == "format" and arg in _URI_FORMATS and not _uri_formats_checked():
            continue  # what jsonschema can't check without an RFC 3986 package passes
        elif keyword == "pattern" and isinstance(arg, str) and _regex_engine() is None:
            if not isinstance(value, str):
                continue
            try:
                result = re.search(arg, value) is not None
            except re.error:
                return None
        elif keyword in ("minLength", "maxLength") and isinstance(arg, int):
            if not isinstance(value, str):
                continue
            result = len(value) >= arg if keyword == "minLength" else len(value) <= arg
        elif keyword in ("minItems", "maxItems") and isinstance(arg, int):
            if not isinstance(value, list):
                continue
            result = len(value) >= arg if keyword == "minItems" else len(value) <= arg
        else:
            return None
        if result is False:
            return False
        if result is None:
            verdict = None
    return verdict


@cache
def _rfc3339() -> Callable[[str], bool] | None:
    """rfc3339-validator's check, which jsonschema's `date-time` format uses; None when it
    is not installed (jsonschema then passes every date-time)."""
    try:
        from rfc3339_validator import validate_rfc3339
    except ImportError:
        return None
    check: Callable[[str], bool] = validate_rfc3339
    return check


def _quick_type(version: str, schema: dict[str, Any], types: Any, value: Any) -> bool | None:
    if version == "3.0":  # openapi-schema-validator's OAS 3.0 type keyword
        if not isinstance(types, str) or types not in _QUICK_TYPES:
            return None
        if value is None:
            return schema.get("nullable") is True
        return _QUICK_TYPES[types](value)
    names = [types] if isinstance(types, str) else types
    if not isinstance(names, list):
        return None
    verdict: bool | None = False
    for name in names:
        if name == "null":
            if value is None:
                return True
        elif name == "integer" and isinstance(value, float):
            verdict = None  # 1.0 is an integer in 2020-12
        elif isinstance(name, str) and name in _QUICK_TYPES:
            if _QUICK_TYPES[name](value):
                return True
        else:
            verdict = None
    return verdict


def _path_pointer(url: str) -> str:
    return "/paths/" + escape(url)


def _jsonschema_meta_check(schema: Any, dialect: Any) -> tuple[_Path, str] | None:
    """Schemas of another dialect are rare: check them with jsonschema, as the reference."""
    from jsonschema.exceptions import SchemaError
    from jsonschema.validators import validator_for
    from openapi_schema_validator import oas31_format_checker

    if not isinstance(dialect, str):
        return (), f"Unknown JSON Schema dialect: {dialect!r}"
    cls: Any = validator_for({"$schema": dialect}, default=None)
    if cls is None:
        return (), f"Unknown JSON Schema dialect: {dialect!r}"
    try:
        cls.check_schema(schema, format_checker=oas31_format_checker)
    except SchemaError as error:
        return tuple(error.absolute_path), error.message
    return None
