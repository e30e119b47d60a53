"""Doubts and repairs of OCR'd matrix cells, for any extractor that sets `Cell.confidence`.

Before the rows become items, row numbering that OCR garbled in a recognisable way
is repaired ("l." -> "1.", "1:" -> "1.", a section number "IN." between "II." and
"IV." -> "III."), each repair an info finding.  After, every cell read with low
confidence becomes an `ocr_low_confidence` warning on the item (and page) it
belongs to, and every other OCR'd cell holding a word that is neither Indonesian (by
Tesseract's own word list) nor the project's vocabulary becomes an `ocr_unknown_word`
warning.  Cells without a confidence (text, digital PDFs) are never touched.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

from extract.document import BBox, Cell, Row
from normalize.areas import is_area_label
from normalize.findings import Finding, Severity
from normalize.layout import Layout, find_layout, is_numbering_row
from normalize.records import ActionItem
from normalize.text import clean
from normalize.vocabulary import load

log = logging.getLogger(__name__)

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_NUMBERED_ROLES = ("component", "action", "indicator")
COLUMN_NUMBERS_FILLED = 0.75  # share of cells a row of column numbers fills
COLUMN_NUMBERS_AGREE = 0.5  # share of them that must read as their own column's number (the others are slips)


@dataclass(frozen=True)
class CellNote:
    """A finding about one printed cell, before it is known which item the cell ended in."""

    finding: Finding
    page: int | None
    row_box: BBox | None  # the box of the printed row the cell is in: items keep these boxes as their regions
    column: int | None = None  # the cell's place in its row (None: a note about the row's numbering)


def repair_numbering(rows: list[Row]) -> tuple[list[Row], list[CellNote]]:
    """Rows with OCR slips in their numbering repaired, and one info note per repair."""
    if not any(c.confidence is not None for row in rows for c in row.cells):
        return rows, []
    notes: list[CellNote] = []
    rows = [_repair_column_numbers(row, notes) for row in rows]
    layout = find_layout(rows)
    if layout is None:
        return rows, notes
    columns = {role: layout.index_of(role) for role in ("no", *_NUMBERED_ROLES)}
    arabic = {role: _numbers_with_digits(rows, index, role) for role, index in columns.items() if index is not None}
    repaired = []
    for row in rows:
        cells = list(row.cells)
        for role, index in columns.items():
            if index is None or index >= len(cells) or cells[index].confidence is None or not arabic.get(role):
                continue
            fixed = _repair_no(cells[index].text) if role == "no" else _repair_leading(cells[index].text)
            if fixed is not None and fixed != cells[index].text:
                notes.append(_note(row, cells[index], fixed))
                cells[index] = replace(cells[index], text=fixed)
        repaired.append(replace(row, cells=tuple(cells)))
    if columns["no"] is not None and arabic.get("no"):
        repaired = _repair_no_sequence(repaired, _no_sequence(repaired, layout), columns["no"], notes)
    return _repair_sections(repaired, notes), notes


@dataclass(frozen=True)
class _Numbered:
    """A filled NO cell of the body: its row, its text, its number (0 for a section heading restarting the count)."""

    row: int
    text: str
    number: int | None
    before: int  # the last readable number above it (0 at the start of a count)
    after: int | None  # the next readable number below it


def _no_sequence(rows: list[Row], layout: Layout) -> list[_Numbered]:
    """The filled NO cells of the body rows, each with the readable numbers around it."""
    index = layout.index_of("no")
    body = [r for r in range(layout.header_row + 1, len(rows))
            if not layout.is_header(rows[r]) and not is_numbering_row(rows[r])]
    entries = [(r, clean(rows[r].cells[index].text)) for r in body
               if index < len(rows[r].cells) and clean(rows[r].cells[index].text)]
    numbers = [0 if len(text) > 4 else int(m.group(1)) if (m := re.fullmatch(r"(\d{1,3})\.?", text)) else None
               for _, text in entries]  # a section heading in the column starts the count again
    return [_Numbered(r, text, number, next((n for n in reversed(numbers[:position]) if n is not None), 0),
                      next((n for n in numbers[position + 1:] if n is not None), None))
            for position, ((r, text), number) in enumerate(zip(entries, numbers))]


def _repair_no_sequence(rows: list[Row], sequence: list[_Numbered], index: int, notes: list[CellNote]) -> list[Row]:
    """A NO cell OCR turned into letters ("EN") between two readable numbers is the number between them.

    So is a number there read unsurely that is not the one between ("1" between "3" and
    "5"); read confidently, it is a warning: what OCR was sure of is doubted, never changed.
    """
    dotted = sum(entry.text.endswith(".") for entry in sequence) * 2 > len(sequence)
    for entry in sequence:
        r, text, number, before, after = entry.row, entry.text, entry.number, entry.before, entry.after
        cell = rows[r].cells[index]
        if cell.confidence is None or len(text) > 4:
            continue
        if after is None or after - before != 2 or number == before + 1:
            continue
        if number is not None and _sure(cell):
            notes.append(_out_of_sequence(rows[r], index, text, str(before), str(after)))
            continue
        fixed = f"{before + 1}." if dotted else str(before + 1)
        notes.append(_note(rows[r], cell, fixed))
        cells = list(rows[r].cells)
        cells[index] = replace(cell, text=fixed)
        rows[r] = replace(rows[r], cells=tuple(cells))
    return rows


def _repair_column_numbers(row: Row, notes: list[CellNote]) -> Row:
    """The row of column numbers under a header ("(1) (2) (3) ..."), with the numbers OCR missed restored.

    A row qualifies when nearly every cell holds a short token and most of them read
    as the number of their column; the others are slips ("(3" , "(8)" in column 4).
    """
    texts = [clean(c.text) for c in row.cells]
    filled = [i for i, t in enumerate(texts) if t]
    if (len(filled) < 3 or len(filled) < COLUMN_NUMBERS_FILLED * len(texts) or any(len(texts[i]) > 6 for i in filled)
            or all(c.confidence is None for c in row.cells)):
        return row
    offsets = [int(n) - i for i in filled if (n := re.sub(r"\D", "", _digits(texts[i]))) and len(n) <= 2]
    if not offsets:
        return row
    offset = max(set(offsets), key=offsets.count)
    if offsets.count(offset) < COLUMN_NUMBERS_AGREE * len(filled):
        return row
    bracketed = sum("(" in texts[i] or ")" in texts[i] for i in filled) * 2 > len(filled)
    cells = list(row.cells)
    for i, cell in enumerate(cells):
        wanted = f"({i + offset})" if bracketed else str(i + offset)
        if texts[i] != wanted:
            notes.append(_note(row, cell, wanted))
            cells[i] = replace(cell, text=wanted)
    return replace(row, cells=tuple(cells))


def _numbers_with_digits(rows: list[Row], index: int, role: str) -> bool:
    """Does this column number its rows with arabic digits (so that "l" and "I" there are slips)?"""
    pattern = r"^\d{1,3}\.?$" if role == "no" else r"^\d{1,3}\.\s"
    texts = [clean(row.cells[index].text) for row in rows if index < len(row.cells)]
    digits = sum(bool(re.match(pattern, t)) for t in texts)
    romans = sum(t.rstrip(".") in ROMAN[1:] for t in texts) if role == "no" else 0
    return digits > 0 and romans == 0


def _repair_no(text: str) -> str | None:
    """A NO cell such as "l.", "1:", "I" read as the row number it stands for."""
    settings = load("ocr")["numbering"]
    stripped = clean(text)
    match = re.fullmatch(r"(\S{1,3}?)\s*([.:,;]?)", stripped)
    if not match or not any(ch.isdigit() for ch in _digits(match.group(1))):
        return None
    digits = _digits(match.group(1))
    if not digits.isdigit():
        return None
    dot = "." if match.group(2) in (".", *settings["dot_slips"]) else ""
    return digits + dot


def _repair_leading(text: str) -> str | None:
    """A numbered cell opening with "l. ", "1: " or "1, " read as "1. "."""
    settings = load("ocr")["numbering"]
    slips = re.escape("".join(settings["digit_slips"]))
    dots = re.escape("".join(settings["dot_slips"]))
    match = re.match(rf"^(\s*)([\d{slips}]{{1,2}})\s*([.{dots}])\s+(?=[^\W\d_])", text)
    if not match:
        return None
    digits = _digits(match.group(2))
    if not digits.isdigit() or (match.group(2).isdigit() and match.group(3) == "."):
        return None
    if not any(ch.isdigit() for ch in match.group(2)) and match.group(3) != ".":
        return None  # a lone letter and a comma is a word, not a number
    return f"{match.group(1)}{digits}. {text[match.end():]}"


def _digits(token: str) -> str:
    slips = load("ocr")["numbering"]["digit_slips"]
    return "".join(slips.get(ch, ch) for ch in token)


def _sure(cell: Cell) -> bool:
    return cell.confidence is not None and cell.confidence >= load("ocr")["confidence"]["low"]


def _out_of_sequence(row: Row, column: int, text: str, before: str, after: str) -> CellNote:
    message = f"OCR read the number '{text}' between {before} and {after}; check the scan"
    return CellNote(Finding("numbering_gap", Severity.WARNING, message, None, row.page), row.page, row.bbox, column)


def _repair_sections(rows: list[Row], notes: list[CellNote]) -> list[Row]:
    """Section headings numbered I., II., ...: an unreadable numeral between two readable ones is their middle.

    So is a numeral read unsurely that breaks the sequence ("II." between "II." and "IV.");
    read confidently, it is a warning.
    """
    heading = _heading_pattern()
    found = [(r, i, numeral) for r, i, numeral, _ in _section_headings(rows)]
    for position, (r, i, numeral) in enumerate(found):
        before = found[position - 1][2] if position > 0 else None
        after = found[position + 1][2] if position + 1 < len(found) else None
        guess = _between(before, after)
        cell = rows[r].cells[i]
        if guess is None or numeral == guess or (numeral is not None and None in (before, after)):
            continue
        if numeral is not None and _sure(cell):
            notes.append(_out_of_sequence(rows[r], i, numeral, str(before), str(after)))
            continue
        fixed = heading.sub(lambda m: f"{m.group(1)}{guess}. ", cell.text, count=1)
        notes.append(_note(rows[r], cell, fixed))
        cells = list(rows[r].cells)
        cells[i] = replace(cell, text=fixed)
        rows[r] = replace(rows[r], cells=tuple(cells))
    return rows


def _heading_pattern() -> re.Pattern[str]:
    letters = re.escape(load("ocr")["numbering"]["roman_letters"])
    return re.compile(rf"^(\s*)([{letters}]{{1,5}})\s*\.\s+(?=\S)")


def _section_headings(rows: list[Row]) -> list[tuple[int, int, str | None, str]]:
    """OCR'd section headings numbered with roman numerals: (row, cell, numeral or None if unreadable, label)."""
    heading = _heading_pattern()
    found = []
    for r, row in enumerate(rows):
        filled = [(i, c) for i, c in enumerate(row.cells) if clean(c.text)]
        if len(filled) != 1 or filled[0][1].confidence is None:
            continue
        match = heading.match(filled[0][1].text)
        label = clean(filled[0][1].text[match.end():]) if match else ""
        if match and re.search(r"[^\W\d_]{3,}", label):
            token = match.group(2)
            found.append((r, filled[0][0], token if token in ROMAN else None, label))
    return found


