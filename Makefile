# newsprism: `make demo` runs the demo, `make test` runs every check CI runs.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: demo test venv system-deps lint typecheck unit bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[all]'
	touch $@

venv: $(VENV)/.installed

system-deps:
	bash scripts/system-deps.sh

demo: venv
	$(VENV)/bin/newsprism --db demo.db demo --serve

lint: venv
	$(VENV)/bin/ruff check src tests bench

typecheck: venv
	$(VENV)/bin/mypy

unit: venv
	$(VENV)/bin/pytest

test: venv system-deps lint typecheck unit

clean:
	rm -rf $(VENV) demo.db* .pytest_cache .mypy_cache .ruff_cache test-results
