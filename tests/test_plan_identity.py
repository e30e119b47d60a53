"""Plans that are not numbered decrees: no KEPUTUSAN heading, no number, signed by the head of a unit.

SCHEMA 1.1: their doc_id is slug(issuer_short)-plan_year-rencana-aksi, never `unidentified-...`
when the issuer is printed.  The real plans (tests/fixtures/real) were read with
`pdftotext -layout`; the expected values below are what they print.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.document import Line
from extract.pdf import read_pdf
from normalize.curate import curate_document
from normalize.decree import doc_id, read_identity

REAL = Path(__file__).parent / "fixtures" / "real"

# What each real plan prints about itself (read from the PDFs).
REAL_PLANS = {
    "balai-patp-target-prioritas-zi-2021": {
        "issuer": "Balai Pengelola Alih Teknologi Pertanian",  # "Kepala Balai, / Pengelola Alih Teknologi Pertanian,"
        "issuer_short": "Balai PATP",  # as the plan itself writes it
        "jurisdiction": None,
        "decree_number": None,
        "title": "DOKUMEN TARGET PRIORITAS PEMBANGUNAN ZONA INTEGRITAS MENUJU Wilayah Bebas Korupsi (WBK) "
                 "dan Wilayah Birokrasi Bersih dan Melayani (WBBM)",
        "enacted_place": "Bogor",
        "enacted_date": date(2021, 1, 4),
        "signatory_name": "Dr. Ir. Ketut Gede Mudiarta, M.Si",
        "signatory_title": "Kepala Balai Pengelola Alih Teknologi Pertanian",
        "plan_year": 2021,
    },
    "balai-patp-rtl-ikm-2021": {
        "issuer": "Balai Pengelola Alih Teknologi Pertanian",  # printed "Balai Pengelola Alih teknologi Pertanian"
        "issuer_short": "Balai PATP",
        "jurisdiction": None,
        "decree_number": None,
        "title": "RENCANA TINDAK LANJUT PERBAIKAN IKM",
        "enacted_place": "Bogor",
        "enacted_date": None,  # "31 Juni 2021" is no date: nothing guessed
        "signatory_name": "Dr. Ir. Ketut Gede Mudiarta, M.Si",
        "signatory_title": "Kepala Balai Pengelola Alih teknologi Pertanian",
        "plan_year": 2021,
    },
}


def codes(findings) -> list[str]:
    return [f.code for f in findings]


@pytest.mark.parametrize("stem", sorted(REAL_PLANS))
def test_real_plan_identity(stem):
    identity, findings = read_identity(read_pdf(REAL / f"{stem}.pdf").lines)
    for field, value in REAL_PLANS[stem].items():
        assert getattr(identity, field) == value, field
    assert doc_id(identity) == "balai-patp-2021-rencana-aksi"
    assert "plan_year_defaulted" in codes(findings)


def test_impossible_date_is_left_empty_with_a_finding():
    identity, findings = read_identity(read_pdf(REAL / "balai-patp-rtl-ikm-2021.pdf").lines)
    assert identity.enacted_date is None
    assert any(f.code == "metadata_missing" and "31 Juni 2021" in f.message for f in findings)


def test_real_plan_curates_under_its_plan_doc_id():
    document = read_pdf(REAL / "balai-patp-target-prioritas-zi-2021.pdf")
    decree = curate_document(document, "balai-patp-target-prioritas-zi-2021.pdf", "0" * 64)
    assert decree.doc_id == "balai-patp-2021-rencana-aksi"
    assert "doc_id_fallback" not in codes(decree.findings)


PLAN = """RENCANA AKSI ZONA INTEGRITAS
DINAS KESEHATAN KABUPATEN POSO
TAHUN 2025
Rencana aksi ini disusun untuk membangun zona integritas di lingkungan DinKes.
{closing}
"""


@pytest.mark.parametrize(
    "closing",
    [
        "Ditetapkan di Poso\npada tanggal 2 Januari 2025\nKepala Dinas Kesehatan\nKabupaten Poso,\n\nHj. SITI AMINAH, S.KM",
        "Poso, 2 Januari 2025\nKepala Dinas Kesehatan Kabupaten Poso\nHj. SITI AMINAH, S.KM\nNIP. 197001011990032001",
        "Poso, 2 Januari 2025\nKEPALA DINAS KESEHATAN,\nKABUPATEN POSO,\nttd\nHj. SITI AMINAH, S.KM",
    ],
)
def test_plan_signed_by_a_unit_head(closing):
    lines = [Line(text) for text in PLAN.format(closing=closing).splitlines()]
    identity, findings = read_identity(lines)
    assert identity.issuer == "Dinas Kesehatan Kabupaten Poso"
    assert (identity.jurisdiction, identity.jurisdiction_level) == ("Kabupaten Poso", "kabupaten")
    assert identity.title == "RENCANA AKSI ZONA INTEGRITAS"
    assert identity.enacted_place == "Poso" and identity.enacted_date == date(2025, 1, 2)
    assert identity.signatory_name == "Hj. SITI AMINAH, S.KM"
    assert identity.plan_year == 2025
    assert doc_id(identity) == "dinas-kesehatan-kabupaten-poso-2025-rencana-aksi"


def test_a_decree_whose_number_is_lost_is_no_plan():
    """A KEPUTUSAN with a dictum but no readable number keeps no doc_id (the caller falls back to the file)."""
    text = """KEPUTUSAN KEPALA DINAS KESEHATAN KABUPATEN POSO
TENTANG
RENCANA AKSI TAHUN 2025
Menimbang : a. bahwa perlu;
MEMUTUSKAN:
KESATU : Menetapkan rencana aksi.
Ditetapkan di Poso
pada tanggal 2 Januari 2025
KEPALA DINAS KESEHATAN KABUPATEN POSO,
ttd
SITI AMINAH"""
    identity, _ = read_identity([Line(t) for t in text.splitlines()])
    assert identity.issuer == "Dinas Kesehatan Kabupaten Poso"
    assert doc_id(identity) is None


def test_a_signature_without_a_unit_gives_no_issuer():
    lines = [Line(t) for t in "RENCANA KERJA\nJakarta, 5 Mei 2025\nBudi Santoso".splitlines()]
    identity, _ = read_identity(lines)
    assert identity.issuer is None
    assert doc_id(identity) is None

