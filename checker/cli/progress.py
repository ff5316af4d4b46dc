"""A status line on stderr for work that takes a while: nothing for the first second (most
runs end before), then `restcheck: checking stripe.yaml (2 of 5)...`, rewritten in place as
the stage changes, and erased when the work is done. Only on a terminal: logs and pipes
never see it."""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import TextIO

from checker import background

DELAY = 1.0  # seconds before the line appears
REFRESH = 0.2


class Progress:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._stage = ""
        self._shown = ""
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def stage(self, text: str) -> None:
        """What is being done now (shown once a second has passed)."""
        self._stage = text

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            # it only writes to stderr, which a forked child never does: validation may
            # still run on the second core (checker.background)
            background.harmless(self._thread)
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self._shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._shown = ""

    def _run(self) -> None:
        if self._done.wait(DELAY):
            return
        while not self._done.is_set():
            with self._lock:
                if self._stage != self._shown and not self._done.is_set():
                    self.stream.write(f"\r\x1b[Krestcheck: {self._stage}...")
                    self.stream.flush()
                    self._shown = self._stage
            self._done.wait(REFRESH)
