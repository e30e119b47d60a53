"""A curated folder for the report, API, validator and notebook tests.

It holds the two seed decrees (curated from text) and one hand-made PDF decree,
"Contoh", whose every value is written here: three items in two areas, periods
inside and outside the plan year, findings on items and on the decree, and the
page regions of its rows in a two-page PDF drawn with reportlab at known places.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from extract.document import BBox
from normalize.findings import Finding, Severity
from normalize.records import ActionItem, CuratedDecree, DecreeIdentity, LegalBasis, Period, Provision, Schedule
from pipelines.curate import curate_folder
from pipelines.datapackage import write_datapackage
from pipelines.store import write_outputs
from pipelines.tables import build_tables

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
CONTOH_ID = "kpu-kabupaten-contoh-2026-7"
CONTOH_PDF = "contoh/kpu-kabupaten-contoh-2026-7.pdf"
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)  # 841.9 x 595.3 points
SCRIPT_TEXT = "Rekap <script>alert('x')</script> & <b>bukti</b>"

# Row boxes (points, top-left origin) of the hand-made PDF: item 1 on page 1, item 2
# split by the page break (bottom of page 1, top of page 2), item 3 on page 2.
ROW_BOXES = {
    1: [(1, BBox(40, 100, 800, 160))],
    2: [(1, BBox(40, 480, 800, 560)), (2, BBox(40, 60, 800, 100))],
    3: [(2, BBox(40, 120, 800, 180))],
}


def draw_contoh_pdf(path: Path) -> None:
    """Two landscape A4 pages with a dark filled box and a caption at every row box."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    for page in (1, 2):
        for item_no, parts in ROW_BOXES.items():
            for part_page, box in parts:
                if part_page != page:
                    continue
                sheet.setFillGray(0.2)
                sheet.rect(box.x0, PAGE_HEIGHT - box.bottom, box.x1 - box.x0, box.bottom - box.top, fill=1)
                sheet.setFillGray(1)
                sheet.drawString(box.x0 + 10, PAGE_HEIGHT - box.top - 20, f"ITEM {item_no}")
        sheet.showPage()
    sheet.save()


def contoh_decree(source_sha256: str) -> CuratedDecree:
    """The hand-made PDF decree's records."""
    items = [
        ActionItem(
            item_no=1, area_code="manajemen_perubahan", area_no="I", area_label="MANAJEMEN PERUBAHAN",
            component_no="1", component="Tim Kerja", action_no="1", action="Menetapkan SK Tim Kerja",
            indicator_no=None, indicator="SK Tim Kerja ditetapkan", evidence="SK Tim Kerja",
            schedule_text="Maret 2026", target_text="1 (satu) Dokumen", target_quantity=1, target_unit="Dokumen",
            schedule=Schedule((Period(date(2026, 3, 1), date(2026, 3, 31), "2026-03"),)),
            responsible="Sekretaris", page_start=1, page_end=1, regions=tuple(ROW_BOXES[1]),
        ),
        ActionItem(
            item_no=2, area_code="manajemen_perubahan", area_no="I", area_label="MANAJEMEN PERUBAHAN",
            component_no="2", component="Pemantauan", action_no="1", action="Rapat evaluasi triwulan",
            indicator_no=None, indicator="Laporan evaluasi", evidence=SCRIPT_TEXT,
            schedule_text="Per Triwulan (minggu pertama bulan April dan Januari 2027)",
            target_text="2 (dua) Laporan", target_quantity=2, target_unit="Laporan",
            schedule=Schedule((Period(date(2026, 4, 1), date(2026, 4, 7), "2026-04-01/2026-04-07"),
                               Period(date(2027, 1, 1), date(2027, 1, 7), "2027-01-01/2027-01-07")), "P3M"),
            page_start=1, page_end=2, regions=tuple(ROW_BOXES[2]),
        ),
        ActionItem(
            item_no=3, area_code="penguatan_pengawasan", area_no="II", area_label="PENGUATAN PENGAWASAN",
            component_no="1", component="Pengendalian Gratifikasi", action_no=None, action="Sosialisasi gratifikasi",
            indicator_no=None, indicator="Pegawai memahami gratifikasi", evidence="Daftar hadir",
            schedule_text="Sepanjang masa", target_text="1 (satu) Kegiatan", target_quantity=1,
            target_unit="Kegiatan", schedule=None, page_start=2, page_end=2, regions=tuple(ROW_BOXES[3]),
        ),
    ]
    findings = [
        Finding("numbering_gap", Severity.WARNING, "components of area II numbered 1, 3: number 2 is missing"),
        Finding("continuation_merged", Severity.INFO, "row split by a page break joined back into item 2",
                item_no=2, page=2),
        Finding("schedule_unparsed", Severity.WARNING, "schedule 'Sepanjang masa' could not be read into periods",
                item_no=3, page=2),
    ]
    identity = DecreeIdentity(
        issuer="Komisi Pemilihan Umum Kabupaten Contoh", issuer_short="KPU Kabupaten Contoh",
        jurisdiction="Kabupaten Contoh", jurisdiction_level="kabupaten", decree_number="7", decree_year=2026,
        title="Rencana Aksi Pembangunan Zona Integritas Tahun 2026", enacted_place="Contoh",
        enacted_date=date(2026, 1, 15), signatory_name="Siti Contoh", signatory_title="Ketua KPU Kabupaten Contoh",
        plan_year=2026, considerations=("bahwa perlu rencana aksi",),
        provisions=(Provision("KESATU", "Menetapkan rencana aksi."),),
    )
    bases = [
        LegalBasis(1, 1, "primary", "undang_undang", "7", 2017, "Pemilihan Umum",
                   "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum"),
        LegalBasis(2, 1, "primary", "peraturan_menteri", "90", 2021, "Pembangunan dan Evaluasi Zona Integritas",
                   "Peraturan Menteri PANRB Nomor 90 Tahun 2021 tentang Pembangunan dan Evaluasi Zona Integritas"),
    ]
    return CuratedDecree(
        doc_id=CONTOH_ID, source_file=CONTOH_PDF, source_sha256=source_sha256, source_format="pdf",
        extraction_method="pdf-lines", page_count=2, identity=identity,
        columns=["no", "component", "action", "indicator", "evidence", "schedule", "target", "responsible"],
        items=items, legal_bases=bases, findings=findings,
    )


def build_curated_folder(root: Path) -> tuple[Path, Path]:
    """(raw, curated) under root: the seeds curated for real plus the hand-made PDF decree."""
    raw, curated = root / "raw", root / "curated"
    raw.mkdir(parents=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, raw / seed.name)
    result = curate_folder(raw, curated)
    pdf = raw / CONTOH_PDF
    draw_contoh_pdf(pdf)
    decrees = [*result.decrees, contoh_decree(hashlib.sha256(pdf.read_bytes()).hexdigest())]
    tables = build_tables(decrees)
    write_outputs(tables, {"schema_version": "1", "counts": {"decrees": len(decrees)}}, curated)
    write_datapackage(curated)
    return raw, curated
