"""read_legal_bases on the seeds (golden files written by reading them) and made-up Mengingat blocks."""

from __future__ import annotations

import json

import pytest

from extract.document import Line
from normalize.findings import Severity
from normalize.legal_bases import read_legal_bases
from tests.decree_lines import GOLDEN, SEED_IDS, lines_of, seed_lines

KEYS = ("basis_no", "mention_no", "role", "instrument_type", "number", "year", "subject")


def rows(bases) -> list[dict]:
    return [{key: getattr(basis, key) for key in KEYS} for basis in bases]


def mengingat(*points: str) -> list[Line]:
    """A minimal decree body around the given Mengingat lines."""
    body = ["KEPUTUSAN KOMISI PEMILIHAN UMUM KOTA CONTOH", "NOMOR 1 TAHUN 2026", "TENTANG", "RENCANA AKSI",
            "KETUA KOMISI PEMILIHAN UMUM KOTA CONTOH,", "Menimbang : a. bahwa perlu;", "Mengingat :"]
    body += list(points)
    body += ["MEMUTUSKAN:", "Menetapkan : KEPUTUSAN TENTANG RENCANA AKSI.", "KESATU : Menetapkan."]
    return [Line(text) for text in body]


# --- seeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_legal_bases_match_golden(seed):
    bases, _ = read_legal_bases(seed_lines(seed))
    expected = json.loads((GOLDEN / f"{seed}.legal_bases.json").read_text(encoding="utf-8"))
    assert rows(bases) == expected


def test_seed_point_counts():
    ternate, _ = read_legal_bases(seed_lines("kpu-kota-ternate-2026-3"))
    palu, _ = read_legal_bases(seed_lines("kpu-kota-palu-2026-28"))
    assert max(b.basis_no for b in ternate) == 15  # the unnumbered PP 60/2008 line is its own point
    assert max(b.basis_no for b in palu) == 8


def test_unnumbered_point_text():
    bases, _ = read_legal_bases(seed_lines("kpu-kota-ternate-2026-3"))
    point6 = [b for b in bases if b.basis_no == 6]
    assert len(point6) == 1
    assert point6[0].text == (
        "Peraturan Pemerintah Nomor 60 Tahun 2008 tentang Sistem Pengendalian Intern Pemerintah (Lembaran Negara "
        "Republik Indonesia Tahun 2008 Nomor 127, Tambahan Lembaran Negara Republik Indonesia Nomor 4890);"
    )


def test_point_text_is_the_whole_point_on_one_line():
    bases, _ = read_legal_bases(seed_lines("kpu-kota-palu-2026-28"))
    point2 = [b for b in bases if b.basis_no == 2]
    expected = (
        "Undang-Undang Nomor 31 Tahun 1999 tentang Pemberantasan Tindak Pidana Korupsi (Lembaran Negara Republik "
        "Indonesia Tahun 1999 Nomor 140, Tambahan Lembaran Negara Republik Indonesia Nomor 3874) sebagaimana telah "
        "diubah dengan Undang-Undang Nomor 20 Tahun 2001 tentang Perubahan Atas Undang-Undang Nomor 31 Tahun 1999 "
        "tentang Pemberantasan Tindak Pidana Korupsi (Lembaran Negara Republik Indonesia Tahun 2001 Nomor 134, "
        "Tambahan Lembaran Negara Republik Indonesia Nomor 4150);"
    )
    assert [b.text for b in point2] == [expected, expected]


def test_truncated_amendment_raises_a_finding():
    bases, findings = read_legal_bases(seed_lines("kpu-kota-ternate-2026-3"))
    assert [f.code for f in findings] == ["legal_basis_unreadable"]
    assert findings[0].severity is Severity.WARNING
    assert "Reformasi Indonesia Tahun 2023 Nomor 601" in findings[0].message
    assert [(b.mention_no, b.number) for b in bases if b.basis_no == 13] == [(1, "14")]


def test_palu_has_no_findings():
    _, findings = read_legal_bases(seed_lines("kpu-kota-palu-2026-28"))
    assert findings == []


@pytest.mark.parametrize("seed", SEED_IDS)
def test_gazette_numbers_are_never_instruments(seed):
    bases, _ = read_legal_bases(seed_lines(seed))
    numbers = {b.number for b in bases}
    assert not numbers & {"3851", "601", "1813", "137", "197", "6109", "182", "377", "826"}


# --- made-up and OCR-ish variants --------------------------------------------------------------


def test_line_break_inside_number_and_year():
    bases, findings = read_legal_bases(mengingat(
        "1. Undang-Undang Nomor 7 Tahun", "2017 tentang Pemilihan Umum (Lembaran Negara Republik Indonesia Tahun",
        "2017 Nomor 182);",
    ))
    assert rows(bases) == [
        {"basis_no": 1, "mention_no": 1, "role": "primary", "instrument_type": "undang_undang", "number": "7",
         "year": 2017, "subject": "Pemilihan Umum"},
    ]
    assert findings == []


def test_hyphenated_line_break_and_lower_case():
    bases, _ = read_legal_bases(mengingat(
        "1. undang-", "undang nomor 25 tahun 2009 tentang pelayanan publik;",
        "2. peraturan pemerintah pengganti undang-undang nomor 1 tahun 2022 tentang perubahan atas undang-undang "
        "nomor 7 tahun 2017 tentang pemilihan umum;",
    ))
    assert [(b.basis_no, b.instrument_type, b.number, b.year) for b in bases] == [
        (1, "undang_undang", "25", 2009),
        (2, "perppu", "1", 2022),
    ]
    assert bases[0].text == "undang-undang nomor 25 tahun 2009 tentang pelayanan publik;"
    assert bases[1].subject == "perubahan atas undang-undang nomor 7 tahun 2017 tentang pemilihan umum"


