"""Tesseract in-process, through its C API (tesserocr): the words of an image with their boxes and confidences.

Each thread loads a language model once and keeps it for every page and call after
(loading `ind` takes longer than reading a small image).  Tesseract runs with one
thread of its own (`OMP_THREAD_LIMIT=1`): pages are parallelised by the caller, and
on two cores its own threads make it several times slower.  Images go to it as raw
grey bytes, so nothing is encoded or written to disk.

A failure is reported as what it is: an image past Tesseract's size limit, a
timeout, or Tesseract's own refusal, each an `OcrFailedError` naming the image.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before libtesseract starts OpenMP

import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import tesserocr

from extract.errors import SourceError

LANGUAGE = "ind"
TIMEOUT_SECONDS = 300
MAX_SIDE = 32767  # pixels: Tesseract refuses a taller or wider image ("Image too large")
TESSDATA_FOLDERS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                    "/usr/share/tessdata", "/usr/local/share/tessdata")


class OcrUnavailableError(SourceError):
    """Tesseract's language data is not installed."""

    reason = "ocr_unavailable"


class OcrFailedError(SourceError):
    """Tesseract could not read one image (too large, refused, or out of time)."""

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
def tessdata_folder() -> str:
    """The folder holding the `ind` model; raises OcrUnavailableError when none does."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_FOLDERS, _cli_tessdata()]
    for folder in filter(None, candidates):
        for path in (Path(folder), Path(folder) / "tessdata"):
            if (path / f"{LANGUAGE}.traineddata").is_file():
                return str(path)
    raise OcrUnavailableError("tesseract", f"no Tesseract '{LANGUAGE}' data found "
                                           f"(apt-get install tesseract-ocr-{LANGUAGE}, or set TESSDATA_PREFIX)")


def _cli_tessdata() -> str:
    """Where the tesseract command line keeps its models, when it is installed."""
    if shutil.which("tesseract") is None:
        return ""
    listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    match = re.search(r'"([^"]+)"', listing)
    return match.group(1) if match else ""


def has_language(language: str) -> bool:
    return (Path(tessdata_folder()) / f"{language}.traineddata").is_file()


_engines = threading.local()


def _engine(language: str, psm: int) -> tesserocr.PyTessBaseAPI:
    """This thread's Tesseract for `language`, loaded on first use and kept."""
    engines: dict[str, tesserocr.PyTessBaseAPI] = _engines.__dict__.setdefault("by_language", {})
    if language not in engines:
        engines[language] = tesserocr.PyTessBaseAPI(path=tessdata_folder(), lang=language, psm=psm)
    engine = engines[language]
    engine.SetPageSegMode(psm)
    return engine


def read_words(grey: np.ndarray, dpi: float, psm: int = 3, source: object = "page", language: str = LANGUAGE,
               characters: str | None = None) -> list[Word]:
    """OCR a grey image (uint8, 0 = ink); the non-empty words.  `characters`: the only ones it may read."""
    engine = _engine(language, psm)
    engine.SetVariable("tessedit_char_whitelist", characters or "")
    tsv = _recognise(engine, grey, dpi, source)
    return parse_tsv(tsv)


def _recognise(engine: tesserocr.PyTessBaseAPI, grey: np.ndarray, dpi: float, source: object) -> str:
    """Tesseract's TSV of the image; OcrFailedError saying why when it cannot read it."""
    image = np.ascontiguousarray(grey, dtype=np.uint8)
    height, width = image.shape
    engine.SetImageBytes(image.tobytes(), width, height, 1, width)
    engine.SetSourceResolution(int(round(dpi)))
    started = time.monotonic()
    failure: RuntimeError | None = None
    try:
        done = engine.Recognize(TIMEOUT_SECONDS * 1000)  # False when cancelled at the time limit
        tsv = engine.GetTSVText(0) if done else None
    except RuntimeError as error:
        tsv, failure = None, error
    finally:
        engine.Clear()
    if tsv is not None:
        return tsv
    if max(width, height) > MAX_SIDE:
        detail = f"image of {width} x {height} px is past Tesseract's limit of {MAX_SIDE} px a side"
    elif time.monotonic() - started >= TIMEOUT_SECONDS:
        detail = f"Tesseract took longer than {TIMEOUT_SECONDS} s"
    else:
        detail = f"Tesseract failed on an image of {width} x {height} px: {failure or 'recognition failed'}"
    raise OcrFailedError(source, detail) from failure


def detect_turn(grey: np.ndarray, dpi: float) -> int:
    """Tesseract's orientation detection: how far (0, 90, 180, 270 degrees clockwise) to turn the page upright.

    0 when the orientation data (`osd`) is not installed or the page says too little.
    """
    if not has_language("osd"):
        return 0
    engine = _engine("osd", tesserocr.PSM.OSD_ONLY)
    image = np.ascontiguousarray(grey, dtype=np.uint8)
    engine.SetImageBytes(image.tobytes(), image.shape[1], image.shape[0], 1, image.shape[1])
    engine.SetSourceResolution(int(round(dpi)))
    try:
        answer = engine.DetectOrientationScript()
    except RuntimeError:
        return 0
    finally:
        engine.Clear()
    turn = (360 - int(answer["orient_deg"])) % 360 if answer else 0  # it says how the page lies, not how to turn it
    return turn if turn in (90, 180, 270) else 0


def parse_tsv(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV output (level 5 rows with text)."""
    words = []
    for row in tsv.splitlines():
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        block, paragraph, line = int(fields[2]), int(fields[3]), int(fields[4])
        left, top, width, height = (int(v) for v in fields[6:10])
        words.append(Word(fields[11].strip(), max(0.0, float(fields[10])), left, top, width, height,
                          (block, paragraph, line)))
    return words
