"""Unruled tables: columns aligned by whitespace only, rows separated by wider line gaps.

The table is anchored on its header: a band of lines whose column blocks name at
least three matrix roles (the header vocabulary of vocabulary/data/layout.toml).
Column boundaries lie in the whitespace between header columns, where the body
text leaves a gutter.  A page without a header continues the previous page's
table when its lines fit that table's columns.  Rows are separated where the gap
between two lines is clearly wider than the gap between lines of one cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from extract.grid import Grid, GridCell, grid_cell
from extract.pdf.page import Char
from extract.pdf.text import line_text
from vocabulary import load
from vocabulary.headers import first_words, role_of

_GUTTER = 0.45  # a gap this many font sizes wide (wider than a space) separates two blocks on a line
_HEADER_LINES = 4  # a header cell wraps over at most this many lines
_CROSS = 1.0  # points a block may overhang a column boundary
_END_GAP = 2.5  # a gap of this many line heights ends the table
_PARAGRAPH_GAP = 0.3  # lines of one paragraph are less than this share of a line height apart
_ROW_PADDING = 2.0  # points: rows are at least this much further apart than lines of a cell


@dataclass(frozen=True)
class ColumnHint:
    """The column boundaries of a table that may continue on the next page."""

    xs: tuple[float, ...]

    @classmethod
    def from_grid(cls, grid: Grid[float]) -> ColumnHint:
        return cls(tuple(grid.xs))


@dataclass
class _Block:
    """Characters of one line standing together, separated from the next block by a gutter."""

    chars: list[Char]

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def text(self) -> str:
        return line_text(self.chars)


@dataclass
class _Line:
    blocks: list[_Block]
    top: float
    bottom: float


def find_word_grid(groups: list[list[Char]], hint: ColumnHint | None) -> Grid[float] | None:
    """The table laid out without ruling lines among a page's lines (`text.group_lines`), or None."""
    lines = _lines(groups)
    header = _header(lines)
    if header is not None:
        start, header_end, columns = header
        xs = _boundaries(columns, lines[header_end:])
    elif hint is not None:
        xs, header_end = list(hint.xs), 0
        fitting = next((i for i, line in enumerate(lines) if _fits(line, xs)), None)
        if fitting is None:
            return None
        start = fitting
    else:
        return None
    table = _table_lines(lines, start, max(header_end, start + 1), xs)
    if header is None and not any(len({_column(b, xs) for b in line.blocks}) > 1 for line in table):
        return None  # text in one column only: a signature or a note, not the table
    xs = [min(xs[0], *(line.blocks[0].x0 - 1.0 for line in table)), *xs[1:-1],
          max(xs[-1], *(line.blocks[-1].x1 + 1.0 for line in table))]
    ys, bands = _row_bands(table, header_lines=header_end - start if header else 0)
    cells = [cell for row, band in enumerate(bands) for cell in _row_cells(row, band, xs, ys)]
    return Grid(xs, ys, cells, "pdf-words")


def column_texts(groups: list[list[Char]]) -> list[str]:
    """The texts of a band of lines (`text.group_lines`) by column: blocks standing over each other joined."""
    return [text for _, _, text in _stacked_columns(_lines(groups))]


def _table_lines(lines: list[_Line], start: int, body_start: int, xs: list[float]) -> list[_Line]:
    """The table's lines: from `start` while they fit the columns and follow without a wide gap."""
    height = median([line.bottom - line.top for line in lines[start:body_start]])
    stop = body_start
    while (stop < len(lines) and _fits(lines[stop], xs)
           and lines[stop].top - lines[stop - 1].bottom <= _END_GAP * height):
        stop += 1
    return lines[start:stop]


def _column(block: _Block, xs: list[float]) -> int:
    return max(i for i, x in enumerate(xs[:-1]) if x <= block.x0 + _CROSS)


def _lines(groups: list[list[Char]]) -> list[_Line]:
    lines: list[_Line] = []
    for group in groups:
        printed = [c for c in group if not c.text.isspace()]
        if not printed:
            continue
        blocks: list[_Block] = [_Block([printed[0]])]
        for char in printed[1:]:
            previous = blocks[-1].chars[-1]
            if char.x0 - previous.x1 > _GUTTER * max(char.size, 1.0):
                blocks.append(_Block([char]))
            else:
                blocks[-1].chars.append(char)
        lines.append(_Line(blocks, min(c.top for c in printed), max(c.bottom for c in printed)))
    return lines


def _header(lines: list[_Line]) -> tuple[int, int, list[tuple[float, float]]] | None:
    """(first line, line after the header, column extents) of the first band naming the roles."""
    needed = load("layout")["header"]["min_known_roles"]
    for start in range(len(lines)):
        end = start + 1
        while end < len(lines) and end - start < _HEADER_LINES and _close(lines[end - 1], lines[end]):
            end += 1
        if sum(_may_name_role(block) for line in lines[start:end] for block in line.blocks) < needed:
            continue  # running text: too few blocks starting with a header word
        columns = _stacked_columns(lines[start:end])
        roles = {role_of(text) for _, _, text in columns} - {None}
        if len(roles) >= needed:
            return start, end, [(x0, x1) for x0, x1, _ in columns]
    return None


def _may_name_role(block: _Block) -> bool:
    """Does the block start with the first word of a header synonym (digital text: no OCR slips)?"""
    first = "".join(c.text for c in block.chars[:16]).split(" ")[0].split("/")[0].rstrip(".:").upper()
    return first in first_words()


def _close(upper: _Line, lower: _Line) -> bool:
    """Two lines of one wrapped header cell: set at the leading of one paragraph."""
    return lower.top - upper.bottom < (upper.bottom - upper.top) * 0.3


