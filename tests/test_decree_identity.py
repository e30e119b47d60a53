"""read_identity / doc_id on the seeds (golden files written by reading them) and made-up variants."""

from __future__ import annotations

import json
from datetime import date

import pytest

from extract.document import Line
from normalize.decree import doc_id, read_identity
from normalize.findings import Severity
from normalize.issuer import read_issuer
from normalize.records import DecreeIdentity
from pipelines.tables import identity_fields
from tests.decree_lines import GOLDEN, SEED_IDS, lines_of, seed_lines


def as_json(identity: DecreeIdentity) -> dict:
    """The identity in the golden files' shape (dates ISO, provisions as dicts)."""
    fields = identity_fields(identity)
    fields["enacted_date"] = identity.enacted_date.isoformat() if identity.enacted_date else None
    return fields


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def missing_fields(findings) -> set[str]:
    return {f.message.split("'")[1] for f in findings if f.code == "metadata_missing"}


# --- seeds ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_identity_matches_golden(seed):
    identity, _ = read_identity(seed_lines(seed))
    expected = json.loads((GOLDEN / f"{seed}.decree.json").read_text(encoding="utf-8"))
    actual = as_json(identity)
    for field, value in expected.items():
        assert actual[field] == value, field


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_doc_id(seed):
    identity, _ = read_identity(seed_lines(seed))
    assert doc_id(identity) == seed


def test_seed_findings():
    _, ternate = read_identity(seed_lines("kpu-kota-ternate-2026-3"))
    assert ternate == []
    _, palu = read_identity(seed_lines("kpu-kota-palu-2026-28"))
    assert codes(palu) == ["plan_year_defaulted"]  # its title names no year
    assert palu[0].severity is Severity.INFO


def test_certified_copy_signer_is_not_the_signatory():
    identity, _ = read_identity(seed_lines("kpu-kota-ternate-2026-3"))
    assert identity.signatory_name == "M. Zen A. Karim"
    assert "Eko" not in (identity.signatory_name or "")


def test_missing_signature_page_raises_findings():
    lines = seed_lines("kpu-kota-ternate-2026-3")
    texts = [line.text.strip() for line in lines]
    start = texts.index("Ditetapkan di Ternate")
    end = texts.index("LAMPIRAN")
    identity, findings = read_identity(lines[:start] + lines[end:])
    assert identity.enacted_place is None and identity.enacted_date is None
    assert identity.signatory_name is None and identity.signatory_title is None
    assert {"enacted_place", "enacted_date", "signatory_name", "signatory_title"} <= missing_fields(findings)
    assert all(f.severity is Severity.WARNING for f in findings if f.code == "metadata_missing")
    # the appendix's closing signature is not taken for the body's
    assert identity.decree_number == "3"
    assert [p.label for p in identity.provisions] == ["KESATU", "KEDUA"]
    assert identity.provisions[1].text == "Keputusan ini mulai berlaku sejak tanggal ditetapkan"


def test_empty_input_reports_every_field():
    identity, findings = read_identity([])
    assert identity == DecreeIdentity()
    assert doc_id(identity) is None
    assert {"issuer", "decree_number", "decree_year", "title", "signatory_name", "considerations", "provisions"} <= (
        missing_fields(findings)
    )


# --- made-up decrees --------------------------------------------------------------------

KPU_RI = """\
KOMISI PEMILIHAN UMUM
REPUBLIK INDONESIA
KEPUTUSAN KOMISI PEMILIHAN UMUM
NOMOR 751/PP.01-Kpt/01/KPU/III/2019
TENTANG
PEDOMAN TEKNIS PEMBANGUNAN ZONA INTEGRITAS
DI LINGKUNGAN SEKRETARIAT JENDERAL KOMISI PEMILIHAN UMUM
KETUA KOMISI PEMILIHAN UMUM,
Menimbang : a. bahwa untuk melaksanakan pembangunan zona integritas perlu pedoman;
b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan Komisi Pemilihan Umum;
Mengingat : 1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;
MEMUTUSKAN:
Menetapkan : KEPUTUSAN KOMISI PEMILIHAN UMUM TENTANG PEDOMAN TEKNIS PEMBANGUNAN ZONA INTEGRITAS.
KESATU : Menetapkan pedoman teknis sebagaimana tercantum dalam Lampiran.
KEDUA : Keputusan ini mulai berlaku pada tanggal ditetapkan.
Ditetapkan di Jakarta
pada tanggal 28 Maret 2019
KETUA KOMISI PEMILIHAN UMUM,
ttd.
ARIEF BUDIMAN
"""


