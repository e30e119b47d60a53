"""Printed area labels -> the six area codes of PermenPANRB 90/2021."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from normalize.vocabulary import load


def _key(text: str) -> str:
    return " " + re.sub(r"[^\w/-]+", " ", text.lower()).strip() + " "


def _best(text: str, field: str) -> str | None:
    key = _key(text)
    best_code, best_len = None, 0
    for code, words in load("areas")["areas"].items():
        for word in words[field]:
            if (f" {word} " in key or (len(word) > 6 and word in key)) and len(word) > best_len:
                best_code, best_len = code, len(word)
    return best_code


def area_code(label: str, components: Iterable[str] = ()) -> str | None:
    """The area code of a printed label, else the code most of its components point to."""
    code = _best(label, "labels")
    if code:
        return code
    votes = Counter(c for c in (_best(component, "components") for component in components) if c)
    if not votes:
        return None
    (winner, count), *rest = votes.most_common()
    if rest and rest[0][1] == count:
        return None  # a tie is not a reading
    return winner


def is_area_label(text: str) -> bool:
    """Is the text word for word one of the areas' printed names (case and punctuation aside)?"""
    key = _key(text)
    return any(key == _key(label) for words in load("areas")["areas"].values() for label in words["labels"])
