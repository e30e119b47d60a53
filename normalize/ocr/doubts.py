"""OCR'd cells read unsurely, each a warning note: low confidence, unread print, misread-looking words."""

from __future__ import annotations

import re
from collections import Counter

from extract.document import Row, UnreadPage
from normalize.findings import Finding, Severity
from normalize.layout import is_numbering_row
from normalize.ocr.lexicon import lexicon
from normalize.ocr.notes import CellNote
from normalize.ocr.numbering import confirmed_headings, confirmed_numbers
from normalize.text import clean
from normalize.vocabulary import load


def unread_page_findings(pages: list[UnreadPage]) -> list[Finding]:
    """One error per page OCR could not read: the items and text printed on it are missing."""
    return [Finding("ocr_page_unreadable", Severity.ERROR,
                    f"page {page.page} could not be read by OCR ({page.reason}); its text and matrix rows are "
                    "missing from this decree", None, page.page)
            for page in pages]


def low_confidence_notes(rows: list[Row]) -> list[CellNote]:
    """One warning per OCR'd cell read unsurely: a confidence below the threshold, or print read as no word.

    A row number that continues the count above it and leads to the one below is
    confirmed by them, however unsure its reading; so is a section heading numbered next
    in its sequence whose label is word for word an area's name (normalize/data/areas.toml).
    """
    threshold = load("ocr")["confidence"]["low"]
    confirmed = confirmed_numbers(rows) | confirmed_headings(rows)
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
