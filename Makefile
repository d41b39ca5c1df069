# Two commands: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/dateline setup --demo
	$(BIN)/dateline serve

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(VENV)/.installed-test lint
	$(BIN)/pytest

# Refresh the translation catalogs after changing user-facing strings (needs GNU gettext).
messages: $(VENV)/.installed-test
	$(BIN)/dateline manage makemessages --all --no-obsolete --ignore=.venv --ignore=var --ignore=bench
	$(BIN)/dateline manage compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
