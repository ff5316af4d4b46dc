"""Locating pointers in YAML with PyYAML's composed node tree: what checker.load.yaml_scan
leaves (aliases, merge keys, tags, several documents...). See checker.load.locate.

``yaml.compose`` (libyaml's ``CSafeLoader`` when available) builds the node tree with
``start_mark`` positions; the trie is then followed over the nodes. Implicit tag resolution,
which is most of compose's Python-level cost and is not needed here, is replaced by a
trivial resolver, and the cyclic garbage collector is paused while the tree is alive
(process-wide, restored afterwards; collections over a large fresh tree would otherwise
double the time). Duplicate keys: the last one (what PyYAML loads).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver, Resolver

from checker.load.trie import Node as _Node
from checker.load.trie import Position

try:
    from yaml import CSafeLoader as _LoaderBase
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _LoaderBase  # type: ignore[assignment]

__all__ = ["compose"]

ROOT_POSITION: Position = (1, 1)


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


def compose(text: str, root: _Node) -> None:
    """Set ``pos`` and ``width`` on every trie node found in the composed YAML ``text``."""
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
