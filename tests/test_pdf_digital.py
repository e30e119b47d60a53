"""Digital PDFs of the seed decrees give exactly what their text form gives.

The PDFs are rendered from the text form by synth.pdf in several print styles, so
the matrix re-flows: rows split across pages in other places than in the text,
the header is repeated (Palu) or not (Ternate), and one style has no ruling lines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib import colors, pdfencrypt
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from extract.document import Cell, Line, Row
from extract.errors import CorruptSourceError, EmptySourceError, EncryptedSourceError
from extract.pdf import PageResult, read_pdf
from extract.pdf.reader import TableEnd, _settle_page_ends
from extract.source import read_document
from extract.text import read_text
from normalize.curate import curate_document
from pipelines.preflight import check_pdf
from synth.pdf import RenderStyle
from tests.decree_lines import GOLDEN
from tests.goldens import SEEDS, golden_items, golden_schedule_fields, golden_text_fields, schedule_fields, text_fields
from tests.test_decree_identity import as_json as identity_as_json
from tests.test_legal_bases import rows as legal_basis_rows

DEFAULT = RenderStyle()
FOLIO_TIMES = RenderStyle(paper="F4", font_size=9.5, font="Times", margins_mm=25.0)
LETTER_LARGE = RenderStyle(paper="Letter", font_size=10.0)
UNRULED = RenderStyle(ruled=False)
# (doc_id, what the decree itself says: number line, date line, signatory)
DECREE_LINES = {
    "kpu-kota-ternate-2026-3": ("NOMOR 3 TAHUN 2026", "pada tanggal 6 April 2026", "M. Zen A. Karim"),
    "kpu-kota-palu-2026-28": ("NOMOR 28 TAHUN 2026", "pada tanggal 21 Januari 2026", "IDRUS"),
}


def curated_pdf(path: Path):
    return curate_document(read_pdf(path), path.name, "0" * 64)


def assert_items_equal_golden(decree, doc_id: str) -> None:
    golden = golden_items(doc_id)
    assert [text_fields(item) for item in decree.items] == [golden_text_fields(expected) for expected in golden]


@pytest.mark.parametrize("doc_id", list(SEEDS))
@pytest.mark.parametrize("style", [DEFAULT, FOLIO_TIMES, LETTER_LARGE], ids=["a4", "f4-times", "letter-10pt"])
def test_pdf_items_equal_the_golden_file(digital_pdf, doc_id, style):
    decree = curated_pdf(digital_pdf(doc_id, style))
    assert decree.doc_id == doc_id
    assert decree.extraction_method == "pdf-lines"
    assert_items_equal_golden(decree, doc_id)


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_pdf_schedules_equal_the_golden_file(digital_pdf, doc_id):
    """Fails while normalize/schedule.py is a placeholder (the grammar is written elsewhere)."""
    decree = curated_pdf(digital_pdf(doc_id, DEFAULT))
    assert [(item.item_no, schedule_fields(item)) for item in decree.items] == [
        golden_schedule_fields(expected) for expected in golden_items(doc_id)]


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_rows_split_in_other_places_give_the_same_items(digital_pdf, doc_id):
    a4, folio = (curated_pdf(digital_pdf(doc_id, style)) for style in (DEFAULT, FOLIO_TIMES))
    joined = [{f.item_no for f in decree.findings if f.code == "continuation_merged"} for decree in (a4, folio)]
    assert joined[0] and joined[1] and joined[0] != joined[1]  # the page breaks cut different rows ...
    assert [text_fields(i) for i in a4.items] == [text_fields(i) for i in folio.items]  # ... to the same effect


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_unruled_table_gives_the_items(digital_pdf, doc_id):
    decree = curated_pdf(digital_pdf(doc_id, UNRULED))
    assert decree.extraction_method == "pdf-words"
    assert_items_equal_golden(decree, doc_id)


def test_rows_cut_without_borders_at_the_page_break_give_the_items(digital_pdf):
    doc_id = "kpu-kota-ternate-2026-3"
    decree = curated_pdf(digital_pdf(doc_id, RenderStyle(closed_cuts=False)))
    assert_items_equal_golden(decree, doc_id)


# Set as office suites set it: "ffi" as one glyph, bold as the regular face printed twice
LIGATURES_FAKE_BOLD = RenderStyle(font="DejaVu Sans", font_size=7.0, ligatures=True, fake_bold=True)
_LIGATURE_WORD = re.compile(r"\w*f[fil]\w*")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_ligatures_and_fake_bold_give_every_letter_once(digital_pdf, doc_id, engine):
    """"E-O\ufb00ice", "E\ufb00ektif", "Grati\ufb01kasi": each letter of a ligature glyph is read, none twice."""
    path = digital_pdf(doc_id, LIGATURES_FAKE_BOLD)
    document = read_pdf(path, engine=engine)
    assert_items_equal_golden(curate_document(document, path.name, "0" * 64), doc_id)
    printed = {word for line in read_text(SEEDS[doc_id]).lines for word in _LIGATURE_WORD.findall(line.text)}
    read = {word for line in document.lines for word in _LIGATURE_WORD.findall(line.text)}
    assert printed <= read  # the running text too


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_decree_lines_carry_number_date_and_signatory(digital_pdf, doc_id):
    document = read_pdf(digital_pdf(doc_id, DEFAULT))
    texts = [line.text for line in document.lines]
    for expected in DECREE_LINES[doc_id]:
        assert expected in texts
    assert all(line.page is not None for line in document.lines)
    assert document.lines[0].page == 1
    assert [line.page for line in document.lines] == sorted(line.page for line in document.lines)
    assert not any(text.startswith("- ") and text.endswith(" -") for text in texts)  # page numbers left out
    assert not any(text.startswith("Menimbang") and "\t" in text for text in texts)


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_document_pages_segments_and_boxes(digital_pdf, doc_id):
    path = digital_pdf(doc_id, DEFAULT)
    document = read_pdf(path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert document.page_count == len(pdf)
        sizes = [pdf[i].get_size() for i in range(len(pdf))]
    finally:
        pdf.close()
    assert document.source_format == "pdf"
    pages = [row.page for row in document.rows]
    assert pages == sorted(pages) and len(set(pages)) > 1
    for previous, row in zip(document.rows, document.rows[1:]):
        assert row.segment == previous.segment + (row.page != previous.page)
    for row in document.rows:
        width, height = sizes[row.page - 1]
        box = row.bbox
        assert 0 <= box.x0 < box.x1 <= width and 0 <= box.top < box.bottom <= height
    last_on_page = {row.page: row for row in document.rows}
    table_pages = sorted(last_on_page)
    for page in table_pages[:-1]:
        assert last_on_page[page].reaches_page_bottom is True  # the table runs on overleaf
    assert sum(bool(row.reaches_page_bottom) for row in document.rows) == len(table_pages) - 1 + bool(
        last_on_page[table_pages[-1]].reaches_page_bottom)


def test_section_rows_are_bold_and_merged_into_the_first_cell(digital_pdf):
    document = read_pdf(digital_pdf("kpu-kota-ternate-2026-3", DEFAULT))
    sections = [row for row in document.rows if row.texts[0].startswith(("I. ", "II. ", "III. ", "IV. ", "V. ", "VI. "))]
    assert [row.texts[0].split(".")[0] for row in sections] == ["I", "II", "III", "IV", "V", "VI"]
    assert all(row.bold and not any(row.texts[1:]) for row in sections)
    assert not any(row.bold for row in document.rows if row not in sections and row.texts[0] not in ("NO",))


def test_repeated_headers_are_kept_as_rows_for_normalize_to_drop(digital_pdf):
    document = read_pdf(digital_pdf("kpu-kota-palu-2026-28", DEFAULT))
    headers = [row for row in document.rows if row.texts[0] == "NO"]
    assert len(headers) == len({row.page for row in document.rows})


def _merged_cell_pdf(path: Path) -> None:
    data = [
        ["NO", "KOMPONEN", "INDIKATOR", "BUKTI FISIK", "TARGET WAKTU"],
        ["1", "Komponen pertama", "Indikator satu", "Bukti satu", "Januari 2026"],
        ["", "", "Indikator dua", "Bukti dua", "Februari 2026"],
        ["I. BAGIAN KEDUA", "", "", "", ""],
        ["2", "Komponen kedua", "Indikator tiga", "Bukti tiga", "Maret 2026"],
    ]
    table = Table(data, colWidths=[40, 150, 150, 150, 100])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 1), (0, 2)), ("SPAN", (1, 1), (1, 2)),  # NO and KOMPONEN merged over two rows
        ("SPAN", (0, 3), (-1, 3)), ("FONTNAME", (0, 3), (-1, 3), "Helvetica-Bold"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])


@pytest.mark.parametrize("engine", ["auto", "pdfplumber"])
def test_merged_cells_give_their_text_once_and_empty_places(tmp_path, engine):
    path = tmp_path / "merged.pdf"
    _merged_cell_pdf(path)
    rows = read_pdf(path, engine=engine).rows
    assert [row.texts for row in rows] == [
        ("NO", "KOMPONEN", "INDIKATOR", "BUKTI FISIK", "TARGET WAKTU"),
        ("1", "Komponen pertama", "Indikator satu", "Bukti satu", "Januari 2026"),
        ("", "", "Indikator dua", "Bukti dua", "Februari 2026"),
        ("I. BAGIAN KEDUA", "", "", "", ""),
        ("2", "Komponen kedua", "Indikator tiga", "Bukti tiga", "Maret 2026"),
    ]
    assert [row.bold for row in rows] == [False, False, False, True, False]
    merged = rows[1].cells[1].bbox
    assert merged.bottom == pytest.approx(rows[2].cells[2].bbox.bottom)  # the merged cell covers both rows


def test_password_protected_pdf_raises_encrypted(tmp_path):
    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    page.drawString(72, 720, "KEPUTUSAN")
    page.save()
    with pytest.raises(EncryptedSourceError, match="password"):
        read_document(path)


def test_a_pdf_without_pages_is_empty_whatever_was_read_before(tmp_path):
    """PDFium refuses a page-less PDF without saying why: its last error is whatever failed before."""
    locked, pageless = tmp_path / "locked.pdf", tmp_path / "no-pages.pdf"
    page = canvas.Canvas(str(locked), encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    page.drawString(72, 720, "KEPUTUSAN")
    page.save()
    pdfium.PdfDocument.new().save(str(pageless))
    for _ in range(3):
        for read in (read_document, lambda path: check_pdf(path, 100)):
            with pytest.raises(EncryptedSourceError):
                read(locked)
            with pytest.raises(EmptySourceError, match="no pages"):
                read(pageless)


def test_truncated_pdf_raises_corrupt(digital_pdf, tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(digital_pdf("kpu-kota-palu-2026-28", DEFAULT).read_bytes()[:4000])
    with pytest.raises(CorruptSourceError, match="download it again"):
        read_document(path)


def test_garbage_after_pdf_header_raises_corrupt(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"not a pdf body\n" * 50)
    with pytest.raises(CorruptSourceError):
        read_pdf(path)


def _pdf_with_blank_page(path: Path) -> None:
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawString(72, 720, "KEPUTUSAN KOMISI PEMILIHAN UMUM")
    page.showPage()
    page.rect(72, 72, 300, 300, fill=1)  # an image-like page without a text layer
    page.showPage()
    page.save()


def test_pages_without_text_are_left_out_or_given_to_the_scan_reader(tmp_path):
    path = tmp_path / "mixed.pdf"
    _pdf_with_blank_page(path)
    document = read_pdf(path)
    assert document.page_count == 2
    assert [(line.text, line.page) for line in document.lines] == [("KEPUTUSAN KOMISI PEMILIHAN UMUM", 1)]
    seen: list[int] = []

    def ocr(page, number: int) -> PageResult:
        seen.append(number)
        return PageResult(lines=[Line("TEKS HASIL OCR", number)], method="ocr")

    document = read_pdf(path, scanned_page_reader=ocr)
    assert seen == [2]
    assert [line.page for line in document.lines] == [1, 2]
    assert (document.source_format, document.extraction_method) == ("pdf", "ocr")


def test_a_pdf_without_any_text_layer_is_a_scan(tmp_path):
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(72, 72, 300, 300, fill=1)
    page.save()
    document = read_pdf(path)
    assert (document.source_format, document.page_count, document.rows, document.lines) == ("pdf_scanned", 1, [], [])


def test_a_table_ending_well_above_the_page_bottom_did_not_continue():
    def page(bottom: float, open_bottom: bool = False) -> PageResult:
        row = Row((Cell("x"),), page=1, segment=0, reaches_page_bottom=True)
        return PageResult(rows=[row], method="pdf-lines", table_end=TableEnd(bottom, 10.0, (842, 595), open_bottom))

    results = [page(540.0), page(535.0), page(400.0), page(400.0, open_bottom=True)]
    _settle_page_ends(results)
    assert [r.rows[-1].reaches_page_bottom for r in results] == [True, True, False, True]


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_pdf_gives_the_golden_decree_identity_and_legal_bases(digital_pdf, doc_id):
    """The body read from the PDF's running text equals the text form's golden files."""
    decree = curated_pdf(digital_pdf(doc_id, DEFAULT))
    assert identity_as_json(decree.identity) == json.loads((GOLDEN / f"{doc_id}.decree.json").read_text(encoding="utf-8"))
    assert legal_basis_rows(decree.legal_bases) == json.loads((GOLDEN / f"{doc_id}.legal_bases.json").read_text(encoding="utf-8"))
