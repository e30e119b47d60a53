"""notebooks/questions.ipynb runs top to bottom on a fixture run and answers its three questions."""

import json
import os
from pathlib import Path

import nbclient
import nbformat
import pytest

from report_fixtures import build_curated_folder

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "questions.ipynb"

_ANSWERS = """\
import json
print(json.dumps({
    "due": {str(month): {office: int(n) for office, n in row.items()} for month, row in due_per_month.iterrows()},
    "areas": {str(area): {office: int(n) for office, n in row.items()} for area, row in items_per_area.iterrows()},
    "left_out": {office: list(components) for office, components in left_out.items()},
    "left_out_sql": left_out_sql.groupby("office")["component"].agg(list).to_dict(),
    "palu_per_component": {code: int(n) for (_, code), n in items_per_component["KPU Kota Palu"].items()},
}))
"""


def _execute(notebook, curated) -> None:
    """Run the notebook from the repository root with DECREES_CURATED pointing at curated."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DECREES_CURATED", str(curated))
        patch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        nbclient.NotebookClient(notebook, kernel_name="python3", timeout=300,
                                resources={"metadata": {"path": str(ROOT)}}).execute()


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> dict:
    _, curated = build_curated_folder(tmp_path_factory.mktemp("notebook"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(_ANSWERS))
    _execute(notebook, curated)
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    return json.loads(notebook.cells[-1].outputs[0]["text"])


def test_deliverables_due_per_month_count_period_ends(answers):
    contoh = {month: offices["KPU Kabupaten Contoh"] for month, offices in answers["due"].items()
              if offices.get("KPU Kabupaten Contoh")}
    # the hand-made decree: March 2026, the first week of April 2026 and of January 2027
    assert contoh == {"2026-03": 1, "2026-04": 1, "2027-01": 1}


def test_items_per_area_per_office_shows_every_area(answers):
    areas = answers["areas"]
    assert list(areas) == ["manajemen_perubahan", "penataan_tatalaksana", "penataan_sdm",
                           "penguatan_akuntabilitas", "penguatan_pengawasan", "pelayanan_publik"]
    assert {area: offices["KPU Kabupaten Contoh"] for area, offices in areas.items()} == {
        "manajemen_perubahan": 2, "penataan_tatalaksana": 0, "penataan_sdm": 0,
        "penguatan_akuntabilitas": 0, "penguatan_pengawasan": 1, "pelayanan_publik": 0}
    assert sum(offices["KPU Kota Palu"] for offices in areas.values()) == 63
    assert sum(offices["KPU Kota Ternate"] for offices in areas.values()) == 70


def test_the_notebook_runs_when_no_schedule_was_read(tmp_path):
    """An empty schedule.parquet (every phrase unreadable) still gives empty answers, not an error."""
    import pyarrow.parquet as pq

    from pipelines.schema import SCHEDULE

    _, curated = build_curated_folder(tmp_path)
    pq.write_table(SCHEDULE.empty_table(), curated / "schedule.parquet")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    _execute(notebook, curated)
    assert not [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


def test_components_left_out_per_office_in_pandas_and_duckdb(answers):
    area_vi = ["Pengelolaan Pengaduan", "Pemanfaatan Teknologi Informasi"]
    for key in ("left_out", "left_out_sql"):
        assert answers[key]["KPU Kota Palu"] == area_vi and answers[key]["KPU Kota Ternate"] == area_vi
        assert len(answers[key]["KPU Kabupaten Contoh"]) == 25  # hand-made items, no official component read
    palu = answers["palu_per_component"]
    assert len(palu) == 25 and palu["penguatan_akuntabilitas.akuntabilitas_kinerja"] == 8
    assert palu["pelayanan_publik.teknologi_informasi"] == 0
