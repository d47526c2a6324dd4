# vigil — every target sets itself up; nothing is installed by hand.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser demo test lint bench eval model clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# bytecode for the editable sources: with PYTHONDONTWRITEBYTECODE set (as on these machines) every run
	# would otherwise compile them again (~0.3 s of each `vigil` start)
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

# Browser tests drive Debian's chromium headless (Playwright's Python client with executable_path);
# CJK fonts so Chinese names render in screenshots. Installed once, from Debian's packages.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ]; then \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

demo: install
	$(BIN)/vigil demo

test: install browser
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/run_all.py

eval: install
	$(BIN)/python benchmarks/run_evals.py

# Retrain the shipped unqualified-services classifier after changing its training code, rewrite the
# per-character pinyin table after changing the pinned pypinyin, and the glyph look-alike table from
# Noto Sans CJK (installed by `browser`) after changing how it is measured (tests say when).
model: install browser
	$(BIN)/python -m vigil.services.classifier
	$(BIN)/python -m vigil.text.pinyin_table
	$(BIN)/python -m vigil.text.glyph_lookalikes

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
