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


# -- YAML: yaml-rs reads it, PyYAML where yaml-rs cannot; both the same document ------------

SCALARS = (
    "a: yes\nb: on\nc: 0777\nd: 2001-01-01\nf: .inf\n200: x\nnull: 1\ntrue: 2\ng: 0o17\n"
    "h: 0x1F\ni: 1:30\nj: -5\nk: +3\nl: 1e3\nm: 1.5\nn: ~\no: NULL\np: True\nq: 'yes'\n"
    "r: 1_000\ns: .nan\nt: 0b101\nu: -.inf\nv: 1.\nw: .5\nx: 3.0e-2\ny: 2001-01-01T10:00:00Z\n"
)


def test_both_yaml_readers_give_the_same_document() -> None:
    import math

    import yaml

    from checker.load.yaml_load import _fast_yaml
    from checker.load.yaml_pyyaml import _Loader

    fast, slow = _fast_yaml(SCALARS), yaml.load(SCALARS, Loader=_Loader)
    assert list(fast) == list(slow)
    for key in slow:
        same = fast[key] == slow[key] or (math.isnan(fast[key]) and math.isnan(slow[key]))
        assert same and type(fast[key]) is type(slow[key]), key
    # YAML 1.2, as OpenAPI recommends: `yes` and `on` are words, `0777` is 777, `1:30` text.
    assert (slow["a"], slow["b"], slow["c"], slow["i"], slow["g"]) == ("yes", "on", 777, "1:30", 15)
    assert slow["y"] == "2001-01-01T10:00:00Z" and slow["200"] == "x"


def test_merge_keys_and_errors_go_through_pyyaml() -> None:
    merged = parse(
        "openapi: 3.1.0\ninfo: &i {title: t, version: '1'}\nx-copy: {<<: *i, title: u}\n", "a.yaml"
    )
    assert merged.document["x-copy"] == {"title": "u", "version": "1"}
    for text, message in (
        ("openapi: 3.1.0\nopenapi: 3.0.0\n", "a.yaml:2:1: invalid YAML: duplicate key 'openapi'"),
        ("openapi: 3.1.0\n1: a\n'1': b\n", "a.yaml:3:1: invalid YAML: duplicate key '1'"),
        ("openapi: 3.1.0\npaths: [1, 2\n", "a.yaml:3:1: invalid YAML:"),
        ("openapi: 3.1.0\nx: " + "9" * 5000 + "\n", "a.yaml: invalid YAML:"),
    ):
        with pytest.raises(InputError) as error:
            parse(text, "a.yaml")
        assert str(error.value).startswith(message), str(error.value)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "large/stripe-spec3-2023-09.yaml",
        "large/openai-openapi-2026-08.yaml",
        "polar/openapi-2026-06-speakeasy.yaml",
    ],
)
def test_yaml_rs_reads_the_corpus_as_pyyaml_does(name: str) -> None:
    import yaml

    from checker.load.yaml_load import _fast_yaml
    from checker.load.yaml_pyyaml import _Loader
    from tests.helpers import corpus_file

    text = corpus_file(name).read_text()
    assert _fast_yaml(text) == yaml.load(text, Loader=_Loader)
