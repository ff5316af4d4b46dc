"""Tests for checker.load.locate: JSON pointers to 1-based (line, column) in the source text."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Literal

import pytest

from checker.load.locate import locate

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def escape(segment: object) -> str:
    return str(segment).replace("~", "~0").replace("/", "~1")


def all_pointers(value: Any, prefix: str = "") -> list[tuple[str, Any, Any]]:
    """(pointer, key or index, value) for every member and element, depth first."""
    found: list[tuple[str, Any, Any]] = []
    items: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    for key, child in items:
        pointer = f"{prefix}/{escape(key)}"
        found.append((pointer, key, child))
        found.extend(all_pointers(child, pointer))
    return found


def offset_of(text: str, position: tuple[int, int]) -> int:
    line, column = position
    rows = text.split("\n")
    assert 1 <= line <= len(rows)
    assert 1 <= column <= len(rows[line - 1]) + 1
    return sum(len(row) + 1 for row in rows[: line - 1]) + column - 1


# --------------------------------------------------------------------------------------------
# JSON, positions written out by hand

PRETTY = lines(
    "{",  # 1
    '  "openapi": "3.1.0",',  # 2
    '  "paths": {',  # 3
    '    "/v1/customers/": {',  # 4
    '      "post": {',  # 5
    '        "responses": {',  # 6
    '          "200": {"description": "OK"},',  # 7
    '          "422": {',  # 8
    '            "description": "Invalid"',  # 9
    "          }",  # 10
    "        }",  # 11
    "      }",  # 12
    "    }",  # 13
    "  },",  # 14
    '  "tags": [',  # 15
    '    {"name": "a"},',  # 16
    "    {",  # 17
    '      "name": "b"',  # 18
    "    }",  # 19
    "  ]",  # 20
    "}",  # 21
)
OP = "/paths/~1v1~1customers~1/post"

MINIFIED = '{"a":{"b/c":[1,{"d~e":null}],"x":"y"},"z":2}'

ESCAPED = '{"a\\/b": 1, "caf\\u00e9": 2, "\\ud83d\\udea2": {"x": 3}, "q\\"~": [4]}'

RAW_UNICODE = '{"é": 1, "🚢": {"k": 2}}'

NESTED_ARRAYS = '[[1, [2, 3]], {"k": [true]}]'

JSON_CASES: list[tuple[str, str, str, tuple[int, int]]] = [
    # (id, text, pointer, expected)
    ("pretty-root", PRETTY, "", (1, 1)),
    ("pretty-top", PRETTY, "/openapi", (2, 3)),
    ("pretty-paths", PRETTY, "/paths", (3, 3)),
    ("pretty-path-escaped", PRETTY, "/paths/~1v1~1customers~1", (4, 5)),
    ("pretty-op", PRETTY, OP, (5, 7)),
    ("pretty-responses", PRETTY, f"{OP}/responses", (6, 9)),
    ("pretty-200", PRETTY, f"{OP}/responses/200", (7, 11)),
    ("pretty-200-inline", PRETTY, f"{OP}/responses/200/description", (7, 19)),
    ("pretty-422", PRETTY, f"{OP}/responses/422", (8, 11)),
    ("pretty-422-desc", PRETTY, f"{OP}/responses/422/description", (9, 13)),
    ("pretty-array", PRETTY, "/tags", (15, 3)),
    ("pretty-elem-0", PRETTY, "/tags/0", (16, 5)),
    ("pretty-elem-0-key", PRETTY, "/tags/0/name", (16, 6)),
    ("pretty-elem-1", PRETTY, "/tags/1", (17, 5)),
    ("pretty-elem-1-key", PRETTY, "/tags/1/name", (18, 7)),
    ("mini-a", MINIFIED, "/a", (1, 2)),
    ("mini-slash-key", MINIFIED, "/a/b~1c", (1, 7)),
    ("mini-elem-scalar", MINIFIED, "/a/b~1c/0", (1, 14)),
    ("mini-elem-object", MINIFIED, "/a/b~1c/1", (1, 16)),
    ("mini-tilde-key", MINIFIED, "/a/b~1c/1/d~0e", (1, 17)),
    ("mini-after-array", MINIFIED, "/a/x", (1, 30)),
    ("mini-last", MINIFIED, "/z", (1, 39)),
    ("escaped-solidus", ESCAPED, "/a~1b", (1, 2)),
    ("escaped-u00e9", ESCAPED, "/café", (1, 13)),
    ("escaped-surrogates", ESCAPED, "/🚢", (1, 29)),
    ("escaped-surrogates-child", ESCAPED, "/🚢/x", (1, 46)),
    ("escaped-quote-tilde", ESCAPED, '/q"~0', (1, 55)),
    ("escaped-quote-tilde-elem", ESCAPED, '/q"~0/0', (1, 64)),
    ("raw-unicode-columns", RAW_UNICODE, "/🚢", (1, 10)),
    ("raw-unicode-child", RAW_UNICODE, "/🚢/k", (1, 16)),
    ("arrays-0", NESTED_ARRAYS, "/0", (1, 2)),
    ("arrays-0-1", NESTED_ARRAYS, "/0/1", (1, 6)),
    ("arrays-0-1-1", NESTED_ARRAYS, "/0/1/1", (1, 10)),
    ("arrays-1", NESTED_ARRAYS, "/1", (1, 15)),
    ("arrays-1-k", NESTED_ARRAYS, "/1/k", (1, 16)),
    ("arrays-1-k-0", NESTED_ARRAYS, "/1/k/0", (1, 22)),
    ("crlf", '{\r\n  "a": {\r\n    "b": 1\r\n  }\r\n}\r\n', "/a/b", (3, 5)),
    ("bom", '\ufeff{"a": 1}', "/a", (1, 2)),
    ("empty-key", '{"": {"": 1}}', "/", (1, 2)),
    ("empty-key-nested", '{"": {"": 1}}', "//", (1, 7)),
    # Missing or malformed pointers fall back to the deepest existing ancestor.
    ("missing-member", PRETTY, "/paths/~1v1~1customers~1/get", (4, 5)),
    ("missing-deep", PRETTY, f"{OP}/responses/404/description", (6, 9)),
    ("missing-top", PRETTY, "/nope", (1, 1)),
    ("through-scalar", PRETTY, "/tags/1/name/x", (18, 7)),
    ("index-out-of-range", PRETTY, "/tags/5", (15, 3)),
    ("index-leading-zero", PRETTY, "/tags/01", (15, 3)),
    ("index-dash", PRETTY, "/tags/-", (15, 3)),
    ("index-huge", PRETTY, "/tags/" + "9" * 5000, (15, 3)),
    ("index-on-object", PRETTY, "/paths/0", (3, 3)),
    ("key-on-array", PRETTY, "/tags/name", (15, 3)),
    ("bad-escape", PRETTY, "/paths/~2x/post", (3, 3)),
    ("trailing-tilde", PRETTY, "/paths/~", (3, 3)),
    ("no-leading-slash", PRETTY, "paths", (1, 1)),
    ("uri-fragment-form", PRETTY, "#/paths", (1, 1)),
    ("truncated-text", '{"a": {"b": 1, "c": ', "/a/c/d", (1, 16)),
    ("not-json", "openapi: 3.1.0\n", "/openapi", (1, 1)),
    ("empty-text", "", "/a", (1, 1)),
]


@pytest.mark.parametrize(
    ("text", "pointer", "expected"),
    [case[1:] for case in JSON_CASES],
    ids=[case[0] for case in JSON_CASES],
)
def test_json_positions(text: str, pointer: str, expected: tuple[int, int]) -> None:
    assert locate(text, "json", [pointer]) == {pointer: expected}


def test_json_all_cases_of_one_text_in_one_call() -> None:
    cases = [(pointer, expected) for _, text, pointer, expected in JSON_CASES if text is PRETTY]
    assert locate(PRETTY, "json", [pointer for pointer, _ in cases]) == dict(cases)


def test_escaped_keys_columns_match_text() -> None:
    found = locate(ESCAPED, "json", ["/a~1b", "/café", "/🚢", '/q"~0'])
    assert ESCAPED[found["/a~1b"][1] - 1 :].startswith('"a\\/b"')
    assert ESCAPED[found["/café"][1] - 1 :].startswith('"caf\\u00e9"')
    assert ESCAPED[found["/🚢"][1] - 1 :].startswith('"\\ud83d\\udea2"')
    assert ESCAPED[found['/q"~0'][1] - 1 :].startswith('"q\\"~"')


def test_empty_and_duplicate_pointer_lists() -> None:
    assert locate(PRETTY, "json", []) == {}
    assert locate(PRETTY, "json", iter(["/paths", "/paths", ""])) == {"/paths": (3, 3), "": (1, 1)}


def test_unknown_format_is_rejected() -> None:
    with pytest.raises(ValueError, match="format"):
        locate(PRETTY, "toml", ["/a"])  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# JSON, property-style over generated documents

KEY_POOL = [
    "a",
    "name",
    "200",
    "0",
    "/v1/items/{id}",
    "a~b",
    "~1",
    "x/y~z",
    "",
    "café",
    "🚢 ship",
    "日本語",
    'q"uote',
    "back\\slash",
    "tab\there",
    "line\nbreak",
    "\u2028sep",
]


def generate(rng: random.Random, pool: list[str], depth: int = 0) -> Any:
    roll = rng.random()
    if depth >= 4 or roll < 0.25:
        return rng.choice([None, True, False, 0, -1.5, 12345678901234567890, "s", "é\n", ""])
    if roll < 0.45:
        return [generate(rng, pool, depth + 1) for _ in range(rng.randrange(0, 5))]
    keys = rng.sample(pool, rng.randrange(0, 6))
    return {key: generate(rng, pool, depth + 1) for key in keys}


DUMPS: dict[str, dict[str, Any]] = {
    "indent2": {"indent": 2},
    "indent2-unicode": {"indent": 2, "ensure_ascii": False},
    "compact": {"separators": (",", ":")},
    "compact-unicode": {"separators": (",", ":"), "ensure_ascii": False},
    "default": {},
}


@pytest.mark.parametrize("style", sorted(DUMPS))
@pytest.mark.parametrize("seed", range(6))
def test_json_every_pointer_starts_at_its_key(style: str, seed: int) -> None:
    rng = random.Random(seed)
    document = {key: generate(rng, KEY_POOL) for key in KEY_POOL}
    options: dict[str, Any] = DUMPS[style]
    text = json.dumps(document, **options)
    ensure_ascii = options.get("ensure_ascii", True)
    entries = all_pointers(document)
    assert len(entries) > 50

    found = locate(text, "json", [pointer for pointer, _, _ in entries])

    assert len(found) == len(entries)
    offsets = set()
    for pointer, key, value in entries:
        offset = offset_of(text, found[pointer])
        offsets.add(offset)
        if isinstance(key, str):
            assert text.startswith(json.dumps(key, ensure_ascii=ensure_ascii), offset), pointer
        else:
            start = json.dumps(value, **options)[:1]
            assert text.startswith(start, offset), pointer
    assert len(offsets) == len(entries)  # distinct pointers, distinct positions


@pytest.mark.parametrize("seed", range(4))
def test_json_missing_pointers_fall_back_to_ancestors(seed: int) -> None:
    rng = random.Random(seed)
    document = {key: generate(rng, KEY_POOL) for key in KEY_POOL}
    text = json.dumps(document, indent=2)
    entries = all_pointers(document)
    existing = locate(text, "json", [pointer for pointer, _, _ in entries])
    missing = {f"{pointer}/no such member/0": pointer for pointer, _, _ in entries}
    missing.update({f"{pointer}/99": pointer for pointer, _, _ in entries})
    found = locate(text, "json", list(missing))
    for pointer, ancestor in missing.items():
        assert found[pointer] == existing[ancestor], pointer


@pytest.mark.parametrize("seed", range(4))
def test_pretty_json_parsed_as_yaml_gives_the_same_positions(seed: int) -> None:
    rng = random.Random(seed)
    # A raw U+2028 is a line break to YAML (ensure_ascii=False writes it unescaped).
    pool = [key for key in KEY_POOL if "\u2028" not in key]
    document = {key: generate(rng, pool) for key in pool}
    text = json.dumps(document, indent=2, ensure_ascii=False)
    pointers = [pointer for pointer, _, _ in all_pointers(document)]
    assert locate(text, "yaml", pointers) == locate(text, "json", pointers)


# --------------------------------------------------------------------------------------------
# YAML, positions written out by hand

BLOCK = lines(
    "openapi: 3.1.0",  # 1
    "paths:",  # 2
    "  /v1/customers/:",  # 3
    "    post:",  # 4
    "      responses:",  # 5
    "        200:",  # 6
    "          description: OK",  # 7
    '        "422":',  # 8
    "          description: |",  # 9
    "            multi",  # 10
    "            line",  # 11
    "        '500': {description: Error}",  # 12
    "tags:",  # 13
    "  - name: a",  # 14
    "  - name: b",  # 15
    "    description: >-",  # 16
    "      folded",  # 17
    "      text",  # 18
    "  -   plain item",  # 19
    'x-flow: {a: 1, "b c": [x, {d: 2}]}',  # 20
    "x-anchors:",  # 21
    "  base: &base",  # 22
    "    k: v",  # 23
    "  ref: *base",  # 24
    "  merged:",  # 25
    "    <<: *base",  # 26
    "    own: 1",  # 27
    "'0x1F': quoted, so a string",  # 28
    "description: a plain scalar",  # 29
    "  continued on the next line",  # 30
    "after: 1",  # 31
)

KEYS = lines(
    '"a\\u00e9/b": 1',  # 1
    "? explicit",  # 2
    ": 2",  # 3
    "é: {ü: 1, 🚢: 2}",  # 4
    "0x1F: hex",  # 5
    "1_000: underscored",  # 6
    "on: a YAML 1.1 boolean",  # 7
    "~: null",  # 8
    '"<<": quoted, not a merge',  # 9
    "'~': quoted tilde",  # 10
)

DOCUMENT_MARKER = lines("%YAML 1.1", "# comment", "---", "a:", "- 1", "- [2, 3]")

YAML_CASES: list[tuple[str, str, str, tuple[int, int]]] = [
    ("block-root", BLOCK, "", (1, 1)),
    ("block-top", BLOCK, "/openapi", (1, 1)),
    ("block-paths", BLOCK, "/paths", (2, 1)),
    ("block-path", BLOCK, "/paths/~1v1~1customers~1", (3, 3)),
    ("block-op", BLOCK, OP, (4, 5)),
    ("block-int-key", BLOCK, f"{OP}/responses/200", (6, 9)),
    ("block-int-key-child", BLOCK, f"{OP}/responses/200/description", (7, 11)),
    ("block-double-quoted-key", BLOCK, f"{OP}/responses/422", (8, 9)),
    ("block-literal-scalar", BLOCK, f"{OP}/responses/422/description", (9, 11)),
    ("block-single-quoted-key", BLOCK, f"{OP}/responses/500", (12, 9)),
    ("block-flow-child", BLOCK, f"{OP}/responses/500/description", (12, 17)),
    ("list", BLOCK, "/tags", (13, 1)),
    ("list-elem-0", BLOCK, "/tags/0", (14, 5)),
    ("list-elem-0-key", BLOCK, "/tags/0/name", (14, 5)),
    ("list-elem-1", BLOCK, "/tags/1", (15, 5)),
    ("list-folded-scalar", BLOCK, "/tags/1/description", (16, 5)),
    ("list-elem-scalar", BLOCK, "/tags/2", (19, 7)),
    ("flow-key", BLOCK, "/x-flow", (20, 1)),
    ("flow-member", BLOCK, "/x-flow/a", (20, 10)),
    ("flow-quoted-key", BLOCK, "/x-flow/b c", (20, 16)),
    ("flow-elem", BLOCK, "/x-flow/b c/0", (20, 24)),
    ("flow-elem-mapping", BLOCK, "/x-flow/b c/1", (20, 27)),
    ("flow-nested-key", BLOCK, "/x-flow/b c/1/d", (20, 28)),
    ("anchor-key", BLOCK, "/x-anchors/base/k", (23, 5)),
    ("alias-member", BLOCK, "/x-anchors/ref", (24, 3)),
    ("through-alias", BLOCK, "/x-anchors/ref/k", (23, 5)),
    ("merge-own-key", BLOCK, "/x-anchors/merged/own", (27, 5)),
    ("merge-inherited-key", BLOCK, "/x-anchors/merged/k", (23, 5)),
    ("merge-key-itself", BLOCK, "/x-anchors/merged/<<", (25, 3)),
    ("quoted-hex-key", BLOCK, "/0x1F", (28, 1)),
    ("multi-line-plain", BLOCK, "/description", (29, 1)),
    ("after-multi-line", BLOCK, "/after", (31, 1)),
    ("keys-escaped", KEYS, "/aé~1b", (1, 1)),
    ("keys-explicit", KEYS, "/explicit", (2, 3)),
    ("keys-unicode-columns", KEYS, "/é/🚢", (4, 11)),
    ("keys-hex-int", KEYS, "/31", (5, 1)),
    ("keys-hex-raw", KEYS, "/0x1F", (5, 1)),
    ("keys-underscore-int", KEYS, "/1000", (6, 1)),
    ("keys-bool-python", KEYS, "/True", (7, 1)),
    ("keys-bool-json", KEYS, "/true", (7, 1)),
    ("keys-null", KEYS, "/null", (8, 1)),
    ("keys-quoted-merge", KEYS, "/<<", (9, 1)),
    ("keys-quoted-tilde", KEYS, "/~0", (10, 1)),
    ("document-marker", DOCUMENT_MARKER, "/a", (4, 1)),
    ("document-marker-elem", DOCUMENT_MARKER, "/a/1/0", (6, 4)),
    ("crlf", "a:\r\n  b: 1\r\n", "/a/b", (2, 3)),
    # Missing or malformed pointers fall back to the deepest existing ancestor.
    ("missing-member", BLOCK, f"{OP}/responses/404", (5, 7)),
    ("through-scalar", BLOCK, "/tags/1/name/x", (15, 5)),
    ("index-out-of-range", BLOCK, "/tags/3", (13, 1)),
    ("index-leading-zero", BLOCK, "/tags/00", (13, 1)),
    ("index-on-mapping", BLOCK, "/paths/0", (2, 1)),
    ("merge-missing", BLOCK, "/x-anchors/merged/nope", (25, 3)),
    ("bad-escape", BLOCK, "/paths/~x", (2, 1)),
    ("no-leading-slash", BLOCK, "openapi", (1, 1)),
    ("invalid-yaml", "a: [1, 2\nb: {", "/a/0", (1, 1)),
    ("two-documents", "a: 1\n---\nb: 2\n", "/b", (1, 1)),
    ("empty", "", "/a", (1, 1)),
    ("scalar-document", "just text\n", "/a", (1, 1)),
]


@pytest.mark.parametrize(
    ("text", "pointer", "expected"),
    [case[1:] for case in YAML_CASES],
    ids=[case[0] for case in YAML_CASES],
)
def test_yaml_positions(text: str, pointer: str, expected: tuple[int, int]) -> None:
    assert locate(text, "yaml", [pointer]) == {pointer: expected}


def test_yaml_all_cases_of_one_text_in_one_call() -> None:
    cases = [(pointer, expected) for _, text, pointer, expected in YAML_CASES if text is BLOCK]
    assert locate(BLOCK, "yaml", [pointer for pointer, _ in cases]) == dict(cases)


def test_yaml_alias_element_maps_to_the_anchored_node() -> None:
    # The composed tree shares the anchored node, so an alias in a sequence reports the
    # position of the node it refers to (documented behaviour, not the alias's own position).
    text = lines("defs:", "  - &one {a: 1}", "  - *one", "  - two")
    found = locate(text, "yaml", ["/defs/0", "/defs/1", "/defs/1/a", "/defs/2"])
    assert found["/defs/0"] == found["/defs/1"] == (2, 5)
    assert found["/defs/1/a"] == (2, 11)
    assert found["/defs/2"] == (4, 5)


def test_yaml_recursive_alias_does_not_loop() -> None:
    text = lines("a: &x", "  b: *x", "  <<: *x")
    found = locate(text, "yaml", ["/a/b/b/b/b", "/a/nope", "/a/b/nope"])
    assert found == {"/a/b/b/b/b": (2, 3), "/a/nope": (1, 1), "/a/b/nope": (2, 3)}


def test_yaml_gc_state_is_restored() -> None:
    import gc

    assert gc.isenabled()
    locate(BLOCK, "yaml", ["/paths"])
    assert gc.isenabled()
    gc.disable()
    try:
        locate(BLOCK, "yaml", ["/paths"])
        assert not gc.isenabled()
    finally:
        gc.enable()


# --------------------------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("source", [PRETTY, MINIFIED, ESCAPED, BLOCK, KEYS], ids=range(5))
def test_never_raises_on_broken_text_or_pointers(fmt: Literal["json", "yaml"], source: str) -> None:
    rng = random.Random(len(source))
    pieces = ["/", "~", "~0", "~1", "~2", "a", "0", "01", "-", "paths", "tags", "🚢", '"', ""]
    for cut in range(0, len(source) + 1, 3):
        text = source[:cut]
        if text and rng.random() < 0.5:
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice('{}[]",:\n &*!|>-') + text[at + 1 :]
        pointers = ["".join(rng.choices(pieces, k=rng.randrange(6))) for _ in range(4)]
        pointers += [f"{OP}/responses/200", "/tags/1/name", "/a/b~1c/1"]
        found = locate(text, fmt, pointers)
        assert set(found) == set(pointers)
        assert all(line >= 1 and column >= 1 for line, column in found.values())


def test_deep_nesting_does_not_raise() -> None:
    depth = 5000
    text = "[" * depth + "]" * depth
    assert locate(text, "json", ["/0" * depth, "/0/0"])["/0/0"] == (1, 3)
    # libyaml refuses this depth (root fallback); the pure-Python parser may accept it.
    assert locate(text, "yaml", ["/0/0"])["/0/0"] in {(1, 1), (1, 3)}
    assert locate('{"x": 1}', "json", ["/x" * 3000]) == {"/x" * 3000: (1, 2)}


# --------------------------------------------------------------------------------------------
# Corpus


def corpus_text(relative: str) -> str:
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"corpus file {path} not available")
    return path.read_text(encoding="utf-8")


def line_at(text: str, position: tuple[int, int]) -> str:
    line, column = position
    return text.splitlines()[line - 1][column - 1 :]


def test_corpus_polar_openapi_json() -> None:
    text = corpus_text("polar/openapi.json")
    document = json.loads(text)
    customers = "/paths/~1v1~1customers~1"
    last_tag = f"/tags/{len(document['tags']) - 1}"
    pointers = [
        "",
        "/openapi",
        "/info/title",
        customers,
        f"{customers}/get",
        f"{customers}/post",
        f"{customers}/post/responses/422",
        f"{customers}/post/responses/200",  # absent: falls back to /responses
        "/components/schemas/IntrospectTokenRequest/required",
        last_tag,
        f"{last_tag}/name",
        "/paths/~1v1~1nope~1/get",  # absent: falls back to /paths
    ]
    found = locate(text, "json", pointers)

    assert found[""] == (1, 1)
    assert found["/openapi"] == (2, 3)
    assert found["/info/title"] == (4, 5)
    assert line_at(text, found["/info/title"]) == '"title": "Polar API",'
    assert line_at(text, found[customers]) == '"/v1/customers/": {'
    assert line_at(text, found[f"{customers}/get"]) == '"get": {'
    assert line_at(text, found[f"{customers}/post"]) == '"post": {'
    assert found[customers][0] < found[f"{customers}/get"][0] < found[f"{customers}/post"][0]
    assert line_at(text, found[f"{customers}/post/responses/422"]) == '"422": {'
    fallback = found[f"{customers}/post/responses/200"]
    assert line_at(text, fallback) == '"responses": {'
    assert found[f"{customers}/post"][0] < fallback[0] < found[f"{customers}/post/responses/422"][0]
    assert line_at(text, found["/components/schemas/IntrospectTokenRequest/required"]).startswith(
        '"required": ['
    )
    assert line_at(text, found[last_tag]) == "{"
    assert line_at(text, found[f"{last_tag}/name"]) == f'"name": "{document["tags"][-1]["name"]}",'
    assert line_at(text, found["/paths/~1v1~1nope~1/get"]) == '"paths": {'


def test_spans_give_the_width_of_the_key() -> None:
    from checker.load.locate import spans

    text = '{\n  "paths": {"/a": {"get": {}}},\n  "tags": [{"name": "x"}]\n}'
    found = spans(text, "json", ["/paths/~1a/get", "/tags/0", "", "/paths/~1a/nope"])
    assert found["/paths/~1a/get"] == (2, 20, 5)  # "get" with its quotes
    assert found["/tags/0"] == (3, 12, 0)  # an element: no key
    assert found[""] == (1, 1, 0)
    assert found["/paths/~1a/nope"] == (2, 13, 4)  # the ancestor "/a", its span
    yaml_text = "paths:\n  /a:\n    get: {}\n    'put': {}\n"
    found = spans(yaml_text, "yaml", ["/paths/~1a/get", "/paths/~1a/put"])
    assert found["/paths/~1a/get"] == (3, 5, 3)
    assert found["/paths/~1a/put"] == (4, 5, 5)  # the quotes belong to the key's text


# --------------------------------------------------------------------------------------------
# YAML: the text scanner against PyYAML's composed tree


def scanned(text: str, pointers: list[str], document: Any = None) -> dict[str, Any] | None:
    """The scanner's spans, or None when it leaves the text to PyYAML."""
    from checker.load import locate as located
    from checker.load import yaml_scan

    root, chains, _ = located._build_trie(pointers)
    try:
        yaml_scan.scan(text, root, document)
    except yaml_scan.Unsupported:
        return None
    located._positions_from_offsets(text, located._all_nodes(root))
    return {pointer: located._resolve(chain) for pointer, chain in chains.items()}


