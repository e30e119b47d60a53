"""Ruled tables in page images: ruling lines -> grid (`extract.grid`, in pixels) -> cells, merged cells included.

Horizontal and vertical rulings are found by morphological opening of the ink mask
with long thin kernels.  Their positions, clustered, give the row and column
boundaries of each table; a boundary that is missing between two neighbouring
grid cells merges them (a section row spanning all columns, a cell spanning
rows).  A table whose last row has no closing ruling (a row cut by the page
bottom) ends where its vertical rulings end.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extract.grid import Box, Grid, GridCell, cluster, merged_cells

RULE_MIN_INCHES = 0.25  # a ruling is at least this long
TABLE_MIN_INCHES = (2.0, 0.4)  # width, height of the smallest table
POSITION_TOLERANCE_INCHES = 0.03  # rulings closer than this are one boundary
PRESENT_SHARE = 0.5  # share of a boundary that must be inked for it to separate two cells
SHORT_RULE_SHARE = 0.9  # the ink must cover this share of a boundary too short for the ruling masks
SPLIT_GAP_FACTOR = 2.5  # a white band this many times the usual gap between text lines separates two rows
SPLIT_GAP_MIN_INCHES = 0.04
METHOD = "image-lines"


@dataclass(frozen=True)
class Rulings:
    """The horizontal and vertical ruling masks of a page (255 = ruling)."""

    horizontal: np.ndarray
    vertical: np.ndarray
    ink: np.ndarray  # the whole ink mask: short rulings of one-line rows are too short for the masks

    @property
    def both(self) -> np.ndarray:
        return cv2.bitwise_or(self.horizontal, self.vertical)


def find_rulings(ink: np.ndarray, dpi: float) -> Rulings:
    """Long thin horizontal and vertical strokes of an ink mask (deskewed)."""
    length = max(15, int(dpi * RULE_MIN_INCHES))
    bridge = max(3, int(dpi * 0.05))  # JPEG and noise break thin rulings: bridge the gaps between pieces
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge)))
    return Rulings(horizontal, vertical, ink)


def find_tables(rulings: Rulings, text_ink: np.ndarray, dpi: float) -> list[Grid[int]]:
    """Every ruled table of the page, top to bottom.  `text_ink`: the ink mask without rulings."""
    tolerance = max(2, int(dpi * POSITION_TOLERANCE_INCHES))
    joined = cv2.dilate(rulings.both, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * tolerance + 1,) * 2))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    tables = []
    for label in range(1, count):
        x, y, width, height = stats[label, :4]
        if width < dpi * TABLE_MIN_INCHES[0] or height < dpi * TABLE_MIN_INCHES[1]:
            continue
        table = _table(rulings, text_ink, Box(int(x), int(y), int(x + width), int(y + height)), tolerance, dpi)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.ys[0])


def _table(rulings: Rulings, text_ink: np.ndarray, region: Box, tolerance: int, dpi: float) -> Grid[int] | None:
    horizontal = rulings.horizontal[region.y0:region.y1, region.x0:region.x1]
    vertical = rulings.vertical[region.y0:region.y1, region.x0:region.x1]
    h_lines = _segments(horizontal, axis=0)
    v_lines = _segments(vertical, axis=1)
    if len(h_lines) < 2 or len(v_lines) < 2:
        return None
    xs = _cluster([pos for pos, _, _ in v_lines], tolerance)
    if len(xs) < 2:
        return None
    h_lines = [line for line in h_lines if _spans_columns(line, xs, 2 * tolerance)]
    if not h_lines:
        return None
    ys = _cluster([pos for pos, _, _ in h_lines], tolerance)
    v_top, v_bottom = min(s for _, s, _ in v_lines), max(e for _, _, e in v_lines)
    open_top = v_top < ys[0] - 2 * tolerance
    open_bottom = v_bottom > ys[-1] + 2 * tolerance
    if open_top:
        ys.insert(0, v_top)
    if open_bottom:
        ys.append(v_bottom)
    if len(ys) < 2:
        return None
    table = Grid([x + region.x0 for x in xs], [y + region.y0 for y in ys], method=METHOD, open_bottom=open_bottom,
                 open_top=open_top)
    _split_unruled_rows(table, text_ink, dpi)
    table.cells = _cells(table, rulings, tolerance)
    return table


def _spans_columns(line: tuple[int, int, int], xs: list[int], tolerance: int) -> bool:
    """A horizontal ruling runs from one column boundary to another (a stroke of text does not)."""
    _, start, end = line
    return any(abs(start - x) <= tolerance for x in xs) and any(abs(end - x) <= tolerance for x in xs)


def _split_unruled_rows(table: Grid[int], text_ink: np.ndarray, dpi: float) -> None:
    """Split grid rows at a white band across the whole table much taller than the gaps between text lines.

    Two printed rows that lost the ruling between them (a row continued from the page
    before, drawn without its top ruling) are told apart by the padding of both cells.
    """
    inked = np.any(text_ink[:, table.xs[0]:table.xs[-1]], axis=1)
    gaps_by_row = [_inner_gaps(inked[table.ys[r]:table.ys[r + 1]]) for r in range(table.row_count)]
    all_gaps = [length for gaps in gaps_by_row for _, length in gaps]
    if not all_gaps:
        return
    line_gap = float(np.median(all_gaps))
    threshold = max(SPLIT_GAP_FACTOR * line_gap, dpi * SPLIT_GAP_MIN_INCHES)
    splits = [table.ys[r] + start + length // 2
              for r, gaps in enumerate(gaps_by_row) for start, length in gaps if length >= threshold]
    if not splits:
        return
    ys = sorted(table.ys + splits)
    table.ys = ys
    table.unruled = {ys.index(y) for y in splits}


def _inner_gaps(inked: np.ndarray) -> list[tuple[int, int]]:
    """White runs (start, length) between the first and the last inked pixel row of a band."""
    rows = np.flatnonzero(inked)
    if rows.size < 2:
        return []
    steps = np.diff(rows)
    return [(int(rows[i]) + 1, int(steps[i]) - 1) for i in np.flatnonzero(steps > 1)]


def _segments(mask: np.ndarray, axis: int) -> list[tuple[int, int, int]]:
    """Ruling segments of a mask: (position across, start, end along). axis 0: horizontal rulings."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    segments = []
    for label in range(1, count):
        x, y, width, height = (int(v) for v in stats[label, :4])
        if axis == 0:
            segments.append((y + height // 2, x, x + width))
        else:
            segments.append((x + width // 2, y, y + height))
    return segments


def _cluster(positions: list[int], tolerance: int) -> list[int]:
    """Positions closer than the tolerance merged into their mean (whole pixels), sorted."""
    return [int(round(position)) for position in cluster(positions, tolerance)]


def _cells(table: Grid[int], rulings: Rulings, tolerance: int) -> list[GridCell[int]]:
    """Grid places joined where no ruling separates them, as printed cells (a white-space row split always separates)."""
    xs, ys = table.xs, table.ys
    return merged_cells(
        xs, ys,
        wall_right=lambda r, c: _separated(rulings, rulings.vertical, xs[c + 1], ys[r], ys[r + 1], tolerance,
                                           vertical=True),
        wall_below=lambda r, c: r + 1 in table.unruled or _separated(
            rulings, rulings.horizontal, ys[r + 1], xs[c], xs[c + 1], tolerance, vertical=False),
    )


def _separated(rulings: Rulings, mask: np.ndarray, position: int, start: int, end: int, tolerance: int,
               vertical: bool) -> bool:
    """Is there a ruling between two neighbouring grid cells?  A short one shows in the ink, unbroken."""
    return (_ruled(mask, position, start, end, tolerance, vertical, PRESENT_SHARE)
            or _ruled(rulings.ink, position, start, end, tolerance // 2, vertical, SHORT_RULE_SHARE))


def _ruled(mask: np.ndarray, position: int, start: int, end: int, tolerance: int, vertical: bool,
           share: float) -> bool:
    """Is the boundary at `position` between `start` and `end` inked over `share` of its length?"""
    margin = max(1, (end - start) // 10)
    start, end = start + margin, end - margin
    if end <= start:
        return True
    low, high = max(0, position - tolerance), position + tolerance + 1
    band = mask[start:end, low:high] if vertical else mask[low:high, start:end]
    covered = band.any(axis=1 if vertical else 0)
    return bool(covered.mean() >= share)
