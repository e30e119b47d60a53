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
- issuer_short: the institution's abbreviation (vocabulary) + jurisdiction
  ("KPU Kota Ternate"); the national body gets "RI" ("KPU RI").
- enacted_place / enacted_date: "Ditetapkan di <place>" / "pada tanggal <date>"
  (dateparser, Indonesian).
- signatory: the lines after the date up to the "ttd" mark (or up to the line ending
  with a comma) are the title, the next line is the name; the "Salinan sesuai dengan
  aslinya" block is not read.
- plan_year: the last "TAHUN yyyy" of the title that is not a "NOMOR x TAHUN yyyy"
  citation; else decree_year (info finding `plan_year_defaulted`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Sequence

from extract.document import Line
from normalize.decree_body import (
    DecreeBody,
    TextLine,
    join_lines,
    marker_regex,
    phrase_pattern,
    split_body,
    vocabulary,
    words,
)
from normalize.findings import Finding, Severity
from normalize.records import DecreeIdentity, Provision

_YEAR_CHARS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
_TRAILING_YEAR = re.compile(r"/\s*(\d{4})\s*$")
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
class Issuer:
    """The issuing body, its short name and its jurisdiction."""

    name: str
    short: str
    jurisdiction: str | None
    level: str | None


@dataclass(frozen=True)
class Closing:
    """The enactment place and date and the signature that close the body."""

    place: str | None = None
    date_text: str | None = None
    enacted: date | None = None
    signatory_title: str | None = None
    signatory_name: str | None = None


def read_identity(lines: Sequence[Line]) -> tuple[DecreeIdentity, list[Finding]]:
    """Read the decree's identity, considerations and provisions from its body lines."""
    body = split_body(lines)
    findings: list[Finding] = []
    heading = _read_heading_with_fallbacks(body, findings)
    issuer = read_issuer(heading.issuer) if heading.issuer else None
    closing = read_closing(body.closing)
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
    """`kpu-kota-ternate-2026-3`: slug(issuer_short)-decree_year-slug(decree_number)."""
    if not identity.issuer_short or identity.decree_year is None or not identity.decree_number:
        return None
    return f"{slug(identity.issuer_short)}-{identity.decree_year}-{slug(identity.decree_number)}"


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
            if any(rest.startswith(name.lower()) for name in _institutions()):
                return True
    return False


def _read_heading_with_fallbacks(body: DecreeBody, findings: list[Finding]) -> Heading:
    """The body heading, completed from the office line, the Menetapkan line and the LAMPIRAN."""
    heading = read_heading(body.heading)
    if heading.issuer is None:
        office = next((line for line in body.heading if _is_office_line(line.text)), None)
        if office is not None:
            heading = replace(heading, issuer=_strip_office(office.text.rstrip(",")))
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


def _fallback(field: str, source: str, value: str) -> Finding:
    return Finding(
        "metadata_fallback",
        Severity.INFO,
        f"decree field '{field}' not printed in the heading; read {value!r} from {source}",
    )


# --- issuer and jurisdiction -----------------------------------------------------------


def read_issuer(raw: str) -> Issuer:
    """Name, short name, jurisdiction and level of the issuing body as printed in the heading."""
    name = title_case(_strip_office(raw))
    lowered = name.lower()
    institutions = _institutions()
    institution = next(
        (inst for inst in sorted(institutions, key=len, reverse=True) if lowered.startswith(inst.lower())),
        None,
    )
    if institution is None:
        jurisdiction, level = _region_anywhere(name)
        return Issuer(name, name, jurisdiction, level)
    abbreviation = institutions[institution]
    rest = name[len(institution) :].strip(" ,")
    jurisdiction_vocabulary = vocabulary()["jurisdiction"]
    if not rest or rest.lower() in jurisdiction_vocabulary["national_names"]:
        short = f"{abbreviation} {jurisdiction_vocabulary['national_suffix']}"
        return Issuer(name, short, jurisdiction_vocabulary["national_name"], "nasional")
    level = _level_of(rest)
    if level is None and rest.lower() in jurisdiction_vocabulary["provinces_without_prefix"]:
        level = "provinsi"
    return Issuer(name, f"{abbreviation} {rest}", rest, level)


def _institutions() -> dict[str, str]:
    return dict(vocabulary()["issuer"]["institutions"])


def _strip_office(raw: str) -> str:
    """Drop a leading office ("KETUA") when a known institution follows it."""
    text = " ".join(raw.split())
    lowered = text.lower()
    for office in sorted(words("issuer", "offices"), key=len, reverse=True):
        if lowered.startswith(office + " "):
            rest = text[len(office) + 1 :]
            if any(rest.lower().startswith(name.lower()) for name in _institutions()):
                return rest
    return text


def _level_of(region: str) -> str | None:
    """The jurisdiction level named by the first word of a region ("Kota Ternate" -> kota)."""
    lowered = region.lower()
    for level, prefixes in vocabulary()["jurisdiction"]["levels"].items():
        for prefix in prefixes:
            if re.match(rf"{re.escape(prefix)}(?:\s|$)", lowered):
                return level
    return None


def _region_anywhere(name: str) -> tuple[str | None, str | None]:
    """For an unknown institution: the region from the first level word to the end."""
    for match in re.finditer(r"\S+", name):
        region = name[match.start() :]
        level = _level_of(region)
        if level is not None:
            return region, level
    return None, None


def title_case(text: str) -> str:
    """Title-case a text printed in capitals (or all lower case); mixed case stays as printed."""
    letters = [ch for ch in text if ch.isalpha()]
    uppers = sum(ch.isupper() for ch in letters)
    if not letters or 0 < uppers < 0.8 * len(letters):
        return text
    lower_words = set(words("title_case", "lowercase"))
    upper_words = set(words("title_case", "uppercase"))
    result = []
    for index, word in enumerate(text.split()):
        core = word.strip(",.;:()")
        if core.upper() in upper_words or re.fullmatch(r"[IVXL]+", core):
            result.append(word)
        elif index > 0 and word.lower() in lower_words:
            result.append(word.lower())
        else:
            result.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word))
    return " ".join(result)


# --- closing: place, date, signature -----------------------------------------------


def read_closing(closing: Sequence[TextLine]) -> Closing:
    """Read "Ditetapkan di <place>", "pada tanggal <date>" and the signature block after them."""
    if not closing:
        return Closing()
    date_marker = marker_regex(words("sections", "enacted_date"))
    texts = [line.text for line in closing]
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
    place = title_case(place_text.strip(" ,:")) or None
    enacted = read_date(date_text) if date_text else None
    title, name = read_signature(texts[cursor:])
    return Closing(place, date_text or None, enacted, title, name)


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
    if mark is None:
        mark = next((i for i, text in enumerate(block) if text.endswith(",")), None)
        if mark is None:
            return None, None
        title_lines, name_lines = block[: mark + 1], block[mark + 1 :]
    else:
        title_lines, name_lines = block[:mark], block[mark + 1 :]
    title = title_case(join_lines(title_lines).rstrip(" ,")) or None
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
    if identity.decree_number and _trailing_year(identity.decree_number):
        years.add(_trailing_year(identity.decree_number))
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


def _trailing_year(number: str) -> int | None:
    match = _TRAILING_YEAR.search(number)
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
