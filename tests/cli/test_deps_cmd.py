"""``roadmap deps``: blocked indicators, their prerequisites and the points those hold back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import EXAMPLES, ROOT, CliResult, validate_contract

Cli = Callable[..., CliResult]
SPBE_CUKUP = EXAMPLES / "spbe-cukup.csv"
PEMDI_KURANG = EXAMPLES / "pemdi-kurang.csv"
# A fixed SPBE profile (the former bundled 'cukup' example), independent of data/examples.
PROFILE_A = ROOT / "tests" / "data" / "spbe-profile-a.csv"
HEADER = "indicator,level,requires_indicator,requires_level\n"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _rules(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "aturan.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_belu_text_names_architecture_and_roadmap(cli: Cli) -> None:
    result = cli("deps", SPBE_CUKUP)
    assert result.code == 0, result.err
    assert "Indikator terhambat:" in result.out
    block = result.out.split("21 Penerapan Manajemen Risiko SPBE — tingkat 2 (Terkelola)")[1]
    assert block.splitlines()[1].strip() == (
        "terhambat oleh: 11 Arsitektur SPBE tingkat 2, 12 Peta Rencana SPBE tingkat 2")
    assert "1. Arsitektur SPBE tingkat 2 membuka hingga" in result.out
    assert "2. Peta Rencana SPBE tingkat 2 membuka hingga" in result.out
    assert "Gelombang 1 (dapat dimulai sekarang)" in result.out


def test_belu_json_contract(cli: Cli) -> None:
    result = cli("deps", SPBE_CUKUP, "--json")
    assert result.code == 0, result.err
    payload: Any = result.json()
    validate_contract("deps", payload)
    blocked = {b["indicator"]: b for b in payload["blocked"]}
    for indicator in (21, 22, 23, 24, 26, 27, 28, 29, 30, 31):  # 25 is already at level 2
        assert blocked[indicator]["next_level"] == 2
        assert [b for b in blocked[indicator]["blocked_by"] if b["direct"]] == [
            {"indicator": 11, "level": 2, "direct": True},
            {"indicator": 12, "level": 2, "direct": True},
        ]
    values = [p["unlock_value"] for p in payload["prerequisites"]]
    assert values == sorted(values, reverse=True)
    top = payload["prerequisites"][:2]
    assert [(p["indicator"], p["level"]) for p in top] == [(11, 2), (12, 2)]
    # At least the ten management indicators at level 1, four levels each, weight 1.5 of 100.
    assert all(p["unlock_value"] >= 0.6 - 1e-9 for p in top)


def test_own_rules_exact_json(cli: Cli, tmp_path: Path) -> None:
    # 21:2 needs 11:2; 11:2 needs 1:3 (in profile A, 1 is at level 2, 11 and 21 at level 1).
    rules = _rules(tmp_path, "21,2,11,2\n11,2,1,3\n")
    result = cli("deps", PROFILE_A, "--rules", rules, "--json")
    assert result.code == 0, result.err
    payload: Any = result.json()
    validate_contract("deps", payload)
    assert [(b["indicator"], b["next_level"], b["blocked_by"]) for b in payload["blocked"]] == [
        (11, 2, [{"indicator": 1, "level": 3, "direct": True}]),
        (21, 2, [{"indicator": 11, "level": 2, "direct": True},
                 {"indicator": 1, "level": 3, "direct": False}]),
    ]
    assert payload["blocked"][1]["direct"] == [{"indicator": 11, "level": 2}]
    assert payload["blocked"][1]["transitive"] == [{"indicator": 1, "level": 3}]
    # 1:3 gates 11:2..5 (weight 2.5) and 21:2..5 (weight 1.5): (4 * 2.5 + 4 * 1.5) / 100.
    # 11:2 gates 21:2..5 only: 4 * 1.5 / 100.
    assert [(p["indicator"], p["level"], p["unlock_value"]) for p in payload["prerequisites"]] == [
        (1, 3, pytest.approx(0.16)), (11, 2, pytest.approx(0.06)),
    ]
    assert payload["prerequisites"][0]["gated_indicators"] == [11, 21]


def test_pemdi_partial_values_and_text_ids(cli: Cli, tmp_path: Path) -> None:
    # I2 is at 1,17: I1:2 (I1 at 1,50) holds back 0,83 of level 2 and levels 3..5, weight 5.
    rules = _rules(tmp_path, "I2,2,I1,2\n")
    result = cli("deps", PEMDI_KURANG, "--rules", rules, "--json")
    assert result.code == 0, result.err
    payload: Any = result.json()
    validate_contract("deps", payload)
    assert [(b["indicator"], b["next_level"]) for b in payload["blocked"]] == [("I2", 2)]
    assert [(p["indicator"], p["level"], p["unlock_value"]) for p in payload["prerequisites"]] == [
        ("I1", 2, pytest.approx(5 * (0.83 + 3) / 100)),
    ]


def test_default_pemdi_rules_work(cli: Cli) -> None:
    result = cli("deps", PEMDI_KURANG, "--json")
    assert result.code == 0, result.err
    validate_contract("deps", result.json())


def test_header_only_rules_mean_no_rules(cli: Cli, tmp_path: Path) -> None:
    result = cli("deps", SPBE_CUKUP, "--rules", _rules(tmp_path, ""), "--json")
    assert result.code == 0, result.err
    payload: Any = result.json()
    assert payload["blocked"] == [] and payload["prerequisites"] == []
    text = cli("deps", SPBE_CUKUP, "--rules", _rules(tmp_path, ""))
    assert "0 aturan dari berkas aturan.csv" in text.out
    assert "Tidak ada indikator yang terhambat" in text.out


def _workbook(tmp_path: Path, rules: list[list[object]] | None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "penilaian"
    sheet.append(["indikator", "tingkat"])
    for line in SPBE_CUKUP.read_text(encoding="utf-8").splitlines()[1:]:
        number, _, level = line.split(",")
        sheet.append([int(number), int(level)])
    if rules is not None:
        rule_sheet = workbook.create_sheet("ketergantungan")
        rule_sheet.append(["indikator", "tingkat", "indikator_prasyarat", "tingkat_prasyarat"])
        for row in rules:
            rule_sheet.append(row)
    path = tmp_path / "pemda.xlsx"
    workbook.save(path)
    return path


def test_workbook_rules_sheet_replaces_defaults(cli: Cli, tmp_path: Path) -> None:
    result = cli("deps", _workbook(tmp_path, [[22, 2, 12, 2]]), "--json")
    assert result.code == 0, result.err
    payload: Any = result.json()
    assert [(b["indicator"], b["blocked_by"]) for b in payload["blocked"]] == [
        (22, [{"indicator": 12, "level": 2, "direct": True}]),
    ]


def test_workbook_without_rules_sheet_uses_defaults(cli: Cli, tmp_path: Path) -> None:
    from_workbook: Any = cli("deps", _workbook(tmp_path, None), "--json").json()
    from_csv: Any = cli("deps", SPBE_CUKUP, "--json").json()
    assert from_workbook == from_csv


def test_rules_option_wins_over_workbook_sheet(cli: Cli, tmp_path: Path) -> None:
    workbook = _workbook(tmp_path, [[22, 2, 12, 2]])
    result = cli("deps", workbook, "--rules", _rules(tmp_path, "23,2,11,2\n"), "--json")
    payload: Any = result.json()
    assert [b["indicator"] for b in payload["blocked"]] == [23]


def test_cycle_exits_2_with_the_path(cli: Cli, tmp_path: Path) -> None:
    result = cli("deps", SPBE_CUKUP, "--rules", _rules(tmp_path, "21,2,11,2\n11,2,21,2\n"))
    assert result.code == 2
    assert "11:2 -> 21:2 -> 11:2" in result.err
    assert "aturan.csv" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(("header", "body", "expected"), [
    ("indicator,level,requires_indicator\n", "21,2,11\n", "requires_level"),
    (HEADER, "21,2,99,2\n", "baris 2, kolom 'requires_indicator', nilai '99'"),
    (HEADER, "21,6,11,2\n", "baris 2, kolom 'level', nilai '6': tingkat di luar rentang 1..5"),
    (HEADER, "21,2,11,0\n", "kolom 'requires_level', nilai '0'"),
])
def test_bad_rules_exit_2(cli: Cli, tmp_path: Path, header: str, body: str,
                          expected: str) -> None:
    result = cli("deps", SPBE_CUKUP, "--rules", _rules(tmp_path, body, header))
    assert result.code == 2
    assert expected in result.err
    assert "aturan.csv" in result.err
    assert result.out == ""


def test_plot_writes_a_png(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "ketergantungan.png"
    result = cli("deps", SPBE_CUKUP, "--plot", out)
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(PNG_MAGIC)
    assert f"Grafik ketergantungan ditulis ke {out}." in result.out
    assert [p.name for p in tmp_path.iterdir()] == ["ketergantungan.png"]  # no temp file left


def test_plot_with_json_keeps_stdout_pure_json(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "g.png"
    result = cli("deps", PEMDI_KURANG, "--json", "--plot", out)
    assert result.code == 0, result.err
    validate_contract("deps", result.json())
    assert out.read_bytes().startswith(PNG_MAGIC)


def test_plot_refuses_existing_file_unless_overwrite(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "g.png"
    out.write_bytes(b"lama")
    refused = cli("deps", SPBE_CUKUP, "--plot", out)
    assert refused.code == 2 and "--overwrite" in refused.err
    assert out.read_bytes() == b"lama"
    assert cli("deps", SPBE_CUKUP, "--plot", out, "--overwrite").code == 0
    assert out.read_bytes().startswith(PNG_MAGIC)


def test_plot_never_overwrites_an_input(cli: Cli, tmp_path: Path) -> None:
    assessment = tmp_path / "penilaian.csv"
    assessment.write_bytes(SPBE_CUKUP.read_bytes())
    result = cli("deps", assessment, "--plot", assessment, "--overwrite")
    assert result.code == 2
    assert "sama dengan berkas masukan" in result.err
    assert assessment.read_bytes() == SPBE_CUKUP.read_bytes()


def test_plot_must_be_png(cli: Cli, tmp_path: Path) -> None:
    result = cli("deps", SPBE_CUKUP, "--plot", tmp_path / "g.pdf")
    assert result.code == 2 and ".png" in result.err
    assert not (tmp_path / "g.pdf").exists()
