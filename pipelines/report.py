"""Static HTML report of a curated folder: index.html and one page per decree.

Each decree page shows the decree's identity and legal bases, the official
components its plan leaves out, its action items grouped by area with their
findings highlighted, the schedule of each item on the twelve months of the plan
year and, for PDF sources, a crop of the page region each item was read from.
coverage.html shows every office against every official component as a heat map.
Plain HTML, CSS and inline SVG, every text escaped by Jinja2.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from extract.document import BBox
from pipelines.api import Curated, load_curated, read_dataset
from pipelines.crops import Crop, CropError, PageRenderer, union_by_page
from pipelines.heatmap import Heatmap, coverage_heatmap
from pipelines.schema import REGIONS, VOCABULARIES
from pipelines.timeline import MONTH_ABBREVIATIONS, Span, Timeline, timeline

PDF_FORMATS = ("pdf", "pdf_scanned")
STYLESHEET = "style.css"
SEVERITIES = VOCABULARIES["severity"]  # info < warning < error


@dataclass
class FindingView:
    severity: str
    code: str
    message: str
    item_no: int | None
    page: int | None


@dataclass
class ItemView:
    """One action item as its table row shows it."""

    row: dict
    findings: list[FindingView]
    timeline: Timeline | None
    crops: list[Crop] = field(default_factory=list)

    @property
    def severity(self) -> str | None:
        """The gravest severity among the item's findings."""
        found = [f.severity for f in self.findings]
        return max(found, key=SEVERITIES.index) if found else None


@dataclass
class AreaView:
    area_no: str | None
    area_label: str
    area_code: str | None
    items: list[ItemView]

    @property
    def flagged(self) -> int:
        return sum(1 for item in self.items if item.severity in ("warning", "error"))


@dataclass
class DecreeView:
    """Everything one decree page shows."""

    decree: dict
    page_name: str
    areas: list[AreaView]
    legal_bases: list[dict]
    decree_findings: list[FindingView]
    severity_counts: dict[str, int]
    plan_year: int | None
    notes: list[str] = field(default_factory=list)
    has_responsible: bool = False
    has_extra: bool = False
    left_out: list[dict] = field(default_factory=list)  # coverage rows with no item, in the regulation's order

    @property
    def item_count(self) -> int:
        return sum(len(area.items) for area in self.areas)

    @property
    def flagged_items(self) -> int:
        return sum(area.flagged for area in self.areas)

    @property
    def trust(self) -> str:
        """"error", "warning" or "ok": the gravest severity a reader must look at."""
        if self.severity_counts.get("error"):
            return "error"
        return "warning" if self.severity_counts.get("warning") else "ok"

    @property
    def heading(self) -> str:
        d = self.decree
        number = " ".join(p for p in (f"Nomor {d['decree_number']}" if d["decree_number"] else "",
                                      f"Tahun {d['decree_year']}" if d["decree_year"] else "") if p)
        issuer = d["issuer"] or d["issuer_short"] or d["doc_id"]
        return f"Keputusan {issuer} {number}".strip()


OVERVIEW_PAGES = ("index.html", "coverage.html")


@dataclass
class ReportResult:
    pages: list[Path]
    crops: int
    notes: list[str]

    @property
    def decree_pages(self) -> list[Path]:
        return [page for page in self.pages if page.name not in OVERVIEW_PAGES]


def build_report(curated: Path, out: Path, raw: Path | None = None) -> ReportResult:
    """Write index.html, one page per decree, the stylesheet and the crops into out."""
    data = load_curated(curated)
    regions = _read_regions(Path(curated))
    out.mkdir(parents=True, exist_ok=True)
    environment = _environment()
    views = [decree_view(data, regions, doc_id, out, raw) for doc_id in data.decrees["doc_id"]]
    pages = []
    for view in views:
        pages.append(_write(out / view.page_name, environment.get_template("decree.html").render(
            view=view, months=MONTH_ABBREVIATIONS, stylesheet=STYLESHEET)))
    pages.insert(0, _write(out / "index.html", environment.get_template("index.html").render(
        views=views, stylesheet=STYLESHEET)))
    pages.insert(1, _write(out / "coverage.html", environment.get_template("coverage.html").render(
        map=_heatmap(data, views), stylesheet=STYLESHEET)))
    shutil.copyfile(Path(__file__).parent / "templates" / STYLESHEET, out / STYLESHEET)
    crops = sum(len(item.crops) for view in views for area in view.areas for item in area.items)
    return ReportResult(pages, crops, [f"{view.decree['doc_id']}: {note}" for view in views for note in view.notes])


