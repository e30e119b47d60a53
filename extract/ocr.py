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
from extract.mosaic import reread
from extract.tesseract import Word, read_words

TEXT_LAYER_MIN_CHARS = 20  # fewer printable characters than this: the page has no usable text layer
IMAGE_MIN_SHARE = 0.5  # ... and an image covering this share of the page makes it a scan
EMPTY_CELL_INK_SHARE = 0.004  # a wordless cell with more ink than this share of its area was misread
REREAD_BELOW = 75  # a cell with a word read less surely than this is read again, alone and enlarged
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
    ruled = cv2.dilate(rulings.both, np.ones((3, 3), np.uint8)) > 0
    text_ink = despeckle(np.where(ruled, 0, ink).astype(np.uint8), image.dpi)
    tables = find_tables(rulings, text_ink, image.dpi)
    for_ocr = np.where(ruled, 255, flat).astype(np.uint8)
    source = f"page {image.page_no}"
    words = read_words(for_ocr, image.dpi, source=source)
    frame = _Frame(cv2.invertAffineTransform(matrix), image.dpi)
    in_table: set[int] = set()
    contents: list[list[list[Word]]] = []
    for table in tables:
        by_cell, taken = _words_by_cell(table, words)
        contents.append(by_cell)
        in_table |= taken
    _reread_doubtful(for_ocr, text_ink, tables, contents, image.dpi, source)
    readings = [TableReading(_table_rows(table, by_cell, text_ink, frame), table.open_bottom,
                             frame.to_bbox(table.box).bottom)
                for table, by_cell in zip(tables, contents)]
    free = [word for index, word in enumerate(words) if index not in in_table]
    lines = [Line(text, image.page_no) for text in _text_lines(free)]
    return PageReading(image.page_no, lines, readings)


def _words_by_cell(table: Table, words: list[Word]) -> tuple[list[list[Word]], set[int]]:
    """The words whose centre falls in each printed cell of the table; the indices of the words taken."""
    owner = {}
    for number, cell in enumerate(table.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                owner[(r, c)] = number
    by_cell: list[list[Word]] = [[] for _ in table.cells]
    taken = set()
    for index, word in enumerate(words):
        x, y = word.centre
        if table.box.contains(x, y):
            by_cell[owner[(_grid_index(table.ys, y), _grid_index(table.xs, x))]].append(word)
            taken.add(index)
    return by_cell, taken


def _reread_doubtful(grey: np.ndarray, ink: np.ndarray, tables: list[Table], contents: list[list[list[Word]]],
                     dpi: float, source: str) -> None:
    """Read doubtful cells again, enlarged and alone; keep the second reading where it is surer."""
    doubtful = [(t, n) for t, table in enumerate(tables) for n, cell in enumerate(table.cells)
                if _doubtful(contents[t][n], ink, cell.box)]
    boxes = [_inner(tables[t].cells[n].box, dpi) for t, n in doubtful]
    for (t, n), again in zip(doubtful, reread(grey, boxes, dpi, source)):
        if _surer(again, contents[t][n]):
            contents[t][n] = again


def _doubtful(words: list[Word], ink: np.ndarray, box: Box) -> bool:
    if not words:
        return _has_ink(ink, box)
    return min(w.confidence for w in words) < REREAD_BELOW


def _surer(again: list[Word], first: list[Word]) -> bool:
    if not again:
        return False
    if not first:
        return True
    return statistics.fmean(w.confidence for w in again) > statistics.fmean(w.confidence for w in first)


def _inner(box: Box, dpi: float) -> Box:
    """The cell without its rulings."""
    inset = max(1, int(dpi * 0.01))
    return Box(box.x0 + inset, box.y0 + inset, max(box.x0 + inset + 1, box.x1 - inset),
               max(box.y0 + inset + 1, box.y1 - inset))


def _table_rows(table: Table, by_cell: list[list[Word]], ink: np.ndarray, frame: _Frame) -> list[tuple[Cell, ...]]:
    """The table's grid rows as cells: a merged cell's text sits in its top-left grid position."""
    grid: list[list[Cell]] = [[Cell("") for _ in range(table.column_count)] for _ in range(table.row_count)]
    for number, cell in enumerate(table.cells):
        grid[cell.row][cell.column] = _cell(by_cell[number], cell.box, ink, frame)
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                if (r, c) != (cell.row, cell.column):
                    grid[r][c] = Cell("", frame.to_bbox(_grid_box(table, r, c)))
    return [tuple(row) for row in grid]


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
    """Words in printed lines, top to bottom, each left to right.

    Tesseract's own lines come first; two of its lines that stand side by side on
    the same height (a label and its text, parts of one line split into blocks)
    are one printed line.
    """
    by_key: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        by_key.setdefault(word.line, []).append(word)
    pieces = sorted(by_key.values(), key=lambda line: statistics.median((w.top + w.bottom) / 2 for w in line))
    lines: list[list[Word]] = []
    for piece in pieces:
        if lines and _same_height(lines[-1], piece) and not _side_overlap(lines[-1], piece):
            lines[-1].extend(piece)
        else:
            lines.append(list(piece))
    return [sorted(line, key=lambda w: w.left) for line in lines]


def _same_height(line: list[Word], piece: list[Word]) -> bool:
    """Do the two word groups overlap vertically by more than half the lower one's height?"""
    top, bottom = statistics.median(w.top for w in line), statistics.median(w.bottom for w in line)
    piece_top, piece_bottom = statistics.median(w.top for w in piece), statistics.median(w.bottom for w in piece)
    overlap = min(bottom, piece_bottom) - max(top, piece_top)
    return overlap > 0.5 * min(bottom - top, piece_bottom - piece_top)


def _side_overlap(line: list[Word], piece: list[Word]) -> bool:
    """Do the two word groups cover the same stretch of the page horizontally?"""
    return min(max(w.right for w in line), max(w.right for w in piece)) > max(
        min(w.left for w in line), min(w.left for w in piece))


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
            last_filled = max((i for i, cells in enumerate(table.rows) if any(c.text for c in cells)), default=-1)
            for index, cells in enumerate(table.rows):
                at_bottom = last_table and index == last_filled and fills_page
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
