# Two commands for a new user: `make demo` runs the main job, `make test` runs the tests.
# Both set themselves up: a virtualenv in .venv with the project installed, and (as root, when missing)
# Debian's chromium, poppler-utils and a colour emoji font (public ladders name competencies with emoji) for PDFs and browser tests, and postgresql (the tests start their own server).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system-deps demo test test-fast lab app hub proxy hooks lint typecheck bench bench-scale bench-org clean-outputs

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

system-deps:
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
	    || ! { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } \
	    || ! fc-list 2>/dev/null | grep -qi "color emoji" || ! fc-list 2>/dev/null | grep -qi "CJK"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium, poppler-utils, fonts-noto-color-emoji, fonts-noto-cjk and postgresql (Debian packages)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-dejavu-core fonts-noto-color-emoji fonts-noto-cjk postgresql >/dev/null; \
	  else \
	    echo "note: PDFs, browser and organisation tests need chromium, poppler-utils, fonts-noto-color-emoji, fonts-noto-cjk and postgresql: sudo apt-get install chromium poppler-utils fonts-noto-color-emoji fonts-noto-cjk postgresql"; \
	  fi; \
	fi

setup: $(STAMP) system-deps

demo: setup
	$(BIN)/workbook demo

# the unit and integration tests, then every notebook in notebooks/ through nbval (with its default
# parameters, on the demo workbook that the notebooks build when it is missing)
test: setup proxy
	$(BIN)/python -m pytest --durations=25 --nbval-lax tests notebooks --ignore=tests/notebooks --ignore-glob='tests/browser/*.ipynb'

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

# JupyterLab on your working copies of notebooks/ (beside your workbook, never in this repository; the
# home page first). The notebooks here are templates: see docs/decisions/notebooks-are-templates.md.
lab: setup
	$(BIN)/workbook lab

app: setup
	$(BIN)/workbook app

# JupyterHub on 127.0.0.1:8000 with the demo organisation on a local PostgreSQL: reports land on their own
# page, managers and HR in JupyterLab (deploy/jupyterhub/README.md). Ctrl-C stops the hub.
HUB_PORT ?= 8000
hub: setup proxy
	$(BIN)/workbook hub demo --port $(HUB_PORT)

# configurable-http-proxy (JupyterHub's proxy, from npm) in .venv/node, unless one is on PATH already
proxy:
	@command -v configurable-http-proxy >/dev/null 2>&1 || test -x $(VENV)/node/node_modules/.bin/configurable-http-proxy \
	  || { command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; } ; \
	       npm install -s --prefix $(VENV)/node configurable-http-proxy@5.3.0 >/dev/null \
	       || echo "note: the hub needs configurable-http-proxy: install nodejs and npm (sudo apt-get install nodejs npm)"; }

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

# a 2,000-person organisation on both backends: import, people, the due list, summaries (a few minutes)
bench-org: setup
	$(BIN)/python benchmarks/org_scale.py

clean-outputs:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
