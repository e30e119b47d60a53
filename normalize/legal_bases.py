"""Read a decree's legal bases ("Mengingat"): one LegalBasis per instrument it cites.

Points.  The Mengingat block (see decree_body) is split into points: a line opening
with a number ("6.", "12 .", "3)") starts a point when the number follows the previous
one, or (for "N.") when the previous point has ended (";", "; dan", "."); a line whose number was lost
starts its own point when it opens with an instrument ("Peraturan Pemerintah Nomor
60 ...") right after a point that has ended.  `basis_no` counts points 1-based, so
printed numbers may differ from it when a number was lost.  A point's `text` is the
point as printed on one line, its number removed.

Instruments.  spaCy (the tokens of `spacy.blank("id")`, built in milliseconds by
normalize/legal_nlp.py, with an EntityRuler whose patterns live in
data/legal_patterns.toml) marks instrument heads ("Undang-Undang", "Peraturan
Menteri", "Permen", "Perppu", ...), amendment clauses ("sebagaimana telah diubah
... dengan", "terakhir diubah dengan", "jo.") and gazette references ("Lembaran
Negara", "Berita Negara").  A head is read as "<head> [qualifier] Nomor <number>
[Tahun <yyyy>]": the qualifier is the ministry or body ("Pendayagunaan Aparatur
Negara dan Reformasi Birokrasi", "Kota Palu") and may not contain "tentang", "Tahun",
digits or brackets; the number is the printed token ("28", "751/PP.01-Kpt/01/KPU/III/2019");
the year follows "Tahun" or, failing that, ends the number ("8/2019" -> 8, 2019).
A gazette reference is never an instrument, so "Nomor 3851" or "Tahun 2023 Nomor 601"
inside it is never read as one.  The `subject` is the text after "tentang", as
printed, up to the gazette reference, an amendment clause, "sebagaimana" or the end
of the point (trailing ",;" dropped).

Which instruments are mentions (the counting rule).  Walking a point left to right:
- the point opens "open": the first head is its `primary` mention;
- after a mention the walk is "inside" it: heads in its subject ("tentang Perubahan
  atas Undang-Undang Nomor 7 Tahun 2017 ...") are part of that subject, not mentions;
- an amendment clause opens the walk again: the first head after it is an
  `amendment` mention;
- the end of a gazette reference "(... Nomor 3851)" also opens it: a head there
  without an amendment clause is a further `primary` mention (a point citing two
  independent instruments "... (LN ...) dan Undang-Undang ...");
- a head of an untyped instrument (`other`: the constitution "Undang-Undang Dasar ...
  Tahun 1945") read as "<head> [qualifier] Tahun <yyyy>" with no "Nomor" is a mention
  with a null number (SCHEMA 1.1); a typed instrument (a law, a regulation) always
  has a number;
- a head at the start of a point or after an amendment clause whose number or year
  cannot be read is not a mention: it raises `legal_basis_unreadable` and the walk
  stays inside it.  An amendment clause followed by no head raises the same finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from extract.document import Line
from normalize import vocabulary as data_files
from normalize.decree import read_year
from normalize.decree_body import TextLine, join_lines, split_body
from normalize.findings import Finding, Severity
from normalize.legal_nlp import legal_pipeline
from normalize.records import LegalBasis

if TYPE_CHECKING:  # spaCy is imported when the first Mengingat point is read (pipelines start faster)
    from spacy.language import Language
    from spacy.tokens import Doc, Span

PATTERNS_NAME = "legal_patterns"

INSTRUMENT, AMENDMENT, GAZETTE = "INSTRUMENT", "AMENDMENT", "GAZETTE"
_POINT_NUMBER = re.compile(r"^(\d{1,2})\s*([.)])(?!\d)\s*")
_SHORT_NUMBER = re.compile(r"^(\d+[A-Za-z]?)/(\d{4})$")
_TRAILING_YEAR = re.compile(r"/(\d{4})$")
_NUMBER_END = {",", ";", "(", ")"}


class PatternError(ValueError):
    """The legal patterns file is malformed."""


@dataclass(frozen=True)
class Point:
    """One Mengingat point: its text on one line (number removed) and its first page."""

    text: str
    page: int | None


@dataclass(frozen=True)
class Reference:
    """The "Nomor <number> Tahun <year>" read after an instrument head; `end` is a token index."""

    number: str | None  # None: an instrument cited by year alone (the constitution)
    year: int
    end: int


def read_legal_bases(lines: Sequence[Line]) -> tuple[list[LegalBasis], list[Finding]]:
    """Every instrument cited under Mengingat, with findings for what could not be read."""
    observing = split_body(lines).observing
    if not observing:
        return [], [Finding("legal_bases_missing", Severity.WARNING, "no 'Mengingat' section found")]
    bases: list[LegalBasis] = []
    findings: list[Finding] = []
    for basis_no, point in enumerate(split_points(observing), start=1):
        point_bases, point_findings = read_point(point, basis_no)
        bases.extend(point_bases)
        findings.extend(point_findings)
    return bases, findings


# --- points -------------------------------------------------------------------------------


def split_points(observing: Sequence[TextLine]) -> list[Point]:
    """Split the Mengingat lines into points (numbered, or unnumbered on their own line)."""
    points: list[tuple[list[str], int | None]] = []
    last_number = 0
    for line in observing:
        text = line.text.lstrip(": ").strip()
        if not text:
            continue
        mark = _POINT_NUMBER.match(text)
        ended = bool(points) and _has_ended(points[-1][0])
        follows = mark is not None and int(mark.group(1)) == last_number + 1
        if mark and (follows or (mark.group(2) == "." and (not points or ended))):
            last_number = int(mark.group(1))
            points.append(([text[mark.end() :]], line.page))
        elif not points or (ended and _opens_with_instrument(text)):
            points.append(([text], line.page))
        else:
            points[-1][0].append(text)
    return [Point(join_lines(texts), page) for texts, page in points]


def _has_ended(texts: Sequence[str]) -> bool:
    last = texts[-1].rstrip()
    return last.endswith((";", ".")) or bool(re.search(r";\s*(?:dan|atau)$", last, re.I))


def _opens_with_instrument(text: str) -> bool:
    doc = _nlp()(text)
    return any(ent.start == 0 and ent.label_ == INSTRUMENT for ent in doc.ents)


# --- one point ------------------------------------------------------------------------------


def read_point(point: Point, basis_no: int) -> tuple[list[LegalBasis], list[Finding]]:
    """The instruments a point cites, by the counting rule of the module docstring."""
    doc = _nlp()(point.text)
    starts = {ent.start: ent for ent in doc.ents}
    bases: list[LegalBasis] = []
    findings: list[Finding] = []
    is_open, role, pending = True, "primary", None  # pending: an amendment clause awaiting its head
    index = 0
    while index < len(doc):
        ent = starts.get(index)
        if ent is None:
            index += 1
            continue
        if ent.label_ == AMENDMENT:
            is_open, role, pending = True, "amendment", ent
            index = ent.end
        elif ent.label_ == GAZETTE:
            if pending is not None:
                findings.append(_unreadable(point, f"amendment clause {pending.text!r} names no instrument"))
            index = _gazette_end(doc, ent)
            is_open, role, pending = True, "primary", None
        elif not is_open:
            index = ent.end
        else:
            expected = not bases or pending is not None
            is_open = False
            reference = read_reference(doc, ent, numbered=ent.ent_id_ != "other")
            if reference is None:
                if expected:
                    findings.append(_unreadable(point, f"no 'Nomor ... Tahun ...' readable after {_quote(doc, ent)}"))
                pending = None
                index = ent.end
                continue
            bases.append(
                LegalBasis(
                    basis_no=basis_no,
                    mention_no=len(bases) + 1,
                    role=role,
                    instrument_type=ent.ent_id_,
                    number=reference.number,
                    year=reference.year,
                    subject=read_subject(doc, reference.end),
                    text=point.text,
                )
            )
            role, pending = "primary", None
            index = reference.end
    if pending is not None:
        findings.append(_unreadable(point, f"amendment clause {pending.text!r} names no instrument"))
    if not bases and not findings:
        findings.append(_unreadable(point, "the point names no instrument with a number and year"))
    return bases, findings


def read_reference(doc: Doc, head: Span, numbered: bool = True) -> Reference | None:
    """Read "[qualifier] Nomor <number> [Tahun <year>]" after an instrument head.

    An instrument that is not `numbered` may instead read "[qualifier] Tahun <year>".
    """
    vocabulary = _words()
    number_words = set(vocabulary["number"])
    stops = set(vocabulary["year"]) | set(vocabulary["subject"])
    limit = min(len(doc), head.end + int(vocabulary["qualifier_max_tokens"]))
    index = head.end
    while True:  # the qualifier: words up to "Nomor"
        if index >= limit:
            return None
        token = doc[index]
        if token.lower_ in number_words:
            break
        if not numbered and token.lower_ in vocabulary["year"] and index + 1 < len(doc):
            year = read_year(doc[index + 1].text)
            return Reference(None, year, index + 2) if year else None
        if token.lower_ in stops or token.like_num or token.ent_type_ or token.text in _NUMBER_END:
            return None
        index += 1
    index += 1
    if index < len(doc) and doc[index].text == ":":
        index += 1
    if index >= len(doc):
        return None
    start, end = index, index + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text not in _NUMBER_END:
        end += 1
    number = doc[start:end].text.rstrip(".,")
    if not any(ch.isdigit() for ch in number):
        return None
    after = end + 1 if end < len(doc) and doc[end].text == "," else end
    if after + 1 < len(doc) and doc[after].lower_ in vocabulary["year"]:
        year = read_year(doc[after + 1].text)
        if year is not None:
            return Reference(number, year, after + 2)
    short = _SHORT_NUMBER.match(number)
    if short:
        year = read_year(short.group(2))
        return Reference(short.group(1), year, end) if year else None
    trailing = _TRAILING_YEAR.search(number)
    year = read_year(trailing.group(1)) if trailing else None
    return Reference(number, year, end) if year else None


def read_subject(doc: Doc, start: int) -> str | None:
    """The "tentang ..." text after a reference, up to the gazette, an amendment or the end."""
    vocabulary = _words()
    index = start + 1 if start < len(doc) and doc[start].text == "," else start
    if index >= len(doc) or doc[index].lower_ not in vocabulary["subject"]:
        return None
    first = end = index + 1
    stops = set(vocabulary["subject_stops"])
    while end < len(doc):
        token = doc[end]
        if (token.ent_type_ in (AMENDMENT, GAZETTE) and token.ent_iob_ == "B") or token.lower_ in stops:
            break
        end += 1
    if end < len(doc) and end > first and doc[end - 1].text == "(":
        end -= 1
    subject = doc[first:end].text.strip().rstrip(" ,;:(").strip()
    return subject or None


def _gazette_end(doc: Doc, gazette: Span) -> int:
    """Token index after a gazette reference: after its closing bracket when it has one."""
    if gazette.start > 0 and doc[gazette.start - 1].text == "(":
        for index in range(gazette.end, len(doc)):
            if doc[index].text == ")":
                return index + 1
            if doc[index].ent_type_ in (AMENDMENT, INSTRUMENT) and doc[index].ent_iob_ == "B":
                return index
        return len(doc)
    return gazette.end


def _quote(doc: Doc, head: Span) -> str:
    return repr(doc[head.start : min(len(doc), head.end + 12)].text)


def _unreadable(point: Point, why: str) -> Finding:
    excerpt = point.text if len(point.text) <= 160 else point.text[:157] + "..."
    return Finding("legal_basis_unreadable", Severity.WARNING, f"Mengingat point {excerpt!r}: {why}", page=point.page)


# --- patterns --------------------------------------------------------------------------------


def _patterns_file() -> dict[str, Any]:
    data = data_files.load(PATTERNS_NAME)
    if "words" not in data or "patterns" not in data:
        raise PatternError(f"{PATTERNS_NAME}.toml needs a [words] table and [[patterns]] entries")
    return data


def _words() -> dict[str, Any]:
    return _patterns_file()["words"]


@cache
def _nlp() -> Language:
    """A blank Indonesian pipeline with the legal-reference EntityRuler (normalize/legal_nlp.py)."""
    return legal_pipeline(
        {"label": entry["label"], "id": entry["id"], "pattern": entry["pattern"]}
        for entry in _patterns_file()["patterns"]
    )
