"""Reading assessments: forms, aliases, frameworks, external indices, every bad input."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

from roadmap.errors import InputError
from roadmap.io.assessment_file import read_assessment
from tests.conftest import EXAMPLES, ROOT

SPBE_IDS = [str(i) for i in range(1, 48)]
PEMDI_IDS = [f"I{i}" for i in range(1, 21)]
PEMDI_CODES = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4",
               "5.1", "5.2", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2"]


def spbe_rows(**changes: object) -> list[list[object]]:
    """All 47 SPBE indicators at level 2, ``i11=3`` changes indicator 11."""
    rows: list[list[object]] = [[i, 2] for i in SPBE_IDS]
    for key, value in changes.items():
        rows[int(key[1:]) - 1][1] = value
    return rows


def pemdi_rows(**changes: object) -> list[list[object]]:
    """All 20 Pemdi indicators at 1,50; ``I5="SDI=25"`` changes I5."""
    rows: list[list[object]] = [[i, "1,50"] for i in PEMDI_IDS]
    for key, value in changes.items():
        rows[int(key[1:]) - 1][1] = value
    return rows


def write_csv(path: Path, rows: list[list[object]], header: tuple[str, ...] = ("indikator",
              "tingkat"), sep: str = ";", bom: bool = False) -> Path:
    lines = [sep.join(header)] + [sep.join(str(c) for c in row) for row in rows]
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + ("\n".join(lines) + "\n").encode())
    return path


def write_xlsx(path: Path, rows: list[list[object]], header: tuple[str, ...] = ("indikator",
               "tingkat"), sheet: str = "penilaian") -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    workbook.save(path)
    return path


def error_of(path: Path, framework: str | None = None) -> InputError:
    with pytest.raises(InputError) as info:
        read_assessment(path, framework)
    return info.value


# --- accepted forms --------------------------------------------------------------------------

@pytest.mark.parametrize(("sep", "bom"), [(",", False), (";", False), (",", True), (";", True)])
def test_spbe_csv_forms(tmp_path: Path, sep: str, bom: bool) -> None:
    path = write_csv(tmp_path / "p.csv", spbe_rows(i11=1, i47=5, i5=0), sep=sep, bom=bom)
    current = read_assessment(path)
    assert current.framework.id == "spbe-2020"
    assert current.values == {i: 2.0 for i in SPBE_IDS} | {"11": 1.0, "47": 5.0, "5": 0.0}
    assert current.unassessed == ("5",)
    assert current.name == "p"


def test_spbe_xlsx(tmp_path: Path) -> None:
    rows = spbe_rows(i11=1, i12="3", i13=4.0, i14="2,0")
    path = write_xlsx(tmp_path / "p.xlsx", rows)
    current = read_assessment(path)
    assert current.values["11"] == 1 and current.values["12"] == 3
    assert current.values["13"] == 4 and current.values["14"] == 2


@pytest.mark.parametrize(
    "header",
    [("indikator", "tingkat"), ("no", "level"), ("KODE", "Nilai"), ("Indicator", "TINGKAT"),
     ("No", "nilai"), ("kode", "LEVEL")],
)
def test_header_aliases(tmp_path: Path, header: tuple[str, str]) -> None:
    path = write_csv(tmp_path / "p.csv", spbe_rows(i20=4), header=header)
    assert read_assessment(path).values["20"] == 4


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    rows = [[i, f"Nama {i}", 3] for i in SPBE_IDS]
    path = write_csv(tmp_path / "p.csv", rows, header=("Indikator", "Nama", "Tingkat"))
    assert set(read_assessment(path).values.values()) == {3.0}


@pytest.mark.parametrize("ids", [PEMDI_IDS, PEMDI_CODES, [f"IK-{i:02d}" for i in range(1, 21)]],
                         ids=["I1", "1.1", "IK-01"])
def test_pemdi_id_forms_csv(tmp_path: Path, ids: list[str]) -> None:
    rows = [[token, "1,26"] for token in ids]
    current = read_assessment(write_csv(tmp_path / "p.csv", rows))
    assert current.framework.id == "pemdi-2026"
    assert current.values == {i: 1.26 for i in PEMDI_IDS}


def test_pemdi_codes_as_xlsx_numbers(tmp_path: Path) -> None:
    rows: list[list[object]] = [[float(code), 2.5] for code in PEMDI_CODES]
    rows[4][1] = "SDI=68,75"
    current = read_assessment(write_xlsx(tmp_path / "p.xlsx", rows, ("kode", "nilai")))
    assert current.framework.id == "pemdi-2026"
    assert current.values["I5"] == pytest.approx(3.75)
    assert current.values["I20"] == 2.5
    assert current.sources == {"I5": "SDI=68,75"}


def test_explicit_framework(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", spbe_rows())
    assert read_assessment(path, "spbe-2020").framework.id == "spbe-2020"
    err = error_of(path, "pemdi-2026")
    assert (err.row, err.column, err.value) == (2, "indikator", "1")
    assert "tidak dikenal dalam Indeks Pemdi (ini id kerangka spbe-2020)" in err.message
    with pytest.raises(InputError, match="kerangka 'spbe-2019' tidak dikenal"):
        read_assessment(path, "spbe-2019")


def test_undetectable_framework(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["x", 1], ["y", 2]])
    err = error_of(path)
    assert "kerangka tidak dikenali dari id indikator (contoh: x, y)" in err.message
    assert "--framework pemdi-2026|spbe-2020" in err.message


@pytest.mark.parametrize("value", ["1,26", "1.26", "1,5", "5", "1", "5,00"])
def test_pemdi_decimal_values(tmp_path: Path, value: str) -> None:
    current = read_assessment(write_csv(tmp_path / "p.csv", pemdi_rows(I10=value)))
    assert current.values["I10"] == pytest.approx(float(value.replace(",", ".")))


# --- external indices (SDI) -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "value"),
    [("SDI=25", 2.0), ("SDI=68,75", 3.75), ("sdi = 68.75", 3.75), ("SDI=0", 1.0),
     ("SDI=12,5", 1.5), ("SDI=37,5", 2.5), ("SDI=62,5", 3.5), ("SDI=75", 4.0), ("SDI=100", 5.0)],
)
def test_sdi_values(tmp_path: Path, cell: str, value: float) -> None:
    current = read_assessment(write_csv(tmp_path / "p.csv", pemdi_rows(I5=cell, I18=cell)))
    assert current.values["I5"] == pytest.approx(value)
    assert current.values["I18"] == pytest.approx(value)
    assert set(current.sources) == {"I5", "I18"}


def test_sdi_source_text(tmp_path: Path) -> None:
    current = read_assessment(write_csv(tmp_path / "p.csv", pemdi_rows(I5="SDI=68,75")))
    assert current.sources == {"I5": "SDI=68,75"}


@pytest.mark.parametrize("cell", ["SDI=-1", "SDI=100,5", "SDI=120"])
def test_sdi_outside_range(tmp_path: Path, cell: str) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", pemdi_rows(I5=cell)))
    assert (err.file, err.row, err.column, err.value) == ("p.csv", 6, "tingkat", cell)
    assert err.message == "nilai SDI harus di antara 0 dan 100"


def test_sdi_on_an_indicator_not_scored_from_sdi(tmp_path: Path) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", pemdi_rows(I1="SDI=25")))
    assert (err.row, err.column, err.value) == (2, "tingkat", "SDI=25")
    assert err.message == "indikator I1 tidak dinilai dari indeks SDI; gunakan nilai langsung"
    err = error_of(write_csv(tmp_path / "q.csv", pemdi_rows(I6="SDI=25")))
    assert "gunakan 'SJIG=...'" in err.message


def test_external_index_without_conversion(tmp_path: Path) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", pemdi_rows(I6="SJIG=50")))
    assert err.row == 7 and err.value == "SJIG=50"
    assert "belum terdokumentasi" in err.message


def test_sdi_in_spbe(tmp_path: Path) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", spbe_rows(i43="SDI=50")))
    assert err.row == 44 and err.value == "SDI=50"


# --- bad inputs: every one names file, row, column and value -----------------------------------

def test_missing_indicator(tmp_path: Path) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", spbe_rows()[:-2]))
    assert (err.file, err.column) == ("p.csv", "indikator")
    assert err.message == "2 indikator Indeks SPBE tidak ada: 46, 47"


def test_many_missing_indicators_are_shortened(tmp_path: Path) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", spbe_rows()[:20]))
    assert err.message.startswith("27 indikator Indeks SPBE tidak ada: 21, 22,")
    assert err.message.endswith("32 ...")


def test_duplicate_indicator(tmp_path: Path) -> None:
    rows = spbe_rows() + [["5", 3]]
    err = error_of(write_csv(tmp_path / "p.csv", rows))
    assert (err.file, err.row, err.column, err.value) == ("p.csv", 49, "indikator", "5")
    assert err.message == "indikator 5 ganda (sudah ada di baris 6)"


def test_duplicate_pemdi_indicator_written_two_ways(tmp_path: Path) -> None:
    rows = pemdi_rows() + [["IK-03", "2"]]
    err = error_of(write_csv(tmp_path / "p.csv", rows))
    assert (err.row, err.value) == (22, "IK-03")
    assert "indikator I3 ganda" in err.message


@pytest.mark.parametrize("bad", ["0", "48", "x"])
def test_unknown_indicator(tmp_path: Path, bad: str) -> None:
    rows = spbe_rows()[:-1] + [[bad, 2]]
    err = error_of(write_csv(tmp_path / "p.csv", rows))
    assert (err.file, err.row, err.column, err.value) == ("p.csv", 48, "indikator", bad)
    assert err.message == "indikator tidak dikenal dalam Indeks SPBE; id yang sah 1..47"


def test_blank_indicator(tmp_path: Path) -> None:
    rows = spbe_rows()[:-1] + [["", 2]]
    err = error_of(write_csv(tmp_path / "p.csv", rows))
    assert (err.row, err.column, err.message) == (48, "indikator", "id indikator kosong")


@pytest.mark.parametrize(
    ("bad", "message"),
    [("6", "tingkat di luar rentang 0..5"), ("-1", "tingkat di luar rentang 0..5"),
     ("9" * 400, "bukan angka (teks terlalu panjang)"), ("٣", "bukan angka"),
     ("2.5", "tingkat harus bilangan bulat 0..5"), ("2,5", "tingkat harus bilangan bulat 0..5"),
     ("tiga", "bukan angka"), ("", "nilai indikator 47 kosong")],
)
def test_bad_spbe_level(tmp_path: Path, bad: str, message: str) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", spbe_rows(i47=bad)))
    assert (err.file, err.row, err.column, err.value) == ("p.csv", 48, "tingkat", bad)
    assert err.message == message


@pytest.mark.parametrize("bad", [6, -1, 2.5, "tiga"])
def test_bad_spbe_level_in_xlsx(tmp_path: Path, bad: object) -> None:
    err = error_of(write_xlsx(tmp_path / "p.xlsx", spbe_rows(i30=bad)))
    assert (err.file, err.row, err.column, err.value) == ("p.xlsx", 31, "tingkat", str(bad))


@pytest.mark.parametrize("bad", ["0,5", "5,5", "0", "-1"])
def test_pemdi_value_outside_range(tmp_path: Path, bad: str) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", pemdi_rows(I20=bad)))
    assert (err.file, err.row, err.column, err.value) == ("p.csv", 21, "tingkat", bad)
    assert err.message == "nilai harus di antara 1,00 dan 5,00"


def test_pemdi_three_decimals(tmp_path: Path) -> None:
    err = error_of(write_csv(tmp_path / "p.csv", pemdi_rows(I2="1,255")))
    assert (err.row, err.value, err.message) == (3, "1,255", "nilai paling banyak 2 angka desimal")


def test_spbe_id_in_pemdi_file(tmp_path: Path) -> None:
    rows = pemdi_rows()[:-1] + [["21", "2"]]
    err = error_of(write_csv(tmp_path / "p.csv", rows))
    assert (err.file, err.row, err.column, err.value) == ("p.csv", 21, "indikator", "21")
    assert err.message == (
        "indikator tidak dikenal dalam Indeks Pemdi (ini id kerangka spbe-2020); "
        "id yang sah I1..I20"
    )


def test_empty_and_header_only(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    assert str(error_of(empty)) == "kosong.csv: berkas kosong"
    header = tmp_path / "judul.csv"
    header.write_text("indikator;tingkat\n", encoding="utf-8")
    assert str(error_of(header)) == "judul.csv: tidak ada baris penilaian (hanya judul kolom)"
    header_xlsx = write_xlsx(tmp_path / "judul.xlsx", [])
    assert "hanya judul kolom" in str(error_of(header_xlsx))


def test_wrong_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "foo"
    workbook.active.append(["indikator", "tingkat"])
    workbook.create_sheet("bar")
    workbook.save(tmp_path / "lembar.xlsx")
    err = error_of(tmp_path / "lembar.xlsx")
    assert str(err) == "lembar.xlsx: lembar 'penilaian' tidak ada; lembar yang ada: foo, bar"


def test_messages_are_one_line(tmp_path: Path) -> None:
    cases = [spbe_rows(i47="tiga"), spbe_rows()[:-1] + [["x", 2]], spbe_rows()[:-3]]
    for n, rows in enumerate(cases):
        assert "\n" not in str(error_of(write_csv(tmp_path / f"p{n}.csv", rows)))


# --- nothing is written ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["p.csv", "p.xlsx"])
def test_reading_leaves_input_untouched(tmp_path: Path, name: str) -> None:
    writer = write_csv if name.endswith(".csv") else write_xlsx
    path = writer(tmp_path / name, spbe_rows(i3=4))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_assessment(path)
    error_of(writer(tmp_path / ("bad-" + name), spbe_rows(i3=9)))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "bad-" + name])


# --- bundled examples ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["spbe-cukup", "spbe-baik", "pemdi-kurang"])
def test_example_workbook_matches_its_csv(name: str) -> None:
    from_csv = read_assessment(EXAMPLES / f"{name}.csv")
    from_xlsx = read_assessment(EXAMPLES / f"{name}.xlsx")
    assert from_xlsx.framework.id == from_csv.framework.id
    assert from_xlsx.values == from_csv.values
    assert from_xlsx.sources == from_csv.sources
    workbook = openpyxl.load_workbook(EXAMPLES / f"{name}.xlsx", read_only=True)
    assert workbook.sheetnames == ["penilaian"]
    header = next(workbook["penilaian"].iter_rows(values_only=True))
    assert header == ("indikator", "nama", "tingkat")


def test_pemdi_example_keeps_sdi_as_text() -> None:
    workbook = openpyxl.load_workbook(EXAMPLES / "pemdi-kurang.xlsx")
    sheet = workbook["penilaian"]
    cell = next(row[2] for row in sheet.iter_rows(min_row=2) if row[0].value == "I5")
    assert (cell.value, cell.data_type) == ("SDI=25", "s")


def _script() -> ModuleType:
    path = ROOT / "scripts" / "make_example_workbooks.py"
    spec = importlib.util.spec_from_file_location("make_example_workbooks", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_script_on_a_copy(tmp_path: Path) -> None:
    for name in ("spbe-cukup.csv", "pemdi-kurang.csv"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    before = (tmp_path / "spbe-cukup.csv").read_bytes()
    assert _script().main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "pemdi-kurang.csv", "pemdi-kurang.xlsx", "spbe-cukup.csv", "spbe-cukup.xlsx"
    ]
    assert (tmp_path / "spbe-cukup.csv").read_bytes() == before
    for stem in ("spbe-cukup", "pemdi-kurang"):
        from_csv = read_assessment(tmp_path / f"{stem}.csv")
        from_xlsx = read_assessment(tmp_path / f"{stem}.xlsx")
        assert (from_xlsx.values, from_xlsx.sources) == (from_csv.values, from_csv.sources)
