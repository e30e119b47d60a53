"""A scanned page image -> its text lines and table rows, by OCR.

The image is flattened (paper divided out, coloured ink dropped), deskewed from its
text lines and rulings, and its ruled tables are recovered from the rulings
(extract/grid.py).  Tesseract reads the page once, rulings removed; every word goes
to the table cell its centre falls in, or to the running text.  The lines of a cell
read with little confidence, and whole cells with print no word covers, are read
again, enlarged, in as few more calls as Tesseract's size limit allows
(extract/mosaic.py); semicolons and percent signs, which the model cannot write,
are read back from the print or by a model that can (extract/punctuation.py).
A cell's confidence is that of its least sure word, lowered to the share of its
print that words cover, and 0 for print without any word read; a cell with print
that no word covers (a skipped word or line) is marked `unread_print`.
Boxes are in PDF points of the page as scanned, so report crops line up with it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from extract.document import BBox, Cell, Line
from extract.grid import Box
from extract.grid import Grid as Table
from extract.image_tables import find_rulings, find_tables
from extract.mosaic import reread
from extract.punctuation import mend_semicolons, read_percent_signs
from extract.raster import PageImage, despeckle, estimate_skew, flatten_paper, ink_mask, looks_sideways, rotate
from extract.tesseract import Word, detect_turn, read_words

EMPTY_CELL_INK_SHARE = 0.004  # a wordless cell with more ink than this share of its area was misread
SCRIBBLE_BELOW = 50  # running-text words this unsure, in scraps or whole lines, are signatures and stamps
UPSIDE_DOWN_MIN_WORDS = 20  # a first reading of at least this many words ...
UPSIDE_DOWN_BELOW = 60  # ... this unsure on average asks Tesseract which way up the page is
REREAD_BELOW = 75  # a cell line with a word read less surely than this is read again, alone and enlarged
UNREAD_MIN_LETTERS = 3  # print that no word covers counts from about this many letters ...
UNREAD_MIN_SHARE = 0.08  # ... and this share of the cell's print
INK_MARGIN_INCHES = 0.05  # white kept around the print of a region read again
REREAD_MIN_COVER = 0.9  # a second reading replaces the first only if it covers this share of the print the first did


@dataclass
class TableReading:
    """One table of one page, read: rows of cells, and where it ends."""

    rows: list[tuple[Cell, ...]]
    open_bottom: bool  # no ruling closes its last row: that row is cut by the page bottom
    bottom: float  # points from the page top
    line_height: float  # points: the median height of the words in it


@dataclass(frozen=True)
class PlacedLine:
    """A line of running text and where it stands on the page (points from the top)."""

    line: Line
    top: float
    bottom: float


@dataclass
class PageReading:
    """Everything OCR read on one page."""

    page_no: int
    lines: list[PlacedLine] = field(default_factory=list)
    tables: list[TableReading] = field(default_factory=list)


@dataclass(frozen=True)
class _Frame:
    """Maps pixels of the deskewed image back to PDF points of the page."""

    inverse: np.ndarray  # 2x3 affine: deskewed pixels -> original pixels
    dpi: float

    def to_bbox(self, box: Box) -> BBox:
        corners = np.array([[box.x0, box.y0, 1], [box.x1, box.y0, 1], [box.x0, box.y1, 1], [box.x1, box.y1, 1]],
                           dtype=np.float64)
        mapped = corners @ self.inverse.T * (72.0 / self.dpi)
        return BBox(float(mapped[:, 0].min()), float(mapped[:, 1].min()),
                    float(mapped[:, 0].max()), float(mapped[:, 1].max()))


def read_page_image(image: PageImage) -> PageReading:
    """Flatten, turn upright, deskew, find the tables, OCR once and sort the words into cells and lines.

    A page scanned sideways (its text lines run down the page) or upside down (its
    first reading is mostly unsure) is turned as Tesseract's orientation detection
    says and read again.
    """
    flat = flatten_paper(image.grey, image.dpi)
    turn = detect_turn(flat, image.dpi) if looks_sideways(flat) else 0
    reading, words = _read_turned(image, flat, turn)
    if turn == 0 and _unsure(words):
        again = detect_turn(flat, image.dpi)
        if again:
            reading, _ = _read_turned(image, flat, again)
    return reading


def _unsure(words: list[Word]) -> bool:
    return len(words) >= UPSIDE_DOWN_MIN_WORDS and statistics.fmean(w.confidence for w in words) < UPSIDE_DOWN_BELOW


def _read_turned(image: PageImage, flat: np.ndarray, turn: int) -> tuple[PageReading, list[Word]]:
    """Read the page turned clockwise by `turn` degrees (0, 90, 180, 270); boxes map back to the unturned page."""
    height, width = flat.shape
    turned = _turn(flat, turn)
    angle = estimate_skew(turned)
    turned_height, turned_width = turned.shape
    skew = cv2.getRotationMatrix2D((turned_width / 2, turned_height / 2), angle, 1.0)
    upright = rotate(turned, angle, fill=255)
    ink = ink_mask(upright)
    rulings = find_rulings(ink, image.dpi)
    ruled = cv2.dilate(rulings.both, np.ones((3, 3), np.uint8)) > 0
    text_ink = despeckle(np.where(ruled, 0, ink).astype(np.uint8))
    tables = find_tables(rulings, text_ink, image.dpi)
    for_ocr = np.where(ruled, 255, upright).astype(np.uint8)
    source = f"page {image.page_no}"
    words = read_words(for_ocr, image.dpi, source=source)
    to_upright = _affine3(skew) @ _turn_matrix(turn, width, height)
    frame = _Frame(np.linalg.inv(to_upright)[:2], image.dpi)
    in_table: set[int] = set()
    contents: list[list[list[Word]]] = []
    for table in tables:
        by_cell, taken = _words_by_cell(table, words)
        contents.append(by_cell)
        in_table |= taken
    firsts = [[mend_semicolons(words, for_ocr) for words in by_cell] for by_cell in contents]
    _reread_doubtful(for_ocr, text_ink, tables, contents, image.dpi, source)
    contents = [read_percent_signs(for_ocr, by_cell, image.dpi, source) for by_cell in contents]
    contents = [[mend_semicolons(words, for_ocr) for words in by_cell] for by_cell in contents]
    readings = [TableReading(_table_rows(table, by_cell, first, text_ink, frame), table.open_bottom,
                             frame.to_bbox(table.box).bottom, _line_height(by_cell, image))
                for table, by_cell, first in zip(tables, contents, firsts)]
    free = [word for index, word in enumerate(words) if index not in in_table]
    return PageReading(image.page_no, _placed_lines(free, image, frame), readings), words


_TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def _turn(image: np.ndarray, turn: int) -> np.ndarray:
    return cv2.rotate(image, _TURNS[turn]) if turn else image


def _turn_matrix(turn: int, width: int, height: int) -> np.ndarray:
    """3x3 affine taking pixels of the unturned image to the image turned clockwise by `turn`."""
    matrices = {
        0: [[1, 0, 0], [0, 1, 0]],
        90: [[0, -1, height - 1], [1, 0, 0]],
        180: [[-1, 0, width - 1], [0, -1, height - 1]],
        270: [[0, 1, 0], [-1, 0, width - 1]],
    }
    return _affine3(np.array(matrices[turn], dtype=np.float64))


def _affine3(matrix: np.ndarray) -> np.ndarray:
    return np.vstack([matrix, [0.0, 0.0, 1.0]])


def _line_height(by_cell: list[list[Word]], image: PageImage) -> float:
    heights = [word.height for words in by_cell for word in words]
    return image.to_points(statistics.median(heights)) if heights else 10.0


def _words_by_cell(table: Table, words: list[Word]) -> tuple[list[list[Word]], set[int]]:
    """The words whose centre falls in each printed cell of the table; the indices of the words taken."""
    inside = [index for index, word in enumerate(words) if table.box.contains(*word.centre)]
    by_cell: list[list[Word]] = [[] for _ in table.cells]
    for index, number in zip(inside, table.cells_under(words[index].centre for index in inside)):
        if number is not None:
            by_cell[number].append(words[index])
    return by_cell, set(inside)


def _reread_doubtful(grey: np.ndarray, ink: np.ndarray, tables: list[Table], contents: list[list[list[Word]]],
                     dpi: float, source: str) -> None:
    """Read doubtful lines and unread cells again, enlarged; keep the second reading where it is surer."""
    doubts = [doubt for t, table in enumerate(tables) for n, cell in enumerate(table.cells)
              for doubt in _doubts(contents[t][n], ink, cell.box, dpi, (t, n))]
    for doubt, again in zip(doubts, reread(grey, [doubt.box for doubt in doubts], dpi, source)):
        t, n = doubt.cell
        if _surer(again, doubt.first) and _reads_as_much(again, doubt.first, ink, doubt.box):
            contents[t][n] = [word for word in contents[t][n] if word not in doubt.first] + again


@dataclass(frozen=True)
class _Doubt:
    """A region of a cell to read again, and the words of the first reading a surer second one replaces."""

    cell: tuple[int, int]  # table, cell number
    box: Box
    first: tuple[Word, ...]


def _doubts(words: list[Word], ink: np.ndarray, box: Box, dpi: float, cell: tuple[int, int]) -> list[_Doubt]:
    """What of a cell to read again: runs of lines with an unsure word; the whole cell if print went unread."""
    inner = _inner(box, dpi)
    if not words:
        return [_Doubt(cell, _inked(ink, inner, dpi), ())] if _has_ink(ink, box) else []
    if _unread_share(words, ink, box) > 0:
        return [_Doubt(cell, _inked(ink, inner, dpi), tuple(words))]
    lines = _group_lines(words)
    middles = [statistics.median((w.top + w.bottom) / 2 for w in line) for line in lines]
    doubts = []
    for start, end in _unsure_runs(lines):
        top = _gap(ink, inner, middles[start - 1], middles[start]) if start else inner.y0
        bottom = _gap(ink, inner, middles[end - 1], middles[end]) if end < len(lines) else inner.y1
        band = Box(inner.x0, top, inner.x1, max(top + 1, bottom))
        doubts.append(_Doubt(cell, _inked(ink, band, dpi), tuple(w for line in lines[start:end] for w in line)))
    return doubts


def _unsure_runs(lines: list[list[Word]]) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive lines holding a doubtful word."""
    runs: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if not any(map(_doubtful, line)):
            continue
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


