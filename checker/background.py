"""Work on a second core: run a pure function in a forked child (`start`), or on a thread
(`on_thread`) beside work that lets go of the GIL, while this process goes on.

Validation is the costliest step of `check` and independent of the rules, so the runner
starts it in a child before building the model. The child inherits the parsed document
(copy on write: nothing is serialised on the way in) and sends back a pickled result. Where
fork is unavailable or unsafe (other threads running, e.g. under a test server; the progress
line's thread is harmless), or the child fails, the function simply runs here when its
result is asked for. (Locating half the findings in a child does not pay: skipping the text
before them costs as much as locating them all.)
"""

from __future__ import annotations

import os
import pickle
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


# Threads that hold nothing a child needs (the progress line on stderr: a child never
# writes there), so forking beside them is safe.
_harmless: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def harmless(thread: threading.Thread) -> None:
    """Let children be forked while `thread` runs: it takes no lock a child could need."""
    _harmless.add(thread)


def _forkable() -> bool:
    """No thread but this one and harmless ones: a fork copies the others' locks as they
    are, and a lock held at that moment would never be released in the child."""
    here = threading.current_thread()
    return all(t is here or t in _harmless for t in threading.enumerate())


def start(func: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Start func(*args); the returned callable gives its result (waiting if needed)."""
    if not hasattr(os, "fork") or not _forkable():
        return lambda: func(*args)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return lambda: func(*args)
    if pid == 0:  # the child: compute, send, and leave without running any cleanup
        code = 0
        try:
            os.close(read_end)
            payload = pickle.dumps(func(*args), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)

    def result() -> T:
        with os.fdopen(read_end, "rb") as incoming:
            payload = incoming.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not payload:
            return func(*args)
        value: T = pickle.loads(payload)
        return value

    return result


def on_thread(func: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Start func(*args) on a thread; the returned callable waits for it and gives its result
    or raises its exception. Only worth it where one of the two threads lets go of the GIL
    (imports on the thread while yaml-rs parses here: checker.load.source.read_ahead); the
    thread must be waited for before a fork (`start` runs in this process while it is
    alive)."""
    outcome: list[Any] = []

    def work() -> None:
        try:
            outcome.append((True, func(*args)))
        except BaseException as exc:  # handed to the caller, raised there
            outcome.append((False, exc))

    thread = threading.Thread(target=work, name=f"restcheck {func.__name__}", daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        done, value = outcome[0]
        if not done:
            raise value
        return value  # type: ignore[no-any-return]

    return result
