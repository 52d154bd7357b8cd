# Two commands do all the set-up (see README.md):
#   make book   set up, build the book and serve it on http://127.0.0.1:8000/
#   make test   set up and run the whole test suite (needs Debian's chromium, and configurable-http-proxy
#               from npm for the JupyterHub test: .ci/run installs both)
# Set-up: a virtual environment in .venv with the pinned set of requirements.lock and
# migbook installed in editable mode. Re-runs only when pyproject.toml or the lock change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: book setup build serve test lint derive bench bench-classroom bench-hub mutation gallery clean

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

# The whole suite in a random order (module by module, a new seed each run: it is printed at the top, and
# `pytest -p random_order --random-order-seed=N` repeats it), then the fast part again in another order, so
# no test can depend on what another left behind.
test: $(STAMP)
	$(BIN)/python -m pytest --random-order-bucket=module
	$(BIN)/python -m pytest --random-order-bucket=global -q -m "not build and not browser and not voila and not hub"

lint: $(STAMP)
	$(BIN)/ruff check migbook tests benchmarks

derive: $(STAMP)
	$(BIN)/migbook derive

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Thirty students opening one lesson at once: migbook classroom against stock Voila (several minutes; needs a built book)
bench-classroom: $(STAMP)
	$(BIN)/python benchmarks/classroom.py

# What a student costs on JupyterHub (migbook/deploy/jupyterhub_config.py): four students logging in at once
# (needs configurable-http-proxy from npm, as the hub test does)
bench-hub: $(STAMP)
	$(BIN)/python benchmarks/hub.py

# A screenshot of every figure, light and dark, before and after each control moves: _build/gallery/index.html
gallery: build
	$(BIN)/python -m migbook.qa.gallery

# Mutation testing (a few minutes on two cores; not part of `make test`): mutmut changes the models and the data
# loader one small fault at a time and runs their tests (see [tool.mutmut] in pyproject.toml); the report prints
# the share killed per area and every survivor, and fails on a survivor not explained in tests/MUTATION-EQUIVALENTS.md.
mutation: $(STAMP)
	rm -rf mutants
	HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children 2 > mutants.log 2>&1 || (tail -30 mutants.log; exit 1)
	$(BIN)/python benchmarks/mutation_report.py

clean:
	rm -rf _build mutants mutants.log
