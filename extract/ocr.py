"""Scanned pages -> text lines and matrix rows, by OCR.

Each page image is flattened (paper divided out, coloured ink dropped), deskewed
from its text lines and rulings, and its ruled tables are recovered from the
rulings (extract/grid.py).  Tesseract reads the page once, rulings removed; every
word goes to the table cell its centre falls in, or to the running text.  A cell's
confidence is the mean confidence of its words (0 for a cell with ink but no word
read).  Row boxes are in PDF points of the original page, so report crops line up
with the scan.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.document import BBox, Cell, Document, Line, Row
from extract.errors import CorruptSourceError, EmptySourceError, EncryptedSourceError
from extract.grid import Box, Table, find_rulings, find_tables
from extract.raster import PageImage, despeckle, estimate_skew, flatten_paper, ink_mask, render_page, rotate
from extract.tesseract import Word, read_words

TEXT_LAYER_MIN_CHARS = 20  # fewer printable characters than this: the page has no usable text layer
IMAGE_MIN_SHARE = 0.5  # ... and an image covering this share of the page makes it a scan
EMPTY_CELL_INK_SHARE = 0.004  # a wordless cell with more ink than this share of its area was misread
BOTTOM_TOLERANCE_INCHES = 0.35  # a table ending this close to the lowest table bottom fills its page


@dataclass
class TableReading:
    """One table of one page, read: rows of cells, and where it ends."""

    rows: list[tuple[Cell, ...]]
    open_bottom: bool  # no ruling closes its last row: that row is cut by the page bottom
    bottom_pt: float


@dataclass
class PageReading:
    """Everything OCR read on one page."""

    page_no: int
    lines: list[Line] = field(default_factory=list)
    tables: list[TableReading] = field(default_factory=list)


@dataclass(frozen=True)
class _Frame:
    """Maps pixels of the deskewed image back to PDF points of the page."""

    inverse: np.ndarray  # 2x3 affine: deskewed pixels -> original pixels
    dpi: float

    def to_bbox(self, box: Box) -> BBox:
        corners = np.array([[box.x0, box.y0, 1], [box.x1, box.y0, 1], [box.x0, box.y1, 1], [box.x1, box.y1, 1]],
                           dtype=np.float64)
        mapped = corners @ self.inverse.T * (72.0 / self.dpi)
        return BBox(float(mapped[:, 0].min()), float(mapped[:, 1].min()),
                    float(mapped[:, 0].max()), float(mapped[:, 1].max()))


def needs_ocr(page: pdfium.PdfPage) -> bool:
    """True for a page without a usable text layer whose content is an image (a scan)."""
    text = page.get_textpage()
    try:
        chars = text.get_text_range() if text.count_chars() else ""
    finally:
        text.close()
    if sum(not c.isspace() for c in chars) >= TEXT_LAYER_MIN_CHARS:
        return False
    width, height = page.get_size()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= IMAGE_MIN_SHARE * width * height:
            return True
    return False


def read_scanned_pdf(path: Path, workers: int = 1) -> Document:
    """OCR every page of a PDF that has no text layer into a Document (source_format "pdf_scanned")."""
    pdf = _open(path)
    try:
        readings = ocr_pages(pdf, range(len(pdf)), workers)
        return Document(source=path, source_format="pdf_scanned", extraction_method="ocr",
                        page_count=len(pdf), lines=page_lines(readings), rows=table_rows(readings))
    finally:
        pdf.close()


def ocr_pages(pdf: pdfium.PdfDocument, indices: Iterable[int], workers: int = 1) -> list[PageReading]:
    """Read the given pages (0-based indices) by OCR, in page order; pages render here, OCR runs in `workers`."""
    if workers <= 1:
        return [read_page_image(image) for image in _render(pdf, indices)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return _in_pool(pool, _render(pdf, indices))


def _in_pool(pool: Executor, images: Iterator[PageImage]) -> list[PageReading]:
    futures = [pool.submit(read_page_image, image) for image in images]
    return [future.result() for future in futures]


def _render(pdf: pdfium.PdfDocument, indices: Iterable[int]) -> Iterator[PageImage]:
    for index in indices:
        page = pdf[index]
        try:
            yield render_page(page, index + 1)
        finally:
            page.close()


def read_page_image(image: PageImage) -> PageReading:
    """Flatten, deskew, find the tables, OCR once and sort the words into cells and lines."""
    flat = flatten_paper(image.grey, image.dpi)
    angle = estimate_skew(ink_mask(flat))
    height, width = flat.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    flat = rotate(flat, angle, fill=255)
    ink = ink_mask(flat)
    rulings = find_rulings(ink, image.dpi)
    text_ink = despeckle(cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(rulings.both, np.ones((3, 3), np.uint8)))),
                         image.dpi)
    tables = find_tables(rulings, text_ink, image.dpi)
    for_ocr = flat.copy()
    for_ocr[cv2.dilate(rulings.both, np.ones((3, 3), np.uint8)) > 0] = 255
    words = read_words(for_ocr, image.dpi, source=f"page {image.page_no}")
    frame = _Frame(cv2.invertAffineTransform(matrix), image.dpi)
    in_table: set[int] = set()
    readings = []
    for table in tables:
        rows, taken = _table_rows(table, words, text_ink, frame)
        in_table |= taken
        readings.append(TableReading(rows, table.open_bottom, frame.to_bbox(table.box).bottom))
    free = [word for index, word in enumerate(words) if index not in in_table]
    lines = [Line(text, image.page_no) for text in _text_lines(free)]
    return PageReading(image.page_no, lines, readings)


def _table_rows(table: Table, words: list[Word], ink: np.ndarray,
                frame: _Frame) -> tuple[list[tuple[Cell, ...]], set[int]]:
    """The table's grid rows as cells: a merged cell's text sits in its top-left grid position."""
    owner = {}
    for number, cell in enumerate(table.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                owner[(r, c)] = number
    contents: dict[int, list[Word]] = {number: [] for number in range(len(table.cells))}
    taken = set()
    box = table.box
    for index, word in enumerate(words):
        x, y = word.centre
        if not box.contains(x, y):
            continue
        r, c = _grid_index(table.ys, y), _grid_index(table.xs, x)
        contents[owner[(r, c)]].append(word)
        taken.add(index)
    grid: list[list[Cell]] = [[Cell("") for _ in range(table.column_count)] for _ in range(table.row_count)]
    for number, cell in enumerate(table.cells):
        grid[cell.row][cell.column] = _cell(contents[number], cell.box, ink, frame)
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                if (r, c) != (cell.row, cell.column):
                    grid[r][c] = Cell("", frame.to_bbox(_grid_box(table, r, c)))
    return [tuple(row) for row in grid], taken


def _grid_index(bounds: list[int], position: float) -> int:
    for index in range(len(bounds) - 1):
        if position < bounds[index + 1]:
            return index
    return len(bounds) - 2


def _grid_box(table: Table, row: int, column: int) -> Box:
    return Box(table.xs[column], table.ys[row], table.xs[column + 1], table.ys[row + 1])


def _cell(words: list[Word], box: Box, ink: np.ndarray, frame: _Frame) -> Cell:
    bbox = frame.to_bbox(box)
    if not words:
        return Cell("", bbox, 0.0 if _has_ink(ink, box) else None)
    text = "\n".join(" ".join(word.text for word in line) for line in _group_lines(words))
    return Cell(text, bbox, round(statistics.fmean(word.confidence for word in words), 1))


def _has_ink(ink: np.ndarray, box: Box) -> bool:
    """Does the inside of the cell (away from its rulings) hold print that no word was read from?"""
    inset = max(2, (box.y1 - box.y0) // 12)
    inside = ink[box.y0 + inset:box.y1 - inset, box.x0 + inset:box.x1 - inset]
    if inside.size == 0:
        return False
    inside = cv2.morphologyEx(inside, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # noise specks are not print
    return bool(np.count_nonzero(inside) > EMPTY_CELL_INK_SHARE * inside.size)


def _text_lines(words: list[Word]) -> list[str]:
    """Running text: words grouped into printed lines, top to bottom."""
    return [" ".join(word.text for word in line) for line in _group_lines(words)]


def _group_lines(words: list[Word]) -> list[list[Word]]:
    """Words that share a printed line (their vertical extents overlap by half), each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        centre = (word.top + word.bottom) / 2
        for line in reversed(lines[-3:]):
            top = statistics.median(w.top for w in line)
            bottom = statistics.median(w.bottom for w in line)
            if top <= centre <= bottom and not _overlaps_in_line(word, line):
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.left) for line in lines]


