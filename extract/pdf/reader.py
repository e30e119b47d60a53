"""Digital PDF -> Document: the matrix rows of every page and the running text around them.

Each page is read once (characters and ruling lines) by one of two engines:
PDFium (page.py, fast) or pdfplumber (plumber.py, sees tables drawn as boxes or
shading too).  Its tables are the ruled grids on it ("pdf-lines" from PDFium's
lines, "pdfplumber-lines" from pdfplumber's table finder); a page without ruling
lines may still hold the matrix with columns aligned by whitespace only
("pdf-words").  Characters outside the tables become the decree's lines.  Both
engines share this module's stitching: cells, rows, running text, page ends.

With engine="auto" every page is read with PDFium first; a page whose drawings
PDFium could not turn into the matrix grid (no ruled grid where the matrix shows
or continues, or a grid that disagrees with the matrix's columns) is read again
with pdfplumber, and its reading is kept when it agrees with the matrix.  The
file is opened with pdfplumber only when a page needs it.

Pages without a text layer are scans: they go to the `scanned_page_reader` when
one is given, else they are left out.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import pypdfium2 as pdfium

from extract.document import Cell, Document, Line, Row
from extract.errors import CorruptSourceError
from extract.grid import Grid
from extract.header import header_index, roles_named
from extract.pdf.cells import fill
from extract.pdf.lattice import find_grids
from extract.pdf.opening import open_pdf
from extract.pdf.page import Char, PageContent, read_page
from extract.pdf.plumber import PlumberPages
from extract.pdf.text import group_lines, line_text
from extract.pdf.words import ColumnHint, column_texts, find_word_grid

log = logging.getLogger(__name__)

_FURNITURE_BAND = 0.1  # page numbers sit in the top or bottom tenth of the page
_CLEAR_END = 3.0  # lines of space left under a table that ended before the page did


@dataclass
class PageResult:
    """What one page gave: its running text and its matrix rows (segment filled in later)."""

    lines: list[Line] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    method: str | None = None  # how the rows were read, None when the page has none
    table_end: TableEnd | None = None  # where the page's last table stops, when it may continue


@dataclass(frozen=True)
class TableEnd:
    """The bottom of a page's last table, to compare with the other pages' table bottoms."""

    bottom: float
    line_height: float  # of the table's text
    page_size: tuple[int, int]
    open: bool = False  # its borders run on to the margin without a closing line: surely cut


# Reads a page without a text layer (a scan): the pdfium page and its 1-based number.
ScannedPageReader = Callable[[pdfium.PdfPage, int], PageResult]

ENGINES = ("auto", "pdfium", "pdfplumber")
_RULED = frozenset(("pdf-lines", "pdfplumber-lines"))
_SHADED_TABLE = 6  # filled boxes on a page: enough for a header and a row of a table drawn as cell shading


@dataclass
class _PageRead:
    """One text page as an engine read it, with what choosing between engines looks at."""

    result: PageResult
    next_hint: ColumnHint | None
    grids: list[Grid[float]]
    chars: list[Char]  # the page's characters, furniture left out


def read_pdf(path: Path, scanned_page_reader: ScannedPageReader | None = None, engine: str = "auto") -> Document:
    """Read a digital PDF decree into a Document.

    `engine` reads the text pages: "pdfium", "pdfplumber", or "auto" (PDFium, and
    pdfplumber for the pages PDFium cannot read the matrix of); each page's method
    goes into `extraction_method`.  source_format is "pdf", or "pdf_scanned" when
    no page has a text layer; the scanned pages of a mixed file are left out unless
    `scanned_page_reader` reads them.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; choose one of {', '.join(ENGINES)}")
    pdf = open_pdf(path)
    plumber = PlumberPages(path)
    try:
        results: list[PageResult] = []
        hint: ColumnHint | None = None
        skipped: list[int] = []
        text_pages = 0
        for index in range(len(pdf)):
            page = _page(pdf, index, path)
            try:
                read = _read_text_page(page, index, hint, engine, plumber)
                if read is not None:
                    text_pages += 1
                    result, hint = read.result, read.next_hint
                elif scanned_page_reader is not None:
                    result, hint = scanned_page_reader(page, index + 1), None
                else:
                    result = PageResult()
                    skipped.append(index + 1)
            finally:
                page.close()
            results.append(result)
        if skipped:
            log.warning("%s: pages without a text layer left out (scans need OCR): %s",
                        path, ", ".join(map(str, skipped)))
        return _document(path, results, len(pdf), "pdf" if text_pages else "pdf_scanned")
    finally:
        plumber.close()
        pdf.close()


