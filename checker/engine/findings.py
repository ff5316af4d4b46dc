"""Findings: a rule's problem with its rule id, severity, source and (later) position."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.engine.registry import SEVERITIES, Severity
from checker.model import METHODS
from checker.pointers import tokens

if TYPE_CHECKING:
    from checker.load.code import CodeLocation

_INDEX = re.compile(r"/\d+(?=/|$)")


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str
    source: str
    pointer: str
    path: str | None = None
    method: str | None = None
    key: str = ""
    line: int | None = None
    column: int | None = None
    fingerprint: str = ""
    end_column: int | None = None  # the last column of the key pointed at, on the same line
    code: CodeLocation | None = None  # with --app: the route function or pydantic model

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "method": self.method,
            "fingerprint": self.fingerprint,
        }
        if self.code is not None:
            found["code"] = self.code.as_json()
        return found

    def place(self) -> tuple[str, int, int | None, int | None]:
        """Where reports show the finding: file, line, column and last column of the key; for
        an app's finding with a Python location (`--app`), the route function's or model's
        file and line (no column)."""
        if self.code is not None:
            return self.code.file, self.code.line, None, None
        return self.source, self.line or 1, self.column or 1, self.end_column

    def about(self) -> tuple[str | None, str | None]:
        """The path and method the finding is about: its own, else those of the operation
        its pointer lies in (`/paths/<path>/<method>/...`); (None, None) for schemas and the
        document."""
        if self.path is not None:
            return self.path, self.method
        found = tokens(self.pointer)
        if len(found) < 2 or found[0] != "paths":
            return None, None
        return found[1], found[2] if len(found) > 2 and found[2] in METHODS else None


@dataclass
class Notice:
    """A problem of the input that is no finding of a rule, e.g. an unknown rule id in an
    `x-restcheck-ignore`. Reported as a warning line (and natively by the machine formats);
    it never changes the exit code."""

    source: str
    pointer: str
    message: str
    line: int | None = None
    column: int | None = None
    end_column: int | None = None


def fingerprint(rule: str, pointer: str, key: str) -> str:
    """A hash of what the finding is about, not where it sits in the text.

    Array indexes are left out of the pointer (a parameter moving from 2nd to 3rd place is the
    same finding); rules that report inside arrays set `key` (e.g. the parameter's name)."""
    stable = _INDEX.sub("/#", pointer)
    # surrogatepass: a lone surrogate in a name must not crash the hash (parse refuses them in
    # a document's text; a key may still carry one from elsewhere).
    text = f"{rule}\0{stable}\0{key}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(text).hexdigest()[:20]


def assign_fingerprints(findings: list[Finding]) -> None:
    """Fingerprint each finding; repeats within one source get an ordinal suffix."""
    seen: dict[tuple[str, str], int] = {}
    for finding in findings:
        base = fingerprint(finding.rule, finding.pointer, finding.key)
        count = seen.get((finding.source, base), 0)
        seen[(finding.source, base)] = count + 1
        finding.fingerprint = base if count == 0 else f"{base}-{count}"


def summary(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def reaches(severity: str, threshold: str) -> bool:
    """Whether a severity (or a diff change's level) is at least the threshold (error >
    warning > info); nothing reaches `never`."""
    if threshold == "never":
        return False
    order = [str(s) for s in SEVERITIES]
    return order.index(severity) <= order.index(threshold)


def at_or_above(findings: list[Finding], threshold: str) -> list[Finding]:
    """Findings whose severity is at least threshold (error > warning > info); never: none."""
    return [f for f in findings if reaches(f.severity, threshold)]
