"""Shared helpers for writing readable, safe Excel sheets with openpyxl."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

RUPIAH_FORMAT = '"Rp" #,##0'
INDEX_FORMAT = "0.00"
PERCENT_FORMAT = "0%"
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
_FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula (leading = + - @)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


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

    ``formats`` and ``widths`` are keyed by zero-based column position. Text cells are
    neutralised with ``safe_text`` and stored as text, never as formulas.
    """
    formats = formats or {}
    for col, title in enumerate(headers, start=1):
        cell = sheet.cell(row=start_row, column=col, value=title)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, row in enumerate(rows, start=start_row + 1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=safe_text(value))  # type: ignore[call-overload]
            if isinstance(value, str):
                cell.data_type = "s"
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