def _read_text_page(page: pdfium.PdfPage, index: int, hint: ColumnHint | None, engine: str,
                    plumber: PlumberPages) -> _PageRead | None:
    """A page with a text layer, read by the engine chosen for it; None when the page has no text."""
    if engine == "pdfplumber":
        slow = plumber.read(index)
        return _tables_and_text(slow.content, slow.grids, hint) if slow.content.chars else None
    content = read_page(page, index + 1)
    if not content.chars or content.is_scan:
        return None
    fast = _tables_and_text(content, find_grids(content.rulings), hint)
    if engine == "auto" and plumber.error is None and _worth_a_second_look(fast, content, hint):
        try:
            slow = plumber.read(index)
        except CorruptSourceError as error:
            log.warning("%s: page %d: %s; PDFium's reading kept", plumber.path, index + 1, error.detail)
            return fast
        if slow.content.chars:
            second = _tables_and_text(slow.content, slow.grids, hint)
            if _agrees(second, hint):
                log.debug("%s: page %d read with pdfplumber (PDFium read it as %s)", plumber.path, index + 1,
                          fast.result.method)
                return second
    return fast


def _worth_a_second_look(read: _PageRead, content: PageContent, hint: ColumnHint | None) -> bool:
    """Does the page draw something PDFium did not turn into the matrix grid where the matrix shows?

    The matrix shows when the page continues the previous page's table, names the
    header roles, was read as an unruled table, or draws many filled boxes (cell
    shading); PDFium missed it when it found no ruled grid there, or one that
    disagrees with the matrix's columns.
    """
    if not content.drawings or _agrees(read, hint):
        return False
    if hint is not None or read.result.method == "pdf-words":
        return True
    if not read.grids and content.boxes >= _SHADED_TABLE:  # a table of shaded cells, header unseen in the words
        return True
    if read.grids:  # a ruled grid, not the matrix's: does the page show the matrix header?
        return _header_row(read.result.rows) is not None or find_word_grid(group_lines(read.chars), None) is not None
    return False


def _agrees(read: _PageRead, hint: ColumnHint | None) -> bool:
    """Is the page's first table a ruled grid that fits the matrix?

    It fits when it has the columns of the table it continues, or when it has a
    header row whose cells name as many roles as the header's printed words do
    (columns drawn without a border PDFium saw are read as one cell and name fewer).
    """
    if not read.grids or read.grids[0].method not in _RULED:
        return False
    if hint is not None and read.grids[0].column_count == len(hint.xs) - 1:
        return True
    header = _header_row(read.result.rows)
    if header is None or header.bbox is None:
        return False
    box = header.bbox
    printed = [c for c in read.chars if box.x0 <= c.mid_x <= box.x1 and box.top <= c.mid_y <= box.bottom]
    return len(roles_named(header.texts)) >= len(roles_named(column_texts(group_lines(printed))))


def _header_row(rows: list[Row]) -> Row | None:
    """The first row whose cells name enough matrix roles to be the header (vocabulary/data/layout.toml)."""
    index = header_index([row.texts for row in rows])
    return None if index is None else rows[index]


def _page(pdf: pdfium.PdfDocument, index: int, path: Path) -> pdfium.PdfPage:
    try:
        return pdf[index]
    except pdfium.PdfiumError as error:
        raise CorruptSourceError(path, f"page {index + 1} cannot be loaded (damaged PDF); download it again "
                                       "or repair it (qpdf) and curate again") from error


def read_page_content(content: PageContent, hint: ColumnHint | None) -> tuple[PageResult, ColumnHint | None]:
    """One PDFium page's tables and running text; the column hint for the next page's unruled table."""
    read = _tables_and_text(content, find_grids(content.rulings), hint)
    return read.result, read.next_hint


