"""Find the matrix header and give every column a canonical role, keeping the evidence.

Reading a layout is three decisions (see /docs and `decrees layout FILE`):
1. where the header is: one to `max_rows` rows at the top of the matrix naming at least
   `min_known_roles` roles (vocabulary/data/layout.toml) -- a group header over its
   sub-headers, sub-headers printed on the first area row, columns a group header
   spans without a label of their own;
2. which role each column plays: the printed header's evidence (vocabulary/headers.py:
   exact, prefix or tolerant matching) and the column's content (normalize/profile.py),
   combined into one assignment for the whole table (each role at most once, the
   assignment of greatest total score: `lap.lapjv`), columns left over kept as `extra`;
3. which rows are sections (normalize/items.py).
Repeated headers and numbering rows ("1 2 3", "(1) (2) ...") under the header are
recognised too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

import vocabulary
from extract.document import Row
from normalize.profile import ColumnProfile, profile_column
from normalize.text import clean, fold
from vocabulary import load
from vocabulary.headers import HeaderMatch, fold_header, header_matches, role_of
from vocabulary.headers import roles as known_roles

__all__ = ["Column", "Layout", "find_layout", "is_numbering_row", "role_of"]

_NUMBERING_CELL = re.compile(r"^\(?\s*\d{1,2}\s*\)?\.?$")
_SECTION_NUMBER = re.compile(r"^\(?(?:[IVXLC]{1,6}|[A-Za-z]|\d{1,2})\s*[.)]?$")
_SUB_HEADER_WORDS = 3  # a sub-header is a short label
_GROUP_SCORE = 85.0  # a column placed under a known group header without a label of its own
_EXTRA_SCORE = 50.0  # a column no role scores more than this for stays `extra`
_CONTENT_WEIGHT = 0.9  # content alone counts this much of a header's word
_AGREEMENT_BONUS = 0.1  # header and content agreeing add this share of the weaker


@dataclass(frozen=True)
class Column:
    """One matrix column: its role and why it was given."""

    index: int
    role: str  # a role of vocabulary/data/layout.toml (no, area, component, ...), or "extra"
    header: str  # as printed, cleaned (a group header and its sub-header joined by " / ")
    decided_by: str = "header"  # header | content | header+content | none (extra)
    header_score: float = 0.0  # 0-100: how well the printed header names the role
    content_score: float = 0.0  # 0-100: how well the cells read as the role
    header_match: str = ""  # exact | prefix | fuzzy, and the synonym matched
    scores: tuple[tuple[str, float], ...] = ()  # the best combined scores of this column, for display


@dataclass(frozen=True)
class Layout:
    """The matrix's columns, where its header stands, and the header words printed again in the body."""

    header_row: int  # first header row
    columns: tuple[Column, ...]
    header_rows: int = 1  # rows the header takes
    body_start: int = -1  # first row after the header (a header row that is also an area row stays in)
    sub_headers: frozenset[tuple[int, str]] = field(default_factory=frozenset)  # (column, folded text)
    printed_rows: tuple[tuple[str, ...], ...] = ()  # folded texts of the header rows, to spot repeats

    def index_of(self, role: str) -> int | None:
        return next((c.index for c in self.columns if c.role == role), None)

    def has(self, role: str) -> bool:
        return self.index_of(role) is not None

    @property
    def roles(self) -> list[str]:
        return [c.role for c in self.columns]

    @property
    def first_body_row(self) -> int:
        return self.body_start if self.body_start >= 0 else self.header_row + self.header_rows

    def is_header(self, row: Row) -> bool:
        """True for a repeat of this layout's header (any of its rows); an area row repeating sub-headers is none."""
        if self.sub_headers and _filled(self.without_sub_headers(row)) and _is_section_like(row, self.sub_headers):
            return False
        seen = [fold(t) for t in row.texts]
        printed_rows = self.printed_rows or (tuple(fold(c.header) for c in self.columns),)
        for printed in printed_rows:
            known = [p for p in printed if p]
            same = sum(a == b and a != "" for a, b in zip(printed, seen))
            if known and same >= max(2 if len(known) > 1 else 1, len(known) // 2) and same >= _filled(seen) // 2:
                return True
        return False

    def without_sub_headers(self, row: Row) -> tuple[str, ...]:
        """The row's texts with sub-headers printed again on it (an area row repeating them) blanked."""
        return layout_texts(row, self.sub_headers)


_RECENT: dict[tuple, Layout | None] = {}  # several steps ask for the layout of the same table
_RECENT_SIZE = 4


def find_layout(rows: list[Row], search_rows: int = 40) -> Layout | None:
    """The first band of rows naming enough known roles becomes the header; None if there is none."""
    key = (vocabulary.fingerprint(), search_rows, tuple(row.texts for row in rows))
    if key not in _RECENT:
        if len(_RECENT) >= _RECENT_SIZE:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[key] = _find_layout(rows, search_rows)
    return _RECENT[key]


def _find_layout(rows: list[Row], search_rows: int) -> Layout | None:
    settings = load("layout")["header"]
    for start in range(min(search_rows, len(rows))):
        for size in range(1, settings["max_rows"] + 1):
            band = rows[start:start + size]
            if len(band) < size or (size > 1 and (is_numbering_row(band[-1]) or _filled(band[-1].texts) == 0)):
                break
            if _names_enough(band):
                while len(band) > 1 and _names_enough(band[1:]):
                    start, band = start + 1, band[1:]  # a row above the header naming a role by chance
                while len(band) < settings["max_rows"] and start + len(band) < len(rows) \
                        and _sub_header_row(rows[start + len(band)]):
                    band = rows[start:start + len(band) + 1]
                return _layout(rows, start, band, _band_headers(band))
    return None


def _sub_header_row(row: Row) -> bool:
    """A row under the header of sub-headers under group headers: short words without digits, one naming a role."""
    texts = [clean(t) for t in row.texts if clean(t)]
    return (bool(texts) and any(role_of(t) for t in texts)
            and all(len(t.split()) <= _SUB_HEADER_WORDS and not re.search(r"\d", t) for t in texts)
            and not _SECTION_NUMBER.match(texts[0]))


def _names_enough(band: list[Row]) -> bool:
    known = {role_of(text) for texts in _band_headers(band) for text in texts} - {None}
    return len(known) >= load("layout")["header"]["min_known_roles"]


def _filled(texts) -> int:
    return sum(1 for t in texts if clean(t))


def _band_headers(band: list[Row]) -> list[list[str]]:
    """Per column, the header texts printed over it, top to bottom.

    A group header covers the empty cells to its right under which a lower row prints
    sub-headers; a row that also opens a section gives only its cells that name roles.
    """
    texts = _band_texts(band)
    width = len(texts[0])
    headers: list[list[str]] = [[] for _ in range(width)]
    for level, row in enumerate(texts):
        group = ""
        for col, text in enumerate(row):
            below = any(texts[lower][col] for lower in range(level + 1, len(texts)))
            if text:
                headers[col].append(text)
                group = text
            elif group and below:
                headers[col].append(group)
    return headers


def _band_texts(band: list[Row]) -> list[list[str]]:
    """The header band's cell texts, rows of equal width; a row that also opens a section keeps only role names."""
    width = max(len(r.texts) for r in band)
    texts = [[clean(r.texts[c]) if c < len(r.texts) else "" for c in range(width)] for r in band]
    for level in range(1, len(band)):
        if _carries_a_section(band[level]):
            texts[level] = [t if role_of(t) else "" for t in texts[level]]
    return texts


def _group_evidence(band: list[Row], filled: set[int]) -> dict[int, HeaderMatch]:
    """Columns a known group header ([groups] of layout.toml: "PROSES") spans without labels of their own.

    The group's label stands over its first column and covers the empty header cells to its
    right; those columns take the group's roles in order.
    """
    groups = {fold_header(label): roles for label, roles in load("layout").get("groups", {}).items()}
    texts = _band_texts(band)
    labelled = {col for row in texts for col, text in enumerate(row) if text}
    evidence: dict[int, HeaderMatch] = {}
    for row in texts:
        for col, text in enumerate(row):
            roles = groups.get(fold_header(text)) if text else None
            if not roles:
                continue
            spanned = [col]
            while spanned[-1] + 1 < len(row) and spanned[-1] + 1 not in labelled and spanned[-1] + 1 in filled:
                spanned.append(spanned[-1] + 1)  # an empty header cell over a column with text in the body
            if len(spanned) == 1:
                continue  # a group header over labelled sub-headers: they speak for themselves
            for position, column in enumerate(spanned[:len(roles)]):
                evidence[column] = HeaderMatch(roles[position], _GROUP_SCORE, "group", fold_header(text))
    return evidence


def _layout(rows: list[Row], start: int, band: list[Row], headers: list[list[str]]) -> Layout:
    mixed = [r for r, row in enumerate(band) if r > 0 and _carries_a_section(row)]
    body_start = start + (mixed[0] if mixed else len(band))
    sub_headers = frozenset((col, fold(text)) for r, row in enumerate(band) if r > 0
                            for col, text in enumerate(row.texts)
                            if clean(text) and (role_of(text) or not _carries_a_section(row)))
    body = [row for row in rows[body_start:] if not is_numbering_row(row) and not _is_section_like(row, sub_headers)]
    width = len(headers)
    while width > 1 and not headers[width - 1] and not any(_cell(r, width - 1) for r in body):
        width -= 1  # a trailing empty column is no column
    texts = [layout_texts(row, sub_headers) for row in body]
    profiles = [profile_column([t[col] if col < len(t) else "" for t in texts]) for col in range(width)]
    filled = {col for t in texts for col, text in enumerate(t) if clean(text)}
    columns = _assign([" / ".join(dict.fromkeys(h)) for h in headers[:width]], headers[:width], profiles,
                      _group_evidence(band, filled))
    printed = tuple(tuple(fold(t) for t in row.texts) for r, row in enumerate(band) if start + r < body_start)
    return Layout(start, columns, header_rows=len(band), body_start=body_start, sub_headers=sub_headers,
                  printed_rows=printed)


def _cell(row: Row, index: int) -> str:
    return row.texts[index] if index < len(row.texts) else ""


def layout_texts(row: Row, sub_headers: frozenset[tuple[int, str]]) -> tuple[str, ...]:
    """The row's texts, sub-headers printed again on it blanked."""
    if not sub_headers:
        return row.texts
    return tuple("" if (i, fold(t)) in sub_headers else t for i, t in enumerate(row.texts))


def _is_section_like(row: Row, sub_headers: frozenset[tuple[int, str]]) -> bool:
    """A row of one cell, or an area number and a label (sub-headers printed on it aside)."""
    texts = [clean(t) for t in layout_texts(row, sub_headers)]
    filled = [t for t in texts if t]
    return len(filled) <= 1 or (len(filled) == 2 and bool(texts[0]) and bool(texts[1])
                                and bool(_SECTION_NUMBER.match(texts[0])))


def _carries_a_section(row: Row) -> bool:
    """A header row that also opens a section: an area number in its first cell, a label beside it."""
    texts = [clean(t) for t in row.texts]
    return bool(texts) and bool(_SECTION_NUMBER.match(texts[0])) and len(texts) > 1 and bool(texts[1]) \
        and role_of(texts[1]) is None


def _assign(printed: list[str], headers: list[list[str]], profiles: list[ColumnProfile],
            groups: dict[int, HeaderMatch]) -> tuple[Column, ...]:
    """One role per column, each role at most once, of greatest total score; the rest `extra`."""
    import lap  # the Jonker-Volgenant solver for the assignment

    roles = list(known_roles())
    header_scores = [_header_scores(texts) for texts in headers]
    for col, match in groups.items():
        if col < len(header_scores) and match.role not in header_scores[col]:
            header_scores[col][match.role] = match
    content_scores = [p.scores() for p in profiles]
    total = np.zeros((len(printed), len(roles) + len(printed)))
    for col in range(len(printed)):
        for r, role in enumerate(roles):
            total[col, r] = _combined(header_scores[col].get(role), content_scores[col].get(role, 0.0))
        total[col, len(roles):] = _EXTRA_SCORE
    _, chosen, _ = lap.lapjv(-total, extend_cost=True)
    columns = []
    for col, pick in enumerate(chosen):
        role = roles[pick] if pick < len(roles) else "extra"
        chosen_match = header_scores[col].get(role)
        content = content_scores[col].get(role, 0.0)
        ranked = sorted(((roles[r], round(float(total[col, r]), 1)) for r in range(len(roles))
                         if total[col, r] > 0), key=lambda pair: -pair[1])[:3]
        columns.append(Column(
            index=col, role=role, header=printed[col], decided_by=_decided_by(role, chosen_match, content),
            header_score=chosen_match.score if chosen_match else 0.0, content_score=round(content, 1),
            header_match=f"{chosen_match.how} {chosen_match.synonym!r}" if chosen_match else "",
            scores=tuple(ranked)))
    return tuple(columns)


def _header_scores(texts: list[str]) -> dict[str, HeaderMatch]:
    """The best match per role among the header texts printed over a column (the lowest, most specific, first)."""
    best: dict[str, HeaderMatch] = {}
    for depth, text in enumerate(reversed(texts)):
        for match in header_matches(text):
            score = match.score - 5 * depth  # a group header says less than the column's own sub-header
            if match.role not in best or score > best[match.role].score:
                best[match.role] = HeaderMatch(match.role, score, match.how, match.synonym)
    return best


def _combined(match: HeaderMatch | None, content: float) -> float:
    header = match.score if match else 0.0
    return max(header, _CONTENT_WEIGHT * content) + _AGREEMENT_BONUS * min(header, content)


def _decided_by(role: str, match: HeaderMatch | None, content: float) -> str:
    if role == "extra":
        return "none"
    header = match.score if match else 0.0
    if header and content >= _EXTRA_SCORE:
        return "header+content"
    return "header" if header >= _CONTENT_WEIGHT * content else "content"


def is_numbering_row(row: Row) -> bool:
    """True for the row of column numbers printed under a header: "1 2 3" or "(1) (2) (3)"."""
    texts = [clean(t) for t in row.texts if clean(t)]
    if len(texts) < 3 or not all(_NUMBERING_CELL.match(t) for t in texts):
        return False
    numbers = [int(re.sub(r"\D", "", t)) for t in texts]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
