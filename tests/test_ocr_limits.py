"""No page or image makes a decree lost: Tesseract's size limit is respected, a page it refuses is a finding.

Real Tesseract on small scans of a seed made by synth.scan; nothing of the OCR is mocked.
"""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from extract.grid import Box
from extract.mosaic import REREAD_DPI, reread, stacks
from extract.raster import flatten_paper, render_page
from extract.scanned import read_pdf_with_ocr
from extract.tesseract import MAX_SIDE, read_words
from normalize.curate import curate_document
from synth.scan import ScanStyle, scan_pdf

DOC_ID = "kpu-kota-palu-2026-28"
DPI = 200


@pytest.fixture(scope="module")
def two_page_scan(digital_pdf, tmp_path_factory):
    """The seed's first page (identity) and the matrix's first page, scanned at 200 dpi."""
    path = tmp_path_factory.mktemp("limits") / "scan.pdf"
    scan_pdf(digital_pdf(DOC_ID), path, ScanStyle.preset("clean_200"), pages=[0, 3])
    return path


def _page_grey(scan, index: int) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(scan))
    try:
        return flatten_paper(render_page(pdf[index], index + 1).grey, DPI)
    finally:
        pdf.close()


def test_stacks_never_pass_the_limit_and_keep_every_region_in_order():
    crops = [np.zeros((height, 50), np.uint8) for height in (9000, 12000, 15000, 400, 30000, 10)]
    placed = stacks(crops, gap=60, margin=45)
    assert [p.index for stack in placed for p in stack] == list(range(len(crops)))
    for stack in placed:
        assert stack[-1].top + stack[-1].crop.shape[0] + 45 <= MAX_SIDE


def test_doubtful_lines_stacking_past_the_limit_are_all_read(two_page_scan):
    """A page whose regions to read again would make one image taller than Tesseract accepts."""
    grey = _page_grey(two_page_scan, 1)
    words = [w for w in read_words(grey, DPI) if w.confidence > 90 and len(w.text) >= 6 and w.text.isalpha()]
    word = words[0]
    pad = 6
    box = Box(word.left - pad, word.top - pad, word.right + pad, word.bottom + pad)
    enlarged = (box.y1 - box.y0) * REREAD_DPI / DPI + 0.2 * REREAD_DPI  # the region and its gap in the stack
    copies = int(1.2 * MAX_SIDE / enlarged) + 1
    again = reread(grey, [box] * copies, DPI, source="page 2")
    assert len(again) == copies
    assert sum(" ".join(w.text for w in found) == word.text for found in again) >= 0.95 * copies


def _tall_strip(scan, out) -> None:
    """`scan` with a page added: a strip of its matrix page, repeated down a page taller than Tesseract accepts."""
    pdf = pdfium.PdfDocument(str(scan))
    (image,) = list(pdf[1].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))
    page = np.asarray(Image.open(io.BytesIO(bytes(image.get_data(decode_simple=True)))).convert("L"))
    strip = page[:, : page.shape[1] // 8]
    tall = np.vstack([strip] * (MAX_SIDE // strip.shape[0] + 1))
    buffer = io.BytesIO()
    Image.fromarray(tall).save(buffer, "JPEG", quality=80)
    size = (tall.shape[1] * 72 / DPI, tall.shape[0] * 72 / DPI)
    extra = out.with_name("strip.pdf")
    canvas = Canvas(str(extra), pagesize=size)
    canvas.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, *size)
    canvas.showPage()
    canvas.save()
    pdf.import_pages(pdfium.PdfDocument(str(extra)))
    pdf.save(str(out))
    pdf.close()


def test_a_page_tesseract_refuses_becomes_a_finding_and_the_decree_is_curated(two_page_scan, tmp_path):
    scan = tmp_path / "with-strip.pdf"
    _tall_strip(two_page_scan, scan)
    document = read_pdf_with_ocr(scan)
    assert [page.page for page in document.unread_pages] == [3]
    assert str(MAX_SIDE) in document.unread_pages[0].reason
    decree = curate_document(document, scan.name, "0" * 64)
    assert decree.items and {item.page_start for item in decree.items} == {2}
    assert decree.identity.decree_number == "28"
    (finding,) = [f for f in decree.findings if f.code == "ocr_page_unreadable"]
    assert (finding.severity.value, finding.page) == ("error", 3)
