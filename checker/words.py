r"""Words for people: counts with their plural, lists joined with "and", terminal colour.

>>> count(1, "file"), count(3, "file"), count(2, "info"), count(2, "entry"), count(0, "key")
('1 file', '3 files', '2 info', '2 entries', '0 keys')
>>> and_list(["a"]), and_list(["a", "b"]), and_list(["a", "b", "c"])
('a', 'a and b', 'a, b and c')
>>> and_list(["a", "b", "c", "d"], shown=2)
'a, b and 2 more'
>>> did_you_mean("creat-status", ["create-status", "delete-status"])
" (did you mean 'create-status'?)"
>>> did_you_mean("zzz", ["create-status"])
''
>>> terminal_safe(paint("ok", "bold") + " \x1b]0;pwned\x07 \u202e")
'\x1b[1mok\x1b[0m \\x1b]0;pwned\\x07 \\u202e'
"""

from __future__ import annotations

import difflib
import os
import re

UNCOUNTABLE = frozenset({"info"})  # a severity: "3 info", not "3 infos"

# ANSI SGR codes of the styles reports use.
STYLES = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1", "red": "31"}


def count(n: int, word: str) -> str:
    """`n word`, in the plural when n is not 1 (a phrase's last word takes it)."""
    if n == 1 or word in UNCOUNTABLE:
        return f"{n} {word}"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u", ""):
        return f"{n} {word[:-1]}ies"
    return f"{n} {word}s"


def and_list(words: list[str], shown: int | None = None) -> str:
    """`a, b and c`; past `shown` items, the rest as `N more`."""
    if shown is not None and len(words) > shown:
        words = [*words[:shown], f"{len(words) - shown} more"]
    return " and ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " and " + words[-1]


def did_you_mean(name: str, choices: list[str] | set[str]) -> str:
    """` (did you mean 'x'?)` for the closest of the choices, or nothing when none is close."""
    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def paint(text: str, style: str, on: bool = True) -> str:
    """The text in a terminal style (see STYLES), or as it is when colour is off."""
    return f"\033[{STYLES[style]}m{text}\033[0m" if on else text


COLOR_MODES = ("auto", "always", "never")


def use_color(stream: object, mode: str = "auto") -> bool:
    """Whether to colour output to `stream`: `always`, `never`, or (`auto`) when FORCE_COLOR
    is set (https://force-color.org), else on a terminal unless NO_COLOR is set
    (https://no-color.org)."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


# What a text report may hold besides printable text: our own styles (see paint).
_OURS = re.compile(r"\x1b\[(?:" + "|".join(sorted(set(STYLES.values()) | {"0"})) + r")m")
_UNSAFE = re.compile(r"\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text for a terminal: control characters and escape sequences that came from a spec
    (a title-setting OSC, cursor moves, bidi overrides) shown as `\\x1b`, `\\u202e`; the
    styles `paint` writes are kept."""

    def shown(match: re.Match[str]) -> str:
        found = match.group()
        if _OURS.fullmatch(found):
            return found
        first = ord(found[0])
        return (f"\\x{first:02x}" if first < 0x100 else f"\\u{first:04x}") + found[1:]

    return _UNSAFE.sub(shown, text)