def _confirmed_headings(rows: list[Row]) -> set[tuple[int, int]]:
    """(row, cell) of section headings whose numeral follows the one above and whose label is an area's own name."""
    confirmed = set()
    previous = None
    for r, i, numeral, label in _section_headings(rows):
        follows = numeral is not None and ROMAN.index(numeral) == (ROMAN.index(previous) + 1 if previous else 0)
        if follows and is_area_label(label):
            confirmed.add((r, i))
        previous = numeral
    return confirmed


def _between(before: str | None, after: str | None) -> str | None:
    if before is None and after is None:
        return None
    if before is not None and ROMAN.index(before) + 1 < len(ROMAN):
        guess = ROMAN[ROMAN.index(before) + 1]
        return guess if after is None or ROMAN.index(after) == ROMAN.index(guess) + 1 else None
    if after is not None and ROMAN.index(after) > 0:
        return ROMAN[ROMAN.index(after) - 1] if before is None else None
    return None


def _note(row: Row, cell: Cell, fixed: str) -> CellNote:
    message = f"OCR numbering '{clean(cell.text)[:40]}' read as '{clean(fixed)[:40]}'"
    return CellNote(Finding("ocr_repaired", Severity.INFO, message, None, row.page), row.page, row.bbox)


def low_confidence_notes(rows: list[Row]) -> list[CellNote]:
    """One warning per OCR'd cell read unsurely: a confidence below the threshold, or print read as no word.

    A row number that continues the count above it and leads to the one below is
    confirmed by them, however unsure its reading; so is a section heading numbered next
    in its sequence whose label is word for word an area's name (normalize/data/areas.toml).
    """
    threshold = load("ocr")["confidence"]["low"]
    confirmed = _confirmed_numbers(rows) | _confirmed_headings(rows)
    notes = []
    for r, row in enumerate(rows):
        if is_numbering_row(row):
            continue  # column numbers under the header are repaired from their sequence, and are no data
        for column, cell in enumerate(row.cells):
            if cell.confidence is None or (r, column) in confirmed:
                continue
            text = clean(cell.text)
            what = f"'{text[:60]}'" if text else "a cell with print but no word read"
            if cell.confidence < threshold:
                finding = Finding("ocr_low_confidence", Severity.WARNING,
                                  f"OCR read {what} with confidence {cell.confidence:.0f} (< {threshold}); check the scan",
                                  None, row.page)
            elif cell.unread_print:
                finding = Finding("ocr_unread_print", Severity.WARNING,
                                  f"OCR read {what}, but part of the cell's print was read as no word"
                                  " (a word or line may be missing); check the scan", None, row.page)
            else:
                continue
            notes.append(CellNote(finding, row.page, row.bbox, column))
    return notes


