"""Where the matrix stood among a text conversion's lines.

`extract.text.read_text` keeps lines and rows in two lists; the source file says
where the rows stood.  One `Line` was read per raw line without a tab, one `Row`
per raw line with a tab.
"""

from __future__ import annotations

from extract.document import Document, Line


def split_around_table(document: Document) -> tuple[list[Line], list[Line]]:
    """The lines printed before the matrix and after it (blank lines inside it dropped)."""
    first, last = _table_span(document)
    between = [line for line in document.lines[first:last] if line.text.strip()]
    return document.lines[:first], between + document.lines[last:]


def _table_span(document: Document) -> tuple[int, int]:
    """How many lines precede the first row, and the last row."""
    try:
        raw = document.source.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return _guessed_span(document)
    first: int | None = None
    last = 0
    lines_seen = 0
    for raw_line in raw:
        if "\t" in raw_line:
            first = lines_seen if first is None else first
            last = lines_seen
        else:
            lines_seen += 1
    if first is None or lines_seen != len(document.lines):
        return _guessed_span(document)
    return first, last


def _guessed_span(document: Document) -> tuple[int, int]:
    """Without the source: the longest run of blank lines (the table's page breaks)."""
    best = (0, len(document.lines), len(document.lines))
    start = None
    for index, line in enumerate([*document.lines, Line("x")]):
        if not line.text.strip():
            start = index if start is None else start
            continue
        if start is not None and index - start > best[0]:
            best = (index - start, start, index)
        start = None
    return best[1], best[2]
