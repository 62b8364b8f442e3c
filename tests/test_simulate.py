"""Monte Carlo of a plan: hand-computed distributions, agreement with the exact expectation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.expectation import expected_outcome
from roadmap.framework import Band, Framework, Group, Indicator, ValueScale
from roadmap.io.inputs import load_inputs
from roadmap.problem import PlanningProblem
from roadmap.simulate import Simulation, share_at_least, simulate_plan
from tests.conftest import EXAMPLES


def two_indicators() -> Framework:
    """I1 (weight 40) and I2 (weight 60), levels 1..3; Cukup from 1.8, Baik from 2.6."""
    return Framework(
        id="uji", title="Kerangka uji", index_name="Indeks Uji", id_style="text",
        group_kinds=("aspect",), group_labels={"aspect": "Aspek"}, total_weight=100.0,
        value=ValueScale(min=1, max=3, whole=True, allow_zero=True),
        levels={1: ("Satu",), 2: ("Dua",), 3: ("Tiga",)},
        predicates=(Band("Kurang", 0.0), Band("Cukup", 1.8), Band("Baik", 2.6)),
        indicators=(Indicator("I1", "I1", "Indikator satu", 40.0, {"aspect": "A"}),
                    Indicator("I2", "I2", "Indikator dua", 60.0, {"aspect": "A"})),
        groups=(Group("aspect", "A", "Aspek uji", 100.0),),
    )


def chain_problem(p_a: float = 0.8, p_c: float = 0.9) -> PlanningProblem:
    """Both at level 1 (index 1.0). A brings I1 to 2 (+0.4), C brings I2 to 2 (+0.6), and
    I2 may reach 2 only once I1 has: the outcomes are 1.0, 1.4 and 2.0."""
    fw = two_indicators()
    catalogue = Catalogue(fw, (
        Action("A", "a", (Effect("I1", 2),), 10.0, p_a),
        Action("C", "c", (Effect("I2", 2),), 10.0, p_c),
        Action("T", "t", (Effect("I1", 3),), 10.0, 1.0),
    ))
    return PlanningProblem(Assessment(fw, {"I1": 1.0, "I2": 1.0}), catalogue,
                           (Rule("I2", 2, "I1", 2),))


def test_certain_plan_is_one_outcome_equal_to_the_expectation() -> None:
    problem = chain_problem(1.0, 1.0)
    sim = simulate_plan(problem, ["C", "A"], draws=500)
    assert np.all(sim.indices == 2.0)
    assert sim.mean == expected_outcome(problem, ["A", "C"]).expected_index == 2.0
    assert sim.standard_error == 0.0
    assert sim.percentiles == {5: 2.0, 25: 2.0, 50: 2.0, 75: 2.0, 95: 2.0}
    assert sim.band_probabilities == {"Kurang": 1.0, "Cukup": 1.0, "Baik": 0.0}


def test_rule_chain_distribution_by_hand() -> None:
    # P(1.0) = .2 (A fails), P(1.4) = .8 x .1 = .08, P(2.0) = .8 x .9 = .72;
    # mean 1 + .4 x .8 + .6 x .72 = 1.752.
    problem = chain_problem()
    draws = 20_000
    sim = simulate_plan(problem, ["A", "C"], draws=draws, seed=7)
    shares = {v: float(np.mean(np.isclose(sim.indices, v))) for v in (1.0, 1.4, 2.0)}
    for value, p in ((1.0, 0.2), (1.4, 0.08), (2.0, 0.72)):
        assert abs(shares[value] - p) < 4 * math.sqrt(p * (1 - p) / draws), value
    assert sum(shares.values()) == pytest.approx(1.0)
    exact = expected_outcome(problem, ["A", "C"]).expected_index
    assert exact == pytest.approx(1.752)
    assert abs(sim.mean - exact) < 4 * sim.standard_error
    sd = math.sqrt(0.2 * 0.752**2 + 0.08 * 0.352**2 + 0.72 * 0.248**2)
    assert sim.standard_error == pytest.approx(sd / math.sqrt(draws), rel=0.05)
    assert sim.percentiles[5] == 1.0 and sim.percentiles[50] == 2.0
    assert sim.percentiles[95] == 2.0
    assert sim.band_probabilities["Cukup"] == pytest.approx(shares[2.0])
    assert sim.band_probabilities["Baik"] == 0.0
    assert sim.probability_at_least(1.4) == pytest.approx(shares[1.4] + shares[2.0])


def test_a_provided_node_does_not_count_without_its_prerequisite() -> None:
    # C alone: I2:2 is provided but its rule prerequisite I1:2 is not, so nothing counts.
    sim = simulate_plan(chain_problem(1.0, 1.0), ["C"], draws=100)
    assert np.all(sim.indices == 1.0)


def test_higher_level_provider_needs_the_lower_level_to_count() -> None:
    # T brings I1 to 3 (certain): it provides I1:2 and I1:3, so +0.8 whatever A does.
    problem = chain_problem(p_a=0.5)
    sim = simulate_plan(problem, ["T"], draws=100)
    assert np.allclose(sim.indices, 1.8)
    assert sim.mean == expected_outcome(problem, ["T"]).expected_index


def test_nodes_achieved_today_always_count() -> None:
    fw = two_indicators()
    base = chain_problem()
    problem = PlanningProblem(Assessment(fw, {"I1": 2.0, "I2": 1.0}), base.catalogue,
                              base.rules)
    sim = simulate_plan(problem, ["C"], draws=20_000, seed=3)
    # I1:2 holds today (index 1.4), so I2:2 needs only C (p .9): +0.6 with p .9.
    assert set(np.round(sim.indices, 9)) == {1.4, 2.0}
    assert abs(sim.mean - (1.4 + 0.6 * 0.9)) < 4 * sim.standard_error


def test_seeded_and_independent_of_order() -> None:
    problem = chain_problem()
    first = simulate_plan(problem, ["A", "C"], draws=1000, seed=11)
    again = simulate_plan(problem, ["C", "A"], draws=1000, seed=11)
    other = simulate_plan(problem, ["A", "C"], draws=1000, seed=12)
    assert np.array_equal(first.indices, again.indices)
    assert first.mean == again.mean and first.percentiles == again.percentiles
    assert not np.array_equal(first.indices, other.indices)
    assert (first.draws, first.seed) == (1000, 11)


def test_mean_agrees_with_exact_expectation_on_the_bundled_example() -> None:
    problem = load_inputs(EXAMPLES / "spbe-cukup.csv").problem
    selected = ["SB-2", "SB-3", "SB-4", "S42-3", "S07-3", "S13-3", "S21-2", "S23-2", "S27-2",
                "S27-3", "S29-2", "S30-2", "S31-2", "S11-3", "S12-3"]
    sim = simulate_plan(problem, selected)
    exact = expected_outcome(problem, selected).expected_index
    assert sim.draws == 10_000 and sim.standard_error > 0
    assert abs(sim.mean - exact) < 4 * sim.standard_error
    assert sim.mean == pytest.approx(float(np.mean(sim.indices)), abs=1e-12)
    assert list(sim.band_probabilities) == [b.name for b in problem.framework.predicates]
    values = list(sim.band_probabilities.values())
    assert values[0] == 1.0 and values == sorted(values, reverse=True)
    assert list(sim.percentiles) == [5, 25, 50, 75, 95]
    assert list(sim.percentiles.values()) == sorted(sim.percentiles.values())


def test_empty_plan_keeps_today() -> None:
    sim = simulate_plan(chain_problem(), [], draws=10)
    assert np.all(sim.indices == 1.0) and sim.mean == 1.0


def test_share_at_least_uses_the_band_slack() -> None:
    assert share_at_least(np.array([2.5999999999999996, 2.5]), 2.6) == 0.5
    sim = Simulation(2, 0, np.array([1.0, 3.0]), 2.0, 1.0, {}, {})
    assert sim.probability_at_least(3.0) == 0.5 and sim.probability_at_least(3.01) == 0.0


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="draws"):
        simulate_plan(chain_problem(), ["A"], draws=0)
    with pytest.raises(ValueError, match="ZZ"):
        simulate_plan(chain_problem(), ["A", "ZZ"])
