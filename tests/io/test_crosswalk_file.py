"""Reading and validating crosswalk mapping files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from roadmap.errors import InputError
from roadmap.io.crosswalk_file import (
    available_crosswalks,
    crosswalk_dir,
    load_crosswalk,
    read_crosswalk,
)

BUNDLED = crosswalk_dir() / "spbe-2020_to_pemdi-2026.csv"
NAME = "spbe-2020_to_pemdi-2026.csv"


def _lines() -> list[str]:
    return BUNDLED.read_text(encoding="utf-8").splitlines()


def _write(tmp_path: Path, lines: list[str], name: str = NAME) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _replace_row(target: str, new_row: str) -> list[str]:
    """The bundled lines with the row of ``target`` replaced."""
    return [new_row if line.split(",")[0] == target else line for line in _lines()]


def test_bundled_crosswalk() -> None:
    crosswalk = load_crosswalk("spbe-2020", "pemdi-2026")
    assert (crosswalk.source.id, crosswalk.target.id) == ("spbe-2020", "pemdi-2026")
    assert [link.target for link in crosswalk.links] == [f"I{n}" for n in range(1, 21)]
    i1 = crosswalk.link("I1")
    assert (i1.sources, i1.share, i1.basis) == (("1", "2", "11", "12", "13"), 0.8,
                                                "pemetaan pemda")
    assert i1.note.startswith("Rencana Aksi Pemdi")
    assert crosswalk.link("I6").sources == ()
    assert crosswalk.link("I6").basis == "baru"
    assert crosswalk.link("I17").sources == tuple(str(n) for n in range(32, 48))
    assert ("spbe-2020", "pemdi-2026") in available_crosswalks()


def test_unknown_pair_is_an_input_error() -> None:
    with pytest.raises(InputError, match="spbe-2020 -> pemdi-2026"):
        load_crosswalk("pemdi-2026", "spbe-2020")


def test_missing_target_indicator(tmp_path: Path) -> None:
    path = _write(tmp_path, [line for line in _lines() if not line.startswith("I6,")])
    with pytest.raises(InputError) as info:
        read_crosswalk(path)
    err = info.value
    assert (err.file, err.column) == (NAME, "pemdi_indicator")
    assert "I6" in err.message and "I16" not in err.message


def test_duplicate_target_indicator(tmp_path: Path) -> None:
    lines = _lines()
    path = _write(tmp_path, [*lines, "I3,25,0.5,pemetaan pemda,dua kali"])
    with pytest.raises(InputError) as info:
        read_crosswalk(path)
    # the header is line 1 and I3 line 4; the added row is line 22
    assert (info.value.row, info.value.value) == (22, "I3")
    assert "baris 4" in info.value.message


def test_unknown_target_indicator(tmp_path: Path) -> None:
    path = _write(tmp_path, [*_replace_row("I20", "I21,42,0.2,kemiripan nama,")])
    with pytest.raises(InputError) as info:
        read_crosswalk(path)
    assert (info.value.row, info.value.column, info.value.value) == (21, "pemdi_indicator", "I21")


def test_unknown_source_indicator(tmp_path: Path) -> None:
    path = _write(tmp_path, _replace_row("I3", "I3,25;48,0.8,pemetaan pemda,"))
    with pytest.raises(InputError) as info:
        read_crosswalk(path)
    err = info.value
    assert (err.file, err.row, err.column, err.value) == (NAME, 4, "spbe_indicators", "48")
    assert str(err).startswith(f"{NAME}, baris 4, kolom 'spbe_indicators', nilai '48'")


def test_share_above_one(tmp_path: Path) -> None:
    path = _write(tmp_path, _replace_row("I3", "I3,25,1.5,pemetaan pemda,"))
    with pytest.raises(InputError) as info:
        read_crosswalk(path)
    assert (info.value.row, info.value.column, info.value.value) == (4, "share", "1.5")


def test_share_not_a_number(tmp_path: Path) -> None:
    path = _write(tmp_path, _replace_row("I3", "I3,25,banyak,pemetaan pemda,"))
    with pytest.raises(InputError) as info:
        read_crosswalk(path)
    assert (info.value.row, info.value.column, info.value.value) == (4, "share", "banyak")


def test_bad_basis(tmp_path: Path) -> None:
    path = _write(tmp_path, _replace_row("I3", "I3,25,0.8,tebakan,"))
    with pytest.raises(InputError) as info:
        read_crosswalk(path)
    assert (info.value.row, info.value.column, info.value.value) == (4, "basis", "tebakan")
    assert "pemetaan pemda" in info.value.message


def test_basis_must_agree_with_the_sources(tmp_path: Path) -> None:
    path = _write(tmp_path, _replace_row("I3", "I3,25,0.8,baru,"))
    with pytest.raises(InputError, match="tidak boleh punya indikator asal") as info:
        read_crosswalk(path)
    assert info.value.row == 4
    path = _write(tmp_path, _replace_row("I3", "I3,,0,pemetaan pemda,"))
    with pytest.raises(InputError, match="harus 'baru'") as info:
        read_crosswalk(path)
    assert info.value.row == 4


def test_file_name_must_name_both_frameworks(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="_to_") as info:
        read_crosswalk(_write(tmp_path, _lines(), "pemetaan.csv"))
    assert info.value.file == "pemetaan.csv"
    with pytest.raises(InputError, match="tidak dikenal") as info:
        read_crosswalk(_write(tmp_path, _lines(), "spbe-1999_to_pemdi-2026.csv"))
    assert info.value.file == "spbe-1999_to_pemdi-2026.csv"


def test_generic_headers_percent_share_and_a_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Target_Indicator", "Source_Indicators", "Share", "Basis", "Note"])
    for line in _lines()[1:]:
        target, sources, share, basis = line.split(",")[:4]
        # a single source id is a number in Excel; the share is written as a percentage
        cell: object = int(sources) if sources.isdigit() else sources
        sheet.append([target, cell, f"{float(share) * 100:g}%", basis.upper(), None])
    path = tmp_path / "spbe-2020_to_pemdi-2026.xlsx"
    workbook.save(path)
    crosswalk = read_crosswalk(path)
    assert crosswalk.link("I3").sources == ("25",)
    assert crosswalk.link("I3").share == pytest.approx(0.8)
    assert crosswalk.link("I3").basis == "pemetaan pemda"
    assert crosswalk.link("I1").sources == ("1", "2", "11", "12", "13")
