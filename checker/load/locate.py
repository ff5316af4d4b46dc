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
  keys, tags, several documents...) falls back to ``yaml.compose`` (libyaml's
  ``CSafeLoader`` when available), which builds the node tree with ``start_mark``
  positions; the trie is then followed over the nodes. Implicit tag resolution,
  which is most of compose's Python-level cost and is not needed here, is replaced by a trivial
  resolver, and the cyclic garbage collector is paused while the tree is alive (process-wide,
  restored afterwards; collections over a large fresh tree would otherwise double the time).

A pointer that does not exist (or is malformed, e.g. a bad ``~`` escape or no leading ``/``)
maps to the position of its deepest existing ancestor; nothing here raises on bad pointers,
and a malformed text yields whatever was located before the error (the root at least).

Duplicate keys: JSON reports the first occurrence (the walk stops early), YAML the last one
(what PyYAML loads).
"""

from __future__ import annotations

import gc
import json
import json.decoder
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Literal, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver, Resolver

from checker.load import yaml_scan
from checker.load.trie import Node as _Node

try:
    from yaml import CSafeLoader as _LoaderBase
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _LoaderBase  # type: ignore[assignment]

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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC: building many container objects otherwise triggers full collections
    whose cost grows with the heap (it more than doubles the time of ``yaml.compose``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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

_PLAIN_TAG = "!restcheck/plain-scalar"  # an untagged plain scalar: "200", "yes", "<<", "key"
_STR_TAG = BaseResolver.DEFAULT_SCALAR_TAG
_OTHER_TAGS = (
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
)


class _PositionLoader(_LoaderBase):
    """A safe loader whose implicit tag resolution only tells plain scalars from the rest.

    Resolving every scalar against the YAML 1.1 regexes is most of the cost of composing a
    large document; keys are matched on their source text instead, and the few plain keys that
    resolve to another type (``0x1F``, ``yes``) are resolved on demand.
    """

    def resolve(self, kind: type[Node], value: object, implicit: object) -> str:
        if kind is ScalarNode:
            if isinstance(implicit, tuple) and implicit[0]:
                return _PLAIN_TAG
            return _STR_TAG
        if kind is SequenceNode:
            return BaseResolver.DEFAULT_SEQUENCE_TAG
        return BaseResolver.DEFAULT_MAPPING_TAG


def _mark(node: Node) -> Position:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else ROOT_POSITION


def _width(key: Node) -> int:
    """The characters a key takes on its line (its quotes included), 0 if it spans lines."""
    start, end = key.start_mark, key.end_mark
    if start is None or end is None or start.line != end.line:
        return 0
    return int(end.column - start.column)


class _YamlWalk:
    def __init__(self) -> None:
        self._tables: dict[int, dict[str, tuple[Node, Node]]] = {}
        self._alternates: dict[int, dict[str, tuple[Node, Node]]] = {}
        self._resolver: Resolver | None = None

    def walk(self, node: Node, trie: _Node) -> None:
        if isinstance(node, MappingNode):
            for segment, child in trie.children.items():
                hit = self._lookup(node, segment, set())
                if hit is not None:
                    key, value = hit
                    child.pos = _mark(key)
                    child.width = _width(key)
                    if child.children:
                        self.walk(value, child)
        elif isinstance(node, SequenceNode):
            items: list[Node] = node.value
            for index, child in trie.indexed().items():
                if index < len(items):
                    item = items[index]
                    child.pos = _mark(item)
                    if child.children:
                        self.walk(item, child)

    def _table(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        table = self._tables.get(id(node))
        if table is None:
            table = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    table[key.value] = (key, value)  # the last duplicate wins, as when loading
            self._tables[id(node)] = table
        return table

    def _lookup(self, node: MappingNode, segment: str, seen: set[int]) -> tuple[Node, Node] | None:
        """Find the member named ``segment``: own keys by source text, then plain keys by the
        string form of their resolved value, then keys merged in with ``<<``."""
        seen.add(id(node))
        table = self._table(node)
        merge = table.get("<<")
        if merge is not None and merge[0].tag != _PLAIN_TAG:
            merge = None  # a quoted "<<" is an ordinary key
        hit = table.get(segment)
        if hit is not None and hit is not merge:
            return hit
        hit = self._alternate_table(node).get(segment)
        if hit is not None:
            return hit
        if merge is not None:
            merged = merge[1]
            sources = merged.value if isinstance(merged, SequenceNode) else [merged]
            for source in sources:  # earlier sources take precedence
                if isinstance(source, MappingNode) and id(source) not in seen:
                    hit = self._lookup(source, segment, seen)
                    if hit is not None:
                        return hit
        return None

    def _alternate_table(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        table = self._alternates.get(id(node))
        if table is not None:
            return table
        table = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag != _PLAIN_TAG:
                continue
            for name in self._names(key.value):
                table.setdefault(name, (key, value))
        self._alternates[id(node)] = table
        return table

    def _names(self, source: str) -> list[str]:
        """How a plain scalar key that loads as a non-string may appear in a pointer."""
        if self._resolver is None:
            self._resolver = Resolver()
        resolve = cast(Callable[[type[Node], str, tuple[bool, bool]], str], self._resolver.resolve)
        tag = resolve(ScalarNode, source, (True, False))
        if tag not in _OTHER_TAGS:
            return []
        try:
            loaded = SafeConstructor().construct_object(ScalarNode(tag, source))
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            return []
        names = [str(loaded)]
        if loaded is None or isinstance(loaded, bool):
            names.append(json.dumps(loaded))
        return names


def _locate_yaml(text: str, root: _Node, document: object) -> None:
    try:
        yaml_scan.scan(text, root, document)
    except yaml_scan.Unsupported:
        for node in _all_nodes(root):  # what was found before: PyYAML finds it again
            node.offset, node.width = -1, 0
        _compose_yaml(text, root)
    else:
        _positions_from_offsets(text, _all_nodes(root))


def _compose_yaml(text: str, root: _Node) -> None:
    # The GC stays paused until the node tree is freed again: re-enabling it while the tree is
    # alive makes the next allocations trigger collections that traverse all of it.
    with _gc_paused():
        try:
            document = yaml.compose(text, Loader=_PositionLoader)
        except (yaml.YAMLError, ValueError, RecursionError):
            return
        if document is not None:
            with suppress(RecursionError):
                _YamlWalk().walk(document, root)
            del document


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
