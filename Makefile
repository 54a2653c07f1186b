# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test sysdeps sysdeps-test venv score bench screenshot bundle wheelhouse clean

run: sysdeps $(STAMP)
	$(BIN)/eventscope seeds/

# The suite also builds the PyInstaller bundle (about a minute) and runs it offline,
# so every CI run proves the air-gapped build still starts.
test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen EVENTSCOPE_TEST_BUNDLE=1 $(BIN)/python -m pytest -q -p no:cacheprovider

sysdeps:
	@sh packaging/install_system_deps.sh

sysdeps-test:
	@sh packaging/install_system_deps.sh --test

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Temporal tagger quality on TimeBank + AQUAINT (needs ../shared/corpora/tbaq).
score: $(STAMP)
	$(BIN)/python scripts/score_timex.py

bench: $(STAMP)
	for s in scripts/bench_*.py; do echo "== $$s"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$s || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info

# One-folder PyInstaller build in dist/eventscope/ (a few minutes): runs with no
# Python and no network on the target; see packaging/README.md.
bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10'
	$(BIN)/python -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/eventscope.spec

# Every wheel needed to install Eventscope (with its test extras) on an
# air-gapped machine of this platform: pip install --no-index --find-links wheelhouse eventscope
wheelhouse: $(STAMP)
	rm -rf wheelhouse
	$(BIN)/python -m pip wheel --quiet --wheel-dir wheelhouse '.[test]'
	$(BIN)/python -m pip download --quiet --dest wheelhouse 'setuptools>=68' wheel pip
	@ls wheelhouse | wc -l | xargs echo "wheelhouse: wheels:"
	@du -sh wheelhouse
