"""A seeded corpus of synthetic decrees, each with its ground truth, for tests and benchmarks.

Every decree is written in the form of the seeds' text conversions (data/raw/*.txt):
a body with NOMOR/TAHUN/TENTANG, Menimbang, Mengingat, the dictum and "ttd"; then
the LAMPIRAN with the action-plan matrix as tab-separated rows, where a blank line
is a page break, some offices print the header again on every page and a row may
be cut in two by a page break (its tail opens the next page, every other cell empty).

What varies, drawn from a seeded `random.Random`: the office (KPU RI with long-form
numbers, provinsi, kabupaten, kota; data/corpus.toml), years, the matrix layout
(areas as section rows or as a column, six to ten columns, header wordings from
normalize/data/layout.toml, extra columns, columns reordered, numbering styles)
and the cell phrasings (schedules as months, ranges, lists, recurring periods;
targets "N (terbilang) unit").

The truth of a decree is what docs/SCHEMA.md says curation must give: per action
item the area code, the numbering moved out of the texts, the cleaned texts (markup
removed, page-break pieces joined), schedule_text and the target.  It is computed
from the generator's own model of the matrix, never by running the pipeline.

Layouts beyond the seeds' (`mix="mixed"`, data/corpus.toml [layouts]): group headers over
sub-headers or unlabelled columns, area rows spanning the table, as "I | Label" or lettered
with rows numbered 1.1, a combined target/time column, month-code schedules, header wordings
offices print, shading, rules around the header only, and the paper and type each office
prints on.  Their truth is what docs/SCHEMA.md 1.1 asks (area_no as printed, a combined column
read as target_text and schedule_text apart, `columns` with `target_schedule`).  Every decree
also keeps its matrix as typed (`SyntheticDecree.matrix`: header cells, merged cells, shading)
for any writer to set.

Digital PDFs: `write_corpus(..., form="pdf")` renders each decree through `synth.pdf.render_pdf`:
a seed layout from its text conversion (read with `extract.text.read_text`), another layout
from its typed matrix; a matrix too wide for its paper is set in smaller type or on wider
paper, never refused.  `form="scan"` scans that PDF (synth.scan preset `scan`).
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from normalize.vocabulary import load as load_normalize_vocabulary
from synth.matrix import HeaderCell, TypedMatrix, TypedRow

ROLE_ORDER = ("no", "area", "component", "action", "indicator", "evidence", "schedule", "target", "responsible")
TRUTH_FIELDS = (
    "item_no", "area_code", "area_no", "area_label", "component_no", "component", "action_no", "action",
    "indicator_no", "indicator", "evidence", "schedule_text", "target_text", "target_quantity", "target_unit",
    "responsible", "extra",
)
_MARKUP = re.compile(r"</?(?:b|i)>")
_NUMBERED = re.compile(r"^\s*\d{1,3}\s*\.(?!\d)")


class RendererUnavailableError(RuntimeError):
    """Digital PDFs need synth.pdf (render_pdf), which is not installed in this tree."""


@cache
def vocabulary() -> dict:
    """The corpus vocabulary (synth/data/corpus.toml)."""
    return tomllib.loads((Path(__file__).parent / "data" / "corpus.toml").read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """A cell as curation must give it: markup removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", _MARKUP.sub("", text)).strip()


# --- offices ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Office:
    """An issuing KPU office."""

    level: str  # nasional | provinsi | kabupaten | kota
    name: str  # "Palu"; "" for the national office
    seat: str  # where its decrees are enacted

    @property
    def jurisdiction(self) -> str:
        return "Republik Indonesia" if self.level == "nasional" else f"{self.level.title()} {self.name}"

    @property
    def issuer(self) -> str:
        return f"Komisi Pemilihan Umum {self.jurisdiction}"

    @property
    def short(self) -> str:
        return "KPU RI" if self.level == "nasional" else f"KPU {self.jurisdiction}"


def draw_office(rng: random.Random) -> Office:
    offices = vocabulary()["offices"]
    level = rng.choices(["nasional", "provinsi", "kabupaten", "kota"], weights=[1, 3, 5, 5])[0]
    if level == "nasional":
        return Office(level, "", offices["national_seat"])
    name, _, seat = rng.choice(offices[level]).partition("|")
    return Office(level, name, seat or name)


# --- matrix layout ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    role: str  # a role of normalize/data/layout.toml, "target_schedule" (target and time in one cell), or "extra"
    header: str  # as printed; "" for a sub-column only its group header names
    group: str = ""  # the group header printed over this column (two-level headers)
    schedule_first: bool = False  # target_schedule: the time printed before the target


@dataclass(frozen=True)
class LayoutFeatures:
    """What a layout beyond the seeds' prints (issue 12; shares in corpus.toml [layouts])."""

    section_form: str  # spanning ("I. LABEL" across) | numeral_cell ("I" | "Label" spanning) | lettered (+ 1.1)
    shaded_sections: bool
    shaded_header: bool
    repeat_subheaders: bool  # numeral_cell area rows repeat the group's sub-headers on the right
    combined_lines: bool  # target_schedule: target and time on two lines of the cell ...
    combined_separator: str  # ... else on one line, this between them
    short_targets: bool  # "1 Dokumen" rather than "1 (satu) Dokumen"
    month_codes: bool  # schedules as month codes (B03, B01 s.d. B12)
    body_rules: bool  # False: rules around the header only


