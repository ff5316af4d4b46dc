"""A string that matches a `pattern`, for generated bodies.

Covers what pydantic and FastAPI specs write (`^#[0-9a-f]{6}$`, `^[a-z0-9-]+$`,
`^\\d{4}-\\d{2}$`, `^(draft|live)$`): literals, `.`, classes (`[a-z_]`, `[^\\s]`, `\\d \\w \\s`
and their negations), groups (capturing, `(?:...)`, named), alternatives, the quantifiers
`? * + {n} {n,} {n,m}` (lazy ones alike), and the anchors `^ $ \\b`, which are dropped.
Anything else (lookarounds, back-references) gives None: the caller says it cannot make a value.

Our own small parser rather than rstr or exrex: both walk Python's private `sre_parse` tree
(deprecated since 3.11) and pick repeat counts at random up to 100, so their strings break
`maxLength`; here each repeat takes its smallest count plus `extra` (spent where the pattern
allows it) so that a length between `minLength` and `maxLength` can be asked for. Every result
is checked with `re.search` by the caller.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

_CLASSES = {
    "d": string.digits,
    "w": string.ascii_letters + string.digits + "_",
    "s": " ",
}
_PRINTABLE = string.ascii_letters + string.digits + "-_.~ "
_UNBOUNDED = 1_000


class Unsupported(Exception):
    pass


@dataclass
class _Node:
    kind: str  # "chars" (one of `chars`), "seq", "alt", "repeat"
    chars: str = ""
    parts: list[_Node] = field(default_factory=list)
    low: int = 1
    high: int = 1


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        self.at += 1
        return char

    def alternatives(self) -> _Node:
        options = [self.sequence()]
        while self.peek() == "|":
            self.take()
            options.append(self.sequence())
        return options[0] if len(options) == 1 else _Node("alt", parts=options)

    def sequence(self) -> _Node:
        parts: list[_Node] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            if atom is not None:
                parts.append(self.quantified(atom))
        return _Node("seq", parts=parts)

    def atom(self) -> _Node | None:
        char = self.take()
        if char in "^$":
            return None
        if char == ".":
            return _Node("chars", _PRINTABLE)
        if char == "(":
            if self.peek() == "?":
                self.take()
                kind = self.take()
                if (kind == "P" and self.peek() == "<") or kind == "<":
                    if kind == "P":
                        self.take()
                    while self.take() not in (">", ""):
                        pass
                elif kind != ":":
                    raise Unsupported("a lookaround or flag group")
            inner = self.alternatives()
            if self.take() != ")":
                raise Unsupported("an unclosed group")
            return inner
        if char == "[":
            return _Node("chars", self.char_class())
        if char == "\\":
            return self.escape(in_class=False)
        if char in "*+?{":
            raise Unsupported("a quantifier with nothing before it")
        return _Node("chars", char)

    def escape(self, in_class: bool) -> _Node | None:
        char = self.take()
        if char in _CLASSES:
            return _Node("chars", _CLASSES[char])
        if char.lower() in _CLASSES:
            allowed = _CLASSES[char.lower()]
            return _Node("chars", "".join(c for c in _PRINTABLE if c not in allowed))
        if char == "b" and not in_class:
            return None
        if char.isalnum() or not char:
            raise Unsupported(f"the escape \\{char}")
        return _Node("chars", char)

    def char_class(self) -> str:
        negate = self.peek() == "^"
        if negate:
            self.take()
        chars = ""
        first = True
        while True:
            char = self.take()
            if char == "":
                raise Unsupported("an unclosed class")
            if char == "]" and not first:
                break
            first = False
            if char == "\\":
                node = self.escape(in_class=True)
                chars += node.chars if node is not None else ""
                continue
            if self.peek() == "-" and self.text[self.at + 1 : self.at + 2] not in ("]", ""):
                self.take()
                end = self.take()
                if end == "\\":
                    end = self.take()
                chars += "".join(chr(c) for c in range(ord(char), ord(end) + 1))
                continue
            chars += char
        if negate:
            return "".join(c for c in _PRINTABLE if c not in chars)
        return chars

    def quantified(self, atom: _Node) -> _Node:
        char = self.peek()
        low, high = 1, 1
        if char == "?":
            low, high = 0, 1
        elif char == "*":
            low, high = 0, _UNBOUNDED
        elif char == "+":
            low, high = 1, _UNBOUNDED
        elif char == "{" and self.text.find("}", self.at) > 0:
            end = self.text.index("}", self.at)
            inside = self.text[self.at + 1 : end]
            bounds = inside.split(",")
            if not all(b.strip().isdigit() or (b == "" and i) for i, b in enumerate(bounds)):
                return atom  # a literal `{`
            low = int(bounds[0])
            high = low if len(bounds) == 1 else int(bounds[1]) if bounds[1] else _UNBOUNDED
            self.at = end
        else:
            return atom
        self.take()
        if self.peek() in ("?", "+"):
            self.take()  # lazy or possessive: the same strings match
        return _Node("repeat", parts=[atom], low=low, high=high)


def _size(node: _Node) -> int:
    """The length of the shortest string the node matches."""
    if node.kind == "chars":
        return 1
    if node.kind == "seq":
        return sum(_size(p) for p in node.parts)
    if node.kind == "alt":
        return min(_size(p) for p in node.parts)
    return node.low * _size(node.parts[0])


class _Writer:
    def __init__(self, rng: random.Random, extra: int) -> None:
        self.rng = rng
        self.extra = extra  # characters to add beyond the shortest match, where repeats allow

    def write(self, node: _Node) -> str:
        if node.kind == "chars":
            if not node.chars:
                raise Unsupported("an empty class")
            return self.rng.choice(node.chars)
        if node.kind == "seq":
            return "".join(self.write(p) for p in node.parts)
        if node.kind == "alt":
            return self.write(min(node.parts, key=_size))
        inner = node.parts[0]
        count = node.low
        if self.extra > 0 and node.high > node.low and _size(inner) > 0:
            more = min(node.high - node.low, self.extra // _size(inner))
            count += more
            self.extra -= more * _size(inner)
        return "".join(self.write(inner) for _ in range(count))


def matching(pattern: str, rng: random.Random, length: int = 0) -> str | None:
    """A string matching the pattern, about `length` characters long where the pattern lets
    it be (at least its shortest match); None when the pattern is beyond this generator."""
    try:
        parser = _Parser(pattern)
        tree = parser.alternatives()
        if parser.at < len(pattern):
            raise Unsupported("an unbalanced `)`")
        return _Writer(rng, max(0, length - _size(tree))).write(tree)
    except (Unsupported, IndexError, ValueError):
        return None
