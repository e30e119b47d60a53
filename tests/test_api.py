"""load_curated: typed DataFrames whose dtypes follow the Arrow schemas."""

import pandas as pd
import pyarrow as pa
import pytest

from pipelines import Curated, load_curated
from pipelines.api import CuratedNotFoundError
from pipelines.schema import DATASETS, VOCABULARIES
from report_fixtures import CONTOH_ID, build_curated_folder


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    return build_curated_folder(tmp_path_factory.mktemp("api"))[1]


@pytest.fixture(scope="module")
def data(curated) -> Curated:
    return load_curated(curated)


def _expected_kind(field: pa.Field) -> str:
    if field.name in VOCABULARIES or field.name == "code":
        return "category"
    if pa.types.is_string(field.type):
        return "string"
    if pa.types.is_integer(field.type):
        return f"Int{field.type.bit_width}"
    if pa.types.is_boolean(field.type):
        return "boolean"
    if pa.types.is_date(field.type):
        return "datetime64[ns]"
    return "object"


def test_every_column_has_the_dtype_its_arrow_type_calls_for(data):
    for name, schema in DATASETS.items():
        frame = getattr(data, name)
        assert list(frame.columns) == schema.names, name
        for field in schema:
            assert str(frame[field.name].dtype) == _expected_kind(field), f"{name}.{field.name}"


def test_area_code_is_categorical_over_the_six_areas_in_order(data):
    dtype = data.action_items["area_code"].dtype
    assert list(dtype.categories) == [
        "manajemen_perubahan", "penataan_tatalaksana", "penataan_sdm",
        "penguatan_akuntabilitas", "penguatan_pengawasan", "pelayanan_publik",
    ]


def test_severity_is_ordered_and_codes_are_the_ones_present(data):
    severity = data.findings["severity"].dtype
    assert severity.ordered and list(severity.categories) == ["info", "warning", "error"]
    assert {"numbering_gap", "schedule_unparsed", "continuation_merged"} <= set(data.findings["code"].cat.categories)


def test_values_of_the_hand_made_decree_come_through_typed(data):
    decree = data.decrees.set_index("doc_id").loc[CONTOH_ID]
    assert decree["enacted_date"] == pd.Timestamp(2026, 1, 15)
    assert decree["decree_year"] == 2026 and decree["page_count"] == 2
    assert decree["source_format"] == "pdf"
    items = data.action_items[data.action_items["doc_id"] == CONTOH_ID].set_index("item_no")
    assert items.loc[1, "schedule_start"] == pd.Timestamp(2026, 3, 1)
    assert items.loc[1, "extra"] == {}
    assert pd.isna(items.loc[3, "schedule_period_count"])
    assert items.loc[2, "schedule_end"] == pd.Timestamp(2027, 1, 7)
    assert data.legal_bases[data.legal_bases["doc_id"] == CONTOH_ID]["year"].tolist() == [2017, 2021]


def test_with_schedule_gives_one_row_per_item_period(curated):
    items = load_curated(curated, with_schedule=True).action_items
    contoh = items[items["doc_id"] == CONTOH_ID]
    assert contoh["item_no"].tolist() == [1, 2, 2, 3]  # item 3 has no period but keeps its row
    assert contoh["period_no"].tolist()[:3] == [1, 1, 2] and pd.isna(contoh["period_no"].iloc[3])
    assert contoh["period_end"].tolist()[:3] == [pd.Timestamp(2026, 3, 31), pd.Timestamp(2026, 4, 7),
                                                  pd.Timestamp(2027, 1, 7)]
    assert contoh["period_label"].iloc[0] == "2026-03"
    assert str(items["period_end"].dtype) == "datetime64[ns]" and str(items["period_no"].dtype) == "Int32"


def test_a_value_outside_a_vocabulary_is_kept_not_dropped(curated, tmp_path):
    import shutil

    import pyarrow.parquet as pq

    folder = tmp_path / "curated"
    shutil.copytree(curated, folder)
    table = pq.read_table(folder / "findings.parquet")
    index = table.schema.get_field_index("severity")
    table = table.set_column(index, table.schema.field(index), pa.array(["fatal"] * table.num_rows, pa.string()))
    pq.write_table(table, folder / "findings.parquet")
    assert set(load_curated(folder).findings["severity"]) == {"fatal"}


def test_a_folder_without_datasets_is_a_clear_error(tmp_path):
    with pytest.raises(CuratedNotFoundError, match="decrees.parquet"):
        load_curated(tmp_path)
