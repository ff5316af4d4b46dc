"""The trie of wanted pointers that checker.load.locate follows through a text: one node per
decoded segment, where the text has it once found."""

from __future__ import annotations

import re

Position = tuple[int, int]

_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]{0,17}")


class Node:
    """One decoded pointer segment; ``pos`` is set once the segment is found in the text."""

    __slots__ = ("_indexed", "children", "offset", "pos", "width")

    def __init__(self) -> None:
        self.children: dict[str, Node] = {}
        self._indexed: dict[int, Node] | None = None
        self.offset = -1  # character offset of the key / element, before conversion
        self.pos: Position | None = None
        self.width = 0  # characters of the key on its line (quotes included); 0: not a key

    def indexed(self) -> dict[int, Node]:
        """The children whose segment is a valid array index (``0``, ``17``; not ``01``, ``-``)."""
        if self._indexed is None:
            self._indexed = {
                int(seg): child
                for seg, child in self.children.items()
                if _ARRAY_INDEX.fullmatch(seg)
            }
        return self._indexed
