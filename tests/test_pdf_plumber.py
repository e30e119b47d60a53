"""The pdfplumber page engine, forced and chosen per page by engine="auto".

Real PDFs through real pdfplumber: the seeds rendered by synth.pdf (grids drawn as
stroked lines, thin filled rectangles or cell shading; landscape pages stored
rotated), and small tables built here whose drawing PDFium's path reading misses.
pdfplumber is slow: every seed rendering is made once per session (conftest) and
each forced pdfplumber reading once per module.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

from extract.document import Document
from extract.errors import CorruptSourceError
from extract.pdf import read_pdf
from extract.pdf.plumber import table_grid
from normalize.curate import curate_document
from synth.pdf import RenderStyle
from tests.goldens import SEEDS, golden_items, golden_text_fields, text_fields
from tests.test_pdf_digital import _merged_cell_pdf

DEFAULT = RenderStyle()
RECTS = RenderStyle(rule_style="rects")
SHADED = RenderStyle(rule_style="shaded")
HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]


@pytest.fixture(scope="module")
def plumber_read(digital_pdf) -> Callable[[str, RenderStyle], Document]:
    """`plumber_read(doc_id, style)`: that rendering read with engine="pdfplumber" (cached)."""
    read: dict[tuple[str, RenderStyle], Document] = {}

    def document(doc_id: str, style: RenderStyle = DEFAULT) -> Document:
        if (doc_id, style) not in read:
            read[doc_id, style] = read_pdf(digital_pdf(doc_id, style), engine="pdfplumber")
        return read[doc_id, style]

    return document


def assert_items_equal_golden(document: Document, doc_id: str) -> None:
    decree = curate_document(document, f"{doc_id}.pdf", "0" * 64)
    assert decree.doc_id == doc_id
    assert [text_fields(item) for item in decree.items] == [golden_text_fields(e) for e in golden_items(doc_id)]


def methods(document: Document) -> set[str]:
    return set(document.extraction_method.split("+"))


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_pdfplumber_engine_items_equal_the_golden_file(plumber_read, doc_id):
    document = plumber_read(doc_id)
    assert document.extraction_method == "pdfplumber-lines"
    assert_items_equal_golden(document, doc_id)


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_pdfplumber_engine_reads_the_rows_and_lines_pdfium_reads(digital_pdf, plumber_read, doc_id):
    slow, fast = plumber_read(doc_id), read_pdf(digital_pdf(doc_id, DEFAULT), engine="pdfium")
    assert fast.extraction_method == "pdf-lines"
    assert [(r.texts, r.page, r.segment, r.bold, r.reaches_page_bottom) for r in slow.rows] == [
        (r.texts, r.page, r.segment, r.bold, r.reaches_page_bottom) for r in fast.rows]
    assert [(line.text, line.page, line.bold) for line in slow.lines] == [
        (line.text, line.page, line.bold) for line in fast.lines]
    for a, b in zip(slow.rows, fast.rows):
        assert (a.bbox.x0, a.bbox.top, a.bbox.x1, a.bbox.bottom) == pytest.approx(
            (b.bbox.x0, b.bbox.top, b.bbox.x1, b.bbox.bottom), abs=0.5)


def test_pdfplumber_engine_reads_rows_cut_without_borders(plumber_read):
    """The column borders of a cut row run into the margin with no closing line: still a row, still cut."""
    doc_id = "kpu-kota-ternate-2026-3"
    document = plumber_read(doc_id, RenderStyle(closed_cuts=False))
    assert document.extraction_method == "pdfplumber-lines"
    assert_items_equal_golden(document, doc_id)


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_grid_drawn_as_thin_rectangles_through_auto_equals_the_golden_file(digital_pdf, doc_id):
    document = read_pdf(digital_pdf(doc_id, RECTS))
    assert document.extraction_method == "pdf-lines"  # PDFium takes thin filled bars for rulings
    assert_items_equal_golden(document, doc_id)


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_grid_drawn_as_cell_shading_is_read_by_pdfplumber_in_auto(digital_pdf, doc_id):
    path = digital_pdf(doc_id, SHADED)
    assert "pdf-lines" not in methods(read_pdf(path, engine="pdfium"))  # PDFium sees no ruled grid
    document = read_pdf(path)
    assert "pdfplumber-lines" in methods(document)
    assert_items_equal_golden(document, doc_id)


def test_auto_reads_ordinary_pages_with_pdfium_without_opening_pdfplumber(digital_pdf, monkeypatch):
    import pdfplumber

    def refuse(*args, **kwargs):
        raise AssertionError("pdfplumber opened for a PDF PDFium reads")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    document = read_pdf(digital_pdf("kpu-kota-palu-2026-28", DEFAULT))
    assert document.extraction_method == "pdf-lines"


def test_landscape_pages_stored_rotated_through_auto(digital_pdf):
    doc_id = "kpu-kota-ternate-2026-3"
    path = digital_pdf(doc_id, RenderStyle(rotation=90))
    document = read_pdf(path)
    assert document.extraction_method == "pdf-lines"  # PDFium turns /Rotate pages itself
    assert_items_equal_golden(document, doc_id)
    _assert_rows_inside_displayed_pages(document, path)


def test_landscape_pages_stored_rotated_through_pdfplumber(plumber_read, digital_pdf):
    doc_id = "kpu-kota-palu-2026-28"
    style = RenderStyle(rotation=270)
    document = plumber_read(doc_id, style)
    assert document.extraction_method == "pdfplumber-lines"
    assert_items_equal_golden(document, doc_id)
    _assert_rows_inside_displayed_pages(document, digital_pdf(doc_id, style))


def _assert_rows_inside_displayed_pages(document: Document, path: Path) -> None:
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert any(pdf[index].get_rotation() for index in range(len(pdf)))
        sizes = [pdf[index].get_size() for index in range(len(pdf))]  # as displayed
    finally:
        pdf.close()
    for row in document.rows:
        width, height = sizes[row.page - 1]
        assert width > height  # the matrix is on the landscape pages
        assert 0 <= row.bbox.x0 < row.bbox.x1 <= width and 0 <= row.bbox.top < row.bbox.bottom <= height


def _body(count: int, first: int = 1) -> list[list[str]]:
    return [[str(n), f"Komponen {n}", f"Indikator {n}", f"Langkah aksi {n}", f"Bukti {n}", "Maret 2026"]
            for n in range(first, first + count)]


def _build(path: Path, tables: list[Table]) -> None:
    story: list = []
    for table in tables:
        story += [table, PageBreak()]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story[:-1])


def _ruled_and_shaded_pdf(path: Path) -> list[list[str]]:
    """Page 1: a table ruled with lines; page 2: one drawn as cell shading only.  The rows printed."""
    first, second = [HEADER, *_body(3)], [HEADER, *_body(3, first=4)]
    ruled = Table(first, style=[("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    shaded = Table(second, style=[("BACKGROUND", (c, r), (c, r), colors.Color(0.9, 0.9, 0.9))
                                  for r in range(len(second)) for c in range(len(HEADER))])
    _build(path, [ruled, shaded])
    return first + second


def test_auto_records_the_method_of_each_page(tmp_path):
    """A ruled page and a shaded page: each read by the engine that sees its grid."""
    path = tmp_path / "mixed.pdf"
    printed = _ruled_and_shaded_pdf(path)
    document = read_pdf(path)
    assert document.extraction_method == "pdf-lines+pdfplumber-lines"
    assert [row.texts for row in document.rows] == [tuple(row) for row in printed]
    assert [row.page for row in document.rows] == [1] * 4 + [2] * 4
    assert read_pdf(path, engine="pdfium").extraction_method == "pdf-lines+pdf-words"
    assert read_pdf(path, engine="pdfplumber").extraction_method == "pdfplumber-lines"


def test_a_shaded_table_whose_columns_whitespace_cannot_tell_apart_is_read_in_auto(tmp_path):
    """Cells set almost edge to edge: no gutter shows the header's columns, only the shading's sides do."""
    path = tmp_path / "tight.pdf"
    data = [HEADER, *_body(3)]
    shades = (colors.Color(0.85, 0.85, 0.85), colors.Color(0.95, 0.95, 0.95))
    table = Table(data, style=[("BACKGROUND", (c, r), (c, r), shades[(r + c) % 2])
                               for r in range(len(data)) for c in range(len(HEADER))]
                  + [("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)])
    _build(path, [table])
    assert read_pdf(path, engine="pdfium").rows == []  # neither ruled nor unruled to PDFium's reading
    document = read_pdf(path)
    assert document.extraction_method == "pdfplumber-lines"
    assert [row.texts for row in document.rows] == [tuple(row) for row in data]
    assert document.lines == []


def test_auto_keeps_pdfiums_reading_when_pdfplumber_cannot_parse_the_file(tmp_path, monkeypatch, caplog):
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    def broken(*args, **kwargs):
        raise PdfminerException("damaged cross-reference table")

    path = tmp_path / "mixed.pdf"
    printed = _ruled_and_shaded_pdf(path)
    monkeypatch.setattr(pdfplumber, "open", broken)
    document = read_pdf(path)
    assert document.extraction_method == "pdf-lines+pdf-words"
    assert [row.texts for row in document.rows] == [tuple(row) for row in printed]
    assert "PDFium's reading kept" in caplog.text
    with pytest.raises(CorruptSourceError, match="pdfplumber"):
        read_pdf(path, engine="pdfplumber")


def test_pdfplumber_measures_from_the_crop_box_as_pdfium_does(tmp_path):
    path, cropped = tmp_path / "merged.pdf", tmp_path / "cropped.pdf"
    _merged_cell_pdf(path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        page.set_cropbox(20, 30, 800, 560)
        page.close()
        pdf.save(str(cropped))
    finally:
        pdf.close()
    slow, fast = read_pdf(cropped, engine="pdfplumber"), read_pdf(cropped, engine="pdfium")
    assert [row.texts for row in slow.rows] == [row.texts for row in fast.rows]
    for a, b in zip(slow.rows, fast.rows):
        assert (a.bbox.x0, a.bbox.top, a.bbox.x1, a.bbox.bottom) == pytest.approx(
            (b.bbox.x0, b.bbox.top, b.bbox.x1, b.bbox.bottom), abs=0.5)


def test_a_column_border_drawn_only_as_shading_is_found_by_pdfplumber_in_auto(tmp_path):
    """Ruled lines everywhere but between KOMPONEN and INDIKATOR, where only the shaded column's side runs.

    PDFium's grid has one column too few: the header cell "KOMPONEN INDIKATOR" names
    fewer roles than the printed header words; on the next page the grid has fewer
    columns than the table it continues.  Both pages go to pdfplumber.
    """
    path = tmp_path / "shaded-column.pdf"
    data = [HEADER, *_body(45)]
    table = Table(data, style=[
        ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
        ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.black),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black),
        ("LINEAFTER", (2, 0), (4, -1), 0.5, colors.black),
        ("BACKGROUND", (2, 0), (2, -1), colors.Color(0.9, 0.9, 0.9)),
    ])
    _build(path, [table])
    fast = read_pdf(path, engine="pdfium")
    assert {len(row.cells) for row in fast.rows} == {5}
    document = read_pdf(path)
    assert document.extraction_method == "pdfplumber-lines"
    assert len({row.page for row in document.rows}) == 2
    assert [row.texts for row in document.rows] == [tuple(row) for row in data]


def test_table_grid_merges_cells_and_keeps_a_row_cut_by_the_page_end():
    cells = [(0, 0, 30, 10), (30, 0, 60, 10), (60, 0, 90, 10),  # header
             (0, 10, 90, 20),  # a section row merged over all columns
             (0, 20, 30, 40), (30, 20, 60, 30), (60, 20, 90, 30), (30, 30, 60, 40), (60, 30, 90, 40)]
    # the column borders run on to y=55 (the margin) below the last closed row
    verticals = [(0, 0, 55), (30, 0, 55), (60, 0, 55), (90, 0, 55)]
    grid = table_grid(cells, verticals)
    assert grid.xs == [0, 30, 60, 90] and grid.ys == [0, 10, 20, 30, 40, 55]
    assert grid.open_bottom and grid.method == "pdfplumber-lines"
    spans = {(cell.row, cell.column, cell.last_row, cell.last_column) for cell in grid.cells}
    assert (1, 0, 1, 2) in spans  # the section row
    assert (2, 0, 3, 0) in spans  # NO merged over two rows
    assert {(4, 0, 4, 0), (4, 1, 4, 1), (4, 2, 4, 2)} <= spans  # the cut row
    closed = table_grid(cells, [(x, 0, 40) for x in (0, 30, 60, 90)])
    assert not closed.open_bottom and closed.ys == [0, 10, 20, 30, 40]
    assert table_grid([(0, 0, 30, 10)], []) is None  # one column is a box, not a table


def test_textless_pdf_through_pdfplumber_is_a_scan(tmp_path):
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(72, 72, 300, 300, fill=1)
    page.save()
    document = read_pdf(path, engine="pdfplumber")
    assert (document.source_format, document.page_count, document.rows) == ("pdf_scanned", 1, [])


def test_unknown_engine_is_refused(digital_pdf):
    with pytest.raises(ValueError, match="pdfium"):
        read_pdf(digital_pdf("kpu-kota-palu-2026-28", DEFAULT), engine="camelot")
