# Two commands for a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
PORT ?= 8501
export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false

.PHONY: run curate test lint bench screenshots validate venv browser

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

browser:
	@bash scripts/ensure-browser.sh

run: venv
	$(BIN)/python -m streamlit run dashboard.py --server.address=127.0.0.1 --server.port=$(PORT) \
		--server.headless=true

# The curators' command: the same dashboard plus the Curate page, which writes figure files (loopback only).
curate: venv
	CURATE=1 $(BIN)/python -m streamlit run dashboard.py --server.address=127.0.0.1 --server.port=$(PORT) \
		--server.headless=true --server.maxUploadSize=8

lint: venv
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

test: venv browser lint
	$(BIN)/python -m pytest

validate: venv
	$(BIN)/python -m loaders validate

bench: venv browser
	$(BIN)/python -m bench

screenshots: venv browser
	SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser/test_screenshots.py -q
