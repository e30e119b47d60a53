"""The two seed decrees curated for real into a folder, shared by the tests of what analysts get from it."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipelines.batch import BatchOptions
from pipelines.curate import curate_folder
from tests.goldens import SEEDS


def curate_seeds(root: Path) -> Path:
    """root/curated: the datasets of both seeds (from their text form), in process."""
    raw = root / "raw"
    raw.mkdir(parents=True)
    for path in SEEDS.values():
        shutil.copy(path, raw / path.name)
    curated = root / "curated"
    curate_folder(raw, curated, BatchOptions(workers=1))
    return curated
