"""Tokenizer for TARGET WAKTU phrases: text -> typed tokens of normalize/data/time_words.toml.

The text is cut into lexical pieces (letter/digit runs and single punctuation marks),
then the longest known word sequence is matched at each piece.  Digits become
numbers or years; letter/digit mixtures are repaired as OCR slips ("0ktober",
"Juni2026", "2O26").  A piece that stays unknown makes the phrase unreadable.
"""

from __future__ import annotations

import difflib
import html
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache

from normalize.time_words import NumberWordsError, TimeWords, time_words


class ScheduleUnreadable(ValueError):
    """A TARGET WAKTU phrase that cannot be read without guessing."""


class Kind(Enum):
    MONTH = "month"  # value: month number
    YEAR = "year"  # value: the year
    NUM = "num"  # value: a number printed in digits
    NUMWORD = "numword"  # value: a number printed in words
    ROMAN = "roman"  # value: a Roman numeral's value
    ORD = "ord"  # value: ordinal (pertama = 1, terakhir = -1)
    ORD_PREFIX = "ord_prefix"  # "ke-"
    RANGE = "range"
    LIST = "list"
    UNIT = "unit"  # value: length in months (bulan 1, triwulan 3, semester 6, tahun 12)
    EVERY = "every"  # "per", "setiap"
    ONCE = "once"  # "sekali"
    RECUR = "recur"  # value: length in months of a one-word recurrence ("triwulanan")
    WEEK = "week"
    PART = "part"  # value: start | middle | end (of a month)
    DEADLINE = "deadline"
    DAY = "day"  # "tanggal"
    FROM = "from"  # "mulai", "dari"
    NOISE = "noise"
    REJECT = "reject"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    value: int | str | None
    text: str

    @property
    def number(self) -> int:
        """The value of a token that stands for a number (a count, a month, a unit's months, a year)."""
        if self.value is None:
            raise ScheduleUnreadable(f"{self.text!r} has no number")
        return int(self.value)


