"""Shared test helpers: build documents from snippets, run one rule, find the corpus."""

from __future__ import annotations

import os
import shutil
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
