"""Map RFC 6901 JSON pointers to 1-based (line, column) positions in the original source text.

Positions are computed lazily, only for the pointers actually reported, and in one pass over
the text for all of them:

* The wanted pointers are merged into a trie of decoded segments.
* JSON: a recursive walk follows the trie. Keys of the objects on the way are read with the C
  ``scanstring``; every value the trie does not descend into is skipped with the C scanner of
  :class:`json.JSONDecoder` (``scan_once``, what ``raw_decode`` calls), so the Python-level work
  is proportional to the size of the containers on the wanted paths, not to the document. The
  walk stops as soon as every trie node has been found. Character offsets are converted to
  line/column in one sorted sweep (``str.count`` between consecutive offsets).
* YAML: the scanner of checker.load.yaml_scan follows the trie over the text (block nodes by
  indentation, C regex searches; flow nodes skipped with the JSON scanner where they are
  JSON), 3-4 times faster than composing a 4 MB spec. What it does not read (aliases, merge
  keys, tags, several documents...) falls back to PyYAML's composed node tree
  (checker.load.yaml_compose). Both are imported for YAML only.

A pointer that does not exist (or is malformed, e.g. a bad ``~`` escape or no leading ``/``)
maps to the position of its deepest existing ancestor; nothing here raises on bad pointers,
and a malformed text yields whatever was located before the error (the root at least).

Duplicate keys: JSON reports the first occurrence (the walk stops early), YAML the last one
(what PyYAML loads).
"""

from __future__ import annotations

import json
import json.decoder
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from typing import Literal, cast

from checker.load.trie import Node as _Node

__all__ = ["locate", "spans"]

Position = tuple[int, int]
Span = tuple[int, int, int]  # line, column, and the width of the key there (0: no key)

ROOT_POSITION: Position = (1, 1)

# --------------------------------------------------------------------------------------------
# Pointer trie


_BAD_ESCAPE = re.compile(r"~(?![01])")


def _segments(pointer: object) -> list[str]:
    """Decode a pointer into segments, truncated before the first malformed one.

    A pointer that is not a string or does not start with "/" is malformed as a whole and
    yields no segment (it resolves to the root).
    """
    if not isinstance(pointer, str) or not pointer.startswith("/"):
        return []
    segments = []
    for raw in pointer[1:].split("/"):
        if "~" in raw:
            if _BAD_ESCAPE.search(raw):
                break
            raw = raw.replace("~1", "/").replace("~0", "~")
        segments.append(raw)
    return segments


def _build_trie(pointers: Iterable[str]) -> tuple[_Node, dict[str, list[_Node]], int]:
    """Return the trie root, the node chain of every pointer, and the number of non-root nodes."""
    root = _Node()
    chains: dict[str, list[_Node]] = {}
    count = 0
    for pointer in pointers:
        if pointer in chains:
            continue
        node = root
        chain = []
        for segment in _segments(pointer):
            child = node.children.get(segment)
            if child is None:
                child = node.children[segment] = _Node()
                count += 1
            chain.append(child)
            node = child
        chains[pointer] = chain
    return root, chains, count


def _resolve(chain: list[_Node]) -> Span:
    """The position and key width of the deepest node of ``chain`` found in the text."""
    best: Span = (*ROOT_POSITION, 0)
    for node in chain:
        if node.pos is None:
            break
        best = (*node.pos, node.width)
    return best


# --------------------------------------------------------------------------------------------
# JSON


class _Stop(Exception):
    """Ends the JSON walk: every wanted node was found, or the text is not valid JSON."""


_DECODER = json.JSONDecoder(strict=False)
# The C implementations json itself uses (pure-Python fallbacks elsewhere); the typeshed stubs do
# not declare them, hence the lookup through ``vars``.
_scan_once = cast(Callable[[str, int], tuple[object, int]], vars(_DECODER)["scan_once"])
_scanstring = cast(Callable[[str, int, bool], tuple[str, int]], vars(json.decoder)["scanstring"])
# The pattern matches everywhere (possibly empty), so the result is never None.
_skip_ws = cast(Callable[[str, int], "re.Match[str]"], re.compile(r"[ \t\n\r]*").match)
_WS = " \t\n\r"


