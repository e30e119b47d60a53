"""TARGET CAPAIAN phrases read into quantity and unit, with their findings."""

from __future__ import annotations

import pytest

from normalize.findings import Severity
from normalize.records import Target
from normalize.schedule import read_schedule
from normalize.targets import read_target, target_period_findings

# text, quantity, unit, finding codes (in order)
TARGETS = [
    # as printed in the Palu seed
    ("1 (satu) Laporan", 1, "Laporan", []),
    ("1 (satu) Kegiatan", 1, "Kegiatan", []),
    ("2 (dua) Laporan", 2, "Laporan", []),
    ("2 (dua) Kegiatan", 2, "Kegiatan", []),
    ("4 (empat) Laporan", 4, "Laporan", []),
    ("4 (empat) Kegiatan", 4, "Kegiatan", []),
    # other spellings of the same forms
    ("4 Laporan", 4, "Laporan", []),
    ("4(empat) Laporan", 4, "Laporan", []),
    ("4 ( empat ) laporan", 4, "laporan", []),
    ("12 (dua belas) Bulan", 12, "Bulan", []),
    ("25 (dua puluh lima) Pegawai", 25, "Pegawai", []),
    ("100 (seratus) Dokumen", 100, "Dokumen", []),
    ("1.000 (seribu) Lembar", 1000, "Lembar", []),
    ("1 (satu) Dokumen SK", 1, "Dokumen SK", []),
    ("2 (dua) Laporan.", 2, "Laporan", []),
    ("(empat) Laporan", 4, "Laporan", []),
    ("Empat Laporan", 4, "Laporan", []),
    ("dua belas Dokumen", 12, "Dokumen", []),
    ("4", 4, None, []),
    # percentages
    ("100%", 100, "%", []),
    ("100 %", 100, "%", []),
    ("75 persen", 75, "%", []),
    ("100% (seratus persen)", 100, "%", []),
    # a unit alone
    ("Laporan", None, "Laporan", []),
    ("Dokumen SK", None, "Dokumen SK", []),
    # numeral and words disagree: numeral wins, warning
    ("3 (empat) Laporan", 3, "Laporan", ["target_word_mismatch"]),
    ("1 (dua) Kegiatan", 1, "Kegiatan", ["target_word_mismatch"]),
    ("4 (xyz) Laporan", 4, "Laporan", ["target_word_mismatch"]),
    # OCR-damaged words: read, info
    ("4 (ernpat) Laporan", 4, "Laporan", ["target_word_fuzzy"]),
    ("5 (Iima) Laporan", 5, "Laporan", ["target_word_fuzzy"]),
    # too short to trust a similarity match: words unread, numeral kept, warning
    ("2 (dva) Laporan", 2, "Laporan", ["target_word_mismatch"]),
    ("8 (delapn) Laporan", 8, "Laporan", ["target_word_fuzzy"]),
    ("3 (tlga) Kegiatan", 3, "Kegiatan", ["target_word_fuzzy"]),
    ("2 (tlga) Kegiatan", 2, "Kegiatan", ["target_word_mismatch", "target_word_fuzzy"]),
    ("(ernpat) Laporan", 4, "Laporan", ["target_word_fuzzy"]),
]

UNPARSED = [
    "-",
    "Sesuai kebutuhan",
    "Menyesuaikan",
    "2,5 Laporan",
    "1 (satu) SK dan 1 (satu) Laporan",
    "(xyz) Laporan",
    "Tersedianya dokumen laporan yang lengkap dan benar setiap kegiatan",
    "TBD",
]


@pytest.mark.parametrize(("text", "quantity", "unit", "codes"), TARGETS, ids=[t[0] for t in TARGETS])
def test_target(text, quantity, unit, codes):
    reading = read_target(text)
    assert reading.target == Target(quantity, unit)
    assert [finding.code for finding in reading.findings] == codes


@pytest.mark.parametrize("text", UNPARSED)
def test_unparsed_target(text):
    reading = read_target(text)
    assert reading.target is None
    assert [finding.code for finding in reading.findings] == ["target_unparsed"]
    assert reading.findings[0].severity is Severity.WARNING
    assert f'"{text}"' in reading.findings[0].message


def test_empty_target_is_no_target_and_no_finding():
    assert read_target("").target is None
    assert read_target("  ").findings == ()


def test_finding_severities_and_wording():
    mismatch = read_target("3 (empat) Laporan").findings[0]
    assert mismatch.severity is Severity.WARNING
    assert '"3 (empat) Laporan"' in mismatch.message and "empat" in mismatch.message
    fuzzy = read_target("4 (ernpat) Laporan").findings[0]
    assert fuzzy.severity is Severity.INFO
    assert "ernpat" in fuzzy.message
    assert fuzzy.item_no is None and fuzzy.page is None


# schedule text, target text, expected finding codes
PERIOD_CASES = [
    ("Per Tahun", "2 (dua) Laporan", ["target_period_mismatch"]),
    ("Per Tahun", "1 (satu) Laporan", []),
    ("Per Triwulan", "4 (empat) Laporan", []),
    ("Per Triwulan", "1 (satu) Laporan", ["target_period_mismatch"]),
    ("Per Semester", "2 (dua) Laporan", []),
    ("Per Semester", "4 (empat) Laporan", ["target_period_mismatch"]),
    ("Per Triwulan (minggu pertama bulan April, Juli, Oktober dan Januari 2027)", "4 (empat) Kegiatan", []),
    ("Per-bulan (November - Desember 2026)", "2 Laporan", []),
    ("Per-bulan (November - Desember 2026)", "1 Laporan", ["target_period_mismatch"]),
    # not recurring: a window with one deliverable is no mismatch
    ("Januari s.d. Desember 2026", "1 (satu) Laporan", []),
    ("November dan Desember 2026", "1 (satu) Laporan", []),
    # nothing to compare
    ("Per Triwulan", "Laporan", []),
    ("Per Triwulan", "100%", []),
    ("Menyesuaikan", "2 (dua) Laporan", []),
    ("Per Tahun", "-", []),
]


@pytest.mark.parametrize(("schedule_text", "target_text", "codes"), PERIOD_CASES)
def test_target_period_findings(schedule_text, target_text, codes):
    schedule = read_schedule(schedule_text, 2026)
    target = read_target(target_text).target
    findings = target_period_findings(target, schedule)
    assert [finding.code for finding in findings] == codes
    assert all(finding.severity is Severity.WARNING for finding in findings)


def test_period_mismatch_quotes_both_phrases():
    (finding,) = target_period_findings(
        read_target("2 (dua) Laporan").target,
        read_schedule("Per Tahun", 2026),
        target_text="2 (dua) Laporan",
        schedule_text="Per Tahun",
    )
    assert '"Per Tahun"' in finding.message and '"2 (dua) Laporan"' in finding.message
    assert "P1Y" in finding.message
