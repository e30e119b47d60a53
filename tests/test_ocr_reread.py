"""The second look at doubtful cells: which part of a cell is read again, and when the second reading wins."""

from __future__ import annotations

import cv2
import numpy as np

from extract.grid import Box
from extract.mosaic import reread
from extract.ocr import REREAD_BELOW, _doubts, _reads_as_much
from extract.tesseract import Word

DPI = 150
CELL = Box(0, 0, 400, 130)
LINE_TOPS = (20, 55, 90)  # three printed lines, 20 px high, 15 px apart
WORD_LEFTS = (10, 130, 250)


def cell_ink(lines: int = 3) -> np.ndarray:
    """Ink mask (255 = ink) of a cell holding three words on each of `lines` lines."""
    ink = np.zeros((CELL.y1, CELL.x1), np.uint8)
    for top in LINE_TOPS[:lines]:
        for left in WORD_LEFTS:
            ink[top + 4:top + 18, left:left + 100] = 255
    return ink


def line_words(index: int, confidences: tuple[float, float, float] = (95, 95, 95),
               texts: tuple[str, str, str] = ("kata", "lain", "lagi")) -> list[Word]:
    top = LINE_TOPS[index]
    return [Word(text, confidence, left, top, 100, 20, (1, 1, index + 1))
            for text, confidence, left in zip(texts, confidences, WORD_LEFTS)]


def test_only_the_line_with_an_unsure_word_is_read_again():
    words = line_words(0) + line_words(1, (95, REREAD_BELOW - 20, 95)) + line_words(2)
    doubts = _doubts(words, cell_ink(), CELL, DPI, (0, 0))
    assert len(doubts) == 1
    doubt = doubts[0]
    assert set(doubt.first) == set(line_words(1, (95, REREAD_BELOW - 20, 95)))
    assert doubt.box.y0 <= LINE_TOPS[1] + 4 and doubt.box.y1 >= LINE_TOPS[1] + 18  # the whole line ...
    assert doubt.box.y0 >= LINE_TOPS[0] + 18 and doubt.box.y1 <= LINE_TOPS[2] + 4  # ... and none of its neighbours
    assert doubt.box.x0 <= WORD_LEFTS[0] and doubt.box.x1 >= WORD_LEFTS[-1] + 100  # across the cell


def test_neighbouring_unsure_lines_are_read_again_together():
    unsure = (REREAD_BELOW - 1, 95, 95)
    words = line_words(0) + line_words(1, unsure) + line_words(2, unsure)
    doubts = _doubts(words, cell_ink(), CELL, DPI, (0, 0))
    assert len(doubts) == 1
    assert set(doubts[0].first) == set(line_words(1, unsure) + line_words(2, unsure))


def test_a_surely_read_stroke_makes_its_line_doubtful():
    words = line_words(0) + line_words(1, texts=("kata", "lain", "—")) + line_words(2)
    doubts = _doubts(words, cell_ink(), CELL, DPI, (0, 0))
    assert [set(doubt.first) for doubt in doubts] == [set(line_words(1, texts=("kata", "lain", "—")))]


def test_a_surely_read_cell_is_left_alone():
    words = line_words(0) + line_words(1) + line_words(2)
    assert _doubts(words, cell_ink(), CELL, DPI, (0, 0)) == []


def test_print_without_words_and_a_skipped_line_have_the_whole_cell_read_again():
    nothing_read = _doubts([], cell_ink(), CELL, DPI, (0, 0))
    assert len(nothing_read) == 1 and nothing_read[0].first == ()
    skipped = _doubts(line_words(0) + line_words(2), cell_ink(), CELL, DPI, (0, 0))
    assert len(skipped) == 1
    assert set(skipped[0].first) == set(line_words(0) + line_words(2))
    for doubt in nothing_read + skipped:
        assert doubt.box.y0 <= LINE_TOPS[0] + 4 and doubt.box.y1 >= LINE_TOPS[2] + 18


def test_a_second_reading_that_drops_a_line_does_not_replace_the_first():
    first = line_words(1) + line_words(2)
    region = Box(0, LINE_TOPS[1] - 5, CELL.x1, CELL.y1)
    assert not _reads_as_much(line_words(1), first, cell_ink(), region)
    assert _reads_as_much(line_words(1) + line_words(2), first, cell_ink(), region)


def test_words_read_again_map_back_to_their_region_each_with_its_own_lines():
    page = np.full((300, 700), 255, np.uint8)
    cv2.putText(page, "Laporan", (40, 70), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.putText(page, "Dokumentasi", (320, 220), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    boxes = [Box(20, 30, 250, 90), Box(300, 180, 620, 240)]
    found = reread(page, boxes, DPI)
    assert [" ".join(word.text for word in words) for words in found] == ["Laporan", "Dokumentasi"]
    for box, words in zip(boxes, found):
        for word in words:
            assert box.x0 <= word.centre[0] <= box.x1 and box.y0 <= word.centre[1] <= box.y1
    assert {word.line[0] for word in found[0]}.isdisjoint(word.line[0] for word in found[1])
    assert all(word.line[0] < 0 for words in found for word in words)  # never a line of the page's reading
