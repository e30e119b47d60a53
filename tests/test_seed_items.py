"""The two seed decrees, read from their text form, against hand-written golden files."""

import pytest

from extract.text import read_text
from normalize.curate import curate_document
from tests.goldens import SCHEDULE_FIELDS, SEEDS, TEXT_FIELDS, golden_items, schedule_fields


def curated(doc_id: str):
    return curate_document(read_text(SEEDS[doc_id]), SEEDS[doc_id].name, "0" * 64)


@pytest.fixture(scope="module", params=list(SEEDS))
def seed(request):
    return request.param, curated(request.param), golden_items(request.param)


def test_doc_id_and_item_count(seed):
    doc_id, decree, golden = seed
    assert decree.doc_id == doc_id
    assert len(decree.items) == len(golden) == {"kpu-kota-ternate-2026-3": 70, "kpu-kota-palu-2026-28": 63}[doc_id]


def test_every_item_field_equals_the_golden_file(seed):
    _, decree, golden = seed
    for item, expected in zip(decree.items, golden):
        got = {name: getattr(item, name) for name in TEXT_FIELDS}
        want = {name: expected[name] for name in TEXT_FIELDS}
        assert (item.item_no, got) == (expected["item_no"], want)


def test_every_schedule_is_read_as_in_the_golden_file(seed):
    _, decree, golden = seed
    for item, expected in zip(decree.items, golden):
        assert (item.item_no, schedule_fields(item)) == (
            expected["item_no"], {name: expected[name] for name in SCHEDULE_FIELDS})


def test_palu_split_monitoring_item_is_one_item():
    decree = curated("kpu-kota-palu-2026-28")
    indicator = "Terlaksananya monitoring dan evaluasi berisi tindak lanjut dan rekomendasi"
    matches = [i for i in decree.items if i.indicator == indicator]
    assert len(matches) == 1
    item = matches[0]
    assert item.indicator_no == "2"
    assert item.schedule_text == "Per Triwulan (minggu pertama bulan April, Juli, Oktober dan Januari 2027)"
    sharing = [i for i in decree.items if i.component == item.component and i.action_no == item.action_no]
    assert len(sharing) == 2
    assert all(i.action.endswith("pelaksanaan Rencana Aksi pembangunan Zona Integritas") for i in sharing)


def test_page_break_joins_are_recorded():
    decree = curated("kpu-kota-palu-2026-28")
    joined = {f.item_no for f in decree.findings if f.code == "continuation_merged"}
    assert {5, 12, 14, 20, 28, 33, 37, 39, 42, 44, 50, 60} <= joined


def test_palu_per_tahun_with_two_reports_raises_target_period_mismatch():
    decree = curated("kpu-kota-palu-2026-28")
    mismatches = [f for f in decree.findings if f.code == "target_period_mismatch"]
    assert [f.item_no for f in mismatches] == [14]
    item = decree.items[13]
    assert (item.schedule_text, item.target_text) == ("Per Tahun", "2 (dua) Laporan")


def test_every_seed_schedule_is_read():
    for doc_id in SEEDS:
        decree = curated(doc_id)
        assert not [f.message for f in decree.findings if f.code == "schedule_unparsed"]


def test_numbering_gap_is_raised_on_the_item_where_the_numbering_jumps():
    """Palu's last area numbers its components 1, 2, 5: component 5 starts at item 61."""
    decree = curated("kpu-kota-palu-2026-28")
    gaps = [(f.item_no, f.page) for f in decree.findings if f.code == "numbering_gap"]
    assert gaps == [(61, None)]
