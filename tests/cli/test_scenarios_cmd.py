"""``roadmap scenarios``: the budget list rule, the table, the JSON contract, the plot, errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap.io.inputs import load_inputs
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.optimizer import PlanOptions
from roadmap.scenarios import minimum_budgets
from roadmap.simulate import simulate_plan
from tests.conftest import EXAMPLES, CliResult, validate_contract

Cli = Callable[..., CliResult]
SPBE = EXAMPLES / "spbe-cukup.csv"
JT = 1_000_000.0
# spbe-cukup (1.946, Cukup) with a small catalogue and no rules: indicator 1 at 3 (weight 1.3),
# 12 at 1 (2.5), 29 and 30 at 1 (1.5 each). K1 +0.013, K2 +0.05 x 0.8, K3 +0.015 x 0.5,
# K4 +0.015: Baik (2.60) is out of reach.
ACTIONS = """id,name,effects,cost,probability,months,opd
K1,Revisi kebijakan Arsitektur SPBE,1:4,40 jt,1,3,Diskominfo
K2,Penyusunan Peta Rencana SPBE,12:3,150 jt,0.8,6,Bappeda
K3,Audit TIK,29:2,15 jt,0.5,2,Inspektorat
K4,Audit Infrastruktur,30:2,15 jt,1,2,Inspektorat
"""


@pytest.fixture
def small(tmp_path: Path) -> tuple[str, ...]:
    """The options that select the small catalogue without rules."""
    actions = tmp_path / "aksi.csv"
    actions.write_text(ACTIONS, encoding="utf-8")
    rules = tmp_path / "aturan.csv"
    rules.write_text("indicator,level,requires_indicator,requires_level\n", encoding="utf-8")
    return ("--actions", str(actions), "--rules", str(rules))


def test_json_contract_matches_plan_and_simulation(cli: Cli) -> None:
    result = cli("scenarios", SPBE, "--budgets", "500 jt,1,5 M", "--json", "--solver",
                 "highs", "--draws", "2000")
    assert result.code == 0, result.err
    payload = result.json()
    validate_contract("scenarios", payload)
    assert isinstance(payload, list)
    assert [item["budget"] for item in payload] == [500 * JT, 1500 * JT]
    problem = load_inputs(SPBE).problem
    for item, budget in zip(payload, ("500 jt", "1,5 M"), strict=True):
        plan = cli("plan", SPBE, "--budget", budget, "--json", "--solver", "highs").json()
        assert isinstance(plan, dict)
        assert item["expected_index"] == plan["expected_index"]
        assert [s["id"] for s in item["selected"]] == [s["id"] for s in plan["selected"]]
        sim = simulate_plan(problem, [s["id"] for s in item["selected"]], draws=2000)
        assert item["next_band"] == "Baik"
        assert item["probability_next_band"] == sim.band_probabilities["Baik"]
        assert item["band_probabilities"] == sim.band_probabilities
        assert item["simulation"]["mean"] == sim.mean
        assert item["simulation"]["draws"] == 2000
    assert payload[0]["probability_next_band"] <= payload[1]["probability_next_band"]
    assert result.err == ""  # no progress bar when not on a terminal


def test_text_table_and_minimum_budgets(cli: Cli, small: tuple[str, ...]) -> None:
    result = cli("scenarios", SPBE, "--budgets", "15 jt; 190 jt", *small, "--draws", "4000")
    assert result.code == 0, result.err
    data = cli("scenarios", SPBE, "--budgets", "15 jt; 190 jt", *small, "--draws", "4000",
               "--json").json()
    assert isinstance(data, list)
    out = result.out
    assert "Skenario anggaran Indeks SPBE — spbe-cukup" in out
    assert "Indeks sekarang 1,95 (Cukup)" in out
    assert "Peluang >= Baik (2,60)" in out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith("Rp ")]
    assert len(rows) == 2
    # 15 jt buys K4 (+0.015, certain); 190 jt buys K2, K3 and K4 for 180 jt
    # (+0.04 + 0.0075 + 0.015 = 0.0625), more than K2 and K1 for 190 jt (+0.053).
    assert data[0]["expected_index"] == pytest.approx(1.946 + 0.015)
    assert data[1]["expected_index"] == pytest.approx(1.946 + 0.0625)
    assert data[1]["total_cost"] == 180 * JT
    for row, item in zip(rows, data, strict=True):
        assert row[:6] == [*format_rupiah_short(item["budget"]).split(),
                           *format_rupiah_short(item["total_cost"]).split()]
        assert format_decimal(item["expected_index"]) in row
        assert row[-1] == "0%" and item["probability_next_band"] == 0.0
    assert "Baik (>= 2,60): tidak tercapai dengan katalog aksi dan batasan ini" in out
    assert "Memuaskan (>= 4,20): tidak tercapai" in out


def test_minimum_budget_lines_match_minimum_budgets(cli: Cli) -> None:
    result = cli("scenarios", SPBE, "--budgets", "1 M", "--solver", "highs", "--draws", "500")
    assert result.code == 0, result.err
    problem = load_inputs(SPBE).problem
    expected = minimum_budgets(problem, PlanOptions(solver="highs"))
    assert expected["Baik"] is not None
    assert f"Baik (>= 2,60): {format_rupiah(expected['Baik'])}" in result.out


def test_jobs_give_the_same_plans(cli: Cli, small: tuple[str, ...]) -> None:
    args = ("scenarios", SPBE, "--budgets", "15 jt,60 jt,200 jt", *small, "--json")
    one = cli(*args).json()
    two = cli(*args, "--jobs", "2").json()
    assert isinstance(one, list) and isinstance(two, list)
    for a, b in zip(one, two, strict=True):
        assert (a["selected"], a["expected_index"], a["band_probabilities"]) == (
            b["selected"], b["expected_index"], b["band_probabilities"])


def test_plot_writes_a_png_and_never_overwrites(cli: Cli, small: tuple[str, ...],
                                                tmp_path: Path) -> None:
    target = tmp_path / "batas.png"
    result = cli("scenarios", SPBE, "--budgets", "200 jt", *small, "--plot", target)
    assert result.code == 0, result.err
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"Grafik batas efisien ditulis ke {target}" in result.out
    before = target.read_bytes()
    again = cli("scenarios", SPBE, "--budgets", "200 jt", *small, "--plot", target)
    assert again.code == 2 and "--overwrite" in again.err
    assert target.read_bytes() == before
    wrong = cli("scenarios", SPBE, "--budgets", "200 jt", *small, "--plot",
                tmp_path / "batas.jpg")
    assert wrong.code == 2 and ".png" in wrong.err


def test_user_errors_exit_2(cli: Cli, tmp_path: Path, small: tuple[str, ...]) -> None:
    bad = cli("scenarios", SPBE, "--budgets", "500 jt,,1 M", *small)
    assert bad.code == 2 and "--budgets" in bad.err and "Traceback" not in bad.err
    missing = cli("scenarios", tmp_path / "tidak-ada.csv", "--budgets", "1 M")
    assert missing.code == 2 and "Traceback" not in missing.err
    forced = cli("scenarios", SPBE, "--budgets", "10 jt", *small, "--force", "K2")
    assert forced.code == 2 and "K2" in forced.err
