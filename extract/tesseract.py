"""One Tesseract call per page image: the words with their boxes and confidences.

Tesseract runs as a subprocess with `OMP_THREAD_LIMIT=1` (pages are parallelised
by the caller, not inside Tesseract), reading the image from stdin and writing TSV
to stdout: no temporary files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import numpy as np

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
    executable = shutil.which("tesseract")
    if executable is None:
        raise OcrUnavailableError("tesseract", "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-ind)")
    if LANGUAGE not in _languages(executable):
        raise OcrUnavailableError("tesseract", f"Tesseract has no '{LANGUAGE}' data (apt-get install tesseract-ocr-{LANGUAGE})")
    return executable


@cache
def _languages(executable: str | None = None) -> tuple[str, ...]:
    executable = executable or tesseract_command()
    listing = subprocess.run([executable, "--list-langs"], capture_output=True, text=True, check=False).stdout
    return tuple(listing.split())


def read_words(grey: np.ndarray, dpi: float, psm: int = 3, source: object = "page") -> list[Word]:
    """OCR a grey image (uint8, 0 = ink) with the Indonesian model; the non-empty words."""
    command = [tesseract_command(), "stdin", "stdout", "-l", LANGUAGE, "--psm", str(psm),
               "--dpi", str(int(round(dpi))), "tsv"]
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, input=_pgm(grey), capture_output=True, env=environment,
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as error:
        raise OcrFailedError(source, f"Tesseract took longer than {TIMEOUT_SECONDS} s on one page") from error
    if done.returncode != 0:
        raise OcrFailedError(source, f"Tesseract failed: {done.stderr.decode(errors='replace').strip()[:300]}")
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"))


def detect_turn(grey: np.ndarray, dpi: float) -> int:
    """Tesseract's orientation detection: how far (0, 90, 180, 270 degrees clockwise) to turn the page upright.

    0 when the orientation data (`osd`) is not installed or the page says too little.
    """
    if "osd" not in _languages():
        return 0
    command = [tesseract_command(), "stdin", "stdout", "--psm", "0", "-l", "osd", "--dpi", str(int(round(dpi)))]
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, input=_pgm(grey), capture_output=True, env=environment,
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return 0
    match = re.search(r"Rotate:\s*(\d+)", done.stdout.decode(errors="replace"))
    turn = int(match.group(1)) if match and done.returncode == 0 else 0
    return turn if turn in (90, 180, 270) else 0


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


def _pgm(grey: np.ndarray) -> bytes:
    """The image as binary PGM, which Tesseract (Leptonica) reads from stdin without decoding cost."""
    height, width = grey.shape
    return f"P5 {width} {height} 255\n".encode() + np.ascontiguousarray(grey, dtype=np.uint8).tobytes()
