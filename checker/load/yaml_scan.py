"""Locate pointers in YAML text without building a node tree: a scanner over the text that
follows only the wanted pointers (checker.load.locate's trie), at C regex speed.

Block mappings and sequences are found by indentation: the keys of a block mapping at
indentation n are the lines of its region that start with exactly n spaces (YAML puts
everything nested in them further right: block scalars, continuation lines, nested nodes),
and its region ends at the first line less indented that is not blank or a comment. Flow
collections (`{a: 1}`, `[x, y]`, a JSON text) are read by a small recursive scanner. Keys
are compared as the loader reads them: quoted keys unescaped, plain `200` as "200", `true`
as "true", `~` as "null".

Anything else raises `Unsupported`, and the caller composes the text with PyYAML instead:
anchors on sequence items, aliases and merge keys on the way, tags, explicit keys (`? `),
directives and several documents, line breaks other than LF and CRLF, and whatever does not
read as expected. Given the loaded document, the number of keys and items found in each
collection on the way must match it, a check that the text was read as YAML reads it.
Positions are character offsets (the caller converts them to line and column): a member's
is the start of its key, an element's the start of its node.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import suppress
from typing import Any, cast

from checker.load.trie import Node as _Node

__all__ = ["Unsupported", "scan"]


class Unsupported(Exception):
    """A construct the scanner leaves to PyYAML."""


# A key at the start of a block mapping's line: double-quoted, single-quoted or plain (no
# `: ` or ` #` inside; not starting with an indicator), then `:` and a space or line end.
_KEY = re.compile(
    r"""(?:"((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\r\n]|'')*)'"""
    r"""|((?![-?:][ \t\r\n])[^ \t\r\n#&*!|>'"%@`,\[\]{}]"""
    r"""(?:[^\r\n:#]|:(?![ \t\r\n])|(?<=[^ \t])\#)*?))[ \t]*:(?=[ \t\r\n]|\Z)"""
)
_SPACES = re.compile(r"[ \t]*")
# From the end of a line: blank and comment lines, then the next content line's indentation.
_NEXT_CONTENT = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)", re.MULTILINE)
_ANCHOR = re.compile(r"&[^ \t\r\n,\[\]{}]+[ \t]*")
# Flow context.
_FLOW_SPACE = re.compile(r"(?:[ \t\r\n]|(?<![^ \t\r\n])#[^\n]*)*")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"', re.DOTALL)
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_WORD = r"(?:[^ \t\r\n,\[\]{}#:]|:(?=[^ \t\r\n,\[\]{}])|(?<=[^ \t\r\n])\#)"
_PLAIN_FLOW = re.compile(rf"(?![-?:][ \t\r\n,\[\]{{}}]){_WORD}+(?:[ \t\r\n]+{_WORD}+)*")
_SURROGATE = re.compile("[\ud800-\udfff]")
# json's C scanner (what `raw_decode` calls; the stubs do not declare it): skips JSON values.
_scan_json = cast(
    Callable[[str, int], tuple[object, int]], vars(json.JSONDecoder(strict=False))["scan_once"]
)
_START = re.compile(r"---[ \t]*(?:#[^\n]*)?(?=\r?\n|$)")
_MARKER_END = re.compile(r"[ \t\r\n]|\Z")
_MARKER_LINE = re.compile(r"\n(?:---|\.\.\.|%)(?=[ \t\r\n]|\Z)")

