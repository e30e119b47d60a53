"""Why one file of a batch produced no decree: the named errors and the failure record.

`extract.errors` names what is wrong with a file's bytes; the kinds here are the
batch's own: a page limit, a missing extractor, a file that took too long, a decree
without a matrix, a crash inside one file's curation.  Every kind ends as one
`Failure` (reason + one-line message) in the manifest; the batch goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.errors import (
    CorruptSourceError,
    EmptySourceError,
    EncryptedSourceError,
    NotADecreeError,
    SourceError,
    UnsupportedFormatError,
)

_MESSAGE_LIMIT = 300


class TooManyPagesError(SourceError):
    """A PDF longer than the batch's page limit: refused before extraction."""

    reason = "too_many_pages"


class NoMatrixError(SourceError):
    """A decree whose appendix has no action-plan matrix (or no row under its header)."""

    reason = "no_matrix"


class ExtractorUnavailableError(SourceError):
    """The extractor this file needs is not installed (e.g. the PDF stack)."""

    reason = "extractor_unavailable"


class CurationTimeoutError(SourceError):
    """One file took longer than the per-file time limit."""

    reason = "timeout"


class UnreachableSourceError(SourceError):
    """The file cannot be opened where it is curated (permissions, vanished, not shared with a worker)."""

    reason = "unreachable"


INTERNAL_ERROR = "internal_error"
WORKER_LOST = "worker_lost"

# Reasons decided by the file's bytes and the code alone: remembered in the cache (by hash and code
# version) and reported again without curating the file again.  The others depend on the run
# (--timeout, --max-pages, a worker's filesystem, a crash) and are tried again every run.
LASTING_REASONS = frozenset(error.reason for error in (
    EmptySourceError, UnsupportedFormatError, CorruptSourceError, EncryptedSourceError, NotADecreeError, NoMatrixError,
))


@dataclass(frozen=True)
class Failure:
    """One file that produced no decree: a machine-readable reason and a one-line message."""

    source_file: str
    reason: str
    message: str
    sha256: str | None = None


def one_line(text: str) -> str:
    """A message on one line, short enough for a manifest or a terminal."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


def describe(error: BaseException) -> tuple[str, str]:
    """(reason, message) for any exception raised while curating one file."""
    if isinstance(error, SourceError):
        return error.reason, one_line(error.detail)
    if isinstance(error, (FileNotFoundError, PermissionError)):
        return UnreachableSourceError.reason, one_line(f"cannot read the file: {error}")
    if isinstance(error, ImportError):
        return ExtractorUnavailableError.reason, one_line(f"the extractor for this file is not installed ({error})")
    return INTERNAL_ERROR, one_line(f"{type(error).__name__}: {error}")
