"""The format-neutral document every extractor produces.

Text conversions, digital PDFs, scans and Word/Excel files all become a
`Document`: the decree's text lines in reading order, and the appendix matrix as
rows of cells, each row knowing the page (and page segment) it came from (Word and
Excel rows have no page).  Nothing here knows the
canonical schema; `normalize/` turns a Document into records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BBox:
    """A rectangle in PDF points, origin at the top-left of the page."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Cell:
    """One table cell as read: line breaks inside the cell kept as "\\n"."""

    text: str
    bbox: BBox | None = None
    confidence: float | None = None  # OCR word confidence 0..100, None when not OCR'd
    unread_print: bool = False  # OCR: print in the cell that no word was read from (a skipped word or line)
    first_reading: str | None = None  # OCR: what a first reading said, where a second, surer one replaced it
    covered: bool = False  # the place lies under a cell merged down from a row above (its text is there)
    words: tuple[tuple[str, float], ...] = ()  # OCR: each word as finally read, with its confidence 0..100


@dataclass(frozen=True)
class Line:
    """One line of running text outside the matrix (decree body, appendix prose)."""

    text: str
    page: int | None = None  # 1-based PDF page; None for text conversions
    bold: bool = False


@dataclass(frozen=True)
class Row:
    """One printed row of the matrix.

    `segment` numbers the page segments of the table: it grows by one at every
    page break, so the first row of a segment is the first row on a new page.
    `reaches_page_bottom` is set by PDF extractors when the row's box touches the
    bottom of the table area on its page (a hint that it continues overleaf).
    """

    cells: tuple[Cell, ...]
    page: int | None
    segment: int
    bold: bool = False
    reaches_page_bottom: bool | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(cell.text for cell in self.cells)

    @property
    def bbox(self) -> BBox | None:
        boxes = [c.bbox for c in self.cells if c.bbox is not None]
        if not boxes:
            return None
        return BBox(
            min(b.x0 for b in boxes),
            min(b.top for b in boxes),
            max(b.x1 for b in boxes),
            max(b.bottom for b in boxes),
        )


@dataclass(frozen=True)
class UnreadPage:
    """A page the extractor could not read at all (OCR refused it): its text and rows are missing."""

    page: int  # 1-based
    reason: str


@dataclass
class Document:
    """Everything an extractor read from one source file."""

    source: Path
    source_format: str  # "text" | "pdf" | "pdf_scanned" | "docx" | "xlsx"
    extraction_method: str  # e.g. "text-tsv", "pdf-lines", "pdf-words", "ocr", "docx", "xlsx"
    page_count: int | None
    lines: list[Line] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    unread_pages: list[UnreadPage] = field(default_factory=list)  # pages lost whole (their findings say why)


def side_by_side(columns: list[list[Line]]) -> list[Line]:
    """Cells laid out next to each other (a layout table, a cover sheet): the n-th line of each, joined."""
    lines: list[Line] = []
    for depth in range(max((len(column) for column in columns), default=0)):
        parts = [column[depth] for column in columns if depth < len(column)]
        lines.append(Line(" ".join(part.text for part in parts), parts[0].page, all(part.bold for part in parts)))
    return lines
