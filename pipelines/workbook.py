"""The curated datasets as one Excel workbook, for analysts without Python.

One sheet per dataset (named as the dataset), the header row frozen and filtered,
columns sized to their content, dates written as dates, nulls as empty cells, lists and
maps as JSON text (a control character Excel cannot hold as U+FFFD), and the findings'
severity cells coloured.  A sheet "fields" lists every column with its description
(from pipelines.schema).
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.api import CuratedNotFoundError
from pipelines.schema import DATASETS, description
from pipelines.store import write_atomically

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH, MIN_WIDTH = 60, 6
SEVERITY_FILLS = {  # background of a finding's severity cell
    "info": PatternFill("solid", fgColor="DDEBF7"),
    "warning": PatternFill("solid", fgColor="FFE699"),
    "error": PatternFill("solid", fgColor="F8CBAD"),
}
HEADER_FONT = Font(bold=True)
FIELDS = pa.schema([pa.field(name, pa.string()) for name in ("dataset", "field", "description")])


def write_workbook(curated: Path, out: Path) -> dict[str, int]:
    """Write every dataset of CURATED as a sheet of OUT (.xlsx), atomically; rows per sheet."""
    missing = [f"{name}.parquet" for name in DATASETS if not (curated / f"{name}.parquet").is_file()]
    if missing:
        raise CuratedNotFoundError(f"{curated}: missing {', '.join(missing)} (run `decrees curate` first)")
    book = Workbook()
    book.remove(book.active)
    counts = {}
    for name, schema in DATASETS.items():
        rows = pq.read_table(curated / f"{name}.parquet", schema=schema).to_pylist()
        sheet = book.create_sheet(name)
        _fill(sheet, schema, rows)
        if name == "findings":
            _colour_severity(sheet, schema.names.index("severity") + 1)
        counts[name] = len(rows)
    _fill(book.create_sheet("fields"), FIELDS,
          [{"dataset": name, "field": field.name, "description": description(field)}
           for name, schema in DATASETS.items() for field in schema])
    write_atomically(out, book.save)
    return counts


def cell_value(value, arrow_type: pa.DataType):
    """A Parquet value as an Excel cell: dates stay dates, lists and maps become JSON text."""
    if value is None:
        return None
    if pa.types.is_map(arrow_type):  # (key, value) pairs
        return json.dumps(dict(value), ensure_ascii=False)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # control characters Excel cannot hold
    return value


def _fill(sheet: Worksheet, schema: pa.Schema, rows: list[dict]) -> None:
    columns = schema.names
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    widths = [len(name) for name in columns]
    for row_no, row in enumerate(rows, start=2):
        values = [cell_value(row[field.name], field.type) for field in schema]
        for column_no, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_no, column=column_no, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
        widths = [max(width, _shown_length(value)) for width, value in zip(widths, values)]
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
        if rows and isinstance(_first_value(rows, columns[index - 1]), date):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"


def _colour_severity(sheet: Worksheet, column: int) -> None:
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        fill = SEVERITY_FILLS.get(cell.value)
        if fill:
            cell.fill = fill


def _first_value(rows: list[dict], column: str):
    return next((row[column] for row in rows if row[column] is not None), None)


def _shown_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, (date, datetime)):
        return 10
    if isinstance(value, float) and math.isfinite(value):
        return len(f"{value:g}")
    return len(str(value))
