"""`decrees extract`, `layout`, `validate`, `report`, `calendar` and `export`: look at, check, show and hand on data."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:  # imported in the command bodies: a command pays only for what it uses (see pipelines/cli.py)
    from rich.table import Table

    from normalize.layout import Layout
    from normalize.records import CuratedDecree

console = Console(stderr=True)


class OutputFormat(str, Enum):
    json = "json"
    csv = "csv"
    table = "table"


VOCABULARY_OPTION = typer.Option(
    None, "--vocabulary", help="A TOML file of your own header synonyms ([roles]), area labels ([areas.<code>]) "
                               "and schedule words ([time_words]), added to the project's")


def user_vocabulary_text(path: Path | None) -> str | None:
    """The checked text of a user's vocabulary file (None for none), put in use in this process."""
    from vocabulary import VocabularyError, read_user_vocabulary, use_user_vocabulary

    if path is None:
        return None
    try:
        text = read_user_vocabulary(path)
    except VocabularyError as error:
        raise typer.BadParameter(str(error), param_hint="--vocabulary") from error
    use_user_vocabulary(text)
    return text


def extract(
    file: Path = typer.Argument(..., help="One decree (.pdf or .txt)"),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f",
                                        help="json: decree, items and findings; csv: items; table: items on screen"),
    vocabulary: Path = VOCABULARY_OPTION,
) -> None:
    """Curate one decree and print it, without writing any dataset."""
    from extract.errors import SourceError
    from pipelines.curate import curate_file

    if not file.is_file():
        raise typer.BadParameter(f"{file} is not a file", param_hint="FILE")
    user_vocabulary_text(vocabulary)
    try:
        decree = curate_file(file.resolve(), file.resolve().parent)
    except SourceError as error:
        console.print(f"[red]failed[/red] {file}: {error.reason}: {error.detail}")
        raise typer.Exit(1) from error
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(decree_document(decree), indent=2, ensure_ascii=False, default=str) + "\n")
    elif format is OutputFormat.csv:
        write_items_csv(decree, sys.stdout)
    else:
        Console().print(items_table(decree))


def decree_document(decree: CuratedDecree) -> dict:
    """One decree as JSON-ready data: the decree row, legal bases, items with their periods, findings."""
    from pipelines.tables import decree_row, finding_rows, item_rows, legal_basis_rows, schedule_rows

    periods: dict[int, list[dict]] = {}
    for period in schedule_rows(decree):
        periods.setdefault(period["item_no"], []).append(
            {k: period[k] for k in ("period_no", "period_start", "period_end", "label")})
    items = [{**_without_doc_id(row), "extra": dict(row["extra"]), "periods": periods.get(row["item_no"], [])}
             for row in item_rows(decree)]
    return {
        "decree": decree_row(decree),
        "legal_bases": [_without_doc_id(row) for row in legal_basis_rows(decree)],
        "items": items,
        "findings": [_without_doc_id(row) for row in finding_rows(decree)],
    }


def write_items_csv(decree: CuratedDecree, stream) -> None:
    """The items as CSV with a header row; `extra` as a JSON object."""
    from pipelines.tables import item_rows

    rows = list(item_rows(decree))
    if not rows:
        return
    writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(value) for key, value in row.items()})


def items_table(decree: CuratedDecree) -> Table:
    """A rich table of the items, with the number of findings on each."""
    from rich.table import Table

    findings: dict[int | None, int] = {}
    for finding in decree.findings:
        findings[finding.item_no] = findings.get(finding.item_no, 0) + 1
    title = f"{decree.doc_id}: {len(decree.items)} items, {len(decree.findings)} findings"
    table = Table(title=title, show_lines=True)
    table.add_column("#", no_wrap=True, justify="right")
    for header in ("area", "component", "action", "indicator", "schedule", "target"):
        table.add_column(header, overflow="fold")
    table.add_column("findings", no_wrap=True, justify="right")
    for item in decree.items:
        table.add_row(str(item.item_no), item.area_code or f"? {item.area_label}", item.component, item.action,
                      item.indicator, item.schedule_text, item.target_text or "", str(findings.get(item.item_no, "")))
    return table


def layout(
    file: Path = typer.Argument(..., help="One decree or plan (.pdf or .txt)"),
    vocabulary: Path = VOCABULARY_OPTION,
) -> None:
    """Print how each column of FILE's matrix was understood: printed header, role, and why.

    Example: decrees layout data/raw/kpu-kota-palu-2026-28.txt
    """
    from extract.errors import SourceError
    from extract.source import read_document
    from normalize.layout import find_layout

    if not file.is_file():
        raise typer.BadParameter(f"{file} is not a file", param_hint="FILE")
    user_vocabulary_text(vocabulary)
    try:
        document = read_document(file.resolve())
    except SourceError as error:
        console.print(f"[red]failed[/red] {file}: {error.reason}: {error.detail}")
        raise typer.Exit(1) from error
    found = find_layout(document.rows)
    if found is None:
        typer.echo(f"{file}: no matrix header found (no band of rows naming 3 known column roles)")
        raise typer.Exit(1)
    Console(width=160).print(layout_table(found, file.name))