def _confirmed_numbers(rows: list[Row]) -> set[tuple[int, int]]:
    """(row, column) of the NO cells whose number is the one after the number above and before the one below."""
    layout = find_layout(rows)
    if layout is None or layout.index_of("no") is None:
        return set()
    return {(entry.row, layout.index_of("no")) for entry in _no_sequence(rows, layout)
            if entry.number and entry.number == entry.before + 1
            and (entry.after is None or entry.after in (0, 1, entry.number + 1))}


def attach(notes: list[CellNote], items: list[ActionItem], rows: list[Row]) -> list[Finding]:
    """The notes as findings, each on the item whose printed rows hold its cell (None for header rows).

    A doubt about a merged cell carried down (a component printed once for several
    rows) is a doubt about every item that carries its text.
    """
    carried = _carried_fields(rows)
    headings = {(row.page, row.bbox) for row in rows if _is_heading_row(row)}
    findings = []
    for note in notes:
        item_no = _item_at(note, items)
        if item_no is None and (note.page, note.row_box) in headings:
            numbers = _section_items(note, items)
        else:
            numbers = _carriers(note, item_no, items, carried)
        for number in numbers or [None]:
            findings.append(Finding(note.finding.code, note.finding.severity, note.finding.message, number, note.page))
    return findings


