"""Property tests: generated schedule phrases read back to the periods they were built from."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.schedule import read_schedule
from tests.schedule_labels import expected_period, month_label, window_label

# Spellings written here by hand (not read from the vocabulary file).
MONTH_SPELLINGS = {
    1: ["Januari", "Jan", "Jan."],
    2: ["Februari", "Pebruari", "Feb", "Feb."],
    3: ["Maret", "Mar", "Mrt"],
    4: ["April", "Apr"],
    5: ["Mei"],
    6: ["Juni", "Jun"],
    7: ["Juli", "Jul", "Ju1i"],
    8: ["Agustus", "Agt", "Agu", "Agust", "Ags"],
    9: ["September", "Sep", "Sept", "Sept.", "Septernber"],
    10: ["Oktober", "Okt", "0ktober", "Okt."],
    11: ["November", "Nopember", "Nov", "Nop"],
    12: ["Desember", "Des", "Des.", "Desernber"],
}
RANGE_WORDS = [" - ", "-", " – ", " — ", " s.d. ", " s.d ", " s/d ", " sd ", " sampai dengan ",
               " sampai ", " hingga ", " S.D. "]  # fmt: skip
LIST_WORDS = [", ", " dan ", ", dan ", "; ", " serta ", ",", " & "]
BULLETS = ["- ", "• ", "· "]

plan_years = st.integers(2020, 2030)


@st.composite
def spelled_month(draw, month: int) -> str:
    """A month name in any spelling and any letter case."""
    name = draw(st.sampled_from(MONTH_SPELLINGS[month]))
    case = draw(st.sampled_from([str, str.lower, str.upper, str.title]))
    return case(name)


@st.composite
def spelled_year(draw, year: int) -> str:
    """A year, sometimes with an OCR slip (0 read as O or o)."""
    text = str(year)
    if draw(st.booleans()):
        text = text.replace("0", draw(st.sampled_from(["O", "o"])), 1)
    return text


@st.composite
def month_with_year(draw, year: int, month: int, printed: bool) -> str:
    name = draw(spelled_month(month))
    if not printed:
        return name
    glue = "" if name[-1].isalpha() and draw(st.booleans()) else " "  # "Juni2026"
    return f"{name}{glue}{draw(spelled_year(year))}"


@st.composite
def single_month_phrase(draw):
    plan_year = draw(plan_years)
    printed = draw(st.booleans())
    year = draw(st.integers(plan_year - 1, plan_year + 1)) if printed else plan_year
    month = draw(st.integers(1, 12))
    text = draw(month_with_year(year, month, printed))
    return text, plan_year, [month_label(year, month)]


@st.composite
def range_phrase(draw):
    """A window; the years printed are both, the end's only, or none (SCHEMA carrying)."""
    plan_year = draw(plan_years)
    mode = draw(st.sampled_from(["both", "end", "none"]))
    start_year = plan_year if mode == "none" else draw(st.integers(plan_year - 1, plan_year + 1))
    start_month = draw(st.integers(1, 12))
    length = draw(st.integers(0, 23 if mode == "both" else 11))
    end_index = start_year * 12 + start_month - 1 + length
    end_year, end_month = end_index // 12, end_index % 12 + 1
    first = draw(month_with_year(start_year, start_month, mode == "both"))
    last = draw(month_with_year(end_year, end_month, mode != "none"))
    text = f"{first}{draw(st.sampled_from(RANGE_WORDS))}{last}"
    return text, plan_year, [window_label((start_year, start_month), (end_year, end_month))]


@st.composite
def list_phrase(draw):
    """Distinct months in time order within twelve months; the year printed last, each time, or never."""
    plan_year = draw(plan_years)
    mode = draw(st.sampled_from(["last", "each", "none"]))
    start = (plan_year if mode == "none" else draw(st.integers(plan_year - 1, plan_year + 1))) * 12
    start += draw(st.integers(0, 11))
    offsets = draw(st.lists(st.integers(1, 11), min_size=1, max_size=5, unique=True))
    indexes = [start] + [start + offset for offset in sorted(offsets)]
    months = [(index // 12, index % 12 + 1) for index in indexes]
    names = [
        draw(month_with_year(year, month, mode == "each" or (mode == "last" and i == len(months) - 1)))
        for i, (year, month) in enumerate(months)
    ]
    return _joined(draw, names), plan_year, [month_label(*month) for month in months]


def _joined(draw, names: list[str]) -> str:
    if draw(st.booleans()):
        bullet = draw(st.sampled_from(BULLETS))
        return "\n".join(bullet + name for name in names)
    text = names[0]
    for name in names[1:]:
        text += draw(st.sampled_from(LIST_WORDS)) + name
    return text


@settings(max_examples=400, deadline=None)
@given(st.one_of(single_month_phrase(), range_phrase(), list_phrase()))
def test_generated_phrase_reads_back(case):
    text, plan_year, labels = case
    schedule = read_schedule(text, plan_year)
    assert schedule is not None, f"could not read {text!r}"
    assert list(schedule.periods) == [expected_period(label) for label in labels]
    assert schedule.recurrence is None and schedule.deadline is False


# --- any text made of the vocabulary: never a backwards period, never a stray year --------

VOCABULARY = [
    "Januari", "Jan", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agt", "September",
    "0ktober", "Nopember", "Desember", "Des.", "-", "–", "s.d.", "s/d", "sampai dengan", "hingga",
    ",", "dan", "•", "\n- ", "Per", "Setiap", "Per-bulan", "Tiap", "Triwulan", "TW", "Semester",
    "Tahun", "bulan", "Triwulanan", "Tahunan", "sekali", "minggu", "pertama", "kedua", "ke-",
    "terakhir", "Awal", "Pertengahan", "Akhir", "Paling lambat", "selambat-lambatnya", "(", ")",
    "I", "II", "III", "IV", "V", "1", "2", "3", "5", "7", "12", "15", "29", "31", "dua", "tiga",
    "empat", "enam", "tanggal", "mulai", "dari", "Menyesuaikan", "1)", "2)",
]  # fmt: skip
YEARS = [str(year) for year in range(2015, 2036)]


def _printed_years(text: str) -> set[int]:
    return {int(year) for year in re.findall(r"\d{4}", text)}


@settings(max_examples=1500, deadline=None)
@given(
    words=st.lists(st.sampled_from(VOCABULARY + YEARS), min_size=1, max_size=12),
    glue=st.sampled_from([" ", ""]),
    plan_year=plan_years,
)
def test_vocabulary_text_never_reads_backwards_or_strays(words, glue, plan_year):
    text = glue.join(words)
    schedule = read_schedule(text, plan_year)
    if schedule is None:
        return
    allowed = {plan_year - 1, plan_year, plan_year + 1}
    allowed |= {year + shift for year in _printed_years(text) for shift in (-1, 0, 1)}
    assert schedule.periods
    for period in schedule.periods:
        assert period.start <= period.end
        assert {period.start.year, period.end.year} <= allowed, (text, period)
        assert (period.start, period.end) == (
            expected_period(period.label).start,
            expected_period(period.label).end,
        ), (text, period)
    assert schedule.recurrence in (None, "P1M", "P3M", "P6M", "P1Y")
