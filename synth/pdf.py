"""Render a decree as an office publishes it: a digital PDF with its appendix matrix.

The input is a `Document` read from a text conversion (`extract.text.read_text`).
The decree body is set on portrait pages; the matrix of the LAMPIRAN is a ruled
table on landscape pages, re-flowed: the source's own page breaks are ignored, rows
may split across pages, the header (and its numbering row) is repeated on every
page when the source repeated it, and bold section rows are merged across all
columns.  The closing signature follows the table.

The grid can be drawn the ways office software draws it: stroked lines, thin
filled rectangles, or cell shading only; landscape pages can be stored portrait
and turned by the page's /Rotate entry, as some print-to-PDF drivers do.  The
text can be typeset as office suites do too: letter pairs as one ligature glyph
("ﬃ"), and bold faked by printing the regular face twice, a hair apart.
"""

from __future__ import annotations

import ctypes
import dataclasses
import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from extract.document import Document, Line
from synth.matrix import TypedMatrix, TypedRow, typed_matrix
from synth.order import split_around_table

PAPERS: dict[str, tuple[float, float]] = {
    "A4": A4,
    "F4": (215 * mm, 330 * mm),  # folio, the usual paper of Indonesian offices
    "Letter": letter,
}
FONTS: dict[str, tuple[str, str]] = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
    "DejaVu Sans": ("DejaVuSans", "DejaVuSans-Bold"),  # TrueType, with ligature glyphs
}
TRUETYPE_FILES = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf"}  # fonts-dejavu-core
# Letter runs printed as one glyph, longest first (the glyphs U+FB00..FB04)
LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02"))
FAKE_BOLD_OFFSET = 0.3  # points between the two printings of fake bold
CELL_PADDING = 3.0  # points, each side of a matrix cell
RULE_WIDTH = 0.5  # points
RULE_STYLES = ("lines", "rects", "shaded")
ROTATIONS = (0, 90, 270)
HEADER_SHADE = colors.Color(0.8, 0.8, 0.8)
CELL_SHADE = colors.Color(0.93, 0.93, 0.93)
SECTION_SHADE = colors.Color(0.85, 0.85, 0.85)  # a shaded area row
_LABEL = re.compile(r"^([A-Za-z]{4,12})\s*:\s*(.*)$")  # "Menimbang : a. bahwa ...", "KESATU : ..."
_ENUMERATED = re.compile(r"^(?:[a-z]|\d{1,2})[.)]\s")
_MARKDOWN = re.compile(r"^\s*(?:[-*+]\s+|#{1,6}\s+)")
_WORDS = tomllib.loads(resources.files("synth").joinpath("data", "print.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class RenderStyle:
    """How the office typeset the decree."""

    paper: str = "A4"  # "A4", "F4" (folio 215x330 mm) or "Letter"
    font_size: float = 8.0  # the matrix; body text is 3 points larger
    margins_mm: float = 20.0
    repeat_header: bool | None = None  # None: repeat the header when the source did
    font: str = "Helvetica"  # "Helvetica", "Times" or "DejaVu Sans"
    ruled: bool = True  # grid lines around every matrix cell
    page_numbers: bool = True  # "- n -" at the top of every page but the first
    closed_cuts: bool = True  # draw borders where a page break cuts a row (as word processors do)
    # How a ruled grid is drawn: "lines" (stroked), "rects" (every rule a thin filled
    # rectangle), "shaded" (no rules: every cell a filled box, its sides the borders).
    rule_style: str = "lines"
    rotation: int = 0  # 90 or 270: landscape pages stored portrait and turned by /Rotate
    ligatures: bool = False  # ff, fi, fl, ffi, ffl printed as one glyph (the font must have them: DejaVu Sans)
    fake_bold: bool = False  # bold printed as the regular face twice, FAKE_BOLD_OFFSET apart
    body_rules: bool = True  # False: rules around the header only, the body unruled

    def __post_init__(self) -> None:
        if self.rule_style not in RULE_STYLES:
            raise ValueError(f"unknown rule style {self.rule_style!r}; choose one of {', '.join(RULE_STYLES)}")
        if self.rotation not in ROTATIONS:
            raise ValueError(f"unknown rotation {self.rotation!r}; choose one of {ROTATIONS}")

    @property
    def page_size(self) -> tuple[float, float]:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r}; choose one of {', '.join(PAPERS)}")
        return PAPERS[self.paper]

    @property
    def regular(self) -> str:
        return FONTS[self.font][0]

    @property
    def bold(self) -> str:
        return FONTS[self.font][0 if self.fake_bold else 1]

    @property
    def body_size(self) -> float:
        return self.font_size + 3


class MatrixTooWideError(ValueError):
    """The matrix's longest words do not fit the paper's width at the style's type size."""


def render_pdf(
    document: Document, path: Path, style: RenderStyle = RenderStyle(), *,
    matrix: TypedMatrix | None = None, fit: bool = False,
) -> RenderStyle:
    """Write `document` as a digital PDF decree to `path`; the style it was set in.

    `matrix`: the matrix as its office typed it (a generator's own model), instead of
    the one re-read from the document's rows.  `fit`: a matrix too wide for the style is
    set another way (smaller type, other paper, narrower margins: `fitting_style`)
    instead of raising `MatrixTooWideError`.
    """
    _register_fonts(style)
    if style.ligatures:
        document = _with_ligatures(document)
    matrix = typed_matrix(document.rows) if matrix is None else matrix
    if fit:
        style = fitting_style(matrix, style)
    before, after = split_around_table(document)
    body, appendix = _split_at_appendix(before)
    title, appendix = _table_title(appendix)
    styles = _Styles(style)
    story: list[Flowable] = [*_prose(body, styles)]
    if appendix:
        story += [PageBreak(), *_prose(appendix, styles)]
    story += [NextPageTemplate("landscape"), PageBreak(), *_prose(title, styles), Spacer(0, 4 * mm)]
    story.append(_matrix_table(matrix, style, styles, _frame_width(style, landscape=True)))
    story += [Spacer(0, 10 * mm), *_prose(after, styles, signature=True)]
    _document_template(path, style).build(story)
    if style.rotation:
        _store_landscape_rotated(path, style.rotation)
    return style


def fitting_style(matrix: TypedMatrix, style: RenderStyle) -> RenderStyle:
    """`style`, or the first way to set the matrix that fits (print.toml [fit]): smaller type first,
    then other paper, then narrower margins."""
    fit = _WORDS["fit"]
    sizes = [style.font_size, *(size for size in fit["font_sizes"] if size < style.font_size)]
    papers = [style.paper, *(paper for paper in fit["papers"] if paper != style.paper)]
    margins = [style.margins_mm, *(m for m in fit["margins_mm"] if m < style.margins_mm)]
    for margin in margins:
        for paper in papers:
            for size in sizes:
                candidate = replace(style, font_size=size, paper=paper, margins_mm=margin)
                if sum(_minimum_widths(matrix, candidate)) <= _frame_width(candidate, landscape=True):
                    return candidate
    needed = sum(_minimum_widths(matrix, style))
    raise MatrixTooWideError(f"the matrix does not fit any paper of print.toml [fit] (needs {needed:.0f} pt "
                             f"at {style.font_size} pt); its longest word is too long")


def _register_fonts(style: RenderStyle) -> None:
    for name in FONTS[style.font]:
        if name in TRUETYPE_FILES:
            registerFont(TTFont(name, TRUETYPE_FILES[name]))


def _with_ligatures(document: Document) -> Document:
    """The document's text as printed with ligature glyphs."""
    def printed(text: str) -> str:
        for letters, glyph in LIGATURES:
            text = text.replace(letters, glyph)
        return text

    lines = [dataclasses.replace(line, text=printed(line.text)) for line in document.lines]
    rows = [dataclasses.replace(row, cells=tuple(dataclasses.replace(cell, text=printed(cell.text))
                                                 for cell in row.cells)) for row in document.rows]
    return dataclasses.replace(document, lines=lines, rows=rows)


def _split_at_appendix(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    for index, line in enumerate(lines):
        if _unmarked(line.text).upper().startswith(_WORDS["appendix_start"]):
            return lines[:index], lines[index:]
    return lines, []


def _table_title(appendix: list[Line]) -> tuple[list[Line], list[Line]]:
    """The appendix lines printed on the table's own landscape page: its title block.

    All of them when the appendix has no prose of its own, else its last block
    when that block is a heading in capitals.
    """
    texts = [_unmarked(line.text) for line in appendix]
    if all(not _has_lowercase(text) for text in texts):
        return appendix, []
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    start = end
    while start and texts[start - 1]:
        start -= 1
    if start < end and all(not _has_lowercase(text) for text in texts[start:end]):
        return appendix[start:], appendix[:start]
    return [], appendix


def _has_lowercase(text: str) -> bool:
    return any(ch.islower() for ch in text)


def _unmarked(text: str) -> str:
    """A converted line without its markdown artefacts ("- ", "#", "**")."""
    text = _MARKDOWN.sub("", text).replace("**", "").replace("__", "")
    return text.strip()


class _Styles:
    """Paragraph styles of one rendering."""

    def __init__(self, style: RenderStyle) -> None:
        size = style.body_size
        self.body = ParagraphStyle("body", fontName=style.regular, fontSize=size, leading=size * 1.3,
                                   alignment=TA_JUSTIFY, splitLongWords=0)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=style.bold, alignment=TA_CENTER)
        self.item = ParagraphStyle("item", parent=self.body, leftIndent=36 * mm, firstLineIndent=-6 * mm)
        self.right = ParagraphStyle("right", parent=self.body, alignment=TA_LEFT, leftIndent=0)
        cell = style.font_size
        self.cell = ParagraphStyle("cell", fontName=style.regular, fontSize=cell, leading=cell * 1.2,
                                   alignment=TA_LEFT, splitLongWords=0)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=style.bold)
        self.header = ParagraphStyle("header", parent=self.cell_bold, alignment=TA_CENTER)
        self.numbering = ParagraphStyle("numbering", parent=self.cell, alignment=TA_CENTER)
        self.style = style
        self.struck = {self.heading.name, self.cell_bold.name, self.header.name} if style.fake_bold else set()

    def paragraph(self, text: str, style: ParagraphStyle, keep_lines: bool = False) -> Paragraph:
        """The text set in `style` (its line breaks kept as printed lines when asked); bold printed twice
        when the rendering fakes bold."""
        markup = escape(text).replace("\n", "<br/>") if keep_lines else escape(text)
        return (_DoubleStruck if style.name in self.struck else Paragraph)(markup, style)