def _is_heading_row(row: Row) -> bool:
    """A row printed as one cell with words in it: a section heading (area number and label)."""
    filled = [clean(cell.text) for cell in row.cells if clean(cell.text)]
    return len(filled) == 1 and bool(re.search(r"[^\W\d_]{3,}", filled[0]))


def _section_items(note: CellNote, items: list[ActionItem]) -> list[int | None]:
    """The items under a section heading: from the first item below it while the area stays the same."""
    below = [item for item in items if item.regions and (item.regions[0][0], item.regions[0][1].top)
             > (note.page, note.row_box.top)]
    if not below:
        return []
    area = (below[0].area_no, below[0].area_label)
    section = []
    for item in below:
        if (item.area_no, item.area_label) != area:
            break
        section.append(item.item_no)
    return section


def _carried_fields(rows: list[Row]) -> dict[int, str]:
    """Column index -> the ActionItem field its merged cells carry down (area label, component, action)."""
    layout = find_layout(rows)
    if layout is None:
        return {}
    roles = load("layout")["header"]["carried_roles"]
    fields = {column.index: _CARRIED_FIELDS[column.role] for column in layout.columns
              if column.role in roles and column.role in _CARRIED_FIELDS}
    no = layout.index_of("no")
    right = [c.role for c in layout.columns if no is not None and c.index > no and c.role != "no"]
    if right and right[0] in ("area", *_NUMBERED_ROLES):
        fields[no] = f"{right[0]}_no"  # the NO column numbers the column to its right
    return fields


