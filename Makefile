# Quick start: `make demo` and `make test` on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-compiled install lint typecheck bench compiled eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	LAGEBILD_COMPILE=0 $(BIN)/pip install -q -e '.[test,spark]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/lagebild demo --db demo.db
	@echo
	@echo "Serve it (REST API, OpenAPI and the web UI): $(BIN)/lagebild serve --db demo.db"
	@echo "  then open http://127.0.0.1:8080/  (API: http://127.0.0.1:8080/api/v1, schema: http://127.0.0.1:8080/openapi.json)"

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check lagebild tests benchmarks setup.py
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy lagebild

eval: $(STAMP)
	$(BIN)/lagebild eval ../shared/eval/seeds ../shared/seeds

# words/s and articles/s per component and in total, one process and every core, the floor and
# peak memory (benchmarks/results/throughput.md); start-up times (benchmarks/results/startup.md).
# BENCH_CORPUS distinct (850 Wikinews articles from ../shared/data, every one new) or repeated (demo
# + seed articles, warm caches); BENCH_N articles (0 = all distinct ones / 2000 repeated);
# BENCH_WORKERS processes for the parallel runs (0 = one per core); BENCH_COMPILED 1 measures what
# `pip install .` gives a user (the hot modules compiled by mypyc, built into build/compiled),
# 0 this checkout's source in pure Python.
BENCH_CORPUS ?= distinct
BENCH_N ?= 0
BENCH_WORKERS ?= 0
BENCH_COMPILED ?= 1
COMPILED := build/compiled
BENCH_ENV := $(if $(filter 1,$(BENCH_COMPILED)),LAGEBILD_BENCH_PACKAGE=$(COMPILED),)
BENCH_NEEDS := $(STAMP) $(if $(filter 1,$(BENCH_COMPILED)),$(COMPILED)/.built,)

# the package as `pip install .` builds it (setup.py), without its dependencies (the venv has them)
$(COMPILED)/.built: $(STAMP) setup.py pyproject.toml $(shell find lagebild -name '*.py')
	rm -rf $(COMPILED) build/lib.* build/temp.* build/bdist.*  # no module of an earlier build left in the wheel
	LAGEBILD_COMPILE=1 $(BIN)/pip install -q --no-deps --target $(COMPILED) .
	touch $@

compiled: $(COMPILED)/.built

# the same suite against what `pip install .` gives a user: the hot modules compiled by mypyc
# (build/compiled, built by `compiled` above), imported first from that folder
test-compiled: $(COMPILED)/.built
	cd $(COMPILED) && $(abspath $(BIN))/python -c "import sys, lagebild; n = len(lagebild.compiled_modules()); \
	  print(f'testing {lagebild.__file__}: {n} compiled modules'); sys.exit(n == 0)"
	cd $(COMPILED) && $(abspath $(BIN))/python -m pytest $(abspath tests) -p no:cacheprovider

bench: $(BENCH_NEEDS)
	$(BENCH_ENV) $(BIN)/python benchmarks/throughput.py --corpus $(BENCH_CORPUS) --n $(BENCH_N) --workers $(BENCH_WORKERS)
	$(BENCH_ENV) $(BIN)/python benchmarks/startup.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache demo.db* build
