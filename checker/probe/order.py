"""The order of values in a list answer, however the server may compare them.

A pair is out of order only when every reading of it agrees: strings by code point and as a
database collation compares them first (ICU, glibc's en_US: letters and digits, accents and
case ignored), and also as numbers or timestamps when both read as such. Nulls are left out
(databases put them first or last). So `apple pie` before `Date`, `"10"` before `"9"` or
`2025-01-02T00:00:00+02:00` before `2025-01-01T23:00:00Z` are never reported.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime
from itertools import pairwise
from typing import Any


def unsorted(items: Sequence[Mapping[str, Any]], name: str, descending: bool) -> str | None:
    """The first pair of items out of order by `name` (nulls left out), described; else None."""
    present = [(n, i[name]) for n, i in enumerate(items, 1) if i.get(name) is not None]
    for (m, left), (n, right) in pairwise(present):
        first, second = (right, left) if descending else (left, right)
        if after(first, second):
            return f"{name} {left!r} (item {m} of {len(items)}) before {right!r} (item {n})"
    return None


def after(a: Any, b: Any) -> bool:
    """Whether `a` comes after `b` however the server may compare them (see the module)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a > b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a > b
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    readings: list[tuple[Any, Any]] = [(a, b), (collation_key(a), collation_key(b))]
    numbers = as_number(a), as_number(b)
    if numbers[0] is not None and numbers[1] is not None:
        readings.append(numbers)
    first, second = as_time(a), as_time(b)
    # Naive and aware timestamps do not compare: the text readings alone judge them.
    if (
        first is not None
        and second is not None
        and (first.tzinfo is None) == (second.tzinfo is None)
    ):
        readings.append((first, second))
    return all(x > y for x, y in readings)


def collation_key(value: str) -> str:
    """How a database collation (ICU, glibc's en_US) compares first: letters and digits,
    without accents, case folded."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def as_number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def as_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