_CARRIED_FIELDS = {"area": "area_label", "component": "component", "action": "action"}


def _carriers(note: CellNote, item_no: int | None, items: list[ActionItem], carried: dict[int, str]) -> list[int | None]:
    """The item the note's cell is in, and the items after it that carry the same cell's text down."""
    if item_no is None or note.finding.severity is not Severity.WARNING or note.column not in carried:
        return [item_no]
    field_name = carried[note.column]
    position = next(i for i, item in enumerate(items) if item.item_no == item_no)
    value = getattr(items[position], field_name)
    following = []
    for item in items[position + 1:] if value else []:
        if getattr(item, field_name) != value:
            break
        following.append(item.item_no)
    return [item_no, *following]


def _item_at(note: CellNote, items: list[ActionItem]) -> int | None:
    """The item read from the note's row (header and section rows belong to none)."""
    if note.row_box is None or note.page is None:
        return None
    region = (note.page, note.row_box)
    return next((item.item_no for item in items if region in item.regions), None)


def unknown_word_notes(rows: list[Row]) -> list[CellNote]:
    """One warning per confidently read OCR cell holding a word OCR probably misread (a confident misreading).

    Doubtful: a word no word list knows, a character no Indonesian word holds, digits
    inside a word, one of the decree's acronyms in another case ("Zi" where the decree
    writes "ZI"), a quote mark the cell never closes.  A word read alike in several
    cells of the decree is taken as a term of its own ("Whistle Blowing"): OCR slips
    are seldom repeated letter for letter.
    """
    threshold = load("ocr")["confidence"]["low"]
    known = lexicon()
    if not known:
        return []
    read = [(row, column, cell, clean(cell.text).split()) for row in rows for column, cell in enumerate(row.cells)
            if cell.confidence is not None and cell.confidence >= threshold]  # lower ones are flagged already
    acronyms = _acronyms([tokens for *_, tokens in read])
    unstopped = _columns_without_stops(rows)
    doubts = [(row, column, cell, _doubtful_words(tokens, known, acronyms)
               + _stray_stop(tokens, column in unstopped)) for row, column, cell, tokens in read]
    cells_with = Counter(w.casefold() for *_, words in doubts for w in {word for word, _ in words})
    repeated = load("ocr")["lexicon"]["repeated_cells"]
    notes = []
    for row, column, cell, words in doubts:
        doubt = next(((w, why) for w, why in words if cells_with[w.casefold()] < repeated), None)
        if doubt is None:
            continue
        message = f"OCR read '{doubt[0]}' in '{clean(cell.text)[:60]}', {doubt[1]}; check the scan"
        notes.append(CellNote(Finding("ocr_unknown_word", Severity.WARNING, message, None, row.page),
                              row.page, row.bbox, column))
    return notes


