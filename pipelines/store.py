"""Writing curated outputs atomically: every file to a temporary name, then renamed.

All datasets of a run are written to temporary files first and only then renamed
over the previous ones, so an interrupted run leaves the previous outputs intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def write_outputs(tables: dict[str, pa.Table], manifest: dict, out_dir: Path) -> list[Path]:
    """Write <name>.parquet for every table and manifest.json into out_dir, atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, table in tables.items():
            staged.append((_stage(out_dir, lambda f, t=table: pq.write_table(t, f)), out_dir / f"{name}.parquet"))
        text = json.dumps(manifest, indent=2, ensure_ascii=False, default=str)
        staged.append((_stage(out_dir, lambda f: f.write(text.encode())), out_dir / "manifest.json"))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, final in staged:
        os.replace(temporary, final)
    return [final for _, final in staged]


def write_atomically(path: Path, write) -> Path:
    """Write one file through write(stream) to a temporary name beside it, then rename it over path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_stage(path.parent, write), path)
    return path


def _stage(out_dir: Path, write) -> Path:
    handle, name = tempfile.mkstemp(dir=out_dir, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)  # a write that failed half-way leaves no temporary behind
        raise
    return Path(name)
