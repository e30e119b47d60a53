"""The real names a decree's identity is matched against: institutions and regions.

A name read by OCR may carry slips ("Komisi Pemii Than Umum", "Kota Temate").  It is
matched against the names the project knows, tolerant of a bounded number of character
edits, and the match must be unique: the nearest known name must be nearer than every
other one.  Nothing else is accepted, so a misreading never becomes an identity.

- regions: the 38 provinces and 514 kabupaten/kota (normalize/data/regions.csv, its
  source cited in its header), plus the aliases of decree_vocabulary.toml
  ("DKI Jakarta");
- institutions: decree_vocabulary.toml [issuer.institutions] ("Komisi Pemilihan Umum").

Names are compared as lower-case letters and digits only, so spacing, hyphens and dots
are not slips ("Kota Baubau" is "Kota Bau Bau").  The bound is [gazetteer] in
decree_vocabulary.toml: edits per character of the printed name, at least one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from normalize.vocabulary import load

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Region:
    """A province, kabupaten or kota as the gazetteer names it."""

    code: str  # Kemendagri code: "82" (province), "82.71" (kabupaten/kota)
    level: str  # provinsi | kabupaten | kota
    name: str  # "Kota Ternate", "Provinsi Sulawesi Tengah", "Aceh"


@dataclass(frozen=True)
class NameMatch:
    """A printed name matched to a known one, `distance` character edits apart."""

    known: str
    printed: str
    distance: int

    @property
    def exact(self) -> bool:
        """Only case, spacing or punctuation differ."""
        return self.distance == 0


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The form names are compared in: lower-case letters and digits, nothing else."""
    return _NOT_ALNUM.sub("", text.lower())


def nearest(printed: str, known: Iterable[str]) -> NameMatch | None:
    """The known name nearest to `printed` within the edit bound, if it is the only one that near."""
    printed_key = key(printed)
    if not printed_key:
        return None
    budget = _edit_budget(printed_key)
    best: tuple[int, str] | None = None
    tied = False
    for name in known:
        distance = Levenshtein.distance(printed_key, key(name), score_cutoff=budget)
        if distance > budget:
            continue
        if best is None or distance < best[0]:
            best, tied = (distance, name), False
        elif distance == best[0] and key(name) != key(best[1]):
            tied = True
    if best is None or tied:
        return None
    return NameMatch(best[1], printed, best[0])


def _edit_budget(printed_key: str) -> int:
    settings = load("decree_vocabulary")["gazetteer"]
    return max(1, int(len(printed_key) * float(settings["max_edits_per_char"])))


# --- institutions ------------------------------------------------------------------------


def institutions() -> dict[str, str]:
    """Known institution name -> abbreviation ("Komisi Pemilihan Umum" -> "KPU")."""
    return dict(load("decree_vocabulary")["issuer"]["institutions"])


def match_institution(text: str) -> tuple[NameMatch, str] | None:
    """The known institution `text` opens with, and the rest of the text after it.

    The opening words are tried at every length near the institution's own word count,
    so a slip that split or joined a word ("Pemii Than") is still found.
    """
    words = text.split()
    found: list[tuple[NameMatch, str]] = []
    for name in institutions():
        size = len(name.split())
        for count in range(max(1, size - 1), min(len(words), size + 1) + 1):
            match = nearest(" ".join(words[:count]), [name])
            if match is not None:
                found.append((match, " ".join(words[count:])))
    if not found:
        return None
    return min(found, key=lambda entry: (entry[0].distance, -len(entry[0].printed)))


# --- regions -----------------------------------------------------------------------------


@cache
def regions() -> tuple[Region, ...]:
    """The provinces and kabupaten/kota of normalize/data/regions.csv."""
    text = resources.files("normalize").joinpath("data", "regions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(
        Region(row["code"], row["level"], _printed_name(row["level"], row["name"])) for row in rows
    )


def _printed_name(level: str, name: str) -> str:
    """Provinces are printed with their level word in an issuer ("Provinsi Sulawesi Tengah")."""
    if level != "provinsi":
        return name
    return f"{_jurisdiction()['province_word']} {name}"


def _jurisdiction() -> dict:
    return load("decree_vocabulary")["jurisdiction"]


@cache
def _region_names() -> dict[str, Region]:
    """Every name a region may be printed under: its own, without "Administrasi", its aliases."""
    names: dict[str, Region] = {}
    for region in regions():
        names[region.name] = region
        names[region.name.replace(" Administrasi ", " ")] = region
    by_code = {region.code: region for region in regions()}
    for alias, code in _jurisdiction()["aliases"].items():
        names[alias] = by_code[code]
    for region in regions():
        if region.level == "provinsi" and region.name.lower().split(" ", 1)[1] in _unprefixed():
            names[region.name.split(" ", 1)[1]] = region
    return names


def _unprefixed() -> set[str]:
    return {name.lower() for name in _jurisdiction()["provinces_without_prefix"]}


def match_region(text: str) -> tuple[NameMatch, Region] | None:
    """The region `text` names ("Kota Temate" -> Kota Ternate), tolerant of OCR slips."""
    names = _region_names()
    match = nearest(_with_level_word(text), names)
    if match is None:
        return None
    return match, names[match.known]


def _with_level_word(text: str) -> str:
    """Abbreviated level words written out ("Kab. Donggala" -> "Kabupaten Donggala")."""
    words = text.split()
    if not words:
        return text
    for full, short in _jurisdiction()["level_abbreviations"].items():
        if words[0].lower() == short:
            return " ".join([full.capitalize(), *words[1:]])
    return text


def known_words(words: Sequence[str], lexicon: frozenset[str]) -> bool:
    """Every word (letters only) is in the lexicon: a name OCR read without a slip, as far as words go."""
    letters = [w for w in (re.sub(r"[^\w]", "", word).casefold() for word in words) if w and not w.isdigit()]
    return bool(letters) and bool(lexicon) and all(word in lexicon for word in letters)
