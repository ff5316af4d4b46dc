"""Work on a second core: run a pure function in a forked child (`start`), in a child forked
early that serves requests (`serve`, `request`), or on a thread (`on_thread`) beside work
that lets go of the GIL, while this process goes on.

Validation is the costliest step of `check` and independent of the rules, so the runner
starts it in a child before building the model. For a big document (FORK_ABOVE) the child
is forked then and inherits the parsed document (copy on write: nothing is serialised on the
way in). A smaller one is pickled to a child the console script forked at its start, which
imported jsonschema-rs and compiled the meta-schemas while this process imported the command
line. Results come back pickled. Where fork is unavailable or unsafe (other threads running,
e.g. under a test server; the progress line's thread is harmless), or a child fails, the
function simply runs here when its result is asked for. (Locating half the findings in a
child does not pay: skipping the text before them costs as much as locating them all.)
"""

from __future__ import annotations

import os
import pickle
import threading
import weakref
from collections.abc import Callable
from contextlib import suppress
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")

# Documents of this many characters or more get a child forked for them once loaded: under
# it, a fork's start and copy-on-write cost more than pickling the document to the child
# `serve` started (~25 ms against ~1 ms for 100 KB); without one, they are validated here.
FORK_ABOVE = 250_000


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


class _Server:
    """This process's end of a serving child: requests out, answers in, one at a time."""

    def __init__(self, pid: int, requests: BinaryIO, answers: BinaryIO) -> None:
        self.pid, self.requests, self.answers = pid, requests, answers
        self.sent = 0
        self.received: list[tuple[bool, Any] | None] = []

    def send(self, args: tuple[Any, ...]) -> int | None:
        """Send a request; its index, or None when the child is gone. The answers before it
        are taken first: a child blocked writing a long answer and this process blocked
        writing a long request would wait for each other."""
        if self.sent:
            self.answer(self.sent - 1)
        try:
            _write(self.requests, args)
        except (OSError, ValueError):  # the child is gone (its end closed)
            return None
        self.sent += 1
        return self.sent - 1

    def answer(self, index: int) -> tuple[bool, Any] | None:
        """(True, result), (False, None) when the function raised, or None: no answer."""
        while len(self.received) <= index:
            try:
                got = _read(self.answers)
            except Exception:  # a child gone in the middle of an answer
                got = None
            self.received.append(got)
        return self.received[index]


# The serving children, by the function each runs.
_servers: dict[Callable[..., Any], _Server] = {}


def serve(func: Callable[..., Any], warm: Callable[[], object]) -> None:
    """Fork a child now that calls `warm`, then func(*args) for each `request(func, *args)`
    made later, until this process closes its ends or exits. Forked while this process is
    small and has no thread, the child does func's imports and set-up (validation's:
    jsonschema-rs, the meta-schemas, ~40 ms) on the second core while this process imports
    the command line. Nothing happens where fork is unavailable or unsafe."""
    if func in _servers or not hasattr(os, "fork") or not _forkable():
        return
    requests_out, requests_in = os.pipe()
    answers_out, answers_in = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (requests_out, requests_in, answers_out, answers_in):
            os.close(fd)
        return
    if pid == 0:  # the child: serve, and leave without running any cleanup
        try:
            # It holds none of the standard streams: a reader waiting for their end (a pipe
            # into `head`, a test) gets it when this process ends, not when the child does.
            nowhere = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(nowhere, stream)
            os.close(requests_in)
            os.close(answers_out)
            with os.fdopen(requests_out, "rb") as requests, os.fdopen(answers_in, "wb") as answers:
                _serve(func, warm, requests, answers)
        finally:
            os._exit(0)
    os.close(requests_out)
    os.close(answers_in)
    _servers[func] = _Server(pid, os.fdopen(requests_in, "wb"), os.fdopen(answers_out, "rb"))


def _serve(
    func: Callable[..., Any], warm: Callable[[], object], requests: BinaryIO, answers: BinaryIO
) -> None:
    with suppress(Exception):  # func then says what is wrong, or this process runs it
        warm()
    while (args := _read(requests)) is not None:
        try:
            outcome: tuple[bool, Any] = (True, func(*args))
        except BaseException:  # this process runs func itself, and sees the error there
            outcome = (False, None)
        _write(answers, outcome)


def _write(stream: BinaryIO, value: Any) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(payload).to_bytes(8, "big") + payload)
    stream.flush()


def _read(stream: BinaryIO) -> Any:
    """The next value written to the stream; None at its end."""
    header = stream.read(8)
    if len(header) < 8:
        return None
    return pickle.loads(stream.read(int.from_bytes(header, "big")))


def request(func: Callable[..., T], *args: Any) -> Callable[[], T] | None:
    """Send func(*args) to the child `serve` started for func; the returned callable gives
    its result (waiting if needed), or runs func here when the child could not. None when
    no child serves func."""
    server = _servers.get(func)
    index = server.send(args) if server is not None else None
    if server is None or index is None:
        return None

    def result() -> T:
        answer = server.answer(index)
        if answer is None or not answer[0]:
            return func(*args)
        value: T = answer[1]
        return value

    return result


def stop_serving(func: Callable[..., Any]) -> None:
    """Close this process's ends of func's serving child, and wait for it to end."""
    server = _servers.pop(func, None)
    if server is not None:
        server.requests.close()
        server.answers.close()
        os.waitpid(server.pid, 0)
