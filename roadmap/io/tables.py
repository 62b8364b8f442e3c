"""Read a CSV or XLSX table safely, with header aliases and file/row locations for errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap.errors import InputError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
CSV_SUFFIXES = {".csv", ".txt"}


@dataclass(frozen=True)
class Row:
    number: int
    values: Mapping[str, object]

    def get(self, column: str) -> object:
        return self.values.get(column)


@dataclass(frozen=True)
class Table:
    """Rows of a sheet with canonical column names; ``headers`` maps them to the file's text."""

    file: str
    headers: Mapping[str, str]
    rows: tuple[Row, ...]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def error(self, message: str, row: Row | None = None, column: str | None = None,
              value: object = None) -> InputError:
        header = self.headers.get(column, column) if column else None
        return InputError(message, file=self.file, row=row.number if row else None,
                          column=header, value=value)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and value != value
    )


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook (empty for CSV)."""
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        return []
    return list(_open_workbook(path).sheetnames)


def read_table(
    path: Path | str,
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
    *,
    sheet: str | None = None,
    sheet_required: bool = False,
) -> Table:
    """Read ``path`` (CSV or XLSX) into a ``Table`` keyed by canonical column names.

    ``aliases`` maps each canonical name to the headers accepted for it (case-insensitive).
    For a workbook, ``sheet`` is taken when present; otherwise a one-sheet workbook is read,
    unless ``sheet_required``. Rows that are entirely blank are skipped.
    """
    path = Path(path)
    label = path.name
    if not path.exists():
        raise InputError("berkas tidak ditemukan", file=str(path))
    if path.is_dir():
        raise InputError("ini folder, bukan berkas tabel", file=str(path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError("berkas lebih dari 20 MB, ditolak", file=label)
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        raw_rows = _read_xlsx(path, sheet, sheet_required)
    elif suffix in CSV_SUFFIXES:
        raw_rows = _read_csv(path)
    else:
        raise InputError(
            f"jenis berkas '{path.suffix or '(tanpa akhiran)'}' tidak didukung; "
            "gunakan .csv atau .xlsx",
            file=label,
        )
    return _to_table(label, raw_rows, aliases, required)


def _read_csv(path: Path) -> list[tuple[int, list[object]]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError("bukan berkas CSV (isi biner)", file=path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"bukan teks UTF-8 (byte ke-{exc.start + 1}); simpan ulang sebagai CSV UTF-8",
            file=path.name,
        ) from None
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError("berkas kosong", file=path.name)
    header = lines[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    try:
        for record in reader:
            rows.append((reader.line_num, list(record)))
    except csv.Error as exc:
        raise InputError(f"CSV rusak: {exc}", file=path.name) from None
    _check_width(path.name, rows, delimiter)
    return rows


def _check_width(label: str, raw_rows: list[tuple[int, list[object]]], delimiter: str) -> None:
    """Refuse a CSV row with filled cells beyond the header's width.

    Such a row is almost always an unquoted decimal comma (``47,2,5`` meant level ``2,5``);
    reading only the cells under the header would silently take level 2.
    """
    non_blank = [(n, r) for n, r in raw_rows if any(not is_blank(v) for v in r)]
    if not non_blank:
        return
    width = len(non_blank[0][1])
    for number, record in non_blank[1:]:
        if any(not is_blank(v) for v in record[width:]):
            raise InputError(
                f"baris berisi {len(record)} sel, lebih banyak dari {width} judul kolom; "
                "angka berkoma desimal (mis. 2,5) harus diberi tanda kutip, atau pisahkan "
                "kolom dengan titik koma",
                file=label, row=number, value=delimiter.join(str(v) for v in record),
            )


def _open_workbook(path: Path) -> Workbook:
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # any parser failure on an untrusted file is the file's fault
        raise _not_a_workbook(path, exc) from None


def _not_a_workbook(path: Path, exc: Exception) -> InputError:
    return InputError(
        f"bukan berkas Excel (.xlsx) yang sah ({type(exc).__name__})", file=path.name
    )


def _read_xlsx(
    path: Path, sheet: str | None, sheet_required: bool
) -> list[tuple[int, list[object]]]:
    workbook = _open_workbook(path)
    try:
        names = list(workbook.sheetnames)
        lowered = {n.strip().lower(): n for n in names}
        if sheet and sheet.lower() in lowered:
            worksheet = workbook[lowered[sheet.lower()]]
        elif sheet and (sheet_required or len(names) > 1):
            raise InputError(
                f"lembar '{sheet}' tidak ada; lembar yang ada: {', '.join(names)}", file=path.name
            )
        else:
            worksheet = workbook[names[0]]
        rows: list[tuple[int, list[object]]] = []
        try:
            for number, record in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS + 1:
                    raise InputError(f"lembar berisi lebih dari {MAX_ROWS} baris, ditolak",
                                     file=path.name)
                rows.append((number, list(record)))
        except InputError:
            raise
        except Exception as exc:  # the sheet's XML is parsed lazily, while iterating
            raise _not_a_workbook(path, exc) from None
        return rows
    finally:
        workbook.close()


def _to_table(
    label: str,
    raw_rows: list[tuple[int, list[object]]],
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
) -> Table:
    non_blank = [(n, r) for n, r in raw_rows if any(not is_blank(v) for v in r)]
    if not non_blank:
        raise InputError("berkas kosong", file=label)
    if len(non_blank) > MAX_ROWS + 1:
        raise InputError(f"tabel berisi lebih dari {MAX_ROWS} baris, ditolak", file=label)
    header_number, header = non_blank[0]
    accepted = {
        alias.strip().lower(): canonical
        for canonical, names in aliases.items()
        for alias in (canonical, *names)
    }
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    for position, cell in enumerate(header):
        if is_blank(cell):
            continue
        canonical = accepted.get(str(cell).strip().lower())
        if canonical and canonical not in positions:
            positions[canonical] = position
            headers[canonical] = str(cell).strip()
    missing = [c for c in required if c not in positions]
    if missing:
        wanted = "; ".join(
            f"'{c}' (atau {', '.join(repr(a) for a in aliases.get(c, ()))})"
            if aliases.get(c) else f"'{c}'"
            for c in missing
        )
        found = ", ".join(str(c) for c in header if not is_blank(c)) or "(tidak ada)"
        raise InputError(
            f"kolom wajib tidak ada: {wanted}; judul kolom yang ditemukan di baris "
            f"{header_number}: {found}",
            file=label,
        )
    rows = []
    for number, record in non_blank[1:]:
        values = {
            canonical: (record[pos] if pos < len(record) else None)
            for canonical, pos in positions.items()
        }
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        rows.append(Row(number, values))
    return Table(label, headers, tuple(rows))