def second_reading_notes(rows: list[Row]) -> list[CellNote]:
    """One warning per confidently read OCR cell whose first reading said other real words.

    A doubtful line is read a second time, enlarged; the surer reading is kept.  Where the
    first reading's own words were garbled (words no list knows, stray marks), the second
    one mended them.  Where they were words too ("pada" read again as "nada"), two
    readings of the same print disagree and neither settles it.
    """
    threshold = load("ocr")["confidence"]["low"]
    known = lexicon()
    notes = []
    for row in rows:
        for column, cell in enumerate(row.cells):
            if cell.first_reading is None or cell.confidence is None or cell.confidence < threshold:
                continue
            first, final = Counter(cell.first_reading.split()), Counter(clean(cell.text).split())
            replaced = [token for token in (first - final)
                        if any(ch.isalnum() for ch in token) and not _doubt(token, known, frozenset())]
            added = [token for token in (final - first) if any(ch.isalnum() for ch in token)]
            if replaced:
                said = f"where a first reading said '{' '.join(replaced)[:40]}'"
            elif len(added) >= load("ocr")["second_reading"]["min_words_alone"]:
                said = "that only a second reading found"
            else:
                continue
            message = f"OCR read '{' '.join(added)[:40]}' {said}, in '{clean(cell.text)[:60]}'; check the scan"
            notes.append(CellNote(Finding("ocr_readings_differ", Severity.WARNING, message, None, row.page),
                                  row.page, row.bbox, column))
    return notes


def _acronyms(cells: list[list[str]]) -> frozenset[str]:
    """Case-folded acronyms of the decree: all-caps words written so amid ordinary words in several cells."""
    settings = load("ocr")["lexicon"]
    seen: Counter[str] = Counter()
    for tokens in cells:
        words = [t.strip(settings["edge_punctuation"]) for t in tokens]
        if not any(w.isalpha() and not w.isupper() for w in words):
            continue  # an all-caps heading says nothing about how a word is written
        seen.update({w.casefold() for w in words if w.isalpha() and w.isupper() and len(w) >= 2})
    return frozenset(word for word, cells_with in seen.items() if cells_with >= settings["repeated_cells"])


def _columns_without_stops(rows: list[Row]) -> set[int]:
    """Columns whose OCR'd cells (enough of them) hardly ever end with a full stop."""
    settings = load("ocr")["full_stops"]
    ends: dict[int, list[bool]] = {}
    for row in rows:
        for column, cell in enumerate(row.cells):
            text = clean(cell.text)
            if cell.confidence is not None and len(text) > 3:
                ends.setdefault(column, []).append(text.endswith("."))
    return {column for column, stops in ends.items()
            if len(stops) >= settings["min_cells"] and sum(stops) <= settings["max_share"] * len(stops)}


def _stray_stop(tokens: list[str], unstopped_column: bool) -> list[tuple[str, str]]:
    """The last token, if it ends with a full stop its column's cells do not have (a speck read as '.')."""
    if not unstopped_column or not tokens or not tokens[-1].endswith(".") or len(tokens[-1]) < 2:
        return []
    word = tokens[-1].rstrip(".")
    if "." in word or word.casefold() in load("ocr")["lexicon"]["abbreviations"] or len(word) <= 1:
        return []  # "s.d.", "dll.", an initial
    return [(tokens[-1], "a full stop the other cells of its column do not end with")]


