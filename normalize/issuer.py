"""Who issued a decree or plan: the issuing body, its short name and region, the signatory's office.

Names are matched against the gazetteer (normalize/gazetteer.py): the known institutions
("Komisi Pemilihan Umum" -> KPU) and the provinces and kabupaten/kota.  Rules:

- issuer: the office ("KETUA", "KEPALA") is dropped when an institution or a unit
  ("Dinas ...", "Balai ...") follows it; an institution and region with an OCR slip are
  corrected to the known names (`identity_corrected`, info).  A region the gazetteer does
  not know is kept as printed (`region_unknown`, info), except on an OCR source.
- On an OCR source nothing unmatched is taken: an unknown region, or an unknown
  institution with a word no Indonesian word list knows, leaves the issuer None with
  `identity_unmatched` (warning).  A doc_id is never built from a misreading.
- issuer_short: the institution's abbreviation + region ("KPU Kota Ternate"; the national
  body "KPU RI"); for another unit, the short name the document itself prints ("Balai PATP").
- signatory_title: its office must be a known one (a one-word office may carry one slip);
  the rest is matched as the issuer is.
- a plan that is no decree is issued by the unit its signatory heads ("Kepala Balai ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalize.decree_body import DecreeBody, vocabulary, words
from normalize.findings import Finding, Severity
from normalize.gazetteer import NameMatch, institutions, key, known_words, match_institution, match_region, nearest
from normalize.ocr.lexicon import lexicon


@dataclass(frozen=True)
class Issuer:
    """The issuing body, its short name and its jurisdiction."""

    name: str
    short: str
    jurisdiction: str | None
    level: str | None


def read_issuer(raw: str, read_by_ocr: bool = False, field: str = "issuer") -> tuple[Issuer | None, list[Finding]]:
    """Name, short name, jurisdiction and level of the issuing body as printed in the heading.

    The institution and the region are matched against the gazetteer, tolerant of OCR
    slips: a slip is corrected to the known name (`identity_corrected`, info).  On an OCR
    source a name that matches nothing known is not taken: None and `identity_unmatched`.
    """
    name = title_case(strip_office(raw))
    institution = match_institution(name)
    if institution is None:
        return _unknown_institution(name, read_by_ocr, field)
    match, rest = institution
    findings = [] if match.exact else [_corrected("institution", match.printed, match.known)]
    printed_institution = match.printed if match.exact else match.known
    abbreviation = institutions()[match.known]
    rest = rest.strip(" ,")
    jurisdiction_vocabulary = vocabulary()["jurisdiction"]
    national_names = [n.upper() if len(n) <= 3 else n.title() for n in jurisdiction_vocabulary["national_names"]]
    national = nearest(rest, national_names) if rest else None
    if not rest or national is not None:
        if national is not None and not national.exact:
            findings.append(_corrected("region", rest, national.known))
            rest = national.known
        short = f"{abbreviation} {jurisdiction_vocabulary['national_suffix']}"
        nationwide = Issuer(" ".join(filter(None, [printed_institution, rest])), short,
                            jurisdiction_vocabulary["national_name"], "nasional")
        return nationwide, findings
    regional, region_findings = _in_region(printed_institution, abbreviation, rest, read_by_ocr)
    if regional is None:
        return None, [*findings, _unmatched(field, raw, f"region {rest!r} is no known province, kabupaten or kota")]
    return regional, [*findings, *region_findings]


def _in_region(institution: str, abbreviation: str, region: str,
               read_by_ocr: bool) -> tuple[Issuer | None, list[Finding]]:
    """A known institution of a region ("Kota Temate" -> Kota Ternate); None for an unknown region read by OCR."""
    found = match_region(region)
    if found is None:
        if read_by_ocr:
            return None, []
        level = _level_of(region)
        if level is None and region.lower() in vocabulary()["jurisdiction"]["provinces_without_prefix"]:
            level = "provinsi"
        unknown = Finding("region_unknown", Severity.INFO,
                          f"issuer region {region!r} is not in the gazetteer of provinces and kabupaten/kota; "
                          "kept as printed")
        return Issuer(f"{institution} {region}", f"{abbreviation} {region}", region, level), [unknown]
    match, known = found
    jurisdiction = region if match.exact else known.name
    findings = [] if match.exact else [_corrected("region", region, known.name)]
    issuer = Issuer(f"{institution} {jurisdiction}", f"{abbreviation} {jurisdiction}", jurisdiction, known.level)
    return issuer, findings


def read_signatory_title(title: str, read_by_ocr: bool = False) -> tuple[str | None, list[Finding]]:
    """The signatory's title ("Ketua Komisi Pemilihan Umum Kota Ternate"), its office matched as the issuer is.

    An OCR slip in the institution or region is corrected; on an OCR source a title whose
    office matches nothing known is left empty with a finding.
    """
    office, rest = _office_prefix(title)
    if office is None:
        if read_by_ocr:
            return None, [_unmatched("signatory_title", title, "it opens with no known office (Ketua, Kepala, ...)")]
        return title, []
    issuer, findings = read_issuer(rest, read_by_ocr, field="signatory_title")
    if issuer is None:
        return None, findings
    if office.exact and not any(f.code == "identity_corrected" for f in findings):
        return title, []
    if not office.exact:
        findings.insert(0, _corrected("office", office.printed, title_case(office.known)))
    return f"{office.printed if office.exact else title_case(office.known)} {issuer.name}", findings


def _office_prefix(text: str) -> tuple[NameMatch | None, str]:
    """The office opening a title ("Ketua") and the rest; a one-word office may carry an OCR slip."""
    lowered = text.lower()
    offices = sorted(words("issuer", "offices"), key=len, reverse=True)
    for office in offices:
        if lowered.startswith(office + " "):
            return NameMatch(office, text[: len(office)], 0), text[len(office) + 1 :]
    first, _, rest = text.partition(" ")
    single = [office for office in offices if " " not in office]
    match = nearest(first, single) if len(key(first)) >= 5 else None
    return (match, rest) if match else (None, text)


def issuer_of_unit_head(title: str, read_by_ocr: bool = False) -> tuple[Issuer | None, list[Finding]]:
    """A plan signed by the head of a unit ("Kepala Balai Pengelola ..."): the unit is the issuer; else None."""
    office, rest = _office_prefix(title)
    if office is None or not opens_with_unit(rest):
        return None, []
    return read_issuer(name_case(rest), read_by_ocr)


def name_case(text: str) -> str:
    """A proper name with every word capitalised save the connectors ("Alih teknologi" -> "Alih Teknologi")."""
    lower_words = set(words("title_case", "lowercase"))
    result = []
    for index, word in enumerate(title_case(text).split()):
        if index > 0 and word.lower() in lower_words:
            result.append(word.lower())
        elif word.islower():
            result.append(word.capitalize())
        else:
            result.append(word)
    return " ".join(result)


def printed_abbreviation(name: str, body: DecreeBody) -> str | None:
    """The unit's short name when the document prints it: "Balai PATP" for "Balai Pengelola Alih Teknologi Pertanian".

    The short name is the first word and the initials of the other words (connectors left
    out); it is taken only when the document itself prints it.
    """
    first, *rest = name.split()
    lower_words = set(words("title_case", "lowercase"))
    initials = "".join(word[0].upper() for word in rest if word.lower() not in lower_words and word[0].isalpha())
    if len(initials) < 2:
        return None
    pattern = re.compile(rf"(?<![^\W\d_])(?i:{re.escape(first)})\s+{initials}(?![^\W\d_])")
    lines = (*body.heading, *body.considering, *body.deciding, *body.closing, *body.appendix)
    return f"{first} {initials}" if any(pattern.search(line.text) for line in lines) else None


def _unknown_institution(name: str, read_by_ocr: bool, field: str) -> tuple[Issuer | None, list[Finding]]:
    """An institution the vocabulary does not know: its region, if any, from the first level word.

    Read by OCR, it is taken only when its region is a known one and every word of it is
    a known Indonesian word: a misread word is not in the word list.
    """
    jurisdiction, level = _region_anywhere(name)
    if read_by_ocr:
        region = match_region(jurisdiction) if jurisdiction else None
        if jurisdiction and region is None:
            return None, [_unmatched(field, name, f"region {jurisdiction!r} is no known province, kabupaten or kota")]
        unit = name[: len(name) - len(jurisdiction)] if jurisdiction else name
        if not known_words(unit.split(), lexicon()):
            return None, [_unmatched(field, name, "a word of it is in no Indonesian word list")]
        if jurisdiction and region is not None and not region[0].exact:
            corrected = f"{unit.strip()} {region[1].name}"
            return (Issuer(corrected, corrected, region[1].name, region[1].level),
                    [_corrected("region", jurisdiction, region[1].name)])
    return Issuer(name, name, jurisdiction, level), []


def _corrected(what: str, printed: str, known: str) -> Finding:
    return Finding("identity_corrected", Severity.INFO,
                   f"{what} read as {printed!r} is the known name {known!r} (an OCR slip corrected)")


def _unmatched(field: str, printed: str, why: str) -> Finding:
    return Finding("identity_unmatched", Severity.WARNING,
                   f"{field} read as {printed!r} matches no known office or region ({why}); left empty, not guessed")


def strip_office(raw: str) -> str:
    """Drop a leading office ("KETUA", "KEPALA") when a known institution or a unit ("DINAS ...") follows it."""
    text = " ".join(raw.split())
    lowered = text.lower()
    for office in sorted(words("issuer", "offices"), key=len, reverse=True):
        if lowered.startswith(office + " "):
            rest = text[len(office) + 1 :]
            if match_institution(rest) is not None or opens_with_unit(rest):
                return rest
    return text


def opens_with_unit(text: str) -> bool:
    """The text opens with a kind of unit ("Balai ...", "Dinas ...")."""
    lowered = " ".join(text.lower().replace(",", " ").split()) + " "
    return any(lowered.startswith(unit.lower() + " ") for unit in words("plan", "units"))


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