def _walk_json(text: str, root: _Node, wanted: int) -> None:
    """Set ``offset`` on every trie node found in the JSON ``text``."""
    scan_once = _scan_once
    scanstring = _scanstring
    skip_ws = _skip_ws
    ws = _WS
    remaining = wanted

    def mark(node: _Node, offset: int) -> None:
        nonlocal remaining
        if node.offset < 0:
            node.offset = offset
            remaining -= 1
            if not remaining:
                raise _Stop

    def value(idx: int, node: _Node) -> int:
        """Walk the value starting at ``idx`` (no leading whitespace); return its end."""
        char = text[idx]
        if char == "{":
            return members(idx + 1, node)
        if char == "[":
            return elements(idx + 1, node)
        return scan_once(text, idx)[1]

    def members(idx: int, node: _Node) -> int:
        children = node.children
        if text[idx] in ws:
            idx = skip_ws(text, idx).end()
        if text[idx] == "}":
            return idx + 1
        while True:
            if text[idx] != '"':
                raise _Stop
            start = idx
            key, idx = scanstring(text, idx + 1, False)
            width = idx - start
            if text[idx] in ws:
                idx = skip_ws(text, idx).end()
            if text[idx] != ":":
                raise _Stop
            idx += 1
            if text[idx] in ws:
                idx = skip_ws(text, idx).end()
            child = children.get(key)
            if child is None:
                idx = scan_once(text, idx)[1]
            else:
                child.width = width
                mark(child, start)
                idx = value(idx, child) if child.children else scan_once(text, idx)[1]
            if text[idx] in ws:
                idx = skip_ws(text, idx).end()
            char = text[idx]
            if char == "}":
                return idx + 1
            if char != ",":
                raise _Stop
            idx += 1
            if text[idx] in ws:
                idx = skip_ws(text, idx).end()

    def elements(idx: int, node: _Node) -> int:
        children = node.indexed()
        last = max(children, default=-1)
        if text[idx] in ws:
            idx = skip_ws(text, idx).end()
        if text[idx] == "]":
            return idx + 1
        index = 0
        while True:
            child = children.get(index) if index <= last else None
            if child is None:
                idx = scan_once(text, idx)[1]
            else:
                mark(child, idx)
                idx = value(idx, child) if child.children else scan_once(text, idx)[1]
            index += 1
            if text[idx] in ws:
                idx = skip_ws(text, idx).end()
            char = text[idx]
            if char == "]":
                return idx + 1
            if char != ",":
                raise _Stop
            idx += 1
            if text[idx] in ws:
                idx = skip_ws(text, idx).end()

    start = 1 if text.startswith("\ufeff") else 0
    # _Stop: done or not JSON; the others: malformed text (scanner errors, unexpected end).
    with suppress(_Stop, StopIteration, ValueError, IndexError, RecursionError):
        value(skip_ws(text, start).end(), root)


def _positions_from_offsets(text: str, nodes: Iterable[_Node]) -> None:
    """Convert the ``offset`` of found nodes to 1-based (line, column) in one sweep."""
    by_offset: dict[int, list[_Node]] = {}
    for node in nodes:
        if node.offset >= 0:
            by_offset.setdefault(node.offset, []).append(node)
    line = 1
    line_start = 1 if text.startswith("\ufeff") else 0  # a BOM is not a column
    previous = 0
    for offset in sorted(by_offset):
        newline = text.rfind("\n", previous, offset)
        if newline >= 0:
            line += text.count("\n", previous, newline) + 1
            line_start = newline + 1
        previous = offset
        position = (line, max(offset - line_start, 0) + 1)
        for node in by_offset[offset]:
            node.pos = position


def _all_nodes(root: _Node) -> Iterator[_Node]:
    stack = list(root.children.values())
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children.values())


def _locate_json(text: str, root: _Node, wanted: int) -> None:
    _walk_json(text, root, wanted)
    _positions_from_offsets(text, _all_nodes(root))


# --------------------------------------------------------------------------------------------
# YAML


def _locate_yaml(text: str, root: _Node, document: object) -> None:
    from checker.load import yaml_scan  # YAML's modules: imported for YAML only

    try:
        yaml_scan.scan(text, root, document)
    except yaml_scan.Unsupported:
        from checker.load.yaml_compose import compose

        for node in _all_nodes(root):  # what was found before: PyYAML finds it again
            node.offset, node.width = -1, 0
        compose(text, root)
    else:
        _positions_from_offsets(text, _all_nodes(root))


# --------------------------------------------------------------------------------------------


def locate(
    text: str, fmt: Literal["json", "yaml"], pointers: Iterable[str]
) -> dict[str, tuple[int, int]]:
    """Map each pointer to its (line, column), both 1-based.

    The position of a pointer is where its member's key starts (the opening quote of the key in
    JSON, the key's first character in YAML); for an array element, where the element starts;
    for the root pointer "", (1, 1). A pointer that does not exist in the text maps to the
    position of its deepest existing ancestor. Columns count characters (not bytes).
    """
    return {
        pointer: (line, column) for pointer, (line, column, _) in spans(text, fmt, pointers).items()
    }


def spans(
    text: str, fmt: Literal["json", "yaml"], pointers: Iterable[str], document: object = None
) -> dict[str, Span]:
    """Like `locate`, with the width of the key at that position: `"responses"` is 11 wide
    in JSON, `responses` 9 in YAML; 0 for array elements, the root and keys spanning lines.
    An annotation can underline `column .. column + width - 1`. `document`, what the text
    loaded as, lets the YAML scanner check its reading against it."""
    if fmt not in ("json", "yaml"):
        raise ValueError(f"unknown format {fmt!r}; expected 'json' or 'yaml'")
    root, chains, wanted = _build_trie(pointers)
    if wanted:
        if fmt == "json":
            _locate_json(text, root, wanted)
        else:
            _locate_yaml(text, root, document)
    return {pointer: _resolve(chain) for pointer, chain in chains.items()}
