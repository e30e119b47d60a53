"""notebooks/questions.ipynb runs top to bottom on a fixture run and answers its two questions."""

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
}))
"""


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> dict:
    _, curated = build_curated_folder(tmp_path_factory.mktemp("notebook"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(_ANSWERS))
    saved = {key: os.environ.get(key) for key in ("DECREES_CURATED", "PYTHONPATH")}
    os.environ["DECREES_CURATED"] = str(curated)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved["PYTHONPATH"]]))
    try:
        nbclient.NotebookClient(notebook, kernel_name="python3", timeout=300,
                                resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
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
