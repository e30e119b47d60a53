"""Coverage as a heat map: offices (rows) x official components (columns), drawn as inline SVG.

A cell's colour says how many items of the office's plan serve the component: a pale red
for none (the plan leaves it out), then greens darker with more items.  Columns are grouped
by area with a gap between areas; every cell and column carries a <title> tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from normalize.components import official_components

CELL, GAP = 22, 8  # cell size and gap between areas, in px
LABEL_WIDTH, HEADER_HEIGHT, BAND_HEIGHT = 230, 190, 18
NAME_LIMIT = 30  # column labels are cut to this many characters (the tooltip has the whole name)
MISSING = "#f4b6b6"  # no item: the component is left out
SHADES = ((1, "#d9f0d3"), (2, "#a6dba0"), (4, "#5aae61"), (7, "#1b7837"))  # (at least n items, colour)
AREA_NUMERALS = ("I", "II", "III", "IV", "V", "VI")


@dataclass(frozen=True)
class Column:
    component_code: str
    name: str
    area_no: str
    x: int

    @property
    def label(self) -> str:
        return self.name if len(self.name) <= NAME_LIMIT else self.name[:NAME_LIMIT - 1] + "…"


@dataclass(frozen=True)
class Row:
    doc_id: str
    office: str
    page_name: str
    y: int


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    fill: str
    item_count: int
    title: str


@dataclass(frozen=True)
class Band:
    """The area a run of columns belongs to, drawn above them."""

    area_no: str
    area_code: str
    x: int
    width: int


@dataclass(frozen=True)
class Heatmap:
    columns: list[Column]
    rows: list[Row]
    cells: list[Cell]
    bands: list[Band]
    width: int
    height: int
    legend: list[tuple[str, str]]  # (colour, meaning)
    cell: int = CELL
    top: int = BAND_HEIGHT + HEADER_HEIGHT


def shade(item_count: int) -> str:
    """The colour of a cell with this many items."""
    colour = MISSING
    for least, fill in SHADES:
        if item_count >= least:
            colour = fill
    return colour


def coverage_heatmap(coverage: pd.DataFrame, offices: dict[str, str], pages: dict[str, str]) -> Heatmap:
    """The heat map of the coverage rows; offices and pages map doc_id to row label and page file."""
    columns, bands = _columns()
    top = BAND_HEIGHT + HEADER_HEIGHT
    rows = [Row(doc_id, offices[doc_id], pages[doc_id], top + index * CELL) for index, doc_id in enumerate(offices)]
    counts = {(r.doc_id, r.component_code): int(r.item_count) for r in coverage.itertuples(index=False)}
    cells = []
    for row in rows:
        for column in columns:
            count = counts.get((row.doc_id, column.component_code), 0)
            cells.append(Cell(column.x, row.y, shade(count), count,
                              f"{row.office} · {column.area_no}. {column.name}: "
                              f"{count} item{'s' if count != 1 else ''}" + (" (left out)" if count == 0 else "")))
    width = (columns[-1].x + CELL if columns else LABEL_WIDTH) + 10
    return Heatmap(columns, rows, cells, bands, width, top + len(rows) * CELL + 4, legend())


def legend() -> list[tuple[str, str]]:
    """(colour, meaning) of every shade."""
    entries = [(MISSING, "0 items: left out")]
    for index, (least, fill) in enumerate(SHADES):
        upper = SHADES[index + 1][0] - 1 if index + 1 < len(SHADES) else None
        span = f"{least}+" if upper is None else (f"{least}" if upper == least else f"{least}–{upper}")
        entries.append((fill, f"{span} item{'' if span == '1' else 's'}"))
    return entries


def _columns() -> tuple[list[Column], list[Band]]:
    columns, bands, x, area = [], [], LABEL_WIDTH, None
    numerals: dict[str | None, str] = {}
    for component in official_components():
        if component.area_code != area:
            if area is not None:
                x += GAP
            area = component.area_code
            numerals[area] = AREA_NUMERALS[len(numerals)]
            bands.append(Band(numerals[area], area, x, 0))
        columns.append(Column(component.code, component.name, numerals[area], x))
        x += CELL
        last = bands[-1]
        bands[-1] = Band(last.area_no, last.area_code, last.x, x - last.x)
    return columns, bands
