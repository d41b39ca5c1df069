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

# Refresh the translation catalogs after changing user-facing strings (needs GNU gettext), then
# translate what is new and run it again: the compiled .mo files are committed with the .po files.
# tests/i18n runs makemessages with the same ignores to check that the catalogs cover the code.
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=bench --ignore=tests --ignore="*/demo/stories/*"
messages: $(VENV)/.installed-test
	$(BIN)/dateline manage makemessages -l en -l ru -l ar --no-obsolete $(MESSAGES_IGNORE)
	$(BIN)/dateline manage compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