def test_kpu_ri_long_number():
    identity, findings = read_identity(lines_of(KPU_RI))
    assert identity.issuer == "Komisi Pemilihan Umum"
    assert identity.issuer_short == "KPU RI"
    assert identity.jurisdiction == "Republik Indonesia"
    assert identity.jurisdiction_level == "nasional"
    assert identity.decree_number == "751/PP.01-Kpt/01/KPU/III/2019"
    assert identity.decree_year == 2019  # from the date
    assert identity.enacted_date == date(2019, 3, 28)
    assert identity.enacted_place == "Jakarta"
    assert identity.title == (
        "PEDOMAN TEKNIS PEMBANGUNAN ZONA INTEGRITAS DI LINGKUNGAN SEKRETARIAT JENDERAL KOMISI PEMILIHAN UMUM"
    )
    assert identity.signatory_title == "Ketua Komisi Pemilihan Umum"
    assert identity.signatory_name == "ARIEF BUDIMAN"
    assert identity.plan_year == 2019
    assert len(identity.considerations) == 2
    assert doc_id(identity) == "kpu-ri-2019-751-pp-01-kpt-01-kpu-iii-2019"
    assert sorted(codes(findings)) == ["metadata_fallback", "plan_year_defaulted"]
    assert "'decree_year'" in next(f.message for f in findings if f.code == "metadata_fallback")


def test_a_date_marker_with_a_stray_dot_for_its_space_is_still_read():
    """OCR may read the space of "pada tanggal" as a dot."""
    identity, _ = read_identity(lines_of(KPU_RI.replace("pada tanggal 28", "pada.tanggal 28")))
    assert identity.enacted_date == date(2019, 3, 28)


def test_kpu_ri_year_from_number_when_date_missing():
    text = KPU_RI.replace("pada tanggal 28 Maret 2019\n", "")
    identity, findings = read_identity(lines_of(text))
    assert identity.decree_year == 2019  # the number's trailing /2019
    assert identity.enacted_date is None
    assert "enacted_date" in missing_fields(findings)


PROVINSI = """\
KEPUTUSAN KOMISI PEMILIHAN UMUM PROVINSI SULAWESI TENGAH NOMOR 12 TAHUN 2025 TENTANG RENCANA AKSI
PEMBANGUNAN ZONA INTEGRITAS TAHUN ANGGARAN 2025
DENGAN RAHMAT TUHAN YANG MAHA ESA
KETUA KOMISI PEMILIHAN UMUM PROVINSI SULAWESI TENGAH,
Menimbang
:
a.
bahwa pembangunan zona integritas memerlukan rencana aksi;
Mengingat
:
1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;
MEMUTUSKAN :
Menetapkan
:
KEPUTUSAN KOMISI PEMILIHAN UMUM PROVINSI SULAWESI TENGAH TENTANG RENCANA AKSI.
KESATU
:
Menetapkan rencana aksi.
KEDUA
:
Keputusan ini mulai berlaku pada tanggal ditetapkan.
Ditetapkan di Palu pada tanggal 3 Februari 2025
KETUA KOMISI PEMILIHAN UMUM
PROVINSI SULAWESI TENGAH,
RISMAN TOLINGGI
Salinan sesuai dengan aslinya
KEPALA BAGIAN HUKUM,
BUDI SANTOSO
"""


