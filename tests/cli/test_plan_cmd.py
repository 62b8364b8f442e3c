"""``roadmap plan`` on the bundled examples: the rencana aksi, the JSON contract, bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap.greedy import greedy_plan
from roadmap.io.inputs import load_inputs
from roadmap.optimizer import PlanOptions, optimize
from tests.conftest import EXAMPLES, CliResult, validate_contract

Cli = Callable[..., CliResult]
SPBE = EXAMPLES / "spbe-cukup.csv"
PEMDI = EXAMPLES / "pemdi-kurang.csv"
BUDGET = 750_000_000.0


def _check_ranks(payload: dict) -> dict[str, int]:
    selected = payload["selected"]
    rank = {s["id"]: s["rank"] for s in selected}
    assert sorted(rank.values()) == list(range(1, len(selected) + 1))
    assert [s["rank"] for s in selected] == sorted(rank.values())  # listed in rank order
    for s in selected:
        assert all(rank[b] < s["rank"] for b in s["after"]), s["id"]
    return rank


def test_spbe_json_puts_architecture_before_what_it_unlocks(cli: Cli) -> None:
    result = cli("plan", SPBE, "--budget", "750 jt", "--json")
    assert result.code == 0, result.err
    payload = result.json()
    validate_contract("plan", payload)
    assert isinstance(payload, dict)
    rank = _check_ranks(payload)
    effects = {s["id"]: {e["indicator"] for e in s["effects"]} for s in payload["selected"]}
    architecture = [a for a, ind in effects.items() if {11, 12} <= ind]
    management = [a for a, ind in effects.items() if ind & set(range(21, 32))]
    assert architecture and management  # the example exercises the ordering at all
    assert all(rank[m] > min(rank[a] for a in architecture) for m in management)
    assert payload["budget"] == BUDGET
    assert payload["total_cost"] <= BUDGET
    assert payload["total_cost"] == sum(s["cost"] for s in payload["selected"])
    assert payload["index_before"] == pytest.approx(1.946, abs=1e-9)
    assert payload["expected_index"] > payload["index_before"]


def test_spbe_text_is_a_rencana_aksi(cli: Cli) -> None:
    result = cli("plan", SPBE, "--budget", "750 jt")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Rencana aksi Indeks SPBE — spbe-cukup"
    assert lines[1] == "Anggaran: Rp 750.000.000"
    assert lines[2].startswith("Indeks sekarang 1,95 (Cukup) -> indeks harapan ")
    assert "  1. [" in result.out and "Alasan: " in result.out
    assert "membuka indikator" in result.out
    assert "Status: " in result.out and "Waktu: susun model" in result.out


def test_pemdi_example_plans(cli: Cli) -> None:
    result = cli("plan", PEMDI, "--budget", "750 jt", "--json")
    assert result.code == 0, result.err
    payload = result.json()
    validate_contract("plan", payload)
    assert isinstance(payload, dict)
    _check_ranks(payload)
    assert payload["framework"] == "pemdi-2026"
    assert payload["selected"] and payload["total_cost"] <= BUDGET
    assert all(str(e["indicator"]).startswith("I")
               for s in payload["selected"] for e in s["effects"])
    assert payload["expected_index"] > payload["index_before"]


@pytest.mark.parametrize("example", [SPBE, PEMDI], ids=["spbe", "pemdi"])
def test_greedy_is_not_better_than_the_optimizer(example: Path) -> None:
    problem = load_inputs(example).problem
    options = PlanOptions(budget=BUDGET)
    best = optimize(problem, options)
    greedy = greedy_plan(problem, options)
    assert greedy.total_cost <= BUDGET
    assert greedy.expected_index <= best.expected_index + 1e-9


def test_target_gives_a_plan_reaching_it(cli: Cli) -> None:
    result = cli("plan", SPBE, "--target", "2,1", "--json")
    assert result.code == 0, result.err
    payload = result.json()
    validate_contract("plan", payload)
    assert isinstance(payload, dict)
    assert payload["target"] == 2.1
    assert payload["expected_index"] >= 2.1 - 1e-9
    assert payload["budget"] == payload["total_cost"]  # no budget given: the plan's cost


def test_bad_budget_is_one_line_exit_2(cli: Cli) -> None:
    result = cli("plan", SPBE, "--budget", "banyak")
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip().count("\n") == 0
    assert "--budget" in result.err and "banyak" in result.err
    assert "Traceback" not in result.err


def test_unknown_force_id_exit_2(cli: Cli) -> None:
    result = cli("plan", SPBE, "--budget", "750 jt", "--force", "TIDAK-ADA")
    assert result.code == 2
    assert "--force: aksi 'TIDAK-ADA' tidak ada di katalog" in result.err


def test_unreachable_target_exit_2_with_best_reachable(cli: Cli) -> None:
    result = cli("plan", SPBE, "--budget", "10 jt", "--target", "4,5")
    assert result.code == 2
    assert "target indeks 4,50 tidak dapat dicapai dengan anggaran Rp 10.000.000" in result.err
    assert "indeks harapan tertinggi yang dapat dicapai 1,9" in result.err


def test_forced_over_budget_exit_2(cli: Cli) -> None:
    result = cli("plan", SPBE, "--budget", "10 jt", "--force", "SB-4")
    assert result.code == 2
    assert "dipaksa masuk (SB-4)" in result.err and "melebihi anggaran Rp 10.000.000" in result.err
