"""checker.report.jsontext writes what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import enum
import json
import math
import random
from collections import OrderedDict
from typing import Any

import pytest

from checker.report.jsontext import dumps


class Kind(enum.StrEnum):
    ADDED = "operation-added"


class Level(enum.IntEnum):
    HIGH = 3


SCALARS: list[Any] = [
    "",
    "plain",
    'quote " and \\ backslash',
    "line\nbreak\ttab\x00\x1f",
    "café ☕ \U0001f600",
    "\ud800 a lone surrogate",
    0,
    -7,
    2**70,
    1.5,
    -0.0,
    1e300,
    math.inf,
    -math.inf,
    math.nan,
    True,
    False,
    None,
    Kind.ADDED,
    Level.HIGH,
]
KEYS: list[Any] = ["a", "", "é", "x y", 1, -2, 1.25, True, False, None, Kind.ADDED, Level.HIGH]


def random_document(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.45:
        return rng.choice(SCALARS)
    size = rng.randrange(0, 5)
    if roll < 0.75:
        return {rng.choice(KEYS): random_document(rng, depth + 1) for _ in range(size)}
    items = [random_document(rng, depth + 1) for _ in range(size)]
    return tuple(items) if rng.random() < 0.2 else items


@pytest.mark.parametrize("seed", range(200))
def test_random_documents_are_written_as_json_writes_them(seed: int) -> None:
    document = random_document(random.Random(seed))
    assert dumps(document) == json.dumps(document, indent=2, ensure_ascii=False)


def test_a_report_shaped_document_and_containers_of_every_kind() -> None:
    records = [{"rule": "x", "line": 3, "path": None, "ok": True, "at": 1.5} for _ in range(3)]
    document = {
        "findings": records,
        "empty": {},
        "none": [],
        "ordered": OrderedDict([("b", 1), ("a", [])]),
        "nested": [[[]], [{}], {"k": [1, {"m": None}]}],
        1: "a number key",
    }
    assert dumps(document) == json.dumps(document, indent=2, ensure_ascii=False)
    assert dumps("top-level string") == json.dumps("top-level string", indent=2)


def test_what_json_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        dumps({"when": object()})
    with pytest.raises(TypeError):
        dumps({("a", "tuple"): "key"})