def composed(text: str, pointers: list[str]) -> dict[str, Any]:
    from checker.load import locate as located
    from checker.load.yaml_compose import compose

    root, chains, _ = located._build_trie(pointers)
    compose(text, root)
    return {pointer: located._resolve(chain) for pointer, chain in chains.items()}


SCANNED = lines(
    "---  # the one document",
    "openapi: 3.1.0",
    "paths:",
    "  /v1/customers/:",
    "    post:",
    "      parameters:",
    "      - name: page",  # a sequence at its key's indentation
    "        in: query",
    "      -   name: 'it''s'",
    '          "in": header',
    "      responses:",
    "        200:",
    "          description: OK",
    "# a comment at the margin, inside the mapping",
    '        "422":',
    "          description: |",
    "            key: not a key",
    "              - not an entry",
    "        '500': {description: Error, x: [1, {y: 2}], 'q''': \"\\u00e9\"}",
    "tags:",
    "  - name: a",
    "  - >-",
    "    folded",
    "  - [x, y]",
    "  - plain",
    "    continued",
    "  -",
    "    nested: mapping",
    'x-json: {"a": [1, 2, {"b": null}], "c": "d"}',
    "true: a boolean key",
    "~: a null key",
    "0x1F: a hex key",
    "description: a plain scalar",
    "  continued on the next line",
    "empty:",
    "after: 1",
)


