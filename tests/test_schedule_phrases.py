"""Golden TARGET WAKTU phrases (tests/data/schedule_phrases.toml) read into periods."""

from __future__ import annotations

import calendar
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from normalize.findings import Severity
from normalize.records import Period
from normalize.schedule import read_schedule, schedule_unparsed_finding

DATA = Path(__file__).parent / "data" / "schedule_phrases.toml"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
CASES = tomllib.loads(DATA.read_text("utf-8"))["cases"]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _bounds(part: str) -> tuple[date, date]:
    """First and last day named by one side of a label (written independently of the code)."""
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
    raise ValueError(f"bad label in golden table: {part}")


def expected_period(label: str) -> Period:
    first, _, last = label.partition("/")
    start = _bounds(first)[0]
    end = _bounds(last or first)[1]
    return Period(start, end, label)


def _case_id(case: dict) -> str:
    return repr(case["text"])[:60]


def test_golden_table_is_large_enough():
    rejected = [case for case in CASES if not case["periods"]]
    assert len(CASES) >= 120
    assert len(rejected) >= 20


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_phrase(case):
    schedule = read_schedule(case["text"], case.get("plan_year", 2026))
    if not case["periods"]:
        assert schedule is None
        return
    assert schedule is not None, f"could not read {case['text']!r}"
    assert list(schedule.periods) == [expected_period(label) for label in case["periods"]]
    assert schedule.recurrence == case.get("recurrence")
    assert schedule.deadline == case.get("deadline", False)


def _seed_schedule_cells(path: Path) -> set[str]:
    """TARGET WAKTU cells of a seed matrix (tab-separated rows under a header naming it)."""
    column, cells = None, set()
    for line in path.read_text("utf-8").splitlines():
        row = line.split("\t")
        headers = [i for i, cell in enumerate(row) if cell.startswith("TARGET WAKTU")]
        if headers:
            column = headers[0]
            continue
        if column is None or len(row) <= column:
            continue
        cell = row[column].strip()
        if cell and not re.fullmatch(r"\(?\d+\)?", cell):  # column-number rows
            cells.add(cell)
    return cells


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_golden_table_covers_every_seed_phrase(seed):
    golden = {case["text"] for case in CASES}
    cells = _seed_schedule_cells(seed)
    assert cells, "no TARGET WAKTU column found"
    assert cells - golden == set()


def test_schema_example_dates_are_exact():
    schedule = read_schedule("Per Triwulan (minggu pertama bulan April, Juli, Oktober dan Januari 2027)", 2026)
    assert [(p.start, p.end) for p in schedule.periods] == [
        (date(2026, 4, 1), date(2026, 4, 7)),
        (date(2026, 7, 1), date(2026, 7, 7)),
        (date(2026, 10, 1), date(2026, 10, 7)),
        (date(2027, 1, 1), date(2027, 1, 7)),
    ]
    semester = read_schedule("Per Semester", 2026)
    assert [(p.start, p.end) for p in semester.periods] == [
        (date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 12, 31)),
    ]
    assert semester.start == date(2026, 1, 1) and semester.end == date(2026, 12, 31)


def test_unparsed_finding_quotes_the_phrase():
    finding = schedule_unparsed_finding("Sesuai jadwal", 2026)
    assert finding.code == "schedule_unparsed"
    assert finding.severity is Severity.WARNING
    assert '"Sesuai jadwal"' in finding.message
    assert finding.item_no is None and finding.page is None
