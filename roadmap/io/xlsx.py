"""Shared helpers for writing readable, safe Excel sheets with openpyxl."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

RUPIAH_FORMAT = '"Rp" #,##0'
INDEX_FORMAT = "0.00"
PERCENT_FORMAT = "0%"
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
# Text starting with these is run as a formula by a spreadsheet (tab and CR: after trimming).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """For CSV, where a cell has no type: prefix formula-like text (leading = + - @ tab CR)
    with an apostrophe. Workbooks use ``set_cell`` instead, which shows no apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def set_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell | MergedCell:
    """Put ``value`` in a cell; text is stored as text, never as a formula.

    Formula-like text also gets Excel's quote prefix, so editing the cell keeps it text; the
    reader sees the text exactly as given, without an apostrophe.
    """
    cell = sheet.cell(row=row, column=column)
    cell.value = value  # type: ignore[assignment]
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def write_table(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    formats: dict[int, str] | None = None,
    widths: dict[int, float] | None = None,
    start_row: int = 1,
) -> None:
    """Write a header row and data rows with frozen header, filter and number formats.

    ``formats`` and ``widths`` are keyed by zero-based column position. Cells are written with
    ``set_cell``: text stays text, never a formula.
    """
    formats = formats or {}
    for col, title in enumerate(headers, start=1):
        cell = set_cell(sheet, start_row, col, title)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, row in enumerate(rows, start=start_row + 1):
        for c, value in enumerate(row, start=1):
            cell = set_cell(sheet, r, c, value)
            if c - 1 in formats:
                cell.number_format = formats[c - 1]
    last = get_column_letter(len(headers))
    sheet.freeze_panes = f"A{start_row + 1}"
    sheet.auto_filter.ref = f"A{start_row}:{last}{start_row + max(len(rows), 1)}"
    for col in range(1, len(headers) + 1):
        width = (widths or {}).get(col - 1)
        if width is None:
            longest = max([len(str(headers[col - 1]))] +
                          [len(str(row[col - 1])) for row in rows[:200] if col - 1 < len(row)])
            width = min(max(10, longest + 2), 60)
        sheet.column_dimensions[get_column_letter(col)].width = width
