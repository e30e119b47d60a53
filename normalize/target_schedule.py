"""A cell of a column holding target and time together ("TARGET DAN WAKTU") -> (target, schedule).

Tried in order; the first that works decides:
1. the whole cell reads as a schedule: no target;
2. one separator ("/", ";", "|") parts a schedule from a target, however the lines wrap;
3. its first (or last) lines read as a schedule, the other lines are the target;
4. its first lines name a time (a month or a year) and a numbered list starts below
   them: those lines are the schedule (read or flagged), the list is the target;
5. its first (or last) words read as a schedule, the rest (after a separator such
   as "/", ";" or ":") is the target ("1 Dokumen / Maret 2026").
A cell none of these splits keeps its whole text as the target, schedule empty: the
caller raises `schedule_unparsed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import vocabulary
from normalize.schedule import read_schedule
from normalize.text import clean
from normalize.time_words import time_words

_SEPARATORS = " /;:,|-–"
_SEPARATOR_MARKS = (" / ", "; ", " | ")  # printed between the target and the time of one cell
_LIST_START = re.compile(r"^\s*(?:1[.)]|a[.)]|[-•▪●*])\s+\S")
_MONTH_CODE = re.compile(r"\bB\s?\d{1,2}\b")  # "B03": the third month of the plan year
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MAX_SCHEDULE_WORDS = 12
_LIST_OF_TIMES = re.compile(r"^[-•▪●*]\s*\S+\s+(?:19|20)\d\d\b")  # "- Sept 2021 - ...": bullets of times


@dataclass(frozen=True)
class TargetAndSchedule:
    target_text: str | None  # None when the cell holds a time only
    schedule_text: str  # "" when no time was found
    split: bool  # False: the cell could not be split (all of it kept as the target)


def split_target_schedule(text: str, plan_year: int) -> TargetAndSchedule:
    """Split one printed cell (line breaks kept) into its target and its schedule."""
    whole = clean(text)
    if not whole:
        return TargetAndSchedule(None, "", True)
    if read_schedule(whole, plan_year) is not None:
        return TargetAndSchedule(None, whole, True)
    if not may_be_schedule(whole):
        return TargetAndSchedule(whole, "", False)
    lines = [line for line in (clean(t) for t in text.split("\n")) if line]
    return (_by_separator(whole, plan_year, _SEPARATOR_MARKS) or _by_lines(lines, plan_year) or _by_list(lines)
            or _by_separator(whole, plan_year, (": ",)) or _by_words(whole, plan_year)
            or TargetAndSchedule(whole, "", False))


def _by_lines(lines: list[str], plan_year: int) -> TargetAndSchedule | None:
    for size in range(len(lines) - 1, 0, -1):
        split = (_split(" ".join(lines[:size]), " ".join(lines[size:]), plan_year)
                 or _split(" ".join(lines[-size:]), " ".join(lines[:-size]), plan_year))
        if split:
            return split
    return None


def _split(schedule: str, target: str, plan_year: int) -> TargetAndSchedule | None:
    """The split, if `schedule` reads as one; a `target` that reads as a schedule too makes all of it the time."""
    if not schedule or not target or not may_be_schedule(schedule) or read_schedule(schedule, plan_year) is None:
        return None
    if read_schedule(target, plan_year) is not None or _LIST_OF_TIMES.match(target):
        return TargetAndSchedule(None, f"{schedule} {target}", True)
    return TargetAndSchedule(target, schedule, True)


def _by_list(lines: list[str]) -> TargetAndSchedule | None:
    start = next((i for i, line in enumerate(lines) if i > 0 and _LIST_START.match(line)), None)
    if start is None:
        return None
    head = " ".join(lines[:start])
    if not names_time(head):
        return None
    return TargetAndSchedule(" ".join(lines[start:]), head, True)


def _by_separator(text: str, plan_year: int, separators: tuple[str, ...]) -> TargetAndSchedule | None:
    """"Triwulan III 2020 / 1 Kali", "12 Dokumen; Setiap bulan": the two parts either side of one separator."""
    for separator in separators:
        parts = [p.strip() for p in text.split(separator)]
        if len(parts) == 2 and all(parts):
            split = _split(parts[0], parts[1], plan_year) or _split(parts[1], parts[0], plan_year)
            if split:
                return split
    return None


def _by_words(text: str, plan_year: int) -> TargetAndSchedule | None:
    words = text.split(" ")
    for size in range(min(len(words) - 1, _MAX_SCHEDULE_WORDS), 0, -1):
        head, tail = " ".join(words[:size]).strip(_SEPARATORS), " ".join(words[size:]).strip(_SEPARATORS)
        split = _split(head, tail, plan_year)
        head, tail = " ".join(words[:-size]).strip(_SEPARATORS), " ".join(words[-size:]).strip(_SEPARATORS)
        split = split or _split(tail, head, plan_year)
        if split:
            return TargetAndSchedule(split.target_text, split.schedule_text, True) if split.target_text else \
                TargetAndSchedule(None, text, True)
    return None


def names_time(text: str) -> bool:
    """Does the text name a month or a year (so that it may give a dated schedule)?"""
    months = time_words().months
    return bool(_YEAR.search(text)) or any(w in months for w in re.findall(r"[a-z]+", text.lower()))


def may_be_schedule(text: str) -> bool:
    """Does the text hold a time word at all (a month, a year, a month code, a period or recurrence word)?"""
    if _YEAR.search(text) or _MONTH_CODE.search(text):
        return True
    return any(word in _time_vocabulary() for word in re.findall(r"[^\W\d_]+", text.lower()))


@vocabulary.cached
def _time_vocabulary() -> frozenset[str]:
    """Every word of time_words.toml's months, units, recurrences, weeks, deadlines and month parts."""
    words = time_words()
    phrases = [*words.months, *words.units, *words.every, *words.once, *words.recurrence_words, *words.week_words,
               *words.month_parts, *words.deadlines, *words.roman]
    return frozenset(w for phrase in phrases for w in re.findall(r"[^\W\d_]+", str(phrase).lower()))
