# Two entry points for a fresh machine (see README):
#   make demo   - install the package and plan the bundled example
#   make test   - install everything the tests need (apt + pip), lint, type-check, run all tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test system-deps lint typecheck pytest benchmark

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

demo: install
	$(BIN)/roadmap plan data/examples/spbe-cukup.csv --budget "750 jt"

system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Memasang chromium (Debian) untuk uji peramban..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

install-test: $(BIN)/python system-deps
	$(BIN)/pip install --quiet -e ".[test]"

lint:
	$(BIN)/ruff check roadmap tests benchmarks

typecheck:
	$(BIN)/mypy roadmap

pytest:
	$(BIN)/python -m pytest -q -p no:cacheprovider

test: install-test lint typecheck pytest

benchmark: install
	$(BIN)/python benchmarks/run.py
