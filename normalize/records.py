"""Typed records of the canonical schema (docs/SCHEMA.md), one class per dataset.

These are what `normalize/` produces and `pipelines/` writes.  Field names and
meanings follow the schema exactly; the Arrow types live in `pipelines/schema.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extract.document import BBox
from normalize.findings import Finding


@dataclass(frozen=True)
class Provision:
    label: str  # KESATU, KEDUA, ...
    text: str


@dataclass(frozen=True)
class DecreeIdentity:
    """What the decree body says about itself; None where it could not be read."""

    issuer: str | None = None
    issuer_short: str | None = None
    jurisdiction: str | None = None
    jurisdiction_level: str | None = None
    decree_number: str | None = None
    decree_year: int | None = None
    title: str | None = None
    enacted_place: str | None = None
    enacted_date: date | None = None
    signatory_name: str | None = None
    signatory_title: str | None = None
    plan_year: int | None = None
    considerations: tuple[str, ...] = ()
    provisions: tuple[Provision, ...] = ()


@dataclass(frozen=True)
class Period:
    """A closed date interval: one expected delivery period of an action item."""

    start: date
    end: date
    label: str  # 2026-07, 2026-Q3, 2026-H2, 2026, 2026-08/2026-11, 2026-04-01/2026-04-07


@dataclass(frozen=True)
class Schedule:
    """A TARGET WAKTU phrase read into periods."""

    periods: tuple[Period, ...]
    recurrence: str | None = None  # P1M, P3M, P6M, P1Y
    deadline: bool = False

    @property
    def start(self) -> date:
        return min(p.start for p in self.periods)

    @property
    def end(self) -> date:
        return max(p.end for p in self.periods)


@dataclass(frozen=True)
class Target:
    """A TARGET CAPAIAN phrase read into a quantity and a unit."""

    quantity: int | None
    unit: str | None


@dataclass
class ActionItem:
    """One logical row of the action-plan matrix."""

    item_no: int
    area_code: str | None
    area_no: str | None
    area_label: str
    component_no: str | None
    component: str
    action_no: str | None
    action: str
    indicator_no: str | None
    indicator: str
    evidence: str
    schedule_text: str
    target_text: str | None = None
    target_quantity: int | None = None
    target_unit: str | None = None
    schedule: Schedule | None = None
    responsible: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    page_start: int | None = None
    page_end: int | None = None
    regions: tuple[tuple[int, BBox], ...] = ()  # (page, box) of every printed row part, for crops
    component_code: str | None = None  # official PermenPANRB 90/2021 component (normalize/components.py)


@dataclass(frozen=True)
class LegalBasis:
    basis_no: int
    mention_no: int
    role: str  # primary | amendment
    instrument_type: str
    number: str | None
    year: int
    subject: str | None
    text: str


@dataclass
class CuratedDecree:
    """Everything curated from one source file."""

    doc_id: str
    source_file: str
    source_sha256: str
    source_format: str
    extraction_method: str
    page_count: int | None
    identity: DecreeIdentity
    columns: list[str]
    items: list[ActionItem]
    legal_bases: list[LegalBasis]
    findings: list[Finding]
