"""Read a TARGET WAKTU phrase into the periods of docs/SCHEMA.md (section Schedules).

Three steps: `schedule_tokens.tokenize` turns the text into typed tokens, a small
recursive-descent grammar (`_Grammar`) turns tokens into calendar points, and
`_build` gives the points their years and turns them into periods.

    phrase     := [DEADLINE] [recurrence] items [recurrence]
    recurrence := RECUR | EVERY [PART] [count] UNIT | count UNIT ONCE
    items      := item ((LIST | after a year) item)*
    item       := [FROM] point [RANGE point]
    point      := [PART | week] ["bulan"] MONTH [year] | [DAY] day MONTH [year]
                | UNIT(triwulan|semester) number [year] | number | year
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import cast

from normalize.findings import Finding, Severity
from normalize.records import Period, Schedule
from normalize.schedule_tokens import Kind, ScheduleUnreadable, Token, tokenize
from normalize.time_words import time_words

__all__ = [
    "ScheduleUnreadable",
    "parse_schedule",
    "read_schedule",
    "schedule_unparsed_finding",
]

_QUARTER_MONTHS = 3
_HALF_MONTHS = 6
_YEAR_MONTHS = 12


def read_schedule(text: str, plan_year: int) -> Schedule | None:
    """The periods of a TARGET WAKTU phrase; None when it cannot be read without guessing."""
    return _read_cached(text, plan_year)


@lru_cache(maxsize=65536)
def _read_cached(text: str, plan_year: int) -> Schedule | None:
    try:
        return parse_schedule(text, plan_year)
    except ScheduleUnreadable:
        return None


def parse_schedule(text: str, plan_year: int) -> Schedule:
    """The periods of a TARGET WAKTU phrase; ScheduleUnreadable (with the reason) if unreadable."""
    phrase = _Grammar(tokenize(text)).phrase()
    return _build(phrase, plan_year)


def schedule_unparsed_finding(text: str, plan_year: int) -> Finding:
    """The `schedule_unparsed` finding for a phrase read_schedule rejected."""
    try:
        parse_schedule(text, plan_year)
        reason = "it was read"
    except ScheduleUnreadable as error:
        reason = str(error)
    return Finding(
        "schedule_unparsed",
        Severity.WARNING,
        f'TARGET WAKTU "{text}" could not be read into periods ({reason}); '
        "schedule fields left empty.",
    )


# --- points: what a phrase names before years are known ------------------------


@dataclass(frozen=True, slots=True)
class _Point:
    """One calendar point as printed: a month (maybe a week or day of it), quarter, half or year."""

    kind: str  # month | quarter | half | year
    number: int  # month 1-12, quarter 1-4, half 1-2; a year point's own year
    year: int | None = None  # the year printed with it
    week: int | None = None  # 1-5, -1 = last week
    day: int | None = None

    def span(self, year: int) -> tuple[date, date]:
        """The first and last day of this point in `year`."""
        if self.kind == "quarter":
            return _month_span(year, self.number * 3 - 2, _QUARTER_MONTHS)
        if self.kind == "half":
            return _month_span(year, self.number * 6 - 5, _HALF_MONTHS)
        if self.kind == "year":
            return _month_span(year, 1, _YEAR_MONTHS)
        return self._days_of_month(year)

    def label(self, year: int) -> str:
        """The schema label of this point in `year`."""
        if self.kind == "quarter":
            return f"{year}-Q{self.number}"
        if self.kind == "half":
            return f"{year}-H{self.number}"
        if self.kind == "year":
            return str(year)
        return _span_label(*self.span(year))

    def _days_of_month(self, year: int) -> tuple[date, date]:
        last_day = _days_in_month(year, self.number)
        first, last = 1, last_day
        if self.day is not None:
            first = last = self.day
        elif self.week == -1:
            first = last_day - 6
        elif self.week is not None:
            first, last = 7 * self.week - 6, min(7 * self.week, last_day)
        if first > last_day:
            raise ScheduleUnreadable(f"day {first} is past the end of month {self.number}")
        return date(year, self.number, first), date(year, self.number, last)


_Item = tuple[_Point, ...]  # one point, or the two ends of a window


@dataclass(frozen=True, slots=True)
class _Phrase:
    items: tuple[_Item, ...]
    recurrence_months: int | None
    deadline: bool


# --- grammar: tokens -> points --------------------------------------------------


class _Grammar:
    """Recursive-descent reading of one phrase's tokens."""

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.tokens = (*tokens, _END)  # the end sentinel spares bounds checks
        self.at = 0

    def phrase(self) -> _Phrase:
        """The whole phrase; ScheduleUnreadable if any token is left over."""
        self._skip_lists()
        deadline = self._take(Kind.DEADLINE) is not None
        recurrence = self._recurrence()
        items = self._items()
        if recurrence is None:
            recurrence = self._recurrence()
        self._skip_lists()
        if self.tokens[self.at] is not _END:
            raise ScheduleUnreadable(f"unexpected {self.tokens[self.at].text!r}")
        if not items and recurrence is None:
            raise ScheduleUnreadable("no period named")
        return _Phrase(tuple(items), recurrence, deadline)

    # recurrence ---------------------------------------------------------------

    def _recurrence(self) -> int | None:
        """Length in months of a recurrence ("Per Triwulan" = 3), or None if none here."""
        one_word = self._take(Kind.RECUR)
        if one_word is not None:
            return one_word.number
        start = self.at
        months = self._every_unit() or self._unit_once()
        if months is None:
            self.at = start
        return months

    def _every_unit(self) -> int | None:
        """ "Per Triwulan", "Setiap 3 (tiga) bulan", "Setiap akhir bulan" (the whole unit)."""
        if self._take(Kind.EVERY) is None:
            return None
        self._take(Kind.PART)
        count = self._count() or 1
        unit = self._take(Kind.UNIT)
        return count * unit.number if unit else None

    def _unit_once(self) -> int | None:
        count = self._count()
        unit = self._take(Kind.UNIT) if count else None
        if count is None or unit is None or self._take(Kind.ONCE) is None:
            return None
        return count * unit.number

    def _count(self) -> int | None:
        """A number in digits, words, or digits confirmed by words ("3 (tiga)")."""
        token = self._take(Kind.NUM, Kind.NUMWORD)
        if token is None:
            return None
        words = self._take(Kind.NUMWORD) if token.kind is Kind.NUM else None
        if words is not None and words.value != token.value:
            raise ScheduleUnreadable(f"{token.text} and {words.text!r} disagree")
        return token.number

    # items --------------------------------------------------------------------

    def _items(self) -> list[_Item]:
        items: list[_Item] = []
        side_by_side = False
        while self._starts_point():
            previous = items[-1][-1] if items else None
            items.append(self._item(previous))
            if side_by_side and not self._after_year():
                raise ScheduleUnreadable("points side by side without a separator")
            if self._skip_lists():
                side_by_side = False
            elif self._after_year():
                side_by_side = True
            else:
                break
        return items

    def _item(self, previous: _Point | None) -> _Item:
        opened = self._take(Kind.FROM) is not None
        first = self._point(previous, carry_week=True)
        if self._take(Kind.RANGE) is None:
            if opened:
                raise ScheduleUnreadable("a start ('mulai', 'dari') without an end")
            if first.kind == "day":
                raise ScheduleUnreadable(f"day {first.number} without a month")
            return (first,)
        last = self._point(first, carry_week=False)
        if first.kind == "day":
            first = _day_of(first, last)
        return (first, last)

    def _point(self, previous: _Point | None, carry_week: bool) -> _Point:
        """One calendar point; `previous` lends its unit to a bare number, its week to a month."""
        token = self._peek()
        if token is _END:
            raise ScheduleUnreadable("phrase ends where a period should be")
        if token.kind is Kind.UNIT and token.value in (_QUARTER_MONTHS, _HALF_MONTHS):
            return self._quarter_or_half()
        if token.kind is Kind.YEAR or token.kind is Kind.UNIT and token.value == _YEAR_MONTHS:
            year = self._year()
            return _Point("year", year, year)
        if token.kind in (Kind.NUM, Kind.NUMWORD, Kind.DAY) and self._names_day():
            return self._day_point()
        if token.kind in _NUMBER_KINDS:
            return self._bare_number(previous)
        week = previous.week if carry_week and previous and previous.kind == "month" else None
        return self._month_point(week)

    def _quarter_or_half(self) -> _Point:
        unit = self._take(Kind.UNIT)
        if unit is None:
            raise ScheduleUnreadable("a quarter or half without its word")
        kind = "quarter" if unit.value == _QUARTER_MONTHS else "half"
        number = self._ordinal()
        if number is None:
            raise ScheduleUnreadable(f"{unit.text!r} without a number")
        return _checked_point(_Point(kind, number, self._optional_year()))

    def _bare_number(self, previous: _Point | None) -> _Point:
        """A number after a quarter or half names another of the same ("Triwulan I dan II")."""
        number = self._ordinal()
        if number is None:
            raise ScheduleUnreadable(f"expected a number at {self._peek_text()!r}")
        if previous is None or previous.kind not in ("quarter", "half"):
            raise ScheduleUnreadable(f"number {number} without a unit")
        return _checked_point(_Point(previous.kind, number, self._optional_year()))

    def _day_point(self) -> _Point:
        self._take(Kind.DAY)
        day = self._count()
        if day is None:
            raise ScheduleUnreadable(f"expected a day at {self._peek_text()!r}")
        if self._peek_kind() is Kind.RANGE:
            return _Point("day", day)
        month = self._take(Kind.MONTH)
        if month is None:
            raise ScheduleUnreadable(f"day {day} without a month")
        return _checked_point(_Point("month", month.number, self._optional_year(), day=day))

    def _month_point(self, carried_week: int | None) -> _Point:
        week = self._week()
        if week is None and self._take(Kind.PART) is None:
            week = carried_week
        self._take_unit(1)  # "bulan April"
        month = self._take(Kind.MONTH)
        if month is None:
            raise ScheduleUnreadable(f"expected a month at {self._peek_text()!r}")
        return _checked_point(_Point("month", month.number, self._optional_year(), week=week))

    def _week(self) -> int | None:
        """The week named by "minggu pertama", "minggu ke-2", "minggu terakhir"; None if none."""
        if self._take(Kind.WEEK) is None:
            return None
        part = self._take(Kind.PART)
        if part is not None and part.value == "end":
            return -1
        week = self._ordinal()
        if week is None or not (week == -1 or 1 <= week <= 5):
            raise ScheduleUnreadable("a week without a valid number")
        return week

    def _ordinal(self) -> int | None:
        """A number naming the n-th unit: I, 1, satu, pertama, ke-2."""
        self._take(Kind.ORD_PREFIX)
        token = self._peek()
        if token.kind not in _NUMBER_VALUE_KINDS:
            return None
        if token.kind in (Kind.NUM, Kind.NUMWORD):
            return self._count()
        self.at += 1
        return token.number

    def _optional_year(self) -> int | None:
        has_year_word = self._peek_kind() is Kind.UNIT and self._peek().value == _YEAR_MONTHS
        if self._peek_kind() is Kind.YEAR or has_year_word:
            return self._year()
        return None

    def _year(self) -> int:
        self._take_unit(_YEAR_MONTHS)  # "Tahun 2026"
        year = self._take(Kind.YEAR)
        if year is None:
            raise ScheduleUnreadable("'tahun' without a year")
        return year.number

    # token helpers ------------------------------------------------------------

    def _names_day(self) -> bool:
        """Whether the tokens ahead are a day of a month: [tanggal] N [(words)] MONTH | N - ..."""
        ahead = [t.kind for t in self.tokens[self.at : self.at + 4]]
        if ahead and ahead[0] is Kind.DAY:
            return True
        if len(ahead) > 1 and ahead[0] is Kind.NUM and ahead[1] is Kind.NUMWORD:
            ahead = ahead[1:]
        return len(ahead) > 1 and ahead[1] in (Kind.MONTH, Kind.RANGE)

    def _starts_point(self) -> bool:
        return self._peek_kind() in _POINT_STARTS

    def _after_year(self) -> bool:
        """Whether the last point closed with its year: points side by side are a list only
        when each has its year ("Januari 2026 Juli 2026")."""
        return self.at > 0 and self.tokens[self.at - 1].kind is Kind.YEAR

    def _skip_lists(self) -> bool:
        skipped = False
        while self._take(Kind.LIST) is not None:
            skipped = True
        return skipped

    def _take_unit(self, months: int) -> None:
        if self._peek_kind() is Kind.UNIT and self._peek().value == months:
            self.at += 1

    def _take(self, *kinds: Kind) -> Token | None:
        token = self.tokens[self.at]
        if token.kind in kinds:
            self.at += 1
            return token
        return None

    def _peek(self) -> Token:
        return self.tokens[self.at]

    def _peek_kind(self) -> Kind:
        return self.tokens[self.at].kind

    def _peek_text(self) -> str:
        return self.tokens[self.at].text


