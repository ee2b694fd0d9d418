# Two commands for a new user: `make demo` runs the main job, `make test` runs the tests.
# Both set themselves up: a virtualenv in .venv with the project installed, and (as root, when missing)
# Debian's chromium and poppler-utils for PDFs and browser tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system-deps demo test test-fast lab app hooks lint typecheck bench bench-scale clean-outputs

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

system-deps:
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium and poppler-utils (Debian packages)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-dejavu-core >/dev/null; \
	  else \
	    echo "note: PDFs and browser tests need chromium and poppler-utils: sudo apt-get install chromium poppler-utils"; \
	  fi; \
	fi

setup: $(STAMP) system-deps

demo: setup
	$(BIN)/workbook demo

# the unit and integration tests, then every notebook in notebooks/ through nbval (with its default
# parameters, on the demo workbook that the notebooks build when it is missing)
test: setup
	$(BIN)/python -m pytest --nbval-lax tests notebooks --ignore=tests/notebooks --ignore-glob='tests/browser/*.ipynb'

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

# JupyterLab on your working copies of notebooks/ (beside your workbook, never in this repository; the
# home page first). The notebooks here are templates: see docs/decisions/notebooks-are-templates.md.
lab: setup
	$(BIN)/workbook lab

app: setup
	$(BIN)/workbook app

# for contributors: strip notebook outputs as they are staged (nbstripout's git filter; see .pre-commit-config.yaml)
hooks: setup
	$(BIN)/nbstripout --install

lint: setup
	$(BIN)/ruff check workbook tests benchmarks

typecheck: setup
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/summaries.py

# a 1,000-person workbook: import, one person's summary, an up-to-date run of 50 (about 1 minute)
bench-scale: setup
	$(BIN)/python benchmarks/scale.py

clean-outputs:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
