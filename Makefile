# Two commands: `make demo` and `make test`. Everything else is a step they call.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
AG := $(VENV)/bin/actorgraph
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_HOME ?= $(CURDIR)/.demo-store
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint format bench setup test-deps browser node neo4j neo4j-lib neo4j-stop clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# Neo4j's own Cypher parser, used by the tests to check every Neo4j-dialect statement.
node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser).
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

# A local Neo4j 5.26 Community (Bolt on 127.0.0.1:7687, user neo4j, password
# $NEO4J_PASSWORD or actorgraph, data in neo4j-server/data). The first run
# resolves its jars with Maven from neo4j-server/pom.xml; the tests start their
# own server from the same jars.
neo4j-lib: neo4j-server/lib/.resolved

neo4j-server/lib/.resolved: neo4j-server/pom.xml
	rm -rf neo4j-server/lib
	mvn -q -B -Dstyle.color=never -f neo4j-server/pom.xml dependency:copy-dependencies \
		-DincludeScope=runtime -DoutputDirectory=lib
	touch $@

neo4j: neo4j-lib
	@neo4j-server/server start

neo4j-stop:
	@neo4j-server/server stop

test-deps: setup node browser neo4j-lib

demo: setup
	ACTORGRAPH_HOME=$(DEMO_HOME) $(AG) load examples/
	ACTORGRAPH_HOME=$(DEMO_HOME) $(AG) stats
	ACTORGRAPH_HOME=$(DEMO_HOME) $(AG) actors --type Agency --limit 10
	ACTORGRAPH_HOME=$(DEMO_HOME) $(AG) centrality --top 10
	ACTORGRAPH_HOME=$(DEMO_HOME) $(AG) render --out actorgraph.html
	@echo "Open actorgraph.html in a browser. Stop the store with: ACTORGRAPH_HOME=$(DEMO_HOME) $(AG) store stop"

test: test-deps
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check graph loaders queries tests bench
	$(VENV)/bin/ruff format --check graph loaders queries tests bench
	bash .ci/mypy

format: setup
	$(VENV)/bin/ruff format graph loaders queries tests bench
	$(VENV)/bin/ruff check --fix graph loaders queries tests bench

bench: setup
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) bench/load.py
	$(PY) bench/extract.py
	$(PY) bench/centrality.py
	$(PY) bench/render.py

clean:
	rm -rf $(VENV) node_modules build *.egg-info .pytest_cache .mypy_cache .ruff_cache test-output neo4j-server/lib
