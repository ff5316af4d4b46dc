"""Reading a file named on the command line: a spec, `--config` or `--baseline`.

Only regular files are read: a FIFO or a device would block forever or never end.
"""

from __future__ import annotations

import stat
from pathlib import Path


class Unreadable(Exception):
    """Why a file cannot be read, in a few words ("no such file"); callers name the file."""


def read_text(path: Path) -> str:
    """The UTF-8 text of a regular file (a BOM is dropped), or Unreadable."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise Unreadable("is a directory")
    if not stat.S_ISREG(mode):
        raise Unreadable("not a regular file (a FIFO, socket or device)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})") from None


def value_problem(exc: ValueError) -> str:
    """What a parser's ValueError says, in a few words (Python's 4,300-digit limit on
    integers, a NaN, a duplicate key)."""
    text = str(exc).split(";", 1)[0].strip()
    if text.startswith("Exceeds the limit"):
        return "a number has more than 4,300 digits"
    return text
