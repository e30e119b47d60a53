"""decrees extract: one decree looked at without a batch (values read from the Palu seed)."""

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from pipelines.cli import app

PALU = Path(__file__).parent / "fixtures" / "seeds" / "kpu-kota-palu-2026-28.txt"
runner = CliRunner()


def test_json_has_the_decree_its_items_and_findings():
    result = runner.invoke(app, ["extract", str(PALU), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"decree", "legal_bases", "items", "findings"}
    assert document["decree"]["doc_id"] == "kpu-kota-palu-2026-28"
    assert document["decree"]["source_file"] == PALU.name and document["decree"]["item_count"] == 63
    assert len(document["items"]) == 63
    first = document["items"][0]
    assert first["item_no"] == 1 and first["area_label"] == "Manajemen Perubahan"
    assert first["component"] == "Pembentukan Tim Kerja Pembangunan Zona Integritas"
    assert first["schedule_text"] == "Januari 2026" and first["target_text"] == "1 (satu) Laporan"
    assert first["extra"] == {} and isinstance(first["periods"], list)
    assert all({"severity", "code", "message"} <= set(f) for f in document["findings"])


def test_csv_has_a_header_and_one_row_per_item():
    result = runner.invoke(app, ["extract", str(PALU), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 63
    assert rows[0]["item_no"] == "1" and rows[0]["evidence"] == (
        "Keputusan KPU Kota Palu tentang Tim Kerja Pembangunan Zona Integritas dan Pakta Integritas")
    assert rows[0]["extra"] == "{}" and rows[0]["page_start"] == ""


def test_table_is_the_default():
    result = runner.invoke(app, ["extract", str(PALU)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "kpu-kota-palu-2026-28: 63 items" in result.stdout
    assert "Pembentukan Tim Kerja" in result.stdout


def test_a_missing_or_unreadable_file_fails(tmp_path):
    assert runner.invoke(app, ["extract", str(tmp_path / "nothing.txt")]).exit_code != 0
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["extract", str(empty), "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""


def test_calendar_and_export_are_documented_commands():
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "calendar" in result.stdout and "export" in result.stdout
    for command in ("calendar", "export"):
        help_text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
        assert "Example: decrees " + command in help_text


def test_export_of_a_folder_without_datasets_is_one_clear_error(tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path), str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1 and "decrees curate" in result.output and not (tmp_path / "out.xlsx").exists()