@dataclass(frozen=True)
class MatrixStyle:
    """How an office lays out its matrix."""

    columns: tuple[Column, ...]
    area_rows: bool  # areas as section rows (text in the first cell), else as a column
    area_numbering: str  # roman | arabic | letter (section rows and area cells)
    bold_sections: bool
    spanning_sections: bool  # a section row's text repeated in every cell (a merged cell converted)
    no_dot: bool  # NO printed "1." rather than "1"
    numbering_row: str | None  # "plain" (1 2 3), "paren" ((1) (2)), or none
    repeat_header: bool  # header printed again after every page break
    number_components: bool  # "1. Component" in the cell (area-column layouts)
    number_actions: bool
    number_indicators: bool
    split_rate: float  # share of page breaks that cut a row in two
    rows_per_page: tuple[int, int]
    features: LayoutFeatures | None = None  # None: one of the seeds' layouts

    def has(self, role: str) -> bool:
        return any(c.role == role for c in self.columns)

    @property
    def grouped(self) -> bool:
        """A two-level header: some column has a group header over it."""
        return any(c.group for c in self.columns)

    @property
    def section_form(self) -> str:
        return self.features.section_form if self.features else "spanning"


def draw_style(rng: random.Random) -> MatrixStyle:
    """A layout: the seeds' six- and eight-column shapes (header wordings varied), or a free mix."""
    synonyms = load_normalize_vocabulary("layout")["roles"]
    shape = rng.choices(["six", "eight", "free"], weights=[1, 1, 2])[0]
    area_rows = {"six": True, "eight": False}.get(shape, rng.random() < 0.5)
    with_no = shape != "free" or area_rows or rng.random() < 0.7
    lead = [Column("no", _header(rng, synonyms["no"]))] if with_no else []
    if not area_rows:
        lead.append(Column("area", _header(rng, synonyms["area"])))
    lead.append(Column("component", _header(rng, synonyms["component"])))
    rest = [Column(role, _header(rng, synonyms[role])) for role in ("action", "indicator", "evidence", "schedule")]
    if shape == "eight" or (shape == "free" and rng.random() < 0.6):
        rest.append(Column("target", _header(rng, synonyms["target"])))
    if shape == "free" and rng.random() < 0.5:
        rest.append(Column("responsible", _header(rng, synonyms["responsible"])))
    extras = rng.choice([0, 1, 1, 2]) if shape == "free" else 0
    for header in rng.sample(sorted(vocabulary()["extras"]), k=extras):
        rest.append(Column("extra", header))
    rest = _reorder(rng, rest)
    return MatrixStyle(
        columns=tuple(lead + rest),
        area_rows=area_rows,
        area_numbering=rng.choice(["roman", "roman", "arabic", "letter"]) if area_rows else "roman",
        bold_sections=rng.random() < 0.7,
        spanning_sections=rng.random() < 0.15,
        no_dot=rng.random() < 0.5,
        numbering_row=rng.choice(["plain", "paren", None]),
        repeat_header=rng.random() < 0.5,
        number_components=not area_rows and rng.random() < 0.8,
        number_actions=rng.random() < 0.6,
        number_indicators=rng.random() < 0.4,
        split_rate=rng.choice([0.0, 0.3, 0.6, 0.9]),
        rows_per_page=rng.choice([(4, 7), (6, 10), (8, 14)]),
    )


def _header(rng: random.Random, words: list[str]) -> str:
    word = rng.choice(words)
    variant = rng.random()
    if variant < 0.15:
        return word.title()
    if variant < 0.22 and word in ("NO", "NOMOR"):
        return word + "."
    return word


def _reorder(rng: random.Random, columns: list[Column]) -> list[Column]:
    """Offices differ in order: indicator before action, evidence after schedule, extras anywhere."""
    if rng.random() < 0.4:
        columns = _swap(columns, "action", "indicator")
    if rng.random() < 0.25:
        columns = _swap(columns, "evidence", "schedule")
    if rng.random() < 0.3:
        extras = [c for c in columns if c.role in ("extra", "responsible")]
        columns = [c for c in columns if c not in extras]
        for column in extras:
            columns.insert(rng.randint(2, len(columns)), column)
    return columns


def _swap(columns: list[Column], a: str, b: str) -> list[Column]:
    roles = [c.role for c in columns]
    i, j = roles.index(a), roles.index(b)
    columns = list(columns)
    columns[i], columns[j] = columns[j], columns[i]
    return columns


