"""Read a TARGET CAPAIAN phrase ("4 (empat) Laporan", "100%") into a quantity and a unit."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from normalize.findings import Finding, Severity
from normalize.records import Schedule, Target
from normalize.time_words import NumberWordsError, TimeWords, time_words

__all__ = ["TargetReading", "TargetUnreadable", "read_target", "target_period_findings"]

PERCENT = "%"

# numeral (1.000 style thousands allowed), optional %, optional (words), then the unit
_TARGET = re.compile(
    r"^(?P<numeral>\d{1,3}(?:\.\d{3})+(?![\d,])|\d+)?\s*(?P<percent>%)?\s*"
    r"(?:\((?P<words>[^()]*)\))?\s*(?P<rest>.*)$"
)
_TRAILING = " .,;:"


class TargetUnreadable(ValueError):
    """A TARGET CAPAIAN phrase that cannot be read into a quantity and unit."""


@dataclass(frozen=True)
class TargetReading:
    """What a TARGET CAPAIAN phrase says: the target (None if unreadable) and the doubts."""

    target: Target | None
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class _Words:
    """A number written in words, as read."""

    text: str
    value: int | None  # None when the words are no number
    repaired: bool  # read only after repairing OCR damage


def read_target(text: str) -> TargetReading:
    """The quantity and unit of a TARGET CAPAIAN phrase, with findings about how it was read."""
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    if not cleaned:
        return TargetReading(None)
    try:
        return _read(cleaned)
    except TargetUnreadable as error:
        return _unparsed(cleaned, str(error))


def _read(text: str) -> TargetReading:
    match = _TARGET.match(text)
    if match is None:  # each part of the pattern is optional: never
        raise TargetUnreadable("no target")
    if match["numeral"]:
        return _with_numeral(text, match)
    if match["words"] is not None:
        return _with_words_only(text, match)
    return _without_brackets(text)


def _with_numeral(text: str, match: re.Match[str]) -> TargetReading:
    """ "4 (empat) Laporan", "4 Laporan", "100%": the numeral gives the quantity."""
    quantity = int(match["numeral"].replace(".", ""))
    unit = _unit(match["rest"], percent=bool(match["percent"]))
    findings: tuple[Finding, ...] = ()
    if match["words"] is not None:
        findings = _word_findings(text, quantity, _read_words(match["words"]))
    return TargetReading(Target(quantity, unit), findings)


def _with_words_only(text: str, match: re.Match[str]) -> TargetReading:
    """ "(empat) Laporan": the words give the quantity."""
    words = _read_words(match["words"])
    if words.value is None:
        raise TargetUnreadable(f'"{words.text}" is no number')
    unit = _unit(match["rest"], percent=bool(match["percent"]))
    findings = (_fuzzy_finding(text, words),) if words.repaired else ()
    return TargetReading(Target(words.value, unit), findings)


def _without_brackets(text: str) -> TargetReading:
    """ "empat Laporan" (a number in words first) or "Laporan" (a unit alone)."""
    words = text.split()
    for count in range(len(words), 0, -1):
        value = _number_value(words[:count])
        if value is not None:
            return TargetReading(Target(value, _unit(" ".join(words[count:]), percent=False)))
    return TargetReading(Target(None, _unit_alone(text)))


def _unit(rest: str, percent: bool) -> str | None:
    """The unit printed after the quantity: "%", the words as printed, or None."""
    vocabulary = time_words()
    words = rest.strip(_TRAILING).split()
    if words and words[0].lower() in vocabulary.percent_words:
        percent, words = True, words[1:]
    unit = " ".join(words)
    if any(ch.isdigit() for ch in unit):
        raise TargetUnreadable(f'another number in "{unit}"')
    _check_not_rejected(unit, vocabulary)
    if percent:
        return PERCENT
    return unit or None


def _unit_alone(text: str) -> str:
    """A unit printed without a quantity ("Laporan"): short, lettered, no number."""
    vocabulary = time_words()
    unit = text.rstrip(_TRAILING)
    if any(ch.isdigit() for ch in unit) or not any(ch.isalpha() for ch in unit):
        raise TargetUnreadable("neither a quantity nor a unit")
    if len(unit.split()) > vocabulary.max_unit_words:
        raise TargetUnreadable("too long for a unit")
    _check_not_rejected(unit, vocabulary)
    return unit


def _check_not_rejected(text: str, vocabulary: TimeWords) -> None:
    padded = f" {text.lower()} "
    for word in vocabulary.rejections:
        if f" {word} " in padded:
            raise TargetUnreadable(f'"{word}" names no fixed target')


# --- number words -----------------------------------------------------------------


def _read_words(text: str) -> _Words:
    """The value of the words in brackets, repairing OCR damage when needed."""
    vocabulary = time_words()
    words = [w for w in text.lower().split() if w not in vocabulary.percent_words]
    value = _number_value(words)
    if value is not None:
        return _Words(text, value, repaired=False)
    repaired = [_repaired_number_word(word) for word in words]
    return _Words(text, _number_value(repaired), repaired=True)


def _number_value(words: list[str]) -> int | None:
    try:
        return time_words().numbers.value([w.lower() for w in words]) if words else None
    except NumberWordsError:
        return None


def _repaired_number_word(word: str) -> str:
    """The number word an OCR-damaged word stands for ("ernpat" -> "empat"), else the word."""
    vocabulary, ocr = _number_vocabulary(), time_words().ocr
    if word in vocabulary:
        return word
    regrouped = word
    for group, letter in ocr.letter_groups.items():
        regrouped = regrouped.replace(group, letter)
    for digit, letters in ocr.digit_as_letter.items():
        regrouped = regrouped.replace(digit, letters[0])
    if regrouped in vocabulary or len(regrouped) < ocr.min_fuzzy_length:
        return regrouped
    close = difflib.get_close_matches(regrouped, vocabulary, n=1, cutoff=ocr.number_similarity)
    return close[0] if close else word


@cache
def _number_vocabulary() -> tuple[str, ...]:
    return tuple(sorted(time_words().numbers.vocabulary))


# --- findings ---------------------------------------------------------------------


def _word_findings(text: str, quantity: int, words: _Words) -> tuple[Finding, ...]:
    findings = []
    if words.value != quantity:
        findings.append(_mismatch_finding(text, quantity, words))
    if words.repaired and words.value is not None:
        findings.append(_fuzzy_finding(text, words))
    return tuple(findings)


def _mismatch_finding(text: str, quantity: int, words: _Words) -> Finding:
    said = f"({words.value})" if words.value is not None else "(no number)"
    return Finding(
        "target_word_mismatch",
        Severity.WARNING,
        f'TARGET CAPAIAN "{text}": the numeral {quantity} and the words "{words.text}" '
        f"{said} disagree; the quantity is taken from the numeral.",
    )


def _fuzzy_finding(text: str, words: _Words) -> Finding:
    return Finding(
        "target_word_fuzzy",
        Severity.INFO,
        f'TARGET CAPAIAN "{text}": the words "{words.text}" were read as {words.value} '
        "after repairing what looks like OCR damage.",
    )


def _unparsed(text: str, reason: str) -> TargetReading:
    finding = Finding(
        "target_unparsed",
        Severity.WARNING,
        f'TARGET CAPAIAN "{text}" could not be read into a quantity and unit ({reason}); '
        "target fields left empty.",
    )
    return TargetReading(None, (finding,))


def target_period_findings(
    target: Target | None,
    schedule: Schedule | None,
    *,
    target_text: str | None = None,
    schedule_text: str | None = None,
) -> tuple[Finding, ...]:
    """`target_period_mismatch` when a recurring schedule's period count differs from the target."""
    if target is None or schedule is None or schedule.recurrence is None:
        return ()
    if target.quantity is None or target.unit == PERCENT:
        return ()
    count = len(schedule.periods)
    if count == target.quantity:
        return ()
    target_said = f'"{target_text or f"{target.quantity} {target.unit or str()}".strip()}"'
    schedule_said = f'"{schedule_text}" ' if schedule_text else ""
    message = (
        f"TARGET WAKTU {schedule_said}recurs ({schedule.recurrence}) over {count} period(s) "
        f"but TARGET CAPAIAN {target_said} asks for {target.quantity}."
    )
    return (Finding("target_period_mismatch", Severity.WARNING, message),)
