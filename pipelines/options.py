"""How to run a batch: the options and their defaults (light: the CLI reads them before importing the batch)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_TIMEOUT = 600.0
DEFAULT_MAX_PAGES = 500


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch.  `workers=None` chooses from the amount of work; `cache_dir=None` means no cache."""

    workers: int | None = None
    scheduler: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_pages: int = DEFAULT_MAX_PAGES
    cache_dir: Path | None = None
    vocabulary: str | None = None  # the text of a user's vocabulary file (vocabulary/__init__.py), None for none
