# DhakaCart. `make run` serves the shop; `make test` runs lint and the whole test suite.
# Both create .venv and install what they need on first use (`make test` also .venv-deploy).

.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --disable-pip-version-check --quiet
# Checkov's own virtualenv: its releases require packaging<24, which pytest 9 cannot share.
DEPLOY_VENV := .venv-deploy
PYTEST_WORKERS ?= auto

.PHONY: help run test e2e lint format worker audit bench deploy-tools

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt requirements-deploy.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

$(DEPLOY_VENV)/.deps: requirements-checkov.txt
	$(PYTHON) -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install --disable-pip-version-check --quiet -r requirements-checkov.txt
	touch $@

deploy-tools: $(DEPLOY_VENV)/.deps ## Checkov in its own virtualenv, .venv-deploy (`make test` makes it)

# bKash and SSLCommerz are the local stand-ins (payments/standins.py, `manage.py payment_sandbox`)
# with their own public sandbox credentials, so a newcomer can pay online on their laptop.
SANDBOX := http://127.0.0.1:8010
run: export DEBUG ?= 1
run: export SSLCOMMERZ_STORE_ID ?= dhakacart-sandbox
run: export SSLCOMMERZ_STORE_PASSWORD ?= sandbox-store-password
run: export SSLCOMMERZ_BASE_URL ?= $(SANDBOX)/sslcommerz
run: export BKASH_APP_KEY ?= sandbox-app-key
run: export BKASH_APP_SECRET ?= sandbox-app-secret
run: export BKASH_USERNAME ?= sandbox-user
run: export BKASH_PASSWORD ?= sandbox-password
run: export BKASH_BASE_URL ?= $(SANDBOX)/bkash
run: $(VENV)/.run-deps ## Serve the shop on http://127.0.0.1:8000 with the embedded defaults and payment stand-ins
	mkdir -p var/static var/media
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py ensure_dev_admin
	$(BIN)/python manage.py payment_sandbox --port 8010 & trap 'kill $$!' EXIT; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

# Tests load the development defaults (no TLS redirect, plain static storage, the dev key);
# pytest-django itself turns DEBUG off while they run, so error pages render as in production.
test e2e: export DEBUG ?= 1
test e2e: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dhakacart
test e2e: export REDIS_URL ?= redis://127.0.0.1:6379/1
test: $(VENV)/.dev-deps $(DEPLOY_VENV)/.deps lint ## Lint, then run every test against PostgreSQL and Redis
	mkdir -p var/static var/media
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "not e2e"

# axe-core, which the browser tests inject into pages, from the committed package-lock.json.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

e2e: $(VENV)/.dev-deps node_modules/axe-core/axe.min.js ## Browser tests: Playwright drives Debian's Chromium (installed when missing)
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-core)
	mkdir -p var/static var/media
	$(BIN)/python -m pytest -p no:xdist -m e2e e2e

lint: $(VENV)/.dev-deps ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# pip-audit asks PyPI's vulnerability data about every pinned release; when it cannot reach it, it
# fails and says why. bandit reads our own code (tests and migrations aside); an accepted finding
# carries `# nosec <id>` and its reason on the line.
audit: $(VENV)/.dev-deps ## pip-audit on the pinned requirements, bandit on our code (medium and above)
	$(BIN)/pip-audit --progress-spinner off --no-deps --disable-pip -r requirements-dev.txt
	$(BIN)/bandit --quiet --recursive --severity-level medium --confidence-level medium \
		--exclude '*/tests/*,*/migrations/*' accounts checkout dhakacart legacy_api orders pages payments promotions reviews shop sms wishlist \
		bench gunicorn.conf.py manage.py

format: $(VENV)/.dev-deps ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: $(VENV)/.run-deps ## Celery worker with beat, against CELERY_BROKER_URL or REDIS_URL
	$(BIN)/celery -A dhakacart worker --beat --loglevel INFO

# Not part of `make test` or CI: it takes the machine for about ten minutes.
bench: $(VENV)/.dev-deps ## Load-test the production configuration beside a bare Django view; writes bench/results.md
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	mkdir -p var
	$(BIN)/python bench/run.py
