"""Printed components -> official PermenPANRB 90/2021 components, and the coverage rows of both seeds."""

import pytest

from extract.text import read_text
from normalize.components import assign_components, component_code, official_components
from normalize.curate import curate_document
from normalize.records import ActionItem
from pipelines.tables import coverage_rows
from tests.goldens import SEEDS, golden_coverage


def test_the_official_list_has_the_regulations_25_components_with_stable_unique_codes():
    components = official_components()
    codes = [c.code for c in components]
    assert len(codes) == len(set(codes)) == 25
    assert all(c.code.startswith(c.area_code + ".") for c in components)
    per_area = {}
    for c in components:
        per_area.setdefault(c.area_code, []).append(c.name)
    assert per_area["pelayanan_publik"] == [
        "Standar Pelayanan", "Budaya Pelayanan Prima", "Pengelolaan Pengaduan",
        "Penilaian Kepuasan terhadap Pelayanan", "Pemanfaatan Teknologi Informasi"]
    assert [len(v) for v in per_area.values()] == [4, 3, 6, 2, 5, 5]


@pytest.mark.parametrize("printed, area, expected", [
    ("E-Office", "penataan_tatalaksana", "penataan_tatalaksana.spbe"),
    ("Penerapan e-government", "penataan_tatalaksana", "penataan_tatalaksana.spbe"),
    ("SOP", "penataan_tatalaksana", "penataan_tatalaksana.prosedur_kerja"),
    ("Prosedur Kerja", "penataan_tatalaksana", "penataan_tatalaksana.prosedur_kerja"),
    ("Penyusunan Standard Operating Procedure", "penataan_tatalaksana", "penataan_tatalaksana.prosedur_kerja"),
    ("PENGENDALIAN GRATIFKASI", "penguatan_pengawasan", "penguatan_pengawasan.gratifikasi"),  # misspelt
    ("WBS", "penguatan_pengawasan", "penguatan_pengawasan.whistle_blowing"),
    ("Whistle-Blowing", "penguatan_pengawasan", "penguatan_pengawasan.whistle_blowing"),
    ("Sistem Pengendalian Intern", "penguatan_pengawasan", "penguatan_pengawasan.spip"),
    ("Survei Kepuasan Masyarakat (SKM)", "pelayanan_publik", "pelayanan_publik.kepuasan_pelayanan"),
    ("Pengelolaan Pengaduan Pelayanan", "pelayanan_publik", "pelayanan_publik.pengelolaan_pengaduan"),
    ("Pemanfaatan TI", "pelayanan_publik", "pelayanan_publik.teknologi_informasi"),
    ("Penetapan Kinerja Individu", None, "penataan_sdm.kinerja_individu"),  # no area: the whole list
    ("Penilaian kepuasaan terhadap pelayanan", None, "pelayanan_publik.kepuasan_pelayanan"),
])
def test_printed_wordings_abbreviations_and_misspellings_map(printed, area, expected):
    assert component_code(printed, "", area) == expected


def test_the_area_decides_between_look_alike_components():
    assert component_code("Pengaduan Masyarakat", "", "penguatan_pengawasan") == \
        "penguatan_pengawasan.pengaduan_masyarakat"
    assert component_code("Pengelolaan Pengaduan", "", "pelayanan_publik") == "pelayanan_publik.pengelolaan_pengaduan"
    assert component_code("Pemanfaatan Teknologi Informasi", "", "penataan_tatalaksana") == "penataan_tatalaksana.spbe"
    assert component_code("Pemanfaatan Teknologi Informasi", "", "pelayanan_publik") == \
        "pelayanan_publik.teknologi_informasi"


@pytest.mark.parametrize("printed, action, area", [
    ("Kegiatan lain-lain", "Rapat koordinasi bulanan", "manajemen_perubahan"),
    ("Pengadaan kendaraan dinas", "Membeli dua kendaraan", "penataan_sdm"),
    ("", "", "pelayanan_publik"),
    ("Pelayanan", "", "pelayanan_publik"),  # fits several components equally: not a reading
    ("Menyusun SOP Terpadu", "", "pelayanan_publik"),  # SOP is no component of area VI
])
def test_nothing_near_stays_null(printed, action, area):
    assert component_code(printed, action, area) is None


def test_the_action_is_read_when_the_printed_component_gives_nothing():
    assert component_code("-", "Melaksanakan survei kepuasan masyarakat terhadap pelayanan", "pelayanan_publik") == \
        "pelayanan_publik.kepuasan_pelayanan"
    assert component_code("-", "Rapat rutin", "pelayanan_publik") is None


def _item(item_no, component, action, area_code):
    return ActionItem(item_no, area_code, "1", "label", None, component, None, action, None, "", "", "")


def test_an_unmapped_item_gets_a_null_code_and_an_info_finding():
    items = [_item(1, "Tim Kerja", "Membentuk tim", "manajemen_perubahan"),
             _item(2, "Kegiatan lain-lain", "Rapat koordinasi", "manajemen_perubahan")]
    findings = assign_components(items)
    assert [i.component_code for i in items] == ["manajemen_perubahan.tim_kerja", None]
    assert [(f.code, f.severity.value, f.item_no) for f in findings] == [("component_unmapped", "info", 2)]
    assert "Kegiatan lain-lain" in findings[0].message


def test_a_component_read_under_another_area_is_kept_with_a_warning():
    items = [_item(1, "Tim Kerja", "Membentuk tim", "penguatan_pengawasan"),
             _item(2, "Pemanfaatan Teknologi Informasi", "Aplikasi", "penguatan_pengawasan")]
    findings = assign_components(items)
    # the second fits area II (SPBE) and area VI alike: no reading
    assert [i.component_code for i in items] == ["manajemen_perubahan.tim_kerja", None]
    assert [(f.code, f.severity.value, f.item_no) for f in findings] == [
        ("component_area_mismatch", "warning", 1), ("component_unmapped", "info", 2)]


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_coverage_rows_equal_the_golden_rows(doc_id):
    decree = curate_document(read_text(SEEDS[doc_id]), SEEDS[doc_id].name, "0" * 64)
    rows = list(coverage_rows(decree))
    names = {c.code: (c.area_code, c.name) for c in official_components()}
    assert [(r["component_code"], r["item_count"], r["printed_as"]) for r in rows] == [
        (g["component_code"], g["item_count"], g["printed_as"]) for g in golden_coverage(doc_id)]
    assert all((r["doc_id"], r["area_code"], r["component"]) == (doc_id, *names[r["component_code"]]) for r in rows)
    assert not [f for f in decree.findings if f.code.startswith("component_")]


def test_palu_area_vi_numbered_1_2_5_leaves_out_two_components():
    decree = curate_document(read_text(SEEDS["kpu-kota-palu-2026-28"]), "palu.txt", "0" * 64)
    missing = [r["component"] for r in coverage_rows(decree)
               if r["area_code"] == "pelayanan_publik" and r["item_count"] == 0]
    assert missing == ["Pengelolaan Pengaduan", "Pemanfaatan Teknologi Informasi"]


def test_every_component_wording_of_the_synthetic_corpus_maps_within_its_area():
    import tomllib
    from pathlib import Path

    corpus = tomllib.loads((Path(__file__).parent.parent / "synth" / "data" / "corpus.toml").read_text("utf-8"))
    for area, entry in corpus["areas"].items():
        for printed in entry["components"]:
            code = component_code(printed.replace("<i>", "").replace("</i>", ""), "", area)
            assert code is not None and code.startswith(area + "."), (area, printed, code)
