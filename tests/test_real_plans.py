"""The two real practice plans of another agency, against gold written by reading them.

tests/golden/real/ was transcribed from the PDFs by a reader who never saw the code
(NOTES.md says how).  Identity fields of these plans are not tested here.
"""

import json
from pathlib import Path

import pytest

from pipelines.curate import curate_file
from tests.field_accuracy import field_accuracy

REAL = Path(__file__).parent / "fixtures" / "real"
GOLD = Path(__file__).parent / "golden" / "real"
PLANS = ["balai-patp-target-prioritas-zi-2021", "balai-patp-rtl-ikm-2021"]


@pytest.fixture(scope="module")
def curated():
    return {stem: curate_file(REAL / f"{stem}.pdf", REAL) for stem in PLANS}


def _gold(stem: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / f"{stem}.items.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("stem", PLANS)
def test_no_area_row_is_an_item_and_every_area_code_is_right(curated, stem):
    decree, gold = curated[stem], _gold(stem)
    assert len(decree.items) == len(gold)
    assert [(i.area_no, i.area_code) for i in decree.items] == [(g["area_no"], g["area_code"]) for g in gold]


def test_an_area_label_its_components_contradict_is_mapped_by_them(curated):
    decree = curated["balai-patp-target-prioritas-zi-2021"]
    area_vi = [i for i in decree.items if i.area_no == "VI"]
    assert {i.area_label for i in area_vi} == {"PENGUATAN PENGAWASAN"}
    assert {i.area_code for i in area_vi} == {"pelayanan_publik"}
    contradicted = [f for f in decree.findings if f.code == "area_label_contradicted"]
    assert [f.item_no for f in contradicted] == [area_vi[0].item_no]


@pytest.mark.parametrize("stem", PLANS)
def test_every_schedule_is_read_or_flagged(curated, stem):
    decree = curated[stem]
    flagged = {f.item_no for f in decree.findings if f.code == "schedule_unparsed"}
    unread = [i.item_no for i in decree.items if i.schedule_text and i.schedule is None]
    assert set(unread) <= flagged


def test_targets_stand_apart_from_times(curated):
    decree = curated["balai-patp-target-prioritas-zi-2021"]
    assert decree.columns[5] == "target_schedule"
    first = decree.items[0]
    assert first.schedule_text == "Januari 2021" and first.schedule is not None
    assert first.target_text.startswith("1. Meningkatnya komitmen") and "Januari" not in first.target_text
    for item in decree.items:
        assert not (item.target_text and item.schedule_text and item.schedule_text in item.target_text)


@pytest.mark.parametrize("stem", PLANS)
def test_at_least_95_percent_of_fields_are_right(curated, stem):
    accuracy = field_accuracy(curated[stem], _gold(stem))
    assert accuracy.share >= 0.95, accuracy.wrong[:20]
