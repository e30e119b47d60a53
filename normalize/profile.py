"""What a column's cells look like: the content evidence for giving it a role.

Each body cell of a column is classed (numbering, schedule, target, target and time
together, short label, sentence) and the shares become a score per role (0-100),
combined with the header's evidence in normalize/layout.py.  A column of long
sentences names no role by its content: only its header can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from normalize.schedule import read_schedule
from normalize.target_schedule import may_be_schedule, split_target_schedule
from normalize.targets import read_target
from normalize.text import clean

_NUMBERING = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2})*|[A-Za-z]|[IVXLC]{1,6})\s*[.)]?$")
_DIGIT = re.compile(r"\d")  # a target phrase "N unit" has its number in digits
_PERCENT = re.compile(r"^\d{1,3}(?:[.,]\d+)?\s*%?$")
_SAMPLE = 60  # cells looked at per column
_PROFILE_YEAR = 2000  # any year: phrases without one are read in it
_PHRASE_WORDS = 15  # a longer cell is a sentence, no schedule or target phrase


@dataclass(frozen=True)
class ColumnProfile:
    """Shares (0-1) of a column's non-empty body cells, and how full and wordy the column is."""

    cells: int  # non-empty cells looked at
    filled: float  # share of body rows with text in this column
    numbering: float
    schedule: float
    target: float
    target_schedule: float
    percent: float
    median_words: float

    def scores(self) -> dict[str, float]:
        """Content score (0-100) per role this content can tell."""
        if self.cells == 0:
            return {}
        scores = {
            "no": 100 * self.numbering,
            "schedule": 100 * self.schedule,
            "target": 100 * max(self.target - self.schedule, 0.0),
            "target_schedule": 100 * max(self.target_schedule - self.schedule, 0.0),
        }
        if self.filled < 0.6 and self.median_words <= 6 and self.numbering < 0.5 and self.schedule < 0.3:
            scores["component"] = 70 * (1 - self.filled)  # short labels a merged cell prints once
        return scores


def profile_column(texts: list[str]) -> ColumnProfile:
    """The profile of one column from its body cells (empty ones included, in printed order)."""
    cells = [clean(t) for t in texts[:_SAMPLE]]
    raw = [t for t in texts[:_SAMPLE] if clean(t)]
    full = [c for c in cells if c]
    if not full:
        return ColumnProfile(0, 0.0, 0, 0, 0, 0, 0, 0)
    share = lambda hits: sum(hits) / len(full)  # noqa: E731
    return ColumnProfile(
        cells=len(full),
        filled=len(full) / len(cells),
        numbering=share(bool(_NUMBERING.match(c)) for c in full),
        schedule=share(len(c.split()) <= _PHRASE_WORDS and may_be_schedule(c)
                       and read_schedule(c, _PROFILE_YEAR) is not None for c in full),
        target=share(len(c.split()) <= _PHRASE_WORDS and bool(_DIGIT.search(c)) and _is_target(c) for c in full),
        target_schedule=share(may_be_schedule(t) and _is_target_and_time(t) for t in raw),
        percent=share(bool(_PERCENT.match(c)) for c in full),
        median_words=median(len(c.split()) for c in full),
    )


def _is_target(text: str) -> bool:
    reading = read_target(text)
    return reading.target is not None and reading.target.quantity is not None and bool(reading.target.unit)


def _is_target_and_time(text: str) -> bool:
    split = split_target_schedule(text, _PROFILE_YEAR)
    return split.split and bool(split.schedule_text) and bool(split.target_text) and _is_target(split.target_text or "")
