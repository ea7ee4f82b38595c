# EBW portal — `make run` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Without DATABASE_URL the project-local PostgreSQL cluster is used (and started).
ifeq ($(strip $(DATABASE_URL)),)
USE_LOCAL_PG := 1
export DATABASE_URL := $(shell scripts/pg.sh url)
endif

.PHONY: run test stop setup sysdeps db venv migrate demo messages lint bench check-deploy

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

db:
ifdef USE_LOCAL_PG
	@scripts/pg.sh start
endif

messages: venv
	@$(PY) manage.py compilemessages -v 0 --ignore=.venv

migrate: venv db
	$(PY) manage.py migrate --noinput -v 0

sysdeps:
	@scripts/system-deps.sh run

setup: sysdeps venv db messages migrate

demo: setup
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	@scripts/system-deps.sh test
	$(PY) manage.py collectstatic --noinput -v 0
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

check-deploy: venv
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$(openssl rand -hex 40) DJANGO_ALLOWED_HOSTS=ebw.example.nl \
		$(PY) manage.py check --deploy --fail-level WARNING

bench: setup
	@scripts/system-deps.sh test
	$(PY) scripts/bench.py

stop:
	@scripts/pg.sh stop
