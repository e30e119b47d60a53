"""Layouts other than the seeds': roles come from header wording, not from the office."""

from pathlib import Path

import pytest

from extract.text import read_text
from normalize.items import read_matrix
from normalize.layout import find_layout, role_of

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("KOMPONEN PENGUNGKIT", "area"), ("AREA PERUBAHAN", "area"), ("Area", "area"),
        ("KOMPONEN", "component"), ("ASPEK PEMENUHAN", "component"),
        ("LANGKAH AKSI", "action"), ("KEGIATAN / AKSI", "action"), ("Kegiatan", "action"),
        ("RENCANA AKSI", "action"), ("URAIAN KEGIATAN", "action"),
        ("INDIKATOR", "indicator"), ("INDIKATOR KEBERHASILAN", "indicator"),
        ("BUKTI FISIK", "evidence"), ("DATA DUKUNG", "evidence"), ("OUTPUT", "evidence"), ("KELUARAN", "evidence"),
        ("TARGET WAKTU", "schedule"), ("WAKTU PELAKSANAAN", "schedule"), ("TARGET WAKTU PELAKSANAAN", "schedule"),
        ("JADWAL", "schedule"), ("KURUN WAKTU", "schedule"),
        ("TARGET CAPAIAN", "target"), ("TARGET", "target"), ("VOLUME", "target"),
        ("PENANGGUNG JAWAB", "responsible"), ("PIC", "responsible"), ("PELAKSANA", "responsible"),
        ("UNIT KERJA", "responsible"), ("NO.", "no"),
        ("INDIKATOR (OUTCOME)", "indicator"), ("KETERANGAN", None),
    ],
)
def test_header_synonyms(header, role):
    assert role_of(header) == role


def test_third_layout_roles_responsible_and_extra():
    document = read_text(FIXTURES / "layouts" / "third_layout.txt")
    layout = find_layout(document.rows)
    assert layout.roles == [
        "no", "area", "action", "indicator", "schedule", "evidence", "target", "responsible", "extra",
    ]
    matrix = read_matrix(document.rows, plan_year=2026)
    assert len(matrix.items) == 3
    first, second, third = matrix.items
    assert (first.area_no, first.area_label, first.area_code) == ("A", "Manajemen Perubahan", "manajemen_perubahan")
    assert (first.action_no, first.action) == ("1", "Menyusun Rencana Kerja Zona Integritas")
    assert first.responsible == "Sub Bagian Umum"
    assert first.extra == {"KETERANGAN": "Sudah berjalan"}
    assert first.evidence == "SK Tim" and first.schedule_text == "Januari 2026"
    assert (first.target_quantity, first.target_unit) == (1, "Dokumen")
    # the repeated header after the page break is dropped and the split row joined back
    assert second.action == "Rapat evaluasi berkala dengan seluruh pegawai dan pimpinan"
    assert second.area_label == "Manajemen Perubahan" and second.responsible == "Ketua Tim"
    assert second.extra == {"KETERANGAN": ""}
    assert [f.code for f in matrix.findings if f.item_no == 2].count("continuation_merged") == 1
    assert (third.area_no, third.area_code, third.responsible) == ("B", "penguatan_pengawasan", "Inspektorat Internal")


def test_rows_and_headings_cut_by_a_page_break_are_joined():
    document = read_text(FIXTURES / "layouts" / "cut_rows.txt")
    matrix = read_matrix(document.rows, plan_year=2026)
    assert len(matrix.items) == 2
    first, second = matrix.items
    # the continuation fills the schedule, but its empty evidence shows it is no complete row
    assert first.indicator == "SOP telah disusun dan dipahami pegawai"
    assert first.schedule_text == "Paling lambat April - September 2026"
    assert first.schedule is not None and first.schedule.deadline
    # a heading cut at the page end carries on at the top of the next page
    assert (second.area_no, second.area_label) == ("II", "PENINGKATAN KUALITAS PELAYANAN PUBLIK")
    assert second.area_code == "pelayanan_publik"
