"""Matrix rows -> action items.

The rows come from any extractor (text, PDF, OCR) in printed order.  This module
drops repeated headers and numbering rows, reads section rows as areas, joins rows
that a page break split, carries merged cells down and finishes each logical row
into an `ActionItem` with its findings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from extract.document import BBox, Row
from normalize.areas import area_code
from normalize.findings import Finding, Severity
from normalize.layout import Layout, find_layout, is_numbering_row
from normalize.records import ActionItem
from normalize.schedule import read_schedule, schedule_unparsed_finding
from normalize.targets import read_target, target_period_findings
from normalize.text import bare_number, clean, join_continuation, split_area_number, split_number
from normalize.vocabulary import load

# Depth of the merged-cell hierarchy: a new value at one depth ends the carry below it.
_DEPTH = {"area": 0, "component": 1, "action": 2}


@dataclass
class _Span:
    """A printed cell, possibly merged over several rows: every item sharing it sees its edits."""

    text: str


@dataclass
class _Draft:
    """A logical row being assembled: column index -> span (shared spans for carried cells)."""

    cells: dict[int, _Span | None]
    section: _Span | None
    pages: list[int] = field(default_factory=list)
    last_row: Row | None = None
    regions: list[tuple[int, BBox]] = field(default_factory=list)

    def add_row(self, row: Row) -> None:
        if row.page and row.page not in self.pages:
            self.pages.append(row.page)
        if row.page and row.bbox is not None:
            self.regions.append((row.page, row.bbox))
        self.last_row = row


@dataclass
class Matrix:
    columns: list[str]
    items: list[ActionItem]
    findings: list[Finding]


def read_matrix(rows: list[Row], plan_year: int | None) -> Matrix:
    """Turn the printed rows of a decree's appendix into action items."""
    layout = find_layout(rows)
    if layout is None:
        return Matrix([], [], [_finding("no_matrix_found", Severity.ERROR,
                                        "no row naming the matrix columns (INDIKATOR, TARGET WAKTU, ...) was found")])
    drafts, findings = _assemble(_body_rows(rows, layout), layout)
    items = [_finish(no, draft, layout) for no, draft in enumerate(drafts, start=1)]
    _assign_area_codes(items, findings)
    for item in items:
        findings.extend(_item_findings(item, layout, plan_year))
    findings.extend(_numbering_gaps(items))
    return Matrix(layout.roles, items, findings)


def _body_rows(rows: list[Row], layout: Layout) -> list[Row]:
    return [
        row for row in rows[layout.header_row + 1:]
        if any(clean(t) for t in row.texts) and not layout.is_header(row) and not is_numbering_row(row)
    ]


def _assemble(rows: list[Row], layout: Layout) -> tuple[list[_Draft], list[Finding]]:
    drafts: list[_Draft] = []
    findings: list[Finding] = []
    carried: dict[int, _Span] = {}
    section: _Span | None = None
    previous_was_section = False
    segment = rows[0].segment if rows else 0
    for row in rows:
        new_page, segment = row.segment != segment, row.segment
        heading = _section_text(row, layout)
        if new_page and previous_was_section and section and heading and _continues_heading(heading):
            section.text = join_continuation(section.text, heading)
            continue
        if heading and _is_heading(row, heading):
            section = _Span(heading)
            carried.clear()
            previous_was_section = True
            continue
        previous_was_section = False
        if new_page and drafts and _continues(row, drafts[-1], layout):
            _extend(drafts[-1], row, layout)
            findings.append(_continuation_finding(row, drafts[-1], layout, len(drafts)))
        else:
            drafts.append(_draft(row, layout, carried, section))
    return drafts, findings


def _section_text(row: Row, layout: Layout) -> str | None:
    """The text of a row printed as one cell: alone in the first column, or merged across the row.

    A merged cell may reach an extractor as the same text in every column it spans, each copy
    wrapped (and so cut) differently: the copies are then prefixes of the longest one.
    """
    texts = [clean(t) for t in row.texts]
    filled = [t for t in texts if t]
    if not filled:
        return None
    longest = max(filled, key=len)
    alone_in_first = len(filled) == 1 and texts[layout.columns[0].index] == longest
    merged = len(filled) > 1 and all(longest.startswith(t) for t in filled)
    return longest if alone_in_first or merged else None