def draw_feature_style(rng: random.Random) -> MatrixStyle:
    """A layout beyond the seeds' (corpus.toml [layouts]): area rows in any form, group headers,
    a combined target/time column, month-code schedules, header wordings offices print."""
    shares = vocabulary()["layouts"]
    synonyms = load_normalize_vocabulary("layout")["roles"]

    def header(role: str) -> str:
        if rng.random() < shares["header_variant"]:
            return rng.choice(shares["header_variants"][role])
        return _header(rng, synonyms[role])

    roles = ["no", "component", *rng.choice([("action", "indicator"), ("action", "indicator"), ("indicator", "action")]),
             "evidence"]
    combined = rng.random() < shares["target_schedule"]
    if combined:
        roles.append("target_schedule")
    else:
        roles += rng.choice([["target", "schedule"], ["target", "schedule"], ["schedule", "target"], ["schedule"]])
    if rng.random() < shares["responsible"]:
        roles.append("responsible")
    columns = []
    for role in roles:
        if role == "target_schedule":
            printed, _, first = rng.choice(shares["header_variants"]["target_schedule"]).partition("|")
            columns.append(Column(role, printed, schedule_first=first == "schedule"))
        else:
            columns.append(Column(role, header(role)))
    if rng.random() < shares["grouped_header"]:
        columns = _grouped(rng, columns)
    groups = {_fold(c.group) for c in columns}
    extras = [h for h in sorted(shares["extras"]) if _fold(h) not in groups]
    columns += [Column("extra", h) for h in rng.sample(extras, k=rng.choice([0, 0, 1]))]
    form = rng.choices(list(shares["section_forms"]), weights=list(shares["section_forms"].values()))[0]
    features = LayoutFeatures(
        section_form=form,
        shaded_sections=rng.random() < shares["shaded_sections"],
        shaded_header=rng.random() < shares["shaded_header"],
        repeat_subheaders=rng.random() < shares["repeat_subheaders"],
        combined_lines=rng.random() < shares["combined_lines"],
        combined_separator=rng.choice(shares["combined"]["separators"]),
        short_targets=rng.random() < shares["short_targets"],
        month_codes=rng.random() < shares["month_codes"],
        body_rules=rng.random() >= shares["header_only_rules"],
    )
    return MatrixStyle(
        columns=tuple(columns),
        area_rows=True,
        area_numbering="letter" if form == "lettered" else rng.choice(["roman", "roman", "arabic", "letter"]),
        bold_sections=rng.random() < 0.7,
        spanning_sections=False,
        no_dot=form != "lettered" and rng.random() < 0.5,
        numbering_row=rng.choice(["plain", "paren", None]),
        repeat_header=rng.random() < 0.5,
        number_components=False,
        number_actions=rng.random() < 0.6,
        number_indicators=rng.random() < 0.4,
        split_rate=rng.choice([0.0, 0.3, 0.6]),
        rows_per_page=rng.choice([(4, 7), (6, 10), (8, 14)]),
        features=features,
    )


def _grouped(rng: random.Random, columns: list[Column]) -> list[Column]:
    """Columns under a group header of corpus.toml [[layouts.header_groups]] whose roles they all have:
    made adjacent (at the first one's place, in the group's order), each worded by its sub-header or blank."""
    roles = [c.role for c in columns]
    fitting = [g for g in vocabulary()["layouts"]["header_groups"] if all(r in roles for r in g["roles"])]
    if not fitting:
        return columns
    group = rng.choice(fitting)
    label = rng.choice(group["label"])
    members = sorted((c for c in columns if c.role in group["roles"]), key=lambda c: group["roles"].index(c.role))
    at = min(roles.index(r) for r in group["roles"])
    rest = [c for c in columns if c.role not in group["roles"]]
    under = [Column(c.role, rng.choice(group["sub_headers"][c.role]) if c.role in group["sub_headers"] else "",
                    group=label, schedule_first=c.schedule_first) for c in members]
    return rest[:at] + under + rest[at:]


def _fold(text: str) -> str:
    return " ".join(text.upper().split())


# --- matrix content -----------------------------------------------------------------------------

@dataclass
class Item:
    """One action item: what is printed, and the numbering it carries."""

    area_code: str
    area_index: int  # 1-based order of the area in the matrix
    area_label: str
    component_index: int  # 1-based within the area
    component: str
    action_index: int  # 1-based within the component
    action: str
    indicator_index: int  # 1-based within the action
    indicator: str
    evidence: str
    schedule: str
    target: tuple[str, int, str] | None  # (printed, quantity, unit)
    responsible: str
    extra: dict[str, str]
    actions_in_component: int = 1
    indicators_in_action: int = 1


def draw_items(rng: random.Random, office: Office, plan_year: int, style: MatrixStyle) -> list[Item]:
    """The matrix content: areas -> components -> actions -> indicators (one item per indicator)."""
    areas = vocabulary()["areas"]
    codes = list(areas)
    chosen = codes if rng.random() < 0.5 else sorted(rng.sample(codes, rng.randint(3, 6)), key=codes.index)
    items: list[Item] = []
    for area_index, code in enumerate(chosen, start=1):
        label = rng.choice(areas[code]["labels"])
        label = label.upper() if style.area_rows and rng.random() < 0.6 else label
        components = areas[code]["components"]
        picked = sorted(rng.sample(components, rng.randint(1, min(4, len(components)))), key=components.index)
        for component_index, component in enumerate(picked, start=1):
            actions = rng.choice([1, 1, 2, 2, 3])
            for action_index in range(1, actions + 1):
                action = _action(rng, office)
                indicators = rng.choice([1, 1, 1, 2, 3])
                for indicator_index in range(1, indicators + 1):
                    schedule, periods = _schedule(rng, plan_year, style.features)
                    short = style.features is not None and style.features.short_targets
                    items.append(Item(
                        area_code=code, area_index=area_index, area_label=label,
                        component_index=component_index, component=component,
                        action_index=action_index, action=action,
                        indicator_index=indicator_index, indicator=_indicator(rng, office),
                        evidence=_evidence(rng, office), schedule=schedule,
                        target=_target(rng, periods, short) if _has_target(style) else None,
                        responsible=rng.choice(vocabulary()["cells"]["responsible"]),
                        extra={c.header: rng.choice(_extra_values()[c.header])
                               for c in style.columns if c.role == "extra"},
                        actions_in_component=actions, indicators_in_action=indicators,
                    ))
    return items


