"""End to end: the raw folder -> Parquet that pandas and DuckDB open, typed and described."""

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipelines.curate import curate_folder
from pipelines.schema import DATASETS, SCHEMA_VERSION, description

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def curated(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, raw / seed.name)
    out = tmp_path_factory.mktemp("curated")
    curate_folder(raw, out)
    return out


def test_every_dataset_is_written_typed_and_described(curated):
    for name, schema in DATASETS.items():
        table = pq.read_table(curated / f"{name}.parquet")
        assert table.schema.remove_metadata() == schema.remove_metadata(), name
        stored = pq.read_schema(curated / f"{name}.parquet")
        assert stored.metadata[b"schema_version"] == SCHEMA_VERSION.encode()
        for field in stored:
            assert description(field), f"{name}.{field.name} has no description"


def test_pandas_and_duckdb_read_the_outputs(curated):
    items = pd.read_parquet(curated / "action_items.parquet")
    assert items.groupby("doc_id").size().to_dict() == {"kpu-kota-ternate-2026-3": 70, "kpu-kota-palu-2026-28": 63}
    rows = duckdb.sql(
        f"SELECT doc_id, count(*) FROM read_parquet('{curated}/action_items.parquet') GROUP BY doc_id ORDER BY doc_id"
    ).fetchall()
    assert rows == [("kpu-kota-palu-2026-28", 63), ("kpu-kota-ternate-2026-3", 70)]


def test_both_layouts_give_the_same_columns_and_types():
    from extract.text import read_text
    from normalize.curate import curate_document
    from pipelines.tables import build_tables

    schemas = []
    for seed in sorted(SEEDS.glob("*.txt")):
        decree = curate_document(read_text(seed), seed.name, "0" * 64)
        schemas.append(build_tables([decree])["action_items"].schema)
    assert schemas[0] == schemas[1] == DATASETS["action_items"]


def test_manifest_lists_inputs_and_outputs(curated):
    manifest = json.loads((curated / "manifest.json").read_text())
    assert manifest["counts"]["decrees"] == 2 and manifest["counts"]["failures"] == 0
    assert {i["source_file"] for i in manifest["inputs"]} == {p.name for p in SEEDS.glob("*.txt")}
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["outputs"]["action_items.parquet"] == 133