def _is_heading(row: Row, text: str) -> bool:
    """Does a one-cell row read as an area heading (bold, numbered like "II." or naming an area)?"""
    if not re.search(r"[^\W\d_]{3,}", text):
        return False
    return row.bold or split_area_number(text)[0] is not None or area_code(text) is not None


def _continues_heading(text: str) -> bool:
    """Text at the top of a page that carries on a heading cut at the bottom of the last page."""
    return split_area_number(text)[0] is None and split_number(text)[0] is None


def _draft(row: Row, layout: Layout, carried: dict[int, _Span], section: _Span | None) -> _Draft:
    carried_roles = load("layout")["header"]["carried_roles"]
    cells: dict[int, _Span | None] = {}
    for column in layout.columns:
        text = _cell(row, column.index)
        if column.role not in carried_roles:
            cells[column.index] = _Span(text)
            continue
        if clean(text):
            _end_carries_below(carried, layout, _depth(layout, column.index))
            carried[column.index] = _Span(text)
        cells[column.index] = carried.get(column.index)
    draft = _Draft(cells, section)
    draft.add_row(row)
    return draft


def _depth(layout: Layout, index: int) -> int:
    role = layout.columns[[c.index for c in layout.columns].index(index)].role
    if role == "no":
        role = _numbered_role(layout) or "component"
    return _DEPTH.get(role, 3)


def _end_carries_below(carried: dict[int, _Span], layout: Layout, depth: int) -> None:
    for index in list(carried):
        if _depth(layout, index) > depth:
            del carried[index]


def _cell(row: Row, index: int) -> str:
    return row.texts[index] if index < len(row.texts) else ""


def _continues(row: Row, previous: _Draft, layout: Layout) -> bool:
    """Does this first row of a new page only continue the last row of the previous page?"""
    if previous.last_row is not None and previous.last_row.reaches_page_bottom is False:
        return False  # the previous row ended well above the page bottom: nothing was cut
    by_role = {c.role: clean(_cell(row, c.index)) for c in layout.columns}
    if by_role.get("no"):
        return False
    if any(split_number(by_role.get(role, ""))[0] for role in ("component", "action", "indicator")):
        return False  # a freshly numbered entry starts a new row
    header = load("layout")["header"]
    if any(layout.has(role) and not by_role.get(role) for role in header["terminal_roles"]):
        return True
    if any(layout.has(role) and not by_role.get(role) for role in header["required_roles"]):
        return True  # a complete row fills these: this one only carries the cut-off ends
    return any(_unbalanced(previous.cells.get(c.index)) and clean(_cell(row, c.index)) for c in layout.columns)


def _unbalanced(span: _Span | None) -> bool:
    return span is not None and span.text.count("(") > span.text.count(")")


def _extend(draft: _Draft, row: Row, layout: Layout) -> None:
    for column in layout.columns:
        text = clean(_cell(row, column.index))
        if not text:
            continue
        span = draft.cells.get(column.index)
        if span is None:
            draft.cells[column.index] = _Span(text)
        else:
            span.text = join_continuation(clean(span.text), text)
    draft.add_row(row)


def _continuation_finding(row: Row, draft: _Draft, layout: Layout, item_no: int) -> Finding:
    columns = [c.header for c in layout.columns if clean(_cell(row, c.index))]
    return _finding(
        "continuation_merged", Severity.INFO,
        f"row split by a page break joined back into item {item_no} (columns: {', '.join(columns)})",
        item_no=item_no, page=row.page,
    )


def _numbered_role(layout: Layout) -> str | None:
    """The role of the column a NO column numbers: the first column to its right."""
    index = layout.index_of("no")
    if index is None:
        return None
    right = [c for c in layout.columns if c.index > index and c.role != "no"]
    return right[0].role if right else None


