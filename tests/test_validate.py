"""decrees validate: each kind of damage to a curated folder is named in one line."""

import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.validate import validate_curated
from report_fixtures import CONTOH_ID, build_curated_folder


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return build_curated_folder(tmp_path_factory.mktemp("validate"))[1]


@pytest.fixture
def folder(pristine, tmp_path):
    copy = tmp_path / "curated"
    shutil.copytree(pristine, copy)
    return copy


def _rewrite(folder, name, change):
    path = folder / f"{name}.parquet"
    pq.write_table(change(pq.read_table(path)), path)


def _set(table: pa.Table, name: str, values, type_=None) -> pa.Table:
    """Replace a column's values (and type); the field turns nullable when nulls come in."""
    index = table.schema.get_field_index(name)
    field = table.schema.field(index)
    field = field.with_type(type_) if type_ else field
    if None in values:
        field = field.with_nullable(True)
    return table.set_column(index, field, pa.array(values, field.type))


def _messages(folder) -> list[str]:
    return [str(problem) for problem in validate_curated(folder)]


def test_a_fresh_curate_run_is_valid(pristine):
    assert validate_curated(pristine) == []


def test_a_missing_dataset(folder):
    (folder / "schedule.parquet").unlink()
    assert _messages(folder) == ["schedule.parquet: missing"]


def test_a_missing_manifest_and_broken_datapackage(folder):
    (folder / "manifest.json").unlink()
    (folder / "datapackage.json").write_text("{not json")
    messages = _messages(folder)
    assert messages[0] == "manifest.json: missing"
    assert messages[1].startswith("datapackage.json: not valid JSON") and len(messages) == 2


def test_a_file_that_is_not_parquet(folder):
    (folder / "legal_bases.parquet").write_text("hello")
    messages = _messages(folder)
    assert len(messages) == 1 and messages[0].startswith("legal_bases.parquet: not a readable Parquet file")


def test_missing_and_extra_columns(folder):
    _rewrite(folder, "action_items", lambda t: t.drop_columns(["evidence"]).append_column("note", pa.array(
        [""] * t.num_rows)))
    assert _messages(folder) == ["action_items.parquet: missing column evidence (string)",
                                 "action_items.parquet: unexpected column note"]


def test_a_wrong_type(folder):
    _rewrite(folder, "schedule", lambda t: _set(t, "period_no", t.column("period_no").to_pylist(), pa.int64()))
    assert _messages(folder) == ["schedule.parquet: column period_no has type int64, expected int32"]


def test_nulls_in_a_required_field(folder):
    _rewrite(folder, "action_items",
             lambda t: _set(t, "indicator", [None, None] + t.column("indicator").to_pylist()[2:]))
    assert _messages(folder) == ["action_items.parquet: column indicator is required but has 2 null(s)"]


def test_schema_version_metadata(folder):
    _rewrite(folder, "decrees", lambda t: t.replace_schema_metadata({"schema_version": "0"}))
    _rewrite(folder, "findings", lambda t: t.replace_schema_metadata(None))
    assert _messages(folder) == ["decrees.parquet: schema_version is '0', expected '1.1'",
                                 "findings.parquet: no schema_version metadata (expected '1.1')"]


def test_dangling_item_references(folder):
    def point_elsewhere(table):
        doc_ids = table.column("doc_id").to_pylist()
        items = [99 if d == CONTOH_ID else n for d, n in zip(doc_ids, table.column("item_no").to_pylist())]
        return _set(table, "item_no", items)

    _rewrite(folder, "schedule", point_elsewhere)
    messages = _messages(folder)
    # the duplicate keys come from items 1 and 2 both pointing at 99 with period_no 1
    assert f"schedule.parquet: 1 doc_id, item_no value(s) with no row in action_items.parquet: {CONTOH_ID}/99" \
        in messages


