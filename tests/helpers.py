"""Shared test helpers: build documents from snippets, run one rule, run the CLI, find the
corpus."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from checker.engine.catalogue import all_rules
from checker.engine.registry import Problem
from checker.model import Api, build

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SPECS = ROOT / "specs"


def document(snippet: str | dict[str, Any], version: str = "3.1.0") -> dict[str, Any]:
    """A whole OpenAPI document from a snippet (paths, components, ...) in YAML or a dict."""
    body = yaml.safe_load(snippet) if isinstance(snippet, str) else snippet
    return {"openapi": version, "info": {"title": "t", "version": "1"}, **(body or {})}


def api_of(snippet: str | dict[str, Any], version: str = "3.1.0") -> Api:
    return build(document(snippet, version))


def run_rule(rule_id: str, snippet: str | dict[str, Any], **options: Any) -> list[Problem]:
    rule = all_rules()[rule_id]
    version = str(options.pop("openapi", "3.1.0"))
    return list(rule.run(api_of(snippet, version), options))


def cli() -> str:
    """The installed console script next to the running interpreter."""
    found = Path(sys.executable).parent / "restcheck"
    if found.exists():
        return str(found)
    return shutil.which("restcheck") or "restcheck"


def corpus_file(relative: str) -> Path:
    import pytest

    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"corpus file {relative} is absent ({CORPUS})")
    return path


def environment() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1"}


def run_cli(
    *args: str | Path, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` run by `checker.cli.main.main` in this interpreter, its result shaped
    like subprocess.run's: for tests of what a command does, where a process per call (0.3 s
    to start; importing FastAPI for `--app`) proves nothing more. The process boundary (the
    console script, its exit status, a real pipe) keeps its own subprocess tests.

    Like the subprocess runs: NO_COLOR=1 (environment()), `cwd`, `stdin` (empty when not
    given), stdout and stderr not terminals. An exception escaping main() is raised here:
    the traceback a user would have seen."""
    from checker.cli.main import main

    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    here, stdin_before, no_color = Path.cwd(), sys.stdin, os.environ.get("NO_COLOR")
    try:
        os.environ["NO_COLOR"] = "1"
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin = io.StringIO(stdin or "")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = stdin_before
        os.chdir(here)
        if no_color is None:
            os.environ.pop("NO_COLOR", None)
        else:
            os.environ["NO_COLOR"] = no_color
    return subprocess.CompletedProcess([cli(), *argv], code, out.getvalue(), err.getvalue())
