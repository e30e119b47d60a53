"""A second page engine: pdfplumber's characters and its ruled-table finder.

PDFium's path reading (page.py, lattice.py) sees stroked lines and thin filled
bars.  pdfplumber turns every drawn line, box and curve into edges, so it also
finds grids drawn as cell shading or framed boxes.  It is several times slower,
so the reader uses it for the pages the fast path cannot read (reader.py).

A page read here gives what a PDFium page gives: its characters (`page.Char`) and
its tables as `extract.grid.Grid`s with merged cells, by the same conventions as the
lattice builder: column boundaries at the cells' sides, row boundaries at their
tops and bottoms, and a row cut by the page end (its column borders running on
to the margin without a closing line) is a row of its own, the grid `open_bottom`.
The reader builds rows and running text from these exactly as for PDFium pages.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import CorruptSourceError
from extract.grid import Grid, GridCell, cluster, grid_cell
from extract.pdf.page import Char, PageContent, font_is_bold, spelled

if TYPE_CHECKING:  # pdfplumber is imported only when a page is read with it
    import pdfplumber

METHOD = "pdfplumber-lines"
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}
_SNAP = 1.5  # points: cell sides closer than this are one boundary
_MIN_COLUMNS = 2  # as for the lattice builder
_MIN_EDGE = 3.0  # points: shorter edges are glyph-like marks, not borders


@dataclass
class PlumberPage:
    """One page as pdfplumber reads it: characters, and its ruled tables top to bottom."""

    content: PageContent
    grids: list[Grid[float]]


class PlumberPages:
    """The pages of one PDF read with pdfplumber; the file is opened on the first page asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: pdfplumber.PDF | None = None
        self.error: CorruptSourceError | None = None  # set when pdfplumber cannot open the file

    def read(self, index: int) -> PlumberPage:
        """Page `index` (0-based): its characters and, when it has text, its ruled tables.

        Coordinates are taken from the top-left of the page's crop box, as PDFium's are.
        """
        from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

        page = self._open().pages[index]
        try:
            x0, top, x1, bottom = (float(v) for v in page.cropbox)
            chars = _chars(page, x0, top)
            content = PageContent(index + 1, x1 - x0, bottom - top, chars=chars)
            grids = [_shifted(grid, x0, top) for grid in _grids(page)] if chars else []
        except (PdfminerException, MalformedPDFException) as error:
            raise CorruptSourceError(self.path, f"page {index + 1} cannot be parsed by pdfplumber (damaged PDF); "
                                                "repair it (qpdf) and curate again") from error
        finally:
            page.close()
        return PlumberPage(content, grids)

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def _open(self) -> pdfplumber.PDF:
        if self.error is not None:
            raise self.error
        if self._pdf is None:
            import pdfplumber
            from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

            try:
                self._pdf = pdfplumber.open(self.path)
            except (PdfminerException, MalformedPDFException) as error:
                self.error = CorruptSourceError(self.path, "pdfplumber cannot parse the PDF (damaged); repair it "
                                                           "(qpdf) and curate again")
                raise self.error from error
        return self._pdf


def _chars(page: pdfplumber.page.Page, left: float, top: float) -> list[Char]:
    """The page's characters, boxes in points from (`left`, `top`) of the displayed page."""
    bold_by_font: dict[str, bool] = {}
    chars: list[Char] = []
    for char in page.chars:
        text = spelled(char["text"])
        if not text or text in ("\n", "\r"):
            continue
        name = char["fontname"]
        bold = bold_by_font.get(name)
        if bold is None:
            bold = bold_by_font[name] = font_is_bold(name)
        chars.append(Char(text, char["x0"] - left, char["top"] - top, char["x1"] - left, char["bottom"] - top,
                          char["size"], bold))
    return chars


def _shifted(grid: Grid[float], left: float, top: float) -> Grid[float]:
    return grid.shifted(left, top) if left or top else grid


def _grids(page: pdfplumber.page.Page) -> list[Grid[float]]:
    """The page's ruled tables (pdfplumber `find_tables`, lines strategy) as grids."""
    tables = page.find_tables(table_settings=TABLE_SETTINGS)
    if not tables:
        return []
    verticals = [(edge["x0"], edge["top"], edge["bottom"]) for edge in page.edges
                 if edge["orientation"] == "v" and edge["bottom"] - edge["top"] >= _MIN_EDGE]
    grids = [grid for table in tables if (grid := table_grid(table.cells, verticals)) is not None]
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def table_grid(cells: list[tuple[float, float, float, float]],
               verticals: list[tuple[float, float, float]]) -> Grid[float] | None:
    """A table's cells (x0, top, x1, bottom) as a grid; `verticals` (x, top, bottom) find its open ends.

    A cell covering several column or row bands is a merged cell.  The column
    borders of a row cut by the page end run on past the table's last closed row:
    that stretch becomes one more row, and the grid is `open_bottom` (likewise a
    row cut at the top of a continuation page).
    """
    xs = cluster([c[0] for c in cells] + [c[2] for c in cells], _SNAP)
    ys = cluster([c[1] for c in cells] + [c[3] for c in cells], _SNAP)
    if len(xs) - 1 < _MIN_COLUMNS or len(ys) < 2:
        return None
    borders = [v for v in verticals if _at(v[0], xs) and v[1] <= ys[-1] + _SNAP and v[2] >= ys[0] - _SNAP]
    open_top = bool(borders) and min(v[1] for v in borders) < ys[0] - _SNAP
    open_bottom = bool(borders) and max(v[2] for v in borders) > ys[-1] + _SNAP
    if open_top:
        ys.insert(0, min(v[1] for v in borders))
    if open_bottom:
        ys.append(max(v[2] for v in borders))
    placed = [grid_cell(xs, ys, _index(ys, top), _index(xs, x0), _index(ys, bottom) - 1, _index(xs, x1) - 1)
              for x0, top, x1, bottom in cells]
    return Grid(xs, ys, placed + _unplaced(xs, ys, placed, borders), METHOD, open_bottom)


def _unplaced(xs: list[float], ys: list[float], placed: list[GridCell[float]],
              borders: list[tuple[float, float, float]]) -> list[GridCell[float]]:
    """Cells for the grid places no found cell covers (a cut row): joined where no border runs between."""
    taken = {place for cell in placed for place in cell.places}
    cells: list[GridCell[float]] = []
    for row in range(len(ys) - 1):
        middle = (ys[row] + ys[row + 1]) / 2
        col = 0
        while col < len(xs) - 1:
            if (row, col) in taken:
                col += 1
                continue
            last = col
            while (last + 1 < len(xs) - 1 and (row, last + 1) not in taken
                   and not any(abs(x - xs[last + 1]) <= _SNAP and top <= middle <= bottom for x, top, bottom in borders)):
                last += 1
            cells.append(grid_cell(xs, ys, row, col, row, last))
            col = last + 1
    return cells


def _at(value: float, bounds: list[float]) -> bool:
    return abs(bounds[_index(bounds, value)] - value) <= _SNAP


def _index(bounds: list[float], value: float) -> int:
    """The index of the boundary nearest to `value`."""
    at = bisect_left(bounds, value)
    if at == 0:
        return 0
    if at == len(bounds):
        return len(bounds) - 1
    return at if bounds[at] - value < value - bounds[at - 1] else at - 1
