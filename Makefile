# Task Force Hub. `make run` serves the site with demo content; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: run test install migrate seed lint format lock bench clean prod-local prod-stop prod-check backup-check test-e2e e2e-deps load

run: $(STAMP) var  ## Serve the site with demo content at http://127.0.0.1:8000
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

test: $(STAMP)  ## Run the whole test suite
	$(BIN)/pytest $(PYTEST_ARGS)

test-e2e: $(STAMP) e2e-deps  ## Browser and accessibility tests in headless Chromium
	$(BIN)/pytest -m e2e tests/e2e $(PYTEST_ARGS)

e2e-deps:  ## Debian's Chromium (Playwright's own browser download does not work here)
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

var:
	mkdir -p var

migrate: $(STAMP) var
	$(MANAGE) migrate --no-input

seed: migrate
	$(MANAGE) seed_demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock:  ## Refresh requirements.lock on purpose, from a clean environment
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade "pip>=24"
	.venv-lock/bin/python -m pip install --quiet -e ".[dev]"
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v "^-e" > requirements.lock
	rm -rf .venv-lock

prod-local: $(STAMP)  ## The production setup on 127.0.0.1 (gunicorn, PostgreSQL, Redis, worker)
	deploy/prod-local.sh start

prod-stop:
	deploy/prod-local.sh stop

load: $(STAMP)  ## Load test of prod-local: mixed workload, table, lost replies, PostgreSQL restart
	$(BIN)/python -m bench.load

backup-check: $(STAMP)  ## Back up, restore into a fresh database, compare counts
	deploy/backup_check.sh

prod-check: $(STAMP)  ## check --deploy and /healthz against prod-local
	deploy/prod-local.sh check

clean:
	rm -rf $(VENV) var/static
