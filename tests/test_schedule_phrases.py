"""Golden TARGET WAKTU phrases (tests/data/schedule_phrases.toml) read into periods."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from normalize.findings import Severity
from normalize.schedule import read_schedule, schedule_unparsed_finding
from tests.schedule_labels import expected_period

DATA = Path(__file__).parent / "data" / "schedule_phrases.toml"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
CASES = tomllib.loads(DATA.read_text("utf-8"))["cases"]


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
