"""The Indonesian time and number words of normalize/data/time_words.toml, typed."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import vocabulary


class NumberWordsError(ValueError):
    """A sequence of words is not an Indonesian number (terbilang)."""


@dataclass(frozen=True)
class NumberWords:
    """Number words and how they combine: "dua puluh lima" = 25, "seratus dua" = 102."""

    zero: Mapping[str, int]
    units: Mapping[str, int]
    whole: Mapping[str, int]
    teen: str
    multipliers: Mapping[str, int]

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every word that can take part in a number."""
        return frozenset(
            [*self.zero, *self.units, *self.whole, self.teen, *self.multipliers]
        )

    def value(self, words: Sequence[str]) -> int:
        """The value of a number written in words; NumberWordsError if it is not one."""
        if len(words) == 1 and words[0] in self.zero:
            return self.zero[words[0]]
        reader = _NumberReader(self)
        for word in words:
            reader.add(word)
        return reader.total()


class _NumberReader:
    """Accumulates number words left to right, largest scale first."""

    def __init__(self, words: NumberWords) -> None:
        self.words = words
        self.done = 0  # thousands and millions already closed
        self.group = 0  # the part below one thousand being built
        self.unit: int | None = None  # a unit word waiting for a multiplier
        self.ceiling = 10**9  # the next addition to the group must stay below this

    def add(self, word: str) -> None:
        """Take one word."""
        if word in self.words.units:
            self._take_unit(self.words.units[word])
        elif word == self.words.teen:
            self._close_group_part(10 + self._pop_unit(word), ceiling=1)
        elif word in self.words.multipliers:
            self._take_multiplier(self.words.multipliers[word], word)
        elif word in self.words.whole:
            self._take_whole(self.words.whole[word], word)
        else:
            raise NumberWordsError(f"{word!r} is not a number word")

    def total(self) -> int:
        """The value read so far; NumberWordsError when nothing was read."""
        value = self.done + self.group + (self.unit or 0)
        if value == 0:
            raise NumberWordsError("no number words")
        return value

    def _take_unit(self, unit: int) -> None:
        if self.unit is not None or unit >= self.ceiling:
            raise NumberWordsError("two unit words in a row")
        self.unit = unit

    def _pop_unit(self, word: str) -> int:
        if self.unit is None:
            raise NumberWordsError(f"{word!r} needs a unit word before it")
        unit, self.unit = self.unit, None
        return unit

    def _close_group_part(self, value: int, ceiling: int) -> None:
        if value >= self.ceiling:
            raise NumberWordsError("number words out of order")
        self.group += value
        self.ceiling = ceiling

    def _take_multiplier(self, multiplier: int, word: str) -> None:
        if multiplier < 1000:
            self._close_group_part(self._pop_unit(word) * multiplier, ceiling=multiplier)
            return
        small = self.group + (self.unit or 0)
        if small == 0 or (self.done and self.done < multiplier * small):
            raise NumberWordsError(f"{word!r} needs a number before it")
        self.done += small * multiplier
        self.group, self.unit, self.ceiling = 0, None, 1000

    def _take_whole(self, value: int, word: str) -> None:
        if self.unit is not None:
            raise NumberWordsError(f"{word!r} cannot follow a unit word")
        if value >= 1000:
            if self.group or self.done:
                raise NumberWordsError("number words out of order")
            self.done, self.ceiling = value, 1000
            return
        self._close_group_part(value, ceiling=1 if value in (10, 11) else value)


@dataclass(frozen=True)
class OcrRules:
    """Look-alike characters and similarity thresholds for repairing OCR slips."""

    digit_as_letter: Mapping[str, tuple[str, ...]]
    letter_as_digit: Mapping[str, str]
    letter_groups: Mapping[str, str]
    month_similarity: float
    number_similarity: float
    min_fuzzy_length: int


@dataclass(frozen=True)
class TimeWords:
    """Every Indonesian word the schedule and target readers know."""

    months: Mapping[str, int]
    month_code_prefixes: tuple[str, ...]
    ranges: tuple[str, ...]
    lists: tuple[str, ...]
    bullets: tuple[str, ...]
    units: Mapping[str, int]
    every: tuple[str, ...]
    once: tuple[str, ...]
    recurrence_periods: Mapping[int, str]
    recurrence_words: Mapping[str, int]
    week_words: tuple[str, ...]
    week_ordinals: Mapping[str, int]
    ordinal_prefixes: tuple[str, ...]
    month_parts: Mapping[str, str]
    deadlines: tuple[str, ...]
    day_words: tuple[str, ...]
    from_words: tuple[str, ...]
    noise: tuple[str, ...]
    roman: Mapping[str, int]
    numbers: NumberWords
    ocr: OcrRules
    rejections: tuple[str, ...]
    percent_words: tuple[str, ...]
    max_unit_words: int


@vocabulary.cached
def time_words() -> TimeWords:
    """The vocabulary, loaded once from normalize/data/time_words.toml, with a user's [time_words] additions."""
    raw = tomllib.loads(
        resources.files("normalize").joinpath("data/time_words.toml").read_text("utf-8")
    )
    return _from_toml(vocabulary.merged(raw, vocabulary.user_section("time_words")))


def _from_toml(raw: dict) -> TimeWords:
    recurrence = raw["recurrence"]
    return TimeWords(
        months=raw["months"],
        month_code_prefixes=tuple(raw["month_codes"]["prefixes"]),
        ranges=tuple(raw["ranges"]["words"]),
        lists=tuple(raw["lists"]["words"]),
        bullets=tuple(raw["lists"]["bullets"]),
        units=raw["units"],
        every=tuple(recurrence["every"]),
        once=tuple(recurrence["once"]),
        recurrence_periods={int(k): v for k, v in recurrence["periods"].items()},
        recurrence_words=recurrence["words"],
        week_words=tuple(raw["weeks"]["words"]),
        week_ordinals=raw["weeks"]["ordinals"],
        ordinal_prefixes=tuple(raw["ordinal_prefix"]["words"]),
        month_parts=raw["month_parts"],
        deadlines=tuple(raw["deadlines"]["words"]),
        day_words=tuple(raw["fillers"]["day"]),
        from_words=tuple(raw["fillers"]["from"]),
        noise=tuple(raw["fillers"]["noise"]),
        roman=raw["roman"],
        numbers=_numbers(raw["numbers"]),
        ocr=_ocr(raw["ocr"]),
        rejections=tuple(raw["rejections"]["words"]),
        percent_words=tuple(raw["targets"]["percent"]),
        max_unit_words=int(raw["targets"]["max_unit_words"]),
    )


def _numbers(raw: dict) -> NumberWords:
    return NumberWords(
        zero=raw["zero"],
        units=raw["units"],
        whole=raw["whole"],
        teen=raw["teen"],
        multipliers=raw["multipliers"],
    )


def _ocr(raw: dict) -> OcrRules:
    return OcrRules(
        digit_as_letter={k: tuple(v) for k, v in raw["digit_as_letter"].items()},
        letter_as_digit=raw["letter_as_digit"],
        letter_groups=raw["letter_groups"],
        month_similarity=float(raw["month_similarity"]),
        number_similarity=float(raw["number_similarity"]),
        min_fuzzy_length=int(raw["min_fuzzy_length"]),
    )
