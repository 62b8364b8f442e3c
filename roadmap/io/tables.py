"""Read a CSV or XLSX table safely, with header aliases and file/row locations for errors."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap.errors import InputError
from roadmap.io.xlsx_limits import MAX_SHEET_ROWS, check_sheet_size, check_workbook

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = MAX_SHEET_ROWS
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
    workbook = _open_workbook(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def read_table(
    path: Path | str,
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
    *,
    sheet: str | None = None,
    sheet_required: bool = False,
    same: Mapping[str, Callable[[object], object]] | None = None,
) -> Table:
    """Read ``path`` (CSV or XLSX) into a ``Table`` keyed by canonical column names.

    ``aliases`` maps each canonical name to the headers accepted for it (case-insensitive).
    Two headers that name one column (``No`` and ``Indikator``) are an error that lists them,
    unless ``same`` gives that column a key under which both cells of every row agree.
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
    return _to_table(label, raw_rows, aliases, required, same or {})


CSV_ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"))
# Python's csv messages, in the user's language.
_CSV_ERRORS = {
    "field larger than field limit": "sel lebih dari {limit} karakter",
    "new-line character seen in unquoted field": "baris baru di dalam sel tanpa tanda kutip",
    "unexpected end of data": "tanda kutip tidak ditutup",
    "expected after": "tanda kutip di tengah sel",
}


def _read_csv(path: Path) -> list[tuple[int, list[object]]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError("bukan berkas CSV (isi biner)", file=path.name)
    text = _decode(data, path.name)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError("berkas kosong", file=path.name)
    header = lines[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    # newline=None reads the line ends of Windows (CR LF), Unix (LF) and old Macs (CR alone)
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    try:
        for record in reader:
            rows.append((reader.line_num, list(record)))
    except csv.Error as exc:
        reason = next((said for key, said in _CSV_ERRORS.items() if key in str(exc)),
                      "format CSV tidak sah")
        raise InputError(f"CSV rusak: {reason.format(limit=csv.field_size_limit())}",
                         file=path.name, row=reader.line_num) from None
    _check_width(path.name, rows, delimiter)
    return rows


def _decode(data: bytes, label: str) -> str:
    """Text of a CSV saved as UTF-8 (with or without BOM) or by Excel on Windows (cp1252)."""
    for codec, _ in CSV_ENCODINGS:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    tried = ", ".join(name for _, name in CSV_ENCODINGS)
    raise InputError(f"teks tidak dapat dibaca (dicoba: {tried}); simpan ulang sebagai "
                     "CSV UTF-8", file=label)


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
    """Open an untrusted workbook read-only, after ``check_workbook`` has bounded its size."""
    import openpyxl

    check_workbook(path)
    try:
        # openpyxl's English notes on parts it skips would add lines to a one-line answer
        with warnings.catch_warnings(action="ignore"):
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
        elif names:
            worksheet = workbook[names[0]]
        else:
            raise InputError("buku kerja tanpa lembar kerja", file=path.name)
        rows: list[tuple[int, list[object]]] = []
        try:
            with warnings.catch_warnings(action="ignore"):
                check_sheet_size(path.name, worksheet.title, worksheet.max_row,
                                 worksheet.max_column)
                for number, record in enumerate(worksheet.iter_rows(values_only=True), start=1):
                    check_sheet_size(path.name, worksheet.title, number, len(record))
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
    same: Mapping[str, Callable[[object], object]],
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
    candidates: dict[str, list[int]] = {}
    for position, cell in enumerate(header):
        canonical = None if is_blank(cell) else accepted.get(str(cell).strip().lower())
        if canonical:
            candidates.setdefault(canonical, []).append(position)
    found = ", ".join(f"'{str(c).strip()}'" for c in header if not is_blank(c)) or "(tidak ada)"
    missing = [c for c in required if c not in candidates]
    if missing:
        wanted = "; ".join(f"'{c}' (atau {_names(aliases, c)})" if aliases.get(c) else f"'{c}'"
                           for c in missing)
        raise InputError(
            f"kolom wajib tidak ada: {wanted}; judul kolom yang ditemukan di baris "
            f"{header_number}: {found}",
            file=label,
        )
    records = non_blank[1:]
    for canonical, found_at in candidates.items():
        if len(found_at) > 1 and not _agree(records, found_at, same.get(canonical)):
            names = " dan ".join(f"'{str(header[p]).strip()}'" for p in found_at)
            raise InputError(
                f"kolom {names} sama-sama bisa berarti '{canonical}'; "
                f"sisakan satu (nama yang diterima: '{canonical}', {_names(aliases, canonical)}; "
                f"judul kolom yang ditemukan: {found})",
                file=label, row=header_number,
            )
    positions = {canonical: found_at[0] for canonical, found_at in candidates.items()}
    headers = {canonical: str(header[pos]).strip() for canonical, pos in positions.items()}
    rows = []
    for number, record in records:
        values = {canonical: _cell(record, pos) for canonical, pos in positions.items()}
        rows.append(Row(number, values))
    return Table(label, headers, tuple(rows))


def _cell(record: list[object], position: int) -> object:
    value = record[position] if position < len(record) else None
    return value.strip() if isinstance(value, str) else value


def _agree(records: list[tuple[int, list[object]]], positions: list[int],
           key: Callable[[object], object] | None) -> bool:
    """True when ``key`` reads the same from every candidate column on every row."""
    if key is None:
        return False
    return all(len({key(_cell(record, p)) for p in positions}) == 1 for _, record in records)


def _names(aliases: Mapping[str, Sequence[str]], canonical: str) -> str:
    return ", ".join(f"'{a}'" for a in aliases.get(canonical, ()))
