# The project's vocabulary: make run, make test, make lint, make bench, make e2e.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Python >= 3.12: the first of python3.13, python3.12, python3 that runs and is new enough
# (a pyenv shim that cannot run is skipped; pyenv's own installs are tried last).
FIND_PYTHON := for c in python3.13 python3.12 python3 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -r); do \
	  if $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$c || echo $$c; exit 0; fi; \
	done; exit 1

.PHONY: help venv run test lint check typecheck migrate setup clean e2e bench fuzz stack stack-stop backup restore

help:
	@echo "make run   - install into .venv, migrate, load content and demo accounts, serve on http://$(HOST):$(PORT)"
	@echo "make test  - install into .venv, then ruff, check, makemigrations --check, mypy, import-linter and pytest"
	@echo "make stack - the production topology on 127.0.0.1 (nginx https :8443, two app servers, worker, scheduler, SMTP sink); make stack-stop ends it"

$(STAMP): pyproject.toml
	@PYTHON=$$($(FIND_PYTHON)) || { echo "Python 3.12 or newer is needed (python3.13 or python3.12 on PATH). Install it and try again." >&2; exit 1; }; \
	echo "Using $$PYTHON ($$($$PYTHON --version))"; \
	if [ ! -x $(PY) ]; then $$PYTHON -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(PY) manage.py migrate --noinput

setup: migrate
	$(PY) manage.py setup_site

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop). Demo password: \$$DEMO_PASSWORD, default 'local-demo-only'."
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(VENV)/bin/ruff check .

check: venv
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemigrations --check --dry-run

typecheck: venv
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

# pytest on every core (pytest-xdist; TEST_WORKERS=0 runs it in one process).
test: lint check typecheck
	$(VENV)/bin/pytest -n $${TEST_WORKERS:-auto} $(PYTEST_ARGS)

# Bad-input fuzzing at depth: BAD_INPUT_EXAMPLES generated inputs for every form and endpoint,
# the endpoints spread over FUZZ_WORKERS processes (default: one per core).
fuzz: venv
	BAD_INPUT_EXAMPLES=$${BAD_INPUT_EXAMPLES:-200} $(VENV)/bin/pytest tests/security/test_bad_input.py -n $${FUZZ_WORKERS:-auto} --durations=10 $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media private-media staticfiles

e2e: venv
	@command -v $${CHROMIUM:-/usr/bin/chromium} >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install -y chromium)" >&2; exit 1; fi; }
	@test -d tests/e2e/node_modules/axe-core || (cd tests/e2e && npm ci --silent --no-audit --no-fund)
	E2E=1 $(VENV)/bin/pytest tests/e2e -p no:django $(PYTEST_ARGS)

bench: venv
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else echo "Install wrk (sudo apt-get install -y wrk)" >&2; exit 1; fi; }
	$(PY) tests/benchmarks/run.py $(BENCH_ARGS)
	$(PY) tests/benchmarks/bench_accounts.py

stack: venv
	deploy/stack.sh

stack-stop:
	deploy/stack.sh stop

# Fault drill against the running stack (make stack first): each fault under wrk load, a table
# of requests, errors by status and recovery time. FAULTS_ARGS=--short is the drill CI runs.
faults: venv
	$(PY) deploy/faults.py $(FAULTS_ARGS)

backup: venv
	deploy/backup.sh backup

restore: venv
	BACKUP=$(BACKUP) deploy/backup.sh restore
