"""Reading action catalogues: forms, every bad cell, and the bundled defaults."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from roadmap.actions import Effect
from roadmap.errors import InputError
from roadmap.io.actions_file import read_catalogue, read_default_catalogue
from roadmap.io.framework_files import load_framework

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")
HEADER = "id,name,effects,cost,probability,months,opd,requires\n"


def catalogue_csv(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "aksi.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def error_of(path: Path, framework=SPBE) -> InputError:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        read_catalogue(path, framework)
    return info.value


def test_reads_every_field(tmp_path: Path) -> None:
    path = catalogue_csv(tmp_path, (
        'A,Perbup Arsitektur,"1:2; 2:2",Rp 1.500.000,80%,3,Diskominfo,\n'
        "B,Dokumen Arsitektur,11:2,750 jt,\"0,5\",,Bappeda,A\n"
        'C,Audit,29:3,"1,5 M",,12,,"A; B"\n'
    ))
    a, b, c = read_catalogue(path, SPBE)
    assert (a.id, a.name, a.effects) == ("A", "Perbup Arsitektur", (Effect("1", 2), Effect("2", 2)))
    assert (a.cost, a.probability, a.months, a.opd, a.requires) == (
        1_500_000, 0.8, 3, "Diskominfo", ()
    )
    assert (b.cost, b.probability, b.months, b.requires) == (750_000_000, 0.5, None, (("A",),))
    assert (c.cost, c.probability, c.months, c.opd, c.requires) == (
        1_500_000_000, 1.0, 12, "", (("A",), ("B",))
    )


def test_indonesian_headers_and_xlsx_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "penilaian"
    sheet = workbook.create_sheet("aksi")
    sheet.append(["Kode", "Nama", "Dampak", "Biaya", "Peluang", "Durasi", "OPD", "Prasyarat"])
    sheet.append(["I01-2", "Rencana Aksi Pemdi", "I1:2", 60_000_000, 0.85, 4, "Bappeda", None])
    sheet.append(["I01-3", "Arsitektur", "1.1:3; IK-02:2", "250 jt", "75%", None, None, "I01-2"])
    workbook.save(tmp_path / "rencana.xlsx")
    first, second = read_catalogue(tmp_path / "rencana.xlsx", PEMDI)
    assert (first.cost, first.probability, first.months) == (60_000_000, 0.85, 4)
    assert second.effects == (Effect("I1", 3), Effect("I2", 2))
    assert (second.cost, second.probability, second.requires) == (250_000_000, 0.75, (("I01-2",),))


def test_workbook_without_aksi_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "penilaian"
    workbook.save(tmp_path / "p.xlsx")
    assert "lembar 'aksi' tidak ada" in str(error_of(tmp_path / "p.xlsx"))


def test_duplicate_id(tmp_path: Path) -> None:
    err = error_of(catalogue_csv(tmp_path, "A,a,11:2,100,,,,\nA,b,12:2,100,,,,\n"))
    assert (err.file, err.row, err.column, err.value) == ("aksi.csv", 3, "id", "A")
    assert err.message == "id aksi ganda (sudah ada di baris 2)"


def test_empty_id(tmp_path: Path) -> None:
    err = error_of(catalogue_csv(tmp_path, ",a,11:2,100,,,,\n"))
    assert (err.row, err.column, err.message) == (2, "id", "id aksi kosong")


@pytest.mark.parametrize(
    ("effects", "message"),
    [
        ("99:2", "indikator '99' pada dampak tidak dikenal dalam Indeks SPBE"),
        ("11-2", "dampak '11-2' tidak sah; tulis indikator:tingkat seperti '11:2'"),
        ("11:6", "tingkat pada dampak '11:6' harus bilangan bulat 1..5"),
        ("", "dampak kosong; tulis seperti '11:2' atau '1:2; 2:2'"),
    ],
)
def test_bad_effects(tmp_path: Path, effects: str, message: str) -> None:
    err = error_of(catalogue_csv(tmp_path, f"A,a,{effects},100,,,,\n"))
    assert (err.file, err.row, err.column, err.value) == ("aksi.csv", 2, "effects", effects)
    assert err.message == message


@pytest.mark.parametrize(
    ("cost", "message"),
    [("-5000000", "biaya: tidak boleh negatif"),
     ("murah", "bukan angka"), ("", "biaya kosong"), ("1.5.2024", "bukan angka"),
     ("1" * 400, "terlalu panjang"), ("12.50", "rupiah bulat"), ("80%", "bukan persen"),
     ("2000 T", "biaya harus di antara")],
)
def test_bad_cost(tmp_path: Path, cost: str, message: str) -> None:
    err = error_of(catalogue_csv(tmp_path, f"A,a,11:2,{cost},,,,\n"))
    assert (err.row, err.column, err.value) == (2, "cost", cost)
    assert message in err.message


@pytest.mark.parametrize(
    ("probability", "message"),
    [("1.5", "peluang harus 0..1 (atau tulis dengan %, mis. 80%)"),
     ("80", "peluang harus 0..1 (atau tulis dengan %, mis. 80%)"),
     ("-0.1", "peluang harus di antara 0 dan 1"),
     ("150%", "peluang harus di antara 0 dan 1"),
     ("tinggi", "bukan angka")],
)
def test_bad_probability(tmp_path: Path, probability: str, message: str) -> None:
    err = error_of(catalogue_csv(tmp_path, f"A,a,11:2,100,{probability},,,\n"))
    assert (err.row, err.column, err.value, err.message) == (2, "probability", probability,
                                                              message)


@pytest.mark.parametrize(("text", "value"), [("80%", 0.8), ("0", 0.0), ("1", 1.0), ("100%", 1.0)])
def test_probability_forms(tmp_path: Path, text: str, value: float) -> None:
    (action,) = read_catalogue(catalogue_csv(tmp_path, f"A,a,11:2,100,{text},,,\n"), SPBE)
    assert action.probability == value


@pytest.mark.parametrize("months", ["2.5", "121", "-1", "lama", "٣", "9" * 400])
def test_bad_months(tmp_path: Path, months: str) -> None:
    err = error_of(catalogue_csv(tmp_path, f"A,a,11:2,100,,{months},,\n"))
    assert (err.row, err.column, err.value) == (2, "months", months)


@pytest.mark.parametrize("requires", ["A; Z", "A|Z", "Z"])
def test_requires_unknown_action(tmp_path: Path, requires: str) -> None:
    err = error_of(catalogue_csv(tmp_path, f"A,a,11:2,100,,,,\nB,b,12:2,100,,,,{requires}\n"))
    assert (err.row, err.column, err.value) == (3, "requires", "Z")
    assert err.message == "prasyarat 'Z' bukan id aksi yang ada"


def test_requires_cycle_shows_the_path(tmp_path: Path) -> None:
    err = error_of(catalogue_csv(tmp_path, (
        "A,a,11:2,100,,,,\nB,b,12:2,100,,,,C\nC,c,13:2,100,,,,D\nD,d,14:2,100,,,,B\n"
    )))
    assert err.file == "aksi.csv"
    # B needs C, C needs D, D needs B: the cycle as found, closed on its first action
    assert err.message.startswith("prasyarat aksi membentuk siklus: ")
    path = err.message.rsplit(": ", 1)[1].split(" -> ")
    assert path[0] == path[-1] and sorted(path[:-1]) == ["B", "C", "D"]
    assert "\n" not in str(err)


def test_missing_columns(tmp_path: Path) -> None:
    err = error_of(catalogue_csv(tmp_path, "A,a,11:2\n", header="id,name,effects\n"))
    assert err.message.startswith("kolom wajib tidak ada: 'cost' (atau 'biaya', 'anggaran')")


@pytest.mark.parametrize("framework", [SPBE, PEMDI], ids=["spbe", "pemdi"])
def test_default_catalogue_covers_every_step(framework) -> None:  # type: ignore[no-untyped-def]
    catalogue = read_default_catalogue(framework)
    for indicator in framework.indicator_ids:
        for level in range(2, framework.max_level + 1):
            assert any(a.target(indicator) == level for a in catalogue), (indicator, level)
    assert all(a.cost > 0 and 0 < a.probability <= 1 for a in catalogue)
    assert all(a.cost_basis for a in catalogue)
    assert len(set(catalogue.ids)) == len(catalogue)
