# coop-analysis — `make` or `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NOTEBOOKS := $(wildcard notebooks/*.ipynb)

.PHONY: help venv test report card notebooks lab model bench peers lint clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the package with its dev tools (only when pyproject.toml changed)

test: $(STAMP) ## run every test: style, unit, property, doctests, notebooks (nbval)
	$(BIN)/ruff check analysis tests benchmarks
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BIN)/python -m pytest $(if $(NOTEBOOKS),--nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg $(NOTEBOOKS),) tests analysis

report: $(STAMP) ## run the whole analysis on the bundled corpus (or CORPUS=dir; PERIOD=quarter), write reports/report.html, figures, tables
	$(BIN)/coop report $(if $(CORPUS),--corpus $(CORPUS),) $(if $(PERIOD),--period $(PERIOD),) --out reports

card: $(STAMP) ## rewrite the counts in data/README.md from the gold labels
	$(BIN)/coop card --gold data/gold --update data/README.md

notebooks: $(STAMP) ## re-execute the numbered notebooks in place (commit them: nbval compares their outputs)
	$(BIN)/python -c "from analysis.report.notebooks import refresh; refresh()"

PORT ?= 8888
lab: $(STAMP) ## open the notebooks in JupyterLab in the project's environment (PORT=8888; as root too)
	$(BIN)/python -m pip install --quiet jupyterlab
	$(BIN)/python -m jupyter lab --port=$(PORT) $(if $(filter 0,$(shell id -u)),--allow-root,) notebooks

model: $(STAMP) ## refit the shipped area model on the bundled corpus (after editing areas.toml)
	$(BIN)/coop fit data/raw --out analysis/resources/model/areas

bench: $(STAMP) ## time each stage and the whole coop analyze on synthetic corpora (SIZES=10000,100000), write benchmarks/results.md
	$(BIN)/python benchmarks/run.py --sizes $(or $(SIZES),10000)

peers: $(STAMP) ## our area model beside gensim, tomotopy, CorEx and NMF (installs the bench extra), write benchmarks/peers.md
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/peers.py --sizes $(or $(SIZES),10000)

lint: $(STAMP) ## check style with ruff
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks

clean: ## remove generated files (keeps .venv)
	rm -rf reports/tables data/processed/* .pytest_cache
