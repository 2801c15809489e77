# Everything a person or CI needs: `make serve` to preview, `make test` to
# run every test. Both install what they need (Python packages from
# requirements.lock into .venv; Debian's chromium for the browser tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# ProperDocs, the maintained fork of MkDocs 1.x, in an environment of its own
# (the engine canary of tests/test_properdocs.py; `make serve ENGINE=properdocs`).
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_INSTALLED := $(PROPERDOCS_VENV)/.installed
# The engine of `make serve` and `make build`: mkdocs or properdocs.
ENGINE ?= mkdocs
ifeq ($(ENGINE),properdocs)
ENGINE_BIN := $(PROPERDOCS_VENV)/bin
ENGINE_INSTALLED := $(PROPERDOCS_INSTALLED)
else
ENGINE_BIN := $(BIN)
ENGINE_INSTALLED := $(INSTALLED)
endif
# The MkDocs 2.0 notice that mkdocs-material prints on every build.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Reproducible output: dates in the build are those of the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: install properdocs serve build check test bench bench-quick lock addresses clean

install: $(INSTALLED)

$(INSTALLED): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

properdocs: $(PROPERDOCS_INSTALLED)

$(PROPERDOCS_INSTALLED): requirements-properdocs.lock
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-properdocs.lock
	touch $@

## Preview both languages at http://127.0.0.1:8000/ with live reload.
serve: $(ENGINE_INSTALLED)
	$(ENGINE_BIN)/python scripts/system_deps.py pdf
	SITE_URL=http://127.0.0.1:8000/ $(ENGINE_BIN)/$(ENGINE) serve -f $(CURDIR)/mkdocs.yml --dev-addr 127.0.0.1:8000 --livereload

## Build the site into site/ (replaced only when every check passed); the
## record's PDF editions need Debian's Pango and HarfBuzz libraries.
build: $(ENGINE_INSTALLED)
	$(ENGINE_BIN)/python scripts/system_deps.py pdf
	$(ENGINE_BIN)/python scripts/build.py --engine $(ENGINE)

## Every check without a browser: data, pages, links, addresses, figures in
## both languages, spelling (installs Hunspell's lv and en-GB dictionaries,
## and the libraries the PDF edition is rendered with).
check: install
	$(BIN)/python scripts/system_deps.py spelling pdf
	$(BIN)/python scripts/check.py

## Every test, browser tests included.
test: install properdocs
	$(BIN)/python scripts/system_deps.py
	$(BIN)/python -m pytest -n 2 --dist loadscope

## Update the manifest of published addresses after adding a page.
addresses: install
	$(BIN)/python scripts/address_manifest.py --write

## Speed and size table, also written to build-output/bench.json (see README);
## make check cold and warm, as a pull request runs it (build-output/check-bench.json);
## then Lighthouse's scores per page (build-output/lighthouse.json).
bench: install
	$(BIN)/python scripts/system_deps.py --bench
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/check_bench.py
	$(BIN)/python scripts/lighthouse_bench.py

## The same measurements once each, on small synthetic sites, Lighthouse on
## each language's home page (build-output/bench-quick.json,
## check-bench-quick.json and lighthouse-quick.json): proves `make bench`
## still runs (.ci/run runs it).
bench-quick: install
	$(BIN)/python scripts/system_deps.py --bench
	$(BIN)/python scripts/bench.py --quick
	$(BIN)/python scripts/check_bench.py --quick
	$(BIN)/python scripts/lighthouse_bench.py --quick

## Re-lock the dependencies after changing pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock -q
	$(BIN)/uv pip compile pyproject.toml --extra properdocs --constraint requirements.lock --no-emit-package mkdocs --no-emit-package mkdocs-get-deps \
		--generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements-properdocs.lock -q

clean:
	rm -rf site .site-* .pytest_cache
