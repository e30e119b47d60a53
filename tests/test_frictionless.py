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


def _broken_copy(curated: Path, tmp_path: Path, change) -> Path:
    broken = tmp_path / "broken"
    shutil.copytree(curated, broken)
    path = broken / "action_items.parquet"
    pq.write_table(change(pq.read_table(path)), path)
    write_datapackage(broken)
    return broken


def _set_first(table: pa.Table, name: str, value) -> pa.Table:
    """The table with the first row's value of a column replaced (the field turned nullable for a null)."""
    index = table.schema.get_field_index(name)
    field = table.schema.field(index).with_nullable(True) if value is None else table.schema.field(index)
    return table.set_column(index, field, pa.array([value, *table.column(name).to_pylist()[1:]], field.type))


def test_an_empty_cell_is_text_and_a_null_integer_is_null(curated, tmp_path):
    broken = _broken_copy(curated, tmp_path, lambda t: _set_first(_set_first(t, "evidence", ""), "page_start", None))
    assert _errors(_validate(broken))["action_items"] == []


def test_the_validator_still_finds_what_is_wrong(curated, tmp_path):
    broken = _broken_copy(curated, tmp_path, lambda t: _set_first(
        _set_first(_set_first(t, "area_code", "bukan_area"), "target_quantity", None), "action", None))
    errors = _errors(_validate(broken))
    # the null quantity is fine; the null action (required) and the area outside the six are not
    assert sorted(e.split(":")[0] for e in errors["action_items"]) == ["constraint-error", "constraint-error"]
    assert any("bukan_area" in e for e in errors["action_items"])
    assert any('"required"' in e for e in errors["action_items"])
