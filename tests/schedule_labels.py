"""Schema period labels turned into dates, written independently of normalize/schedule.py."""

from __future__ import annotations

import calendar
import re
from datetime import date

from normalize.records import Period


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _bounds(part: str) -> tuple[date, date]:
    """First and last day named by one side of a label."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", part):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{2})", part):
        year, month = int(m[1]), int(m[2])
        return date(year, month, 1), _month_end(year, month)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", part):
        year, quarter = int(m[1]), int(m[2])
        return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if m := re.fullmatch(r"(\d{4})-H([12])", part):
        year, half = int(m[1]), int(m[2])
        return date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
    if m := re.fullmatch(r"(\d{4})", part):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    raise ValueError(f"not a schema label: {part}")


def expected_period(label: str) -> Period:
    """The period a schema label names: `2026-07`, `2026-Q3`, `2026-08/2026-11`, ..."""
    first, _, last = label.partition("/")
    return Period(_bounds(first)[0], _bounds(last or first)[1], label)


def month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def window_label(start: tuple[int, int], end: tuple[int, int]) -> str:
    """`2026-08/2026-11`, or `2026-08` when both ends are the same month."""
    if start == end:
        return month_label(*start)
    return f"{month_label(*start)}/{month_label(*end)}"
