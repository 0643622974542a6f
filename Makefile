# The two commands of the README:
#   make demo    installs the package and runs the main job on the bundled samples (ingest + report)
#   make test    installs everything (with the dev tools), runs `make check` and the whole test suite
#                (what CI runs: .ci/run)
# and the ones a developer runs every hour:
#   make check   lint (ruff check, ruff format --check) and types (mypy --strict)
#   make quick   the fast tests: all but those marked `slow` (the list is in the root conftest.py)
#
# Installing is done once, then again only when what it depends on changed: pyproject.toml,
# samples/pyproject.toml, the version, or the lists of system packages below (stamp files in $(VENV)).
# The package is installed in editable mode, so changing its code needs no reinstall.
VENV    ?= .venv
PY      := $(VENV)/bin/python
DB      ?= data/analytics.duckdb
REPORTS ?= reports

SYSTEM_PACKAGES      := libreoffice-writer-nogui antiword fonts-noto-cjk
TEST_SYSTEM_PACKAGES := $(SYSTEM_PACKAGES) chromium

INSTALLED     := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev

.PHONY: demo test check quick lint types install install-dev FORCE

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Each list of system packages as a file, rewritten only when the list changes: the stamps depend on it.
$(VENV)/system-packages: FORCE | $(PY)
	@echo '$(SYSTEM_PACKAGES)' | cmp -s - $@ || echo '$(SYSTEM_PACKAGES)' > $@

$(VENV)/system-packages-dev: FORCE | $(PY)
	@echo '$(TEST_SYSTEM_PACKAGES)' | cmp -s - $@ || echo '$(TEST_SYSTEM_PACKAGES)' > $@

# The runtime: the package alone (cn-budget-analytics).
$(INSTALLED): pyproject.toml analytics/version.py scripts/system-deps.sh $(VENV)/system-packages | $(PY)
	bash scripts/system-deps.sh $(SYSTEM_PACKAGES)
	$(PY) -m pip install --quiet -e .
	touch $@

# Development: the package with its dev tools, and the sample generator (samples/, cn-budget-samples).
$(INSTALLED_DEV): pyproject.toml samples/pyproject.toml analytics/version.py scripts/system-deps.sh \
		$(VENV)/system-packages-dev | $(PY)
	bash scripts/system-deps.sh $(TEST_SYSTEM_PACKAGES)
	$(PY) -m pip install --quiet -e '.[dev]' -e ./samples
	touch $@

install: $(INSTALLED)

install-dev: $(INSTALLED_DEV)

demo: install
	-$(VENV)/bin/analytics ingest data/samples --db $(DB)
	$(VENV)/bin/analytics report --db $(DB) --out $(REPORTS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: install-dev
	$(VENV)/bin/mypy

check: lint types

quick: install-dev
	$(VENV)/bin/pytest -q -m "not slow"

test: check
	$(VENV)/bin/pytest
