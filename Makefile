# Everything a person or CI needs: `make serve` to preview, `make test` to
# run every test. Both install what they need (Python packages from
# requirements.lock into .venv; Debian's chromium for the browser tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The MkDocs 2.0 notice that mkdocs-material prints on every build.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Reproducible output: dates in the build are those of the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: install serve build check test bench lock addresses clean

install: $(INSTALLED)

$(INSTALLED): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

## Preview both languages at http://127.0.0.1:8000/ with live reload.
serve: install
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## Build the site into site/ (replaced only when every check passed).
build: install
	$(BIN)/python scripts/build.py

## Every check without a browser: data, pages, links, addresses.
check: install
	$(BIN)/python scripts/check.py

## Every test, browser tests included.
test: install
	$(BIN)/python scripts/system_deps.py
	$(BIN)/python -m pytest

## Update the manifest of published addresses after adding a page.
addresses: install
	$(BIN)/python scripts/address_manifest.py --write

## Speed and size table, also written to build-output/bench.json (see README);
## then Lighthouse's scores per page (build-output/lighthouse.json).
bench: install
	$(BIN)/python scripts/system_deps.py --bench
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/lighthouse_bench.py

## Re-lock the dependencies after changing pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock -q

clean:
	rm -rf site .site-* .pytest_cache