def test_findings_and_regions_without_their_item(folder):
    _rewrite(folder, "regions", lambda t: _set(t, "item_no", [7] + t.column("item_no").to_pylist()[1:]))
    assert _messages(folder) == [
        f"regions.parquet: 1 doc_id, item_no value(s) with no row in action_items.parquet: {CONTOH_ID}/7"]


def test_a_decree_that_is_not_in_decrees(folder):
    _rewrite(folder, "decrees", lambda t: t.filter(pa.array([d != CONTOH_ID for d in t.column("doc_id").to_pylist()])))
    messages = _messages(folder)
    assert f"action_items.parquet: 1 doc_id value(s) with no row in decrees.parquet: {CONTOH_ID}" in messages
    assert f"findings.parquet: 1 doc_id value(s) with no row in decrees.parquet: {CONTOH_ID}" in messages


def test_duplicate_keys(folder):
    _rewrite(folder, "action_items", lambda t: pa.concat_tables([t, t.slice(0, 1)]))
    assert _messages(folder) == ["action_items.parquet: 1 duplicate key(s) on doc_id, item_no"]


def test_area_code_outside_the_six(folder):
    _rewrite(folder, "action_items", lambda t: _set(t, "area_code", ["reformasi_birokrasi"] + t.column(
        "area_code").to_pylist()[1:]))
    assert _messages(folder) == [
        "action_items.parquet: column area_code has 1 value(s) outside manajemen_perubahan/penataan_tatalaksana/"
        "penataan_sdm/penguatan_akuntabilitas/penguatan_pengawasan/pelayanan_publik: 'reformasi_birokrasi'"]


def test_coverage_that_disagrees_with_the_items(folder):
    palu = "kpu-kota-palu-2026-28"

    def change(table):
        rows = table.to_pylist()
        rows = [r for r in rows if (r["doc_id"], r["component_code"]) != (CONTOH_ID, "pelayanan_publik.standar_pelayanan")]
        for row in rows:
            if (row["doc_id"], row["component_code"]) == (palu, "pelayanan_publik.teknologi_informasi"):
                row["item_count"] = 2
        return pa.Table.from_pylist(rows, schema=table.schema)

    _rewrite(folder, "coverage", change)
    assert _messages(folder) == [
        f"coverage.parquet: 1 decree(s) without a row for each of the 25 official components: {CONTOH_ID}",
        f"coverage.parquet: 1 item_count value(s) that disagree with action_items.parquet: "
        f"{palu}/pelayanan_publik.teknologi_informasi (2, items say 0)"]


def test_a_component_code_outside_the_official_list(folder):
    _rewrite(folder, "action_items", lambda t: _set(t, "component_code", ["reformasi.lainnya"] + t.column(
        "component_code").to_pylist()[1:]))
    messages = _messages(folder)
    assert messages[0].startswith("action_items.parquet: column component_code has 1 value(s) outside "
                                  "manajemen_perubahan.tim_kerja/")
    assert messages[0].endswith(": 'reformasi.lainnya'")


def test_a_folder_that_does_not_exist(tmp_path):
    assert [p.line(tmp_path / "nowhere") for p in validate_curated(tmp_path / "nowhere")] == [
        f"{tmp_path / 'nowhere'}: not a folder"]
    assert CliRunner().invoke(app, ["validate", str(tmp_path / "nowhere")]).exit_code == 1


def test_the_command_exits_non_zero_with_one_line_per_problem(folder):
    runner = CliRunner()
    assert runner.invoke(app, ["validate", str(folder)]).exit_code == 0
    (folder / "findings.parquet").unlink()
    _rewrite(folder, "action_items", lambda t: _set(t, "area_code", ["x"] * t.num_rows))
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    items = pq.read_metadata(folder / "action_items.parquet").num_rows
    assert lines == [f"{folder}/action_items.parquet: column area_code has {items} value(s) outside "
                     "manajemen_perubahan/penataan_tatalaksana/penataan_sdm/penguatan_akuntabilitas/"
                     "penguatan_pengawasan/pelayanan_publik: 'x'",
                     f"{folder}/findings.parquet: missing"]
