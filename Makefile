# Two entry points for a fresh machine (see README):
#   make demo   - install the package (with the web app) and plan the bundled example
#   make test   - install everything the tests need (apt + pip), lint, type-check, run all tests
#
# PYTHON chooses the interpreter (3.11 or newer), e.g. `make demo PYTHON=python3.12`. A .venv
# built with another Python is recreated. Installing happens once: a stamp file in .venv
# records it, and only a change to pyproject.toml or setup.py installs again.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_STAMP := $(VENV)/.installed-demo
TEST_STAMP := $(VENV)/.installed-test
# What identifies an interpreter: its version and installation prefix.
PY_ID := import sys; print(sys.version.split()[0], sys.base_prefix)
PY_OK := import sys; sys.exit(sys.version_info < (3, 11))

.PHONY: demo test venv install install-test system-deps lint typecheck pytest benchmark

venv:
	@$(PYTHON) -c '$(PY_OK)' 2>/dev/null || { \
	  echo "roadmap memerlukan Python 3.11 atau lebih baru; '$(PYTHON)' tidak memenuhi." \
	       "Pilih yang lain, mis.: make demo PYTHON=python3.12" >&2; exit 1; }
	@want="$$($(PYTHON) -c '$(PY_ID)')"; \
	have="$$($(BIN)/python -c '$(PY_ID)' 2>/dev/null || true)"; \
	if [ "$$want" != "$$have" ]; then \
	  if [ -e "$(VENV)" ]; then \
	    echo "$(VENV) dibuat dengan Python lain ($${have:-rusak}); dibuat ulang dengan $$want."; \
	    rm -rf "$(VENV)"; \
	  fi; \
	  $(PYTHON) -m venv "$(VENV)" && $(BIN)/pip install --quiet --upgrade pip; \
	fi

# $(1): stamp file, $(2): what to install. The old distribution name "roadmap" is removed so
# that a .venv from before the rename does not keep two copies.
define install_once
	@if [ ! -f $(1) ] || [ pyproject.toml -nt $(1) ] || [ setup.py -nt $(1) ]; then \
	  echo "Memasang roadmap ($(2)) ke $(VENV)..."; \
	  $(BIN)/pip uninstall --quiet --yes roadmap >/dev/null 2>&1 || true; \
	  $(BIN)/pip install --quiet -e "$(2)" && touch $(1); \
	fi
endef

install: venv
	$(call install_once,$(DEMO_STAMP),.[app])

demo: install
	$(BIN)/roadmap plan data/examples/spbe-cukup.csv --budget "750 jt"

# chromium for the browser tests; LibreOffice Calc to open the report in an en-US locale.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/soffice ]; then \
	  echo "Memasang chromium dan LibreOffice Calc (Debian) untuk uji peramban dan laporan..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium libreoffice-calc-nogui >/dev/null; \
	fi

# (a literal comma would split $(call ...)'s arguments, so the extras go through a variable)
TEST_EXTRAS := .[app,test]

install-test: venv system-deps
	$(call install_once,$(TEST_STAMP),$(TEST_EXTRAS))

lint:
	$(BIN)/ruff check roadmap tests benchmarks setup.py

typecheck:
	$(BIN)/mypy roadmap

pytest:
	$(BIN)/python -m pytest -q -p no:cacheprovider

test: install-test lint typecheck pytest

benchmark: install
	$(BIN)/python benchmarks/run.py