def test_lost_point_numbers_and_abbreviations():
    bases, findings = read_legal_bases(mengingat(
        "1. Perppu Nomor 1 Tahun 2022 tentang Perubahan atas Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;",
        "Permen PANRB Nomor 20 Tahun 2010 tentang Road Map Reformasi Birokrasi;",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun 2021 tentang",
        "Pembangunan dan Evaluasi Zona Integritas (Berita Negara Republik Indonesia Tahun 2021 Nomor 1571);",
        "4. PKPU No. 8/2019 tentang Tata Kerja;",
    ))
    assert [(b.basis_no, b.mention_no, b.instrument_type, b.number, b.year) for b in bases] == [
        (1, 1, "perppu", "1", 2022),
        (2, 1, "peraturan_menteri", "20", 2010),
        (3, 1, "peraturan_menteri", "90", 2021),
        (4, 1, "peraturan_kpu", "8", 2019),
    ]
    assert bases[2].subject == "Pembangunan dan Evaluasi Zona Integritas"
    assert findings == []


def test_long_kpu_number_and_juncto():
    bases, _ = read_legal_bases(mengingat(
        "1. Keputusan Komisi Pemilihan Umum Nomor 751/PP.01-Kpt/01/KPU/III/2019 tentang Pedoman Teknis jo. "
        "Keputusan Komisi Pemilihan Umum Nomor 12 Tahun 2020 tentang Perubahan atas Pedoman Teknis;",
    ))
    assert [(b.mention_no, b.role, b.instrument_type, b.number, b.year, b.subject) for b in bases] == [
        (1, "primary", "keputusan_kpu", "751/PP.01-Kpt/01/KPU/III/2019", 2019, "Pedoman Teknis"),
        (2, "amendment", "keputusan_kpu", "12", 2020, "Perubahan atas Pedoman Teknis"),
    ]


def test_two_independent_instruments_in_one_point():
    bases, _ = read_legal_bases(mengingat(
        "1. Undang-Undang Nomor 1 Tahun 2015 tentang Pilkada (Lembaran Negara Tahun 2015 Nomor 23) dan "
        "Undang-Undang Nomor 8 Tahun 2015 tentang Perubahan Pilkada (Lembaran Negara Tahun 2015 Nomor 57);",
    ))
    assert [(b.mention_no, b.role, b.number) for b in bases] == [(1, "primary", "1"), (2, "primary", "8")]


def test_constitution_is_cited_without_number():
    bases, findings = read_legal_bases(mengingat(
        "1. Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;",
        "2. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;",
    ))
    assert [(b.basis_no, b.instrument_type, b.number, b.year) for b in bases] == [
        (1, "other", None, 1945), (2, "undang_undang", "7", 2017)]
    assert findings == []


def test_a_law_without_number_is_still_unreadable():
    bases, findings = read_legal_bases(mengingat("1. Undang-Undang Tahun 2017 tentang Pemilihan Umum;"))
    assert bases == []
    assert [f.code for f in findings] == ["legal_basis_unreadable"]


def test_amendment_clause_without_instrument():
    bases, findings = read_legal_bases(mengingat(
        "1. Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana telah "
        "diubah dengan;",
    ))
    assert [(b.role, b.number, b.subject) for b in bases] == [("primary", "16", "Pengadaan Barang/Jasa Pemerintah")]
    assert [f.code for f in findings] == ["legal_basis_unreadable"]
    assert "names no instrument" in findings[0].message


def test_no_mengingat_section():
    bases, findings = read_legal_bases([Line("KEPUTUSAN KOMISI PEMILIHAN UMUM"), Line("NOMOR 1 TAHUN 2026")])
    assert bases == []
    assert [f.code for f in findings] == ["legal_bases_missing"]


def test_markdown_artefacts_do_not_matter():
    text = "\n".join([
        "#### KEPUTUSAN KOMISI PEMILIHAN UMUM KOTA CONTOH", "NOMOR 1 TAHUN 2026", "TENTANG RENCANA AKSI",
        "- Menimbang : a. bahwa perlu;", "- Mengingat", "  2. **Undang-Undang** Nomor 14 Tahun 2008 tentang "
        "Keterbukaan Informasi Publik;  ", "", "#### MEMUTUSKAN", "- KESATU : Menetapkan.",
    ])
    bases, _ = read_legal_bases(lines_of(text))
    assert [(b.basis_no, b.number, b.subject) for b in bases] == [(1, "14", "Keterbukaan Informasi Publik")]


def test_parenthesis_numbers_and_wrapped_gazette_numbers():
    bases, _ = read_legal_bases(mengingat(
        "1) Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran Negara Tahun 2008 Nomor",
        "61);",
        "2) Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah (Lembaran Negara Nomor",
        "33) sebagaimana telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021 tentang Perubahan;",
    ))
    assert [(b.basis_no, b.mention_no, b.role, b.number) for b in bases] == [
        (1, 1, "primary", "14"),
        (2, 1, "primary", "16"),
        (2, 2, "amendment", "12"),
    ]


def test_abbreviated_gazette_ends_the_subject():
    bases, findings = read_legal_bases(mengingat(
        "1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum (LNRI Tahun 2017 Nomor 182, TLNRI Nomor 6109);",
    ))
    assert [(b.number, b.year, b.subject) for b in bases] == [("7", 2017, "Pemilihan Umum")]
    assert findings == []