def _doubtful(word: Word) -> bool:
    """Read less surely than REREAD_BELOW, or no letter or digit in it (a speck or stroke read as a dash)."""
    return word.confidence < REREAD_BELOW or not any(char.isalnum() for char in word.text)


def _gap(ink: np.ndarray, inner: Box, upper: float, lower: float) -> int:
    """The row between two lines' middles with the least print on it (nearest halfway), where to cut them apart."""
    first, last = max(inner.y0, int(upper) + 1), min(inner.y1, int(lower))
    if last <= first:
        return max(inner.y0, min(inner.y1, int((upper + lower) / 2)))
    counts = np.count_nonzero(ink[first:last, inner.x0:inner.x1], axis=1)
    rows = np.flatnonzero(counts == counts.min()) + first
    return int(rows[np.argmin(np.abs(rows - (upper + lower) / 2))])


def _inked(ink: np.ndarray, box: Box, dpi: float) -> Box:
    """The box narrowed to the print inside it, with a margin; the box itself when it holds none."""
    inside = ink[box.y0:box.y1, box.x0:box.x1] > 0
    columns, rows = np.flatnonzero(inside.any(axis=0)), np.flatnonzero(inside.any(axis=1))
    if columns.size == 0:
        return box
    margin = max(2, int(dpi * INK_MARGIN_INCHES))
    return Box(max(box.x0, box.x0 + int(columns[0]) - margin), max(box.y0, box.y0 + int(rows[0]) - margin),
               min(box.x1, box.x0 + int(columns[-1]) + 1 + margin), min(box.y1, box.y0 + int(rows[-1]) + 1 + margin))