def _doubtful_words(tokens: list[str], known: frozenset[str], acronyms: frozenset[str]) -> list[tuple[str, str]]:
    """The tokens of one cell that OCR probably misread, each with why."""
    settings = load("ocr")["lexicon"]
    doubts = [(token, why) for token in tokens if (why := _doubt(token, known, acronyms))]
    quotes = settings["opening_quotes"]
    closed = any(token[-1] in settings["closing_quotes"] for token in tokens)
    doubts += [(token, "a quote mark the cell never closes") for token in tokens
               if token[0] in quotes and len(token) > 1 and token[-1] not in settings["closing_quotes"] and not closed]
    inside = re.compile(rf"[{re.escape(quotes + settings['closing_quotes'])}]")
    doubts += [(token, "a quote mark inside a word but not between two letters") for token in tokens
               if any(not (token[m.start() - 1].isalpha() and token[m.start() + 1].isalpha())
                      for m in inside.finditer(token, 1, len(token) - 1))]
    return doubts


def _doubt(token: str, known: frozenset[str], acronyms: frozenset[str]) -> str | None:
    """Why this whitespace-separated token is a word OCR probably misread (None if it is not)."""
    settings = load("ocr")["lexicon"]
    if any(ch in settings["impossible_characters"] for ch in token):
        return "a character no Indonesian word holds"
    word = token.strip(settings["edge_punctuation"])
    if re.search(r"[^\W\d_]\d|\d[^\W\d_]", word) and re.search(r"[^\W\d_]{2}", word) and not word.isupper():
        if not re.fullmatch(r"[^\W\d_]*\d+", word):
            return "letters and digits mixed in one word"
        return None
    if re.fullmatch(r"(?=.*[IVX])(?=.*[l1|])[IVXl1|]{2,}", word):
        return "a roman numeral with a letter read as 'l' or '1'"
    if word.casefold() in acronyms and not word.isupper():
        return f"the decree's acronym {word.upper()} in another case"
    if (variant := _misread_variant(word, acronyms)) is not None:
        return f"read like '{variant}' with one letter misread"
    if any(ch.isdigit() for ch in word) or word.isupper():
        return None  # numbers, codes and abbreviations
    parts = [part.strip(settings["edge_punctuation"]) for part in re.split(r"[-/]", word)]
    if any(_unknown(part, known, settings["min_letters"]) for part in parts if part):
        return "a word neither Indonesian nor known to the decree vocabulary"
    return None


def _misread_variant(word: str, acronyms: frozenset[str]) -> str | None:
    """The decree acronym or common abbreviation one OCR confusion turns `word` into ("Zl" -> "ZI", "dil" -> "dll")."""
    settings = load("ocr")["lexicon"]
    abbreviations = set(settings["abbreviations"])
    if word.casefold() in abbreviations or len(word) > 8:
        return None
    for one, other in settings["confusions"]:
        for seen, meant in ((one, other), (other, one)):
            start = word.find(seen)
            while start != -1:
                variant = word[:start] + meant + word[start + len(seen):]
                if variant.casefold() in abbreviations or (variant.isupper() and variant.casefold() in acronyms):
                    return variant
                start = word.find(seen, start + 1)
    return None


def _unknown(part: str, known: frozenset[str], min_letters: int) -> bool:
    if not part.isalpha():
        return any(ch.isalpha() for ch in part) and len(part) > min_letters
    if len(part) <= min_letters or part.isupper():
        return False
    return not any(stem in known for stem in _stems(part.casefold()))


def _stems(word: str) -> list[str]:
    """The word and what it may be built on: affixes ("di-...-kan", "mem-...-i", "-nya") taken off.

    Tesseract's list holds roots and common forms; a derived form it lacks is known when
    its stem is ("mensosialisasikan" -> "sosialisasi").  A nasal prefix may have eaten the
    stem's first letter ("menulis" -> "tulis").
    """
    settings = load("ocr")["lexicon"]
    shortest = settings["min_stem_letters"]
    stems = [word]
    for prefix, restored in [("", [""]), *settings["prefixes"].items()]:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        for suffix in ["", *settings["suffixes"]]:
            if suffix and not rest.endswith(suffix):
                continue
            core = rest[: len(rest) - len(suffix)]
            stems.extend(letter + core for letter in restored if len(letter + core) >= shortest)
    return stems


