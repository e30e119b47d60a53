"""Row and section numbering that OCR garbled, repaired from its sequence; numbers the sequence confirms."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.document import Cell, Row
from normalize.areas import is_area_label
from normalize.findings import Finding, Severity
from normalize.layout import Layout, find_layout, is_numbering_row
from normalize.ocr.notes import NUMBERED_ROLES, CellNote
from normalize.text import clean
from normalize.vocabulary import load

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
COLUMN_NUMBERS_FILLED = 0.75  # share of cells a row of column numbers fills
COLUMN_NUMBERS_AGREE = 0.5  # share of them that must read as their own column's number (the others are slips)


def repair_numbering(rows: list[Row]) -> tuple[list[Row], list[CellNote]]:
    """Rows with OCR slips in their numbering repaired, and one info note per repair."""
    if not any(c.confidence is not None for row in rows for c in row.cells):
        return rows, []
    notes: list[CellNote] = []
    rows = [_repair_column_numbers(row, notes) for row in rows]
    layout = find_layout(rows)
    if layout is None:
        return rows, notes
    columns = {role: layout.index_of(role) for role in ("no", *NUMBERED_ROLES)}
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
    if index is None:
        return []
    body = [r for r in range(layout.first_body_row, len(rows))
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
    certain = _certain_sequence(rows, found)
    for position, (r, i, numeral) in enumerate(found):
        before = found[position - 1][2] if position > 0 else None
        after = found[position + 1][2] if position + 1 < len(found) else None
        guess = ROMAN[position] if certain else _between(before, after)
        cell = rows[r].cells[i]
        if certain and numeral is None:
            printed = heading.match(cell.text)
            assert printed is not None, "a heading cell"
            numeral_read = printed.group(2)
            fixed = heading.sub(f"\\g<1>{guess}. ", cell.text, count=1)
            notes.append(_note(rows[r], cell, fixed, f"the headings' sequence I..{ROMAN[len(found) - 1]} "
                                                     f"makes '{numeral_read}' {guess}"))
            cells = list(rows[r].cells)
            cells[i] = replace(cell, text=fixed)
            rows[r] = replace(rows[r], cells=tuple(cells))
            continue
        if guess is None or numeral == guess or (numeral is not None and None in (before, after)):
            continue
        if numeral is not None and _sure(cell):
            notes.append(_out_of_sequence(rows[r], i, numeral, str(before), str(after)))
            continue
        fixed = heading.sub(rf"\g<1>{guess}. ", cell.text, count=1)
        notes.append(_note(rows[r], cell, fixed))
        cells = list(rows[r].cells)
        cells[i] = replace(cell, text=fixed)
        rows[r] = replace(rows[r], cells=tuple(cells))
    return rows


def _certain_sequence(rows: list[Row], found: list[tuple[int, int, str | None]]) -> bool:
    """Are the headings, in order, surely I, II, III, ...?  Every numeral read as its place's, or as it with
    the slips OCR makes of the letter I ("|" for I, "IL" for II), and at least two headings read right."""
    if not found or len(found) > len(ROMAN):
        return False
    slips = load("ocr")["numbering"]["roman_i_slips"]
    heading = _heading_pattern()
    right = 0
    for position, (r, i, numeral) in enumerate(found):
        if numeral is not None:
            if numeral != ROMAN[position]:
                return False
            right += 1
        else:
            printed = heading.match(rows[r].cells[i].text)
            if printed is None or "".join("I" if ch in slips else ch for ch in printed.group(2)) != ROMAN[position]:
                return False
    return right >= 2


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


def confirmed_headings(rows: list[Row]) -> set[tuple[int, int]]:
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


def _note(row: Row, cell: Cell, fixed: str, why: str = "") -> CellNote:
    message = f"OCR numbering '{clean(cell.text)[:40]}' read as '{clean(fixed)[:40]}'" + (f" ({why})" if why else "")
    return CellNote(Finding("ocr_repaired", Severity.INFO, message, None, row.page), row.page, row.bbox)


def confirmed_numbers(rows: list[Row]) -> set[tuple[int, int]]:
    """(row, column) of the NO cells whose number is the one after the number above and before the one below."""
    layout = find_layout(rows)
    column = layout.index_of("no") if layout is not None else None
    if layout is None or column is None:
        return set()
    return {(entry.row, column) for entry in _no_sequence(rows, layout)
            if entry.number and entry.number == entry.before + 1
            and (entry.after is None or entry.after in (0, 1, entry.number + 1))}
