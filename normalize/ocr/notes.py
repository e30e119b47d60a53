"""A note about one OCR'd cell, and the items it becomes findings on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.document import BBox, Row
from normalize.findings import Finding, Severity
from normalize.layout import find_layout
from normalize.records import ActionItem
from normalize.text import clean
from normalize.vocabulary import load

NUMBERED_ROLES = ("component", "action", "indicator")


@dataclass(frozen=True)
class CellNote:
    """A finding about one printed cell, before it is known which item the cell ended in."""

    finding: Finding
    page: int | None
    row_box: BBox | None  # the box of the printed row the cell is in: items keep these boxes as their regions
    column: int | None = None  # the cell's place in its row (None: a note about the row's numbering)


def attach(notes: list[CellNote], items: list[ActionItem], rows: list[Row]) -> list[Finding]:
    """The notes as findings, each on the item whose printed rows hold its cell (None for header rows).

    A doubt about a merged cell carried down (a component printed once for several
    rows) is a doubt about every item that carries its text; a note about a section
    heading is on every item under it.
    """
    carried = _carried_fields(rows)
    headings = {(row.page, row.bbox) for row in rows if _is_heading_row(row)}
    findings = []
    for note in notes:
        item_no = _item_at(note, items)
        if item_no is None and (note.page, note.row_box) in headings:
            numbers = _section_items(note, items)
        else:
            numbers = _carriers(note, item_no, items, carried)
        for number in numbers or [None]:
            findings.append(Finding(note.finding.code, note.finding.severity, note.finding.message, number, note.page))
    return findings


def _is_heading_row(row: Row) -> bool:
    """A row printed as one cell with words in it: a section heading (area number and label)."""
    filled = [clean(cell.text) for cell in row.cells if clean(cell.text)]
    return len(filled) == 1 and bool(re.search(r"[^\W\d_]{3,}", filled[0]))


def _section_items(note: CellNote, items: list[ActionItem]) -> list[int | None]:
    """The items under a section heading: from the first item below it while the area stays the same."""
    if note.page is None or note.row_box is None:
        return []
    heading = (note.page, note.row_box.top)
    below = [item for item in items if item.regions and (item.regions[0][0], item.regions[0][1].top) > heading]
    if not below:
        return []
    area = (below[0].area_no, below[0].area_label)
    section: list[int | None] = []
    for item in below:
        if (item.area_no, item.area_label) != area:
            break
        section.append(item.item_no)
    return section


def _carried_fields(rows: list[Row]) -> dict[int, str]:
    """Column index -> the ActionItem field its merged cells carry down (area label, component, action)."""
    layout = find_layout(rows)
    if layout is None:
        return {}
    roles = load("layout")["header"]["carried_roles"]
    fields = {column.index: _CARRIED_FIELDS[column.role] for column in layout.columns
              if column.role in roles and column.role in _CARRIED_FIELDS}
    no = layout.index_of("no")
    right = [c.role for c in layout.columns if no is not None and c.index > no and c.role != "no"]
    if no is not None and right and right[0] in ("area", *NUMBERED_ROLES):
        fields[no] = f"{right[0]}_no"  # the NO column numbers the column to its right
    return fields


_CARRIED_FIELDS = {"area": "area_label", "component": "component", "action": "action"}


def _carriers(note: CellNote, item_no: int | None, items: list[ActionItem], carried: dict[int, str]) -> list[int | None]:
    """The item the note's cell is in, and the items after it that carry the same cell's text down."""
    if (item_no is None or note.finding.severity is not Severity.WARNING or note.column is None
            or note.column not in carried):
        return [item_no]
    field_name = carried[note.column]
    position = next(i for i, item in enumerate(items) if item.item_no == item_no)
    value = getattr(items[position], field_name)
    following = []
    for item in items[position + 1:] if value else []:
        if getattr(item, field_name) != value:
            break
        following.append(item.item_no)
    return [item_no, *following]


def _item_at(note: CellNote, items: list[ActionItem]) -> int | None:
    """The item read from the note's row (header and section rows belong to none)."""
    if note.row_box is None or note.page is None:
        return None
    region = (note.page, note.row_box)
    return next((item.item_no for item in items if region in item.regions), None)
