"""The per-decree result cache: a re-run redoes only new or changed files.

A curated decree is stored as a pickle named by the SHA-256 of its source file's
bytes, in a folder named by everything else that decides the result: the schema
version, the pipeline version and a fingerprint of the extraction and
normalisation code (and its TOML vocabulary).  Changing any of them starts a new
folder, so a stale result is never served; old folders can be deleted at will.

A file that failed for a reason its bytes decide (empty, corrupt, not a decree, ...:
`failures.LASTING_REASONS`) is remembered beside them as a small JSON failure, so a
re-run reports it again without curating it; any other failure is tried again on the
next run.  Every write goes to a temporary name first, so an interrupted run leaves
no half entry, and an entry that cannot be read back is treated as a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

from normalize.records import CuratedDecree
from pipelines.failures import LASTING_REASONS, Failure

_CODE_PACKAGES = ("extract", "normalize", "vocabulary")
_CODE_SUFFIXES = {".py", ".toml"}


@dataclass(frozen=True)
class CacheKey:
    """Everything besides the source bytes that decides a curated decree."""

    schema_version: str
    pipeline_version: str
    code_version: str

    @property
    def folder(self) -> str:
        return f"schema{self.schema_version}-pipeline{self.pipeline_version}-code{self.code_version}"


@cache
def code_version() -> str:
    """A short fingerprint of the extraction and normalisation code and vocabulary."""
    digest = hashlib.sha256()
    for package in _CODE_PACKAGES:
        root = resources.files(package)
        for path in sorted(_code_files(Path(str(root))), key=lambda p: p.as_posix()):
            digest.update(f"{package}/{path.relative_to(Path(str(root))).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _code_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts]


class DecreeCache:
    """Curated decrees on disk, one pickle per source file content."""

    def __init__(self, root: Path, key: CacheKey) -> None:
        self.root = root
        self.key = key
        self.folder = root / key.folder

    def _path(self, sha256: str, suffix: str = ".pickle") -> Path:
        return self.folder / sha256[:2] / f"{sha256}{suffix}"

    def get(self, sha256: str, source_file: str) -> CuratedDecree | None:
        """The cached decree for these bytes, re-labelled with their current path; None on a miss."""
        path = self._path(sha256)
        try:
            with path.open("rb") as stream:
                decree = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry is a miss, and is removed
            path.unlink(missing_ok=True)
            return None
        if not isinstance(decree, CuratedDecree) or decree.source_sha256 != sha256:
            path.unlink(missing_ok=True)
            return None
        return replace(decree, source_file=source_file)

    def put(self, decree: CuratedDecree) -> None:
        """Store a curated decree under its source's hash, atomically."""
        self._write(self._path(decree.source_sha256), pickle.dumps(decree, protocol=pickle.HIGHEST_PROTOCOL))
        self._path(decree.source_sha256, _FAILURE).unlink(missing_ok=True)

    def get_failure(self, sha256: str, source_file: str) -> Failure | None:
        """The lasting failure remembered for these bytes, under their current path; None when none is."""
        try:
            known = json.loads(self._path(sha256, _FAILURE).read_text(encoding="utf-8"))
            return Failure(source_file, known["reason"], known["message"], sha256)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_failure(self, failure: Failure) -> None:
        """Remember a failure its bytes decide; forget any other (the file is tried again next run)."""
        if failure.sha256 is None:
            return
        self.discard(failure.sha256)
        if failure.reason in LASTING_REASONS:
            record = {"reason": failure.reason, "message": failure.message}
            self._write(self._path(failure.sha256, _FAILURE), json.dumps(record, ensure_ascii=False).encode())

    def discard(self, sha256: str) -> None:
        """Forget these bytes, decree and failure alike."""
        self._path(sha256).unlink(missing_ok=True)
        self._path(sha256, _FAILURE).unlink(missing_ok=True)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


_FAILURE = ".failure.json"
