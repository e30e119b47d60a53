"""The Arrow schemas of every curated dataset, defined once.

The writer, the validator, the data dictionary and the datapackage all read these.
Each field carries its description in the field metadata; each schema carries
`schema_version`.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.1"

_PROVISION = pa.struct([pa.field("label", pa.string()), pa.field("text", pa.string())])


def _field(name: str, type_: pa.DataType, nullable: bool, description: str) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


def _schema(description: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(fields, metadata={"schema_version": SCHEMA_VERSION, "description": description})


DECREES = _schema(
    "One row per source decree.",
    _field("doc_id", pa.string(), False, "Decree identifier: slug of issuer_short, decree_year, slug of decree_number"),
    _field("source_file", pa.string(), False, "Path of the source file relative to the raw folder"),
    _field("source_sha256", pa.string(), False, "SHA-256 of the source file's bytes"),
    _field("source_format", pa.string(), False, "pdf | pdf_scanned | text | docx | xlsx"),
    _field("extraction_method", pa.string(), False,
           "What produced the cells: text-tsv, pdf-lines (PDFium ruling lines), pdfplumber-lines, "
           "pdf-words (unruled), ocr; pages read differently joined with +; docx (Word table cells), "
           "xlsx (Excel cells), libreoffice-doc+docx and the like (a legacy file LibreOffice converted)"),
    _field("page_count", pa.int32(), True, "Pages of the source PDF; null for text"),
    _field("issuer", pa.string(), True, "Issuing body as printed in title case, e.g. Komisi Pemilihan Umum Kota Ternate"),
    _field("issuer_short", pa.string(), True, "Short issuer, e.g. KPU Kota Ternate"),
    _field("jurisdiction", pa.string(), True, "Jurisdiction of the issuer, e.g. Kota Ternate"),
    _field("jurisdiction_level", pa.string(), True, "nasional | provinsi | kabupaten | kota"),
    _field("decree_number", pa.string(), True, "Decree number as printed"),
    _field("decree_year", pa.int16(), True, "Year in the decree number (or of enactment)"),
    _field("title", pa.string(), True, "The TENTANG subject as printed, on one line"),
    _field("enacted_place", pa.string(), True, "Place of enactment (Ditetapkan di ...)"),
    _field("enacted_date", pa.date32(), True, "Date of enactment (pada tanggal ...)"),
    _field("signatory_name", pa.string(), True, "Name of the official who signed the decree"),
    _field("signatory_title", pa.string(), True, "Office of the signatory"),
    _field("plan_year", pa.int16(), True, "Year the plan covers; default year for schedules"),
    _field("considerations", pa.list_(pa.string()), False, "Menimbang points, letter removed"),
    _field("provisions", pa.list_(_PROVISION), False, "Decided provisions: label (KESATU, KEDUA, ...) and text"),
    _field("columns", pa.list_(pa.string()), False, "Canonical roles of the matrix columns in printed order"),
    _field("item_count", pa.int32(), False, "Number of action items read from the matrix"),
)

ACTION_ITEMS = _schema(
    "One row per logical row of the action-plan matrix.",
    _field("doc_id", pa.string(), False, "Decree identifier (decrees.doc_id)"),
    _field("item_no", pa.int32(), False, "1-based order of the item in the matrix"),
    _field("area_code", pa.string(), True, "Area of change code; null only with an area_unmapped finding"),
    _field("area_no", pa.string(), True, "Area number as printed (I, 1)"),
    _field("area_label", pa.string(), False, "Area label as printed, numbering removed"),
    _field("component_no", pa.string(), True, "Component number as printed"),
    _field("component", pa.string(), False, "Component (KOMPONEN, ASPEK PEMENUHAN)"),
    _field("component_code", pa.string(), True,
           "Official PermenPANRB 90/2021 component this item plans for (<area_code>.<slug>); "
           "null with a component_unmapped finding"),
    _field("action_no", pa.string(), True, "Action number as printed"),
    _field("action", pa.string(), False, "Action (LANGKAH AKSI, KEGIATAN/AKSI)"),
    _field("indicator_no", pa.string(), True, "Indicator number as printed"),
    _field("indicator", pa.string(), False, "Indicator (INDIKATOR)"),
    _field("evidence", pa.string(), False, "Physical evidence (BUKTI FISIK)"),
    _field("schedule_text", pa.string(), False, "Schedule (TARGET WAKTU) as printed"),
    _field("target_text", pa.string(), True, "Target (TARGET CAPAIAN) as printed; null where the layout has none"),
    _field("target_quantity", pa.int32(), True, "Quantity read from the target, e.g. 4 from 4 (empat) Laporan"),
    _field("target_unit", pa.string(), True, "Unit read from the target, e.g. Laporan"),
    _field("schedule_start", pa.date32(), True, "First day of the first period"),
    _field("schedule_end", pa.date32(), True, "Last day of the last period"),
    _field("schedule_recurrence", pa.string(), True, "P1M, P3M, P6M, P1Y; null when not recurring"),
    _field("schedule_deadline", pa.bool_(), False, "True for 'Paling lambat ...' phrases"),
    _field("schedule_period_count", pa.int32(), True, "Number of rows in schedule.parquet for this item"),
    _field("responsible", pa.string(), True, "PENANGGUNG JAWAB / PIC / UNIT PELAKSANA where the layout has one"),
    _field("extra", pa.map_(pa.string(), pa.string()), False, "Every other column, keyed by its printed header"),
    _field("page_start", pa.int32(), True, "1-based PDF page the row starts on; null for text"),
    _field("page_end", pa.int32(), True, "1-based PDF page the row ends on; null for text"),
)

SCHEDULE = _schema(
    "One row per expected period of an action item.",
    _field("doc_id", pa.string(), False, "Decree identifier (decrees.doc_id)"),
    _field("item_no", pa.int32(), False, "Action item (action_items.item_no)"),
    _field("period_no", pa.int32(), False, "1-based order of the period within the item"),
    _field("period_start", pa.date32(), False, "First day of the period"),
    _field("period_end", pa.date32(), False, "Last day of the period: the due date of its deliverable"),
    _field("label", pa.string(), False, "2026-07, 2026-Q3, 2026-H2, 2026, 2026-08/2026-11 or a day range"),
)

LEGAL_BASES = _schema(
    "One row per instrument cited under Mengingat.",
    _field("doc_id", pa.string(), False, "Decree identifier (decrees.doc_id)"),
    _field("basis_no", pa.int32(), False, "1-based order of the Mengingat point"),
    _field("mention_no", pa.int32(), False, "1-based order of the instrument inside its point"),
    _field("role", pa.string(), False, "primary (first instrument of the point) or amendment"),
    _field("instrument_type", pa.string(), False,
           "undang_undang, perppu, peraturan_pemerintah, peraturan_presiden, peraturan_menteri, "
           "peraturan_kpu, keputusan_kpu, other"),
    _field("number", pa.string(), True, "Instrument number as printed; null for an instrument without one (UUD 1945)"),
    _field("year", pa.int16(), False, "Instrument year"),
    _field("subject", pa.string(), True, "The 'tentang ...' text as printed"),
    _field("text", pa.string(), False, "The whole Mengingat point as printed"),
)

FINDINGS = _schema(
    "One row per quality finding: a doubt, a repair or an inconsistency.",
    _field("doc_id", pa.string(), False, "Decree identifier (decrees.doc_id)"),
    _field("item_no", pa.int32(), True, "Action item concerned, if any"),
    _field("severity", pa.string(), False, "info | warning | error"),
    _field("code", pa.string(), False, "Finding code, e.g. continuation_merged, schedule_unparsed"),
    _field("message", pa.string(), False, "Indonesian wording quoted, English explanation"),
    _field("page", pa.int32(), True, "1-based PDF page, if known"),
)

COVERAGE = _schema(
    "One row per decree and official PermenPANRB 90/2021 component: how many items plan for it.",
    _field("doc_id", pa.string(), False, "Decree identifier (decrees.doc_id)"),
    _field("area_code", pa.string(), False, "Area of change of the component"),
    _field("component_code", pa.string(), False, "Official component: <area_code>.<slug>"),
    _field("component", pa.string(), False, "The component's official name"),
    _field("item_count", pa.int32(), False, "Action items mapped to the component; 0 when the plan has none"),
    _field("printed_as", pa.list_(pa.string()), False,
           "The decree's own component wordings mapped here, in printed order, each once"),
)

DATASETS: dict[str, pa.Schema] = {
    "decrees": DECREES,
    "action_items": ACTION_ITEMS,
    "schedule": SCHEDULE,
    "legal_bases": LEGAL_BASES,
    "findings": FINDINGS,
    "coverage": COVERAGE,
}


def description(field: pa.Field) -> str:
    """The one-line description stored in a field's metadata."""
    return (field.metadata or {}).get(b"description", b"").decode()