def _unread_share(words: list[Word], ink: np.ndarray, box: Box) -> float:
    """The share of the cell's print that no word box covers (a line Tesseract skipped); 0 below a few letters."""
    inset = max(2, (box.y1 - box.y0) // 40)
    x0, y0, x1, y1 = box.x0 + inset, box.y0 + inset, box.x1 - inset, box.y1 - inset
    inside = ink[y0:y1, x0:x1] > 0
    total = int(np.count_nonzero(inside))
    if total == 0:
        return 0.0
    covered = np.zeros_like(inside)
    for word in words:
        pad = max(2, word.height // 4)
        covered[max(0, word.top - pad - y0):max(0, word.bottom + pad - y0),
                max(0, word.left - pad - x0):max(0, word.right + pad - x0)] = True
    unread = int(np.count_nonzero(inside & ~covered))
    letter = max(4, _word_height(words) ** 2 // 4)
    if unread < UNREAD_MIN_LETTERS * letter or unread < UNREAD_MIN_SHARE * total:
        return 0.0
    return unread / total


def _word_height(words: list[Word]) -> int:
    return int(statistics.median(w.height for w in words))


def _surer(again: list[Word], first: Sequence[Word]) -> bool:
    if not again:
        return False
    if not first:
        return True
    return statistics.fmean(w.confidence for w in again) > statistics.fmean(w.confidence for w in first)


def _reads_as_much(again: list[Word], first: Sequence[Word], ink: np.ndarray, box: Box) -> bool:
    """Does the second reading cover about as much of the region's print as the first (no line dropped)?"""
    return _read_ink(again, ink, box) >= REREAD_MIN_COVER * _read_ink(first, ink, box)


def _read_ink(words: Sequence[Word], ink: np.ndarray, box: Box) -> int:
    """How many print pixels of the box lie under the words' boxes."""
    covered = np.zeros((box.y1 - box.y0, box.x1 - box.x0), bool)
    for word in words:
        pad = max(2, word.height // 4)
        covered[max(0, word.top - pad - box.y0):max(0, word.bottom + pad - box.y0),
                max(0, word.left - pad - box.x0):max(0, word.right + pad - box.x0)] = True
    return int(np.count_nonzero(covered & (ink[box.y0:box.y1, box.x0:box.x1] > 0)))


def _inner(box: Box, dpi: float) -> Box:
    """The cell without its rulings."""
    inset = max(1, int(dpi * 0.01))
    return Box(box.x0 + inset, box.y0 + inset, max(box.x0 + inset + 1, box.x1 - inset),
               max(box.y0 + inset + 1, box.y1 - inset))


def _table_rows(table: Table, by_cell: list[list[Word]], firsts: list[list[Word]], ink: np.ndarray,
                frame: _Frame) -> list[tuple[Cell, ...]]:
    """The table's grid rows as cells: a merged cell's text sits in its top-left grid position."""
    grid: list[list[Cell]] = [[Cell("") for _ in range(table.column_count)] for _ in range(table.row_count)]
    for number, cell in enumerate(table.cells):
        grid[cell.row][cell.column] = _cell(by_cell[number], firsts[number], cell.box, ink, frame)
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                if (r, c) != (cell.row, cell.column):
                    grid[r][c] = Cell("", frame.to_bbox(_grid_box(table, r, c)))
    return [tuple(row) for row in grid]


def _grid_box(table: Table, row: int, column: int) -> Box:
    return Box(table.xs[column], table.ys[row], table.xs[column + 1], table.ys[row + 1])


def _cell(words: list[Word], first: list[Word], box: Box, ink: np.ndarray, frame: _Frame) -> Cell:
    """The cell as read; `first`: its words before any second reading (kept when they said something else)."""
    bbox = frame.to_bbox(box)
    if not words:
        return Cell("", bbox, 0.0, unread_print=True) if _has_ink(ink, box) else Cell("", bbox)
    text = "\n".join(" ".join(word.text for word in line) for line in _group_lines(words))
    unread = _unread_share(words, ink, box)
    changed = sorted(w.text for w in first) != sorted(w.text for w in words)
    return Cell(text, bbox, round(min(min(w.confidence for w in words), 100.0 * (1.0 - unread)), 1),
                unread_print=unread > 0, first_reading=" ".join(w.text for w in first) if changed else None,
                words=tuple((w.text, round(w.confidence, 1)) for line in _group_lines(words) for w in line))


def _has_ink(ink: np.ndarray, box: Box) -> bool:
    """Does the inside of the cell (away from its rulings) hold print that no word was read from?"""
    inset = max(2, (box.y1 - box.y0) // 12)
    inside = ink[box.y0 + inset:box.y1 - inset, box.x0 + inset:box.x1 - inset]
    if inside.size == 0:
        return False
    inside = cv2.morphologyEx(inside, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # noise specks are not print
    return bool(np.count_nonzero(inside) > EMPTY_CELL_INK_SHARE * inside.size)


def _placed_lines(words: list[Word], image: PageImage, frame: _Frame) -> list[PlacedLine]:
    """Running text: words grouped into printed lines, top to bottom, with their place on the page."""
    placed = []
    for line in filter(None, map(_without_scribbles, _group_lines(words))):
        box = frame.to_bbox(Box(min(w.left for w in line), min(w.top for w in line),
                                max(w.right for w in line), max(w.bottom for w in line)))
        placed.append(PlacedLine(Line(" ".join(w.text for w in line), image.page_no), box.top, box.bottom))
    return placed


def _without_scribbles(line: list[Word]) -> list[Word]:
    """A line of running text without what OCR made of signatures and stamp edges.

    A line read mostly unsure is dropped; so are unsure scraps of up to three
    characters at its ends ("ttd. PIP 2" -> "ttd.").
    """
    if statistics.fmean(w.confidence for w in line) < SCRIBBLE_BELOW:
        return []
    scrap = lambda word: word.confidence < SCRIBBLE_BELOW and len(word.text) <= 3  # noqa: E731
    start, end = 0, len(line)
    while start < end and scrap(line[start]):
        start += 1
    while end > start and scrap(line[end - 1]):
        end -= 1
    return line[start:end]


def _group_lines(words: list[Word]) -> list[list[Word]]:
    """Words in printed lines, top to bottom, each left to right.

    Tesseract's own lines come first; two of its lines that stand side by side on
    the same height (a label and its text, parts of one line split into blocks)
    are one printed line.
    """
    by_key: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        by_key.setdefault(word.line, []).append(word)
    pieces = sorted(by_key.values(), key=lambda line: statistics.median((w.top + w.bottom) / 2 for w in line))
    lines: list[list[Word]] = []
    for piece in pieces:
        if lines and _same_height(lines[-1], piece) and not _side_overlap(lines[-1], piece):
            lines[-1].extend(piece)
        else:
            lines.append(list(piece))
    return [sorted(line, key=lambda w: w.left) for line in lines]


def _same_height(line: list[Word], piece: list[Word]) -> bool:
    """Do the two word groups overlap vertically by more than half the lower one's height?"""
    top, bottom = statistics.median(w.top for w in line), statistics.median(w.bottom for w in line)
    piece_top, piece_bottom = statistics.median(w.top for w in piece), statistics.median(w.bottom for w in piece)
    overlap = min(bottom, piece_bottom) - max(top, piece_top)
    return overlap > 0.5 * min(bottom - top, piece_bottom - piece_top)


def _side_overlap(line: list[Word], piece: list[Word]) -> bool:
    """Do the two word groups cover the same stretch of the page horizontally?"""
    return min(max(w.right for w in line), max(w.right for w in piece)) > max(
        min(w.left for w in line), min(w.left for w in piece))
