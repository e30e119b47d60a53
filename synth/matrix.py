"""The matrix as an office typed it: header, numbering row and whole rows, before pagination.

A text conversion records the matrix as it was paginated: headers repeated on every
page and rows cut in two by page breaks.  A renderer that re-flows the table needs
the rows the office typed, so the page-break pieces are joined back here and the
repeated headers dropped (the header is re-printed by the renderer when asked).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.document import Row
from normalize.layout import Layout, find_layout, is_numbering_row
from normalize.text import clean, join_continuation, split_number
from normalize.vocabulary import load


@dataclass(frozen=True)
class TypedRow:
    """One whole row of the matrix: its cell texts and whether it is printed bold.

    A cell text may hold line breaks ("\\n"): lines of one cell.  A generator that knows
    its rows says which are sections (area rows) and which cells are merged (`spans`:
    first and last column, inclusive); a row read from a conversion leaves both to be
    inferred: a section is a row with text in its first cell only, merged across.
    """

    texts: tuple[str, ...]
    bold: bool = False
    section: bool | None = None
    spans: tuple[tuple[int, int], ...] = ()
    shaded: bool = False

    @property
    def is_section(self) -> bool:
        """A heading row: said so, or text only in the first cell (printed merged across all columns)."""
        if self.section is not None:
            return self.section
        filled = [i for i, text in enumerate(self.texts) if text.strip()]
        return filled == [0]

    @property
    def merged(self) -> tuple[tuple[int, int], ...]:
        """The merged cells of this row: its own spans, or a section's one cell across the row."""
        if self.spans:
            return self.spans
        return ((0, len(self.texts) - 1),) if self.is_section else ()


@dataclass(frozen=True)
class HeaderCell:
    """One printed cell of a multi-row header: columns first..last, header rows top..bottom."""

    text: str
    first: int
    last: int
    top: int = 0
    bottom: int = 0


@dataclass(frozen=True)
class TypedMatrix:
    """The matrix before pagination."""

    header: tuple[str, ...]
    numbering: tuple[str, ...] | None
    rows: tuple[TypedRow, ...]
    repeats_header: bool  # did the source print its header again on every page?
    # A header of several rows (group headers spanning sub-headers); empty: one row, `header`.
    header_cells: tuple[HeaderCell, ...] = ()
    header_shaded: bool = False

    @property
    def header_row_count(self) -> int:
        return max((cell.bottom for cell in self.header_cells), default=0) + 1

    @property
    def column_count(self) -> int:
        return len(self.header)


class NoMatrixError(ValueError):
    """The document has no row naming the matrix columns."""


def typed_matrix(rows: list[Row]) -> TypedMatrix:
    """Join the page-break pieces of a paginated matrix back into whole rows."""
    layout = find_layout(rows)
    if layout is None:
        raise NoMatrixError("no matrix header among the document's rows")
    header_row = rows[layout.header_row]
    width = len(header_row.cells)
    body = rows[layout.header_row + 1:]
    numbering = body[0].texts if body and is_numbering_row(body[0]) else None
    typed: list[list[str]] = []
    bold: list[bool] = []
    repeats = False
    segment = body[0].segment if body else 0
    new_page = False
    for row in body:
        new_page, segment = new_page or row.segment != segment, row.segment
        if layout.is_header(row):
            repeats = True
            continue
        if is_numbering_row(row) or not any(clean(t) for t in row.texts):
            continue
        texts = [clean(t) for t in _padded(row.texts, width)]
        if new_page and typed and _continues(texts, layout):
            _join(typed, texts, layout)
        else:
            typed.append(texts)
            bold.append(row.bold)
        new_page = False
    return TypedMatrix(
        header=tuple(clean(t) for t in header_row.texts),
        numbering=tuple(clean(t) for t in _padded(numbering, width)) if numbering else None,
        rows=tuple(TypedRow(tuple(texts), is_bold) for texts, is_bold in zip(typed, bold)),
        repeats_header=repeats,
    )


def _join(typed: list[list[str]], texts: list[str], layout: Layout) -> None:
    """Append a cut row's rest to the row above; a merged cell's rest goes to the cell it continues."""
    carried = {c.index for c in layout.columns if c.role in load("layout")["header"]["carried_roles"]}
    for index, text in enumerate(texts):
        if not text:
            continue
        target = len(typed) - 1
        if index in carried:
            while target > 0 and not typed[target][index]:
                target -= 1
        typed[target][index] = join_continuation(typed[target][index], text)


def _padded(texts: tuple[str, ...], width: int) -> tuple[str, ...]:
    return tuple(texts[:width]) + ("",) * max(0, width - len(texts))


def _continues(texts: list[str], layout: Layout) -> bool:
    """Is this first row of a page the rest of a row the page break cut?"""
    by_role = {column.role: texts[column.index] for column in layout.columns if column.index < len(texts)}
    if by_role.get("no"):
        return False
    if any(split_number(by_role.get(role, ""))[0] for role in ("component", "action", "indicator")):
        return False
    terminal = load("layout")["header"]["terminal_roles"]
    return any(layout.has(role) and not by_role.get(role) for role in terminal)