def _phrase_parts(rng: random.Random, office: Office) -> dict[str, str]:
    cells = vocabulary()["cells"]
    obj = rng.choice(cells["objects"])
    return {
        "object": obj,
        "Object": obj[0].upper() + obj[1:] if not obj.startswith("<") else obj,
        "qualifier": rng.choice(cells["qualifiers"]).format(office=office.short),
        "office": office.short,
    }


def _action(rng: random.Random, office: Office) -> str:
    cells = vocabulary()["cells"]
    if rng.random() < 0.12:
        listed = [f"{rng.choice(cells['verbs'])} {_phrase_parts(rng, office)['object']}" for _ in range(3)]
        return rng.choice(cells["lists"]).format(a=listed[0], b=listed[1], c=listed[2])
    parts = _phrase_parts(rng, office)
    return _squeeze(f"{rng.choice(cells['verbs'])} {parts['object']} {parts['qualifier']}")


def _indicator(rng: random.Random, office: Office) -> str:
    return _squeeze(rng.choice(vocabulary()["cells"]["indicator_forms"]).format(**_phrase_parts(rng, office)))


def _evidence(rng: random.Random, office: Office) -> str:
    return _squeeze(rng.choice(vocabulary()["cells"]["evidence_forms"]).format(**_phrase_parts(rng, office)))


def _squeeze(text: str) -> str:
    """Single spaces, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def _has_target(style: MatrixStyle) -> bool:
    return style.has("target") or style.has("target_schedule")


def _extra_values() -> dict[str, list[str]]:
    """Values of the extra columns by header: the seeds' layouts' and the other layouts'."""
    return {**vocabulary()["layouts"]["extras"], **vocabulary()["extras"]}


def _schedule(rng: random.Random, year: int, features: LayoutFeatures | None = None) -> tuple[str, int | None]:
    """A printed schedule and, for recurring ones, the number of periods it means."""
    if features is not None and features.month_codes and rng.random() < vocabulary()["layouts"]["month_code_items"]:
        return _month_code_schedule(rng)
    phrases = vocabulary()["schedules"]
    months = vocabulary()["calendar"]["months"]
    kind = rng.choices(["one_month", "window", "months", "recurring", "monthly_window"], weights=[4, 4, 2, 3, 1])[0]
    if kind == "recurring":
        text, periods = rng.choice(phrases["recurring"])
        return text.format(y=year, ny=year + 1), periods
    picks = sorted(rng.sample(range(12), 3))
    names = {"m": months[picks[0]], "m1": months[picks[0]], "m2": months[picks[1]], "m3": months[picks[2]]}
    periods = picks[1] - picks[0] + 1 if kind == "monthly_window" else None
    return rng.choice(phrases[kind]).format(y=year, ny=year + 1, **names), periods


def _month_code_schedule(rng: random.Random) -> tuple[str, int | None]:
    """A schedule in month codes (B03 = March of the plan year) and, for recurring ones, its periods."""
    phrases = vocabulary()["layouts"]["month_code_schedules"]
    kind = rng.choices(["one_month", "window", "months", "recurring"], weights=[4, 3, 3, 2])[0]
    if kind == "recurring":
        text, periods = rng.choice(phrases["recurring"])
        return text, periods
    codes = {key: f"B{month:02d}" for key, month in zip("abcd", sorted(rng.sample(range(1, 13), 4)))}
    return rng.choice(phrases[kind]).format(**codes), None


def _target(rng: random.Random, periods: int | None, short: bool = False) -> tuple[str, int, str]:
    """(printed, quantity, unit): "4 (empat) Laporan", or "4 Laporan" when `short`."""
    targets = vocabulary()["targets"]
    quantity = periods if periods is not None else rng.choice([1, 1, 1, 2, 3, 4, 6, 12])  # recurring: one per period
    unit = rng.choice(targets["units"])
    printed = f"{quantity} {unit}" if short else f"{quantity} ({targets['words'][quantity]}) {unit}"
    return printed, quantity, unit


# --- printing the matrix ------------------------------------------------------------------------

def _area_number(style: MatrixStyle, index: int) -> str:
    calendar = vocabulary()["calendar"]
    if style.area_numbering == "arabic":
        return str(index)
    if style.area_numbering == "letter":
        return calendar["letters"][index - 1]
    return calendar["roman"][index - 1]


def _row_number(item: Item, style: MatrixStyle) -> str:
    """What the NO column prints on an item's first row: the component (area rows) or area number;
    under lettered areas "area.component" (1.1, 1.2)."""
    if style.section_form == "lettered":
        return f"{item.area_index}.{item.component_index}"
    number = item.component_index if style.area_rows else item.area_index
    return f"{number}." if style.no_dot else str(number)


