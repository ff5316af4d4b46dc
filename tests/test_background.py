"""Validation beside the rules: the forked child's answer equals the in-process one, and
the fallbacks (other threads running, a failing child) still answer."""

from __future__ import annotations

import io
import json
import os
import threading

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
    api.validate_in_background()
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


def test_documents_linted_together_get_their_own_validation() -> None:
    """lint_all validates loaded documents in one child (diff, review): each result carries
    its own document's errors, as linting each alone does."""
    from checker.engine.config import Config
    from checker.engine.runner import lint, lint_all
    from checker.load.source import parse

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


def test_fork_beside_the_progress_line() -> None:
    """On a terminal the progress line's thread runs during the whole check: validation
    still goes to the second core (it was silently run in-process before)."""
    from checker.cli.progress import Progress

    with Progress(io.StringIO(), enabled=True):
        assert threading.active_count() > 1
        get = background.start(os.getpid)
        assert get() != os.getpid()
