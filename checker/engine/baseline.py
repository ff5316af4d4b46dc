"""Baselines: today's findings recorded as accepted, so that a check reports only new ones.

A baseline file is JSON:

    {"tool": {"name": "restcheck", "version": "0.1.0"}, "format": 1,
     "entries": [{"rule": "create-status", "fingerprint": "…", "source": "openapi.json",
                  "path": "/v1/customers/", "method": "post", "message": "…"}]}

An entry matches a finding by rule, fingerprint (which ignores line numbers and formatting)
and source. Sources are kept relative to the baseline file's directory, so a check run from
another directory matches; and when one file is checked against a baseline of one file, the
names need not agree at all (CI often checks a freshly exported spec somewhere else).
`path`, `method` and `message` are for people reading the file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.engine.findings import Finding
from checker.errors import InputError
from checker.load.files import Unreadable, read_text
from checker.load.source import value_problem
from checker.version import __version__
from checker.words import count

FORMAT = 1


@dataclass(frozen=True)
class Entry:
    rule: str
    fingerprint: str
    source: str
    path: str | None = None
    method: str | None = None
    message: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "fingerprint": self.fingerprint,
            "source": self.source,
            "path": self.path,
            "method": self.method,
            "message": self.message,
        }


def source_key(name: str, base: Path) -> str:
    """A source as the baseline names it: files relative to `base`, in POSIX form."""
    if name.startswith(("http://", "https://")) or name == "<stdin>":
        return name
    try:
        relative = os.path.relpath(Path(name).resolve(), base.resolve())
    except ValueError:  # another drive (Windows)
        return Path(name).resolve().as_posix()
    return Path(relative).as_posix()


def render(findings: list[Finding], base: Path) -> str:
    """The baseline file's text for these findings (sorted: stable diffs in review)."""
    entries = sorted(
        (
            Entry(f.rule, f.fingerprint, source_key(f.source, base), f.path, f.method, f.message)
            for f in findings
        ),
        key=lambda e: (e.source, e.path or "", e.method or "", e.rule, e.fingerprint),
    )
    document = {
        "tool": {"name": "restcheck", "version": __version__},
        "format": FORMAT,
        "entries": [e.as_json() for e in entries],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _problem(name: str, problem: str) -> InputError:
    return InputError(f"--baseline {name}: {problem}")


def _entry(raw: Any, index: int, name: str) -> Entry:
    if not isinstance(raw, dict):
        raise _problem(name, f"entries[{index}] is not an object")
    for key in ("rule", "fingerprint"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise _problem(name, f"entries[{index}] has no '{key}' string")
    source = raw.get("source", "")
    if not isinstance(source, str):
        raise _problem(name, f"entries[{index}].source is not a string")
    path, method, message = raw.get("path"), raw.get("method"), raw.get("message", "")
    return Entry(
        raw["rule"],
        raw["fingerprint"],
        source,
        path if isinstance(path, str) else None,
        method if isinstance(method, str) else None,
        message if isinstance(message, str) else "",
    )


@dataclass
class Baseline:
    file: str
    entries: list[Entry]
    base: Path  # the directory sources are relative to
    matched: set[Entry] = field(default_factory=set)
    checked: set[str] = field(default_factory=set)  # source keys of this run
    suppressed: int = 0
    loose: bool = False  # one file against a baseline of one file: sources need not agree

    @classmethod
    def load(cls, name: str) -> Baseline:
        path = Path(name)
        try:
            data = json.loads(read_text(path))
        except Unreadable as exc:
            raise _problem(name, str(exc)) from None
        except json.JSONDecodeError as exc:
            raise _problem(name, f"invalid JSON at {exc.lineno}:{exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise _problem(name, "invalid JSON: nested too deeply") from None
        except ValueError as exc:  # a number of over 4,300 digits
            raise _problem(name, f"invalid JSON: {value_problem(exc)}") from None
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise _problem(
                name,
                "not a restcheck baseline (no 'entries' list); write one with "
                "`restcheck baseline SOURCE --output FILE`",
            )
        found = data.get("format", FORMAT)
        if type(found) is not int or found != FORMAT:  # `true` is no format number
            raise _problem(name, f"baseline format {data.get('format')!r}; expected {FORMAT}")
        entries = [_entry(raw, index, name) for index, raw in enumerate(data["entries"])]
        return cls(name, entries, path.resolve().parent)

    def start(self, sources: list[str]) -> None:
        """Before filtering: the SOURCE arguments of this run."""
        self.checked = {source_key(s, self.base) for s in sources}
        self.loose = len(sources) == 1 and len({e.source for e in self.entries}) <= 1

    def _key(self, rule: str, fingerprint: str, source: str) -> tuple[str, str, str]:
        return (rule, fingerprint, "" if self.loose else source)

    def filter(self, findings: list[Finding]) -> list[Finding]:
        """The findings the baseline does not hold (matched entries are remembered)."""
        index = {self._key(e.rule, e.fingerprint, e.source): e for e in self.entries}
        kept = []
        for finding in findings:
            key = self._key(
                finding.rule, finding.fingerprint, source_key(finding.source, self.base)
            )
            entry = index.get(key)
            if entry is None:
                kept.append(finding)
            else:
                self.matched.add(entry)
                self.suppressed += 1
        return kept

    def stale(self) -> list[Entry]:
        """Entries of the checked sources that no finding of this run matched."""
        return [
            e
            for e in self.entries
            if e not in self.matched and (self.loose or e.source in self.checked)
        ]

    def summary(self) -> dict[str, Any]:
        """The `baseline` key of the JSON report."""
        stale = self.stale()
        return {
            "file": self.file,
            "entries": len(self.entries),
            "suppressed": self.suppressed,
            "stale": len(stale),
            "stale_entries": [e.as_json() for e in stale],
        }

    def note(self) -> str:
        """One line for people."""
        stale = len(self.stale())
        line = f"Baseline {self.file}: {count(self.suppressed, 'known finding')} not reported"
        if stale:
            line += (
                f"; {count(stale, 'entry')} no longer {'occurs' if stale == 1 else 'occur'} "
                "(re-record with `restcheck baseline` to prune)"
            )
        return line + "."
