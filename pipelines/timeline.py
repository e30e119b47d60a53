"""An item's schedule periods laid over the twelve months of the plan year."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

MONTH_ABBREVIATIONS = tuple(calendar.month_abbr[1:])


@dataclass(frozen=True)
class Span:
    """One schedule period as the timeline sees it."""

    start: date
    end: date
    label: str


@dataclass
class Timeline:
    """Month cells of the plan year: "full", "part" (some days of the month) or "" (none)."""

    year: int
    months: list[str]
    month_labels: list[list[str]]
    before: list[str] = field(default_factory=list)  # labels of periods starting before the plan year
    after: list[str] = field(default_factory=list)  # labels of periods ending after it

    @property
    def empty(self) -> bool:
        return not (any(self.months) or self.before or self.after)


def timeline(periods: Iterable[Span], year: int) -> Timeline:
    """Shade the months of `year` each period covers; note the periods that reach outside it."""
    months = [""] * 12
    labels: list[list[str]] = [[] for _ in range(12)]
    before, after = [], []
    for period in periods:
        if period.start < date(year, 1, 1):
            before.append(period.label)
        if period.end > date(year, 12, 31):
            after.append(period.label)
        for month in range(1, 13):
            first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
            overlap_start, overlap_end = max(first, period.start), min(last, period.end)
            if overlap_start > overlap_end:
                continue
            whole = overlap_start == first and overlap_end == last
            if whole or months[month - 1] != "full":
                months[month - 1] = "full" if whole else "part"
            labels[month - 1].append(period.label)
    return Timeline(year, months, labels, before, after)
