"""Where in Python an operation or a schema is defined (a FastAPI app as a source: see
checker.load.app)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CodeLocation:
    """A place in Python code: the file (relative to the working directory when under it) and
    the 1-based line; `symbol` names what is there (`create_coupon`, `class Coupon`)."""

    file: str
    line: int
    symbol: str

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "symbol": self.symbol}


@dataclass
class CodeMap:
    """Where an app's operations and component schemas are defined."""

    operations: dict[tuple[str, str], CodeLocation] = field(default_factory=dict)
    schemas: dict[str, CodeLocation] = field(default_factory=dict)