def test_provinsi_decree_with_one_line_heading_and_unsigned_scan():
    identity, findings = read_identity(lines_of(PROVINSI))
    assert identity.issuer == "Komisi Pemilihan Umum Provinsi Sulawesi Tengah"
    assert identity.issuer_short == "KPU Provinsi Sulawesi Tengah"
    assert identity.jurisdiction == "Provinsi Sulawesi Tengah"
    assert identity.jurisdiction_level == "provinsi"
    assert (identity.decree_number, identity.decree_year) == ("12", 2025)
    assert identity.title == "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS TAHUN ANGGARAN 2025"
    assert identity.plan_year == 2025
    assert (identity.enacted_place, identity.enacted_date) == ("Palu", date(2025, 2, 3))
    # no "ttd": the title ends at the comma, the next line is the name
    assert identity.signatory_title == "Ketua Komisi Pemilihan Umum Provinsi Sulawesi Tengah"
    assert identity.signatory_name == "RISMAN TOLINGGI"
    assert identity.considerations == ("bahwa pembangunan zona integritas memerlukan rencana aksi;",)
    assert [(p.label, p.text) for p in identity.provisions] == [
        ("KESATU", "Menetapkan rencana aksi."),
        ("KEDUA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ]
    assert doc_id(identity) == "kpu-provinsi-sulawesi-tengah-2025-12"
    assert findings == []


KABUPATEN = """\
KEPUTUSAN KETUA KOMISI PEMILIHAN UMUM KABUPATEN DONGGALA
NOMOR : 45 TAHUN 2026
TENTANG
RENCANA AKSI ZONA INTEGRITAS
PLH. KETUA KOMISI PEMILIHAN UMUM KABUPATEN DONGGALA,
Menimbang : a. bahwa perlu rencana aksi;
b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan;
Mengingat : 1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;
MEMUTUSKAN:
Menetapkan : KEPUTUSAN KETUA KOMISI PEMILIHAN UMUM KABUPATEN DONGGALA TENTANG RENCANA AKSI ZONA INTEGRITAS.
KESATU : Menetapkan rencana aksi.
Ditetapkan di Donggala
pada tanggal 2 Mei 2026
PLH. KETUA KOMISI PEMILIHAN UMUM
KABUPATEN DONGGALA,
Ttd
SITI AMINAH, S.H.
"""


def test_kabupaten_decree_of_the_chair():
    identity, findings = read_identity(lines_of(KABUPATEN))
    assert identity.issuer == "Komisi Pemilihan Umum Kabupaten Donggala"
    assert identity.issuer_short == "KPU Kabupaten Donggala"
    assert identity.jurisdiction == "Kabupaten Donggala"
    assert identity.jurisdiction_level == "kabupaten"
    assert (identity.decree_number, identity.decree_year) == ("45", 2026)
    assert identity.title == "RENCANA AKSI ZONA INTEGRITAS"
    assert identity.signatory_title == "Plh. Ketua Komisi Pemilihan Umum Kabupaten Donggala"
    assert identity.signatory_name == "SITI AMINAH, S.H."
    assert identity.enacted_date == date(2026, 5, 2)
    assert doc_id(identity) == "kpu-kabupaten-donggala-2026-45"
    assert codes(findings) == ["plan_year_defaulted"]


# --- OCR / PDF renderings of a seed ---------------------------------------------------------


def ocr_rendering(lines: list[Line]) -> list[Line]:
    """Ternate as a PDF/OCR might read it: no markdown, page numbers, broken lines, lost letters."""
    out: list[Line] = []
    page = 1
    for line in lines:
        text = line.text.strip().lstrip("-# ").replace("**", "")
        if text == "NOMOR 3 TAHUN 2026" and not out[-1].text.startswith("LAMPIRAN"):
            out += [Line("NOMOR 3 TAHUN", page), Line("2026", page)]
            continue
        if text.startswith("RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH"):
            out += [Line("RENCANA AKSI PEMBANGUNAN", page), Line("ZONA INTEGRITAS MENUJU WILAYAH", page)]
            continue
        if text.startswith("b. bahwa"):
            text = text[3:]  # the letter was lost
        if text == "MEMUTUSKAN":
            text = "M E M U T U S K A N"
        if text == "pada tanggal 6 April 2026":
            out += [Line("pada tanggal", page), Line("6 April 2026", page)]
            continue
        if text.startswith("Mengingat"):
            page += 1
            out += [Line("- 2 -", page)]
        out.append(Line(text, page))
    return out


def test_ocr_rendering_reads_like_the_text():
    golden = json.loads((GOLDEN / "kpu-kota-ternate-2026-3.decree.json").read_text(encoding="utf-8"))
    identity, findings = read_identity(ocr_rendering(seed_lines("kpu-kota-ternate-2026-3")))
    actual = as_json(identity)
    for field in ("issuer", "issuer_short", "decree_number", "decree_year", "title", "plan_year",
                  "enacted_place", "enacted_date", "signatory_name", "signatory_title", "considerations", "provisions"):
        assert actual[field] == golden[field], field
    assert findings == []


def test_lower_case_rendering_keeps_the_doc_id():
    lines = [Line(line.text.lower()) for line in seed_lines("kpu-kota-palu-2026-28")]
    identity, _ = read_identity(lines)
    assert identity.issuer == "Komisi Pemilihan Umum Kota Palu"
    assert identity.enacted_place == "Palu"
    assert identity.decree_number == "28"
    assert identity.decree_year == 2026
    assert identity.jurisdiction_level == "kota"
    assert identity.enacted_date == date(2026, 1, 21)
    assert identity.signatory_name == "idrus"
    assert [p.label for p in identity.provisions] == ["KESATU", "KEDUA", "KETIGA"]
    assert doc_id(identity) == "kpu-kota-palu-2026-28"


def test_heading_lost_falls_back_with_info_findings():
    lines = seed_lines("kpu-kota-palu-2026-28")
    texts = [line.text.strip() for line in lines]
    cut = texts.index("KETUA KOMISI PEMILIHAN UMUM KOTA PALU,")
    identity, findings = read_identity(lines[cut:])
    assert identity.issuer == "Komisi Pemilihan Umum Kota Palu"  # from the office line
    assert identity.decree_number == "28"  # from the LAMPIRAN heading
    assert identity.title and identity.title.startswith("RENCANA AKSI PEMBANGUNAN DAN EVALUASI")
    fallbacks = [f for f in findings if f.code == "metadata_fallback"]
    assert len(fallbacks) == 3 and all(f.severity is Severity.INFO for f in fallbacks)


def test_lost_tentang_word_takes_the_title_from_menetapkan():
    text = KABUPATEN.replace("TENTANG\n", "")
    identity, findings = read_identity(lines_of(text))
    assert (identity.decree_number, identity.decree_year) == ("45", 2026)
    assert identity.title == "RENCANA AKSI ZONA INTEGRITAS"
    assert "metadata_fallback" in codes(findings)


@pytest.mark.parametrize(
    ("printed", "name", "short", "jurisdiction", "level"),
    [
        ("KOMISI PEMILIHAN UMUM KOTA TERNATE", "Komisi Pemilihan Umum Kota Ternate", "KPU Kota Ternate", "Kota Ternate", "kota"),
        ("KOMISI PEMILIHAN UMUM", "Komisi Pemilihan Umum", "KPU RI", "Republik Indonesia", "nasional"),
        ("KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA", "Komisi Pemilihan Umum Republik Indonesia", "KPU RI",
         "Republik Indonesia", "nasional"),
        ("KOMISI PEMILIHAN UMUM PROVINSI DKI JAKARTA", "Komisi Pemilihan Umum Provinsi DKI Jakarta",
         "KPU Provinsi DKI Jakarta", "Provinsi DKI Jakarta", "provinsi"),
        ("KOMISI PEMILIHAN UMUM KABUPATEN PANGKAJENE DAN KEPULAUAN",
         "Komisi Pemilihan Umum Kabupaten Pangkajene dan Kepulauan", "KPU Kabupaten Pangkajene dan Kepulauan",
         "Kabupaten Pangkajene dan Kepulauan", "kabupaten"),
        ("KOMISI INDEPENDEN PEMILIHAN ACEH", "Komisi Independen Pemilihan Aceh", "KIP Aceh", "Aceh", "provinsi"),
        ("KETUA KOMISI PEMILIHAN UMUM KOTA PALU", "Komisi Pemilihan Umum Kota Palu", "KPU Kota Palu", "Kota Palu", "kota"),
        ("Komisi Pemilihan Umum Kota Palu", "Komisi Pemilihan Umum Kota Palu", "KPU Kota Palu", "Kota Palu", "kota"),
        ("BADAN KEPEGAWAIAN DAERAH KABUPATEN POSO", "Badan Kepegawaian Daerah Kabupaten Poso",
         "Badan Kepegawaian Daerah Kabupaten Poso", "Kabupaten Poso", "kabupaten"),
    ],
)
def test_read_issuer(printed, name, short, jurisdiction, level):
    issuer, _ = read_issuer(printed)
    assert (issuer.name, issuer.short, issuer.jurisdiction, issuer.level) == (name, short, jurisdiction, level)


def test_spaced_signature_mark():
    text = KABUPATEN.replace("Ttd\n", "T t d .\n")
    identity, _ = read_identity(lines_of(text))
    assert identity.signatory_name == "SITI AMINAH, S.H."