def decree_view(data: Curated, regions: pd.DataFrame, doc_id: str, out: Path, raw: Path | None) -> DecreeView:
    """Gather one decree's rows from every dataset into what its page shows."""
    decree = _records(data.decrees[data.decrees["doc_id"] == doc_id])[0]
    items = _records(data.action_items[data.action_items["doc_id"] == doc_id].sort_values("item_no"))
    plan_year = decree["plan_year"] or decree["decree_year"]
    periods = _periods_by_item(data.schedule[data.schedule["doc_id"] == doc_id])
    findings = [FindingView(f["severity"], f["code"], f["message"], f["item_no"], f["page"])
                for f in _records(data.findings[data.findings["doc_id"] == doc_id])]
    item_numbers = {item["item_no"] for item in items}
    by_item = defaultdict(list)
    for finding in findings:
        by_item[finding.item_no].append(finding)
    views = {item["item_no"]: ItemView(
        item, by_item.get(item["item_no"], []),
        timeline(periods.get(item["item_no"], []), plan_year) if plan_year else None) for item in items}
    view = DecreeView(
        decree=decree,
        page_name=f"{_file_stem(doc_id)}.html",
        areas=_group_by_area(items, views),
        legal_bases=_records(data.legal_bases[data.legal_bases["doc_id"] == doc_id]
                             .sort_values(["basis_no", "mention_no"])),
        decree_findings=[f for f in findings if f.item_no is None or f.item_no not in item_numbers],
        severity_counts=dict(Counter(f.severity for f in findings)),
        plan_year=plan_year,
        has_responsible=any(item["responsible"] for item in items),
        has_extra=any(item["extra"] for item in items),
        left_out=_records(data.coverage[(data.coverage["doc_id"] == doc_id) & (data.coverage["item_count"] == 0)]),
    )
    if decree["source_format"] in PDF_FORMATS:
        _add_crops(view, regions[regions["doc_id"] == doc_id], out, raw)
    return view


def _heatmap(data: Curated, views: list[DecreeView]) -> Heatmap:
    """The coverage heat map, one row per decree page, labelled with its office."""
    labels = {view.decree["doc_id"]: view.decree["issuer_short"] or view.decree["doc_id"] for view in views}
    repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    offices = {doc_id: f"{label} ({doc_id})" if label in repeated else label for doc_id, label in labels.items()}
    return coverage_heatmap(data.coverage, offices, {view.decree["doc_id"]: view.page_name for view in views})


def _add_crops(view: DecreeView, regions: pd.DataFrame, out: Path, raw: Path | None) -> None:
    source = _source_pdf(view, raw)
    if source is None or regions.empty:
        if source is not None:
            view.notes.append("no item regions were recorded: no crops")
        return
    items = {item.row["item_no"]: item for area in view.areas for item in area.items}
    boxes = defaultdict(list)
    for region in _records(regions):
        boxes[region["item_no"]].append((region["page"], BBox(region["x0"], region["top"],
                                                              region["x1"], region["bottom"])))
    folder = out / "crops" / _file_stem(view.decree["doc_id"])
    try:
        with PageRenderer(source) as renderer:
            for item_no in sorted(boxes):
                if item_no not in items:
                    continue
                for page, box in union_by_page(boxes[item_no]).items():
                    target = folder / f"item-{item_no}-p{page}.png"
                    items[item_no].crops.append(renderer.crop(page, box, target))
    except CropError as error:
        view.notes.append(f"crops stopped: {error}")


def _source_pdf(view: DecreeView, raw: Path | None) -> Path | None:
    """The decree's source file under raw, if it is there and unchanged since curation."""
    if raw is None:
        view.notes.append("no raw folder given: no source crops")
        return None
    path = raw / view.decree["source_file"]
    if not path.is_file():
        view.notes.append(f"source {path} not found: no source crops")
        return None
    if hashlib.sha256(path.read_bytes()).hexdigest() != view.decree["source_sha256"]:
        view.notes.append(f"source {path} changed since curation (sha256 differs): no source crops")
        return None
    return path


def _group_by_area(items: list[dict], views: dict[int, ItemView]) -> list[AreaView]:
    areas: dict[tuple, AreaView] = {}
    for item in items:
        key = (item["area_no"], item["area_label"], item["area_code"])
        if key not in areas:
            areas[key] = AreaView(*key, items=[])
        areas[key].items.append(views[item["item_no"]])
    return list(areas.values())


def _periods_by_item(schedule: pd.DataFrame) -> dict[int, list[Span]]:
    periods = defaultdict(list)
    for period in _records(schedule.sort_values(["item_no", "period_no"])):
        periods[period["item_no"]].append(Span(period["period_start"], period["period_end"], period["label"]))
    return periods


def _read_regions(folder: Path) -> pd.DataFrame:
    path = folder / "regions.parquet"
    if not path.is_file():
        return pd.DataFrame({f.name: pd.Series(dtype="object") for f in REGIONS})
    return read_dataset(path, REGIONS)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values: NA -> None, timestamps -> dates, categories -> str."""
    return [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def _plain(value):
    if not pd.api.types.is_scalar(value):  # lists, arrays, dicts stay as they are
        return value
    if pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def _file_stem(doc_id: str) -> str:
    """A file name for a doc_id: its slug characters only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._") or "decree"


def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("pipelines", "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["date"] = lambda d: d.isoformat() if isinstance(d, date) else ("" if d is None else d)
    return environment


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