_END = Token(Kind.NOISE, None, "end of phrase")
_NUMBER_VALUE_KINDS = frozenset({Kind.NUM, Kind.NUMWORD, Kind.ROMAN, Kind.ORD})
_NUMBER_KINDS = _NUMBER_VALUE_KINDS | {Kind.ORD_PREFIX}
_POINT_STARTS = _NUMBER_KINDS | {
    Kind.MONTH, Kind.YEAR, Kind.UNIT, Kind.WEEK, Kind.PART, Kind.DAY, Kind.FROM
}  # fmt: skip
_POINT_LIMITS = {"month": 12, "quarter": 4, "half": 2}


def _checked_point(point: _Point) -> _Point:
    if not 1 <= point.number <= _POINT_LIMITS[point.kind]:
        raise ScheduleUnreadable(f"there is no {point.kind} {point.number}")
    if point.day is not None and not 1 <= point.day <= 31:
        raise ScheduleUnreadable(f"there is no day {point.day}")
    return point


def _day_of(day: _Point, end: _Point) -> _Point:
    """A bare start day ("1 - 7 April") takes the month and year of the window's end."""
    if end.kind != "month" or end.day is None:
        raise ScheduleUnreadable(f"day {day.number} without a month")
    return _checked_point(_Point("month", end.number, end.year, day=day.number))


