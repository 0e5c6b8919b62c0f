# Two commands a newcomer needs: `make run` and `make test`. Each creates or
# refreshes the virtual environment in .venv first, so both work on a fresh
# machine with nothing but Python 3.11+ and pip.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Qt needs no screen for the tests; the one real-mouse test starts its own Xvfb.
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test bench screenshot lint clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Roadmapper needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	env -u QT_QPA_PLATFORM $(VENV)/bin/roadmapper

# pytest exits 5 when it collects no test; that fails here like any other failure.
test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/bench_core.py
	$(PY) bench/bench_ui.py
	$(PY) bench/bench_panel.py
	$(PY) bench/bench_export.py

# The README's pictures: the real window under Xvfb (Debian's xvfb, xdotool,
# imagemagick), and the window with a card selected, drawn offscreen.
screenshot: $(STAMP)
	bench/screenshot.sh resources/screenshots/board.png
	$(PY) bench/panel_screenshot.py resources/screenshots/panel.png

lint: $(STAMP)
	$(VENV)/bin/ruff check roadmapper tests bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
