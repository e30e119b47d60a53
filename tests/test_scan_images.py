"""Page-image steps of the OCR path on drawn images, and synthetic scans without a text layer."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extract.grid import Grid
from extract.image_tables import find_rulings, find_tables
from extract.pdf.lattice import find_grids
from extract.pdf.page import Ruling
from extract.raster import drop_colour, estimate_skew, flatten_paper, ink_mask, rotate
from extract.scanned import needs_ocr
from synth.scan import ScanStyle, scan_pdf

DPI = 200


def drawn_table() -> np.ndarray:
    """A white page with a 3-column ruled table: header, a section row spanning all columns, a body row
    whose bottom ruling is missing (cut by the page end), and an underline-like stroke inside a cell."""
    page = np.full((700, 1100), 255, np.uint8)
    xs, ys = [100, 300, 600, 900], [100, 160, 220, 300]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[1]), 0, 2)
        cv2.line(page, (x, ys[2]), (x, 380), 0, 2)  # no inner rulings in the section row; open bottom at 380
    for x in (xs[0], xs[-1]):
        cv2.line(page, (x, ys[1]), (x, ys[2]), 0, 2)
    cv2.line(page, (620, 350), (700, 350), 0, 2)  # a stroke inside a cell is no ruling
    return page


def test_the_grid_of_a_ruled_table_with_a_spanning_row_and_an_open_bottom():
    ink = ink_mask(drawn_table())
    rulings = find_rulings(ink, DPI)
    (table,) = find_tables(rulings, np.zeros_like(ink), DPI)
    assert [abs(a - b) <= 3 for a, b in zip(table.xs, [100, 300, 600, 900])] == [True] * 4
    assert [abs(a - b) <= 5 for a, b in zip(table.ys, [100, 160, 220, 300, 380])] == [True] * 5
    assert table.open_bottom and not table.open_top
    spans = {(c.row, c.column): (c.row_span, c.column_span) for c in table.cells}
    assert spans[(1, 0)] == (1, 3)  # the section row is one cell over all columns
    assert spans[(0, 1)] == (1, 1) and spans[(3, 2)] == (1, 1)
    assert len(table.cells) == 3 + 1 + 3 + 3


def test_a_table_in_pixels_and_the_same_table_in_pdf_points_are_one_grid_model():
    """The drawn table's rulings as PDF lines (points = pixels here) give the same grid and cells."""
    (image_grid,) = find_tables(find_rulings(ink_mask(drawn_table()), DPI), np.zeros((700, 1100), np.uint8), DPI)
    xs = [100.0, 300.0, 600.0, 900.0]
    rulings = [Ruling(True, y, xs[0], xs[-1]) for y in (100.0, 160.0, 220.0, 300.0)]
    rulings += [Ruling(False, x, 100.0, 160.0) for x in xs] + [Ruling(False, x, 220.0, 380.0) for x in xs]
    rulings += [Ruling(False, x, 160.0, 220.0) for x in (xs[0], xs[-1])]
    (pdf_grid,) = find_grids(rulings)
    assert isinstance(image_grid, Grid) and isinstance(pdf_grid, Grid)
    assert pdf_grid.open_bottom and image_grid.open_bottom
    spans = [{(c.row, c.column, c.row_span, c.column_span) for c in grid.cells} for grid in (image_grid, pdf_grid)]
    assert spans[0] == spans[1] and (1, 0, 1, 3) in spans[0]
    for grid in (image_grid, pdf_grid):
        (section,) = [cell for cell in grid.cells if cell.row == 1]
        assert section.box.contains(500, 190) and not section.box.contains(500, 230)


def test_text_lines_give_the_angle_that_straightens_them():
    page = np.full((1100, 850), 255, np.uint8)
    for y in range(120, 1000, 30):
        for x in range(100, 750, 60):
            cv2.rectangle(page, (x, y), (x + 45, y + 12), 0, -1)  # words of a text line
    for angle in (-1.7, 0.6):
        skewed = rotate(page, angle, fill=255)
        assert estimate_skew(skewed) == pytest.approx(-angle, abs=0.05)


def test_coloured_stamps_drop_out_and_grey_paper_turns_white():
    rgb = np.full((400, 400, 3), 215, np.uint8)  # grey paper
    rgb[100:110, 50:350] = (20, 20, 20)  # black print
    cv2.circle(rgb, (200, 250), 80, (60, 70, 200), 6)  # a blue stamp ring
    flat = flatten_paper(drop_colour(rgb), DPI)
    assert flat[50, 50] > 240  # paper
    assert flat[105, 200] < 60  # print
    assert flat[250, 120] > 150  # the stamp is pale


def _decree_pdf(path) -> None:
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 11)
    page.drawString(72, 760, "KEPUTUSAN KOMISI PEMILIHAN UMUM KOTA TERNATE")
    page.drawString(330, 300, "Ditetapkan di Ternate")
    page.drawString(330, 285, "KETUA KOMISI PEMILIHAN UMUM")
    page.drawString(330, 220, "M. Zen A. Karim")
    page.showPage()
    page.save()


def test_a_synthetic_scan_has_no_text_layer_and_keeps_its_resolution(tmp_path):
    digital, scan = tmp_path / "decree.pdf", tmp_path / "decree.scan.pdf"
    _decree_pdf(digital)
    scan_pdf(digital, scan, ScanStyle.hard_150())
    pdf = pdfium.PdfDocument(str(scan))
    page = pdf[0]
    assert page.get_textpage().count_chars() == 0
    assert needs_ocr(page)
    (image,) = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))
    width_px, _ = image.get_px_size()
    assert width_px / page.get_size()[0] * 72 == pytest.approx(150, abs=0.5)
    assert image.get_filters() == ["DCTDecode"]
    pixels = np.asarray(Image.open(io.BytesIO(bytes(image.get_data(decode_simple=True)))).convert("RGB"), np.int16)
    saturation = pixels.max(axis=2) - pixels.min(axis=2)
    assert (saturation > 60).sum() > 500  # the coloured stamp over the signature


def test_the_same_style_gives_the_same_scan(tmp_path):
    digital = tmp_path / "decree.pdf"
    _decree_pdf(digital)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    scan_pdf(digital, first, ScanStyle.clean_200())
    scan_pdf(digital, second, ScanStyle.clean_200())
    image = lambda path: bytes(next(pdfium.PdfDocument(str(path))[0].get_objects(  # noqa: E731
        filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))).get_data(decode_simple=True))
    assert image(first) == image(second)


def test_digital_pages_need_no_ocr(tmp_path):
    digital = tmp_path / "decree.pdf"
    _decree_pdf(digital)
    assert not needs_ocr(pdfium.PdfDocument(str(digital))[0])
