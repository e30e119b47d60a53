"""What a digital PDF page holds for table reading: its characters and its ruling lines.

Read with PDFium (pypdfium2): one pass over the characters of the text layer and
one over the page's path objects.  Coordinates are PDF points with the origin at
the top-left of the page as displayed (page rotation applied).  Invisible text
(another program's OCR layer under a scan) is not print and is left out; a page
that an image covers, with no more than a stray line of text on it, is a scan
(`is_scan`).
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as raw

_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold", "demi")
_FORCE_BOLD = 1 << 18  # font descriptor flag
_THIN = 2.5  # a filled rectangle this thin (points) is a ruling line
_MIN_RULING = 3.0  # shorter strokes are glyph-like marks, not rulings
_NOT_PRINTED = frozenset((0, 10, 13, 0xFFFE, 0xFFFF))  # pdfium's generated line breaks and placeholders
_SIZE_PER_HEIGHT = 0.87  # font size / height of a character's line box (ascent + descent)
SCAN_IMAGE_SHARE = 0.5  # an image covering this share of a page ...
SCAN_MAX_LETTERS = 40  # ... with fewer letters of visible text than this (a stamp, a page number) is a scan
# Characters read as other text: pdfium's marker for a line-end hyphen, the soft hyphen,
# and the typographic ligatures ("ﬁ" -> "fi") when PDFium leaves them whole.
_SPELLED = {0x02: "-", 0xAD: "-"} | {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


class Char(NamedTuple):
    """One printed character; `top`/`bottom` are the font's line box, not the glyph's ink."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font size, estimated from the line box
    bold: bool

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Ruling:
    """A horizontal or vertical line segment drawn on the page."""

    horizontal: bool
    at: float  # y of a horizontal line, x of a vertical one
    start: float  # x0 (horizontal) or top (vertical)
    end: float


