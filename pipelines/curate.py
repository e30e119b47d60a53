"""Curate a folder of decrees into the canonical datasets."""

from __future__ import annotations

import hashlib
import platform
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from extract.errors import SourceError
from extract.source import SUFFIXES, read_document
from normalize.curate import curate_document
from normalize.records import CuratedDecree
from pipelines.schema import SCHEMA_VERSION
from pipelines.store import write_outputs
from pipelines.tables import build_tables

PIPELINE_VERSION = "0.1.0"


@dataclass
class Failure:
    source_file: str
    reason: str
    message: str


@dataclass
class RunResult:
    decrees: list[CuratedDecree] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    inputs: list[dict] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def find_sources(raw_dir: Path) -> list[Path]:
    """Every candidate decree file below raw_dir, in a stable order."""
    return sorted(p for p in raw_dir.rglob("*") if p.is_file() and not p.name.startswith("."))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def curate_file(path: Path, raw_dir: Path) -> CuratedDecree:
    """Extract and normalise one file; raises SourceError for a bad file."""
    return curate_document(read_document(path), path.relative_to(raw_dir).as_posix(), sha256(path))


def curate_folder(raw_dir: Path, out_dir: Path) -> RunResult:
    """Curate every decree under raw_dir and write the datasets and manifest to out_dir."""
    started = time.perf_counter()
    result = RunResult()
    for path in find_sources(raw_dir):
        relative = path.relative_to(raw_dir).as_posix()
        try:
            decree = curate_file(path, raw_dir)
        except SourceError as error:
            result.failures.append(Failure(relative, error.reason, error.detail))
            result.inputs.append({"source_file": relative, "status": "failed", "reason": error.reason})
            continue
        result.decrees.append(decree)
        result.inputs.append({"source_file": relative, "sha256": decree.source_sha256,
                              "status": "curated", "doc_id": decree.doc_id, "items": len(decree.items)})
    tables = build_tables(result.decrees)
    result.seconds = time.perf_counter() - started
    result.outputs = write_outputs(tables, _manifest(result, tables), out_dir)
    return result


def _manifest(result: RunResult, tables) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": PIPELINE_VERSION,
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(result.seconds, 3),
        "inputs": result.inputs,
        "outputs": {f"{name}.parquet": table.num_rows for name, table in tables.items()},
        "counts": {"decrees": len(result.decrees), "failures": len(result.failures),
                   "action_items": tables["action_items"].num_rows, "findings": tables["findings"].num_rows},
        "failures": [vars(f) for f in result.failures],
        "versions": _versions(),
    }


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for package in ("pdfplumber", "camelot-py", "pyarrow", "pandas", "spacy", "dateparser"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    return versions
