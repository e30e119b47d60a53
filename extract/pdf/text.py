"""Characters -> lines of text: grouped by baseline, ordered left to right, words spaced."""

from __future__ import annotations

from operator import itemgetter

from extract.pdf.page import Char

_WORD_GAP = 0.2  # a gap wider than this share of the font size separates two words
_SAME_LINE = 0.35  # centres closer than this share of the line height sit on one line


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """The characters grouped into printed lines, top to bottom, each left to right."""
    lines: list[list[Char]] = []
    centre = height = 0.0
    by_centre = sorted(zip([(c.top + c.bottom) / 2 for c in chars], chars), key=itemgetter(0))  # stable, as before
    for mid_y, char in by_centre:
        if lines and abs(mid_y - centre) <= _SAME_LINE * height:
            lines[-1].append(char)
            continue
        lines.append([char])
        centre, height = mid_y, max(char.bottom - char.top, 1.0)
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def line_text(line: list[Char]) -> str:
    """One printed line's text with single spaces between words."""
    parts: list[str] = []
    previous: Char | None = None
    for char in line:
        if char.text.isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        if previous is not None:
            if _overprinted(previous, char):
                continue
            if char.x0 - previous.x1 > _WORD_GAP * max(char.size, 1.0) and parts[-1] != " ":
                parts.append(" ")
        parts.append(char.text)
        previous = char
    return "".join(parts).strip()


def text_lines(chars: list[Char]) -> list[str]:
    """The non-empty lines of text the characters print."""
    texts = (line_text(line) for line in group_lines(chars))
    return [text for text in texts if text]


def _overprinted(previous: Char, char: Char) -> bool:
    """The same glyph printed twice in place (fake bold)."""
    return char.text == previous.text and abs(char.x0 - previous.x0) < 0.3 * max(char.x1 - char.x0, 0.5)