@dataclass
class PageContent:
    """The characters (reading order not assumed) and rulings of one page."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    drawings: int = 0  # path objects on the page (rulings or not): lines, boxes, shading, curves
    boxes: int = 0  # filled rectangles wider than a rule: cell shading, filled frames
    image_share: float = 0.0  # share of the page the largest image covers

    @property
    def is_scan(self) -> bool:
        """Is the page an image with at most a stray line of text (its text layer unusable for the decree)?"""
        letters = sum(ch.text.isalpha() for ch in self.chars[:SCAN_MAX_LETTERS * 4])
        return self.image_share >= SCAN_IMAGE_SHARE and letters < SCAN_MAX_LETTERS


class _Transform:
    """PDF user space -> displayed page space with a top-left origin."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        left, bottom, right, top = page.get_cropbox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = page.get_rotation() % 360

    @property
    def size(self) -> tuple[float, float]:
        width, height = self.right - self.left, self.top - self.bottom
        return (height, width) if self.rotation in (90, 270) else (width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = x - self.left, self.top - y  # unrotated, top-left origin
        width, height = self.right - self.left, self.top - self.bottom
        if self.rotation == 90:
            return height - dy, dx
        if self.rotation == 180:
            return width - dx, height - dy
        if self.rotation == 270:
            return dy, width - dx
        return dx, dy

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def read_page(page: pdfium.PdfPage, number: int) -> PageContent:
    """The characters and ruling lines of one page."""
    transform = _Transform(page)
    width, height = transform.size
    content = PageContent(number, width, height)
    drawing = _drawing(page, transform)
    content.chars = _chars(page, transform, skip_invisible=drawing.invisible_text > 0)
    content.rulings, content.drawings, content.boxes = drawing.rulings, drawing.paths, drawing.boxes
    content.image_share = drawing.image_area / (width * height) if width * height else 0.0
    return content


def spelled(text: str) -> str:
    """Text as read: line-end and soft hyphens as "-", ligatures spelled out."""
    return "".join(_SPELLED.get(ord(ch)) or ch for ch in text)


def font_is_bold(name: str, flags: int = 0) -> bool:
    """A bold face by its name ("Arial-BoldMT", "ABCDEF+Times-Bold") or its descriptor flags."""
    base = name.lower().split("+")[-1]
    return any(word in base for word in _BOLD_NAMES) or bool(flags & _FORCE_BOLD)


def _chars(page: pdfium.PdfPage, transform: _Transform, skip_invisible: bool = False) -> list[Char]:
    """Every printed character of the text layer (pdfium's generated line breaks, and invisible text if asked, left out)."""
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        rect = raw.FS_RECTF()
        font_name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        bold_by_font: dict[bytes, bool] = {}
        upright = transform.rotation == 0
        left, top_edge = transform.left, transform.top
        chars: list[Char] = []
        append = chars.append
        for index in range(raw.FPDFText_CountChars(handle)):
            code = raw.FPDFText_GetUnicode(handle, index)
            if code in _NOT_PRINTED or not raw.FPDFText_GetLooseCharBox(handle, index, rect):
                continue
            if skip_invisible and _invisible(raw.FPDFText_GetTextObject(handle, index)):
                continue
            raw.FPDFText_GetFontInfo(handle, index, font_name, 128, flags)
            name = font_name.value
            bold = bold_by_font.get(name)
            if bold is None:
                bold = bold_by_font[name] = font_is_bold(name.decode("latin-1"), flags.value)
            if upright:
                x0, top, x1, bottom = rect.left - left, top_edge - rect.top, rect.right - left, top_edge - rect.bottom
            else:
                x0, top, x1, bottom = transform.box(rect.left, rect.bottom, rect.right, rect.top)
            text = _SPELLED.get(code) or chr(code)
            append(Char(text, x0, top, x1, bottom, (bottom - top) * _SIZE_PER_HEIGHT, bold))
        return _glyphs_shared(chars)
    finally:
        textpage.close()


def _glyphs_shared(chars: list[Char]) -> list[Char]:
    """Letters printed as one glyph (a ligature, "ffi") with the glyph's box shared out among them.

    PDFium gives every letter of a ligature the whole glyph's box, one after the other;
    left so, the letters would read as one letter printed twice (fake bold).
    """
    shared: list[Char] = []
    start = 0
    while start < len(chars):
        end = start + 1
        glyph = chars[start]
        while end < len(chars) and _same_box(chars[end], glyph):
            end += 1
        parts = end - start
        width = (glyph.x1 - glyph.x0) / parts
        shared.extend(char._replace(x0=glyph.x0 + width * n, x1=glyph.x0 + width * (n + 1))
                      for n, char in enumerate(chars[start:end]))
        start = end
    return shared


def _same_box(a: Char, b: Char) -> bool:
    return (a.x0, a.top, a.x1, a.bottom) == (b.x0, b.top, b.x1, b.bottom)


@dataclass
class _Drawing:
    """What a page's path objects draw, as far as tables go."""

    rulings: list[Ruling] = field(default_factory=list)
    paths: int = 0
    boxes: int = 0
    image_area: float = 0.0  # square points of the largest image
    invisible_text: int = 0  # text objects drawn invisibly


def _invisible(text_object) -> bool:
    return bool(text_object) and raw.FPDFTextObj_GetTextRenderMode(text_object) == raw.FPDF_TEXTRENDERMODE_INVISIBLE


def _drawing(page: pdfium.PdfPage, transform: _Transform) -> _Drawing:
    drawing = _Drawing()
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        _object_drawing(raw.FPDFPage_GetObject(page.raw, index), identity, transform, drawing)
    return drawing


def _object_drawing(obj, outer: tuple[float, ...], transform: _Transform, drawing: _Drawing) -> None:
    kind = raw.FPDFPageObj_GetType(obj)
    if kind == raw.FPDF_PAGEOBJ_FORM:
        matrix = _compose(_matrix(obj), outer)
        for index in range(raw.FPDFFormObj_CountObjects(obj)):
            _object_drawing(raw.FPDFFormObj_GetObject(obj, index), matrix, transform, drawing)
    elif kind == raw.FPDF_PAGEOBJ_PATH:
        drawing.paths += 1
        _path_drawing(obj, _compose(_matrix(obj), outer), transform, drawing)
    elif kind == raw.FPDF_PAGEOBJ_IMAGE:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            area = (right.value - left.value) * (top.value - bottom.value)
            drawing.image_area = max(drawing.image_area, area * abs(outer[0] * outer[3] - outer[1] * outer[2]))
    elif kind == raw.FPDF_PAGEOBJ_TEXT and _invisible(obj):
        drawing.invisible_text += 1


def _matrix(obj) -> tuple[float, ...]:
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner` first, then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_drawing(obj, matrix: tuple[float, ...], transform: _Transform, drawing: _Drawing) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    a, b, c, d, e, f = matrix
    points: list[tuple[float, float, int, bool]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = x.value * a + y.value * c + e, x.value * b + y.value * d + f
        tx, ty = transform.point(px, py)
        points.append((tx, ty, raw.FPDFPathSegment_GetType(segment), bool(raw.FPDFPathSegment_GetClose(segment))))
    if stroke.value:
        drawing.rulings.extend(_stroked(points))
    elif fill_mode.value:
        _fills(points, drawing)


def _stroked(points: list[tuple[float, float, int, bool]]) -> list[Ruling]:
    rulings: list[Ruling] = []
    start = previous = None
    for x, y, kind, closes in points:
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = previous = (x, y)
            continue
        if previous is not None and kind == raw.FPDF_SEGMENT_LINETO:
            rulings.extend(_segment(previous, (x, y)))
        previous = (x, y)
        if closes and start is not None:
            rulings.extend(_segment(previous, start))
    return rulings


def _segment(p: tuple[float, float], q: tuple[float, float]) -> list[Ruling]:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= _MIN_RULING:
        return [Ruling(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1))]
    if abs(x0 - x1) < 0.5 and abs(y1 - y0) >= _MIN_RULING:
        return [Ruling(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1))]
    return []


def _fills(points: list[tuple[float, float, int, bool]], drawing: _Drawing) -> None:
    """Filled rectangles: thin ones are lines (how some office suites draw cell borders), wider ones boxes."""
    for subpath in _subpaths(points):
        if any(kind == raw.FPDF_SEGMENT_BEZIERTO for _, _, kind, _ in subpath):
            continue
        xs, ys = [p[0] for p in subpath], [p[1] for p in subpath]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if height <= _THIN and width >= _MIN_RULING:
            drawing.rulings.append(Ruling(True, (max(ys) + min(ys)) / 2, min(xs), max(xs)))
        elif width <= _THIN and height >= _MIN_RULING:
            drawing.rulings.append(Ruling(False, (max(xs) + min(xs)) / 2, min(ys), max(ys)))
        elif width >= _MIN_RULING and height >= _MIN_RULING:
            drawing.boxes += 1


def _subpaths(points: list[tuple[float, float, int, bool]]) -> list[list[tuple[float, float, int, bool]]]:
    subpaths: list[list[tuple[float, float, int, bool]]] = []
    for point in points:
        if point[2] == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([])
        subpaths[-1].append(point)
    return subpaths
