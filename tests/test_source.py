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


# -- big YAML files are read ahead while the command line is imported ---------------------


def _big_yaml(path: Path, broken: bool = False) -> Path:
    """A YAML spec of over READ_AHEAD_ABOVE bytes (the shop example's, many paths over)."""
    import yaml

    from checker.load.source import READ_AHEAD_ABOVE

    shop = json.loads((Path(__file__).parents[1] / "specs/shop/openapi.json").read_text())
    paths = shop["paths"]
    copies = json.dumps(paths)  # copies, not aliases of one object
    shop["paths"] = {
        f"/v{n}{p[3:]}": item for n in range(12) for p, item in json.loads(copies).items()
    }
    text = yaml.safe_dump(shop, sort_keys=False)
    assert len(text) >= READ_AHEAD_ABOVE
    path.write_text(text + ("paths: {}\n" if broken else ""))  # a duplicate key
    return path


def test_a_big_yaml_file_is_read_ahead_while_meanwhile_runs(tmp_path: Path) -> None:
    from checker.load import source

    path = str(_big_yaml(tmp_path / "big.yaml"))
    ran: list[int] = []
    source.read_ahead(["check", path, "--format", "json", path], lambda: ran.append(1))
    assert ran == [1]
    assert path in source._read_ahead  # what `load` takes
    ahead = load(path)
    assert path not in source._read_ahead  # taken once: a second load reads
    again = load(path)
    assert ahead.document == again.document and ahead.text == again.text
    assert ahead.document is not again.document


def test_reading_ahead_defers_the_error_to_load(tmp_path: Path) -> None:
    from checker.load import source

    path = str(_big_yaml(tmp_path / "broken.yaml", broken=True))
    source.read_ahead([path], lambda: None)
    with pytest.raises(InputError) as ahead:
        load(path)
    with pytest.raises(InputError) as direct:
        load(path)
    assert str(ahead.value) == str(direct.value)
    assert "duplicate key 'paths'" in str(ahead.value)


def test_small_json_or_missing_files_are_not_read_ahead(tmp_path: Path) -> None:
    from checker.load import source

    small = tmp_path / "small.yaml"
    small.write_text("openapi: 3.1.0\n")
    big_json = tmp_path / "big.json"
    big_json.write_text(json.dumps({**MINIMAL, "x-pad": "x" * 200_000}))
    ran: list[int] = []
    args = [str(small), str(big_json), str(tmp_path / "missing.yaml"), str(tmp_path)]
    source.read_ahead(args, lambda: ran.append(1))
    assert ran == [] and not set(args) & set(source._read_ahead)
