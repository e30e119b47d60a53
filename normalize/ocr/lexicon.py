"""Tesseract's Indonesian word list (unpacked once into a cache folder) and the project's vocabulary."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

from normalize.vocabulary import load

log = logging.getLogger(__name__)

# Data files that hold no decree vocabulary (the finding codes are explained in English).
_NOT_VOCABULARY = {"findings.toml"}


@cache
def lexicon() -> frozenset[str]:
    """Case-folded Indonesian words: Tesseract's word list plus every word of normalize/data/ and vocabulary/data/."""
    words = _tesseract_words()
    if not words:
        return frozenset()
    return frozenset(words | _vocabulary_words())


def _vocabulary_words() -> set[str]:
    """Every word the project keeps as data (months, header words, area words, number words...)."""
    words: set[str] = set()
    for package in ("normalize", "vocabulary"):
        for entry in resources.files(package).joinpath("data").iterdir():
            if entry.name.endswith(".toml") and entry.name not in _NOT_VOCABULARY:
                words.update(_words_in(load(entry.name.removesuffix(".toml"))))
    return words


def _words_in(value: object) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_words_in(k) | _words_in(v) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(*(_words_in(v) for v in value))
    if isinstance(value, str):
        return {w.casefold() for w in re.findall(r"[^\W\d_]+", value)}
    return set()


def _tesseract_words() -> set[str]:
    """Tesseract's Indonesian word list, unpacked from its traineddata once into a cache folder."""
    settings = load("ocr")["lexicon"]
    cached = _cache_dir() / "ind-words.txt"
    if not cached.exists():
        try:
            _unpack_word_list(settings["language"], cached)
        except (OSError, subprocess.SubprocessError, LexiconUnavailable) as error:
            log.warning("no Indonesian word list, so no ocr_unknown_word findings: %s", error)
            return set()
    return {line.strip().casefold() for line in cached.read_text(encoding="utf-8").splitlines() if line.strip()}


class LexiconUnavailable(RuntimeError):
    """Tesseract's word list cannot be unpacked (tools or traineddata missing)."""


def _unpack_word_list(language: str, out: Path) -> None:
    combine, dawg2wordlist = (shutil.which(name) for name in ("combine_tessdata", "dawg2wordlist"))
    if combine is None or dawg2wordlist is None:
        raise LexiconUnavailable("combine_tessdata or dawg2wordlist not installed (package tesseract-ocr)")
    traineddata = _traineddata(language)
    with tempfile.TemporaryDirectory() as work:
        prefix = Path(work) / f"{language}."
        subprocess.run([combine, "-u", str(traineddata), str(prefix)], check=True, capture_output=True, timeout=60)
        unicharset, dawg = Path(f"{prefix}lstm-unicharset"), Path(f"{prefix}lstm-word-dawg")
        if not (unicharset.exists() and dawg.exists()):
            raise LexiconUnavailable(f"{traineddata} holds no LSTM word list")
        words = Path(work) / "words.txt"
        subprocess.run([dawg2wordlist, str(unicharset), str(dawg), str(words)], check=True, capture_output=True, timeout=60)
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(words, partial)
        partial.replace(out)  # atomic: parallel workers never read half a list


def _traineddata(language: str) -> Path:
    """Where Tesseract keeps `<language>.traineddata` (the folder the OCR reader loads its models from)."""
    from extract.tesseract import OcrUnavailableError, tessdata_folder  # loads libtesseract: only when asked

    try:
        path = Path(tessdata_folder()) / f"{language}.traineddata"
    except OcrUnavailableError as error:
        raise LexiconUnavailable(error.detail) from error
    if not path.exists():
        raise LexiconUnavailable(f"{path} not found")
    return path


def _cache_dir() -> Path:
    """The per-user cache folder (XDG_CACHE_HOME or ~/.cache, else the system temp folder)."""
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    folder = Path(base) / "zi-decrees"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except OSError:
        return Path(tempfile.gettempdir()) / "zi-decrees"
