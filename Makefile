# APiLos – every command a developer, CI or a new machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
DEV_ENV := DEBUG=$${DEBUG:-true}

.PHONY: run install migrate demo test quality format bench clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_demo

## Serve on http://127.0.0.1:$(PORT) with the background worker; Ctrl+C stops both.
run: demo
	@echo "APiLos : http://127.0.0.1:$(PORT) – comptes de démonstration dans README.md"
	$(DEV_ENV) bash -c 'trap "kill 0" EXIT; \
		$(BIN)/python manage.py db_worker --no-reload & \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)'

## The whole suite (browser tests run when Chromium is installed; see README).
test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

quality: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	DEBUG=true $(BIN)/mypy $$(ls -d apilos/*/services.py apilos/*/services apilos/*/selectors.py apilos/*/selectors 2>/dev/null)
	$(BIN)/djlint --lint apilos/templates
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	@for script in bench/bench_*.py; do \
		echo "== $$script"; DEBUG=true $(BIN)/python $$script || exit 1; \
	done

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles media
