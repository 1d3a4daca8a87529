# Two commands to start with: `make demo` and `make test`. Both create .venv when it is missing and
# install into it only when pyproject.toml has changed since the last install (stamp files).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
DEMO_DB    := demo.db

.PHONY: demo test lint bench docs clean help

help:
	@echo "make demo   install sayso into .venv, store examples/*.txt in demo.db, print their statements"
	@echo "make test   install sayso with its test extras into .venv and run pytest"
	@echo "make lint   ruff and mypy --strict"
	@echo "make bench  throughput and memory against the textacy peer (benchmarks/run.sh)"
	@echo "make docs   regenerate docs/cli.md from the live --help"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[web]'
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

# The demo store is made afresh each run (a few seconds); `sayso serve` shows it in a browser.
demo: $(STAMP_RUN)
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(BIN)/sayso ingest examples/ --db $(DEMO_DB) --quiet
	$(BIN)/sayso extract examples/*.txt
	@echo "Stored in $(DEMO_DB). Browse the statements with:"
	@echo "  $(BIN)/sayso serve --db $(DEMO_DB)"

test: $(STAMP_TEST)
	$(PY) -m pytest -q

lint: $(STAMP_TEST)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# benchmarks/run.sh installs the `bench` extra and the English model itself; BENCH_ARGS="--limit 100"
bench:
	bash benchmarks/run.sh $(BENCH_ARGS)

docs: $(STAMP_RUN)
	$(PY) -c "from sayso.cli import help_reference; print(help_reference(), end='')" > docs/cli.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist src/*.egg-info