@cache
def lexicon() -> frozenset[str]:
    """Case-folded Indonesian words: Tesseract's word list plus every word of normalize/data/*.toml."""
    words = _tesseract_words()
    if not words:
        return frozenset()
    return frozenset(words | _vocabulary_words())


def _vocabulary_words() -> set[str]:
    """Every word the project keeps as data (months, header words, area words, number words...)."""
    words: set[str] = set()
    for entry in resources.files("normalize").joinpath("data").iterdir():
        if entry.name.endswith(".toml"):
            words.update(_words_in(load(entry.name.removesuffix(".toml"))))
    return words


def _words_in(value: object) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_words_in(k) | _words_in(v) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(*(_words_in(v) for v in value))
    if isinstance(value, str):
        return {w.casefold() for w in re.findall(r"[^\W\d_]+", value)}
    return set()


def _tesseract_words() -> set[str]:
    """Tesseract's Indonesian word list, unpacked from its traineddata once into a cache folder."""
    settings = load("ocr")["lexicon"]
    cached = _cache_dir() / "ind-words.txt"
    if not cached.exists():
        try:
            _unpack_word_list(settings["language"], cached)
        except (OSError, subprocess.SubprocessError, LexiconUnavailable) as error:
            log.warning("no Indonesian word list, so no ocr_unknown_word findings: %s", error)
            return set()
    return {line.strip().casefold() for line in cached.read_text(encoding="utf-8").splitlines() if line.strip()}


class LexiconUnavailable(RuntimeError):
    """Tesseract's word list cannot be unpacked (tools or traineddata missing)."""


def _unpack_word_list(language: str, out: Path) -> None:
    tools = [shutil.which(name) for name in ("combine_tessdata", "dawg2wordlist")]
    if None in tools:
        raise LexiconUnavailable("combine_tessdata or dawg2wordlist not installed (package tesseract-ocr)")
    traineddata = _traineddata(language)
    with tempfile.TemporaryDirectory() as work:
        prefix = Path(work) / f"{language}."
        subprocess.run([tools[0], "-u", str(traineddata), str(prefix)], check=True, capture_output=True, timeout=60)
        unicharset, dawg = Path(f"{prefix}lstm-unicharset"), Path(f"{prefix}lstm-word-dawg")
        if not (unicharset.exists() and dawg.exists()):
            raise LexiconUnavailable(f"{traineddata} holds no LSTM word list")
        words = Path(work) / "words.txt"
        subprocess.run([tools[1], str(unicharset), str(dawg), str(words)], check=True, capture_output=True, timeout=60)
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(words, partial)
        partial.replace(out)  # atomic: parallel workers never read half a list


def _traineddata(language: str) -> Path:
    """Where Tesseract keeps `<language>.traineddata` (TESSDATA_PREFIX first, then Debian's folders)."""
    folders = [os.environ.get("TESSDATA_PREFIX", ""), *load("ocr")["lexicon"]["tessdata_folders"]]
    for folder in filter(None, folders):
        for candidate in (Path(folder) / f"{language}.traineddata", Path(folder) / "tessdata" / f"{language}.traineddata"):
            if candidate.exists():
                return candidate
    raise LexiconUnavailable(f"{language}.traineddata not found in {folders}")


def _cache_dir() -> Path:
    """The per-user cache folder (XDG_CACHE_HOME or ~/.cache, else the system temp folder)."""
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    folder = Path(base) / "zi-decrees"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except OSError:
        return Path(tempfile.gettempdir()) / "zi-decrees"
