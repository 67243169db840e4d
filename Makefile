# Run `make help` for the list of targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes for the SQLite and PostgreSQL runs (pytest-xdist); 0 runs in one.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

.PHONY: gettext
gettext:
	@command -v msgfmt >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq gettext; \
		else \
			echo "GNU gettext (msgfmt) is missing: install the 'gettext' package."; exit 1; \
		fi; }

# The Norwegian Hunspell dictionaries: the klarspråk advice tells verbs and
# nouns apart with them (a more cautious rule without), and the tests expect them.
.PHONY: dictionaries
dictionaries:
	@[ -f /usr/share/hunspell/nb_NO.dic ] || [ -f /usr/share/myspell/dicts/nb_NO.dic ] || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq hunspell-no; \
		else \
			echo "The Norwegian dictionaries are missing: install the 'hunspell-no' package."; exit 1; \
		fi; }

.PHONY: messages
messages: gettext $(VENV)/.runtime ## Compile the translations (.po -> .mo)
	@$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

.PHONY: makemessages
makemessages: gettext $(VENV)/.runtime ## Extract UI strings into the nb and nn .po files
	$(BIN)/python manage.py makemessages -l nb -l nn --ignore=.venv --ignore=tests --no-obsolete

.PHONY: setup
setup: $(VENV)/.runtime messages ## Install, migrate and load demo data if empty
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py seed_demo --if-empty

.PHONY: run
run: setup ## Set up and serve the intranet at http://127.0.0.1:8000
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

.PHONY: lint
lint: $(VENV)/.dev ## ruff lint and format check, and the layers (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

.PHONY: format
format: $(VENV)/.dev ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

.PHONY: test
test: $(VENV)/.dev messages dictionaries lint ## Lint, checks and the whole test suite on SQLite
	DJANGO_SETTINGS_MODULE=intranet.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=intranet.settings.test $(BIN)/python manage.py check
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -m "not e2e and not benchmark and not deploy and not serial"
	$(BIN)/pytest -m "serial and not e2e and not benchmark and not deploy"

.PHONY: test-postgres
test-postgres: $(VENV)/.dev messages dictionaries ## The test suite on a real PostgreSQL
	REQUIRE_POSTGRES=1 DATABASE_URL="$$(bash scripts/postgres-url.sh)" \
		$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -p no:cacheprovider -m "not e2e and not benchmark and not deploy and not serial"
	REQUIRE_POSTGRES=1 DATABASE_URL="$$(bash scripts/postgres-url.sh)" \
		$(BIN)/pytest -p no:cacheprovider -m "serial and not e2e and not benchmark and not deploy"

.PHONY: browser-tools
browser-tools: ## Install Chromium (apt), axe-core and the Nu HTML Checker (npm)
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq chromium; \
		else \
			echo "Chromium is missing: install the 'chromium' package."; exit 1; \
		fi; }
	@command -v java >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq default-jre-headless; \
		else \
			echo "Java is missing (for the HTML checker): install a JRE."; exit 1; \
		fi; }
	@[ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
		|| npm ci --silent --no-audit --no-fund

.PHONY: test-e2e
test-e2e: $(VENV)/.dev messages browser-tools ## Browser journeys, axe-core WCAG 2.1 AA and HTML validity
	$(BIN)/pytest -n $(TEST_WORKERS) -p no:cacheprovider -m e2e tests/e2e

.PHONY: test-sso
test-sso: $(VENV)/.dev messages ## Single sign-on against a real OpenID Connect provider (node + npm oidc-provider)
	@command -v node >/dev/null || { echo "Node.js (20 or later) is missing: install the 'nodejs' package."; exit 1; }
	@[ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
		|| npm ci --silent --no-audit --no-fund
	REQUIRE_SSO=1 $(BIN)/pytest -p no:cacheprovider tests/sso

.PHONY: test-elasticsearch
test-elasticsearch: $(VENV)/.dev messages ## Search contract suite on a live Elasticsearch 8 (ELASTICSEARCH_URL, default http://127.0.0.1:9200)
	REQUIRE_ELASTICSEARCH=1 ELASTICSEARCH_URL="$${ELASTICSEARCH_URL:-http://127.0.0.1:9200}" $(BIN)/pytest -p no:cacheprovider -m elasticsearch tests/search

.PHONY: wrk
wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq wrk; \
		else \
			echo "wrk is missing: install the 'wrk' package."; exit 1; \
		fi; }

.PHONY: run-prod-local
run-prod-local: $(VENV)/.runtime messages ## Production settings and gunicorn on 127.0.0.1:8000 with the local PostgreSQL
	HOST=$(HOST) PORT=$(PORT) bash scripts/run-prod-local.sh

.PHONY: test-prod
test-prod: $(VENV)/.dev messages browser-tools wrk ## Production end to end: gunicorn + PostgreSQL, headers, static, backups, 10 s load
	REQUIRE_POSTGRES=1 $(BIN)/pytest -p no:cacheprovider -m deploy tests/deploy

.PHONY: bench-load
bench-load: $(VENV)/.dev messages wrk ## Load test: 20 clients for 60 s per page against gunicorn (2 workers)
	$(BIN)/python benchmarks/load_bench.py

.PHONY: clean
clean: ## Remove the virtualenv, local database, media and caches
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache .test-media .prod-local
