"""Text rules of the schema that apply to every string field."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"</?(?:b|i|u|strong|em)\s*>", re.IGNORECASE)
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\s*\n\s*")
_SPACES = re.compile(r"\s+")
_LEADING_NUMBER = re.compile(
    r"^\s*(?:(\d{1,3}(?:\.\d{1,3})*)\s*\.(?!\d)|(\d{1,2}(?:\.\d{1,2})+)(?=\s)|([a-z])\.(?=\s))\s*(?=\S)")
_NEXT_ENTRY = {"1": "2", "a": "b"}
_LEADING_AREA_NUMBER = re.compile(r"^\s*([IVX]{1,5}|\d{1,2}|[A-F])\s*[.)]\s*(?=\S)")


def clean(text: str | None) -> str:
    """Remove markup, join hyphenated line breaks, collapse whitespace, trim."""
    if not text:
        return ""
    text = _MARKUP.sub("", text)
    text = _HYPHEN_BREAK.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def join_continuation(head: str, tail: str) -> str:
    """Join a cell split by a page break: one space, none after a word-final hyphen."""
    head, tail = head.rstrip(), tail.strip()
    if not head:
        return tail
    if not tail:
        return head
    if re.search(r"[^\W\d_]-$", head):
        return head + tail
    return f"{head} {tail}"


def split_number(text: str) -> tuple[str | None, str]:
    """Move a leading row number out of the text: "1. Menyusun SOP" -> ("1", "Menyusun SOP").

    Numbers are "N.", nested "1.1" / "1.1.", and a lower-case letter "a." ("a. SK Tim Kerja").
    """
    match = _LEADING_NUMBER.match(text)
    if not match:
        return None, text
    return next(g for g in match.groups() if g), text[match.end():].strip()


def split_row_number(text: str) -> tuple[str | None, str]:
    """`split_number` for a cell's own number: a cell holding a list "1. ... 2. ..." keeps its text whole."""
    number, rest = split_number(text)
    if number in _NEXT_ENTRY and re.search(rf"(?:^|\s){_NEXT_ENTRY[number]}\.\s", rest):
        return None, text  # "1. ... 2. ...": an in-cell list, text that stays
    return number, rest


def split_area_number(text: str) -> tuple[str | None, str]:
    """Split a section heading's numbering: "II. PENATAAN TATA LAKSANA" -> ("II", "PENATAAN ...")."""
    match = _LEADING_AREA_NUMBER.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():].strip()


def bare_number(text: str) -> str | None:
    """A NO cell's value as printed without its trailing dot ("1." -> "1"); None when empty."""
    text = clean(text).rstrip(".").strip()
    return text or None


def fold(text: str) -> str:
    """Comparison key: upper case, single spaces, no spaces around slashes."""
    text = clean(text).upper()
    text = re.sub(r"\s*/\s*", "/", text)
    return re.sub(r"[\s.:]+$", "", text)
