"""Find the matrix header and give every column a canonical role.

The header is recognised by its wording (synonyms kept in data/layout.toml), never
by which office printed it.  Repeated headers and numbering rows ("1 2 3",
"(1) (2) ...") that offices print under the header are recognised too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.document import Row
from normalize.text import clean, fold
from normalize.vocabulary import load

_PARENTHESISED = re.compile(r"\s*\([^)]*\)\s*")
_NUMBERING_CELL = re.compile(r"^\(?\s*\d{1,2}\s*\)?\.?$")


@dataclass(frozen=True)
class Column:
    index: int
    role: str  # a role of data/layout.toml (no, area, component, ...), or "extra"
    header: str  # as printed, cleaned


@dataclass(frozen=True)
class Layout:
    """The matrix's columns, and where its (first) header row stands."""

    header_row: int
    columns: tuple[Column, ...]

    def index_of(self, role: str) -> int | None:
        return next((c.index for c in self.columns if c.role == role), None)

    def has(self, role: str) -> bool:
        return self.index_of(role) is not None

    @property
    def roles(self) -> list[str]:
        return [c.role for c in self.columns]

    def is_header(self, row: Row) -> bool:
        """True for a repeat of this layout's header row."""
        printed = [fold(c.header) for c in self.columns]
        seen = [fold(t) for t in row.texts[: len(printed)]]
        return sum(a == b and a != "" for a, b in zip(printed, seen)) >= max(2, len(printed) // 2)


@cache
def _synonyms() -> tuple[tuple[str, str], ...]:
    pairs = [(fold(word), role) for role, words in load("layout")["roles"].items() for word in words]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def role_of(header: str) -> str | None:
    """The canonical role a printed header names, or None when it names none."""
    folded = fold(_PARENTHESISED.sub(" ", header)) or fold(header)
    for word, role in _synonyms():
        if folded == word:
            return role
    for word, role in _synonyms():
        if folded.startswith((word + " ", word + "/")):
            return role
    return None


def find_layout(rows: list[Row], search_rows: int = 40) -> Layout | None:
    """The first row naming enough known roles becomes the header; None if there is none."""
    needed = load("layout")["header"]["min_known_roles"]
    for index, row in enumerate(rows[:search_rows]):
        roles = [role_of(text) if clean(text) else None for text in row.texts]
        if sum(r is not None for r in set(roles)) >= needed:
            return Layout(index, _columns(row, roles))
    return None


def _columns(row: Row, roles: list[str | None]) -> tuple[Column, ...]:
    columns: list[Column] = []
    taken: set[str] = set()
    for index, (text, role) in enumerate(zip(row.texts, roles)):
        header = clean(text)
        if not header and index == len(row.texts) - 1:
            continue  # a trailing empty cell is no column
        if role is None or role in taken:
            role = "extra"
        taken.add(role)
        columns.append(Column(index, role, header))
    return tuple(columns)


def is_numbering_row(row: Row) -> bool:
    """True for the row of column numbers printed under a header: "1 2 3" or "(1) (2) (3)"."""
    texts = [clean(t) for t in row.texts if clean(t)]
    if len(texts) < 3 or not all(_NUMBERING_CELL.match(t) for t in texts):
        return False
    numbers = [int(re.sub(r"\D", "", t)) for t in texts]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
