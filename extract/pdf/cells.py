"""A PDF table's cells filled with the characters printed in them."""

from __future__ import annotations

from dataclasses import dataclass

from extract.grid import Grid, GridCell
from extract.pdf.page import Char
from extract.pdf.text import text_lines


@dataclass(frozen=True)
class FilledCell:
    """A cell with the text printed in it, lines joined by "\\n"."""

    cell: GridCell[float]
    text: str
    bold: bool  # every character of the text is bold


def fill(grid: Grid[float], chars: list[Char]) -> list[FilledCell]:
    """Put every character into the cell under its centre; each cell's text in reading order."""
    members: list[list[Char]] = [[] for _ in grid.cells]
    for char, number in zip(chars, grid.cells_under((char.mid_x, char.mid_y) for char in chars)):
        if number is not None:
            members[number].append(char)
    filled: list[FilledCell] = []
    for cell, cell_chars in zip(grid.cells, members):
        lines = text_lines(cell_chars)
        printed = [c for c in cell_chars if not c.text.isspace()]
        filled.append(FilledCell(cell, "\n".join(lines), bool(printed) and all(c.bold for c in printed)))
    return filled