# Plain scalars that the loader reads as another type, and the key string it makes of them.
_NULL = re.compile(r"~|null|Null|NULL")
_BOOL = {"true": "true", "True": "true", "TRUE": "true"}
_BOOL |= {"false": "false", "False": "false", "FALSE": "false"}
_INT = re.compile(r"[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|0b[01]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)

_lines: dict[int, re.Pattern[str]] = {}


def _lines_upto(indent: int) -> re.Pattern[str]:
    """The content lines indented at most `indent` (not blank, not comments): the group is
    their indentation. Starting with a newline, the search skips ahead at C speed; the
    possessive `{0,n}+` does not back off space by space on the deeper lines (half the
    time on a big mapping's region)."""
    found = _lines.get(indent)
    if found is None:
        found = _lines[indent] = re.compile(rf"\n( {{0,{indent}}}+)(?=[^ \t\r\n#])")
    return found


def _plain_key(raw: str) -> str:
    """The key string the loader makes of a plain scalar key."""
    if raw in _BOOL:
        return _BOOL[raw]
    if _NULL.fullmatch(raw):
        return "null"
    if _INT.fullmatch(raw):
        text = raw.replace("_", "")
        if text.startswith(("0o", "0x", "0b")):
            return str(int(text[2:], {"o": 8, "x": 16, "b": 2}[text[1]]))
        return str(int(text, 10))
    if _FLOAT.fullmatch(raw):
        return str(float(raw.replace("_", "").replace("inf", "Inf").replace("INF", "Inf")))
    return raw


def _double_quoted(content: str) -> str:
    if "\\" not in content:
        if "\n" in content or "\r" in content:
            raise Unsupported("a key folded over lines")
        return content
    try:
        decoded = json.loads(f'"{content}"')  # JSON's escapes are YAML's
    except ValueError:
        raise Unsupported("a YAML-only escape") from None
    if not isinstance(decoded, str) or _SURROGATE.search(decoded):
        raise Unsupported("surrogates")
    return decoded


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)

    # ---------------------------------------------------------------------------- helpers

    def line_end(self, at: int) -> int:
        end = self.text.find("\n", at)
        return self.size if end < 0 else end

    def next_content(self, at: int) -> tuple[int, int]:
        """(indentation, offset) of the first content line after the line of `at`; (-1, size)
        at the end of the text."""
        end = self.line_end(at)
        if end >= self.size:
            return -1, self.size
        match = _NEXT_CONTENT.match(self.text, end + 1)
        if match is None:  # pragma: no cover - the pattern matches the empty string
            raise Unsupported("no content")
        offset = match.end()
        if offset >= self.size:
            return -1, self.size
        return len(match.group(1)), offset

    def key_at(self, at: int) -> tuple[str, str, int, int]:
        """(name, raw text, width with quotes, offset after the colon) of the key at `at`."""
        match = _KEY.match(self.text, at)
        if match is None:
            raise Unsupported("not a key")
        double, single, plain = match.groups()
        if double is not None:
            return _double_quoted(double), double, match.end(1) + 1 - at, match.end()
        if single is not None:
            return single.replace("''", "'"), single, match.end(2) + 1 - at, match.end()
        if plain == "<<":
            raise Unsupported("a merge key")
        return _plain_key(plain), plain, match.end(3) - at, match.end()

    # ---------------------------------------------------------------------- node kinds

    def value(self, at: int, indent: int) -> tuple[str, int, int]:
        """What a mapping value starting at `at` (after the colon) is: (kind, indentation,
        offset) with kind "map" (offset: its first key), "seq" (its first dash), "flow"
        (its bracket) or "leaf"."""
        text = self.text
        at = _SPACES.match(text, at).end()  # type: ignore[union-attr]
        char = text[at] if at < self.size else "\n"
        if char == "&":
            at = _ANCHOR.match(text, at).end()  # type: ignore[union-attr]
            char = text[at] if at < self.size else "\n"
        if char in "\r\n#":
            deeper, start = self.next_content(at)
            if deeper > indent or (deeper == indent and self.is_dash(start)):
                return self.node_at(start, deeper)
            return "leaf", indent, at
        if char in "[{":
            return "flow", indent, at
        if char in "*!?":
            raise Unsupported("an alias, tag or explicit key")
        return "leaf", indent, at

    def is_dash(self, at: int) -> bool:
        text = self.text
        return text[at] == "-" and (at + 1 >= self.size or text[at + 1] in " \t\r\n")

    def node_at(self, at: int, indent: int) -> tuple[str, int, int]:
        """A block node starting at `at`, at column `indent`."""
        char = self.text[at]
        if self.is_dash(at):
            return "seq", indent, at
        if char in "[{":
            return "flow", indent, at
        if char in "|>":
            return "leaf", indent, at  # a block scalar
        if char in "&*!?%@`":
            raise Unsupported("a node with properties")
        if _KEY.match(self.text, at):
            return "map", indent, at
        return "leaf", indent, at

    def item(self, dash: int, indent: int) -> tuple[str, int, int]:
        """The node of the sequence entry whose dash is at `dash`."""
        text = self.text
        at = _SPACES.match(text, dash + 1).end()  # type: ignore[union-attr]
        char = text[at] if at < self.size else "\n"
        if char in "\r\n#":
            deeper, start = self.next_content(at)
            if deeper > indent:
                return self.node_at(start, deeper)
            raise Unsupported("an empty entry")
        line_start = text.rfind("\n", 0, at) + 1
        return self.node_at(at, at - line_start)

    # ------------------------------------------------------------------------ walking

    def walk(self, kind: str, indent: int, at: int, trie: _Node, document: object) -> None:
        if kind == "map":
            self.mapping(indent, at, trie, document)
        elif kind == "seq":
            self.sequence(indent, at, trie, document)
        elif kind == "flow":
            self.flow(at, trie, document)

    def mapping(self, indent: int, first: int, trie: _Node, document: object) -> None:
        if isinstance(document, dict):
            # The loaded mapping has its keys in the text's order: a wanted key's line is
            # found by its index there, and the lines past the last wanted key are not read.
            index = dict(zip(document, range(len(document)), strict=True))
            wanted = [index.get(segment) for segment in trie.children]
            enough = 0 if None in wanted else max(cast(list[int], wanted)) + 1
            keys = self.key_lines(indent, first, enough)
            if len(keys) != (enough or len(index)):
                raise Unsupported("keys miscounted")
            found = self.keys_by_index(keys, trie, index) if enough else None
            if found is None:  # a segment no loaded key, or a key at its index another
                if len(keys) != len(index):
                    keys = self.key_lines(indent, first)
                    if len(keys) != len(index):
                        raise Unsupported("keys miscounted")
                found = self.keys_by_name(keys, trie)
        elif document is None:
            found = self.keys_by_name(self.key_lines(indent, first), trie)
        else:
            raise Unsupported("not a mapping")
        for segment, child in trie.children.items():
            hit = found.get(segment)
            if hit is None:
                continue
            start, width, after = hit
            child.offset, child.width = start, width
            if child.children:
                sub = document.get(segment) if isinstance(document, dict) else None
                self.walk(*self.value(after, indent), child, sub)

    def key_lines(self, indent: int, first: int, enough: int = 0) -> list[int]:
        """The offsets of a block mapping's keys, the first at `first`: all of them, or the
        first `enough` (the search for the next one is what reads the text)."""
        keys = [first]
        if len(keys) == enough:
            return keys
        for match in _lines_upto(indent).finditer(self.text, self.line_end(first)):
            start = match.end()
            if start - match.start() <= indent:
                break  # less indented: the end of the mapping
            if not self.is_dash(start):  # else a sequence at the indentation of its key
                keys.append(start)
                if len(keys) == enough:
                    break
        return keys

    def keys_by_index(
        self, keys: list[int], trie: _Node, index: dict[Any, int]
    ) -> dict[str, tuple[int, int, int]] | None:
        """(start, width, offset after the colon) of the wanted keys, by segment: the line of
        each one's index in the loaded mapping, only that key read (a big mapping's other
        keys are not); None when a key read there is another."""
        found: dict[str, tuple[int, int, int]] = {}
        for segment in trie.children:
            at = index[segment]
            name, _, width, after = self.key_at(keys[at])
            if name != segment:
                return None
            found[segment] = (keys[at], width, after)
        return found

    def keys_by_name(self, keys: list[int], trie: _Node) -> dict[str, tuple[int, int, int]]:
        """The wanted keys among every key line, matched by name, then by raw text (a
        segment that is no loaded key)."""
        table: dict[str, tuple[int, int, int]] = {}
        raws: dict[str, tuple[int, int, int]] = {}
        for start in keys:
            name, raw, width, after = self.key_at(start)
            table[name] = (start, width, after)
            raws.setdefault(raw, (start, width, after))
        return {
            segment: hit
            for segment in trie.children
            if (hit := table.get(segment) or raws.get(segment)) is not None
        }

    def sequence(self, indent: int, first: int, trie: _Node, document: object) -> None:
        dashes = [first]
        for match in _lines_upto(indent).finditer(self.text, self.line_end(first)):
            start = match.end()
            if start - match.start() <= indent or not self.is_dash(start):
                break  # less indented, or the next key of the mapping it is the value of
            dashes.append(start)
        if isinstance(document, list):
            if len(dashes) != len(document):
                raise Unsupported("entries miscounted")
        elif document is not None:
            raise Unsupported("not a sequence")
        for index, child in trie.indexed().items():
            if index >= len(dashes):
                continue
            kind, deeper, start = self.item(dashes[index], indent)
            child.offset = start
            if child.children:
                sub = document[index] if isinstance(document, list) else None
                self.walk(kind, deeper, start, child, sub)

    # ------------------------------------------------------------------------ flow

    def space(self, at: int) -> int:
        if self.text[at] not in " \t\r\n#":
            return at
        return _FLOW_SPACE.match(self.text, at).end()  # type: ignore[union-attr]

    def scalar(self, at: int) -> tuple[str, str, int]:
        """(name as a key, raw text, end) of the flow scalar at `at`."""
        char = self.text[at]
        if char == '"':
            match = _DOUBLE.match(self.text, at)
            if match is None:
                raise Unsupported("unterminated")
            return _double_quoted(match.group(1)), match.group(1), match.end()
        if char == "'":
            match = _SINGLE.match(self.text, at)
            if match is None:
                raise Unsupported("unterminated")
            raw = match.group(1)
            if "\n" in raw:
                raise Unsupported("a key folded over lines")
            return raw.replace("''", "'"), raw, match.end()
        if char in "&*!?|>%@`":
            raise Unsupported("a node with properties")
        match = _PLAIN_FLOW.match(self.text, at)
        if match is None:
            raise Unsupported("not a scalar")
        raw = match.group()
        return (_plain_key(raw) if "\n" not in raw else raw), raw, match.end()

    def flow(self, at: int, trie: _Node | None, document: object) -> int:
        """Walk (or skip, with `trie` None) the flow node at `at`; return its end."""
        text = self.text
        char = text[at]
        if trie is None and char in '[{"':
            # Skipped at C speed when it is JSON (JSON's extent is YAML's), else read here.
            with suppress(StopIteration, ValueError):
                return _scan_json(text, at)[1]
        if char == "[":
            return self.flow_sequence(at, trie, document)
        if char == "{":
            return self.flow_mapping(at, trie, document)
        return self.scalar(at)[2]

    def flow_sequence(self, at: int, trie: _Node | None, document: object) -> int:
        text = self.text
        wanted = trie.indexed() if trie is not None else {}
        at = self.space(at + 1)
        index = 0
        while text[at] != "]":
            child = wanted.get(index)
            if child is not None:
                child.offset = at
                sub = document[index] if isinstance(document, list) else None
                at = self.flow(at, child if child.children else None, sub)
            else:
                at = self.flow(at, None, None)
            index += 1
            at = self.space(at)
            if text[at] == ",":
                at = self.space(at + 1)
            elif text[at] != "]":
                raise Unsupported("a pair in a sequence, or no comma")
        if isinstance(document, list) and index != len(document):
            raise Unsupported("entries miscounted")
        return at + 1

    def flow_mapping(self, at: int, trie: _Node | None, document: object) -> int:
        text = self.text
        wanted = trie.children if trie is not None else {}
        at = self.space(at + 1)
        count = 0
        while text[at] != "}":
            start = at
            name, raw, at = self.scalar(at)
            width = at - start if "\n" not in text[start:at] else 0
            at = self.space(at)
            if text[at] != ":":
                raise Unsupported("a key without a value")
            at = self.space(at + 1)
            child = wanted.get(name) or wanted.get(raw)
            if text[at] in ",}":
                pass  # an empty value
            elif child is not None and child.children:
                sub = document.get(name) if isinstance(document, dict) else None
                at = self.flow(at, child, sub)
            else:
                at = self.flow(at, None, None)
            if child is not None:
                child.offset, child.width = start, width
            count += 1
            at = self.space(at)
            if text[at] == ",":
                at = self.space(at + 1)
            elif text[at] != "}":
                raise Unsupported("no comma")
        if isinstance(document, dict) and count != len(document):
            raise Unsupported("keys miscounted")
        return at + 1


