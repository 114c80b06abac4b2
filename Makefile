# Two commands for a fresh machine with Python 3.11+ (and Java 17 + Maven for the tests):
#   make demo   virtual environment, install, run `selaras demo` on the embedded engine
#   make test   virtual environment, install with test tools, start a local Neo4j, run all checks
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint neo4j-start neo4j-stop fuseki-start fuseki-stop benchmarks examples clean

$(BIN)/selaras: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

demo: $(BIN)/selaras
	$(BIN)/selaras demo

test: $(BIN)/selaras
	scripts/run-tests

lint: $(BIN)/selaras
	$(BIN)/ruff check loader tests benchmarks scripts
	$(BIN)/ruff format --check loader tests benchmarks
	$(BIN)/mypy

neo4j-start:
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

fuseki-start:
	scripts/fuseki-local start

fuseki-stop:
	scripts/fuseki-local stop

benchmarks: $(BIN)/selaras
	$(BIN)/python benchmarks/validate_scale.py
	$(BIN)/python benchmarks/load_rate.py
	$(BIN)/python benchmarks/analyses_time.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache out
