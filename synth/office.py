"""Render a decree as the office typed it: a Word file (.docx) or an Excel workbook (.xlsx).

The input is a `Document` read from a text conversion (`extract.text.read_text`), as
for `synth.pdf`.  The Word file is what an office drafts: the body as paragraphs,
its enumerations ("1.", "b.") as Word's automatic lists (the numbers are not in
the text: numbering.xml generates them), the LAMPIRAN on a landscape section with
the matrix as one table whose header rows are marked "repeat as header row",
section rows merged across the table (`w:gridSpan`), the merged cells of the
numbering, area, component and action columns merged down (`w:vMerge`), and a
page header and footer that are not part of the decree.

The workbook holds the decree's body on a first sheet, one paragraph per row, and
the matrix on a second: its title above, the table ruled with borders and merged
like the Word table, the closing signature under it.

`python -m synth.office OUTDIR` writes both seeds in both forms;
`write_office_corpus(folder, n, seed, form)` writes a generated corpus (synth.corpus)
as .docx or .xlsx with its truth files.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import tempfile
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import docx
import openpyxl
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl.styles import Alignment, Border, Font, Side

from extract.document import Document
from extract.text import read_text
from normalize.layout import role_of
from normalize.vocabulary import load
from synth.corpus import generate_corpus
from synth.matrix import TypedMatrix, TypedRow, typed_matrix
from synth.order import split_around_table

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"
FORMS = ("docx", "xlsx")
_MARKDOWN = re.compile(r"^\s*(?:[-*+]\s+|#{1,6}\s+)")
_LABEL = re.compile(r"^([A-Za-z]{4,12})\s*:\s*(.*)$")  # "Menimbang : a. bahwa ...", "KESATU : ..."
_ENUMERATED = re.compile(r"^([a-z]|\d{1,2})([.)])\s+(\S.*)$")  # "1. Undang-Undang ...", "b. bahwa ..."
_NUMBERED_CELL = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_THIN = Side(style="thin")
_WORDS = tomllib.loads(resources.files("synth").joinpath("data", "print.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class OfficeStyle:
    """How the office typed the decree in Word."""

    word_lists: bool = True  # enumerations and numbered cells as Word's automatic numbering
    page_furniture: bool = True  # a page header and a footer with the page number
    label_tables: bool = False  # "Menimbang : a. ..." and its enumeration laid out in a borderless table


# --- Word -------------------------------------------------------------------------------------------

def render_docx(document: Document, path: Path, style: OfficeStyle = OfficeStyle()) -> None:
    """Write `document` as the Word file an office drafts."""
    matrix = typed_matrix(document.rows)
    before, after = split_around_table(document)
    word = docx.Document()
    lists = _WordLists(word) if style.word_lists else None
    body = [_unmarked(line.text) for line in before]
    if style.page_furniture:
        _furniture(word.sections[0], next((t for t in body if t), ""))
    index = 0
    while index < len(body):
        if style.label_tables and _LABEL.match(body[index]) and body[index][0].isupper():
            index = _label_table(word, body, index, lists)
            continue
        _body_paragraph(word, body[index], lists)
        index += 1
    landscape = word.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(297), Mm(210)
    _matrix_table(word, matrix, lists)
    for text in (_unmarked(line.text) for line in after):
        _body_paragraph(word, text, lists)
    word.save(str(path))


def _unmarked(text: str) -> str:
    """A converted line without its markdown artefacts ("- ", "#", "**")."""
    return _MARKDOWN.sub("", text).replace("**", "").replace("__", "").strip()


def _furniture(section, heading: str) -> None:
    """A page header repeating the office's name and a footer "Halaman N": not the decree's text."""
    section.header.paragraphs[0].text = heading
    footer = section.footer.paragraphs[0]
    footer.add_run("Halaman ")
    _page_field(footer.add_run())


def _page_field(run) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "1":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)


class _WordLists:
    """List definitions added to the file's numbering part: one per format, one instance per list."""

    def __init__(self, word) -> None:
        self._numbering = word.part.numbering_part.element
        self._abstract: dict[tuple[str, str], str] = {}
        ids = [int(n.get(qn("w:numId"))) for n in self._numbering.findall(qn("w:num"))]
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in self._numbering.findall(qn("w:abstractNum"))]
        self._next_num, self._next_abstract = max(ids, default=0) + 1, max(abstract_ids, default=-1) + 1
        self.current: tuple[str, str, int, str] | None = None  # (format, punctuation, last number, numId)

    def item(self, paragraph, number_format: str, punctuation: str, value: int) -> None:
        """Make `paragraph` an automatic list item printing `value`: the open list goes on, or a new one starts."""
        current = self.current
        if current and current[:2] == (number_format, punctuation) and current[2] + 1 == value:
            num_id = current[3]
        else:
            num_id = self._new_list(number_format, punctuation, value)
        self.current = (number_format, punctuation, value, num_id)
        properties = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", num_id)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), val)
            num_pr.append(child)
        properties.append(num_pr)

    def _new_list(self, number_format: str, punctuation: str, start: int) -> str:
        key = (number_format, punctuation)
        if key not in self._abstract:
            self._abstract[key] = self._add_abstract(number_format, punctuation)
        num = OxmlElement("w:num")
        num_id = str(self._next_num)
        self._next_num += 1
        num.set(qn("w:numId"), num_id)
        _child(num, "w:abstractNumId", self._abstract[key])
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        _child(override, "w:startOverride", str(start))
        num.append(override)
        self._numbering.append(num)
        return num_id

    def _add_abstract(self, number_format: str, punctuation: str) -> str:
        abstract_id = str(self._next_abstract)
        self._next_abstract += 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), abstract_id)
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", number_format), ("w:lvlText", f"%1{punctuation}"),
                         ("w:lvlJc", "left")):
            _child(level, tag, val)
        abstract.append(level)
        first_num = self._numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._numbering.append(abstract)
        return abstract_id


