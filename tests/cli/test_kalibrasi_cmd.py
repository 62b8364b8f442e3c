"""``roadmap kalibrasi``: the text table, the JSON contract, --out, and bad input (exit 2)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from tests.conftest import EXAMPLES, ROOT, CliResult

Cli = Callable[..., CliResult]
HISTORY = EXAMPLES / "riwayat-spbe.csv"
SCHEMA = ROOT / "tests" / "contract" / "kalibrasi.schema.json"


def validate(payload: object) -> None:
    jsonschema.validate(payload, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_text_example_level_three_below_default(cli: Cli) -> None:
    result = cli("kalibrasi", HISTORY)
    assert result.code == 0, result.err
    assert "Kalibrasi peluang diterima — riwayat-spbe (Indeks SPBE, tahun 2022–2025)" in result.out
    assert "indikator  tingkat  klaim  diterima  prior  peluang" in result.out
    line = next(li for li in result.out.splitlines() if li.startswith("semua            3"))
    assert line.split()[2:4] == ["10", "2"]
    prior, probability = (float(x.replace(",", ".")) for x in line.split()[4:6])
    assert probability < prior
    assert "k = 10" in result.out


def test_json_contract_and_values(cli: Cli) -> None:
    result = cli("kalibrasi", HISTORY, "--json")
    assert result.code == 0, result.err
    payload = result.json()
    validate(payload)
    assert isinstance(payload, dict)
    assert payload["framework"] == "spbe-2020" and payload["years"] == [2022, 2023, 2024, 2025]
    level3 = next(s for s in payload["steps"] if s["indicator"] is None and s["level"] == 3)
    assert (level3["claims"], level3["accepted"]) == (10, 2)
    assert level3["probability"] == pytest.approx((10 * level3["prior"] + 2) / 20)
    assert level3["probability"] < level3["prior"]


def test_indicator_rows_with_enough_claims_and_pemdi_ids(cli: Cli, tmp_path: Path) -> None:
    rows = ["tahun,indikator,mandiri,final", "2019,I1,2,2"]
    rows += [f"{y},I1,3,{'3' if y == 2025 else '2'}" for y in range(2020, 2026)]
    path = tmp_path / "r.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("kalibrasi", path, "--json")
    assert result.code == 0, result.err
    payload = result.json()
    validate(payload)
    assert isinstance(payload, dict)
    own = [s for s in payload["steps"] if s["indicator"] == "I1"]
    assert [(s["level"], s["claims"], s["accepted"]) for s in own] == [(3, 6, 1)]
    assert "I1" in cli("kalibrasi", path).out


def test_out_csv_and_xlsx(cli: Cli, tmp_path: Path) -> None:
    out_csv, out_xlsx = tmp_path / "k.csv", tmp_path / "k.xlsx"
    assert cli("kalibrasi", HISTORY, "--out", out_csv).code == 0
    with out_csv.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0] == ["indikator", "tingkat", "klaim", "diterima", "prior", "peluang"]
    assert table[3][:4] == ["semua", "3", "10", "2"]
    result = cli("kalibrasi", HISTORY, "--out", out_xlsx, "--json")
    assert result.code == 0 and "ditulis ke" in result.err
    sheet = openpyxl.load_workbook(out_xlsx)["kalibrasi"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[3][:4] == ("semua", 3, 10, 2)
    prior, probability = values[3][4], values[3][5]
    assert isinstance(prior, float) and isinstance(probability, float)
    assert probability < prior


def test_out_refuses_existing_file_and_other_suffix(cli: Cli, tmp_path: Path) -> None:
    existing = tmp_path / "k.csv"
    existing.write_text("x", encoding="utf-8")
    result = cli("kalibrasi", HISTORY, "--out", existing)
    assert result.code == 2 and "sudah ada" in result.err
    assert existing.read_text(encoding="utf-8") == "x"
    assert cli("kalibrasi", HISTORY, "--out", existing, "--overwrite").code == 0
    result = cli("kalibrasi", HISTORY, "--out", tmp_path / "k.json")
    assert result.code == 2 and ".csv atau .xlsx" in result.err


@pytest.mark.parametrize(("rows", "fragment"), [
    (["2024,11,2,1", "2025,48,2,1"], "baris 3, kolom 'indikator', nilai '48'"),
    (["2024,11,2,6"], "kolom 'final', nilai '6': nilai final di atas 5"),
    (["2024,11,2,1", "2024,11,3,2"], "indikator 11 tahun 2024 ganda"),
])
def test_bad_history_is_one_line_exit_2(cli: Cli, tmp_path: Path, rows: list[str],
                                        fragment: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text("\n".join(["tahun,indikator,mandiri,final", *rows]) + "\n",
                    encoding="utf-8")
    result = cli("kalibrasi", path)
    assert result.code == 2
    assert result.err.strip().count("\n") == 0 and fragment in result.err
    assert "Traceback" not in result.err and result.out == ""


def test_catalogue_of_another_framework_is_refused(cli: Cli) -> None:
    pemdi_actions = ROOT / "data" / "frameworks" / "pemdi-2026" / "actions.csv"
    result = cli("kalibrasi", HISTORY, "--actions", pemdi_actions)
    assert result.code == 2 and "Kesalahan:" in result.err
