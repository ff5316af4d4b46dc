PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo needs only restcheck and its runtime dependencies, not the dev tools.
RUNTIME := $(VENV)/.runtime

.PHONY: install demo test test-slow test-all lint docs bench live-real clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(RUNTIME) $(STAMP)

$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $(RUNTIME)

demo: $(RUNTIME)
	$(BIN)/restcheck check specs/legacy/openapi.json --fail-on never

test: install
	$(BIN)/pytest

test-slow: install
	$(BIN)/pytest -m slow

# Everything: the quick suite, then the slow corpus and reference comparisons (.ci/run).
test-all: test test-slow

lint: install
	$(BIN)/ruff check checker checks tests specs
	$(BIN)/ruff format --check checker checks tests specs
	$(BIN)/mypy

# The rule pages, from the rules' docstrings (a test fails when they are stale).
docs: install
	$(BIN)/python -m checker.report.rule_pages docs/rules
	$(BIN)/python -m checker.diff.kinds docs/diff.md

bench: install
	$(BIN)/python -m tests.bench

# Opt-in, not in CI: `restcheck probe` against real servers installed from PyPI (Phoenix,
# Prefect) into .venv-real/; see docs/probe.md, "Against real servers".
live-real: install
	$(BIN)/python -m tests.live_real

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
