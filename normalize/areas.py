"""Printed area labels -> the six area codes of PermenPANRB 90/2021 (vocabulary/data/areas.toml).

A label maps to the area whose longest keyword it holds; failing that, to the area
whose keyword it holds with one OCR slip or misspelling (rapidfuzz partial ratio,
keywords of at least `fuzzy_min_length` letters).  The components printed under a
label vote too: a label its components clearly contradict (an office that printed
area V's name over area VI's components) is mapped by its components, with a finding.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from vocabulary import cached, load


@dataclass(frozen=True)
class AreaReading:
    code: str | None
    by: str  # label | components | none
    label_code: str | None = None  # what the label alone said, when the components overruled it


def _key(text: str) -> str:
    return " " + re.sub(r"[^\w/-]+", " ", text.lower()).strip() + " "


@cached
def _keywords(field: str) -> tuple[tuple[str, str], ...]:
    """(keyword, code), longest first."""
    pairs = [(word, code) for code, words in load("areas")["areas"].items() for word in words.get(field, [])]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _best(text: str, field: str) -> str | None:
    key = _key(text)
    for word, code in _keywords(field):
        if f" {word} " in key or (len(word) > 6 and word in key):
            return code
    if field == "labels":
        return _tolerant(key)
    return None


def _tolerant(key: str) -> str | None:
    """The area of a label keyword the text holds with a slip ("MANAJEMEN PERUBAHAM", "PENATAAN TATA IAKSANA")."""
    settings = load("areas")["matching"]
    scored = [(fuzz.partial_ratio(word, key), len(word), code) for word, code in _keywords("labels")
              if len(word) >= settings["fuzzy_min_length"]]
    best = max(scored, default=(0, 0, None))
    return best[2] if best[0] >= settings["fuzzy_min_score"] else None


def read_area(label: str, components: Iterable[str] = ()) -> AreaReading:
    """The area of a printed label and the components printed under it."""
    by_label = _best(label, "labels") if label.strip() else None
    components = list(components)
    by_components = _component_vote(components)
    if by_label and by_components and _contradicts(by_label, by_components[0], components):
        return AreaReading(by_components[0], "components", by_label)
    if by_label:
        return AreaReading(by_label, "label")
    if by_components:
        return AreaReading(by_components[0], "components")
    return AreaReading(None, "none")


def _contradicts(label_code: str, component_code: str, components: list[str]) -> bool:
    """Do at least two different components name another area, and none the label's?"""
    codes = Counter(_best(component, "components") for component in dict.fromkeys(components))
    return component_code != label_code and codes[label_code] == 0 and codes[component_code] >= 2


def _component_vote(components: list[str]) -> tuple[str, int] | None:
    """The area most components point to and by how many votes it leads; None on a tie or no vote."""
    votes = Counter(c for c in (_best(component, "components") for component in components) if c)
    if not votes:
        return None
    (winner, count), *rest = votes.most_common()
    runner_up = rest[0][1] if rest else 0
    if runner_up == count:
        return None  # a tie is not a reading
    return winner, count - runner_up


def area_code(label: str, components: Iterable[str] = ()) -> str | None:
    """The area code of a printed label, else the code most of its components point to."""
    return read_area(label, components).code


def is_area_label(text: str) -> bool:
    """Is the text word for word one of the areas' printed names (case and punctuation aside)?"""
    key = _key(text)
    return any(key == _key(label) for words in load("areas")["areas"].values() for label in words["labels"])