# --- build: points -> periods --------------------------------------------------


def _build(phrase: _Phrase, plan_year: int) -> Schedule:
    points = [point for item in phrase.items for point in item]
    years = _resolve_years(points, plan_year)
    _check_years(points, years, plan_year)
    dated = _dated_items(phrase.items, years)
    recurrence = _recurrence_code(phrase.recurrence_months)
    if recurrence is None or phrase.recurrence_months is None:
        periods = [_item_period(item) for item in dated]
    else:
        periods = _recurring_periods(dated, phrase.recurrence_months, plan_year)
    return Schedule(tuple(periods), recurrence, phrase.deadline)


def _recurrence_code(months: int | None) -> str | None:
    if months is None:
        return None
    code = time_words().recurrence_periods.get(months)
    if code is None:
        raise ScheduleUnreadable(f"no recurrence of {months} months in the schema")
    return code


# years --------------------------------------------------------------------------


def _resolve_years(points: list[_Point], plan_year: int) -> list[int]:
    """Each point's year: printed, else carried from the nearest printed year (SCHEMA)."""
    if not points:
        return []
    years: list[int | None] = [point.year for point in points]
    anchors = [i for i, year in enumerate(years) if year is not None]
    if not anchors:
        years[0], anchors = plan_year, [0]
    for i in range(anchors[-1] - 1, -1, -1):
        if years[i] is None:
            years[i] = _year_before(points[i], points[i + 1], cast(int, years[i + 1]))  # filled from the anchor down
    for i in range(anchors[-1] + 1, len(points)):
        years[i] = _year_after(points[i], points[i - 1], cast(int, years[i - 1]))
    return cast(list[int], years)


