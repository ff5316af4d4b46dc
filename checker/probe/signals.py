"""Signals during a probe: SIGINT, SIGTERM and SIGHUP become `Interrupted`, so that the
probe cleans up what it created before it stops (checker.probe.run uses it)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from checker.errors import Interrupted

SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


class Interrupts:
    """SIGINT, SIGTERM and SIGHUP as Interrupted, while in the `with` block (main thread
    only; a signal ignored when it starts, as under nohup, stays ignored). In a held section
    (`hold`) the first signal waits for the section's end; any later signal stops at once.
    The handlers in place before are put back when the block ends."""

    def __init__(self) -> None:
        self.first: int | None = None  # the signal that interrupted the probe
        self.stopped = False  # a second signal: no more clean-up
        self.lost: list[str] = []  # creates cut off before their answer
        self._held = 0
        self._waiting = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            for name in SIGNALS:
                signum: signal.Signals | None = getattr(signal, name, None)  # no SIGHUP on Windows
                if signum is None:
                    continue
                previous = signal.getsignal(signum)
                if previous is None or previous is signal.SIG_IGN:
                    continue  # ignored (as under nohup), or a handler not installed by Python
                self._previous[signum] = previous
                signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.first is None:
            self.first = signum
            if self._held:
                self._waiting = True
                return
        else:
            self.stopped = True
        raise Interrupted(signum)

    @contextmanager
    def hold(self, what: str | None = None) -> Iterator[None]:
        """A section the first signal does not cut (a create and its ledger entry, a
        clean-up); `what` names a request whose answer a second signal would lose (listed
        as lost, when it cuts this section)."""
        self._held += 1
        try:
            yield
        except Interrupted:
            if what is not None:
                self.lost.append(what)
            raise
        finally:
            self._held -= 1
        if self._waiting and not self._held and self.first is not None:
            self._waiting = False
            raise Interrupted(self.first)
