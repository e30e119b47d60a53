"""Benchmark: TARGET WAKTU phrases per second through normalize.schedule, and dateparser for comparison.

Run from the repository root:  python bench/bench_schedule.py [--phrases 100000] [--dateparser-sample 2000]

The phrases are drawn (fixed seed) from a realistic mix: the seeds' own phrases by
frequency, single months, windows, lists, recurrences, quarters/halves, weeks, days,
deadlines and phrases that must be rejected, each in the spelling variants decrees
show (case, abbreviations, OCR slips).  Every phrase carries the labels it should
read to, so both readers are scored for correctness too.  Rates are phrases per CPU
second of this single-threaded process (time.process_time), so other load on the
machine does not distort them.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from normalize.schedule import ScheduleUnreadable, _read_cached, parse_schedule, read_schedule

PLAN_YEAR = 2026
Phrase = tuple[str, tuple[str, ...] | None]  # text, expected labels (None = must be rejected)

SEED_PHRASES: list[tuple[str, tuple[str, ...] | None, int]] = [
    ("Januari s.d. Desember 2026", ("2026-01/2026-12",), 15),
    ("Per Semester", ("2026-H1", "2026-H2"), 14),
    ("Januari - Desember 2026", ("2026-01/2026-12",), 13),
    ("Januari 2026", ("2026-01",), 15),
    ("Januari s.d. Februari 2026", ("2026-01/2026-02",), 10),
    ("Per Triwulan", ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"), 8),
    ("November 2026", ("2026-11",), 7),
    ("Desember 2026", ("2026-12",), 6),
    ("Oktober 2026", ("2026-10",), 4),
    ("Agustus 2026", ("2026-08",), 4),
    ("Februari 2026", ("2026-02",), 4),
    ("Juli 2026", ("2026-07",), 3),
    ("April 2026", ("2026-04",), 3),
    ("September 2026", ("2026-09",), 3),
    ("Januari - Februari 2026", ("2026-01/2026-02",), 3),
    ("Agustus - November 2026", ("2026-08/2026-11",), 2),
    ("Februari - Desember 2026", ("2026-02/2026-12",), 2),
    ("Agustus - Oktober 2026", ("2026-08/2026-10",), 2),
    ("Oktober, Desember 2026", ("2026-10", "2026-12"), 2),
    ("November dan Desember 2026", ("2026-11", "2026-12"), 1),
    ("Per-bulan (November - Desember 2026)", ("2026-11", "2026-12"), 1),
    ("Paling lambat September - Oktober 2026", ("2026-09/2026-10",), 1),
    ("Oktober, November, Desember 2026", ("2026-10", "2026-11", "2026-12"), 1),
    ("Semester II Tahun 2026", ("2026-H2",), 1),
    ("Per Tahun", ("2026",), 1),
    ("Januari s.d. Maret 2026", ("2026-01/2026-03",), 1),
    (
        "Per Triwulan (minggu pertama bulan April, Juli, Oktober dan Januari 2027)",
        ("2026-04-01/2026-04-07", "2026-07-01/2026-07-07", "2026-10-01/2026-10-07",
         "2027-01-01/2027-01-07"),
        1,
    ),  # fmt: skip
]

MONTHS = {
    1: ["Januari", "Jan"], 2: ["Februari", "Pebruari", "Feb"], 3: ["Maret", "Mar"],
    4: ["April", "Apr"], 5: ["Mei"], 6: ["Juni", "Jun"], 7: ["Juli", "Jul", "Ju1i"],
    8: ["Agustus", "Agt", "Agu", "Agust"], 9: ["September", "Sep", "Sept."],
    10: ["Oktober", "Okt", "0ktober"], 11: ["November", "Nopember", "Nov"],
    12: ["Desember", "Des", "Des."],
}  # fmt: skip
RANGES = [" - ", " s.d. ", " s/d ", " sampai dengan ", " – ", "-", " hingga "]
LISTS = [", ", " dan ", "; "]
ROMAN = ["I", "II", "III", "IV"]
REJECTS = ["Menyesuaikan", "Sesuai jadwal", "-", "TBD", "2026", "", "Tahun 2026", "Setiap hari",
           "Insidentil", "Sesuai kebutuhan", "Kondisional", "Juli 2026 atau Agustus 2026"]  # fmt: skip
RECURRENCES = {
    "P1M": ["Per bulan", "Setiap bulan", "Tiap Bulan", "Bulanan", "Per-bulan"],
    "P3M": ["Per Triwulan", "Setiap Triwulan", "Triwulanan"],
    "P6M": ["Per Semester", "Setiap Semester", "Semesteran"],
    "P1Y": ["Per Tahun", "Tahunan", "Setiap Tahun"],
}


def _month(rng: random.Random, month: int) -> str:
    name = rng.choice(MONTHS[month])
    return rng.choice([name, name, name.upper(), name.lower()])


def _label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def single_month(rng: random.Random) -> Phrase:
    month = rng.randint(1, 12)
    if rng.random() < 0.2:
        return _month(rng, month), (_label(PLAN_YEAR, month),)
    year = rng.choice([PLAN_YEAR, PLAN_YEAR, PLAN_YEAR + 1])
    return f"{_month(rng, month)} {year}", (_label(year, month),)


def window(rng: random.Random) -> Phrase:
    start = rng.randint(1, 12)
    length = rng.randint(1, 11)
    end_index = PLAN_YEAR * 12 + start - 1 + length
    end_year, end = end_index // 12, end_index % 12 + 1
    text = f"{_month(rng, start)}{rng.choice(RANGES)}{_month(rng, end)} {end_year}"
    return text, (f"{_label(PLAN_YEAR, start)}/{_label(end_year, end)}",)


def month_list(rng: random.Random) -> Phrase:
    months = sorted(rng.sample(range(1, 13), rng.randint(2, 4)))
    names = [_month(rng, m) for m in months]
    text = ", ".join(names[:-1]) + rng.choice(LISTS) + names[-1] + f" {PLAN_YEAR}"
    return text, tuple(_label(PLAN_YEAR, m) for m in months)


def recurrence(rng: random.Random) -> Phrase:
    code = rng.choice(list(RECURRENCES))
    text = rng.choice(RECURRENCES[code])
    labels = {
        "P1M": tuple(_label(PLAN_YEAR, m) for m in range(1, 13)),
        "P3M": tuple(f"{PLAN_YEAR}-Q{q}" for q in range(1, 5)),
        "P6M": (f"{PLAN_YEAR}-H1", f"{PLAN_YEAR}-H2"),
        "P1Y": (str(PLAN_YEAR),),
    }[code]
    if code == "P1M" and rng.random() < 0.5:
        start = rng.randint(1, 11)
        end = rng.randint(start + 1, 12)
        text += f" ({_month(rng, start)} - {_month(rng, end)} {PLAN_YEAR})"
        labels = tuple(_label(PLAN_YEAR, m) for m in range(start, end + 1))
    return text, labels


def quarter_or_half(rng: random.Random) -> Phrase:
    if rng.random() < 0.6:
        q = rng.randint(1, 4)
        word = rng.choice(["Triwulan", "TW", "Triwulan"])
        return f"{word} {ROMAN[q - 1]} {PLAN_YEAR}", (f"{PLAN_YEAR}-Q{q}",)
    h = rng.randint(1, 2)
    return f"Semester {ROMAN[h - 1]} Tahun {PLAN_YEAR}", (f"{PLAN_YEAR}-H{h}",)


def week_or_day(rng: random.Random) -> Phrase:
    month = rng.randint(1, 12)
    if rng.random() < 0.5:
        week = rng.randint(1, 4)
        word = ["pertama", "kedua", "ketiga", "keempat"][week - 1]
        first, last = date(PLAN_YEAR, month, 7 * week - 6), date(PLAN_YEAR, month, 7 * week)
        return f"minggu {word} bulan {_month(rng, month)} {PLAN_YEAR}", (f"{first}/{last}",)
    day = rng.randint(1, 28)
    return f"{day} {_month(rng, month)} {PLAN_YEAR}", (date(PLAN_YEAR, month, day).isoformat(),)


def deadline(rng: random.Random) -> Phrase:
    text, labels = single_month(rng) if rng.random() < 0.5 else window(rng)
    return f"{rng.choice(['Paling lambat', 'Selambat-lambatnya'])} {text}", labels


def rejected(rng: random.Random) -> Phrase:
    return rng.choice(REJECTS), None


def seed_phrase(rng: random.Random) -> Phrase:
    text, labels, _ = rng.choices(SEED_PHRASES, weights=[w for *_, w in SEED_PHRASES])[0]
    return text, labels


MIX: list[tuple[Callable[[random.Random], Phrase], float]] = [
    (seed_phrase, 0.30), (single_month, 0.20), (window, 0.15), (month_list, 0.10),
    (recurrence, 0.10), (quarter_or_half, 0.05), (week_or_day, 0.03), (deadline, 0.02),
    (rejected, 0.05),
]  # fmt: skip


def phrases(count: int, seed: int = 20260406) -> list[Phrase]:
    """`count` phrases drawn from the mix."""
    rng = random.Random(seed)
    makers, weights = zip(*MIX)
    return [rng.choices(makers, weights)[0](rng) for _ in range(count)]


def ours_uncached(text: str) -> tuple[str, ...] | None:
    try:
        return tuple(p.label for p in parse_schedule(text, PLAN_YEAR).periods)
    except ScheduleUnreadable:
        return None


def ours_cached(text: str) -> tuple[str, ...] | None:
    schedule = read_schedule(text, PLAN_YEAR)
    return tuple(p.label for p in schedule.periods) if schedule else None


def timed(reader: Callable[[str], object], texts: list[str]) -> tuple[list[object], float]:
    """Results and phrases per CPU second of this (single-threaded) process."""
    started = time.process_time()
    results = [reader(text) for text in texts]
    return results, len(texts) / (time.process_time() - started)


def share_correct(results: list[object], expected: list[tuple[str, ...] | None]) -> float:
    return sum(r == e for r, e in zip(results, expected)) / len(expected)


def dateparser_reading(parse: Callable, text: str) -> tuple[str, ...] | None:
    """dateparser's one date, scored as the single month or day it falls in (it has no ranges)."""
    found = parse(text, languages=["id"])  # a missing year is the clock's year
    if found is None:
        return None
    return (_label(found.year, found.month), found.date().isoformat())


