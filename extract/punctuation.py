"""Punctuation the OCR model cannot write, read back from the print.

Tesseract's Indonesian model (tessdata's `ind`) has no ";" in its character set: it reads every
semicolon as "," or ":".  The marks differ in print, so the mark ending a word is
looked at again in the word's box: its strokes are the ones stacked over the
rightmost stroke, the line's baseline is where most other strokes end.  A tail
reaching clearly below the baseline under a dot is a semicolon; a colon's lower dot
sits on the baseline; a comma is a tail alone.  A lower stroke ending just under
the baseline (a pixel, in a coarse scan) could be either: the word keeps what OCR
read, with the confidence of a coin toss.

The model has no "%" either: "25%" comes out "2546", "100%" as "100Y6" or "100x".
Every word opening with a digit is read again, enlarged, by a model that can write
the sign (Tesseract's `eng`, allowed only digits, "%" and number punctuation).  A
"%" it reads after the digits the first reading also begins with replaces what the
first reading made of it; a "%" it reads where the digits disagree leaves the word as
first read, doubted.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import replace

import cv2
import numpy as np

from extract.grid import Box
from extract.mosaic import reread
from extract.raster import ink_mask
from extract.tesseract import Word, has_language

MARKS = (",", ":")  # what the model writes for a semicolon
MIN_STROKE_AREA = 3  # pixels: smaller specks are noise, not a dot
TAIL_BELOW = 0.1  # of the word's height (at least 2 pixels): a lower stroke ending this far under the baseline is a tail
UNDECIDED_CONFIDENCE = 50.0  # a mark that may be ";" or ":" is read no surer than this

SIGN_LANGUAGE = "eng"  # a model whose character set has "%"
SIGN_CHARACTERS = "0123456789%.,()/-"
SIGN_MIN_CONFIDENCE = 60  # a "%" read less surely than this only doubts the word
NUMBER_START = re.compile(r"^\(?\d")
ROW_NUMBER = re.compile(r"^\(?\d{1,2}[.,:)]?$")  # "1.", "(4)": numbering, never a percentage
DOUBTED_CONFIDENCE = 40.0  # a word two models read differently is read no surer than this

Stroke = tuple[int, int, int, int]  # left, top, width, height (pixels of the word's box)


def mend_semicolons(words: list[Word], grey: np.ndarray) -> list[Word]:
    """The words, each ending in "," or ":" printed as ";" ending in ";" instead (grey: the image OCR read)."""
    return [_mended(word, grey) if word.text.endswith(MARKS) and len(word.text) > 1 else word for word in words]


def _mended(word: Word, grey: np.ndarray) -> Word:
    patch = grey[max(0, word.top):word.bottom, max(0, word.left):word.right]
    below = _tail_below_baseline(_strokes(patch))
    if below is None or below <= 0:
        return word  # a lone stroke (a comma), or a dot on the baseline (a colon)
    if below >= max(2.0, TAIL_BELOW * word.height):
        return replace(word, text=word.text[:-1] + ";")
    return replace(word, confidence=min(word.confidence, UNDECIDED_CONFIDENCE))


def _strokes(patch: np.ndarray) -> list[Stroke]:
    """Connected strokes of print in the patch, specks left out."""
    if patch.size == 0:
        return []
    count, _, stats, _ = cv2.connectedComponentsWithStats((ink_mask(patch) > 0).astype(np.uint8), connectivity=8)
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h, area in stats[1:count] if area >= MIN_STROKE_AREA]


def _tail_below_baseline(strokes: list[Stroke]) -> float | None:
    """How far (pixels) the lower of two strokes stacked at the right end reaches under the baseline; None if not two."""
    if len(strokes) < 3:
        return None
    last = max(strokes, key=lambda s: s[0] + s[2])
    mark = sorted((s for s in strokes if s[0] < last[0] + last[2] and last[0] < s[0] + s[2]), key=lambda s: s[1])
    letters = [s for s in strokes if s not in mark]
    if len(mark) != 2 or not letters or mark[1][1] < mark[0][1] + mark[0][3]:
        return None
    baseline = statistics.median(s[1] + s[3] for s in letters)
    return mark[1][1] + mark[1][3] - baseline


def read_percent_signs(grey: np.ndarray, cells: list[list[Word]], dpi: float, source: object) -> list[list[Word]]:
    """The cells' words, with the "%" signs the first model could not write read by one that can."""
    candidates = [(c, w) for c, words in enumerate(cells) for w, word in enumerate(words)
                  if NUMBER_START.match(word.text) and not ROW_NUMBER.match(word.text)]
    if not candidates or not has_language(SIGN_LANGUAGE):
        return cells
    boxes = [_padded(cells[c][w], grey.shape) for c, w in candidates]
    again = reread(grey, boxes, dpi, source, language=SIGN_LANGUAGE, characters=SIGN_CHARACTERS)
    mended = [list(words) for words in cells]
    for (c, w), second in zip(candidates, again):
        mended[c][w] = _with_sign(cells[c][w], second)
    return mended


def _padded(word: Word, shape: tuple[int, ...]) -> Box:
    pad = max(2, word.height // 4)
    return Box(max(0, word.left - pad), max(0, word.top - pad), min(shape[1], word.right + pad),
               min(shape[0], word.bottom + pad))


def _with_sign(word: Word, second: list[Word]) -> Word:
    """The word with the second model's "%" where both models agree on the digits before it."""
    text = "".join(w.text for w in second)
    if "%" not in text or "%" in word.text:
        return word
    digits = text[:text.index("%")]
    confidence = min(w.confidence for w in second)
    if digits and word.text.startswith(digits) and len(word.text) > len(digits) and confidence >= SIGN_MIN_CONFIDENCE:
        tail = word.text[len(digits):]
        punctuation = tail[-1] if tail[-1] in ".,;:)" and text.endswith("%") else ""
        return replace(word, text=text + punctuation, confidence=min(word.confidence, confidence))
    return replace(word, confidence=min(word.confidence, DOUBTED_CONFIDENCE))
