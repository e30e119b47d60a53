"""A table as a grid of cell boundaries, merged cells included: one model for every reader.

The boundaries are in the reader's own unit: pixels of a page image for scans
(`extract.image_tables`), points of a PDF page for digital PDFs (`extract.pdf.lattice`,
`plumber`, `words`).  Each reader finds its boundary positions its own way (ruling
masks, drawn lines, pdfplumber's cells, word columns); what a grid is, how nearby
positions become one boundary and how grid places join into merged cells is here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from extract.document import BBox

N = TypeVar("N", int, float)  # the unit: pixels (int) or points (float)


@dataclass(frozen=True)
class Box(Generic[N]):
    """A rectangle: x0, y0 inclusive, x1, y1 exclusive."""

    x0: N
    y0: N
    x1: N
    y1: N

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x < self.x1 and self.y0 <= y < self.y1


@dataclass(frozen=True)
class GridCell(Generic[N]):
    """A printed cell: its top-left grid place, how many grid rows/columns it spans, its box."""

    row: int
    column: int
    row_span: int
    column_span: int
    box: Box[N]

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_column(self) -> int:
        return self.column + self.column_span - 1

    @property
    def places(self) -> list[tuple[int, int]]:
        """The (row, column) grid places the cell covers."""
        return [(r, c) for r in range(self.row, self.last_row + 1) for c in range(self.column, self.last_column + 1)]


def grid_cell(xs: Sequence[N], ys: Sequence[N], row: int, column: int, last_row: int, last_column: int) -> GridCell[N]:
    """The cell covering grid rows row..last_row and columns column..last_column."""
    box = Box(xs[column], ys[row], xs[last_column + 1], ys[last_row + 1])
    return GridCell(row, column, last_row - row + 1, last_column - column + 1, box)


@dataclass
class Grid(Generic[N]):
    """One table: boundaries left to right and top to bottom, and its printed cells."""

    xs: list[N]  # column boundaries, len = columns + 1
    ys: list[N]  # row boundaries, len = rows + 1
    cells: list[GridCell[N]] = field(default_factory=list)
    method: str = ""  # how the grid was found: "pdf-lines", "pdfplumber-lines", "pdf-words", "image-lines"
    open_bottom: bool = False  # the last row has no closing line: cut by the page end
    open_top: bool = False  # the first row has no line above it: continued from the page before
    unruled: set[int] = field(default_factory=set)  # indices of ys found from white space, not lines

    @property
    def box(self) -> Box[N]:
        return Box(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def bbox(self) -> BBox:
        return BBox(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def row_count(self) -> int:
        return len(self.ys) - 1

    @property
    def column_count(self) -> int:
        return len(self.xs) - 1

    def cell_bbox(self, cell: GridCell[N]) -> BBox:
        return BBox(cell.box.x0, cell.box.y0, cell.box.x1, cell.box.y1)

    def shifted(self, dx: N, dy: N) -> Grid[N]:
        """The same grid with every boundary moved by (-dx, -dy)."""
        xs, ys = [x - dx for x in self.xs], [y - dy for y in self.ys]
        cells = [grid_cell(xs, ys, c.row, c.column, c.last_row, c.last_column) for c in self.cells]
        return Grid(xs, ys, cells, self.method, self.open_bottom, self.open_top, set(self.unruled))

    def cells_under(self, points: Iterable[tuple[float, float]]) -> list[int | None]:
        """For each (x, y), the index in `cells` of the cell under it (outside the grid: the nearest place)."""
        owners = {place: number for number, cell in enumerate(self.cells) for place in cell.places}
        last_row, last_column = self.row_count - 1, self.column_count - 1
        return [owners.get((min(max(bisect_right(self.ys, y) - 1, 0), last_row),
                            min(max(bisect_right(self.xs, x) - 1, 0), last_column))) for x, y in points]


def cluster(positions: Sequence[N], tolerance: float) -> list[float]:
    """Positions closer than `tolerance` to their neighbour merged into their mean, sorted."""
    groups: list[list[N]] = []
    for position in sorted(positions):
        if groups and position - groups[-1][-1] <= tolerance:
            groups[-1].append(position)
        else:
            groups.append([position])
    return [sum(group) / len(group) for group in groups]


def merged_cells(xs: Sequence[N], ys: Sequence[N], wall_right: Callable[[int, int], bool],
                 wall_below: Callable[[int, int], bool]) -> list[GridCell[N]]:
    """Grid places joined into printed cells where no wall separates them, top to bottom, left to right.

    `wall_right(r, c)`: a line between place (r, c) and (r, c + 1); `wall_below(r, c)`:
    between (r, c) and (r + 1, c).  A cell grows right while no wall stops it, then down
    while no wall runs under any of its columns.
    """
    rows, columns = len(ys) - 1, len(xs) - 1
    right = [[wall_right(r, c) for c in range(columns - 1)] for r in range(rows)]
    below = [[wall_below(r, c) for c in range(columns)] for r in range(rows - 1)]
    taken = [[False] * columns for _ in range(rows)]
    cells: list[GridCell[N]] = []
    for r in range(rows):
        for c in range(columns):
            if taken[r][c]:
                continue
            last_column = c
            while last_column + 1 < columns and not right[r][last_column] and not taken[r][last_column + 1]:
                last_column += 1
            last_row = r
            while last_row + 1 < rows and not any(below[last_row][k] or taken[last_row + 1][k]
                                                  for k in range(c, last_column + 1)):
                last_row += 1
            cell = grid_cell(xs, ys, r, c, last_row, last_column)
            for row, column in cell.places:
                taken[row][column] = True
            cells.append(cell)
    return cells
