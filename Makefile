# The two commands of the README:
#   make demo   installs everything and runs the main job on the bundled samples (ingest + report)
#   make test   installs everything (with the dev tools) and runs the whole test suite
VENV    ?= .venv
PY      := $(VENV)/bin/python
DB      ?= data/analytics.duckdb
REPORTS ?= reports

SYSTEM_PACKAGES      := libreoffice-writer-nogui antiword fonts-noto-cjk
TEST_SYSTEM_PACKAGES := libreoffice-writer-nogui antiword fonts-noto-cjk chromium

.PHONY: demo test install install-dev lint

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

install: $(PY)
	bash scripts/system-deps.sh $(SYSTEM_PACKAGES)
	$(PY) -m pip install --quiet -e .

install-dev: $(PY)
	bash scripts/system-deps.sh $(TEST_SYSTEM_PACKAGES)
	$(PY) -m pip install --quiet -e '.[dev]'

demo: install
	-$(VENV)/bin/analytics ingest data/samples --db $(DB)
	$(VENV)/bin/analytics report --db $(DB) --out $(REPORTS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/pytest
