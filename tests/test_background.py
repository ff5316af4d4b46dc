"""Validation beside the rules: the forked child's answer equals the in-process one, and
the fallbacks (other threads running, a failing child) still answer."""

from __future__ import annotations

import io
import json
import os
import threading

import pytest

from checker import background
from checker.model import build
from checker.validate import validate
from tests.helpers import document

INVALID = document(
    """
    paths:
      /v1/items/{id}:
        get:
          responses: {"200": {description: OK}}
    """
)


def test_child_result_equals_in_process() -> None:
    api = build(INVALID)
    api.use_validation(background.start(validate, INVALID))
    assert api.spec_errors == validate(INVALID)
    assert len(api.spec_errors) == 1


def test_child_runs_in_another_process() -> None:
    get = background.start(os.getpid)
    assert get() != os.getpid()


def test_no_fork_while_other_threads_run() -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        get = background.start(os.getpid)
        assert get() == os.getpid()  # ran here, when asked for
    finally:
        release.set()
        worker.join()


def _fails_in_child(parent: int) -> int:
    if os.getpid() != parent:
        raise RuntimeError("the child fails")
    return 42


def test_failing_child_falls_back_to_running_here() -> None:
    get = background.start(_fails_in_child, os.getpid())
    assert get() == 42


def test_documents_linted_together_get_their_own_validation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """lint_all validates loaded documents in one child (diff, review): each result carries
    its own document's errors, as linting each alone does."""
    from checker.engine import runner
    from checker.engine.config import Config
    from checker.engine.runner import lint, lint_all
    from checker.load.source import parse

    monkeypatch.setattr(background, "FORK_ABOVE", 0)  # these documents are small
    started: list[object] = []
    real_start = background.start
    monkeypatch.setattr(
        background, "start", lambda func, *args: started.append(func) or real_start(func, *args)
    )

    valid = document(
        """
        paths:
          /v1/items/{id}:
            get:
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses: {"200": {description: OK}}
        """
    )
    sources = [parse(json.dumps(d), name) for d, name in ((INVALID, "a"), (valid, "b"))]
    config = Config(select={"valid-openapi"})
    together = lint_all(sources, config)
    alone = [lint(source, config) for source in sources]
    assert [[f.pointer for f in r.findings] for r in together] == [
        [f.pointer for f in r.findings] for r in alone
    ]
    assert [len(r.findings) for r in together] == [1, 0]
    assert started[0] is runner._validate_each  # one child for both, then one each alone


def test_small_documents_are_validated_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under FORK_ABOVE characters a child costs more than it spares: no fork."""
    from checker.engine import runner
    from checker.engine.config import Config
    from checker.load.source import parse

    started: list[object] = []
    monkeypatch.setattr(background, "start", lambda func, *args: started.append(func))
    source = parse(json.dumps(INVALID), "small")
    assert len(source.text) < background.FORK_ABOVE
    result = runner.lint(source, Config(select={"valid-openapi"}))
    assert len(result.findings) == 1 and started == []


def test_fork_beside_the_progress_line() -> None:
    """On a terminal the progress line's thread runs during the whole check: validation
    still goes to the second core (it was silently run in-process before)."""
    from checker.cli.progress import Progress

    with Progress(io.StringIO(), enabled=True):
        assert threading.active_count() > 1
        get = background.start(os.getpid)
        assert get() != os.getpid()


def test_on_thread_gives_the_result_or_raises_the_error() -> None:
    main = threading.get_ident()
    assert background.on_thread(threading.get_ident)() != main
    failing = background.on_thread(int, "not a number")
    with pytest.raises(ValueError, match="not a number"):
        failing()


# -- a child forked early serves requests made later ----------------------------------------

_warmed: list[int] = []


def _warm() -> None:
    _warmed.append(os.getpid())


def _where_and_warmed(value: int) -> tuple[int, int, bool]:
    return value, os.getpid(), os.getpid() in _warmed


def _fails_in_a_child(parent: int) -> int:
    if os.getpid() != parent:
        raise RuntimeError("only in the child")
    return os.getpid()


def test_a_served_child_answers_each_request_after_warming() -> None:
    background.serve(_where_and_warmed, _warm)
    try:
        first = background.request(_where_and_warmed, 1)
        second = background.request(_where_and_warmed, 2)
        assert first is not None and second is not None
        assert second()[0] == 2 and first()[0] == 1  # answers kept, taken in any order
        assert first()[1] != os.getpid() and first()[2]  # in the child, after `warm`
        assert _warmed == []  # warmed there, not here
    finally:
        background.stop_serving(_where_and_warmed)
    assert background.request(_where_and_warmed, 3) is None  # no child serves it now


def test_what_the_served_child_cannot_do_runs_here() -> None:
    background.serve(_fails_in_a_child, _warm)
    try:
        result = background.request(_fails_in_a_child, os.getpid())
        assert result is not None and result() == os.getpid()
    finally:
        background.stop_serving(_fails_in_a_child)


def test_small_documents_go_to_the_served_child() -> None:
    from checker.engine import runner
    from checker.engine.config import Config
    from checker.load.source import parse
    from checker.validate import warm

    source = parse(json.dumps(INVALID), "small")
    here = runner.lint(source, Config(select={"valid-openapi"}))
    background.serve(validate, warm)
    try:
        served = runner.lint(source, Config(select={"valid-openapi"}))
        assert background._servers[validate].sent == 1  # it went to the child
    finally:
        background.stop_serving(validate)
    assert [f.message for f in served.findings] == [f.message for f in here.findings]
    assert len(served.findings) == 1
