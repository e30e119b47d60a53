"""A printed column header -> the roles it may name, with a score (0-100) and how it matched.

Matching, in order (vocabulary/data/layout.toml):
1. exactly a synonym, after folding (score 100);
2. a synonym followed by more words ("INDIKATOR KEBERHASILAN PROGRAM"): the longest one
   (`prefix_score`);
3. tolerantly (rapidfuzz ratio >= `fuzzy_min_score`): an OCR slip or misspelling
   ("OUTPUTIDATA DUKUNG", "INDIKATUR"), provided every word that differs from the
   synonym is no real header word, so that two real words are never confused.

Used by the PDF extractor (finding the header band of an unruled table) and by
normalize/layout.py (giving roles to columns), so it lives below both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from vocabulary import cached, load

_PARENTHESISED = re.compile(r"\s*\([^)]*\)\s*")
_LEADING_NUMBERING = re.compile(r"^\(?\d{1,2}\)?[.)]?\s+(?=\S)")


@dataclass(frozen=True)
class HeaderMatch:
    role: str
    score: float  # 0-100
    how: str  # exact | prefix | fuzzy
    synonym: str  # the synonym (folded) it matched


def fold_header(text: str) -> str:
    """Comparison key of a header: upper case, connectors as "/", no remark in parentheses."""
    text = _PARENTHESISED.sub(" ", text or "") or text or ""
    text = " ".join(text.upper().split())
    text = _LEADING_NUMBERING.sub("", text)
    for connector in _connectors():
        if connector.isalpha():
            text = re.sub(rf"(?<=\S) {connector} (?=\S)", "/", text)
        else:
            text = re.sub(rf"\s*{re.escape(connector)}\s*", "/", text)
    text = re.sub(r"/{2,}", "/", text).strip("/ ")
    return re.sub(r"[\s.:;]+$", "", text)


def header_matches(header: str) -> list[HeaderMatch]:
    """Every role the header may name, best first (at most one match per role)."""
    folded = fold_header(header)
    if not folded:
        return []
    best: dict[str, HeaderMatch] = {}
    for match in (*_exact(folded), *_prefix(folded), *_fuzzy(folded)):
        if match.role not in best or match.score > best[match.role].score:
            best[match.role] = match
    return sorted(best.values(), key=lambda m: -m.score)


def role_of(header: str) -> str | None:
    """The role a printed header names best, or None when it names none."""
    matches = header_matches(header)
    return matches[0].role if matches else None


def first_words() -> frozenset[str]:
    """The first word of every synonym, folded: a block of text starting with one may be a header."""
    return frozenset(re.split(r"[ /]", synonym)[0] for synonym, _ in _synonyms())


@cached
def roles() -> dict[str, tuple[str, ...]]:
    """Every role and its header synonyms: layout.toml's [roles] and [more_roles] (and a user's additions)."""
    layout = load("layout")
    merged: dict[str, tuple[str, ...]] = {}
    for table in (layout["roles"], layout.get("more_roles", {})):
        for role, words in table.items():
            merged[role] = (*merged.get(role, ()), *words)
    return merged


@cached
def _synonyms() -> tuple[tuple[str, str], ...]:
    """(folded synonym, role), longest synonyms first."""
    pairs = {(fold_header(word), role) for role, words in roles().items() for word in words}
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair)))


@cached
def _settings() -> dict:
    return load("layout")["matching"]


@cached
def _connectors() -> tuple[str, ...]:
    return tuple(load("layout")["matching"]["connectors"])


@cached
def _known_words() -> frozenset[str]:
    words = {w for synonym, _ in _synonyms() for w in re.split(r"[ /]", synonym) if w}
    return frozenset(words | {w.upper() for w in _settings()["known_words"]})


def _exact(folded: str) -> list[HeaderMatch]:
    return [HeaderMatch(role, 100.0, "exact", word) for word, role in _synonyms() if word == folded]


def _prefix(folded: str) -> list[HeaderMatch]:
    for word, role in _synonyms():  # longest first
        if folded.startswith((word + " ", word + "/")):
            return [HeaderMatch(role, float(_settings()["prefix_score"]), "prefix", word)]
    return []


def _fuzzy(folded: str) -> list[HeaderMatch]:
    settings = _settings()
    if len(folded) < settings["fuzzy_min_length"]:
        return []
    synonyms = _synonyms()
    found = process.extract(folded, [word for word, _ in synonyms], scorer=fuzz.ratio,
                            score_cutoff=settings["fuzzy_min_score"], limit=None)
    matches = []
    for word, score, index in found:
        if word != folded and _only_slips_differ(folded, word):
            matches.append(HeaderMatch(synonyms[index][1], round(float(score), 1), "fuzzy", word))
    return matches


def _only_slips_differ(header: str, synonym: str) -> bool:
    """Do the header and the synonym differ by slipped words only, none of them a real header word?

    Differing only by a connector ("TARGET/WAKTU" against "TARGET WAKTU") is another meaning, not a slip.
    """
    theirs = set(re.split(r"[ /]", synonym))
    differing = [word for word in re.split(r"[ /]", header) if word and word not in theirs]
    return bool(differing) and not any(word in _known_words() for word in differing)