def _child(parent, tag: str, value: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    parent.append(element)


def _body_paragraph(word, text: str, lists: _WordLists | None) -> None:
    """One line of the body: headings centred and bold, labels tabbed, enumerations as list items."""
    if text.upper() == _WORDS["appendix_start"]:  # the appendix starts a new page
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    paragraph = word.add_paragraph()
    if not text:
        return
    label = _LABEL.match(text)
    if lists is not None and _ENUMERATED.match(text):
        _enumerated(paragraph, text, lists)
    elif label and label.group(1)[0].isupper():
        paragraph.add_run(f"{label.group(1)}\t:\t{label.group(2)}")
    elif not any(ch.islower() for ch in text) and len(text) <= 120:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    else:
        paragraph.add_run(text)


def _label_table(word, body: list[str], index: int, lists: _WordLists | None) -> int:
    """A labelled line and the enumeration under it as a borderless table: label | ":" | text; the next index."""
    label = _LABEL.match(body[index])
    assert label is not None, "called on a labelled line"
    table = word.add_table(rows=1, cols=3)
    name, colon, text = table.rows[0].cells
    name.paragraphs[0].add_run(label.group(1))
    colon.paragraphs[0].add_run(":")
    text.paragraphs[0].add_run(label.group(2))
    index += 1
    while index < len(body) and _ENUMERATED.match(body[index]):
        _enumerated(text.add_paragraph(), body[index], lists)
        index += 1
    return index


def _enumerated(paragraph, text: str, lists: _WordLists | None) -> None:
    """An enumerated line ("b. bahwa ..."): a Word list item printing that number, or typed as it is."""
    enumerated = _ENUMERATED.match(text)
    assert enumerated is not None, "called on an enumerated line"
    marker, punctuation, rest = enumerated.groups()
    if lists is None:
        paragraph.add_run(text)
        return
    letter = marker.isalpha()
    lists.item(paragraph, "lowerLetter" if letter else "decimal", punctuation,
               ord(marker) - ord("a") + 1 if letter else int(marker))
    paragraph.add_run(rest)


def _matrix_table(word, matrix: TypedMatrix, lists: _WordLists | None) -> None:
    header_rows = [TypedRow(matrix.header, True)] + ([TypedRow(matrix.numbering)] if matrix.numbering else [])
    rows = header_rows + list(matrix.rows)
    table = word.add_table(rows=len(rows), cols=matrix.column_count)
    table.style = "Table Grid"
    grid: dict[tuple[int, int], object] = {}
    for index, row in enumerate(rows):
        cells = table.rows[index].cells
        grid.update(((index, column), cell) for column, cell in enumerate(cells))
        if index < len(header_rows):
            _repeat_as_header(table.rows[index])
        texts = row.texts
        if index >= len(header_rows) and _one_cell(row):
            merged = cells[0].merge(cells[-1])
            _cell_text(merged, next(t for t in texts if t), row.bold, None)
            continue
        for cell, text in zip(cells, texts):
            _cell_text(cell, text, row.bold, lists if index >= len(header_rows) else None)
    _merge_down(grid, matrix, len(header_rows))


def _one_cell(row: TypedRow) -> bool:
    """A section row: its text alone in the first cell, or the same text in every cell."""
    filled = {t for t in row.texts if t}
    return row.is_section or (len(filled) == 1 and all(row.texts))


def _repeat_as_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    row._tr.get_or_add_trPr().append(header)


def _cell_text(cell, text: str, bold: bool, lists: _WordLists | None) -> None:
    paragraph = cell.paragraphs[0]
    if not text:
        return
    numbered = _NUMBERED_CELL.match(text) if lists is not None else None
    if numbered and lists is not None:
        lists.current = None  # every numbered cell is a list of its own
        lists.item(paragraph, "decimal", ".", int(numbered.group(1)))
        text = numbered.group(2)
    paragraph.add_run(text).bold = bold or None


def _merge_down(grid: dict[tuple[int, int], object], matrix: TypedMatrix, first_body_row: int) -> None:
    """Empty cells of the carried columns under a filled one (within an area) merged with it: w:vMerge."""
    carried = load("layout")["header"]["carried_roles"]
    for column, header in enumerate(matrix.header):
        if role_of(header) not in carried:
            continue
        anchor: int | None = None
        for offset, row in enumerate(matrix.rows):
            index = first_body_row + offset
            if _one_cell(row):
                anchor = None
            elif row.texts[column]:
                anchor = index
            elif anchor is not None:
                _vmerge(grid[anchor, column], "restart")
                _vmerge(grid[index, column], None)


def _vmerge(cell, value: str | None) -> None:
    properties = cell._tc.get_or_add_tcPr()
    if properties.find(qn("w:vMerge")) is not None:
        return
    element = OxmlElement("w:vMerge")
    if value:
        element.set(qn("w:val"), value)
    properties.append(element)


# --- Excel ------------------------------------------------------------------------------------------

def render_xlsx(document: Document, path: Path) -> None:
    """Write `document` as a workbook: the body on a first sheet, the matrix on a second."""
    matrix = typed_matrix(document.rows)
    before, after = split_around_table(document)
    body = [_unmarked(line.text) for line in before]
    title_start = _title_block(body)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Keputusan"
    for number, text in enumerate(body[:title_start], start=1):
        sheet.cell(number, 1, text or None)
    appendix = workbook.create_sheet("Lampiran")
    row = 1
    for text in body[title_start:]:
        if text:
            appendix.cell(row, 1, text).font = Font(bold=True)
            appendix.merge_cells(start_row=row, start_column=1, end_row=row, end_column=matrix.column_count)
            row += 1
    row += 1
    row = _sheet_matrix(appendix, matrix, row)
    for text in (_unmarked(line.text) for line in after):
        row += 1
        if text:
            appendix.cell(row, 2, text)
    workbook.save(str(path))


def _title_block(texts: list[str]) -> int:
    """Where the last block of lines (the matrix's title, above it) starts: after the blank line before it."""
    filled = [index for index, text in enumerate(texts) if text]
    if not filled:
        return len(texts)
    return 1 + max((index for index in range(filled[-1]) if not texts[index]), default=-1)


def _sheet_matrix(sheet, matrix: TypedMatrix, top: int) -> int:
    """The matrix ruled, section rows merged across, carried cells merged down; the next free row."""
    header_rows = [TypedRow(matrix.header, True)] + ([TypedRow(matrix.numbering)] if matrix.numbering else [])
    rows = header_rows + list(matrix.rows)
    for offset, typed in enumerate(rows):
        line = top + offset
        section = offset >= len(header_rows) and _one_cell(typed)
        for column, text in enumerate(typed.texts, start=1):
            cell = sheet.cell(line, column)
            cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if section and column > 1:
                continue
            value = next(t for t in typed.texts if t) if section else text
            if value:
                cell.value = int(value) if value.isdigit() and len(value) < 6 else value
                cell.font = Font(bold=typed.bold)
        if section:
            sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=matrix.column_count)
    _sheet_merge_down(sheet, matrix, top + len(header_rows))
    return top + len(rows)


