# Decree curation pipeline.  `make curate` and `make test` work on a fresh clone:
# they create .venv, install the project, and (as root) the OCR system packages.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RAW    ?= data/raw
OUT    ?= data/curated
SCHEDULER ?=
APT_PACKAGES := tesseract-ocr tesseract-ocr-ind tesseract-ocr-osd tesseract-ocr-eng libtesseract-dev libleptonica-dev pkg-config g++ ghostscript poppler-utils chromium chromium-driver
REPORTS ?= reports

.PHONY: setup system-deps curate test bench fixtures report clean

setup: $(VENV)/.installed

# tesserocr is built against the system's libtesseract (the same Tesseract as the command line),
# not taken as a wheel that bundles another version.
$(VENV)/.installed: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	PIP_NO_BINARY=tesserocr $(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Tesseract with its Indonesian data and its C library (for tesserocr), Ghostscript and Poppler (scanned decrees);
# Chromium and its driver (the report's browser tests).
system-deps:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx ind && tesseract --list-langs 2>/dev/null | grep -qx osd \
		&& tesseract --list-langs 2>/dev/null | grep -qx eng && pkg-config --exists tesseract lept 2>/dev/null \
		&& command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing $(APT_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	else echo "warning: Tesseract with Indonesian data or Chromium is missing; install: $(APT_PACKAGES)" >&2; fi

curate: setup system-deps
	$(BIN)/decrees curate $(RAW) $(OUT) $(if $(SCHEDULER),--scheduler $(SCHEDULER)) $(if $(WORKERS),--workers $(WORKERS))

# HTML report of the curated data (curates first when there is nothing curated yet).
report: setup
	@test -f $(OUT)/manifest.json || $(MAKE) curate
	$(BIN)/decrees report $(OUT) $(REPORTS) --raw $(RAW)

test: setup system-deps
	$(BIN)/python -m pytest

# Digital PDFs of the seeds in several print styles, and scans of the A4 ones (git-ignored).
fixtures: setup
	$(BIN)/python -m synth.fixtures tests/fixtures/generated
	$(BIN)/python -m synth.scan --folder tests/fixtures/generated

clean:
	rm -rf $(OUT) data/cache tests/fixtures/generated .pytest_cache

bench: setup system-deps
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done
