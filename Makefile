# Two commands a newcomer needs: `make run` and `make test`. Each creates or
# refreshes the virtual environment in .venv first, so both work on a fresh
# machine with nothing but Python 3.11+ and pip.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Qt needs no screen for the tests; the one real-mouse test starts its own Xvfb.
export QT_QPA_PLATFORM ?= offscreen

DIST_VENV := build/dist-venv
# The bundle: PyInstaller 6 (the spec uses its 6.x API).
PYINSTALLER := pyinstaller>=6.10,<7

.PHONY: run test bench screenshot lint clean dist install-desktop

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

# The standalone one-folder app, dist/Roadmapper/, built from a NON-editable install of
# this checkout in a fresh venv of its own (build/dist-venv), so it holds what a wheel holds
# and nothing installed by hand. pip builds in the source tree: stale files in build/lib
# would be installed (a stale migration shipped), hence the clean start.
dist:
	@$(PYTHON) -c 'import sys, sysconfig; sys.exit(0 if sys.version_info >= (3, 11) and sysconfig.get_config_var("Py_ENABLE_SHARED") else "The bundle needs Python 3.11 or newer built with a shared libpython; set PYTHON=...")'
	rm -rf $(DIST_VENV) build/pyinstaller build/lib build/bdist.* dist/Roadmapper
	$(PYTHON) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DIST_VENV)/bin/python -m pip install --quiet . '$(PYINSTALLER)'
	$(DIST_VENV)/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller resources/bundle/roadmapper.spec
	@du -sh dist/Roadmapper

# Adds Roadmapper to this user's application menu (Linux): the bundle if it was built,
# else the development install in .venv.
install-desktop:
	@if [ -x dist/Roadmapper/Roadmapper ]; then dist/Roadmapper/Roadmapper install-desktop; \
	else $(MAKE) --no-print-directory $(STAMP) && $(VENV)/bin/roadmapper install-desktop; fi

bench: $(STAMP)
	$(PY) bench/bench_core.py
	$(PY) bench/bench_lint.py
	$(PY) bench/bench_ui.py
	$(PY) bench/bench_gestures.py
	$(PY) bench/bench_panel.py
	$(PY) bench/bench_export.py
	@if [ -x dist/Roadmapper/Roadmapper ]; then $(PY) bench/bench_bundle.py; \
	else echo "bench_bundle.py: no bundle yet (make dist builds it)"; fi

# The README's pictures: the real window with a card selected, light and dark, at
# 1366x768 and 1920x1080, drawn offscreen (no X server) into resources/screenshots/.
screenshot: $(STAMP)
	$(PY) bench/screenshots.py

# Style, then types: mypy reads [tool.mypy] in pyproject.toml (strict below the widgets).
# resources/ ships as roadmapper.resources, a mapping mypy cannot follow: checked on its own.
lint: $(STAMP)
	$(VENV)/bin/ruff check roadmapper resources tests bench .ci
	$(VENV)/bin/ruff format --check roadmapper resources tests bench .ci
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy --strict resources/__init__.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist
