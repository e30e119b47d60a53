"""The deliverables of curated decrees as an iCalendar file: one to-do per schedule period.

Each VTODO is due on its period's last day (an all-day date), starts on the period's first
day when that is earlier, is titled "<office>: <action>" and describes the expected
evidence, the indicator and the target.  UIDs are stable (doc_id, item, period), so a
calendar program updates the to-dos on a re-import instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pandas as pd

from pipelines.api import load_curated
from pipelines.store import write_atomically

PRODID = "-//decree-curation//Zona Integritas deliverables//ID"
UID_DOMAIN = "zona-integritas.decrees"


class UnknownOfficeError(ValueError):
    """An --office names no curated decree."""


@dataclass(frozen=True)
class Deliverable:
    """One expected delivery: an action item's schedule period."""

    doc_id: str
    office: str
    item_no: int
    period_no: int
    period_label: str
    start: date
    due: date
    area_code: str | None
    component: str
    action: str
    indicator: str
    evidence: str
    target_text: str | None

    @property
    def uid(self) -> str:
        return f"{self.doc_id}-{self.item_no}-{self.period_no}@{UID_DOMAIN}"

    @property
    def summary(self) -> str:
        return f"{self.office}: {self.action}"

    @property
    def description(self) -> str:
        lines = [f"Bukti fisik: {self.evidence}", f"Indikator: {self.indicator}"]
        if self.target_text:
            lines.append(f"Target: {self.target_text}")
        lines += [f"Komponen: {self.component}", f"Periode: {self.period_label}",
                  f"Sumber: {self.doc_id}, butir {self.item_no}"]
        return "\n".join(lines)


def curated_deliverables(curated: Path, offices: Iterable[str] = ()) -> list[Deliverable]:
    """Every schedule period of the curated decrees (of the given offices only, if any), by due date."""
    data = load_curated(curated)
    decrees = data.decrees.assign(office=data.decrees["issuer_short"].fillna(data.decrees["doc_id"]))
    wanted = _office_doc_ids(decrees, list(offices))
    periods = data.schedule.merge(data.action_items, on=["doc_id", "item_no"]) \
                           .merge(decrees[["doc_id", "office"]], on="doc_id")
    if wanted is not None:
        periods = periods[periods["doc_id"].isin(wanted)]
    periods = periods.sort_values(["period_end", "doc_id", "item_no", "period_no"], kind="stable")
    return [Deliverable(
        doc_id=row.doc_id, office=row.office, item_no=int(row.item_no), period_no=int(row.period_no),
        period_label=row.label, start=row.period_start.date(), due=row.period_end.date(),
        area_code=None if pd.isna(row.area_code) else str(row.area_code), component=row.component,
        action=row.action, indicator=row.indicator, evidence=row.evidence,
        target_text=None if pd.isna(row.target_text) else row.target_text,
    ) for row in periods.itertuples(index=False)]


def deliverables_calendar(deliverables: Iterable[Deliverable], stamp: datetime | None = None) -> icalendar.Calendar:
    """A VCALENDAR with one VTODO per deliverable."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Rencana Aksi Zona Integritas: deliverables")
    for deliverable in deliverables:
        calendar.add_component(_todo(deliverable, stamp))
    return calendar


def write_calendar(curated: Path, out: Path, offices: Iterable[str] = ()) -> int:
    """Write the deliverables of CURATED to OUT (.ics), atomically; the number of to-dos."""
    deliverables = curated_deliverables(curated, offices)
    data = deliverables_calendar(deliverables).to_ical()
    write_atomically(out, lambda stream: stream.write(data))
    return len(deliverables)


def _todo(deliverable: Deliverable, stamp: datetime) -> icalendar.Todo:
    todo = icalendar.Todo()
    todo.add("uid", deliverable.uid)
    todo.add("dtstamp", stamp)
    if deliverable.start < deliverable.due:  # RFC 5545: DUE must come after DTSTART
        todo.add("dtstart", deliverable.start)
    todo.add("due", deliverable.due)
    todo.add("summary", deliverable.summary)
    todo.add("description", deliverable.description)
    if deliverable.area_code:
        todo.add("categories", [deliverable.area_code])
    todo.add("status", "NEEDS-ACTION")
    return todo


def _office_doc_ids(decrees: pd.DataFrame, offices: list[str]) -> set[str] | None:
    """The doc_ids an --office list names (issuer_short or doc_id, any case); None for all."""
    if not offices:
        return None
    names: dict[str, set[str]] = {}
    for office, doc_id in zip(decrees["office"], decrees["doc_id"]):
        for name in (str(office), str(doc_id)):
            names.setdefault(name.casefold(), set()).add(str(doc_id))
    unknown = [office for office in offices if office.casefold() not in names]
    if unknown:
        known = ", ".join(sorted({str(o) for o in decrees["office"]}))
        raise UnknownOfficeError(f"no curated decree of {', '.join(unknown)} (offices: {known})")
    return set().union(*(names[office.casefold()] for office in offices))
