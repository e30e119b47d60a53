"""Excel (.xlsx) decree -> Document, with openpyxl.

Every visible sheet is read.  A sheet with a row naming the matrix columns holds
the matrix: from that header row on, its rows are matrix rows (a merged range's
value in its top-left cell, the cells it covers empty, as for a PDF's merged
cells); when the table is drawn with borders, rows without a bordered cell (a
title above it, a signature under it) are prose.  Every other sheet (a cover
page, the decree's body typed one paragraph per row) is prose: each row a line,
its cells side by side.

Cell values are given as displayed text: whole numbers without a decimal point,
dates as ISO dates, formulas by their last computed value.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.worksheet.worksheet import Worksheet

from extract.document import Cell, Document, Line, Row, side_by_side
from extract.errors import CorruptSourceError
from extract.header import header_index

METHOD = "xlsx"


@dataclass(frozen=True)
class _SheetCell:
    text: str
    bold: bool
    bordered: bool


def read_xlsx(path: Path, method: str = METHOD) -> Document:
    """Read an .xlsx decree into a Document: prose sheets to lines, matrix sheets to rows."""
    workbook = _open(path)
    lines: list[Line] = []
    rows: list[Row] = []
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue
            sheet_lines, sheet_rows = _read_sheet(sheet)
            lines.extend(sheet_lines)
            rows.extend(sheet_rows)
    finally:
        workbook.close()
    return Document(source=path, source_format="xlsx", extraction_method=method, page_count=None,
                    lines=lines, rows=rows)


def _open(path: Path) -> openpyxl.Workbook:
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise CorruptSourceError(path, f"the Excel workbook cannot be opened ({error}); is it damaged? "
                                       "Open and save it again in Excel or LibreOffice") from error


def _read_sheet(sheet: Worksheet) -> tuple[list[Line], list[Row]]:
    grid = _grid(sheet)
    header = header_index([[cell.text for cell in row] for row in grid])
    if header is None:
        return _prose(grid), []
    ruled = any(cell.bordered for cell in grid[header])
    lines = _prose(grid[:header])
    rows: list[Row] = []
    for cells in grid[header:]:
        if ruled and not any(cell.bordered for cell in cells):
            lines.extend(_prose([cells]))
            continue
        texts = [cell.text for cell in cells]
        if not any(t.strip() for t in texts):
            continue
        printed = [cell.bold for cell in cells if cell.text.strip()]
        rows.append(Row(tuple(Cell(t) for t in texts), page=None, segment=0, bold=all(printed),
                        reaches_page_bottom=False))
    return lines, rows


def _grid(sheet: Worksheet) -> list[list[_SheetCell]]:
    """The sheet's cells row by row; a merged range's value only in its top-left cell."""
    covered = {(row, col) for merged in sheet.merged_cells.ranges
               for row in range(merged.min_row, merged.max_row + 1)
               for col in range(merged.min_col, merged.max_col + 1)
               if (row, col) != (merged.min_row, merged.min_col)}
    grid: list[list[_SheetCell]] = []
    for sheet_row in sheet.iter_rows():
        cells = []
        for cell in sheet_row:
            text = "" if (cell.row, cell.column) in covered else _displayed(cell)
            cells.append(_SheetCell(text, bool(cell.font and cell.font.b), _bordered(cell)))
        grid.append(cells)
    return grid


def _displayed(cell: SheetCell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _bordered(cell: SheetCell) -> bool:
    border = cell.border
    return border is not None and any(side is not None and side.style for side in
                                      (border.left, border.right, border.top, border.bottom))


def _prose(grid: list[list[_SheetCell]]) -> list[Line]:
    """Rows of prose: each row's cells side by side, a cell's lines one under the other."""
    return [line for cells in grid
            for line in side_by_side([[Line(part.strip(), bold=cell.bold) for part in cell.text.split("\n")
                                       if part.strip()] for cell in cells if cell.text.strip()])]
