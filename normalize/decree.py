"""Read what a decree says about itself: issuer, number, date, title, signatory, dictum.

`read_identity` fills a `DecreeIdentity` from the body lines (see decree_body for how
the body is split).  Every field that cannot be read stays None (or empty) and raises
a `metadata_missing` warning naming the field; nothing is guessed.  Rules:

- issuer, number, year, title: from the heading block "KEPUTUSAN <issuer> NOMOR <n>
  [TAHUN <yyyy>] TENTANG <title>", the title ending at the office line ("KETUA ...,"),
  the "DENGAN RAHMAT ..." preamble or Menimbang.  Capitals are title-cased for the
  issuer, jurisdiction, place and signatory title; the title and number stay as printed.
  Fallbacks (each with a `metadata_fallback` info finding): issuer from the office line,
  number/year from the LAMPIRAN heading, title from the "Menetapkan" line.
- decree_year: "TAHUN yyyy" of the number; for long KPU RI numbers
  ("751/PP.01-Kpt/01/KPU/III/2019") the year of the enactment date, else the number's
  trailing "/yyyy" (a `metadata_fallback` info finding says which).
- issuer, issuer_short, jurisdiction and the signatory's title are matched against the
  gazetteer (normalize/issuer.py); on an OCR source an unmatched name is None, never a
  misreading.
- a plan that is no numbered decree (no KEPUTUSAN heading): the issuer is the unit its
  signatory heads ("Kepala Balai ..."), the title its opening lines in capitals or Title
  Case, up to running text, the issuer's name or a bare year.
- enacted_place / enacted_date: "Ditetapkan di <place>" / "pada tanggal <date>"
  (dateparser, Indonesian), or one line "<place>, <date>"; an impossible date
  ("31 Juni 2021") is None.
- signatory: the lines after the date up to the "ttd" mark (or through the lines ending
  with a comma; or, with neither, all but the last line) are the title, the next line is
  the name; the "Salinan sesuai dengan aslinya" block is not read.
- plan_year: the last "TAHUN yyyy" of the title that is not a "NOMOR x TAHUN yyyy"
  citation; else decree_year; else (a plan without a number) the year of the signing
  date (info finding `plan_year_defaulted`).
- doc_id: slug(issuer_short)-decree_year-slug(decree_number); a plan without number or
  dictum: slug(issuer_short)-plan_year-rencana-aksi.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from extract.document import Line
from normalize.decree_body import (
    DecreeBody,
    TextLine,
    join_lines,
    marker_regex,
    phrase_pattern,
    place_date_regex,
    split_body,
    words,
)
from normalize.findings import Finding, Severity
from normalize.gazetteer import key, match_institution
from normalize.issuer import (
    Issuer,
    issuer_of_unit_head,
    printed_abbreviation,
    read_issuer,
    read_signatory_title,
    strip_office,
    title_case,
)
from normalize.records import DecreeIdentity, Provision

_YEAR_CHARS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
_LETTER_MARK = re.compile(r"^\(?([a-z])\s*[.)]\s*", re.I)


@dataclass(frozen=True)
class Heading:
    """What the KEPUTUSAN ... NOMOR ... TENTANG ... block says."""

    issuer: str | None = None
    number: str | None = None
    year: int | None = None
    title: str | None = None
    page: int | None = None


@dataclass(frozen=True)
class Closing:
    """The enactment place and date and the signature that close the body."""

    place: str | None = None
    date_text: str | None = None
    enacted: date | None = None
    signatory_title: str | None = None
    signatory_name: str | None = None


def read_identity(lines: Sequence[Line], read_by_ocr: bool = False) -> tuple[DecreeIdentity, list[Finding]]:
    """Read the decree's identity, considerations and provisions from its body lines.

    `read_by_ocr`: the lines come from OCR, so names must match the gazetteer to be taken.
    """
    body = split_body(lines)
    findings: list[Finding] = []
    heading = _read_heading_with_fallbacks(body, findings)
    issuer = None
    if heading.issuer:
        issuer, issuer_findings = read_issuer(heading.issuer, read_by_ocr)
        findings.extend(issuer_findings)
    closing = read_closing(body.closing)
    if closing.signatory_title:
        title, title_findings = read_signatory_title(closing.signatory_title, read_by_ocr)
        closing = replace(closing, signatory_title=title)
        findings.extend(title_findings)
    if heading.issuer is None and closing.signatory_title:
        issuer, unit_findings = issuer_of_unit_head(closing.signatory_title, read_by_ocr)
        findings.extend(unit_findings)
        if issuer is not None:
            findings.append(_fallback("issuer", "the signatory's title (a plan signed by a unit head)", issuer.name))
    if issuer is not None and issuer.short == issuer.name:
        issuer = replace(issuer, short=printed_abbreviation(issuer.name, body) or issuer.name)
    if heading.title is None and heading.number is None:
        heading = replace(heading, title=_plan_title(body.heading, issuer, findings))
    decree_year = heading.year
    if decree_year is None and heading.number:
        decree_year = closing.enacted.year if closing.enacted else _trailing_year(heading.number)
        if decree_year is not None:
            source = "the enactment date" if closing.enacted else "the number's trailing year"
            findings.append(_fallback("decree_year", source, str(decree_year)))
    plan_year = read_plan_year(heading.title) if heading.title else None
    if plan_year is None and decree_year is not None:
        plan_year = decree_year
        findings.append(
            Finding(
                "plan_year_defaulted",
                Severity.INFO,
                f"title {heading.title or ''!r} names no plan year; plan_year = decree year {decree_year}",
            )
        )
    elif plan_year is None and closing.date_text and (signed := _trailing_year(closing.date_text, r"\s")):
        plan_year = signed
        findings.append(
            Finding(
                "plan_year_defaulted",
                Severity.INFO,
                f"title {heading.title or ''!r} names no plan year and there is no decree number; "
                f"plan_year = the year of the date it was signed, {closing.date_text!r}",
            )
        )
    identity = DecreeIdentity(
        issuer=issuer.name if issuer else None,
        issuer_short=issuer.short if issuer else None,
        jurisdiction=issuer.jurisdiction if issuer else None,
        jurisdiction_level=issuer.level if issuer else None,
        decree_number=heading.number,
        decree_year=decree_year,
        title=heading.title,
        enacted_place=closing.place,
        enacted_date=closing.enacted,
        signatory_name=closing.signatory_name,
        signatory_title=closing.signatory_title,
        plan_year=plan_year,
        considerations=read_considerations(body.considering),
        provisions=read_provisions(body.deciding),
    )
    findings.extend(_missing_fields(identity, closing, body))
    findings.extend(_inconsistencies(identity, heading))
    return identity, findings


def doc_id(identity: DecreeIdentity) -> str | None:
    """`kpu-kota-ternate-2026-3`: slug(issuer_short)-decree_year-slug(decree_number).

    A plan that is no numbered decree (no number and no dictum, signed by the head of a
    unit) is `slug(issuer_short)-plan_year-rencana-aksi`.  A decree whose number could not
    be read (it has a dictum) gets None: the caller falls back to the file.
    """
    if not identity.issuer_short:
        return None
    if identity.decree_number and identity.decree_year is not None:
        return f"{slug(identity.issuer_short)}-{identity.decree_year}-{slug(identity.decree_number)}"
    if identity.decree_number is None and not identity.provisions and identity.plan_year is not None:
        return f"{slug(identity.issuer_short)}-{identity.plan_year}-{words('plan', 'doc_id_suffix')[0]}"
    return None


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


# --- heading ---------------------------------------------------------------------------


def read_heading(text_lines: Sequence[TextLine]) -> Heading:
    """Read KEPUTUSAN <issuer> NOMOR <number> [TAHUN <year>] TENTANG <title> from heading lines."""
    decree = marker_regex(words("heading", "decree"))
    start = next((i for i, line in enumerate(text_lines) if decree.match(line.text)), None)
    if start is None:
        return Heading()
    block = text_lines[start:]
    subject_at = _subject_line(block)
    upto = subject_at if subject_at is not None else len(block)
    head_text = join_lines([line.text for line in block[:upto]])
    if subject_at is not None:
        before, _, _ = _split_subject(block[subject_at].text)
        head_text = join_lines([head_text, before])
    issuer, number, year = _read_issuer_and_number(decree.sub("", head_text, count=1))
    title = _read_title(block[subject_at:]) if subject_at is not None else None
    return Heading(issuer, number, year, title, block[0].page)


def _subject_line(block: Sequence[TextLine]) -> int | None:
    """Index of the line carrying the TENTANG word (alone, opening or inside the line)."""
    subject = _subject_regex()
    for index, line in enumerate(block):
        if subject.search(line.text):
            return index
    return None


def _subject_regex() -> re.Pattern[str]:
    alternatives = "|".join(phrase_pattern(p) for p in words("heading", "subject"))
    return re.compile(rf"(?:^|\s)(?:{alternatives})(?![^\W\d_])\s*:?\s*", re.I)


def _split_subject(text: str) -> tuple[str, str, bool]:
    """Split a line at its TENTANG word: (before, after, found)."""
    match = _subject_regex().search(text)
    if not match:
        return text, "", False
    return text[: match.start()].strip(), text[match.end() :].strip(), True


def _read_issuer_and_number(text: str) -> tuple[str | None, str | None, int | None]:
    """Read "<issuer> NOMOR <number> [TAHUN <year>]": the number is one token ("3", "751/PP.01-Kpt/...")."""
    numbers = "|".join(phrase_pattern(p) for p in words("heading", "number"))
    match = re.search(rf"^(?P<issuer>.*?)\s*(?<![^\W\d_])(?:{numbers})\s*:?\s*(?P<rest>.*)$", text, re.I)
    if not match:
        return (text.strip() or None), None, None
    issuer = match.group("issuer").strip() or None
    tokens = re.sub(r"\s*([/-])\s*", r"\1", match.group("rest")).split()
    if not tokens:
        return issuer, None, None
    number = tokens[0].rstrip(",;")
    year_words = {w.lower() for w in words("heading", "year")}
    has_year = len(tokens) > 2 and tokens[1].lower().strip(",") in year_words
    year = read_year(tokens[2]) if has_year else None
    return issuer, number, year


def _read_title(block: Sequence[TextLine]) -> str | None:
    """The TENTANG text up to the office line, the preamble or the end of the heading."""
    _, first, _ = _split_subject(block[0].text)
    parts = [first] if first else []
    for line in block[1:]:
        if _ends_title(line.text):
            break
        parts.append(line.text)
    return join_lines(parts) or None


def _ends_title(text: str) -> bool:
    """The preamble, or the office line ("KETUA KOMISI ... KOTA PALU," / "KEPALA DINAS ...,")."""
    preamble = marker_regex(words("heading", "preamble"))
    if preamble.match(text) or _is_office_line(text):
        return True
    lowered = text.lower()
    return text.endswith(",") and any(lowered.startswith(o + " ") for o in words("issuer", "offices"))


def _is_office_line(text: str) -> bool:
    """An office followed by a known institution: "KETUA KOMISI PEMILIHAN UMUM KOTA PALU,"."""
    lowered = " ".join(text.lower().rstrip(",").split())
    for office in words("issuer", "offices"):
        if lowered.startswith(office + " "):
            rest = lowered[len(office) + 1 :]
            if match_institution(rest) is not None:
                return True
    return False


def _read_heading_with_fallbacks(body: DecreeBody, findings: list[Finding]) -> Heading:
    """The body heading, completed from the office line, the Menetapkan line and the LAMPIRAN."""
    heading = read_heading(body.heading)
    if heading.issuer is None:
        office = next((line for line in body.heading if _is_office_line(line.text)), None)
        if office is not None:
            heading = replace(heading, issuer=strip_office(office.text.rstrip(",")))
            findings.append(_fallback("issuer", "the office line", office.text))
    if heading.title is None:
        title = _title_from_enactment(body.deciding)
        if title:
            heading = replace(heading, title=title)
            findings.append(_fallback("title", "the Menetapkan line", title))
    if heading.number is None:
        appendix = read_heading(_without_appendix_word(body.appendix[:20]))
        if appendix.number:
            heading = replace(heading, number=appendix.number, year=appendix.year)
            findings.append(_fallback("decree_number", "the LAMPIRAN heading", appendix.number))
            if heading.issuer is None and appendix.issuer:
                heading = replace(heading, issuer=appendix.issuer)
                findings.append(_fallback("issuer", "the LAMPIRAN heading", appendix.issuer))
    return heading


def _without_appendix_word(appendix: Sequence[TextLine]) -> list[TextLine]:
    """The LAMPIRAN heading lines with the word LAMPIRAN (and its colon) cut off."""
    if not appendix:
        return []
    marker = marker_regex(words("sections", "appendix"))
    first = TextLine(marker.sub("", appendix[0].text, count=1), appendix[0].page)
    return [first, *appendix[1:]]


def _title_from_enactment(deciding: Sequence[TextLine]) -> str | None:
    """The title printed in "Menetapkan : KEPUTUSAN ... TENTANG <title>"."""
    enact = marker_regex(["menetapkan"])
    labels = _label_regex()
    texts: list[str] = []
    for line in deciding:
        if labels.match(line.text):
            break
        texts.append(line.text)
    _, after, found = _split_subject(enact.sub("", join_lines(texts), count=1))
    if not found:
        return None
    return after.rstrip(".;") or None


def _plan_title(heading: Sequence[TextLine], issuer: Issuer | None, findings: list[Finding]) -> str | None:
    """The opening lines of a plan without a KEPUTUSAN heading, in capitals or Title Case.

    The title ends at the first line that is running text, the issuer's own name, a bare
    year or a label ending with a colon.
    """
    parts: list[str] = []
    for line in heading:
        text = line.text.strip()
        if (not _is_title_like(text) or read_year(text) is not None or text.endswith(":")
                or (issuer is not None and key(text) == key(issuer.name))):
            break
        parts.append(text)
    title = join_lines(parts) or None
    if title:
        findings.append(_fallback("title", "the plan's opening lines (no KEPUTUSAN heading)", title))
    return title


def _is_title_like(text: str) -> bool:
    """Every word in capitals or capitalised, connectors aside ("Wilayah Bebas Korupsi (WBK) dan ...")."""
    lower_words = set(words("title_case", "lowercase"))
    letters = [word.strip("()[],.;:/-") for word in text.split()]
    letters = [word for word in letters if word and word[0].isalpha()]
    return bool(letters) and all(word[0].isupper() or word.lower() in lower_words for word in letters)


def _fallback(field: str, source: str, value: str) -> Finding:
    return Finding(
        "metadata_fallback",
        Severity.INFO,
        f"decree field '{field}' not printed in the heading; read {value!r} from {source}",
    )


# --- closing: place, date, signature -----------------------------------------------


def read_closing(closing: Sequence[TextLine]) -> Closing:
    """Read "Ditetapkan di <place>", "pada tanggal <date>" and the signature block after them."""
    if not closing:
        return Closing()
    date_marker = marker_regex(words("sections", "enacted_date"))
    texts = [line.text for line in closing]
    place_date = place_date_regex().match(texts[0])
    if place_date:
        printed_date = place_date.group("date")
        title, name = read_signature(texts[1:])
        return Closing(title_case(place_date.group("place")), printed_date, read_date(printed_date), title, name)
    place_text = marker_regex(words("sections", "enacted_place")).sub("", texts[0], count=1)
    cursor = 1
    if not place_text and len(texts) > 1 and not date_marker.match(texts[1]):
        place_text, cursor = texts[1], 2
    date_text: str | None = None
    dates = "|".join(phrase_pattern(p) for p in words("sections", "enacted_date"))
    inline = re.search(rf"\s(?:{dates})(?![^\W\d_])\s*:?\s*", place_text, re.I)
    if inline:
        date_text = place_text[inline.end() :].strip()
        place_text = place_text[: inline.start()]
    elif cursor < len(texts) and date_marker.match(texts[cursor]):
        date_text = date_marker.sub("", texts[cursor], count=1).strip()
        cursor += 1
        if not date_text and cursor < len(texts):
            date_text, cursor = texts[cursor], cursor + 1
    elif cursor < len(texts) and (garbled := _garbled_date_line(texts[cursor], dates)):
        date_text, cursor = garbled, cursor + 1
    place = title_case(place_text.strip(" ,:")) or None
    enacted = read_date(date_text) if date_text else None
    title, name = read_signature(texts[cursor:])
    return Closing(place, date_text or None, enacted, title, name)


def _garbled_date_line(text: str, dates: str) -> str | None:
    """The date of a date line whose opening OCR garbled ("M 3 Rahatanggal 6 April 2026")."""
    match = re.search(rf"(?:{dates})\s*:?\s*(\d{{1,2}}\s+[^\W\d_]+\s+\d{{4}})\s*$", text, re.I)
    return match.group(1) if match else None


def read_date(text: str) -> date | None:
    """A printed date ("21 Januari 2026") read with dateparser in Indonesian."""
    import dateparser  # imported on the first date read: a re-run served from the cache never needs it

    parsed = dateparser.parse(
        text.strip(" ,."),
        languages=["id"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"},
    )
    return parsed.date() if parsed else None


def read_signature(texts: Sequence[str]) -> tuple[str | None, str | None]:
    """(title, name) of the signature block: title lines, the "ttd" mark, then the name."""
    block = _until_certification(texts)
    mark = next((i for i, text in enumerate(block) if _is_signed_mark(text)), None)
    if mark is not None:
        title_lines, name_lines = block[:mark], block[mark + 1 :]
    elif (comma := next((i for i, text in enumerate(block) if text.endswith(",")), None)) is not None:
        while comma + 1 < len(block) - 1 and block[comma + 1].endswith(","):
            comma += 1  # "Kepala Balai," / "Pengelola Alih Teknologi Pertanian,"
        title_lines, name_lines = block[: comma + 1], block[comma + 1 :]
    elif len(block) >= 2:
        title_lines, name_lines = block[:-1], block[-1:]  # no mark, no comma: the name is the last line
    else:
        return None, None
    title = title_case(join_lines([line.rstrip(" ,") for line in title_lines])) or None
    name = next((text for text in name_lines if any(ch.isalpha() for ch in text)), None)
    return title, name


def _until_certification(texts: Sequence[str]) -> list[str]:
    stops = [w.lower() for w in words("signature", "certification") + words("signature", "trailers")]
    block = []
    for text in texts:
        lowered = text.lower()
        if any(re.match(rf"{re.escape(stop)}(?![^\W\d_])", lowered) for stop in stops):
            break
        block.append(text)
    return block


def _is_signed_mark(text: str) -> bool:
    lowered = " ".join(text.lower().split())
    if lowered.replace(" ", "") in {mark.replace(" ", "") for mark in words("signature", "signed_marks")}:
        return True
    return any(lowered.startswith(prefix) for prefix in words("signature", "signed_prefixes"))


# --- considerations and provisions -------------------------------------------------


def read_considerations(considering: Sequence[TextLine]) -> tuple[str, ...]:
    """The Menimbang points, letter removed, each joined into one line."""
    openings = tuple(w.lower() for w in words("considerations", "opening"))
    points: list[list[str]] = []
    expected = "a"
    for line in considering:
        text = line.text.lstrip(": ").strip()
        if not text:
            continue
        mark = _LETTER_MARK.match(text)
        if mark and mark.group(1).lower() == expected:
            points.append([text[mark.end() :]])
            expected = chr(ord(expected) + 1)
        elif not points or (_ends_point(points[-1]) and text.lower().startswith(openings)):
            points.append([text])
            expected = chr(ord(expected) + 1)
        else:
            points[-1].append(text)
    return tuple(p for p in (join_lines(point) for point in points) if p)


def _ends_point(point: Sequence[str]) -> bool:
    last = point[-1].rstrip()
    return last.endswith((";", ":", ".")) or bool(re.search(r";\s*(?:dan|atau)$", last, re.I))


def read_provisions(deciding: Sequence[TextLine]) -> tuple[Provision, ...]:
    """KESATU, KEDUA, ... with their text; the Menetapkan line before them is skipped."""
    labels = _label_regex()
    provisions: list[tuple[str, list[str]]] = []
    for line in deciding:
        match = labels.match(line.text)
        if match:
            label = " ".join(match.group("label").upper().split())
            provisions.append((label, [line.text[match.end() :].lstrip(": ").strip()]))
        elif provisions:
            provisions[-1][1].append(line.text.lstrip(": "))
    return tuple(Provision(label, join_lines(parts)) for label, parts in provisions)


@dataclass(frozen=True)
class _LabelRegex:
    colon: re.Pattern[str]
    capitals: re.Pattern[str]

    def match(self, text: str) -> re.Match[str] | None:
        return self.colon.match(text) or self.capitals.match(text)


def _label_regex() -> _LabelRegex:
    """A dictum label opening a line: any case before a colon or alone; capitals before text."""
    labels = sorted(words("provisions", "labels"), key=len, reverse=True)
    spaced = "|".join(phrase_pattern(label) for label in labels)
    exact = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    colon = re.compile(rf"^(?P<label>{spaced})\s*(?::\s*|$)", re.I)
    capitals = re.compile(rf"^(?P<label>{exact})(?=\s+\S)\s*")
    return _LabelRegex(colon, capitals)


# --- findings ------------------------------------------------------------------------

_REQUIRED_FIELDS = (
    "issuer",
    "issuer_short",
    "jurisdiction",
    "jurisdiction_level",
    "decree_number",
    "decree_year",
    "title",
    "enacted_place",
    "enacted_date",
    "signatory_name",
    "signatory_title",
    "plan_year",
)


def _missing_fields(identity: DecreeIdentity, closing: Closing, body: DecreeBody) -> list[Finding]:
    findings = []
    for field in _REQUIRED_FIELDS:
        if getattr(identity, field) is None:
            findings.append(_missing(field, _why_missing(field, closing, body)))
    if not identity.considerations:
        findings.append(_missing("considerations", "no Menimbang points found"))
    if not identity.provisions:
        findings.append(_missing("provisions", "no KESATU/KEDUA/... provisions found"))
    return findings


def _why_missing(field: str, closing: Closing, body: DecreeBody) -> str:
    if field in ("enacted_place", "enacted_date", "signatory_name", "signatory_title") and not body.closing:
        return "no 'Ditetapkan di' closing block found (signature page missing?)"
    if field == "enacted_date" and closing.date_text:
        return f"date {closing.date_text!r} could not be read"
    if field in ("issuer", "issuer_short", "decree_number", "decree_year", "title") and not body.heading:
        return "no decree heading (KEPUTUSAN ... NOMOR ... TENTANG) found"
    return "not printed or not readable"


def _missing(field: str, why: str) -> Finding:
    return Finding("metadata_missing", Severity.WARNING, f"decree field '{field}' could not be read: {why}")


def _inconsistencies(identity: DecreeIdentity, heading: Heading) -> list[Finding]:
    """The year of the number and the year of the enactment date should agree."""
    if identity.enacted_date is None or identity.decree_year is None:
        return []
    years = {identity.decree_year}
    if identity.decree_number and (printed := _trailing_year(identity.decree_number)):
        years.add(printed)
    if years == {identity.enacted_date.year}:
        return []
    return [
        Finding(
            "metadata_inconsistent",
            Severity.WARNING,
            f"decree 'NOMOR {identity.decree_number}' (year {sorted(years)}) but enacted "
            f"'{identity.enacted_date.isoformat()}'",
            page=heading.page,
        )
    ]


def _trailing_year(number: str, separator: str = "/") -> int | None:
    """The year a number ("751/.../2019") or a date ("31 Juni 2021") ends with."""
    match = re.search(rf"{separator}\s*(\d{{4}})\s*[.,]?\s*$", number)
    return read_year(match.group(1)) if match else None


def read_year(token: str) -> int | None:
    """A four-digit year, repairing OCR letters (2O26 -> 2026); None outside 1900..2199."""
    digits = token.strip(" ,.;)").translate(_YEAR_CHARS)
    if not re.fullmatch(r"\d{4}", digits):
        return None
    year = int(digits)
    return year if 1900 <= year < 2200 else None


def read_plan_year(title: str) -> int | None:
    """The last "TAHUN yyyy" of the title that is not part of a "NOMOR x TAHUN yyyy" citation."""
    years = "|".join(phrase_pattern(p) for p in sorted(words("heading", "plan_year"), key=len, reverse=True))
    numbers = "|".join(phrase_pattern(p) for p in words("heading", "number"))
    found = None
    for match in re.finditer(rf"(?<![^\W\d_])(?:{years})\s+(\S{{4}})(?!\d)", title, re.I):
        if re.search(rf"(?:{numbers})\s*\S+\s*$", title[: match.start()], re.I):
            continue
        year = read_year(match.group(1))
        if year is not None:
            found = year
    return found