def _marker_after(text: str, at: int) -> bool:
    """Whether a line from `at` on starts with `---`, `...` or `%` (one regex pass)."""
    for marker in ("---", "...", "%"):
        if text.startswith(marker, at) and _MARKER_END.match(text, at + len(marker)):
            return True
    return _MARKER_LINE.search(text, at) is not None


def scan(text: str, root: _Node, document: Any = None) -> None:
    """Set `offset` (and `width` for keys) on every trie node found in the YAML `text`;
    `document`, when given, is what the text loaded as. Raises Unsupported (possibly after
    setting some offsets) when PyYAML must compose the text instead."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        raise Unsupported("line breaks of YAML 1.1")  # PyYAML's lines, then
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        raise Unsupported("line breaks other than LF and CRLF")
    start = 1 if text.startswith("\ufeff") else 0
    scanner = _Scanner(text)
    # The root: the first content line (the text's first line may be one).
    match = _NEXT_CONTENT.match(text, start)
    at = match.end() if match else start
    if _START.match(text, at):  # an explicit start of the one document
        at = scanner.next_content(at)[1]
    if at >= len(text):
        return
    if _marker_after(text, at):
        raise Unsupported("directives or several documents")
    line_start = text.rfind("\n", 0, at) + 1
    try:
        scanner.walk(*scanner.node_at(at, at - line_start), root, document)
    except (IndexError, ValueError, RecursionError, AttributeError, TypeError) as exc:
        raise Unsupported(f"unexpected text: {exc}") from None