class _DoubleStruck(Paragraph):
    """A paragraph printed twice, the second a hair to the right: bold faked with the regular face."""

    def draw(self) -> None:
        super().draw()
        self.canv.saveState()
        self.canv.translate(FAKE_BOLD_OFFSET, 0)
        super().draw()
        self.canv.restoreState()


def _prose(lines: list[Line], styles: _Styles, signature: bool = False) -> list[Flowable]:
    """Running text: headings centred, labelled lines in two columns, signature on the right.

    The "Salinan sesuai dengan aslinya" note that follows a signature is set flush left.
    """
    texts = [_unmarked(line.text) for line in lines]
    label = _appendix_label(texts)
    flowables: list[Flowable] = []
    in_signature, in_copy_note = signature, False
    for index, text in enumerate(texts):
        if not text:
            flowables.append(Spacer(0, styles.body.leading * 0.5))
            continue
        if text.startswith(_WORDS["signature_start"]):
            in_signature = True
        if text.startswith(_WORDS["copy_note_start"]):
            in_signature, in_copy_note = False, True
        if in_copy_note:
            flowables.append(Paragraph(escape(text), styles.right))
        else:
            flowables.append(_prose_line(text, styles, in_signature or index in label))
    return flowables


def _appendix_label(texts: list[str]) -> set[int]:
    """Indices of the "LAMPIRAN / KEPUTUSAN ... / NOMOR ... / TENTANG ..." block."""
    indices: set[int] = set()
    inside = False
    for index, text in enumerate(texts):
        block_start = bool(text) and (index == 0 or not texts[index - 1])
        if text.upper().startswith(_WORDS["appendix_start"]):
            inside = True
        elif block_start:
            inside = inside and text.upper().startswith(tuple(_WORDS["appendix_label_words"]))
        if inside and text:
            indices.add(index)
    return indices


