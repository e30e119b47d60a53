"""One Tesseract call per page image, through pytesseract: the words with their boxes and confidences.

Tesseract runs as a subprocess with `OMP_THREAD_LIMIT=1` (pages are parallelised
by the caller, not inside Tesseract: on two cores its own threads make it several
times slower).  Images go to it as uncompressed PGM, so no time is spent encoding.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image

from extract.errors import SourceError

LANGUAGE = "ind"
TIMEOUT_SECONDS = 300


class OcrUnavailableError(SourceError):
    """Tesseract or its Indonesian data is not installed."""

    reason = "ocr_unavailable"


class OcrFailedError(SourceError):
    reason = "ocr_failed"


@dataclass(frozen=True)
class Word:
    """A word as Tesseract read it; box in pixels of the image it was given."""

    text: str
    confidence: float  # 0..100
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # Tesseract's block, paragraph, line numbers

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@cache
def tesseract_command() -> str:
    """The tesseract executable; raises OcrUnavailableError when it or the `ind` data is missing."""
    try:
        languages = _pytesseract().get_languages()
    except _pytesseract().TesseractNotFoundError as error:
        raise OcrUnavailableError("tesseract", "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-ind)") from error
    if LANGUAGE not in languages:
        raise OcrUnavailableError("tesseract", f"Tesseract has no '{LANGUAGE}' data (apt-get install tesseract-ocr-{LANGUAGE})")
    return _pytesseract().pytesseract.tesseract_cmd


@cache
def _languages() -> tuple[str, ...]:
    tesseract_command()
    return tuple(_pytesseract().get_languages())


def read_words(grey: np.ndarray, dpi: float, psm: int = 3, source: object = "page") -> list[Word]:
    """OCR a grey image (uint8, 0 = ink) with the Indonesian model; the non-empty words."""
    tesseract_command()
    try:
        tsv = _run(_pytesseract().image_to_data, grey, LANGUAGE, f"--psm {psm} --dpi {int(round(dpi))}")
    except RuntimeError as error:  # pytesseract's timeout
        raise OcrFailedError(source, f"Tesseract took longer than {TIMEOUT_SECONDS} s on one page") from error
    except _pytesseract().TesseractError as error:
        raise OcrFailedError(source, f"Tesseract failed: {str(error.message).strip()[:300]}") from error
    return parse_tsv(tsv)


def detect_turn(grey: np.ndarray, dpi: float) -> int:
    """Tesseract's orientation detection: how far (0, 90, 180, 270 degrees clockwise) to turn the page upright.

    0 when the orientation data (`osd`) is not installed or the page says too little.
    """
    if "osd" not in _languages():
        return 0
    try:
        answer = _run(_pytesseract().image_to_osd, grey, "osd", f"--dpi {int(round(dpi))}")
    except (RuntimeError, _pytesseract().TesseractError):
        return 0
    match = re.search(r"Rotate:\s*(\d+)", answer)
    turn = int(match.group(1)) if match else 0
    return turn if turn in (90, 180, 270) else 0


def _run(call, grey: np.ndarray, language: str, config: str) -> str:
    """A pytesseract call on the image, one Tesseract thread, within the time limit."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    image = Image.fromarray(np.ascontiguousarray(grey, dtype=np.uint8))
    image.format = "PPM"  # written as binary PGM: nothing to compress or decompress
    return call(image, lang=language, config=config, timeout=TIMEOUT_SECONDS)


def parse_tsv(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV output (level 5 rows with text)."""
    words = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        block, paragraph, line = int(fields[2]), int(fields[3]), int(fields[4])
        left, top, width, height = (int(v) for v in fields[6:10])
        words.append(Word(fields[11].strip(), max(0.0, float(fields[10])), left, top, width, height,
                          (block, paragraph, line)))
    return words


def _pytesseract():
    """pytesseract, imported on the first scanned page (importing it imports pandas when installed)."""
    import pytesseract

    return pytesseract
