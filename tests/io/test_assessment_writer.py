"""Writing assessments that ``read_assessment`` reads back."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from roadmap.assessment import Assessment
from roadmap.errors import InputError
from roadmap.io.assessment_file import read_assessment
from roadmap.io.assessment_writer import write_assessment
from tests.conftest import EXAMPLES, ROOT

# A fixed SPBE profile (the former bundled 'cukup' example), independent of data/examples.
PROFILE_A = ROOT / "tests" / "data" / "spbe-profile-a.csv"


def _pemdi() -> Assessment:
    return read_assessment(EXAMPLES / "pemdi-kurang.csv")


def _spbe_with_zero() -> Assessment:
    spbe = read_assessment(PROFILE_A)
    return spbe.with_values({"5": 0.0})


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_decimal_values(tmp_path: Path, suffix: str) -> None:
    original = _pemdi().with_values({"I1": 1.26, "I2": 4.99, "I3": 5.0})
    path = tmp_path / f"hasil{suffix}"
    write_assessment(path, original)
    back = read_assessment(path)
    assert back.framework.id == "pemdi-2026"
    assert back.values == pytest.approx(original.values, abs=1e-12)
    assert (back.values["I1"], back.values["I2"]) == (1.26, 4.99)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_whole_levels_with_zero(tmp_path: Path, suffix: str) -> None:
    original = _spbe_with_zero()
    path = tmp_path / f"spbe{suffix}"
    write_assessment(path, original)
    back = read_assessment(path)
    assert back.framework.id == "spbe-2020"
    assert back.values == original.values
    assert back.unassessed == ("5",)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_values_from_another_index_keep_their_source(tmp_path: Path, suffix: str) -> None:
    original = Assessment(_pemdi().framework, {**_pemdi().values, "I5": 2.0}, {"I5": "SDI=25"})
    path = tmp_path / f"sdi{suffix}"
    write_assessment(path, original)
    back = read_assessment(path)
    # SDI 25 lies in the band 12.5-37.5 -> 1.5-2.5, halfway: 2.00
    assert back.values["I5"] == 2.0
    assert back.sources == {"I5": "SDI=25"}


def test_csv_layout_and_extra_columns(tmp_path: Path) -> None:
    original = _pemdi().with_values({"I1": 1.4})
    path = tmp_path / "hasil.csv"
    write_assessment(path, original, {"dari": {"I1": "1; 2"}, "catatan": {"I2": "=1+1"}})
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so that Excel reads UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["indikator", "nama", "tingkat", "dari", "catatan"]
    assert rows[1] == ["I1", "Tata Kelola Pemerintah Digital", "1,40", "1; 2", ""]
    assert rows[2][2:] == ["1,17", "", "'=1+1"]  # formula-looking text stays text
    assert len(rows) == 21


def test_xlsx_layout(tmp_path: Path) -> None:
    path = tmp_path / "hasil.xlsx"
    write_assessment(path, _spbe_with_zero(), {"dasar": {"1": "=SUM(A1)"}})
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["penilaian"]
    sheet = workbook["penilaian"]
    assert [c.value for c in sheet[1]] == ["indikator", "nama", "tingkat", "dasar"]
    assert [c.value for c in sheet[2]] == [1, "Kebijakan Internal Arsitektur SPBE", 2, "=SUM(A1)"]
    assert sheet["D2"].data_type == "s" and sheet["D2"].quotePrefix  # text, shown as typed
    assert sheet.cell(row=6, column=3).value == 0  # indicator 5, not yet assessed
    assert sheet.max_row == 48


def test_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "ada.csv"
    path.write_text("jangan ditimpa", encoding="utf-8")
    with pytest.raises(InputError, match="sudah ada") as info:
        write_assessment(path, _pemdi())
    assert info.value.file == str(path)
    assert path.read_text(encoding="utf-8") == "jangan ditimpa"
    write_assessment(path, _pemdi(), overwrite=True)
    assert read_assessment(path).values == _pemdi().values


def test_refuses_an_input_even_with_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "masukan.csv"
    path.write_bytes((EXAMPLES / "pemdi-kurang.csv").read_bytes())
    before = path.read_bytes()
    with pytest.raises(InputError, match="masukan"):
        write_assessment(path, _pemdi(), inputs=(path,), overwrite=True)
    assert path.read_bytes() == before


def test_refuses_other_suffixes_and_missing_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.csv atau \.xlsx"):
        write_assessment(tmp_path / "hasil.json", _pemdi())
    with pytest.raises(InputError, match="folder"):
        write_assessment(tmp_path / "tidak-ada" / "hasil.csv", _pemdi())
    assert list(tmp_path.iterdir()) == []
