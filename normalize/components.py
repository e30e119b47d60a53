"""Printed components -> the official PermenPANRB 90/2021 components (`component_code`).

The official list is data (normalize/data/components.toml, its source cited there).  An
item's printed component is matched, within the item's area, against each official
component's name and aliases: abbreviations are written out first (SOP, SPBE, E-Office,
...), words that carry no meaning dropped, then rapidfuzz's token-set ratio scores the
wordings, tolerant of word order, extra words and misspellings.  When the printed
component gives nothing, the action is tried the same way, more strictly; failing both, the
printed component is matched against every area's components, and a match there is kept
with a `component_area_mismatch` warning (the area or the component was misread).  A match
must be close and clearly better than the next component's; otherwise the code stays null
and the item gets a `component_unmapped` info finding: never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from normalize.findings import Finding, Severity
from normalize.records import ActionItem
from normalize.vocabulary import load

COMPONENT_SCORE = 85.0  # a printed component this close to an official wording maps to it
ACTION_SCORE = 95.0  # an action must (almost) contain the official wording
MARGIN = 5.0  # ... and beat every other component by this much


@dataclass(frozen=True)
class Component:
    """One official component of an area of change."""

    code: str  # <area_code>.<slug>
    area_code: str
    name: str  # the regulation's wording
    aliases: tuple[str, ...] = ()


@cache
def official_components() -> tuple[Component, ...]:
    """The official components of the six areas, in the regulation's order."""
    return tuple(Component(entry["code"], entry["area"], entry["name"], tuple(entry.get("aliases", ())))
                 for entry in load("components")["components"])


def assign_components(items: Iterable[ActionItem]) -> list[Finding]:
    """Set every item's component_code; a finding for every item left null or read under another area."""
    findings = []
    for item in items:
        item.component_code = component_code(item.component, item.action, item.area_code)
        if item.component_code is None and item.area_code is not None:
            item.component_code = _best(item.component, None, COMPONENT_SCORE)
            if item.component_code is not None:
                findings.append(Finding(
                    "component_area_mismatch", Severity.WARNING,
                    f"component '{_short(item.component)}' is the official {item.component_code}, but the item "
                    f"was read under area {item.area_code}: the area or the component is misread",
                    item.item_no, item.page_start))
                continue
        if item.component_code is None:
            findings.append(Finding(
                "component_unmapped", Severity.INFO,
                f"component '{_short(item.component)}' (action '{_short(item.action)}') is near no official "
                f"PermenPANRB 90/2021 component of {item.area_code or 'any area'}: component_code left null",
                item.item_no, item.page_start))
    return findings


def component_code(component: str, action: str = "", area_code: str | None = None) -> str | None:
    """The official component a printed component (failing that, its action) plans for; None when none is near."""
    return (_best(component, area_code, COMPONENT_SCORE)
            or _best(action, area_code, ACTION_SCORE))


@cache
def _best(text: str, area_code: str | None, threshold: float) -> str | None:
    words = _key(text)
    if not words:
        return None
    scores = sorted(((max(fuzz.token_set_ratio(words, alias) for alias in _wordings(component)), component.code)
                     for component in official_components()
                     if area_code is None or component.area_code == area_code), reverse=True)
    if not scores or scores[0][0] < threshold:
        return None
    if len(scores) > 1 and scores[0][0] - scores[1][0] < MARGIN:
        return None  # two components fit as well: not a reading
    return scores[0][1]


@cache
def _wordings(component: Component) -> tuple[str, ...]:
    return tuple(key for key in (_key(text) for text in (component.name, *component.aliases)) if key)


@cache
def _key(text: str) -> str:
    """Lower case, abbreviations written out, punctuation and meaningless words dropped."""
    vocabulary = load("components")
    abbreviations, stopwords = vocabulary["abbreviations"], set(vocabulary["stopwords"])
    tokens = re.findall(r"\w+(?:-\w+)*", text.lower())
    expanded = " ".join(abbreviations.get(token, token) for token in tokens)
    return " ".join(word for word in re.findall(r"\w+", expanded) if word not in stopwords)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