def layout_table(found: Layout, name: str) -> Table:
    """One row per column: printed header, role, what decided it, the scores."""
    from rich.table import Table

    table = Table(title=f"{name}: header on matrix row {found.header_row + 1} "
                        f"({found.header_rows} row{'s' if found.header_rows > 1 else ''})")
    for header in ("#", "printed header", "role", "decided by", "header score", "content score", "best scores"):
        table.add_column(header, overflow="fold")
    for column in found.columns:
        match = f"{column.header_score:.0f} ({column.header_match})" if column.header_match else "-"
        best = ", ".join(f"{role} {score:.0f}" for role, score in column.scores) or "-"
        table.add_row(str(column.index + 1), column.header or "(none)", column.role, column.decided_by, match,
                      f"{column.content_score:.0f}", best)
    return table


def validate(
    curated: Path = typer.Argument(Path("data/curated"), help="Folder of curated datasets"),
) -> None:
    """Check the curated Parquet files against the schema; exit 1 on any problem."""
    from pipelines.validate import validate_curated

    problems = validate_curated(curated)
    for problem in problems:
        typer.echo(problem.line(curated))
    if problems:
        console.print(f"[red]{len(problems)} problem(s)[/red] in {curated}")
        raise typer.Exit(1)
    console.print(f"[green]valid[/green] {curated}")


def report(
    curated: Path = typer.Argument(Path("data/curated"), help="Folder of curated datasets"),
    out: Path = typer.Argument(Path("reports"), help="Folder for the HTML report"),
    raw: Path = typer.Option(Path("data/raw"), "--raw", help="Raw folder the decrees were curated from (for crops)"),
) -> None:
    """Write a static HTML report of CURATED into OUT: index.html and one page per decree."""
    from pipelines.api import CuratedNotFoundError
    from pipelines.report import build_report

    try:
        result = build_report(curated, out, raw if raw.is_dir() else None)
    except CuratedNotFoundError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    for note in result.notes:
        console.print(f"[yellow]note[/yellow] {note}")
    console.print(f"{len(result.decree_pages)} decree pages, {result.crops} crops -> {out / 'index.html'}; "
                  f"coverage heat map -> {out / 'coverage.html'}")


def calendar(
    curated: Path = typer.Argument(..., help="Folder of curated datasets"),
    out: Path = typer.Argument(..., help="iCalendar file to write (.ics)"),
    office: list[str] = typer.Option(None, "--office",
                                     help="Only this office (issuer_short, e.g. 'KPU Kota Palu', or doc_id); repeatable"),
) -> None:
    """Write the deliverables of CURATED as to-dos in OUT: one per schedule period, due on its last day.

    Example: decrees calendar data/curated deliverables.ics --office "KPU Kota Palu"
    """
    from pipelines.api import CuratedNotFoundError
    from pipelines.deliverables import UnknownOfficeError, write_calendar

    try:
        count = write_calendar(curated, out, office or ())
    except (CuratedNotFoundError, UnknownOfficeError) as error:
        console.print(f"[red]{escape(str(error))}[/red]", highlight=False)
        raise typer.Exit(1) from error
    console.print(f"{count} to-dos -> {escape(str(out))}", highlight=False)


def export(
    curated: Path = typer.Argument(..., help="Folder of curated datasets"),
    out: Path = typer.Argument(..., help="Excel workbook to write (.xlsx)"),
) -> None:
    """Write every dataset of CURATED as a sheet of the workbook OUT, for spreadsheet programs.

    Example: decrees export data/curated decrees.xlsx
    """
    from pipelines.api import CuratedNotFoundError
    from pipelines.workbook import write_workbook

    try:
        counts = write_workbook(curated, out)
    except CuratedNotFoundError as error:
        console.print(f"[red]{escape(str(error))}[/red]", highlight=False)
        raise typer.Exit(1) from error
    sheets = ", ".join(f"{name} {rows}" for name, rows in counts.items())
    console.print(f"{escape(sheets)} rows -> {escape(str(out))}", highlight=False)


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, list):  # the extra map, as (header, text) pairs
        return json.dumps(dict(value), ensure_ascii=False)
    return value


def _without_doc_id(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "doc_id"}
