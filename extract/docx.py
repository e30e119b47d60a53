"""Word (.docx) decree -> Document, with python-docx.

A Word file holds exactly what the office typed: every cell, every merge, the
header; nothing is guessed from geometry.  The body is read in order:

- a paragraph is a line (a line break inside it starts a new line), with the
  label Word's automatic numbering prints before it ("1.", "b.": extract.word_lists);
- a table that is the matrix (a row of it names the matrix columns, or it has the
  columns of a matrix table before it: a table continued in a second table) gives
  its rows as matrix rows.  Merged cells reach normalize as a PDF's do: the text
  in the cell's first row and first column, the places it covers empty
  (`w:gridSpan` across, `w:vMerge` down).  Cell paragraphs are joined by "\\n";
- any other table lays out prose (Menimbang : a. ..., a signature block): each of
  its rows gives lines, the n-th line of each cell side by side, as printed.

Headers, footers, page and section breaks are not the decree's text and are left
out; so are deleted (tracked) text and hidden text.  Rows carry no page: a Word
file has none until it is printed, and no row is cut by a page break.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from extract.document import Cell, Document, Line, Row, side_by_side
from extract.errors import CorruptSourceError, UnsupportedFormatError
from extract.header import names_the_columns
from extract.word_lists import ListNumbering

METHOD = "docx"
_SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), qn("w:rPr"), qn("w:pPr"),
            "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_BREAKS = {qn("w:cr"): "\n", qn("w:tab"): "\t", qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins")}  # hold paragraphs and tables
_HEADER_SEARCH = 10  # rows of a table looked at for the matrix header


@dataclass(frozen=True)
class _Text:
    """A paragraph as printed: its label and text, and whether every printed character is bold."""

    text: str
    bold: bool


@dataclass(frozen=True)
class _Reader:
    """What reading a paragraph needs from the whole file: list numbering and bold styles."""

    numbering: ListNumbering
    styles: _BoldStyles


def read_docx(path: Path, method: str = METHOD) -> Document:
    """Read a .docx decree into a Document."""
    word = _open(path)
    reader = _Reader(ListNumbering(word), _BoldStyles(word))
    lines: list[Line] = []
    rows: list[Row] = []
    matrix_width: int | None = None
    for block in _blocks(word.element.body, word._body):
        if isinstance(block, Paragraph):
            lines.extend(_lines(_paragraph_text(block, reader)))
            continue
        grid = _grid(block, reader)
        if _is_matrix(grid, matrix_width):
            matrix_width = _width(block)
            rows.extend(_matrix_rows(grid))
        else:
            lines.extend(_layout_lines(grid))
    return Document(source=path, source_format="docx", extraction_method=method, page_count=None,
                    lines=lines, rows=rows)


def _blocks(element, parent) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in document order, those inside content controls (w:sdt) included."""
    for child in element:
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag in _WRAPPERS:
            yield from _blocks(child, parent)


def _open(path: Path) -> WordDocument:
    try:
        return docx.Document(str(path))
    except ValueError as error:
        if "content type" not in str(error):
            raise CorruptSourceError(path, f"the Word file cannot be opened ({error}); is it damaged?") from error
        raise UnsupportedFormatError(path, "a macro-enabled Word document or template (.docm, .dotm): save it as "
                                           ".docx and curate again") from error
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as error:
        raise CorruptSourceError(path, f"the Word file cannot be opened ({error}); is it damaged? "
                                       "Open and save it again in Word or LibreOffice") from error
    except Exception as error:  # lxml's XMLSyntaxError and the like: a damaged part
        if type(error).__module__.startswith(("lxml", "docx")):
            raise CorruptSourceError(path, f"the Word file is damaged ({error}); open and save it again") from error
        raise


# --- paragraphs ---------------------------------------------------------------------------------

def _paragraph_text(paragraph: Paragraph, reader: _Reader) -> _Text:
    """The paragraph as printed: its list label, then its runs (tabs kept, line breaks as "\\n")."""
    label = reader.numbering.label(paragraph._p)
    parts: list[str] = []
    bold: list[bool] = []
    for run in _runs(paragraph._p):
        if _hidden(run):
            continue
        text = "".join(_run_text(run))
        if text.strip():
            bold.append(reader.styles.of_run(run, paragraph._p))
        parts.append(text)
    text = "".join(parts)
    return _Text(label + text if text.strip() else "", bool(bold) and all(bold))


def _runs(element) -> Iterator:
    """The runs of a paragraph in order, inside hyperlinks, fields and insertions too."""
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag == qn("w:r"):
            yield child
        else:
            yield from _runs(child)


def _run_text(run) -> Iterator[str]:
    for child in run:
        if child.tag == qn("w:t"):
            yield child.text or ""
        elif child.tag == qn("w:br"):
            yield "" if child.get(qn("w:type")) in ("page", "column") else "\n"
        elif child.tag in _BREAKS:
            yield _BREAKS[child.tag]


def _hidden(run) -> bool:
    return bool(_switch(run.find(qn("w:rPr")), "w:vanish"))


