"""A table as a grid of column and row boundaries, with merged cells, and its cell texts."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from extract.document import BBox
from extract.pdf.page import Char
from extract.pdf.text import text_lines


@dataclass(frozen=True)
class GridCell:
    """A printed cell: the band rows/columns it covers (merged cells cover several)."""

    row: int
    col: int
    last_row: int
    last_col: int


@dataclass
class Grid:
    """A table found on a page: boundaries top-to-bottom and left-to-right, and its cells."""

    xs: list[float]  # column boundaries, len = columns + 1
    ys: list[float]  # row boundaries, len = rows + 1
    cells: list[GridCell]
    method: str  # "pdf-lines" or "pdf-words"
    open_bottom: bool = False  # the last row has no closing line: cut by the page end

    @property
    def bbox(self) -> BBox:
        return BBox(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def row_count(self) -> int:
        return len(self.ys) - 1

    @property
    def column_count(self) -> int:
        return len(self.xs) - 1

    def cell_bbox(self, cell: GridCell) -> BBox:
        return BBox(self.xs[cell.col], self.ys[cell.row], self.xs[cell.last_col + 1], self.ys[cell.last_row + 1])


@dataclass(frozen=True)
class FilledCell:
    """A cell with the text printed in it, lines joined by "\\n"."""

    cell: GridCell
    text: str
    bold: bool  # every character of the text is bold


def fill(grid: Grid, chars: list[Char]) -> list[FilledCell]:
    """Put every character into the cell under its centre; each cell's text in reading order."""
    owner: dict[tuple[int, int], int] = {}
    for number, cell in enumerate(grid.cells):
        for row in range(cell.row, cell.last_row + 1):
            for col in range(cell.col, cell.last_col + 1):
                owner[row, col] = number
    members: list[list[Char]] = [[] for _ in grid.cells]
    xs, ys, last_row, last_col = grid.xs, grid.ys, grid.row_count - 1, grid.column_count - 1
    for char in chars:  # the hottest loop of the digital path: the centre and the clamping inline
        col = bisect_right(xs, (char.x0 + char.x1) / 2) - 1
        row = bisect_right(ys, (char.top + char.bottom) / 2) - 1
        row = 0 if row < 0 else last_row if row > last_row else row
        col = 0 if col < 0 else last_col if col > last_col else col
        number = owner.get((row, col))
        if number is not None:
            members[number].append(char)
    filled: list[FilledCell] = []
    for cell, cell_chars in zip(grid.cells, members):
        lines = text_lines(cell_chars)
        printed = [c for c in cell_chars if not c.text.isspace()]
        filled.append(FilledCell(cell, "\n".join(lines), bool(printed) and all(c.bold for c in printed)))
    return filled
