"""Curate a folder of decrees into the canonical datasets."""

from __future__ import annotations

import contextlib
import platform
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from extract.source import read_document
from normalize.curate import curate_document
from normalize.records import CuratedDecree
from pipelines.batch import PIPELINE_VERSION, BatchOptions, RunResult, find_sources, run_batch, sha256  # noqa: F401
from pipelines.datapackage import write_datapackage
from pipelines.failures import Failure  # noqa: F401  (re-exported for callers of this module)
from pipelines.progress import Reporter
from pipelines.schema import SCHEMA_VERSION
from pipelines.store import write_outputs
from pipelines.tables import build_tables


def curate_file(path: Path, raw_dir: Path) -> CuratedDecree:
    """Extract and normalise one file; raises SourceError for a bad file."""
    return curate_document(read_document(path), path.relative_to(raw_dir).as_posix(), sha256(path))


def curate_folder(raw_dir: Path, out_dir: Path, options: BatchOptions | None = None,
                  reporter: Reporter | None = None) -> RunResult:
    """Curate every decree under raw_dir and write the datasets and manifest to out_dir.

    The batch (pipelines/batch.py) caches per decree in `options.cache_dir`, by default
    `<out_dir>/.cache`; the outputs are written only at the end, atomically.
    """
    started = time.perf_counter()
    options = options or BatchOptions()
    cache_dir = options.cache_dir or out_dir / ".cache"
    options = replace(options, cache_dir=cache_dir)
    result = run_batch(raw_dir, options, reporter, exclude=[out_dir, cache_dir])
    tables = build_tables(result.decrees)
    result.seconds = time.perf_counter() - started
    result.outputs = write_outputs(tables, _manifest(result, tables), out_dir)
    result.outputs.append(write_datapackage(out_dir))
    return result


def _manifest(result: RunResult, tables) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": PIPELINE_VERSION,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(result.seconds, 3),
        "run": {"mode": result.plan.mode, "workers": result.plan.workers, "scheduler": result.plan.scheduler,
                "timeout_seconds": result.options.timeout, "max_pages": result.options.max_pages},
        "inputs": [asdict(record) for record in result.inputs],
        "outputs": {f"{name}.parquet": table.num_rows for name, table in tables.items()},
        "counts": {"inputs": len(result.inputs), "decrees": len(result.decrees), "failures": len(result.failures),
                   "duplicates": len(result.duplicates), "cache_hits": result.cache.hits,
                   "action_items": tables["action_items"].num_rows, "findings": tables["findings"].num_rows,
                   "findings_by_severity": result.findings_by_severity()},
        "failures": [asdict(f) for f in result.failures],
        "cache": asdict(result.cache),
        "versions": _versions(),
    }


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for package in ("pdfplumber", "camelot-py", "pyarrow", "pandas", "spacy", "dateparser", "distributed"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    return versions