def _finish(item_no: int, draft: _Draft, layout: Layout) -> ActionItem:
    text = {c.role: clean(span.text) if (span := draft.cells.get(c.index)) else "" for c in layout.columns}
    numbers: dict[str, str | None] = {}
    for role in ("component", "action", "indicator"):
        numbers[role], text[role] = split_number(text.get(role, ""))
    area_no, area_label = _area(draft, text)
    printed_no = bare_number(text.get("no", ""))
    numbered = _numbered_role(layout)
    if printed_no and numbered == "area":
        area_no = printed_no
    elif printed_no and numbered in numbers:
        numbers[numbered] = printed_no
    return ActionItem(
        item_no=item_no,
        area_code=None,
        area_no=area_no,
        area_label=area_label,
        component_no=numbers["component"],
        component=text.get("component", ""),
        action_no=numbers["action"],
        action=text.get("action", ""),
        indicator_no=numbers["indicator"],
        indicator=text.get("indicator", ""),
        evidence=text.get("evidence", ""),
        schedule_text=text.get("schedule", ""),
        target_text=text.get("target") if layout.has("target") else None,
        responsible=text.get("responsible") or None,
        extra={(c.header or f"column_{c.index + 1}"): clean(_span_text(draft, c.index))
               for c in layout.columns if c.role == "extra"},
        page_start=min(draft.pages) if draft.pages else None,
        page_end=max(draft.pages) if draft.pages else None,
        regions=tuple(draft.regions),
    )


def _span_text(draft: _Draft, index: int) -> str:
    span = draft.cells.get(index)
    return span.text if span else ""


def _area(draft: _Draft, text: dict[str, str]) -> tuple[str | None, str]:
    if text.get("area"):
        return split_area_number(text["area"]) if re.match(r"^\s*[IVX]+\.", text["area"]) else (None, text["area"])
    if draft.section is not None:
        return split_area_number(clean(draft.section.text))
    return None, ""


def _assign_area_codes(items: list[ActionItem], findings: list[Finding]) -> None:
    components: dict[str, list[str]] = defaultdict(list)
    for item in items:
        components[item.area_label].append(item.component)
    codes = {label: area_code(label, comps) for label, comps in components.items()}
    for label, code in codes.items():
        if code is None:
            first = next(i for i in items if i.area_label == label)
            findings.append(_finding("area_unmapped", Severity.WARNING,
                                     f"area '{label}' matches none of the six areas of change",
                                     item_no=first.item_no, page=first.page_start))
    for item in items:
        item.area_code = codes[item.area_label]


def _item_findings(item: ActionItem, layout: Layout, plan_year: int | None) -> list[Finding]:
    findings = [
        _finding("missing_cell", Severity.WARNING, f"item {item.item_no} has an empty {role} cell")
        for role in load("layout")["header"]["required_roles"]
        if layout.has(role) and not getattr(item, "schedule_text" if role == "schedule" else role)
    ]
    if item.schedule_text and plan_year is not None:
        item.schedule = read_schedule(item.schedule_text, plan_year)
        if item.schedule is None:
            findings.append(schedule_unparsed_finding(item.schedule_text, plan_year))
    if item.target_text:
        reading = read_target(item.target_text)
        findings.extend(reading.findings)
        if reading.target is not None:
            item.target_quantity, item.target_unit = reading.target.quantity, reading.target.unit
            findings.extend(target_period_findings(reading.target, item.schedule, target_text=item.target_text,
                                                       schedule_text=item.schedule_text))
    return [Finding(f.code, f.severity, f.message, item.item_no, f.page or item.page_start) for f in findings]


def _numbering_gaps(items: list[ActionItem]) -> list[Finding]:
    """A finding on each item whose component number does not follow the one before it in its area."""
    findings: list[Finding] = []
    by_area: dict[str, list[ActionItem]] = defaultdict(list)
    for item in items:
        by_area[item.area_label].append(item)
    for label, members in by_area.items():
        firsts: dict[str, ActionItem] = {}  # each number's first item, in printed order
        for item in members:
            if item.component_no and item.component_no.isdecimal():
                firsts.setdefault(item.component_no, item)
        numbers = list(firsts)
        for before, number in zip([None, *numbers], numbers):
            if int(number) != (int(before) + 1 if before else 1):
                jump = firsts[number]
                where = f"follows component {before}" if before else "comes first"
                findings.append(_finding("numbering_gap", Severity.WARNING,
                                         f"component {number} of area '{label}' {where} "
                                         f"(numbered {', '.join(numbers)})", item_no=jump.item_no,
                                         page=jump.page_start))
    return findings


def _finding(code: str, severity: Severity, message: str, item_no: int | None = None,
             page: int | None = None) -> Finding:
    return Finding(code, severity, message, item_no, page)
