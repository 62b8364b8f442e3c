"""``roadmap init``: writes a template, never overwrites, and the filled template is accepted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from roadmap.io.actions_file import read_catalogue
from roadmap.io.framework_files import load_framework
from roadmap.io.rules_file import read_rules
from tests.conftest import CliResult, validate_contract

Cli = Callable[..., CliResult]


def fill_levels(path: Path, value: Callable[[int], float]) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["penilaian"]
    column = sheet.max_column
    assert sheet.cell(row=1, column=column).value == "tingkat"
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column, value=value(row - 2))
    workbook.save(path)


def test_spbe_template(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "templat.xlsx"
    result = cli("init", out)
    assert result.code == 0, result.err
    assert "Templat Indeks SPBE ditulis ke" in result.out
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Petunjuk", "penilaian", "aksi", "ketergantungan"]
    (validation,) = workbook["penilaian"].data_validations.dataValidation
    assert (validation.type, validation.formula1, str(validation.sqref)) == (
        "list", '"0,1,2,3,4,5"', "G2:G48"
    )
    assert workbook["aksi"]["D2"].number_format == '"Rp" #,##0'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["templat.xlsx"]


def test_pemdi_template(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "pemdi.xlsx"
    assert cli("init", out, "--framework", "pemdi-2026").code == 0
    sheet = openpyxl.load_workbook(out)["penilaian"]
    (validation,) = sheet.data_validations.dataValidation
    # A value 1-5 or the other agency's index (SDI=41,5), as the README recommends.
    assert validation.type == "custom"
    assert validation.formula1 == ('OR(AND(ISNUMBER(F2),F2>=1,F2<=5),LEFT(UPPER(F2),4)="SDI=",'
                                   'LEFT(UPPER(F2),5)="SJIG=",LEFT(UPPER(F2),4)="IPS=")')
    assert "SDI=..." in validation.error
    assert str(validation.sqref) == "F2:F21"
    assert sheet["A2"].value == "I1"


def test_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "ada.xlsx"
    out.write_bytes(b"isi lama")
    before = out.stat().st_mtime_ns
    result = cli("init", out)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "ada.xlsx: berkas sudah ada" in result.err
    assert "--overwrite" not in result.err  # init has no such option
    assert out.read_bytes() == b"isi lama" and out.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("args", "message"),
    [(("templat.xls",), "templat harus berakhiran .xlsx"),
     (("templat.xlsx", "--framework", "spbe-2019"), "kerangka 'spbe-2019' tidak dikenal"),
     (("tidak-ada/templat.xlsx",), "folder tujuan tidak ada")],
)
def test_bad_arguments(cli: Cli, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = cli("init", tmp_path / args[0], *args[1:])
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_filled_spbe_template_is_accepted(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "templat.xlsx"
    assert cli("init", out).code == 0
    # all 3 except 11 (row 10, weight 2.5) at 1:
    # (300 - 2*2.5)/100 = 2.95
    fill_levels(out, lambda n: 1 if n == 10 else 3)
    result = cli("index", out, "--json")
    assert result.code == 0, result.err
    payload = result.json()
    validate_contract("index", payload)
    assert payload["index"] == pytest.approx(2.95)
    assert payload["predicate"] == "Baik"
    assert payload["aspects"]["2"]["index"] == pytest.approx(2.5)
    text = cli("index", out)
    assert "Indeks SPBE: 2,95 — predikat Baik" in text.out
    framework = load_framework("spbe-2020")
    assert len(read_catalogue(out, framework)) > 0
    assert len(read_rules(out, framework)) > 0


def test_filled_pemdi_template_is_accepted(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "pemdi.xlsx"
    assert cli("init", out, "--framework", "pemdi-2026").code == 0
    # all 1.25 except I20 (row 19, weight 15) at 2.5: 1.25 + 15*1.25/100 = 1.4375
    fill_levels(out, lambda n: 2.5 if n == 19 else 1.25)
    payload = cli("index", out, "--json").json()
    assert payload["framework"] == "pemdi-2026"
    assert payload["index"] == pytest.approx(1.4375)
    assert payload["predicate"] == "Kurang"
    framework = load_framework("pemdi-2026")
    assert len(read_catalogue(out, framework)) > 0
    assert len(read_rules(out, framework)) > 0


def test_unfilled_template_names_the_first_empty_cell(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "templat.xlsx"
    assert cli("init", out).code == 0
    result = cli("index", out)
    assert result.code == 2
    assert result.err.strip() == (
        "Kesalahan: templat.xlsx, baris 2, kolom 'tingkat', nilai '': nilai indikator 1 kosong"
    )