class _BoldStyles:
    """Which paragraph and character styles print bold (w:b, through w:basedOn), read once per file."""

    def __init__(self, word: WordDocument) -> None:
        self._own: dict[str, bool | None] = {}
        self._based_on: dict[str, str] = {}
        self.default_paragraph: str | None = None
        self._default = False
        try:
            styles = word.part.styles.element
        except (KeyError, NotImplementedError):
            return
        defaults = styles.find(qn("w:docDefaults"))
        run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        self._default = bool(_switch(run_defaults, "w:b"))
        for style in styles.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            self._own[style_id] = _switch(style.find(qn("w:rPr")), "w:b")
            parent = style.find(qn("w:basedOn"))
            if parent is not None:
                self._based_on[style_id] = parent.get(qn("w:val"))
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                self.default_paragraph = style_id

    def bold(self, style_id: str | None) -> bool | None:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            if self._own.get(style_id) is not None:
                return self._own[style_id]
            style_id = self._based_on.get(style_id)
        return None

    def of_run(self, run, paragraph) -> bool:
        """Bold as printed: the run's own setting, else its character style's, else its paragraph style's."""
        properties = run.find(qn("w:rPr"))
        own = _switch(properties, "w:b")
        if own is not None:
            return own
        for style_id in (_style_id(properties, "w:rStyle"),
                         _style_id(paragraph.find(qn("w:pPr")), "w:pStyle") or self.default_paragraph):
            bold = self.bold(style_id)
            if bold is not None:
                return bold
        return self._default


def _switch(properties, tag: str) -> bool | None:
    """An on/off property (w:b): True, False, or None when not set."""
    element = properties.find(qn(tag)) if properties is not None else None
    if element is None:
        return None
    return element.get(qn("w:val"), "1") not in ("0", "false", "off")


def _style_id(properties, tag: str) -> str | None:
    element = properties.find(qn(tag)) if properties is not None else None
    return element.get(qn("w:val")) if element is not None else None


def _lines(paragraph: _Text) -> list[Line]:
    """A paragraph's printed lines (tabs print as space); an empty paragraph gives none."""
    return [Line(part.replace("\t", " ").strip(), bold=paragraph.bold)
            for part in paragraph.text.split("\n") if part.strip()]


# --- tables -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _GridCell:
    """A table cell placed on the table grid: the columns it spans, whether it continues a merge above."""

    column: int
    span: int
    continues_above: bool
    paragraphs: tuple[_Text, ...]


def _grid(table: Table, reader: _Reader) -> list[list[_GridCell]]:
    """Every row of the table as its cells on the grid (deleted rows left out)."""
    rows: list[list[_GridCell]] = []
    for tr in table._tbl.tr_lst:
        properties = tr.trPr
        if properties is not None and properties.find(qn("w:del")) is not None:
            continue
        column = tr.grid_before
        cells: list[_GridCell] = []
        for tc in tr.tc_lst:
            span = tc.grid_span
            paragraphs = tuple(_cell_paragraphs(_Cell(tc, table), reader))
            cells.append(_GridCell(column, span, tc.vMerge == "continue", paragraphs))
            column += span
        rows.append(cells)
    return rows


def _cell_paragraphs(cell: _Cell, reader: _Reader) -> Iterator[_Text]:
    """A cell's paragraphs in order, those of tables nested in it included."""
    for block in _blocks(cell._tc, cell):
        if isinstance(block, Paragraph):
            yield _paragraph_text(block, reader)
        else:
            for tr in block._tbl.tr_lst:
                for tc in tr.tc_lst:
                    if tc.vMerge != "continue":
                        yield from _cell_paragraphs(_Cell(tc, block), reader)


def _width(table: Table) -> int:
    return len(table._tbl.tblGrid.gridCol_lst) if table._tbl.tblGrid is not None else 0


def _is_matrix(grid: list[list[_GridCell]], matrix_width: int | None) -> bool:
    """A table naming the matrix columns, or one with as many columns as the matrix table before it."""
    if matrix_width is not None and grid and max((c.column + c.span for c in grid[0]), default=0) == matrix_width:
        return True
    return any(names_the_columns([_cell_text(cell) for cell in row]) for row in grid[:_HEADER_SEARCH])


def _cell_text(cell: _GridCell) -> str:
    return "\n".join(p.text for p in cell.paragraphs if p.text.strip())


def _matrix_rows(grid: list[list[_GridCell]]) -> list[Row]:
    """Matrix rows: a merged cell's text in its first place, the places it covers empty."""
    width = max((c.column + c.span for row in grid for c in row), default=0)
    rows: list[Row] = []
    for cells in grid:
        texts = [""] * width
        bold: list[bool] = []
        for cell in cells:
            if cell.continues_above:
                continue
            texts[cell.column] = _cell_text(cell).replace("\t", " ")
            bold.extend(p.bold for p in cell.paragraphs if p.text.strip())
        if any(t.strip() for t in texts):
            rows.append(Row(tuple(Cell(t) for t in texts), page=None, segment=0,
                            bold=bool(bold) and all(bold), reaches_page_bottom=False))
    return rows


def _layout_lines(grid: list[list[_GridCell]]) -> list[Line]:
    """A table laying out prose: per row, the n-th printed line of every cell side by side."""
    return [line for cells in grid
            for line in side_by_side([[line for p in cell.paragraphs for line in _lines(p)]
                                      for cell in cells if not cell.continues_above])]