_PIECES = re.compile(r"[^\W_]+|[^\w\s]")
_MARKUP = re.compile(r"</?[a-zA-Z][^<>]*>")
_YEARS = range(1900, 2101)
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of one phrase; ScheduleUnreadable on an unknown or rejecting word."""
    lexicon = _lexicon()
    pieces = _PIECES.findall(_prepare(text, lexicon.bullet_line))
    return tuple(_Scanner(pieces, lexicon).tokens())


def _prepare(text: str, bullet_line: re.Pattern[str]) -> str:
    """Lower-cased text, markup removed, bulleted lines of one cell turned into list items."""
    if "<" in text or "&" in text:
        text = html.unescape(_MARKUP.sub(" ", text))
    lines = unicodedata.normalize("NFKC", text).lower().splitlines()
    parts: list[str] = []
    for line in lines:
        bullet = bullet_line.match(line)
        if bullet and parts:
            parts.append(",")
        parts.append(_bulleted_items(line, bullet) if bullet else line)
    return " ".join(parts)


def _bulleted_items(line: str, bullet: re.Match[str]) -> str:
    """A line opened by a bullet, its items joined as a list when the same bullet recurs.

    A cell's line breaks are lost once its text is one line: "- Maret 2021 - Juni 2021
    - Sept 2021" is read as the bulleted list it was printed as, not as windows.  Two
    items are a list only when each names its year: "- Januari - Desember 2026" stays
    one bulleted window.
    """
    mark, rest = bullet.group(0).strip(), line[bullet.end() :]
    if not mark or mark[-1] in ".)" or f" {mark} " not in f" {rest} ":
        return rest
    items = [item for item in rest.split(f" {mark} ") if item.strip()]
    if len(items) < 3 and not all(_YEAR_IN_TEXT.search(item) for item in items):
        return rest
    return " , ".join(items)


class _Scanner:
    """Walks the pieces of one phrase and emits tokens."""

    def __init__(self, pieces: list[str], lexicon: _Lexicon) -> None:
        self.pieces = [*pieces, ""]  # the end sentinel spares bounds checks
        self.lexicon = lexicon
        self.at = 0
        self.depth = 0  # open parentheses

    def tokens(self):
        """Yield the tokens, skipping noise and parentheses."""
        while self.at < len(self.pieces) - 1:
            for token in self._next():
                if token.kind is not Kind.NOISE:
                    yield token

    def _next(self) -> tuple[Token, ...]:
        piece = self.pieces[self.at]
        if piece in "()":
            return self._parenthesis(piece)
        if self._is_inline_bullet(piece):
            self.at += 2
            return (Token(Kind.LIST, None, piece + ")"),)
        known = self._phrase() or self._number_words()
        return (known,) if known else self._single_piece(piece)

    def _parenthesis(self, piece: str) -> tuple[Token, ...]:
        self.at += 1
        self.depth = self.depth + 1 if piece == "(" else max(self.depth - 1, 0)
        return ()

    def _is_inline_bullet(self, piece: str) -> bool:
        """ "1)" or "a)" outside parentheses opens a list item."""
        if self.pieces[self.at + 1] != ")" or self.depth:
            return False
        return (piece.isdigit() and len(piece) <= 2) or (len(piece) == 1 and piece.isalpha())

    def _phrase(self) -> Token | None:
        for words, token in self.lexicon.phrases.get(self.pieces[self.at], ()):
            if tuple(self.pieces[self.at : self.at + len(words)]) == words:
                self.at += len(words)
                return _checked(token)
        return None

    def _number_words(self) -> Token | None:
        vocabulary = self.lexicon.number_vocabulary
        end = self.at
        while self.pieces[end] in vocabulary:
            end += 1
        if end == self.at:
            return None
        words = self.pieces[self.at : end]
        self.at = end
        try:
            return Token(Kind.NUMWORD, self.lexicon.words.numbers.value(words), " ".join(words))
        except NumberWordsError as error:
            raise ScheduleUnreadable(str(error)) from error

    def _single_piece(self, piece: str) -> tuple[Token, ...]:
        self.at += 1
        token = self.lexicon.single(piece) or self.lexicon.repaired(piece)
        tokens = (token,) if token else self.lexicon.split(piece)
        if not tokens:
            raise ScheduleUnreadable(f"unknown word {piece!r}")
        return tuple(_checked(token) for token in tokens)


def _checked(token: Token) -> Token:
    if token.kind is Kind.REJECT:
        raise ScheduleUnreadable(f"{token.text!r} names no fixed period")
    return token


@dataclass(frozen=True)
class _Lexicon:
    """The vocabulary compiled for scanning."""

    words: TimeWords
    phrases: dict[str, tuple[tuple[tuple[str, ...], Token], ...]]
    number_vocabulary: frozenset[str]
    month_names: tuple[str, ...]
    bullet_line: re.Pattern[str]

    def single(self, piece: str) -> Token | None:
        """A piece read as it stands: a one-piece word, a number or a Roman numeral."""
        for words, token in self.phrases.get(piece, ()):
            if len(words) == 1:
                return token
        if piece.isdigit():
            return _number(piece)
        if piece in self.words.roman:
            return Token(Kind.ROMAN, self.words.roman[piece], piece)
        return None

    def repaired(self, piece: str) -> Token | None:
        """A piece read after repairing an OCR slip, or None."""
        return (
            self._as_month_code(piece)
            or self._as_word(piece)
            or self._as_number(piece)
            or self._as_roman(piece)
            or self._as_regrouped(piece)
            or self._as_month_by_similarity(piece)
        )

    def split(self, piece: str) -> tuple[Token, ...]:
        """A word run into a number ("Juni2026", "TW1"), read as two tokens; () if not."""
        for cut in range(1, len(piece)):
            if piece[cut - 1].isdigit() == piece[cut].isdigit():
                continue
            left, right = piece[:cut], piece[cut:]
            left_token = self.single(left) or self.repaired(left)
            right_token = self.single(right) or self.repaired(right)
            if left_token and right_token:
                return (left_token, right_token)
        return ()

    def _as_month_code(self, piece: str) -> Token | None:
        """A month code: prefix and month number ("b03" -> March), look-alike digits repaired."""
        for prefix in self.words.month_code_prefixes:
            number = piece[len(prefix) :]
            if not piece.startswith(prefix) or not 1 <= len(number) <= 2:
                continue
            digits = "".join(self.words.ocr.letter_as_digit.get(ch, ch) for ch in number)
            if any(ch.isdigit() for ch in number) and digits.isdigit() and 1 <= int(digits) <= 12:
                return Token(Kind.MONTH, int(digits), piece)
        return None

    def _as_word(self, piece: str) -> Token | None:
        if piece.isalpha():
            return None
        for candidate in _letter_readings(piece, self.words.ocr.digit_as_letter):
            token = self.single(candidate)
            if token is not None and token.kind is not Kind.ROMAN:
                return token
        return None

    def _as_number(self, piece: str) -> Token | None:
        """A year with look-alike letters in it ("2O26"); other numbers are not repaired."""
        if piece.isalpha() or not any(ch.isdigit() for ch in piece):
            return None
        digits = "".join(self.words.ocr.letter_as_digit.get(ch, ch) for ch in piece)
        token = _number(digits) if digits.isdigit() else None
        return token if token is not None and token.kind is Kind.YEAR else None

    def _as_roman(self, piece: str) -> Token | None:
        roman = piece.replace("l", "i").replace("1", "i")
        if roman == piece or roman not in self.words.roman:
            return None
        return Token(Kind.ROMAN, self.words.roman[roman], piece)

    def _as_regrouped(self, piece: str) -> Token | None:
        """A word with OCR letter groups repaired ("Desernber" -> "desember")."""
        regrouped = piece
        for group, letter in self.words.ocr.letter_groups.items():
            regrouped = regrouped.replace(group, letter)
        token = self.single(regrouped) if regrouped != piece else None
        return token if token is not None and token.kind is Kind.MONTH else None

    def _as_month_by_similarity(self, piece: str) -> Token | None:
        if not piece.isalpha() or len(piece) < self.words.ocr.min_fuzzy_length:
            return None
        close = difflib.get_close_matches(
            piece, self.month_names, n=1, cutoff=self.words.ocr.month_similarity
        )
        return Token(Kind.MONTH, self.words.months[close[0]], piece) if close else None


def _number(digits: str) -> Token:
    value = int(digits)
    kind = Kind.YEAR if len(digits) == 4 and value in _YEARS else Kind.NUM
    return Token(kind, value, digits)


def _letter_readings(piece: str, digit_as_letter: Mapping[str, tuple[str, ...]]) -> Iterator[str]:
    """Every reading of a letter/digit piece with look-alike digits turned into letters."""
    choices = [digit_as_letter.get(ch, (ch,)) if ch.isdigit() else (ch,) for ch in piece]
    for letters in itertools.islice(itertools.product(*choices), 16):
        yield "".join(letters)


@cache
def _lexicon() -> _Lexicon:
    words = time_words()
    return _Lexicon(
        words=words,
        phrases=_phrase_table(words),
        number_vocabulary=words.numbers.vocabulary,
        month_names=tuple(name for name in words.months if len(name) >= 5),
        bullet_line=_bullet_line(words.bullets),
    )


def _bullet_line(bullets: tuple[str, ...]) -> re.Pattern[str]:
    """A bullet or a short numbering ("1)", "2.", "a)") opening a line."""
    marks = "|".join(re.escape(bullet) for bullet in bullets)
    return re.compile(rf"^\s*(?:{marks}|\d{{1,2}}[.)]|[a-z]\))\s*")


def _phrase_table(words: TimeWords) -> dict[str, tuple[tuple[tuple[str, ...], Token], ...]]:
    """Known word sequences by their first piece, longest first."""
    table: dict[str, list[tuple[tuple[str, ...], Token]]] = {}
    for text, token in _vocabulary_tokens(words):
        pieces = tuple(_PIECES.findall(text))
        table.setdefault(pieces[0], []).append((pieces, token))
    return {
        first: tuple(sorted(entries, key=lambda entry: -len(entry[0])))
        for first, entries in table.items()
    }


def _vocabulary_tokens(words: TimeWords):
    """(text, token) for every word of the vocabulary; earlier entries win ties."""
    yield from ((w, Token(Kind.REJECT, None, w)) for w in words.rejections)
    yield from ((w, Token(Kind.RECUR, n, w)) for w, n in words.recurrence_words.items())
    yield from ((w, Token(Kind.MONTH, n, w)) for w, n in words.months.items())
    yield from ((w, Token(Kind.RANGE, None, w)) for w in words.ranges)
    yield from ((w, Token(Kind.LIST, None, w)) for w in words.lists)
    yield from ((w, Token(Kind.UNIT, n, w)) for w, n in words.units.items())
    yield from ((w, Token(Kind.EVERY, None, w)) for w in words.every)
    yield from ((w, Token(Kind.ONCE, None, w)) for w in words.once)
    yield from ((w, Token(Kind.WEEK, None, w)) for w in words.week_words)
    yield from ((w, Token(Kind.ORD, n, w)) for w, n in words.week_ordinals.items())
    yield from ((w, Token(Kind.ORD_PREFIX, None, w)) for w in words.ordinal_prefixes)
    yield from ((w, Token(Kind.PART, p, w)) for w, p in words.month_parts.items())
    yield from ((w, Token(Kind.DEADLINE, None, w)) for w in words.deadlines)
    yield from ((w, Token(Kind.DAY, None, w)) for w in words.day_words)
    yield from ((w, Token(Kind.FROM, None, w)) for w in words.from_words)
    yield from ((w, Token(Kind.NOISE, None, w)) for w in words.noise)
