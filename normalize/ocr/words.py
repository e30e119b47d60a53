"""Domain words OCR doubted, corrected to the one known word they clearly stand for.

Units ("Laporan", "Kegiatan", "Dokumen"), month names and the words of the area labels
recur in every decree; a scan's slip on one ("Keniatan") is corrected only when OCR
itself doubted the word (its confidence below the threshold), no word list knows it,
and one domain word is clearly the nearest (normalize/data/ocr.toml [domain_words]).
Each correction is an info note; the cell keeps its other doubts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from rapidfuzz import fuzz, process

from extract.document import Cell, Row
from normalize.findings import Finding, Severity
from normalize.ocr.lexicon import lexicon
from normalize.ocr.notes import CellNote
from normalize.vocabulary import load


def correct_domain_words(rows: list[Row]) -> tuple[list[Row], list[CellNote]]:
    """Rows with doubted domain words corrected, and one info note per corrected cell."""
    notes: list[CellNote] = []
    corrected = []
    for row in rows:
        cells = list(row.cells)
        for column, cell in enumerate(cells):
            fixed, changes = _corrected(cell)
            if changes:
                cells[column] = fixed
                message = "; ".join(f"OCR read '{read}', corrected to '{word}'" for read, word in changes)
                notes.append(CellNote(Finding("ocr_word_corrected", Severity.INFO, message, None, row.page),
                                      row.page, row.bbox, column))
        corrected.append(replace(row, cells=tuple(cells)))
    return corrected, notes


def _corrected(cell: Cell) -> tuple[Cell, list[tuple[str, str]]]:
    """The cell with its doubted domain words corrected; (read, corrected) pairs."""
    threshold = load("ocr")["confidence"]["low"]
    text, changes = cell.text, []
    for read, confidence in cell.words:
        if confidence >= threshold:
            continue
        word = _nearest(read)
        if word is not None:
            text = re.sub(rf"(?<!\S){re.escape(read)}(?!\S)", word + _trailing(read), text, count=1)
            changes.append((read, word + _trailing(read)))
    if not changes:
        return cell, []
    return replace(cell, text=text), changes


def _trailing(read: str) -> str:
    core = read.rstrip(".,;:")
    return read[len(core):]


def _nearest(read: str) -> str | None:
    """The domain word `read` clearly stands for, in the case it was printed in; None if none or unsure."""
    settings = load("ocr")["domain_words"]
    core = read.rstrip(".,;:")
    if len(core) < settings["min_letters"] or not re.fullmatch(r"[^\W\d_]+", core) or core.casefold() in lexicon():
        return None
    best = process.extract(core.casefold(), _domain_words(), scorer=fuzz.ratio, limit=2)
    if not best or best[0][1] < settings["min_score"]:
        return None
    if len(best) > 1 and best[0][1] - best[1][1] < settings["margin"]:
        return None
    word = best[0][0]
    if core.isupper():
        return word.upper()
    return word.capitalize() if core[0].isupper() else word


@cache
def _domain_words() -> tuple[str, ...]:
    """Case-folded domain words: units, full month names, the words of the area labels."""
    settings = load("ocr")["domain_words"]
    spellings = load("time_words")["months"]
    months = [name for name in spellings if len(name) >= settings["min_letters"]
              and not any(other != name and other.startswith(name) for other in spellings)]  # no abbreviations
    labels = [word for area in load("areas")["areas"].values() for label in area["labels"]
              for word in re.findall(r"[^\W\d_]+", label) if len(word) >= settings["min_letters"]]
    return tuple(sorted({word.casefold() for word in [*settings["units"], *months, *labels]}))
