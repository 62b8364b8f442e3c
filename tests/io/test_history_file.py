"""Reading a history of past evaluations (tahun, indikator, mandiri, final)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from roadmap.calibration import HistoryRow
from roadmap.errors import InputError
from roadmap.io.history_file import read_history
from tests.conftest import EXAMPLES


def write(path: Path, rows: list[str], header: str = "tahun,indikator,mandiri,final") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_example_history() -> None:
    history = read_history(EXAMPLES / "riwayat-spbe.csv")
    assert history.framework.id == "spbe-2020"
    assert history.years == (2022, 2023, 2024, 2025)
    assert len(history.rows) == 4 * 47
    assert history.name == "riwayat-spbe"


def test_pemdi_detected_with_decimals_and_aliases(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", ['2025;1.1;"1,42";"1,24"', "2026;IK-02;2;1,5"],
                 header="Tahun;Indikator;Penilaian Mandiri;Nilai Akhir")
    history = read_history(path)
    assert history.framework.id == "pemdi-2026"
    assert history.rows == (HistoryRow(2025, "I1", 1.42, 1.24), HistoryRow(2026, "I2", 2, 1.5))


def test_xlsx_sheet_riwayat(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "riwayat"
    sheet.append(["tahun", "indikator", "mandiri", "final"])
    sheet.append([2024, 11, 2, 1])
    sheet.append([2025, 11, 3, 2])
    path = tmp_path / "r.xlsx"
    workbook.save(path)
    assert read_history(path).rows == (HistoryRow(2024, "11", 2, 1), HistoryRow(2025, "11", 3, 2))


@pytest.mark.parametrize(("rows", "fragments"), [
    (["2024,11,2,1", "2024,99,2,1"],
     ("r.csv, baris 3, kolom 'indikator', nilai '99'", "indikator tidak dikenal")),
    (["2024,11,2,6"], ("baris 2, kolom 'final', nilai '6'", "nilai final di atas 5")),
    (["2024,11,7,2"], ("kolom 'mandiri', nilai '7'", "nilai mandiri di atas 5")),
    (["2024,11,2,1", "2025,11,3,2", "2024,11,3,3"],
     ("baris 4, kolom 'indikator', nilai '11'", "indikator 11 tahun 2024 ganda",
      "sudah ada di baris 2")),
    (["2024,11,2,-1"], ("nilai final di bawah 0",)),
    (["2024,11,2.5,2"], ("nilai mandiri harus bilangan bulat",)),
    (["dua ribu,11,2,1"], ("kolom 'tahun', nilai 'dua ribu'", "tahun harus bilangan bulat")),
    (["2024,11,,1"], ("kolom 'mandiri', nilai ''", "bukan angka")),
])
def test_bad_rows_name_the_cell(tmp_path: Path, rows: list[str],
                                fragments: tuple[str, ...]) -> None:
    with pytest.raises(InputError) as err:
        read_history(write(tmp_path / "r.csv", rows), "spbe-2020")
    for fragment in fragments:
        assert fragment in str(err.value)


def test_header_only_and_missing_column(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="tidak ada baris riwayat"):
        read_history(write(tmp_path / "r.csv", []))
    with pytest.raises(InputError, match="kolom wajib tidak ada"):
        read_history(write(tmp_path / "s.csv", ["2024,11,2"], header="tahun,indikator,mandiri"))
