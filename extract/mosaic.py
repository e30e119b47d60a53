"""A second look at doubtful regions of a page, in one Tesseract call.

Page-level OCR reads short, isolated cell texts ("(4)", "1.") worst.  The doubtful
regions are cut out, enlarged to at least `REREAD_DPI`, and stacked one under the
other with white space between them; Tesseract reads the stack as one block of
text and every word is mapped back to the region it came from, in page pixels.
"""

from __future__ import annotations

import cv2
import numpy as np

from extract.grid import Box
from extract.tesseract import Word, read_words

REREAD_DPI = 300
GAP_INCHES = 0.2  # white space between two regions in the stack
MARGIN_INCHES = 0.15


def reread(grey: np.ndarray, boxes: list[Box], dpi: float, source: object = "page") -> list[list[Word]]:
    """The words of each box, read again from an enlarged stack; boxes in, words out in page pixels."""
    if not boxes:
        return []
    scale = max(1.0, REREAD_DPI / dpi)
    crops = [_enlarged(grey, box, scale) for box in boxes]
    gap, margin = int(GAP_INCHES * dpi * scale), int(MARGIN_INCHES * dpi * scale)
    width = max(crop.shape[1] for crop in crops) + 2 * margin
    height = sum(crop.shape[0] for crop in crops) + gap * (len(crops) - 1) + 2 * margin
    stack = np.full((height, width), 255, np.uint8)
    offsets = []
    top = margin
    for crop in crops:
        stack[top:top + crop.shape[0], margin:margin + crop.shape[1]] = crop
        offsets.append(top)
        top += crop.shape[0] + gap
    words = read_words(stack, dpi * scale, psm=6, source=source)
    found: list[list[Word]] = [[] for _ in boxes]
    for word in words:
        centre = word.top + word.height / 2
        for index, (box, offset, crop) in enumerate(zip(boxes, offsets, crops)):
            if offset - gap / 2 <= centre < offset + crop.shape[0] + gap / 2:
                found[index].append(_to_page(word, index, box, offset, margin, scale))
                break
    return found


def _enlarged(grey: np.ndarray, box: Box, scale: float) -> np.ndarray:
    crop = grey[box.y0:box.y1, box.x0:box.x1]
    if scale == 1.0:
        return crop
    return cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)


def _to_page(word: Word, index: int, box: Box, offset: int, margin: int, scale: float) -> Word:
    """The word in page pixels; its line numbered by region (negative: never a page line's), paragraph, line."""
    return Word(word.text, word.confidence,
                left=box.x0 + int((word.left - margin) / scale),
                top=box.y0 + int((word.top - offset) / scale),
                width=max(1, int(word.width / scale)), height=max(1, int(word.height / scale)),
                line=(-1 - index, word.line[1], word.line[2]))
