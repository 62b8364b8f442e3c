"""Workbook limits are checked before openpyxl does any work."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap.errors import InputError
from roadmap.io.tables import read_table, sheet_names
from roadmap.io.xlsx_limits import (
    MAX_COLUMNS,
    MAX_SHARED_STRINGS,
    MAX_STYLES,
    check_sheet_size,
    check_workbook,
)
from tests.fuzz.bombs import (
    small_workbook,
    string_bomb,
    style_bomb,
    whitespace_bomb,
    wide_cell,
    wide_dimension,
    without_any_sheet,
    without_sheet,
    write_zip,
)

ALIASES = {"indicator": ("indikator",), "level": ("tingkat",)}


def read(path: Path) -> object:
    return read_table(path, ALIASES, ("indicator", "level"), sheet="penilaian")


def test_a_normal_workbook_passes(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "baik.xlsx", small_workbook())
    check_workbook(path)
    assert sheet_names(path) == ["penilaian"]


@pytest.mark.parametrize(("make", "message"), [
    (style_bomb, "bagian xl/styles.xml berukuran 296 MB setelah diekstrak (batas 8 MB)"),
    (lambda p: style_bomb(p, MAX_STYLES + 1000), f"berisi lebih dari {MAX_STYLES} gaya sel"),
    (lambda p: whitespace_bomb(p, 1.0), "bagian xl/worksheets/sheet1.xml berukuran 1.024 MB"),
    (lambda p: string_bomb(p, MAX_SHARED_STRINGS + 1000),
     f"berisi lebih dari {MAX_SHARED_STRINGS} teks bersama"),
    (wide_dimension, f"lembar 'penilaian' memiliki 16384 kolom (batas {MAX_COLUMNS})"),
    (wide_cell, f"lembar 'penilaian' memiliki 16384 kolom (batas {MAX_COLUMNS})"),
])
def test_bombs_are_refused_with_the_limit(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "bom.xlsx")
    with pytest.raises(InputError) as info:
        read(path)
    assert str(info.value).startswith("bom.xlsx: buku kerja ditolak: ")
    assert message in str(info.value)


@pytest.mark.parametrize("make", [without_sheet, without_any_sheet])
def test_a_workbook_without_a_readable_sheet(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "kosong.xlsx")
    with pytest.raises(InputError) as info:
        read(path)
    assert str(info.value).startswith("kosong.xlsx: ")
    assert "lembar kerja" in str(info.value)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "palsu.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(InputError, match=r"^palsu.xlsx: bukan berkas Excel \(.xlsx\) yang sah"):
        check_workbook(path)


def test_sheet_size() -> None:
    check_sheet_size("a.xlsx", "s", 10_001, MAX_COLUMNS)
    check_sheet_size("a.xlsx", "s", None, None)
    with pytest.raises(InputError, match="lebih dari 10000 baris"):
        check_sheet_size("a.xlsx", "s", 10_002, 2)