def _printed_cells(item: Item, previous: Item | None, style: MatrixStyle) -> dict[int, str]:
    """Cell text by column index for one item row, merged cells left empty below their first row.
    A cell's lines are joined by "\\n"."""
    new_area = previous is None or previous.area_index != item.area_index
    new_component = new_area or (previous is not None and previous.component_index != item.component_index)
    new_action = new_component or (previous is not None and previous.action_index != item.action_index)
    cells: dict[int, str] = {}
    for index, column in enumerate(style.columns):
        role = column.role
        if role == "no":
            show = new_component if style.area_rows else new_area
            cells[index] = _row_number(item, style) if show else ""
        elif role == "area":
            label = item.area_label if style.has("no") else f"{_area_number(style, item.area_index)}. {item.area_label}"
            cells[index] = label if new_area else ""
        elif role == "component":
            text = f"{item.component_index}. {item.component}" if style.number_components else item.component
            cells[index] = text if new_component else ""
        elif role == "action":
            numbered = style.number_actions and item.actions_in_component > 1
            text = f"{item.action_index}. {item.action}" if numbered else item.action
            cells[index] = text if new_action else ""
        elif role == "indicator":
            numbered = style.number_indicators and item.indicators_in_action > 1
            cells[index] = f"{item.indicator_index}. {item.indicator}" if numbered else item.indicator
        elif role == "evidence":
            cells[index] = item.evidence
        elif role == "schedule":
            cells[index] = item.schedule
        elif role == "target":
            cells[index] = item.target[0] if item.target else ""
        elif role == "target_schedule":
            cells[index] = _target_and_time(item, column, style.features)
        elif role == "responsible":
            cells[index] = item.responsible
        else:
            cells[index] = item.extra[column.header]
    return cells


def _target_and_time(item: Item, column: Column, features: LayoutFeatures | None) -> str:
    """One cell holding target and time: "1 Dokumen / Maret 2026", or the two on lines of their own."""
    target = item.target[0] if item.target else ""
    parts = [item.schedule, target] if column.schedule_first else [target, item.schedule]
    if features is None or features.combined_lines:
        return "\n".join(parts)
    return features.combined_separator.join(parts)


def truth_of(items: list[Item], style: MatrixStyle) -> list[dict]:
    """The action items curation must give for this matrix (docs/SCHEMA.md)."""
    truth = []
    for item_no, item in enumerate(items, start=1):
        numbered_action = style.number_actions and item.actions_in_component > 1
        numbered_indicator = style.number_indicators and item.indicators_in_action > 1
        if style.section_form == "lettered":
            component_no: str | None = f"{item.area_index}.{item.component_index}"
        else:
            component_no = str(item.component_index) if style.area_rows or style.number_components else None
        truth.append({
            "item_no": item_no,
            "area_code": item.area_code,
            "area_no": _area_number(style, item.area_index) if style.area_rows or not style.has("no")
            else str(item.area_index),
            "area_label": plain(item.area_label),
            "component_no": component_no,
            "component": plain(item.component),
            "action_no": str(item.action_index) if numbered_action else None,
            "action": plain(item.action),
            "indicator_no": str(item.indicator_index) if numbered_indicator else None,
            "indicator": plain(item.indicator),
            "evidence": plain(item.evidence),
            "schedule_text": plain(item.schedule),
            "target_text": item.target[0] if item.target else None,
            "target_quantity": item.target[1] if item.target else None,
            "target_unit": item.target[2] if item.target else None,
            "responsible": plain(item.responsible) if style.has("responsible") else None,
            "extra": {header: plain(value) for header, value in item.extra.items()},
        })
    return truth


def _header_lines(style: MatrixStyle) -> list[list[str]]:
    """The header rows as a conversion prints them: a group header's label in its first column
    (a merged cell flattened), the sub-headers on the row below; then the numbering row."""
    if style.grouped:
        top = [c.group if c.group and (i == 0 or style.columns[i - 1].group != c.group) else ("" if c.group else c.header)
               for i, c in enumerate(style.columns)]
        lines = [top, [c.header if c.group else "" for c in style.columns]]
    else:
        lines = [[c.header for c in style.columns]]
    if style.numbering_row:
        numbers = range(1, len(style.columns) + 1)
        lines.append([f"({n})" if style.numbering_row == "paren" else str(n) for n in numbers])
    return lines


def matrix_lines(rng: random.Random, items: list[Item], style: MatrixStyle) -> list[str]:
    """The matrix as the text conversion prints it: header, numbering row, rows, page breaks."""
    width = len(style.columns)
    head_lines = ["\t".join(texts) for texts in _header_lines(style)]
    rows = _logical_rows(items, style)
    lines = list(head_lines)
    room = rng.randint(*style.rows_per_page) - 2
    index = 0
    while index < len(rows):
        kind, cells = rows[index]
        index += 1
        if room > 0 or index == len(rows):
            lines.append(_join(cells, width))
            room -= 1
            continue
        tail = None
        if kind == "item" and rng.random() < style.split_rate:
            cells, tail = _split(rng, cells, style)
        lines.append(_join(cells, width))
        lines.append("")
        if style.repeat_header:
            lines.extend(head_lines)
        if tail is not None:
            lines.append(_join(tail, width))
        room = rng.randint(*style.rows_per_page)
    return lines


