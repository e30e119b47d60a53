"""Extractor for text conversions of decrees.

Conventions of the conversions: table rows are tab-separated; a blank line between
two table rows is a page break; `<b>`/`<i>` mark bold and italics.  Every other
line is running text (body, appendix prose).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from extract.document import Cell, Document, Line, Row
from extract.errors import EmptySourceError, UnsupportedFormatError

_MARKUP = re.compile(r"</?(?:b|i|u|strong|em)\s*>", re.IGNORECASE)
_BOLD_ROW = re.compile(r"^\s*<b>.*</b>\s*$", re.IGNORECASE | re.DOTALL)


def strip_markup(text: str) -> str:
    """Remove inline markup and decode entities, keeping the words."""
    return html.unescape(_MARKUP.sub("", text))


def read_text(path: Path) -> Document:
    """Read a text conversion into a Document (pages unknown, page breaks as segments)."""
    raw = _read_utf8(path)
    lines: list[Line] = []
    rows: list[Row] = []
    segment = 0
    pending_break = False
    for raw_line in raw.splitlines():
        if "\t" not in raw_line:
            if raw_line.strip() == "":
                pending_break = pending_break or bool(rows)
            else:
                pending_break = bool(rows)  # prose between tables also breaks the table
            lines.append(Line(strip_markup(raw_line.rstrip())))
            continue
        if pending_break:
            segment += 1
            pending_break = False
        rows.append(_table_row(raw_line, segment))
    return Document(
        source=path,
        source_format="text",
        extraction_method="text-tsv",
        page_count=None,
        lines=lines,
        rows=rows,
    )


def _table_row(raw_line: str, segment: int) -> Row:
    non_empty = [c for c in raw_line.split("\t") if c.strip()]
    bold = bool(non_empty) and all(_BOLD_ROW.match(c) for c in non_empty)
    cells = tuple(Cell(strip_markup(text).strip()) for text in raw_line.split("\t"))
    return Row(cells=cells, page=None, segment=segment, bold=bold)


def _read_utf8(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise EmptySourceError(path, "the file is empty")
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        raise UnsupportedFormatError(path, "this is not a text file (binary content); is the extension wrong?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