def _prose_line(text: str, styles: _Styles, right: bool) -> Flowable:
    frame = _frame_width(styles.style, landscape=False)
    if right:
        indent = frame * 0.55
        return Paragraph(escape(text), ParagraphStyle("sig", parent=styles.right, leftIndent=indent))
    label = _LABEL.match(text)
    if label and label.group(1)[0].isupper():
        return _labelled(label.group(1), label.group(2), styles, frame)
    if _ENUMERATED.match(text):
        return Paragraph(escape(text), styles.item)
    if not _has_lowercase(text) and len(text) <= 120:
        return styles.paragraph(text, styles.heading)
    return Paragraph(escape(text), styles.body)


def _labelled(label: str, text: str, styles: _Styles, width: float) -> Flowable:
    """ "Menimbang : a. bahwa ..." set as label, colon and a text column."""
    widths = [26 * mm, 4 * mm, width - 30 * mm]
    table = Table([[Paragraph(escape(label), styles.right), Paragraph(":", styles.right),
                    Paragraph(escape(text), styles.body)]],
                  colWidths=widths, splitByRow=0, splitInRow=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _matrix_table(matrix: TypedMatrix, style: RenderStyle, styles: _Styles, width: float) -> Table:
    header_rows = _header_rows(matrix, styles)
    if matrix.numbering:
        header_rows.append([Paragraph(escape(t), styles.numbering) for t in matrix.numbering])
    body = [[_cell(text, styles.cell_bold if row.bold else styles.cell, styles) for text in row.texts]
            for row in matrix.rows]
    repeat = matrix.repeats_header if style.repeat_header is None else style.repeat_header
    table = _table_class(style)(
        header_rows + body,
        colWidths=_column_widths(matrix, style, width),
        repeatRows=len(header_rows) if repeat else 0,
        splitByRow=0,
        splitInRow=1,
    )
    head = len(header_rows)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, head - 1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    sections = [head + i for i, row in enumerate(matrix.rows) if row.is_section]
    if style.ruled and style.rule_style == "shaded":
        commands += _shading(head, head + len(body), matrix.column_count, sections)
    elif style.ruled and style.body_rules:
        commands.append(("GRID", (0, 0), (-1, -1), RULE_WIDTH, colors.black))
    elif style.ruled:  # rules around the header only, the body unruled
        commands.append(("GRID", (0, 0), (-1, head - 1), RULE_WIDTH, colors.black))
    if matrix.header_shaded:
        commands.append(("BACKGROUND", (0, 0), (-1, matrix.header_row_count - 1), HEADER_SHADE))
    commands += [("SPAN", (c.first, c.top), (c.last, c.bottom)) for c in matrix.header_cells
                 if (c.first, c.top) != (c.last, c.bottom)]
    for index, row in enumerate(matrix.rows, start=head):
        commands += [("SPAN", (first, index), (last, index)) for first, last in row.merged if first != last]
        if row.shaded:
            commands.append(("BACKGROUND", (0, index), (-1, index), SECTION_SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _header_rows(matrix: TypedMatrix, styles: _Styles) -> list[list[Flowable | str]]:
    """The header as printed: one row of `header`, or the rows of `header_cells` (spanned cells empty)."""
    if not matrix.header_cells:
        return [[styles.paragraph(t, styles.header) for t in matrix.header]]
    rows: list[list[Flowable | str]] = [[""] * matrix.column_count for _ in range(matrix.header_row_count)]
    for cell in matrix.header_cells:
        rows[cell.top][cell.first] = styles.paragraph(cell.text, styles.header) if cell.text else ""
    return rows


def _table_class(style: RenderStyle) -> type[Table]:
    closed = style.ruled and style.body_rules and style.closed_cuts and style.rule_style != "shaded"
    if style.ruled and style.rule_style == "rects":
        return _RectClosedCutTable if closed else _RectTable
    return _ClosedCutTable if closed else Table


def _shading(header_rows: int, rows: int, columns: int, sections: list[int]) -> list[tuple]:
    """One filled box per cell (a section row's merged cell is one box): the grid drawn as shading."""
    commands: list[tuple] = []
    for row in range(rows):
        shade = HEADER_SHADE if row < header_rows else CELL_SHADE
        if row in sections:
            commands.append(("BACKGROUND", (0, row), (-1, row), shade))
        else:
            commands += [("BACKGROUND", (col, row), (col, row), shade) for col in range(columns)]
    return commands


class _ClosedCutTable(Table):
    """A table that draws a border on both sides of a page break, cut rows included."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            first, rest = parts
            first.setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), RULE_WIDTH, colors.black)]))
            top = rest.repeatRows if isinstance(rest.repeatRows, int) else len(rest.repeatRows)
            rest.setStyle(TableStyle([("LINEABOVE", (0, top), (-1, top), RULE_WIDTH, colors.black)]))
        return parts


class _RectRules(Table):
    """Draws every rule of the table as a thin filled rectangle instead of a stroked line."""

    def _drawLines(self) -> None:
        canv = self.canv

        def bar(x0: float, y0: float, x1: float, y1: float) -> None:
            half = RULE_WIDTH / 2
            canv.rect(min(x0, x1) - half, min(y0, y1) - half, abs(x1 - x0) + RULE_WIDTH, abs(y1 - y0) + RULE_WIDTH,
                      stroke=0, fill=1)

        canv.saveState()
        canv.setFillColor(colors.black)
        canv.line = bar
        try:
            super()._drawLines()
        finally:
            del canv.line
            canv.restoreState()


class _RectTable(_RectRules, Table):
    pass


class _RectClosedCutTable(_RectRules, _ClosedCutTable):
    pass


def _cell(text: str, style: ParagraphStyle, styles: _Styles) -> list[Flowable]:
    """A cell's paragraph; its line breaks kept as printed lines."""
    return [styles.paragraph(text, style, keep_lines=True)] if text else []


def _column_widths(matrix: TypedMatrix, style: RenderStyle, width: float) -> list[float]:
    """Every column wide enough for its longest word; the rest shared by the amount of text."""
    minimum = _minimum_widths(matrix, style)
    if sum(minimum) > width:
        raise MatrixTooWideError(f"the matrix does not fit {style.paper} at {style.font_size} pt: "
                                 f"needs {sum(minimum):.0f} pt, has {width:.0f} pt")
    rows = _sized_rows(matrix)
    weight = [sum(len(row.texts[c]) for row in rows) ** 0.5 for c in range(matrix.column_count)]
    spare = width - sum(minimum)
    return [m + spare * w / sum(weight) for m, w in zip(minimum, weight)]


def _minimum_widths(matrix: TypedMatrix, style: RenderStyle) -> list[float]:
    """Each column's longest word, padded."""
    rows = _sized_rows(matrix)
    return [max(_longest_word(row.texts[c], style, row.bold) for row in rows) + 2 * CELL_PADDING + 1
            for c in range(matrix.column_count)]


def _sized_rows(matrix: TypedMatrix) -> list[TypedRow]:
    """The rows whose cells set the column widths: the header and the items (sections span the table)."""
    return [TypedRow(matrix.header, True)] + [row for row in matrix.rows if not row.is_section]


def _longest_word(text: str, style: RenderStyle, bold: bool) -> float:
    font = style.bold if bold else style.regular
    return max((stringWidth(word, font, style.font_size) for word in text.split()), default=0.0)


def _frame_width(style: RenderStyle, landscape: bool) -> float:
    width, height = style.page_size
    return (max(width, height) if landscape else min(width, height)) - 2 * style.margins_mm * mm


def _document_template(path: Path, style: RenderStyle) -> BaseDocTemplate:
    portrait_size = style.page_size
    landscape_size = landscape(portrait_size)
    margin = style.margins_mm * mm

    def frame(size: tuple[float, float], name: str) -> Frame:
        return Frame(margin, margin, size[0] - 2 * margin, size[1] - 2 * margin, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def number(canvas, doc) -> None:
        if style.page_numbers and doc.page > 1:
            width, height = canvas._pagesize
            canvas.setFont(style.regular, style.body_size - 1)
            canvas.drawCentredString(width / 2, height - margin / 2, f"- {doc.page} -")

    template = BaseDocTemplate(str(path), pagesize=portrait_size, title="Keputusan", author="synth")
    template.addPageTemplates([
        PageTemplate("portrait", frames=[frame(portrait_size, "portrait")], pagesize=portrait_size, onPage=number),
        PageTemplate("landscape", frames=[frame(landscape_size, "landscape")], pagesize=landscape_size,
                     onPage=number),
    ])
    return template


def _store_landscape_rotated(path: Path, rotation: int) -> None:
    """Store every landscape page portrait, its content turned, with /Rotate showing it as before."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            if width > height:
                # displayed (x, y) -> stored: (height - y, x) under /Rotate 90, (y, width - x) under 270
                a, b, c, d, e, f = (0, 1, -1, 0, height, 0) if rotation == 90 else (0, -1, 1, 0, 0, width)
                matrix = pdfium_raw.FS_MATRIX(a, b, c, d, e, f)
                pdfium_raw.FPDFPage_TransFormWithClip(page.raw, ctypes.byref(matrix), None)
                page.set_mediabox(0, 0, height, width)
                page.set_rotation(rotation)
            page.close()
        data = path.with_suffix(".rotated.pdf")
        pdf.save(str(data))
    finally:
        pdf.close()
    data.replace(path)