def dateparser_correct(found: tuple[str, ...] | None, expected: tuple[str, ...] | None) -> bool:
    if found is None or expected is None:
        return found is None and expected is None
    return len(expected) == 1 and expected[0] in found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=100_000)
    parser.add_argument("--dateparser-sample", type=int, default=2_000)
    args = parser.parse_args()

    drawn = phrases(args.phrases)
    texts, expected = [t for t, _ in drawn], [e for _, e in drawn]
    print(f"{len(texts):,} phrases, {len(set(texts)):,} distinct, plan_year {PLAN_YEAR}, one core")

    results, rate = timed(ours_uncached, texts)
    print(f"ours, uncached: {rate:>10,.0f} phrases/s   correct {share_correct(results, expected):.1%}")
    _read_cached.cache_clear()
    results, rate = timed(ours_cached, texts)
    print(f"ours, lru_cache, cold start: {rate:>10,.0f} phrases/s   correct {share_correct(results, expected):.1%}")
    results, rate = timed(ours_cached, texts)
    print(f"ours, lru_cache, warm (phrases seen before): {rate:>10,.0f} phrases/s")

    import dateparser

    sample = random.Random(1).sample(range(len(texts)), min(args.dateparser_sample, len(texts)))
    sample_texts = [texts[i] for i in sample]
    found, rate = timed(lambda text: dateparser_reading(dateparser.parse, text), sample_texts)
    correct = sum(dateparser_correct(f, expected[i]) for f, i in zip(found, sample)) / len(sample)
    ours = share_correct([ours_uncached(t) for t in sample_texts], [expected[i] for i in sample])
    print(f"dateparser.parse(languages=['id']) on {len(sample):,} of them: {rate:>10,.0f} phrases/s   "
          f"correct {correct:.1%} (ours on the same sample: {ours:.1%})")  # fmt: skip


if __name__ == "__main__":
    main()
