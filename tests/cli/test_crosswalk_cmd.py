"""``roadmap crosswalk``: an estimated Pemdi assessment from an SPBE result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from roadmap.io.assessment_file import read_assessment
from roadmap.io.framework_files import load_framework
from tests.conftest import EXAMPLES, ROOT, CliResult, validate_contract

Cli = Callable[..., CliResult]
# A fixed SPBE profile (the former bundled 'cukup' example), independent of data/examples.
PROFILE_A = ROOT / "tests" / "data" / "spbe-profile-a.csv"

# Hand-computed estimates for spbe-profile-a.csv (see tests/test_crosswalk.py for the arithmetic of
# I1, I3, I4, I10, I17 and I20; the others follow the same formula 1 + share * (mean - 1)).
EXPECTED = {
    "I1": 1.40, "I2": 1.00, "I3": 1.80, "I4": 1.97, "I5": 1.37, "I6": 1.00, "I7": 1.00,
    "I8": 1.00, "I9": 1.00, "I10": 1.21, "I11": 1.20, "I12": 1.09, "I13": 1.90, "I14": 1.75,
    "I15": 1.35, "I16": 1.00, "I17": 1.82, "I18": 1.28, "I19": 2.20, "I20": 1.30,
}
# Indeks Pemdi = sum(w * v) / 100 with the weights 5,5,5,5,5,3,3,4,4,4,3,4,5,5,4,4,4,3,10,15:
# 7.00 + 5 + 9.00 + 9.85 + 6.85 + 3 + 3 + 4 + 4 + 4.84 + 3.60 + 4.36 + 9.50 + 8.75 + 5.40 + 4
# + 7.28 + 3.84 + 22.00 + 19.50 = 144.77 -> 1.4477, predicate Kurang (< 1.5)
EXPECTED_INDEX = 1.4477


def _spbe_file(tmp_path: Path, level: int, name: str = "rata.csv") -> Path:
    path = tmp_path / name
    path.write_text("indikator,tingkat\n" + "".join(f"{n},{level}\n" for n in range(1, 48)),
                    encoding="utf-8")
    return path


def test_json_is_the_contract_with_hand_computed_values(cli: Cli) -> None:
    result = cli("crosswalk", PROFILE_A, "--json")
    assert result.code == 0, result.err
    payload: Any = result.json()
    validate_contract("crosswalk", payload)
    assert payload["framework"] == "pemdi-2026"
    assert payload["source_framework"] == "spbe-2020"
    assert payload["estimate"] is True
    assert payload["index"] == pytest.approx(EXPECTED_INDEX, abs=1e-9)
    assert payload["predicate"] == "Kurang"
    values = {row["indicator"]: row["value"] for row in payload["indicators"]}
    assert values == EXPECTED
    rows = {row["indicator"]: row for row in payload["indicators"]}
    assert rows["I1"]["from"] == [1, 2, 11, 12, 13]
    assert rows["I1"]["basis"] == "pemetaan pemda"
    assert rows["I1"]["name"] == "Tata Kelola Pemerintah Digital"
    assert rows["I6"]["from"] == []
    assert rows["I6"]["basis"] == "baru"
    assert rows["I17"]["from"] == list(range(32, 48))


def test_text_output_is_plainly_an_estimate(cli: Cli) -> None:
    result = cli("crosswalk", PROFILE_A)
    assert result.code == 0, result.err
    out = result.out
    assert "PERKIRAAN" in out and "bukan nilai resmi" in out
    assert "Perkiraan Indeks Pemdi: 1,45 — predikat Kurang" in out
    i1 = next(line for line in out.splitlines() if line.startswith("I1 "))
    assert "Tata Kelola Pemerintah Digital" in i1
    assert "1,40" in i1 and "1, 2, 11–13" in i1 and "pemetaan pemda" in i1
    i17 = next(line for line in out.splitlines() if line.startswith("I17 "))
    assert "1,82" in i17 and "32–47" in i17
    i6 = next(line for line in out.splitlines() if line.startswith("I6 "))
    assert "1,00*" in i6 and "baru" in i6
    # externally scored indicators come from the framework data and are named with their index
    assert "I5, I18 dari SDI" in out and "I6 dari SJIG" in out and "I7 dari IPS" in out
    assert "nilai resmi" in out


def test_all_one_and_all_five(cli: Cli, tmp_path: Path) -> None:
    ones: Any = cli("crosswalk", _spbe_file(tmp_path, 1), "--json").json()
    assert {row["value"] for row in ones["indicators"]} == {1.0}
    assert (ones["index"], ones["predicate"]) == (1.0, "Kurang")
    fives: Any = cli("crosswalk", _spbe_file(tmp_path, 5, "lima.csv"), "--json").json()
    values = {row["indicator"]: row["value"] for row in fives["indicators"]}
    # 1 + share * 4 with the bundled shares; I6 is new and stays 1
    assert (values["I1"], values["I3"], values["I11"], values["I13"]) == (4.2, 4.2, 1.8, 4.6)
    assert values["I6"] == 1.0


def test_unassessed_indicators_are_reported(cli: Cli, tmp_path: Path) -> None:
    result = cli("crosswalk", _spbe_file(tmp_path, 0))
    assert result.code == 0, result.err
    assert "belum dinilai (tingkat 0) dihitung 1" in result.out
    assert "Perkiraan Indeks Pemdi: 1,00" in result.out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_out_file_is_a_pemdi_assessment_the_other_commands_accept(
    cli: Cli, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"pemdi{suffix}"
    result = cli("crosswalk", PROFILE_A, "--json", "--out", out)
    assert result.code == 0, result.err
    payload: Any = result.json()  # stdout stays pure JSON; the confirmation goes to stderr
    assert str(out) in result.err
    back = read_assessment(out)
    assert back.framework.id == "pemdi-2026"
    assert back.values == EXPECTED
    index = cli("index", out, "--json")
    assert index.code == 0, index.err
    index_payload: Any = index.json()
    assert index_payload["index"] == pytest.approx(payload["index"], abs=1e-12)
    assert index_payload["predicate"] == payload["predicate"]


def test_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "ada.csv"
    out.write_text("lama", encoding="utf-8")
    result = cli("crosswalk", PROFILE_A, "--out", out)
    assert result.code == 2
    assert "sudah ada" in result.err and "Traceback" not in result.err
    assert out.read_text(encoding="utf-8") == "lama"
    assert result.out == ""


def test_refuses_to_write_over_the_input(cli: Cli, tmp_path: Path) -> None:
    source = _spbe_file(tmp_path, 2)
    before = source.read_bytes()
    result = cli("crosswalk", source, "--out", source, "--overwrite")
    assert result.code == 2
    assert "masukan" in result.err
    assert source.read_bytes() == before


def test_a_pemdi_assessment_is_refused(cli: Cli) -> None:
    for extra in ((), ("--to", "pemdi-2026")):
        result = cli("crosswalk", EXAMPLES / "pemdi-kurang.csv", *extra)
        assert result.code == 2
        assert "pemdi-kurang.csv" in result.err and "pemdi-2026" in result.err
        assert "spbe-2020" in result.err and "Traceback" not in result.err


def test_unknown_target_framework(cli: Cli) -> None:
    result = cli("crosswalk", PROFILE_A, "--to", "pemdi-2030")
    assert result.code == 2
    assert "pemdi-2030" in result.err and "spbe-2020 -> pemdi-2026" in result.err


def test_bad_out_suffix(cli: Cli, tmp_path: Path) -> None:
    result = cli("crosswalk", PROFILE_A, "--out", tmp_path / "hasil.pdf")
    assert result.code == 2
    assert ".csv atau .xlsx" in result.err


def test_expected_index_matches_the_framework_weights() -> None:
    # guards the hand sum above against a change of the bundled weights
    pemdi = load_framework("pemdi-2026")
    assert [i.weight for i in pemdi.indicators] == [5, 5, 5, 5, 5, 3, 3, 4, 4, 4, 3, 4, 5, 5,
                                                    4, 4, 4, 3, 10, 15]
