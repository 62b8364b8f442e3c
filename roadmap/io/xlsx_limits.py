"""Check an untrusted workbook's size before openpyxl reads it.

A small ``.xlsx`` can unpack to gigabytes (a decompression bomb) or declare millions of styles,
strings, rows or columns; openpyxl would spend minutes and gigabytes on it. The sizes are
checked from the zip directory (a part never unpacks beyond its declared size), the styles
and strings by counting tags in those size-bounded parts, the rows and columns by
``check_sheet_size`` while reading, so a bomb is refused in well under a second. A pemda
workbook is far below every limit: a few sheets of at most a few thousand rows.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

from roadmap.errors import InputError

MAX_PARTS = 1_000
MAX_SHEET_BYTES = 16 * 1024 * 1024
MAX_STRINGS_BYTES = 32 * 1024 * 1024
MAX_OTHER_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_STYLES = 64_000  # Excel's own limit on cell formats
MAX_SHARED_STRINGS = 200_000
MAX_COLUMNS = 200
MAX_SHEET_ROWS = 10_000
# Entries of the styles part (cell formats, fonts, fills, borders, number formats) and of the
# shared strings part, as start tags with an optional namespace prefix.
_STYLE_TAGS = re.compile(rb"<(?:\w+:)?(xf|font|fill|border|numFmt|dxf)[\s/>]")
_STRING_TAGS = re.compile(rb"<(?:\w+:)?(si)[\s/>]")
_CHUNK = 1024 * 1024


def check_workbook(path: Path) -> None:
    """Raise ``InputError`` when ``path`` is not a zip or exceeds any limit above."""
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(path.name, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"bukan berkas Excel (.xlsx) yang sah ({type(exc).__name__})",
                         file=path.name) from None


def _check_archive(label: str, archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise _refused(label, f"berisi {len(parts)} bagian (batas {MAX_PARTS})")
    total = 0
    for part in parts:
        limit = _part_limit(part.filename)
        if part.file_size > limit:
            raise _refused(label, f"bagian {part.filename} berukuran {_mb(part.file_size)} "
                                  f"setelah diekstrak (batas {_mb(limit)})")
        total += part.file_size
    if total > MAX_TOTAL_BYTES:
        raise _refused(label, f"isinya {_mb(total)} setelah diekstrak (batas "
                              f"{_mb(MAX_TOTAL_BYTES)})")
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names or not any(_is_sheet(n) for n in names):
        raise InputError("bukan berkas Excel (.xlsx) yang sah: tidak ada lembar kerja yang "
                         "dapat dibaca", file=label)
    if "xl/styles.xml" in names:
        _check_count(label, archive.read("xl/styles.xml"), _STYLE_TAGS, MAX_STYLES, "gaya sel")
    if "xl/sharedStrings.xml" in names:
        _check_count(label, archive.read("xl/sharedStrings.xml"), _STRING_TAGS,
                     MAX_SHARED_STRINGS, "teks bersama")


def _part_limit(name: str) -> int:
    if _is_sheet(name):
        return MAX_SHEET_BYTES
    if name == "xl/sharedStrings.xml":
        return MAX_STRINGS_BYTES
    return MAX_OTHER_BYTES


def _is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _check_count(label: str, data: bytes, tags: re.Pattern[bytes], limit: int,
                 what: str) -> None:
    """Refuse ``data`` as soon as one of the ``tags`` occurs more than ``limit`` times.

    Counting start tags in the bytes is enough (openpyxl builds one object per element) and
    far faster than parsing the XML.
    """
    counts: Counter[bytes] = Counter()
    for start in range(0, len(data), _CHUNK):
        # a tag cut at a chunk's end is missed: at most one per megabyte, nothing for a limit
        counts.update(tags.findall(data, start, start + _CHUNK))
        if counts and max(counts.values()) > limit:
            raise _refused(label, f"berisi lebih dari {limit} {what}")


def check_sheet_size(label: str, sheet: str, rows: int | None, columns: int | None) -> None:
    """Refuse a sheet whose claimed or actual size exceeds ``MAX_SHEET_ROWS`` data rows or
    ``MAX_COLUMNS`` columns (a dimension of ``A1:XFD1048576`` would make every row 16,384
    cells wide)."""
    if columns is not None and columns > MAX_COLUMNS:
        raise _refused(label, f"lembar '{sheet}' memiliki {columns} kolom (batas {MAX_COLUMNS})")
    if rows is not None and rows > MAX_SHEET_ROWS + 1:
        raise _refused(label, f"lembar '{sheet}' memiliki lebih dari {MAX_SHEET_ROWS} baris")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB".replace(",", ".")


def _refused(label: str, reason: str) -> InputError:
    return InputError(f"buku kerja ditolak: {reason}", file=label)
