# Two commands do all the set-up (see README.md):
#   make book   set up, build the book and serve it on http://127.0.0.1:8000/
#   make test   set up and run the whole test suite (needs Debian's chromium)
# Set-up: a virtual environment in .venv with the pinned set of requirements.lock and
# migbook installed in editable mode. Re-runs only when pyproject.toml or the lock change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: book setup build serve test lint derive bench clean

book: build serve

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/migbook build

serve: $(STAMP)
	$(BIN)/migbook serve --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check migbook tests benchmarks

derive: $(STAMP)
	$(BIN)/migbook derive

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build
