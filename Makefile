# Two commands: `make run` serves the demo site, `make test` runs the whole suite.
# `make run PORT=8080 HOST=0.0.0.0` serves elsewhere; links name that port unless DATELINE_BASE_URL is set.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || { \
		echo "Dateline needs Python 3.11 (exactly); '$(PYTHON)' is not. Install python3.11, or run make PYTHON=/path/to/python3.11."; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/dateline setup --demo --host $(HOST) --port $(PORT)
	$(BIN)/dateline serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

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