def test_the_scanner_reads_block_and_flow_yaml_as_pyyaml_does() -> None:
    import yaml

    document = yaml.safe_load(SCANNED)
    document = {str(k).lower() if isinstance(k, bool) else k: v for k, v in document.items()}
    document["null"] = document.pop(None)
    document["31"] = document.pop(31)
    pointers = [pointer for pointer, _, _ in all_pointers(document)]
    pointers += ["/paths/~1v1~1customers~1/post/responses/404", "/tags/9", "/description/x"]
    found = scanned(SCANNED, pointers)
    assert found is not None, "the scanner left this text to PyYAML"
    assert found == composed(SCANNED, pointers)
    assert found["/paths/~1v1~1customers~1/post/parameters/1/in"] == (10, 11, 4)
    assert found["/tags/2/1"] == (24, 9, 0)
    assert found["/tags/1"] == (22, 5, 0)  # a block scalar: its indicator
    assert found["/x-json/a/2/b"] == (29, 23, 3)


@pytest.mark.parametrize(
    "text",
    [
        lines("a: &x", "  b: 1", "c: *x"),  # an alias on the way
        lines("a:", "  <<: {b: 1}", "  c: 2"),  # a merge key
        lines("a: !!map", "  b: 1"),  # a tag
        lines("? a", ": 1"),  # an explicit key
        lines("%YAML 1.2", "---", "a: {b: 1}"),  # a directive
        lines("a: 1", "---", "a: 2"),  # two documents
        "a:\r  b: 1\r",  # old Mac line breaks
        lines("a:", "  b: \u2028", "  c: 1"),  # a YAML 1.1 line break
    ],
)
def test_the_scanner_leaves_what_it_does_not_read_to_pyyaml(text: str) -> None:
    assert scanned(text, ["/a/b", "/a/c", "/c/b"]) is None
    assert locate(text, "yaml", ["/a/b"]) == {"/a/b": composed(text, ["/a/b"])["/a/b"][:2]}