def arrow_type_name(arrow_type: pa.DataType) -> str:
    """A short, readable Arrow type: string, int32, list<string>, map<string, string>, ..."""
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return f"list<{arrow_type_name(arrow_type.value_type)}>"
    if pa.types.is_map(arrow_type):
        return f"map<{arrow_type_name(arrow_type.key_type)}, {arrow_type_name(arrow_type.item_type)}>"
    if pa.types.is_struct(arrow_type):
        inner = ", ".join(f"{f.name}: {arrow_type_name(f.type)}" for f in arrow_type)
        return f"struct<{inner}>"
    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_date32(arrow_type):
        return "date32"
    return str(arrow_type)


# --- Sidecar datasets: written beside the canonical ones, not part of the canonical schema.

REGIONS = _schema(
    "One row per printed row part of an action item in a PDF: where the item was read from.",
    _field("doc_id", pa.string(), False, "Decree identifier (decrees.doc_id)"),
    _field("item_no", pa.int32(), False, "Action item (action_items.item_no)"),
    _field("region_no", pa.int32(), False, "1-based order of the printed row part within the item"),
    _field("page", pa.int32(), False, "1-based PDF page of the region"),
    _field("x0", pa.float64(), False, "Left edge in PDF points from the page's left"),
    _field("top", pa.float64(), False, "Top edge in PDF points from the page's top"),
    _field("x1", pa.float64(), False, "Right edge in PDF points from the page's left"),
    _field("bottom", pa.float64(), False, "Bottom edge in PDF points from the page's top"),
)