def _sheet_merge_down(sheet, matrix: TypedMatrix, first: int) -> None:
    carried = load("layout")["header"]["carried_roles"]
    for column, header in enumerate(matrix.header, start=1):
        if role_of(header) not in carried:
            continue
        anchor, last = None, None
        for offset, row in enumerate([*matrix.rows, TypedRow(("",) * matrix.column_count)]):
            line = first + offset
            ends = offset == len(matrix.rows) or _one_cell(row) or bool(row.texts[column - 1])
            if ends and anchor is not None and last is not None and last > anchor:
                sheet.merge_cells(start_row=anchor, start_column=column, end_row=last, end_column=column)
            if offset == len(matrix.rows) or _one_cell(row):
                anchor = last = None
            elif row.texts[column - 1]:
                anchor = last = line
            elif anchor is not None:
                last = line


# --- seeds and corpus -------------------------------------------------------------------------------

def render(document: Document, path: Path, form: str, style: OfficeStyle = OfficeStyle()) -> None:
    """Render in `form` ("docx" or "xlsx")."""
    if form == "docx":
        render_docx(document, path, style)
    elif form == "xlsx":
        render_xlsx(document, path)
    else:
        raise ValueError(f"unknown office form {form!r}; choose one of {', '.join(FORMS)}")


