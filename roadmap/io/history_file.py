"""Read a history of past evaluations (CSV or XLSX, sheet ``riwayat`` in a workbook).

Columns: ``tahun`` (year), ``indikator``, ``mandiri`` (the self-assessed level or value) and
``final`` (the assessors' result); one or more years, one row per indicator and year. The
framework is detected from the indicator ids unless given.
"""

from __future__ import annotations

from pathlib import Path

from roadmap.calibration import History, HistoryRow
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.assessment_file import detect_framework
from roadmap.io.framework_files import load_framework
from roadmap.io.tables import Row, Table, is_blank, read_table
from roadmap.numbers import parse_number

HISTORY_SHEET = "riwayat"
HISTORY_ALIASES = {
    "year": ("tahun",),
    "indicator": ("indikator", "no", "kode", "id"),
    "self_assessed": ("mandiri", "penilaian mandiri", "nilai mandiri", "self"),
    "final": ("akhir", "nilai final", "hasil", "nilai akhir"),
}
REQUIRED = ("year", "indicator", "self_assessed", "final")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def read_history(path: Path | str, framework_id: str | None = None) -> History:
    """Read and validate a history; every problem raises ``InputError`` naming the cell."""
    path = Path(path)
    table = read_table(path, HISTORY_ALIASES, REQUIRED, sheet=HISTORY_SHEET)
    if not table.rows:
        raise table.error("tidak ada baris riwayat (hanya judul kolom)")
    framework = load_framework(framework_id) if framework_id else detect_framework(table)
    rows: list[HistoryRow] = []
    first_row: dict[tuple[int, str], int] = {}
    for row in table:
        year = _year(table, row)
        indicator = framework.resolve(row.get("indicator"))
        if indicator is None:
            ids = framework.indicator_ids
            raise table.error(
                f"indikator tidak dikenal dalam {framework.index_name}; id yang sah "
                f"{ids[0]}..{ids[-1]}", row, "indicator", row.get("indicator"))
        if (year, indicator) in first_row:
            raise table.error(
                f"indikator {indicator} tahun {year} ganda (sudah ada di baris "
                f"{first_row[(year, indicator)]})", row, "indicator", row.get("indicator"))
        first_row[(year, indicator)] = row.number
        rows.append(HistoryRow(year, indicator, _value(table, row, "self_assessed", framework),
                               _value(table, row, "final", framework)))
    return History(framework, tuple(rows), path.stem)


def _year(table: Table, row: Row) -> int:
    raw = row.get("year")
    try:
        year = parse_number(raw)
        valid = year.is_integer() and FIRST_YEAR <= year <= LAST_YEAR
    except InputError:
        valid = False
    if not valid:
        raise table.error(f"tahun harus bilangan bulat {FIRST_YEAR}..{LAST_YEAR}", row, "year",
                          "" if is_blank(raw) else raw)
    return int(year)


def _value(table: Table, row: Row, column: str, framework: Framework) -> float:
    raw = row.get(column)
    label = "mandiri" if column == "self_assessed" else "final"
    scale = framework.value
    try:
        value = parse_number(raw)
    except InputError as exc:
        raise table.error(f"nilai {label}: {exc.message}", row, column,
                          "" if is_blank(raw) else raw) from None
    low = 0.0 if scale.allow_zero else scale.min
    if value > scale.max:
        raise table.error(f"nilai {label} di atas {scale.max:g}", row, column, raw)
    if value < low:
        raise table.error(f"nilai {label} di bawah {low:g}", row, column, raw)
    if scale.whole and value != int(value):
        raise table.error(f"nilai {label} harus bilangan bulat dalam {framework.index_name}",
                          row, column, raw)
    return value
