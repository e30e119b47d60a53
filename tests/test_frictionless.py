"""The curated seeds' datapackage.json under the reference validator: `frictionless validate` with its Parquet plugin."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.datapackage import write_datapackage
from pipelines.schema import DATASETS, SIDECARS

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def curated(seeds_curated):
    if not FRICTIONLESS.exists():
        pytest.fail(f"{FRICTIONLESS} is missing: pip install -e '.[test]' (frictionless[parquet])")
    return seeds_curated


def _validate(folder: Path) -> dict:
    run = subprocess.run([str(FRICTIONLESS), "validate", "datapackage.json", "--json"], cwd=folder,
                         capture_output=True, text=True, timeout=600)
    report = json.loads(run.stdout)
    assert run.returncode == (0 if report["valid"] else 1), run.stderr
    return report


def _errors(report: dict) -> dict[str, list[str]]:
    return {task["name"]: [f"{e['type']}: {e.get('cell', '')}: {e['note']}" for e in task["errors"]]
            for task in report["tasks"]}


def test_every_resource_of_the_curated_seeds_is_valid(curated):
    report = _validate(curated)
    assert _errors(report) == {name: [] for name in [*DATASETS, *SIDECARS]}
    assert report["valid"]
    rows = {task["name"]: task["stats"].get("rows") for task in report["tasks"]}
    assert rows["action_items"] == 133 and rows["coverage"] == 50  # every row was read, not skipped


def test_the_validator_still_finds_what_is_wrong(curated, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(curated, broken)
    path = broken / "action_items.parquet"
    table = pq.read_table(path)
    index = table.schema.get_field_index("area_code")
    areas = table.column("area_code").to_pylist()
    table = table.set_column(index, table.schema.field(index), pa.array(["bukan_area", *areas[1:]], pa.string()))
    index = table.schema.get_field_index("target_quantity")
    quantities = table.column("target_quantity").to_pylist()
    table = table.set_column(index, table.schema.field(index), pa.array([None, *quantities[1:]], pa.int32()))
    pq.write_table(table, path)
    write_datapackage(broken)
    errors = _errors(_validate(broken))
    assert [e.split(":")[0] for e in errors["action_items"]] == ["constraint-error"]  # the null quantity is fine
    assert "bukan_area" in errors["action_items"][0]
