"""Split a decree's running text into the parts of its body.

An Indonesian Keputusan prints its body in a fixed order: the heading (KEPUTUSAN
<issuer> / NOMOR ... / TENTANG <title>), the office line ("KETUA ...,"), Menimbang
(considerations), Mengingat (legal bases), an optional Memperhatikan, MEMUTUSKAN /
Menetapkan with the dictum (KESATU, KEDUA, ...), the closing ("Ditetapkan di ...",
"pada tanggal ...", signature) and then the LAMPIRAN.  `split_body` finds those
parts by their opening words (kept in data/decree_vocabulary.toml), never by
layout, so it reads text conversions, PDF lines and OCR alike:

- markup and markdown artefacts ("- ", "#### ", "**", <b>) are removed from every
  line, blank lines and bare page numbers are dropped;
- a section marker counts only at the start of a line and only after the markers
  that precede it in the printed order; the marker word (and its colon) is cut off,
  so "Menimbang : a. bahwa ..." becomes "a. bahwa ..." in `considering`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from extract.document import Line
from normalize import vocabulary as data_files
from normalize.text import join_continuation

VOCABULARY_NAME = "decree_vocabulary"

_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|[-*•·>]\s+)+")
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:hal(?:aman)?\.?\s*)?\d{1,3}(?:\s*(?:dari|/)\s*\d{1,3})?[-–—\s]*$", re.I)


class VocabularyError(ValueError):
    """The decree vocabulary file is missing a key the readers need."""


@dataclass(frozen=True)
class TextLine:
    """A cleaned, non-empty line of the body and the page it came from."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class DecreeBody:
    """The parts of a decree body, each a run of cleaned lines (marker words removed)."""

    heading: tuple[TextLine, ...] = ()
    considering: tuple[TextLine, ...] = ()
    observing: tuple[TextLine, ...] = ()
    noting: tuple[TextLine, ...] = ()
    deciding: tuple[TextLine, ...] = ()
    closing: tuple[TextLine, ...] = ()
    appendix: tuple[TextLine, ...] = ()


def vocabulary() -> dict[str, Any]:
    """The decree vocabulary (data/decree_vocabulary.toml)."""
    return data_files.load(VOCABULARY_NAME)


def words(section: str, key: str) -> list[str]:
    """One word list of the vocabulary, e.g. words("sections", "considering")."""
    try:
        return list(vocabulary()[section][key])
    except KeyError as missing:
        raise VocabularyError(f"{VOCABULARY_NAME}.toml has no [{section}] {key}") from missing


def clean(text: str) -> str:
    """Remove markup and markdown artefacts from one line and collapse its whitespace."""
    text = html.unescape(_TAG.sub("", text))
    text = _MARKDOWN_EMPHASIS.sub("", text)
    text = " ".join(text.split())
    return _MARKDOWN_PREFIX.sub("", text).strip()


def join_lines(parts: Sequence[str]) -> str:
    """Join line texts with one space; a line ending in letter+hyphen joins the next directly."""
    joined = ""
    for part in parts:
        joined = join_continuation(joined, part)
    return " ".join(joined.split())


def phrase_pattern(phrase: str) -> str:
    """A regex for a marker phrase whose letters may be spaced out ("M E M U T U S K A N").

    Its words may also be parted by a stray dot or comma instead of a space ("pada.tanggal"
    in an OCR'd page).
    """
    pieces = []
    for word in phrase.split():
        pieces.append(r"\s*".join(re.escape(ch) for ch in word))
    return r"(?:\s*[.,]\s*|\s+)".join(pieces)


def marker_regex(phrases: Sequence[str]) -> re.Pattern[str]:
    """Match any of the phrases at the start of a line, with an optional colon after it."""
    alternatives = "|".join(phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})(?![^\W\d_])\s*:?\s*", re.I)


def body_lines(lines: Sequence[Line]) -> list[TextLine]:
    """Clean every line and drop blanks and bare page numbers."""
    cleaned = []
    for line in lines:
        text = clean(line.text)
        if text and not _PAGE_NUMBER.match(text):
            cleaned.append(TextLine(text, line.page))
    return cleaned


def split_body(lines: Sequence[Line]) -> DecreeBody:
    """Split the decree's lines into heading, Menimbang, Mengingat, dictum, closing, appendix."""
    text_lines = body_lines(lines)
    found: dict[str, int] = {}
    start = 0
    for part in ("considering", "observing", "noting", "deciding"):
        index = _find_marker(text_lines, marker_regex(words("sections", part)), start)
        if index is not None:
            found[part] = index
            start = index + 1
    closing = _find_marker(text_lines, marker_regex(words("sections", "enacted_place")), start)
    if closing is None:
        closing = _find_marker(text_lines, place_date_regex(), start)
    if closing is not None:
        found["closing"] = closing
        start = closing + 1
    appendix = _find_appendix(text_lines, start if found else 0)
    end = appendix if appendix is not None else len(text_lines)
    boundaries = sorted(found.items(), key=lambda kv: kv[1])
    parts: dict[str, tuple[TextLine, ...]] = {}
    first = boundaries[0][1] if boundaries else end
    parts["heading"] = tuple(text_lines[:first])
    for number, (part, index) in enumerate(boundaries):
        stop = boundaries[number + 1][1] if number + 1 < len(boundaries) else end
        keep_marker = part == "closing"
        parts[part] = _section(text_lines[index:stop], part, keep_marker)
    parts["appendix"] = tuple(text_lines[end:])
    return DecreeBody(**parts)


@cache
def place_date_regex() -> re.Pattern[str]:
    """A closing that opens with "<place>, <day> <month> <year>" instead of "Ditetapkan di" ("Bogor, 31 Juni 2021")."""
    months = "|".join(re.escape(m) for m in sorted(data_files.load("time_words")["months"], key=len, reverse=True))
    return re.compile(
        rf"^(?P<place>[^\W\d_][^\d,:;]{{0,40}}?)\s*,\s*(?P<date>\d{{1,2}}\s+(?:{months})\.?\s+\d{{4}})\s*\.?$",
        re.I,
    )


def _find_marker(text_lines: Sequence[TextLine], marker: re.Pattern[str], start: int) -> int | None:
    for index in range(start, len(text_lines)):
        if marker.match(text_lines[index].text):
            return index
    return None


def _find_appendix(text_lines: Sequence[TextLine], start: int) -> int | None:
    """The LAMPIRAN heading: the word alone on its line, or in capitals opening a line."""
    for phrase in words("sections", "appendix"):
        alone = re.compile(rf"^{phrase_pattern(phrase)}\s*[:.]?\s*[IVX\d]*\s*[:.]?\s*$", re.I)
        capitals = re.compile(rf"^{re.escape(phrase.upper())}\b")
        for index in range(start, len(text_lines)):
            text = text_lines[index].text
            if alone.match(text) or capitals.match(text):
                return index
    return None


def _section(run: Sequence[TextLine], part: str, keep_marker: bool) -> tuple[TextLine, ...]:
    """The run of lines of one part, its opening marker word cut from its first line."""
    if not run or keep_marker:
        return tuple(run)
    first = run[0]
    rest = marker_regex(words("sections", part)).sub("", first.text, count=1).strip()
    head = (TextLine(rest, first.page),) if rest else ()
    return head + tuple(run[1:])
