# The project's commands. Each target sets up what it needs on a fresh machine
# (Python 3.11+, Node 20+; Debian's chromium is installed with apt when running as root).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYODIDE_WHEELS := .cache/pyodide-wheels
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup lock build serve preview test check properdocs bench chromium java engines clean

setup: $(VENV)/.installed node_modules/.installed

# Every package comes from the lockfile, each checked against its hash; then the project itself.
$(VENV)/.installed: pyproject.toml requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==26.3
	$(BIN)/python -m pip install --quiet --require-hashes --requirement requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

# After changing a dependency in pyproject.toml: resolve every package again, for any platform
# and any Python from 3.11.5, with hashes.
lock: setup
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra docs --extra test --universal --python-version 3.11.5 \
	  --generate-hashes --quiet --custom-compile-command "make lock" --output-file requirements.txt

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Pure-Python wheels for CPython 3.14 (Pyodide 314's interpreter), used to run the engine tests
# inside Pyodide under Node. The versions are the `pyodide-test` group in pyproject.toml.
$(PYODIDE_WHEELS)/.downloaded: pyproject.toml $(VENV)/.installed
	rm -rf $(PYODIDE_WHEELS) && mkdir -p $(PYODIDE_WHEELS)
	$(BIN)/python -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.14 \
	  --dest $(PYODIDE_WHEELS) $$($(BIN)/python tests/pyodide/wheel_list.py)
	touch $@

chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else $(BIN)/playwright install chromium; fi

# Firefox ESR and WebKitGTK (Safari's engine) with its WebDriver and a virtual screen, for
# tests/engines. Debian's packages only: neither can be downloaded any other way here.
engines:
	@if command -v firefox-esr >/dev/null 2>&1 && [ -x /usr/bin/WebKitWebDriver ] && command -v Xvfb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null; \
	else echo "Install firefox-esr, webkit2gtk-driver and xvfb (Debian packages) for tests/engines" >&2; exit 1; fi

# Java runs the Nu HTML Checker (npm vnu-jar) in the tests.
java:
	@if command -v java >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else echo "Install Java 11 or later (the tests run the Nu HTML Checker with it)" >&2; exit 1; fi

build: setup
	$(BIN)/mkdocs build --strict

serve: build
	@echo "Serving the built site on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server --bind $(HOST) --directory site $(PORT)

# A live preview for editing: rebuilds and reloads the page when the settings, the register, a
# chart, a worked example or a page changes (mkdocs.yml `watch`).
preview: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

# The suite runs on every core (pytest-xdist; an idle worker takes tests from a busy one), on the
# site the build has just made (BUILT_SITE): the workers read it rather than each build their own.
test: build chromium java engines $(PYODIDE_WHEELS)/.downloaded
	BUILT_SITE=site $(BIN)/python -m pytest -n auto --dist worksteal

# The fast tier, for the edit-test loop: the engine, the charts, the worked examples, the content
# and the built site, without real browsers, Pyodide under Node or builds of variant sites.
check: build java
	BUILT_SITE=site $(BIN)/python -m pytest -n auto -m "not browser and not slow" tests/engine tests/scenarios tests/properties tests/content tests/building

# MkDocs 1.x is unmaintained and Material for MkDocs ends on 5 May 2027: could the site move to
# ProperDocs (the maintained MkDocs 1.x fork)? Builds with it, then runs the content and built-site
# tests on what it built. A non-blocking CI job runs it on every change.
properdocs: setup
	$(BIN)/python -m pip install --quiet --editable ".[properdocs]"
	$(BIN)/properdocs build --strict --site-dir site-properdocs
	BUILT_SITE=site-properdocs $(BIN)/python -m pytest -n auto -m "not browser and not slow" tests/content tests/building

bench: setup chromium
	$(BIN)/python -m benchmarks

clean:
	rm -rf site site-properdocs .cache flowchart/compiled .pytest_cache
