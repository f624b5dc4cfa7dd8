# `make run` sets everything up and opens the app; `make test` sets up the tests and runs them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
READY  := $(VENV)/.installed

.PHONY: run test bench soak screenshots media package messages clean

$(READY): pyproject.toml
	packaging/system-deps.sh app
	@test -x $(PY) || { echo "Creating the virtual environment in $(VENV)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable '.[test]'
	@touch $@

# Byte-compiled once here, as a wheel install would do: an editable install leaves it to the first
# start (and never does it when PYTHONDONTWRITEBYTECODE is set), which costs start-up ~50 ms.
BYTECODE = $(PY) -m compileall -q kiosk

run: $(READY)
	@$(BYTECODE)
	$(PY) -m kiosk run --windowed

test: $(READY)
	packaging/system-deps.sh test
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(READY)
	packaging/system-deps.sh test
	@$(BYTECODE)
	@for bench in benchmarks/bench_*.py; do echo "== $$bench"; $(PY) $$bench || exit 1; done

# A clinic day of 300 visits in one process (about 14 minutes on a shared 2-core machine): memory growth, warnings, ratings on disk.
# Not part of `make bench` (too long); SOAK_VISITS and SOAK_TIME_SCALE change the day. The test packages
# bring pulseaudio: the day plays through a private sound server with a null sink, as the tests do.
soak: $(READY)
	packaging/system-deps.sh test
	@$(BYTECODE)
	$(PY) benchmarks/soak_clinic_day.py

screenshots: $(READY)
	QT_QPA_PLATFORM=offscreen $(PY) -m kiosk.ui.screenshots build/screenshots

media: $(READY)
	QT_QPA_PLATFORM=offscreen $(PY) -m kiosk.ui.figure_export media/poses

package: $(READY)
	packaging/system-deps.sh test
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/kiosk.spec
	dist/si-kiosk/si-kiosk --version
	dist/si-kiosk/si-kiosk routines validate

# Every marked string of kiosk/ into each language's catalog (docs/TRANSLATION.md); then write the new msgstr.
messages: $(READY)
	@mkdir -p build
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output -w 100 --project si-kiosk -o build/kiosk.pot .
	$(VENV)/bin/pybabel update -i build/kiosk.pot -d kiosk/locale -D kiosk --no-fuzzy-matching -w 100

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
