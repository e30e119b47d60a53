"""Ruled tables: ruling lines -> grids of cells, merged cells included.

Lines that touch each other form one table.  Column boundaries are the x of its
vertical lines, row boundaries the y of its horizontal lines plus the ends of its
vertical lines: a row cut by the page end often has no closing line, its borders
just stop at the page margin.  Two neighbouring grid places belong to one (merged)
cell when no line separates them.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.grid import Grid, GridCell, cluster, merged_cells
from extract.pdf.page import Ruling

_SNAP = 1.5  # points: lines closer than this are one line
_TOUCH = 2.0  # points: a line ending this close to another touches it
_MIN_COLUMNS = 2


@dataclass
class _Line:
    horizontal: bool
    at: float
    start: float
    end: float


def find_grids(rulings: list[Ruling]) -> list[Grid[float]]:
    """The ruled tables on a page, top to bottom."""
    lines = _merged([r for r in rulings if r.horizontal], True) + _merged([r for r in rulings if not r.horizontal], False)
    grids = [_grid(group) for group in _touching_groups(lines)]
    found = [g for g in grids if g is not None]
    return sorted(found, key=lambda g: (g.ys[0], g.xs[0]))


def _merged(rulings: list[Ruling], horizontal: bool) -> list[_Line]:
    """Collinear, overlapping or touching segments joined into one line."""
    merged: list[_Line] = []
    for ruling in sorted(rulings, key=lambda r: (round(r.at / _SNAP), r.start)):
        last = merged[-1] if merged else None
        if last is not None and abs(last.at - ruling.at) <= _SNAP and ruling.start <= last.end + _TOUCH:
            last.end = max(last.end, ruling.end)
            continue
        merged.append(_Line(horizontal, ruling.at, ruling.start, ruling.end))
    return merged


def _touching_groups(lines: list[_Line]) -> list[list[_Line]]:
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontals = [i for i, line in enumerate(lines) if line.horizontal]
    verticals = [i for i, line in enumerate(lines) if not line.horizontal]
    for h in horizontals:
        for v in verticals:
            if _touch(lines[h], lines[v]):
                parent[root(h)] = root(v)
    groups: dict[int, list[_Line]] = {}
    for i, line in enumerate(lines):
        groups.setdefault(root(i), []).append(line)
    return list(groups.values())


def _touch(h: _Line, v: _Line) -> bool:
    return h.start - _TOUCH <= v.at <= h.end + _TOUCH and v.start - _TOUCH <= h.at <= v.end + _TOUCH


def _grid(lines: list[_Line]) -> Grid[float] | None:
    horizontals = [line for line in lines if line.horizontal]
    verticals = [line for line in lines if not line.horizontal]
    if len(verticals) < _MIN_COLUMNS + 1 or not horizontals:
        return None
    xs = cluster([v.at for v in verticals], _SNAP)
    ends = [v.start for v in verticals] + [v.end for v in verticals]
    ys = cluster([h.at for h in horizontals] + [min(ends), max(ends)], _SNAP)
    if len(xs) < _MIN_COLUMNS + 1 or len(ys) < 2:
        return None
    cells = _cells(xs, ys, horizontals, verticals)
    open_bottom = not any(_covers(h, ys[-1], xs[0], xs[-1]) for h in horizontals)
    return Grid(xs, ys, cells, "pdf-lines", open_bottom)


def _covers(line: _Line, at: float, start: float, end: float) -> bool:
    """Does this line run along `at` over the middle of [start, end]?"""
    middle = (start + end) / 2
    return abs(line.at - at) <= _SNAP and line.start - _TOUCH <= middle <= line.end + _TOUCH


def _cells(xs: list[float], ys: list[float], horizontals: list[_Line], verticals: list[_Line]) -> list[GridCell[float]]:
    return merged_cells(
        xs, ys,
        wall_right=lambda r, c: any(_covers(v, xs[c + 1], ys[r], ys[r + 1]) for v in verticals),
        wall_below=lambda r, c: any(_covers(h, ys[r + 1], xs[c], xs[c + 1]) for h in horizontals),
    )
