"""Loading: JSON, YAML (keys as strings), sniffing, stdin, and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.load.source import load, parse

MINIMAL = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}


def test_json_with_surrogate_pairs() -> None:
    text = '{"openapi": "3.1.0", "info": {"title": "ship \\ud83d\\udea2", "version": "1"}}'
    source = parse(text, "a.json", "json")
    assert source.document["info"]["title"] == "ship \U0001f6a2"
    assert source.format == "json"


def test_yaml_keys_are_strings_and_timestamps_stay_text() -> None:
    text = (
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        200: {description: OK}\n"
        "x-date: 2024-01-02\nx-flag: {true: 1, null: 2}\n"
    )
    source = parse(text, "a.yaml")
    assert source.format == "yaml"
    assert list(source.document["paths"]["/a"]["get"]["responses"]) == ["200"]
    assert source.document["x-date"] == "2024-01-02"
    assert source.document["x-flag"] == {"true": 1, "null": 2}


def test_format_is_sniffed_when_the_name_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "spec"
    path.write_text(json.dumps(MINIMAL))
    assert load(str(path)).format == "json"
    path.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n")
    assert load(str(path)).format == "yaml"


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        (
            '{"openapi": "3.1.0", "info": {',
            "a.json",
            "a.json:1:31: invalid JSON: the document ends early",
        ),
        ('{"openapi": "3.1.0",, }', "a.json", "a.json:1:21: invalid JSON: Expecting property name"),
        ('{"a": 1}', "a.json", "a.json: not an OpenAPI document (no 'openapi' field at the top)"),
        ("[1, 2]", "a.json", "a.json: expected an OpenAPI document (a mapping), got list"),
        ("", "a.yaml", "a.yaml: the document is empty"),
        ("openapi: [1\n", "a.yaml", "a.yaml:2:1: invalid YAML"),
        (
            "just a sentence\n",
            "a.yaml",
            "a.yaml: expected an OpenAPI document (a mapping), got str",
        ),
        ("<html><body>hi</body></html>", "a", "a: got HTML or XML"),
        ('{"swagger": "2.0"}', "a.json", "a.json: Swagger 2.0 is not supported"),
    ],
)
def test_bad_input_is_one_clear_error(text: str, name: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(text, name)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load(str(tmp_path / "nope.json"))
    with pytest.raises(InputError, match="is a directory"):
        load(str(tmp_path))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'{"openapi": "\xff"}')
    with pytest.raises(InputError, match="not UTF-8"):
        load(str(path))
