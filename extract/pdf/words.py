"""Unruled tables: columns aligned by whitespace only."""

from __future__ import annotations

from dataclasses import dataclass

from extract.pdf.grid import Grid
from extract.pdf.page import PageContent


@dataclass(frozen=True)
class ColumnHint:
    """The columns of a table that may continue on the next page."""

    xs: tuple[float, ...]

    @classmethod
    def from_grid(cls, grid: Grid) -> "ColumnHint":
        return cls(tuple(grid.xs))


def find_word_grid(content: PageContent, hint: ColumnHint | None) -> Grid | None:
    """The page's table laid out without ruling lines, or None."""
    return None