def printed_matrix(items: list[Item], style: MatrixStyle) -> TypedMatrix:
    """The matrix as the office typed it, before pagination: header cells (groups spanning
    sub-headers), rows with their merged cells and shading; texts without markup, a cell's
    lines kept.  What a renderer (PDF, and Word or Excel writers) sets."""
    features = style.features
    rows = []
    for kind, cells in _logical_rows(items, style):
        texts = tuple(_unmarked(cells[i]) for i in range(len(style.columns)))
        if kind == "section":
            if style.section_form != "numeral_cell":  # one merged cell, however a conversion repeated it
                texts = (texts[0],) + ("",) * (len(texts) - 1)
            rows.append(TypedRow(texts, bold=style.bold_sections, section=True, spans=_section_spans(style),
                                 shaded=features is not None and features.shaded_sections))
        else:
            rows.append(TypedRow(texts, section=False))
    numbering = _header_lines(style)[-1] if style.numbering_row else None
    return TypedMatrix(
        header=tuple(c.header for c in style.columns),
        numbering=tuple(numbering) if numbering else None,
        rows=tuple(rows),
        repeats_header=style.repeat_header,
        header_cells=_header_cells(style),
        header_shaded=features is not None and features.shaded_header,
    )


def _unmarked(text: str) -> str:
    """A cell's text without markup, its lines kept."""
    return "\n".join(plain(line) for line in text.split("\n"))


def _header_cells(style: MatrixStyle) -> tuple[HeaderCell, ...]:
    """A two-level header: a column without group spans both rows; a group's label spans its columns."""
    if not style.grouped:
        return ()
    cells = []
    for index, column in enumerate(style.columns):
        if not column.group:
            cells.append(HeaderCell(column.header, index, index, 0, 1))
            continue
        if index == 0 or style.columns[index - 1].group != column.group:
            last = index
            while last + 1 < len(style.columns) and style.columns[last + 1].group == column.group:
                last += 1
            cells.append(HeaderCell(column.group, index, last, 0, 0))
        cells.append(HeaderCell(column.header, index, index, 1, 1))
    return tuple(cells)


def _section_spans(style: MatrixStyle) -> tuple[tuple[int, int], ...]:
    """The merged cells of an area row: the whole row, or (numeral_cell) the label from the second
    column up to the first repeated sub-header."""
    last = len(style.columns) - 1
    if style.section_form != "numeral_cell":
        return ((0, last),)
    repeated = _repeated_subheaders(style)
    end = (min(repeated) - 1) if repeated else last
    return ((1, end),) if end > 1 else ()


def _repeated_subheaders(style: MatrixStyle) -> list[int]:
    """Columns whose sub-header a numeral_cell area row prints again (on the right of its label)."""
    if style.features is None or not style.features.repeat_subheaders:
        return []
    return [i for i, c in enumerate(style.columns) if i > 1 and c.group and c.header]


def _logical_rows(items: list[Item], style: MatrixStyle) -> list[tuple[str, dict[int, str]]]:
    rows: list[tuple[str, dict[int, str]]] = []
    previous: Item | None = None
    for item in items:
        if style.area_rows and (previous is None or previous.area_index != item.area_index):
            rows.append(("section", _section_cells(item, style)))
        rows.append(("item", _printed_cells(item, previous, style)))
        previous = item
    return rows


def _section_cells(item: Item, style: MatrixStyle) -> dict[int, str]:
    """An area row: "I. LABEL" in the first cell (or in every cell, a merged cell converted), or the
    number in the first cell and the label in the second, sub-headers repeated on the right."""
    def bold(text: str) -> str:
        return f"<b>{text}</b>" if style.bold_sections else text

    number = _area_number(style, item.area_index)
    width = len(style.columns)
    if style.section_form == "numeral_cell":
        cells = {0: bold(number), 1: bold(item.area_label)}
        cells.update({i: bold(style.columns[i].header) for i in _repeated_subheaders(style)})
        return {i: cells.get(i, "") for i in range(width)}
    text = bold(f"{number}. {item.area_label}")
    if style.spanning_sections:
        return dict.fromkeys(range(width), text)
    return {i: (text if i == 0 else "") for i in range(width)}


def _join(cells: dict[int, str], width: int) -> str:
    """A row of the conversion: a cell's lines flattened to one."""
    return "\t".join(cells.get(i, "").replace("\n", " ") for i in range(width))


def _split(
    rng: random.Random, cells: dict[int, str], style: MatrixStyle,
) -> tuple[dict[int, str], dict[int, str] | None]:
    """Cut a row at a page break: some long cells leave their tail for the next page's first row."""
    splittable = {"component", "action", "indicator", "evidence", "responsible", "extra"}
    if style.has("target"):
        splittable.add("schedule")  # the target cell stays whole, so the tail row is seen as a continuation
    candidates = [i for i, c in enumerate(style.columns)
                  if c.role in splittable and len(cells[i].split()) >= 3]
    if not candidates:
        return cells, None
    head, tail = dict(cells), dict.fromkeys(cells, "")
    for index in rng.sample(candidates, k=rng.randint(1, min(3, len(candidates)))):
        cut = _cut(rng, cells[index])
        if cut is not None:
            head[index], tail[index] = cut
    if not any(tail.values()):
        return cells, None
    return head, tail


