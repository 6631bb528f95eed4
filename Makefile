# Two commands for a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run-$(shell cat requirements.txt | sha256sum | cut -c1-12)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
PORT ?= 8501
# Host names the servers answer (DNS rebinding: a foreign name that resolves to 127.0.0.1 is refused; ui/serve.py)
HOSTS := --server.allowedHosts=localhost --server.allowedHosts=127.0.0.1
export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false

.PHONY: run curate build test test-fast lint bench screenshots validate venv venv-dev browser

# venv: what the dashboard needs to run (requirements.txt); venv-dev: plus tests, lint, browser tooling.
venv: $(RUN_STAMP)
venv-dev: $(DEV_STAMP)

$(RUN_STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-run-*
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-dev-* $(VENV)/.installed-run-*
	touch $@ $(RUN_STAMP)

browser:
	@bash scripts/ensure-browser.sh

# ui/serve.py = streamlit run dashboard.py, with the data loaded while the first browser connects
# The store is built first (a problem in data/ is printed, then shown by the dashboard as its problems page).
run: venv
	-@$(BIN)/python -m loaders build
	$(BIN)/python -m ui.serve --server.address=127.0.0.1 --server.port=$(PORT) $(HOSTS) \
		--server.headless=true

# The curators' command: the same dashboard plus the Curate page, which writes figure files (loopback only).
curate: venv
	-@$(BIN)/python -m loaders build
	CURATE=1 $(BIN)/python -m ui.serve --server.address=127.0.0.1 --server.port=$(PORT) $(HOSTS) \
		--server.headless=true --server.maxUploadSize=8

# ruff, then the import contract of pyproject.toml (pages -> ui -> views -> loaders; no Streamlit below ui/)
lint: venv-dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/lint-imports

# everything, as CI runs it: lint, unit, AppTest, slow and browser tiers (the run's time is printed last).
# Two workers (pytest-xdist; a module stays on one worker, so it shares its server), then the few tests that
# time the machine itself (marked `alone`) with the machine to themselves.
test: venv-dev browser lint
	@start=$$(date +%s); $(BIN)/python -m pytest -n 2 --dist loadscope -m "not alone" && \
		$(BIN)/python -m pytest -m alone; rc=$$?; \
		echo "make test: pytest took $$(( $$(date +%s) - start )) s"; exit $$rc

# the unit tier (no subprocess command lines) and every page once (smoke), under a minute on a quiet 2-core machine: the loop while coding
test-fast: venv-dev
	@start=$$(date +%s); $(BIN)/python -m pytest -q -m "(unit or smoke) and not slow and not cli" --hypothesis-profile=fast \
		--ignore=tests/browser; rc=$$?; echo "make test-fast: $$(( $$(date +%s) - start )) s"; exit $$rc

validate: venv
	$(BIN)/python -m loaders validate

# the store every reader shares: data/ validated into build/figures.db (only what changed is rebuilt)
build: venv
	$(BIN)/python -m loaders build

bench: venv-dev browser
	$(BIN)/python -m bench
	$(BIN)/python -m bench.hostile docs/benchmarks.md

screenshots: venv-dev browser
	SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser/test_screenshots.py -q