SIDECARS: dict[str, pa.Schema] = {
    "regions": REGIONS,
}


# --- Relations and closed vocabularies, read by the validator, the API and the datapackage.

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "decrees": ("doc_id",),
    "action_items": ("doc_id", "item_no"),
    "schedule": ("doc_id", "item_no", "period_no"),
    "legal_bases": ("doc_id", "basis_no", "mention_no"),
    "coverage": ("doc_id", "component_code"),
    "regions": ("doc_id", "item_no", "region_no"),
}

# dataset -> (fields, referenced dataset); a null in a nullable key field refers to nothing.
FOREIGN_KEYS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "action_items": ((("doc_id",), "decrees"),),
    "schedule": ((("doc_id", "item_no"), "action_items"),),
    "legal_bases": ((("doc_id",), "decrees"),),
    "findings": ((("doc_id",), "decrees"), (("doc_id", "item_no"), "action_items")),
    "coverage": ((("doc_id",), "decrees"),),
    "regions": ((("doc_id", "item_no"), "action_items"),),
}


def _area_codes() -> tuple[str, ...]:
    from normalize.vocabulary import load  # the six areas are vocabulary data

    return tuple(load("areas")["areas"])


def _component_codes() -> tuple[str, ...]:
    from normalize.components import official_components  # the official list is vocabulary data

    return tuple(component.code for component in official_components())


# field name -> the values it may take (wherever the field appears), in a meaningful order.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "area_code": _area_codes(),
    "component_code": _component_codes(),
    "severity": ("info", "warning", "error"),
    "source_format": ("pdf", "pdf_scanned", "text", "docx", "xlsx"),
    "jurisdiction_level": ("nasional", "provinsi", "kabupaten", "kota"),
    "schedule_recurrence": ("P1M", "P3M", "P6M", "P1Y"),
    "role": ("primary", "amendment"),
    "instrument_type": ("undang_undang", "perppu", "peraturan_pemerintah", "peraturan_presiden",
                        "peraturan_menteri", "peraturan_kpu", "keputusan_kpu", "other"),
}
