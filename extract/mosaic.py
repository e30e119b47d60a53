"""A second look at doubtful regions of a page, in as few Tesseract calls as its size limit allows.

Page-level OCR reads short, isolated cell texts ("(4)", "1.") worst.  The doubtful
regions are cut out, enlarged to at least `REREAD_DPI`, and stacked one under the
other with white space between them; Tesseract reads a stack as one block of text
and every word is mapped back to the region it came from, in page pixels.  A page
with many doubtful lines gives several stacks, none past Tesseract's limit of
`MAX_SIDE` pixels a side (a region too large for it is enlarged less).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extract.grid import Box
from extract.tesseract import LANGUAGE, MAX_SIDE, Word, read_words

REREAD_DPI = 300
GAP_INCHES = 0.2  # white space between two regions in the stack
MARGIN_INCHES = 0.15


@dataclass(frozen=True)
class _Placed:
    """A region's enlarged crop and where it stands in its stack."""

    index: int  # of the region in the caller's list
    crop: np.ndarray
    top: int  # pixels from the top of its stack


def reread(grey: np.ndarray, boxes: list[Box], dpi: float, source: object = "page", language: str = LANGUAGE,
           characters: str | None = None) -> list[list[Word]]:
    """The words of each box, read again from enlarged stacks; boxes in, words out in page pixels."""
    if not boxes:
        return []
    scale = _scale(boxes, dpi)
    gap, margin = int(GAP_INCHES * dpi * scale), int(MARGIN_INCHES * dpi * scale)
    found: list[list[Word]] = [[] for _ in boxes]
    for stack in stacks([_enlarged(grey, box, scale) for box in boxes], gap, margin):
        width = max(placed.crop.shape[1] for placed in stack) + 2 * margin
        height = stack[-1].top + stack[-1].crop.shape[0] + margin
        image = np.full((height, width), 255, np.uint8)
        for placed in stack:
            image[placed.top:placed.top + placed.crop.shape[0], margin:margin + placed.crop.shape[1]] = placed.crop
        for word in read_words(image, dpi * scale, psm=6, source=source, language=language, characters=characters):
            centre = word.top + word.height / 2
            for placed in stack:
                if placed.top - gap / 2 <= centre < placed.top + placed.crop.shape[0] + gap / 2:
                    found[placed.index].append(_to_page(word, placed, boxes[placed.index], margin, scale))
                    break
    return found


def stacks(crops: list[np.ndarray], gap: int, margin: int, limit: int = MAX_SIDE) -> list[list[_Placed]]:
    """The crops in order, in stacks no taller than `limit` pixels (margins and gaps included)."""
    result: list[list[_Placed]] = []
    current: list[_Placed] = []
    top = margin
    for index, crop in enumerate(crops):
        if current and top + crop.shape[0] + margin > limit:
            result.append(current)
            current, top = [], margin
        current.append(_Placed(index, crop, top))
        top += crop.shape[0] + gap
    if current:
        result.append(current)
    return result


def _scale(boxes: list[Box], dpi: float) -> float:
    """Enlarge to REREAD_DPI, less where the largest region would not fit Tesseract's limit in one stack."""
    wanted = max(1.0, REREAD_DPI / dpi)
    room = MAX_SIDE - 2 * MARGIN_INCHES * REREAD_DPI
    largest = max(max(box.x1 - box.x0, box.y1 - box.y0) for box in boxes)
    return min(wanted, room / max(1, largest))


def _enlarged(grey: np.ndarray, box: Box, scale: float) -> np.ndarray:
    crop = grey[box.y0:box.y1, box.x0:box.x1]
    if scale == 1.0:
        return crop
    return cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)


def _to_page(word: Word, placed: _Placed, box: Box, margin: int, scale: float) -> Word:
    """The word in page pixels; its line numbered by region (negative: never a page line's), paragraph, line."""
    return Word(word.text, word.confidence,
                left=box.x0 + int((word.left - margin) / scale),
                top=box.y0 + int((word.top - placed.top) / scale),
                width=max(1, int(word.width / scale)), height=max(1, int(word.height / scale)),
                line=(-1 - placed.index, word.line[1], word.line[2]))