def _tables_and_text(content: PageContent, grids: list[Grid[float]], hint: ColumnHint | None) -> _PageRead:
    """A page's rows and running text, given the ruled grids an engine found on it.

    Without ruled grids the page may hold an unruled table (`hint`: the columns of
    the table the previous page left running).
    """
    chars = _without_furniture(content)
    if grids:
        by_grid, outside = _partition(chars, grids)
        text_groups = group_lines(outside)
        body = _unruled_body(grids[-1], text_groups)
        if body is not None:  # rules around the header only: the body below is set in its columns
            grids, by_grid = [*grids, body[0]], [*by_grid, body[1]]
            text_groups = body[2]
    else:
        groups = group_lines(chars)
        word_grid = find_word_grid(groups, hint)
        grids = [word_grid] if word_grid is not None else []
        by_grid, text_groups = _partition_lines(groups, word_grid)
    placed = _lines(text_groups, content.number)
    rows = _rows(grids, by_grid, content, [top for _, top in placed])
    result = PageResult([line for line, _ in placed], rows, grids[0].method if grids else None)
    if rows and rows[-1].reaches_page_bottom:
        heights = sorted(c.bottom - c.top for c in by_grid[-1]) or [10.0]
        result.table_end = TableEnd(grids[-1].bbox.bottom, heights[len(heights) // 2],
                                    (round(content.width), round(content.height)), grids[-1].open_bottom)
    next_hint = ColumnHint.from_grid(grids[-1]) if grids and rows and rows[-1].reaches_page_bottom else None
    return _PageRead(result, next_hint, grids, chars)


_HEADER_BANDS = 3  # a ruled grid of at most this many rows may be a header whose body is unruled


def _unruled_body(grid: Grid[float], groups: list[list[Char]]) -> tuple[Grid[float], list[Char], list[list[Char]]] | None:
    """The unruled table under a ruled grid of a few rows (a header ruled alone), in the grid's columns.

    Returns the body's word grid, its characters, and the lines left outside it; None when
    the grid is no such header or nothing under it fits its columns.
    """
    if grid.row_count > _HEADER_BANDS:
        return None
    below = [line for line in groups if min(c.top for c in line) >= grid.bbox.bottom - 1.0]
    if not below:
        return None
    body = find_word_grid(below, ColumnHint.from_grid(grid))
    if body is None or body.ys[0] > grid.bbox.bottom + 3 * _line_height(below):
        return None
    inside, outside = _partition_lines(groups, body)
    return body, inside[0], outside


def _line_height(groups: list[list[Char]]) -> float:
    heights = sorted(max(c.bottom for c in line) - min(c.top for c in line) for line in groups)
    return heights[len(heights) // 2]


def _partition(chars: list[Char], grids: list[Grid[float]]) -> tuple[list[list[Char]], list[Char]]:
    """The characters inside each grid (by their centre), and those outside all of them."""
    boxes = [(g.xs[0] - 1.0, g.ys[0] - 1.0, g.xs[-1] + 1.0, g.ys[-1] + 1.0) for g in grids]
    inside: list[list[Char]] = [[] for _ in grids]
    outside: list[Char] = []
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        for number, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= x <= x1 and top <= y <= bottom:
                inside[number].append(char)
                break
        else:
            outside.append(char)
    return inside, outside


def _partition_lines(groups: list[list[Char]], grid: Grid[float] | None) -> tuple[list[list[Char]], list[list[Char]]]:
    """An unruled table is made of whole lines: the characters of its lines, and the other lines."""
    if grid is None:
        return [], groups
    top, bottom = grid.ys[0], grid.ys[-1]
    inside = [line for line in groups if top <= (line[0].top + line[0].bottom) / 2 <= bottom]
    outside = [line for line in groups if not top <= (line[0].top + line[0].bottom) / 2 <= bottom]
    return [[c for line in inside for c in line]], outside


@cache
def _page_number() -> re.Pattern[str]:
    """A page number as printed in a margin, words from extract/data/pdf.toml."""
    words = tomllib.loads(resources.files("extract").joinpath("data", "pdf.toml").read_text(encoding="utf-8"))
    page = "|".join(re.escape(w) for w in words["furniture"]["page_words"])
    of = "|".join(re.escape(w) for w in words["furniture"]["of_words"])
    return re.compile(rf"^[\s\-–—.]*(?:(?:{page})\s*)?\d{{1,4}}(?:\s*(?:{of})\s*\d{{1,4}})?[\s\-–—.]*$", re.IGNORECASE)


def _without_furniture(content: PageContent) -> list[Char]:
    """The page's characters without the page number printed in its top or bottom margin."""
    band = content.height * _FURNITURE_BAND
    margins = [c for c in content.chars if c.top < band or c.bottom > content.height - band]
    furniture = {id(c) for line in group_lines(margins) if _page_number().match(line_text(line)) for c in line}
    return [c for c in content.chars if id(c) not in furniture] if furniture else content.chars


def _lines(groups: list[list[Char]], page: int) -> list[tuple[Line, float]]:
    """The running text, top to bottom, each line with its top."""
    lines: list[tuple[Line, float]] = []
    for group in groups:
        text = line_text(group)
        if text:
            printed = [c for c in group if not c.text.isspace()]
            lines.append((Line(text, page, bold=all(c.bold for c in printed)), min(c.top for c in group)))
    return lines


def _rows(grids: list[Grid[float]], by_grid: list[list[Char]], content: PageContent, line_tops: list[float]) -> list[Row]:
    rows: list[Row] = []
    for number, (grid, grid_chars) in enumerate(zip(grids, by_grid)):
        by_row: dict[int, list] = {}
        for cell in fill(grid, grid_chars):
            by_row.setdefault(cell.cell.row, []).append(cell)
        last_grid = number == len(grids) - 1
        ends_page = last_grid and not any(top >= grid.bbox.bottom - 0.5 for top in line_tops)
        covered = {(band, col) for cell in grid.cells for band in range(cell.row + 1, cell.last_row + 1)
                   for col in range(cell.column, cell.last_column + 1)}
        for band in range(grid.row_count):
            filled = by_row.get(band, [])
            if not any(f.text for f in filled):
                continue
            cells = [Cell("", covered=(band, col) in covered) for col in range(grid.column_count)]
            for f in filled:
                cells[f.cell.column] = Cell(f.text, grid.cell_bbox(f.cell))
            texts = [f for f in filled if f.text]
            rows.append(Row(
                cells=tuple(cells),
                page=content.number,
                segment=0,
                bold=all(f.bold for f in texts),
                reaches_page_bottom=ends_page and band == _last_text_band(by_row),
            ))
    return rows


def _last_text_band(by_row: dict[int, list]) -> int:
    return max(band for band, filled in by_row.items() if any(f.text for f in filled))


def _settle_page_ends(results: list[PageResult]) -> None:
    """A table stopping well above where tables stop on other pages of its size ended there.

    Rows that a page break cuts run to the bottom margin; the lowest table bottom
    among pages of one size marks it.  A last row ending more than a few lines
    above that mark was not cut: its `reaches_page_bottom` becomes False.
    """
    lowest: dict[tuple[int, int], float] = {}
    for result in results:
        if result.table_end is not None:
            size = result.table_end.page_size
            lowest[size] = max(lowest.get(size, 0.0), result.table_end.bottom)
    for result in results:
        end = result.table_end
        if end is not None and not end.open and lowest[end.page_size] - end.bottom > _CLEAR_END * end.line_height:
            last = result.rows[-1]
            result.rows[-1] = Row(last.cells, last.page, last.segment, last.bold, False)


def _document(path: Path, results: list[PageResult], page_count: int, source_format: str) -> Document:
    _settle_page_ends(results)
    rows: list[Row] = []
    segment = -1
    for result in results:
        if result.rows:
            segment += 1
        rows.extend(Row(r.cells, r.page, segment, r.bold, r.reaches_page_bottom) for r in result.rows)
    methods = sorted({r.method for r in results if r.method})
    return Document(
        source=path,
        source_format=source_format,
        extraction_method="+".join(methods) if methods else ("pdf-text" if source_format == "pdf" else "none"),
        page_count=page_count,
        lines=[line for result in results for line in result.lines],
        rows=rows,
    )