def _cut(rng: random.Random, text: str) -> tuple[str, str] | None:
    words = text.split(" ")
    points = [i for i in range(1, len(words))
              if not re.search(r"[^\W\d_]-$", words[i - 1]) and not _NUMBERED.match(" ".join(words[i:]))]
    if not points:
        return None
    point = rng.choice(points)
    return " ".join(words[:point]), " ".join(words[point:])


# --- the decree body ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Identity:
    """What the body says about the decree (the fields docs/SCHEMA.md derives from it)."""

    doc_id: str
    issuer: str
    issuer_short: str
    jurisdiction: str
    jurisdiction_level: str
    decree_number: str
    decree_year: int
    plan_year: int
    enacted_place: str
    enacted_date: str
    signatory_name: str


def draw_identity(rng: random.Random, office: Office) -> Identity:
    year = rng.randint(2019, 2026)
    enacted = date(year, rng.randint(1, 4), rng.randint(1, 28))
    if office.level == "nasional":
        code = rng.choice(vocabulary()["offices"]["national_codes"])
        roman = vocabulary()["calendar"]["roman"][enacted.month - 1]
        number = f"{rng.randint(1, 1500)}/{code}-Kpt/{rng.randint(1, 9):02d}/KPU/{roman}/{year}"
    else:
        number = str(rng.randint(1, 150))
    return Identity(
        doc_id=f"{_slug(office.short)}-{year}-{_slug(number)}",
        issuer=office.issuer, issuer_short=office.short, jurisdiction=office.jurisdiction,
        jurisdiction_level=office.level, decree_number=number, decree_year=year, plan_year=year,
        enacted_place=office.seat, enacted_date=enacted.isoformat(),
        signatory_name=rng.choice(vocabulary()["people"]["names"]),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def body_lines(rng: random.Random, office: Office, identity: Identity) -> list[str]:
    """The decree up to and including the LAMPIRAN heading, in the text-conversion form."""
    body = vocabulary()["body"]
    issuer_caps = office.issuer.upper()
    region = office.jurisdiction.upper()
    number_line = (f"NOMOR {identity.decree_number}" if office.level == "nasional"
                   else f"NOMOR {identity.decree_number} TAHUN {identity.decree_year}")
    title = body["title"].format(ISSUER=issuer_caps, plan_year=identity.plan_year)
    enacted = date.fromisoformat(identity.enacted_date)
    months = vocabulary()["calendar"]["months"]
    considerations = [c.format(issuer=office.issuer) for c in body["considerations"]]
    bases = rng.sample(body["legal_bases"], rng.randint(3, 6))
    lines = ["", "", "SALINAN", ""] if rng.random() < 0.5 else ["", ""]
    lines += ["KOMISI PEMILIHAN UMUM  ", region, "", "KEPUTUSAN KOMISI PEMILIHAN UMUM  ", region, "",
              number_line, "", "TENTANG", ""]
    lines += _wrap(title, rng.randint(55, 75)) + ["", f"KETUA {issuer_caps},", ""]
    lines += [f"- Menimbang : a. {considerations[0]};"]
    lines += [f"- {letter}. {text};" for letter, text in zip("bcd", considerations[1:])]
    lines += [f"- Mengingat : 1. {bases[0]};"]
    lines += [f"{n}. {text};" for n, text in enumerate(bases[1:], start=2)]
    lines += ["", "MEMUTUSKAN:", "", f"Menetapkan : KEPUTUSAN {issuer_caps} TENTANG {title}.", "",
              f"KESATU : Menetapkan Rencana Aksi Pembangunan Zona Integritas di Lingkungan {office.issuer} "
              "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.", "",
              "KEDUA : Keputusan ini mulai berlaku pada tanggal ditetapkan.", "",
              f"Ditetapkan di {identity.enacted_place}",
              f"pada tanggal {enacted.day} {months[enacted.month - 1]} {enacted.year}", ""]
    lines += _signature(rng, office, identity)
    lines += ["", "Salinan sesuai dengan aslinya", f"SEKRETARIAT {issuer_caps}",
              rng.choice(vocabulary()["people"]["secretary_titles"]) + ",", "", "", "",
              "LAMPIRAN", "KEPUTUSAN KOMISI PEMILIHAN UMUM", region, number_line,
              "TENTANG RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS", "",
              f"RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS {issuer_caps} TAHUN {identity.plan_year}", ""]
    return lines


def _signature(rng: random.Random, office: Office, identity: Identity) -> list[str]:
    return ["KETUA KOMISI PEMILIHAN UMUM", f"{office.jurisdiction.upper()},", "", rng.choice(["ttd", "ttd.", "Ttd."]),
            "", identity.signatory_name]


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


# --- a whole decree and a corpus ----------------------------------------------------------------

MIXES = ("seed", "mixed")  # the seeds' layouts only; or those mixed with corpus.toml [layouts]
FORMS = ("text", "pdf", "scan")


@dataclass(frozen=True)
class SyntheticDecree:
    """One generated decree: its text conversion, its matrix as typed, its print style and its ground truth."""

    name: str  # file stem
    text: str
    truth: dict = field(hash=False)
    matrix: TypedMatrix | None = field(default=None, hash=False, compare=False)  # the matrix as typed, before pagination
    print_style: dict | None = field(default=None, hash=False)  # synth.pdf.RenderStyle fields; None: the caller's


def generate_decree(rng: random.Random, mix: str = "seed") -> SyntheticDecree:
    """One decree drawn from `rng`: a seed layout, or (mix "mixed") often one of corpus.toml [layouts]."""
    if mix not in MIXES:
        raise ValueError(f"unknown corpus mix {mix!r}; choose one of {', '.join(MIXES)}")
    office = draw_office(rng)
    identity = draw_identity(rng, office)
    new_layout = mix == "mixed" and rng.random() < vocabulary()["layouts"]["share"]
    style = draw_feature_style(rng) if new_layout else draw_style(rng)
    items = draw_items(rng, office, identity.plan_year, style)
    lines = body_lines(rng, office, identity) + matrix_lines(rng, items, style)
    lines += ["", *_signature(rng, office, identity), ""]
    print_style = _draw_print(rng, style) if new_layout else None
    truth = {
        "doc_id": identity.doc_id,
        "identity": asdict(identity),
        "layout": {"columns": [c.role for c in style.columns], "headers": [c.header for c in style.columns],
                   "groups": [c.group for c in style.columns],
                   "area_rows": style.area_rows, "repeat_header": style.repeat_header,
                   "features": asdict(style.features) if style.features else None, "print": print_style},
        "items": truth_of(items, style),
    }
    return SyntheticDecree(identity.doc_id, "\n".join(lines), truth, printed_matrix(items, style), print_style)


def _draw_print(rng: random.Random, style: MatrixStyle) -> dict:
    """How the office prints it (synth.pdf.RenderStyle fields, corpus.toml [layouts.print])."""
    choices = vocabulary()["layouts"]["print"]
    drawn = {name: rng.choice(values) for name, values in choices.items()}
    drawn["body_rules"] = style.features is None or style.features.body_rules
    return drawn


def generate_corpus(count: int, seed: int = 0, mix: str = "seed") -> list[SyntheticDecree]:
    """`count` decrees with distinct doc_ids, the same for the same seed and mix."""
    rng = random.Random(seed)
    decrees: list[SyntheticDecree] = []
    seen: set[str] = set()
    while len(decrees) < count:
        decree = generate_decree(rng, mix)
        if decree.name not in seen:
            seen.add(decree.name)
            decrees.append(decree)
    return decrees


def write_corpus(
    folder: Path, count: int, seed: int = 0, form: str = "text", style: object | None = None,
    mix: str = "seed", scan: str = "clean_200",
) -> list[Path]:
    """Write `count` decrees into folder as <name>.txt (form "text"), <name>.pdf (form "pdf": digital;
    form "scan": the digital PDF scanned in the synth.scan preset `scan`), each with <name>.truth.json
    beside it; returns the decree files.  `style` (a synth.pdf.RenderStyle) overrides every decree's own."""
    return [write_decree(decree, folder, form, style, scan) for decree in generate_corpus(count, seed, mix)]


def write_decree(
    decree: SyntheticDecree, folder: Path, form: str = "text", style: object | None = None, scan: str = "clean_200",
) -> Path:
    """Write one decree (see `write_corpus`) and its truth into `folder`; the decree file.

    A matrix too wide for its paper at its type size is set another way (smaller type,
    other paper: synth.pdf.fitting_style), never refused."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; choose one of {', '.join(FORMS)}")
    folder.mkdir(parents=True, exist_ok=True)
    truth_path = folder / f"{decree.name}.truth.json"
    truth_path.write_text(json.dumps(decree.truth, ensure_ascii=False, indent=1), encoding="utf-8")
    if form == "text":
        path = folder / f"{decree.name}.txt"
        path.write_text(decree.text, encoding="utf-8")
        return path
    path = folder / f"{decree.name}.pdf"
    render = _pdf_renderer()
    if form == "pdf":
        render(decree, path, style)
        return path
    from synth.scan import ScanStyle, scan_pdf

    with tempfile.TemporaryDirectory() as scratch:
        digital = Path(scratch) / path.name
        render(decree, digital, style)
        scan_pdf(digital, path, ScanStyle.preset(scan))
    return path


def _pdf_renderer():
    try:
        from synth.pdf import RenderStyle, render_pdf
    except ImportError as error:
        raise RendererUnavailableError(
            "digital PDFs need synth.pdf.render_pdf (branch `pdf`), not present here; use form='text'"
        ) from error
    from extract.text import read_text

    def render(decree: SyntheticDecree, path: Path, style: Any | None) -> None:
        with tempfile.TemporaryDirectory() as scratch:
            text_path = Path(scratch) / f"{decree.name}.txt"
            text_path.write_text(decree.text, encoding="utf-8")
            document = read_text(text_path)
        if style is None:
            style = RenderStyle(**decree.print_style) if decree.print_style else RenderStyle()
        # a seed layout is set from its conversion, re-read; another layout from the generator's own matrix
        matrix = decree.matrix if decree.truth["layout"]["features"] else None
        render_pdf(document, path, style, matrix=matrix, fit=True)

    return render