def _year_before(point: _Point, following: _Point, following_year: int) -> int:
    """The latest year that keeps `point` no later than the point after it."""
    limit = following.span(following_year)[0]
    year = following_year
    return year if point.span(year)[0] <= limit else year - 1


def _year_after(point: _Point, previous: _Point, previous_year: int) -> int:
    """The earliest year that keeps `point` no earlier than the point before it."""
    limit = previous.span(previous_year)[0]
    year = previous_year
    return year if point.span(year)[0] >= limit else year + 1


def _check_years(points: list[_Point], years: list[int], plan_year: int) -> None:
    """No carried year strays beyond one year of the plan year or of a printed year."""
    printed = {point.year for point in points if point.year is not None}
    allowed = {plan_year + shift for shift in (-1, 0, 1)}
    allowed |= {year + shift for year in printed for shift in (-1, 0, 1)}
    for year in years:
        if year not in allowed:
            raise ScheduleUnreadable(f"the list runs into {year}, a year nobody printed")


# periods ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Dated:
    """An item with its years: its span and the label it gets as printed."""

    start: date
    end: date
    label: str
    is_window: bool
    is_year: bool


def _dated_items(items: tuple[_Item, ...], years: list[int]) -> list[_Dated]:
    dated: list[_Dated] = []
    at = 0
    for item in items:
        dated.append(_dated(item, years[at : at + len(item)]))
        at += len(item)
    return dated


