"""Start-up costs what the command uses; the fast legal-basis reader reads exactly as spaCy's blank
Indonesian pipeline; the batch chooses where to run from the pages it must read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.text import read_text
from normalize.decree_body import split_body
from normalize.legal_bases import _nlp, _patterns_file
from pipelines.parallel import PARALLEL_MIN_PAGES, use_in_process
from pipelines.preflight import estimate_pages

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
HEAVY = ("spacy", "dask", "distributed", "cv2", "pytesseract", "pandas", "pypdfium2", "pdfplumber", "camelot")


def modules_after(*argv: str) -> set[str]:
    """The heavy modules a `decrees ...` process has imported when it ends."""
    probe = ("import sys, json, atexit\n"
             "from pipelines.cli import app\n"
             f"atexit.register(lambda: print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules))))\n"
             f"sys.argv = ['decrees', *{list(argv)!r}]\n"
             "app()\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_help_imports_nothing_heavy():
    assert modules_after("--help") == set()
    assert modules_after("curate", "--help") == set()


def test_validate_and_report_import_no_ocr_dask_or_spacy(tmp_path):
    assert not modules_after("validate", str(tmp_path)) & {"spacy", "dask", "distributed", "cv2", "pytesseract"}
    assert not modules_after("report", str(tmp_path), str(tmp_path / "r")) & {"spacy", "dask", "distributed", "cv2",
                                                                              "pytesseract"}


def test_a_digital_decree_never_imports_the_ocr_stack(tmp_path):
    from synth.fixtures import STYLES
    from synth.pdf import render_pdf

    pdf = tmp_path / "palu.pdf"
    render_pdf(read_text(SEEDS / "kpu-kota-palu-2026-28.txt"), pdf, STYLES["a4"])
    imported = modules_after("extract", str(pdf), "--format", "csv")
    assert "spacy" in imported and not imported & {"cv2", "pytesseract", "dask", "distributed"}


def reference_pipeline():
    """spaCy's own blank Indonesian pipeline (every special case added up front) with the same patterns."""
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("entity_ruler", config={"validate": True}).add_patterns(
        [{"label": e["label"], "id": e["id"], "pattern": e["pattern"]} for e in _patterns_file()["patterns"]])
    return nlp


TRICKY = [
    "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum (Lembaran Negara Tahun 2017 Nomor 182);",
    "Peraturan Menteri PAN-RB No.8/2019 jo. UU 12/2011 dst. lain-lain, anak-anak, kupu-kupu,  sehari-hari",
    "Perppu-Perppu dan Undang - Undang No. 1 yth. Dr. med Dr. rer. nat. s.d. a.n. dkk. :) (^_^) e-mail\nKpt./KPU",
    "Keputusan KPU Nomor 751/PP.01-Kpt/01/KPU/III/2019 sebagaimana telah diubah terakhir dengan Nomor 3",
]


def test_the_fast_legal_pipeline_tokenizes_and_marks_exactly_as_spacy_blank_id():
    texts = list(TRICKY)
    for seed in sorted(SEEDS.glob("*.txt")):
        lines = read_text(seed).lines
        texts += [line.text for line in split_body(lines).observing]
        texts += [line.text for line in lines[:80]]
    fast, reference = _nlp(), reference_pipeline()
    for text in texts:
        ours, theirs = fast(text), reference(text)
        assert [(t.text, t.whitespace_, t.norm_) for t in ours] == [(t.text, t.whitespace_, t.norm_) for t in theirs]
        assert ([(e.start, e.end, e.label_, e.ent_id_) for e in ours.ents]
                == [(e.start, e.end, e.label_, e.ent_id_) for e in theirs.ents]), text


def test_pages_are_counted_without_reading_them(tmp_path):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(37):
        document.new_page(595, 842)
    document.save(str(tmp_path / "long.pdf"))
    assert estimate_pages(tmp_path / "long.pdf") == 37
    assert estimate_pages(SEEDS / "kpu-kota-ternate-2026-3.txt") > estimate_pages(SEEDS / "kpu-kota-palu-2026-28.txt")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    assert estimate_pages(tmp_path / "broken.pdf") == 1


@pytest.mark.parametrize("pages, files, workers, scheduler, in_process", [
    (PARALLEL_MIN_PAGES - 1, 40, None, None, True),  # the default: too few pages to pay a cluster
    (PARALLEL_MIN_PAGES, 40, None, None, False),
    (10_000, 1, None, None, True),  # one file: nothing to share out
    (10_000, 200, 1, None, True),  # one worker asked for
    (20, 3, 2, None, False),  # two workers asked for
    (20, 3, None, "tcp://10.0.0.5:8786", False),  # an existing cluster is always used
])
def test_where_a_batch_runs(pages, files, workers, scheduler, in_process):
    assert use_in_process(pages, files, workers, scheduler) is in_process
