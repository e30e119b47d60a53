# Decree curation pipeline.  `make curate` and `make test` work on a fresh clone:
# they create .venv, install the project, and (as root) the OCR system packages.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RAW    ?= data/raw
OUT    ?= data/curated
SCHEDULER ?=
VOCABULARY ?=
APT_PACKAGES := tesseract-ocr tesseract-ocr-ind tesseract-ocr-osd tesseract-ocr-eng libtesseract-dev libleptonica-dev pkg-config g++ ghostscript poppler-utils chromium chromium-driver fonts-dejavu-core libreoffice-writer-nogui
REPORTS ?= reports

.PHONY: setup system-deps curate test check bench fixtures report clean

setup: $(VENV)/.installed

# tesserocr is built against the system's libtesseract (the same Tesseract as the command line),
# not taken as a wheel that bundles another version.
$(VENV)/.installed: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	PIP_NO_BINARY=tesserocr $(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

# Tesseract with its Indonesian data and its C library (for tesserocr), Ghostscript and Poppler (scanned decrees);
# Chromium and its driver (the report's browser tests); DejaVu Sans (ligature glyphs of test PDFs);
# LibreOffice (legacy .doc/.xls/.odt/.rtf).
system-deps:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx ind && tesseract --list-langs 2>/dev/null | grep -qx osd \
		&& tesseract --list-langs 2>/dev/null | grep -qx eng && pkg-config --exists tesseract lept 2>/dev/null \
		&& command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing $(APT_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	else echo "warning: Tesseract with Indonesian data, Chromium or LibreOffice is missing; install: $(APT_PACKAGES)" >&2; fi

curate: setup system-deps
	$(BIN)/decrees curate $(RAW) $(OUT) $(if $(SCHEDULER),--scheduler $(SCHEDULER)) $(if $(WORKERS),--workers $(WORKERS)) $(if $(VOCABULARY),--vocabulary $(VOCABULARY))

# HTML report of the curated data (curates first when there is nothing curated yet).
report: setup
	@test -f $(OUT)/manifest.json || $(MAKE) curate
	$(BIN)/decrees report $(OUT) $(REPORTS) --raw $(RAW)

test: setup system-deps
	$(BIN)/python -m pytest

# Lint (ruff) and type check (mypy) the whole tree, as configured in pyproject.toml.
check: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# Digital PDFs of the seeds in several print styles and scans of the A4 ones in every preset; decrees of
# other layouts (layouts/, each with its truth) and their 200-dpi scans; Word and Excel files (git-ignored).
fixtures: setup
	$(BIN)/python -m synth.fixtures tests/fixtures/generated
	$(BIN)/python -m synth.office tests/fixtures/generated
	$(BIN)/python -m synth.scan --folder tests/fixtures/generated
	$(BIN)/python -m synth.scan --folder tests/fixtures/generated/layouts --match '*.pdf' --presets clean_200 scanner_200

clean:
	rm -rf $(OUT) data/cache tests/fixtures/generated .pytest_cache

bench: setup system-deps
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done