def test_keys_found_by_their_index_in_the_document_are_the_keys_read_by_name() -> None:
    # Given the loaded document, a wanted key is read at its index in the mapping; a key
    # that is not there (404), or named by its raw text (0x1F for "31"), makes the scanner
    # read every key of that mapping, as it does without the document.
    from checker.load.source import parse

    document = parse(SCANNED, "scanned.yaml").document
    pointers = [pointer for pointer, _, _ in all_pointers(document)]
    pointers += ["/paths/~1v1~1customers~1/post/responses/404", "/0x1F", "/~0", "/true"]
    with_document = scanned(SCANNED, pointers, document)
    assert with_document is not None
    assert with_document == scanned(SCANNED, pointers)
    assert with_document["/0x1F"] == with_document["/31"] == (32, 1, 4)
    assert with_document["/paths/~1v1~1customers~1/post/responses/404"] == (11, 7, 9)


def test_the_scanner_checks_its_reading_against_the_document() -> None:
    text = lines("a:", "  b: 1", "  c: 2")
    assert scanned(text, ["/a/c"], {"a": {"b": 1, "c": 2}}) == {"/a/c": (3, 3, 1)}
    assert scanned(text, ["/a/c"], {"a": {"b": 1}}) is None  # a key miscounted
    assert scanned(text, ["/a/c"], {"a": [1, 2]}) is None


