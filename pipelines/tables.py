"""Curated decrees -> Arrow tables, one per dataset, typed by pipelines.schema."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict

import pyarrow as pa

from normalize.components import official_components
from normalize.records import CuratedDecree, DecreeIdentity
from pipelines.schema import DATASETS, SIDECARS


def identity_fields(identity: DecreeIdentity) -> dict:
    """The decree's own fields, lists as lists (provisions as label/text dicts)."""
    fields = asdict(identity)
    fields["considerations"] = list(fields["considerations"])
    fields["provisions"] = list(fields["provisions"])
    return fields


def decree_row(decree: CuratedDecree) -> dict:
    return {
        "doc_id": decree.doc_id,
        "source_file": decree.source_file,
        "source_sha256": decree.source_sha256,
        "source_format": decree.source_format,
        "extraction_method": decree.extraction_method,
        "page_count": decree.page_count,
        **identity_fields(decree.identity),
        "columns": list(decree.columns),
        "item_count": len(decree.items),
    }


def item_rows(decree: CuratedDecree) -> Iterator[dict]:
    for item in decree.items:
        schedule = item.schedule
        yield {
            "doc_id": decree.doc_id,
            "item_no": item.item_no,
            "area_code": item.area_code,
            "area_no": item.area_no,
            "area_label": item.area_label,
            "component_no": item.component_no,
            "component": item.component,
            "component_code": item.component_code,
            "action_no": item.action_no,
            "action": item.action,
            "indicator_no": item.indicator_no,
            "indicator": item.indicator,
            "evidence": item.evidence,
            "schedule_text": item.schedule_text,
            "target_text": item.target_text,
            "target_quantity": item.target_quantity,
            "target_unit": item.target_unit,
            "schedule_start": schedule.start if schedule else None,
            "schedule_end": schedule.end if schedule else None,
            "schedule_recurrence": schedule.recurrence if schedule else None,
            "schedule_deadline": bool(schedule and schedule.deadline),
            "schedule_period_count": len(schedule.periods) if schedule else None,
            "responsible": item.responsible,
            "extra": list(item.extra.items()),
            "page_start": item.page_start,
            "page_end": item.page_end,
        }


def schedule_rows(decree: CuratedDecree) -> Iterator[dict]:
    for item in decree.items:
        for period_no, period in enumerate(item.schedule.periods if item.schedule else (), start=1):
            yield {
                "doc_id": decree.doc_id,
                "item_no": item.item_no,
                "period_no": period_no,
                "period_start": period.start,
                "period_end": period.end,
                "label": period.label,
            }


def legal_basis_rows(decree: CuratedDecree) -> Iterator[dict]:
    for basis in decree.legal_bases:
        yield {"doc_id": decree.doc_id, **{k: getattr(basis, k) for k in
               ("basis_no", "mention_no", "role", "instrument_type", "number", "year", "subject", "text")}}


def finding_rows(decree: CuratedDecree) -> Iterator[dict]:
    for finding in decree.findings:
        yield {
            "doc_id": decree.doc_id,
            "item_no": finding.item_no,
            "severity": finding.severity.value,
            "code": finding.code,
            "message": finding.message,
            "page": finding.page,
        }


def coverage_rows(decree: CuratedDecree) -> Iterator[dict]:
    """One row per official component: the items mapped to it and the decree's wordings for it."""
    for component in official_components():
        items = [item for item in decree.items if item.component_code == component.code]
        yield {"doc_id": decree.doc_id, "area_code": component.area_code, "component_code": component.code,
               "component": component.name, "item_count": len(items),
               "printed_as": list(dict.fromkeys(item.component for item in items))}


def region_rows(decree: CuratedDecree) -> Iterator[dict]:
    """The PDF regions each item was read from (none for text sources): the report's crops."""
    for item in decree.items:
        for region_no, (page, box) in enumerate(item.regions, start=1):
            yield {"doc_id": decree.doc_id, "item_no": item.item_no, "region_no": region_no, "page": page,
                   "x0": box.x0, "top": box.top, "x1": box.x1, "bottom": box.bottom}


_ROWS = {
    "decrees": lambda d: iter([decree_row(d)]),
    "action_items": item_rows,
    "schedule": schedule_rows,
    "legal_bases": legal_basis_rows,
    "findings": finding_rows,
    "coverage": coverage_rows,
    "regions": region_rows,
}


def build_tables(decrees: Iterable[CuratedDecree]) -> dict[str, pa.Table]:
    """One typed Arrow table per dataset (and sidecar dataset) for all the given decrees."""
    decrees = list(decrees)
    return {
        name: pa.Table.from_pylist([row for d in decrees for row in _ROWS[name](d)], schema=schema)
        for name, schema in {**DATASETS, **SIDECARS}.items()
    }
