"""decrees export: the seeds' datasets as one workbook, opened with openpyxl (layout) and pandas (same rows back)."""

import json
from datetime import date, datetime

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.schema import DATASETS
from tests.goldens import SEEDS, golden_items

runner = CliRunner()


@pytest.fixture(scope="module")
def exported(seeds_curated, tmp_path_factory):
    curated = seeds_curated
    out = tmp_path_factory.mktemp("workbook") / "out" / "decrees.xlsx"
    result = runner.invoke(app, ["export", str(curated), str(out)])
    assert result.exit_code == 0, result.output
    return curated, out


def test_one_sheet_per_dataset_header_frozen_filtered_and_columns_sized(exported):
    _, out = exported
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [*DATASETS, "fields"]
    for name, schema in DATASETS.items():
        sheet = book[name]
        assert [c.value for c in sheet[1]] == schema.names and all(c.font.bold for c in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(schema.names))}{sheet.max_row}"
        widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
                  for i in range(1, len(schema.names) + 1)]
        assert all(6 <= w <= 60 for w in widths)
    items = book["action_items"]
    header = [c.value for c in items[1]]
    width = {name: items.column_dimensions[openpyxl.utils.get_column_letter(i)].width
             for i, name in enumerate(header, start=1)}
    assert width["action"] == 60 and width["item_no"] < 12  # long text wide, numbers narrow


def test_dates_are_dates_and_severity_is_coloured(exported):
    _, out = exported
    book = openpyxl.load_workbook(out)
    schedule = book["schedule"]
    header = [c.value for c in schedule[1]]
    first = dict(zip(header, schedule[2]))
    assert isinstance(first["period_end"].value, datetime) and first["period_end"].number_format == "yyyy-mm-dd"
    findings = book["findings"]
    column = [c.value for c in findings[1]].index("severity")
    fills = {row[column].value: row[column].fill.fgColor.rgb for row in findings.iter_rows(min_row=2)}
    assert set(fills) == {"info", "warning"}  # the seeds raise no error
    assert fills["info"].endswith("DDEBF7") and fills["warning"].endswith("FFE699")


def _plain(value, arrow_type=None):
    """A cell or Parquet value in one comparable form: lists and maps as the objects their JSON text holds."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date()
    if isinstance(value, str) and arrow_type is not None and not pa.types.is_string(arrow_type):
        return json.loads(value)  # a list or map cell, as written
    if arrow_type is not None and pa.types.is_map(arrow_type):
        return dict(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def test_every_sheet_reads_back_in_pandas_with_the_same_rows(exported):
    curated, out = exported
    for name, schema in DATASETS.items():
        rows = pq.read_table(curated / f"{name}.parquet").to_pylist()
        text = {f.name: str for f in schema if pa.types.is_string(f.type)}  # "28" stays text, as in Excel
        frame = pd.read_excel(out, sheet_name=name, dtype=text)
        assert list(frame.columns) == schema.names
        types = {f.name: f.type for f in schema}
        back = [{k: _plain(v, types[k]) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]
        assert back == [{k: _plain(v, types[k]) for k, v in row.items()} for row in rows], name


def test_an_empty_map_is_an_empty_json_object(exported):
    _, out = exported
    items = pd.read_excel(out, sheet_name="action_items", dtype={"extra": str})
    assert set(items["extra"]) == {"{}"}  # the seeds have no other columns


def test_the_items_sheet_carries_the_golden_component_codes_and_dates(exported):
    _, out = exported
    items = pd.read_excel(out, sheet_name="action_items")
    for doc_id in SEEDS:
        mine = items[items["doc_id"] == doc_id].sort_values("item_no")
        golden = golden_items(doc_id)
        assert mine["component_code"].tolist() == [g["component_code"] for g in golden]
        assert [d.date() if not pd.isna(d) else None for d in mine["schedule_end"]] == [
            date.fromisoformat(g["schedule_end"]) if g["schedule_end"] else None for g in golden]