def render_seeds(out_dir: Path, forms: tuple[str, ...] = FORMS, seeds: Path = SEEDS) -> list[Path]:
    """Every seed as .docx and .xlsx in `out_dir`; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for seed in sorted(seeds.glob("*.txt")):
        for form in forms:
            path = out_dir / f"{seed.stem}.{form}"
            render(read_text(seed), path, form)
            written.append(path)
    return written


def write_office_corpus(folder: Path, count: int, seed: int = 0, form: str = "docx",
                        style: OfficeStyle = OfficeStyle()) -> list[Path]:
    """The generated corpus of synth.corpus as <name>.docx or <name>.xlsx, each with <name>.truth.json."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for decree in generate_corpus(count, seed):
        (folder / f"{decree.name}.truth.json").write_text(json.dumps(decree.truth, ensure_ascii=False, indent=1),
                                                         encoding="utf-8")
        with tempfile.TemporaryDirectory() as scratch:
            text_path = Path(scratch) / f"{decree.name}.txt"
            text_path.write_text(decree.text, encoding="utf-8")
            path = folder / f"{decree.name}.{form}"
            render(read_text(text_path), path, form, style)  # the text file tells where the matrix stood
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder for the generated files")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for path in render_seeds(args.out_dir):
        logging.info("wrote %s", path)


if __name__ == "__main__":
    main()