def _overlaps_in_line(word: Word, line: list[Word]) -> bool:
    """Two words cannot stand on the same spot of one line: the word belongs to another line."""
    return any(min(word.right, w.right) - max(word.left, w.left) > 0.5 * min(word.width, w.width) for w in line)


def page_lines(readings: list[PageReading]) -> list[Line]:
    """The running text of all pages, in page order."""
    return [line for reading in readings for line in reading.lines]


def table_rows(readings: list[PageReading]) -> list[Row]:
    """The table rows of all pages, with page, segment (one per page the table continues on) and page-bottom hints."""
    bottoms = [table.bottom_pt for reading in readings for table in reading.tables]
    lowest = max(bottoms, default=0.0)
    rows: list[Row] = []
    segment = -1
    table_pages = [reading for reading in readings if reading.tables]
    for position, reading in enumerate(table_pages):
        segment += 1
        continued = position + 1 < len(table_pages)
        for number, table in enumerate(reading.tables):
            last_table = number == len(reading.tables) - 1
            fills_page = table.open_bottom or (continued and table.bottom_pt >= lowest - BOTTOM_TOLERANCE_INCHES * 72)
            for index, cells in enumerate(table.rows):
                at_bottom = last_table and index == len(table.rows) - 1 and fills_page
                rows.append(Row(cells=cells, page=reading.page_no, segment=segment, reaches_page_bottom=at_bottom))
    return rows


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise EncryptedSourceError(path, "the PDF is password-protected; ask the issuer for an open copy") from error
        raise CorruptSourceError(path, f"the PDF cannot be opened ({message}); re-download or re-scan it") from error
    if len(pdf) == 0:
        pdf.close()
        raise EmptySourceError(path, "the PDF has no pages")
    return pdf
