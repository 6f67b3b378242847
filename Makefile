# Sahifa: `make demo` runs the site with demo content, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
# Where the PostgreSQL run of the suite connects (CI has a server on 127.0.0.1).
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/sahifa
PYTEST_ARGS ?=
# The suite runs on one worker process per core (at most 4: each worker first builds its
# own test database, so more cost more than they bring). The slow tests (live servers,
# browsers) are ordered together at the end, so a worker that runs out of tests takes
# some from another's queue. PYTEST_ARGS come after and win: `make test
# PYTEST_ARGS="-n 0"` runs in one process.
PYTEST_PARALLEL ?= -n auto --maxprocesses 4 --dist worksteal

.PHONY: demo test lint serve clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment: install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

demo: $(STAMP)
	LOG_LEVEL=WARNING $(BIN)/sahifa migrate --noinput -v 0
	$(BIN)/sahifa collectstatic --noinput -v 0
	@# Loads what is not loaded yet, then prints the editor's login last, before serving.
	@# Jobs the load starts (search index, similar news) run inline: the site starts ready.
	HUEY_IMMEDIATE=1 LOG_LEVEL=WARNING $(BIN)/sahifa load_demo --port $(PORT)
	@# The job worker (scheduled publishing and other periodic jobs) runs beside the web
	@# server; Ctrl-C or SIGTERM stops both, and every server worker, within seconds.
	PORT=$(PORT) $(BIN)/sahifa serve --no-collectstatic --with-worker

serve: $(STAMP)
	PORT=$(PORT) $(BIN)/sahifa serve --with-worker

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)
	@if $(BIN)/python -m sahifa.core.probe postgres "$(PG_TEST_URL)"; then \
	  echo "== The suite again on PostgreSQL ($(PG_TEST_URL))"; \
	  DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest -m "not browser" $(PYTEST_PARALLEL) $(PYTEST_ARGS); \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy sahifa

clean:
	rm -rf $(VENV) var