def _stacked_columns(lines: list[_Line]) -> list[tuple[float, float, str]]:
    """Blocks of consecutive lines that overlap horizontally, joined top to bottom."""
    columns: list[list] = []  # [x0, x1, [texts]]
    for line in lines:
        for block in line.blocks:
            match = next((c for c in columns if block.x0 <= c[1] and block.x1 >= c[0]), None)
            if match is None:
                columns.append([block.x0, block.x1, [block.text]])
            else:
                match[0], match[1] = min(match[0], block.x0), max(match[1], block.x1)
                match[2].append(block.text)
    return sorted((x0, x1, " ".join(texts)) for x0, x1, texts in columns)


def _boundaries(columns: list[tuple[float, float]], body: list[_Line]) -> list[float]:
    """Column boundaries: just left of where each column's text starts, in the gutter before it.

    Cell text is set flush left, so a column's left text edge is the same on every
    page, while the right edge of the column before it depends on the words.
    """
    blocks = [b for line in body for b in line.blocks]
    xs = [min([columns[0][0]] + [b.x0 for b in blocks if b.x1 < columns[1][0]]) - 1.0]
    for (_, left_end), (right_start, _) in zip(columns, columns[1:]):
        xs.append(_gutter_end(left_end, right_start, blocks) - 1.0)
    xs.append(max([columns[-1][1]] + [b.x1 for b in blocks if b.x0 > columns[-2][1]]) + 1.0)
    return xs


def _gutter_end(start: float, end: float, blocks: list[_Block]) -> float:
    """The right end of the widest stretch of [start, end] that the fewest blocks cover."""
    edges = sorted({start, end} | {b.x0 for b in blocks if start < b.x0 < end} | {b.x1 for b in blocks if start < b.x1 < end})
    best = (10**9, 0.0, end)
    for a, b in zip(edges, edges[1:]):
        middle = (a + b) / 2
        covering = sum(1 for block in blocks if block.x0 < middle < block.x1)
        if (covering, -(b - a)) < (best[0], -best[1]):
            best = (covering, b - a, b)
    return best[2]


def _fits(line: _Line, xs: list[float]) -> bool:
    """Does every character of the line stay inside one column (or is the line a section row)?

    The last column is open to the right: its widest text may not have been on the header's page.
    """
    if line.blocks[0].x0 < xs[0] - _CROSS:
        return False
    return not _straddled(line, xs) or _is_section(line, xs)


def _straddled(line: _Line, xs: list[float]) -> set[int]:
    """Inner boundaries a character of the line sits across."""
    inner = range(1, len(xs) - 1)
    return {i for block in line.blocks for c in block.chars for i in inner if c.x0 < xs[i] - _CROSS and c.x1 > xs[i] + _CROSS}


def _is_section(line: _Line, xs: list[float]) -> bool:
    """A heading merged over the row: one run of words from the first column across others, or a
    number in the first column and one run of words from the second across others ("I  Manajemen ...")."""
    blocks = line.blocks
    if len(blocks) == 1:
        return blocks[0].x0 < xs[1]
    return (len(blocks) == 2 and len(xs) > 3 and blocks[0].x1 <= xs[1] + _CROSS
            and xs[1] - _CROSS <= blocks[1].x0 < xs[2] and blocks[1].x1 > xs[2] + _CROSS)


def _crossed(line: _Line, xs: list[float]) -> set[int]:
    """Inner boundaries the line's text runs across."""
    if _is_section(line, xs):
        block = line.blocks[-1]
        return {i for i in range(1, len(xs) - 1) if block.x0 < xs[i] - _CROSS and block.x1 > xs[i] + _CROSS}
    return _straddled(line, xs)


def _row_bands(lines: list[_Line], header_lines: int) -> tuple[list[float], list[list[_Line]]]:
    """Row boundaries and each row's lines; the header's lines are one row."""
    groups: list[list[_Line]] = [lines[:header_lines]] if header_lines else []
    body = lines[header_lines:]
    gaps = [b.top - a.bottom for a, b in zip(body, body[1:])]
    threshold = _row_gap_threshold(gaps, median([line.bottom - line.top for line in lines]))
    for index, line in enumerate(body):
        if index == 0 or gaps[index - 1] > threshold:
            groups.append([line])
        else:
            groups[-1].append(line)
    ys = [groups[0][0].top - 1.0]
    for upper, lower in zip(groups, groups[1:]):
        ys.append((upper[-1].bottom + lower[0].top) / 2)
    ys.append(groups[-1][-1].bottom + 1.0)
    return ys, groups


def _row_gap_threshold(gaps: list[float], line_height: float) -> float:
    """Gaps wider than this separate rows.

    Lines of one cell are set at the paragraph's leading: their gap is a small share
    of the line height.  When no gap is that small, every line is its own row.
    """
    if not gaps:
        return 0.0
    smallest = min(gaps)
    if smallest < _PARAGRAPH_GAP * line_height:
        return max(smallest, 0.0) + max(_ROW_PADDING, _PARAGRAPH_GAP * line_height)
    return smallest - 0.5


def _row_cells(row: int, lines: list[_Line], xs: list[float], ys: list[float]) -> list[GridCell[float]]:
    """One cell per column, merged where a block of the row runs across a boundary."""
    merged = {i for line in lines for i in _crossed(line, xs)}
    cells: list[GridCell[float]] = []
    col = 0
    while col < len(xs) - 1:
        last = col
        while last + 1 in merged:
            last += 1
        cells.append(grid_cell(xs, ys, row, col, row, last))
        col = last + 1
    return cells