def _dated(item: _Item, years: list[int]) -> _Dated:
    first_start, first_end = item[0].span(years[0])
    if len(item) == 1:
        is_year = item[0].kind == "year"
        return _Dated(first_start, first_end, item[0].label(years[0]), False, is_year)
    if item[0].kind == "year" or item[1].kind == "year":
        raise ScheduleUnreadable("a window cannot end at a bare year")
    last_end = item[1].span(years[1])[1]
    if last_end < first_start:
        raise ScheduleUnreadable("the window ends before it starts")
    return _Dated(first_start, last_end, _span_label(first_start, last_end), True, False)


def _item_period(item: _Dated) -> Period:
    if item.is_year:
        raise ScheduleUnreadable("a year alone is not a schedule")
    return Period(item.start, item.end, item.label)


def _recurring_periods(items: list[_Dated], months: int, plan_year: int) -> list[Period]:
    """The periods of a recurrence: its window cut into units, or each printed point."""
    if not items:
        return _cut(date(plan_year, 1, 1), date(plan_year, 12, 31), months)
    periods: list[Period] = []
    for item in items:
        longer = _months_between(item.start, item.end) > months
        if (longer or item.is_window) and _whole_months(item.start, item.end):
            periods.extend(_cut(item.start, item.end, months))
        elif longer:
            raise ScheduleUnreadable("a recurrence window that does not start and end on months")
        else:
            periods.append(Period(item.start, item.end, item.label))
    return periods


def _cut(start: date, end: date, months: int) -> list[Period]:
    """Whole-month window cut into consecutive pieces of `months` from its start."""
    index, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    periods = []
    while index <= last:
        length = min(months, last - index + 1)
        first, final = _month_span(index // 12, index % 12 + 1, length)
        periods.append(Period(first, final, _calendar_label(first, final)))
        index += months
    return periods


# dates and labels ----------------------------------------------------------------


def _month_span(year: int, month: int, length: int) -> tuple[date, date]:
    """First and last day of `length` months starting at `month` of `year`."""
    last_index = year * 12 + month - 1 + length - 1
    last_year, last_month = divmod(last_index, 12)
    last_day = _days_in_month(last_year, last_month + 1)
    return date(year, month, 1), date(last_year, last_month + 1, last_day)


@lru_cache(maxsize=4096)
def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end.day == _days_in_month(end.year, end.month)


def _span_label(start: date, end: date) -> str:
    """`2026-07`, `2026-08/2026-11`, `2026-04-01/2026-04-07` or `2026-01-21`."""
    if _whole_months(start, end):
        if (start.year, start.month) == (end.year, end.month):
            return _month_text(start)
        return f"{_month_text(start)}/{_month_text(end)}"
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _calendar_label(start: date, end: date) -> str:
    """A whole-month span named as the calendar quarter, half or year it is, if it is one."""
    months = _months_between(start, end)
    if months == _QUARTER_MONTHS and start.month % 3 == 1:
        return f"{start.year}-Q{start.month // 3 + 1}"
    if months == _HALF_MONTHS and start.month in (1, 7):
        return f"{start.year}-H{start.month // 6 + 1}"
    if months == _YEAR_MONTHS and start.month == 1:
        return str(start.year)
    return _span_label(start, end)
