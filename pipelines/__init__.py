"""Batch curation, Parquet storage, the CLI, and `load_curated` for analysts.

The package imports nothing heavy by itself: `load_curated` (and pandas with it) is
imported on first use, so `decrees --help` and the commands that never touch pandas
start fast.  New public names go in `_LAZY`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipelines.api import Curated, load_curated

__all__ = ["Curated", "load_curated"]
_LAZY = {"Curated": "pipelines.api", "load_curated": "pipelines.api"}  # name -> module that defines it


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'pipelines' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
