"""Batch curation, Parquet storage, the CLI, and `load_curated` for analysts."""

from pipelines.api import Curated, load_curated

__all__ = ["Curated", "load_curated"]
