"""Matrix rows -> action items.

The rows come from any extractor (text, PDF, OCR) in printed order.  This module
drops repeated headers and numbering rows, reads section rows as areas, joins rows
that a page break split, carries merged cells down and finishes each logical row
into an `ActionItem` with its findings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from extract.document import BBox, Row
from normalize.areas import area_code, read_area
from normalize.findings import Finding, Severity
from normalize.layout import Layout, find_layout, is_numbering_row
from normalize.records import ActionItem, Schedule
from normalize.schedule import read_schedule, schedule_unparsed_finding
from normalize.target_schedule import split_target_schedule
from normalize.targets import read_target, target_period_findings
from normalize.text import bare_number, clean, join_continuation, split_area_number, split_number, split_row_number
from normalize.vocabulary import load

_LIST_MARK = re.compile(r"^\s*\d{1,2}\.\s+[^\W\d_]{3,}")  # "1. Meningkatnya ...": a list, no quantity
_OPENS_ENTRY = re.compile(r"^(?:[A-Z][a-z]|[-•▪●*]\s|\(?\w{1,3}[.)]\s)")
_ANY_YEAR = 2000  # a target/time cell is split the same whatever the plan year
_SECTION_NUMBER = re.compile(r"^(?:[IVXLC]{1,6}|[A-H]|\d{1,2})$")
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
    if layout.has("target_schedule"):
        findings.extend(_split_target_schedule(items, drafts, layout, plan_year))
    _assign_area_codes(items, findings)
    for item in items:
        findings.extend(_item_findings(item, layout, plan_year))
    findings.extend(_numbering_gaps(items))
    return Matrix(layout.roles, items, findings)


def _body_rows(rows: list[Row], layout: Layout) -> list[Row]:
    """The rows under the header, without repeated headers, numbering rows and sub-headers printed again."""
    body = []
    for row in rows[layout.first_body_row:]:
        if not any(clean(t) for t in row.texts) or layout.is_header(row) or is_numbering_row(row):
            continue
        texts = layout.without_sub_headers(row)
        if texts != row.texts:
            row = replace(row, cells=tuple(replace(cell, text=text) for cell, text in zip(row.cells, texts)))
        body.append(row)
    return body


def _assemble(rows: list[Row], layout: Layout) -> tuple[list[_Draft], list[Finding]]:
    drafts: list[_Draft] = []
    findings: list[Finding] = []
    carried: dict[int, _Span] = {}
    above: dict[int, _Span] = {}  # the last span of every column, for places a merged cell covers
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
            above.clear()
            previous_was_section = True
            continue
        previous_was_section = False
        if new_page and drafts and _continues(row, drafts[-1], layout):
            _extend(drafts[-1], row, layout)
            findings.append(_continuation_finding(row, drafts[-1], layout, len(drafts)))
        else:
            if new_page and drafts:
                row = _continue_merged_cells(row, drafts, above, layout)
            drafts.append(_draft(row, layout, carried, above, section))
    return drafts, findings


def _continue_merged_cells(row: Row, drafts: list[_Draft], above: dict[int, _Span], layout: Layout) -> Row:
    """A merged cell the page break cut: its text carries on, mid-sentence, beside the next page's first row.

    The cell spanned several rows at the bottom of the last page (one span shared by the
    last items); the first row of the new page starts a new item but, in that column,
    carries on the sentence (lower case).  The text joins the merged cell, which then
    covers this row too: the row is returned with that cell marked covered.
    """
    last = drafts[-1]
    if len(drafts) < 2 or (last.last_row is not None and last.last_row.reaches_page_bottom is False):
        return row
    carried_roles = load("layout")["header"]["carried_roles"]
    cells = list(row.cells)
    for column in layout.columns:
        text = clean(_cell(row, column.index))
        span = last.cells.get(column.index)
        shared = span is not None and drafts[-2].cells.get(column.index) is span
        if span is None or column.role in carried_roles or not shared or not text or not text[0].islower():
            continue
        span.text = span.text.rstrip() + "\n" + _cell(row, column.index).strip()  # lines kept: a split reads them
        above[column.index] = span
        cells[column.index] = replace(cells[column.index], text="", covered=True)
    return replace(row, cells=tuple(cells))


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
    first = layout.columns[0].index
    alone_in_first = len(filled) == 1 and texts[first] == longest
    merged = len(filled) > 1 and all(longest.startswith(t) for t in filled)
    if alone_in_first or merged:
        return longest
    return _numbered_label(texts, first)


def _numbered_label(texts: list[str], first: int) -> str | None:
    """"II." in the first cell and the area's label in the next: "II. PENATAAN TATA LAKSANA".

    A roman numeral or a letter numbers a section by itself; an arabic number only
    when the label beside it names an area.
    """
    filled = [i for i, t in enumerate(texts) if t]
    if len(filled) != 2 or filled[0] != first or filled[1] != first + 1:
        return None
    number, label = texts[first].rstrip(".)").strip(), texts[first + 1]
    if not _SECTION_NUMBER.match(number) or not re.search(r"[^\W\d_]{3,}", label):
        return None
    if number.isdigit() and area_code(label) is None:
        return None
    return f"{number}. {label}"


def _is_heading(row: Row, text: str) -> bool:
    """Does a one-cell row read as an area heading (bold, numbered like "II." or naming an area)?"""
    if not re.search(r"[^\W\d_]{3,}", text):
        return False
    return row.bold or split_area_number(text)[0] is not None or area_code(text) is not None


def _continues_heading(text: str) -> bool:
    """Text at the top of a page that carries on a heading cut at the bottom of the last page."""
    return split_area_number(text)[0] is None and split_number(text)[0] is None


def _draft(row: Row, layout: Layout, carried: dict[int, _Span], above: dict[int, _Span],
           section: _Span | None) -> _Draft:
    carried_roles = load("layout")["header"]["carried_roles"]
    cells: dict[int, _Span | None] = {}
    for column in layout.columns:
        text = _cell(row, column.index)
        if column.role not in carried_roles:
            covered = column.index < len(row.cells) and row.cells[column.index].covered and not clean(text)
            if covered and column.index in above:
                cells[column.index] = above[column.index]  # one merged cell over several rows
            else:
                cells[column.index] = above[column.index] = _Span(text)
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
    words = [by_role[role] for role in ("component", "action", "indicator", "evidence") if by_role.get(role)]
    if sum(text[0].islower() for text in words) >= 2 and not any(_OPENS_ENTRY.match(text) for text in words):
        return True  # text cells carry on sentences (lower case), none opens an entry (Capitalised word, bullet)
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
        numbers[role], text[role] = split_row_number(text.get(role, ""))
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


def _split_target_schedule(items: list[ActionItem], drafts: list[_Draft], layout: Layout,
                           plan_year: int | None) -> list[Finding]:
    """Each cell of a column holding target and time together, split into target_text and schedule_text."""
    index = layout.index_of("target_schedule")
    if index is None:
        return []
    findings = []
    for item, draft in zip(items, drafts):
        split = split_target_schedule(_span_text(draft, index), plan_year or _ANY_YEAR)
        item.target_text, item.schedule_text = split.target_text, split.schedule_text
        if not split.split:
            findings.append(_finding(
                "schedule_unparsed", Severity.WARNING,
                f'"{split.target_text}" (target and time in one column) holds no time that can be read; '
                "kept whole as the target, schedule fields left empty", item_no=item.item_no, page=item.page_start))
    return findings


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
    """Each area (section) mapped once, by its label and the components printed under it."""
    components: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for item in items:
        components[item.area_no, item.area_label].append(item.component)
    readings = {section: read_area(section[1], comps) for section, comps in components.items()}
    for (number, label), reading in readings.items():
        first = next(i for i in items if (i.area_no, i.area_label) == (number, label))
        if reading.code is None:
            findings.append(_finding("area_unmapped", Severity.WARNING,
                                     f"area '{label}' matches none of the six areas of change",
                                     item_no=first.item_no, page=first.page_start))
        elif reading.label_code is not None:
            findings.append(_finding(
                "area_label_contradicted", Severity.WARNING,
                f"area {number or ''} '{label}' is printed with the name of {reading.label_code}, but its components "
                f"are those of {reading.code}: mapped by its components", item_no=first.item_no, page=first.page_start))
    for item in items:
        item.area_code = readings[item.area_no, item.area_label].code


def _item_findings(item: ActionItem, layout: Layout, plan_year: int | None) -> list[Finding]:
    findings = [
        _finding("missing_cell", Severity.WARNING, f"item {item.item_no} has an empty {role} cell")
        for role in load("layout")["header"]["required_roles"]
        if layout.has(role) and not getattr(item, "schedule_text" if role == "schedule" else role)
    ]
    if item.schedule_text:
        item.schedule = _read_schedule(item.schedule_text, plan_year)
        if item.schedule is None:
            findings.append(schedule_unparsed_finding(item.schedule_text, plan_year or _ANY_YEAR))
    if item.target_text and not _LIST_MARK.match(item.target_text):
        reading = read_target(item.target_text)
        findings.extend(reading.findings)
        if reading.target is not None:
            item.target_quantity, item.target_unit = reading.target.quantity, reading.target.unit
            findings.extend(target_period_findings(reading.target, item.schedule, target_text=item.target_text,
                                                       schedule_text=item.schedule_text))
    return [Finding(f.code, f.severity, f.message, item.item_no, f.page or item.page_start) for f in findings]


def _read_schedule(text: str, plan_year: int | None) -> Schedule | None:
    """The schedule; without a plan year only a phrase that names its own year ("Januari 2021") is read."""
    if plan_year is not None:
        return read_schedule(text, plan_year)
    one, other = read_schedule(text, _ANY_YEAR), read_schedule(text, _ANY_YEAR + 1)
    return one if one is not None and one == other else None


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