def test_key_lines_past_the_last_wanted_key_are_not_read() -> None:
    # An explicit key (`? c`) takes two lines the scanner would count as two keys: after
    # the wanted keys it is never read; before them, the count is wrong and PyYAML reads.
    text = lines("a:", "  b: 1", "  ? c", "  : 2", "  d: 3")
    document = {"a": {"b": 1, "c": 2, "d": 3}}
    assert scanned(text, ["/a/b"], document) == {"/a/b": (2, 3, 1)}
    assert scanned(text, ["/a/d"], document) is None
    assert locate(text, "yaml", ["/a/d"]) == {"/a/d": (5, 3)}


@pytest.mark.slow
@pytest.mark.parametrize(
    "relative",
    [
        "large/openai-openapi-2026-08.yaml",
        "large/stripe-spec3-2023-09.yaml",
        "polar/openapi-2026-06-speakeasy.yaml",
        "fastapi/airflow-v2-client-spec.yaml",
    ],
)
def test_the_scanner_agrees_with_pyyaml_on_corpus_yaml(relative: str) -> None:
    from checker.load.source import parse

    text = corpus_text(relative)
    document = parse(text, relative).document
    every = [pointer for pointer, _, _ in all_pointers(document)]
    rng = random.Random(16)
    pointers = rng.sample(every, min(3000, len(every)))
    pointers += [f"{pointer}/absent" for pointer in rng.sample(every, 100)]
    found = scanned(text, pointers, document)
    assert found is not None, "the scanner left a corpus spec to PyYAML"
    assert found == composed(text, pointers)
