"""Exact expected outcomes: hand computations, direct enumeration and the Monte Carlo fallback."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap import expectation
from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.expectation import expected_outcome, gain_delta, node_probability
from roadmap.problem import PlanningProblem
from tests.strategies import Instance, instances, make_framework
from tests.test_optimizer import BruteForce


def hand_problem() -> PlanningProblem:
    """I1 (weight 40) at 1.26 and I2 (weight 60) at 1; I2 reaches 2 only once I1 is at 2.
    A: I1 to 2 (p .8); B: I1 to 3 (p .5); C: I2 to 2 (p .9); D: both to 2 (p .6)."""
    framework = make_framework(["I1", "I2"], [40, 60], decimals=True)
    catalogue = Catalogue(framework, (
        Action("A", "a", (Effect("I1", 2),), 10.0, 0.8),
        Action("B", "b", (Effect("I1", 3),), 10.0, 0.5),
        Action("C", "c", (Effect("I2", 2),), 10.0, 0.9),
        Action("D", "d", (Effect("I1", 2), Effect("I2", 2)), 10.0, 0.6),
    ))
    assessment = Assessment(framework, {"I1": 1.26, "I2": 1.0})
    return PlanningProblem(assessment, catalogue, (Rule("I2", 2, "I1", 2),))


def test_nothing_selected_keeps_the_index() -> None:
    outcome = expected_outcome(hand_problem(), [])
    assert outcome.expected_index == pytest.approx((40 * 1.26 + 60) / 100)  # 1.104
    assert outcome.node_probabilities == {}
    assert outcome.expected_values == {"I1": 1.26, "I2": 1.0}
    assert outcome.method == "exact" and outcome.standard_error == 0


def test_rule_multiplies_probabilities_by_hand() -> None:
    outcome = expected_outcome(hand_problem(), ["A", "C"])
    # I1:2 is worth 0.4 x 0.74 = 0.296 (the rest of a partial value) with p .8;
    # I2:2 is worth 0.6 and needs I1:2: p .8 x .9 = .72.
    assert outcome.node_probabilities == pytest.approx({("I1", 2): 0.8, ("I2", 2): 0.72})
    assert outcome.expected_index == pytest.approx(1.104 + 0.296 * 0.8 + 0.6 * 0.72)
    assert outcome.expected_values == pytest.approx({"I1": 1.26 + 0.74 * 0.8, "I2": 1.72})


def test_two_providers_of_one_level_by_hand() -> None:
    outcome = expected_outcome(hand_problem(), ["A", "B"])
    # B brings I1 to 3, so it also provides level 2: 1 - (1 - .8)(1 - .5) = .9.
    assert outcome.node_probabilities == pytest.approx({("I1", 2): 0.9, ("I1", 3): 0.5})
    assert outcome.expected_values["I1"] == pytest.approx(1.26 + 0.74 * 0.9 + 0.5)


def test_shared_bundle_is_enumerated_by_hand() -> None:
    problem = hand_problem()
    # I2:2 needs a provider of I2:2 (C or D) and of I1:2 (D): D is shared by both sets.
    # D succeeds (.6): both levels; D fails: I1 stays, so I2:2 is blocked whatever C does.
    assert node_probability(problem, frozenset({"C", "D"}), ("I2", 2)) == (
        pytest.approx(0.6), 0.0)
    # With A as well: D ok (.6) -> 1; D fails (.4) -> A and C both needed: .8 x .9.
    assert node_probability(problem, frozenset({"A", "C", "D"}), ("I2", 2))[0] == (
        pytest.approx(0.6 + 0.4 * 0.72))
    assert node_probability(problem, frozenset({"C"}), ("I2", 2)) == (0.0, 0.0)


def test_gain_delta_by_hand() -> None:
    problem = hand_problem()
    assert gain_delta(problem, ["A"], "C") == pytest.approx(0.6 * 0.72)
    # Toggling a selected action removes it: the change is negative.
    assert gain_delta(problem, ["A", "C"], "C") == pytest.approx(-0.6 * 0.72)
    assert gain_delta(problem, [], "C") == 0.0  # blocked by the rule


def test_many_providers_of_one_level_in_closed_form() -> None:
    """Seventeen independent providers of 1:3 (and B of 1:2): 1 - prod(1 - p)."""
    framework = make_framework(["1", "2"], [50, 50], decimals=False)
    shared = 17
    actions = [Action(f"A{k}", "a", (Effect("1", 3),), 1.0, 0.1) for k in range(shared)]
    actions.append(Action("B", "b", (Effect("1", 2),), 1.0, 0.5))
    problem = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0}),
                              Catalogue(framework, tuple(actions)))
    outcome = expected_outcome(problem, [a.id for a in actions])
    level_2 = 1 - 0.9 ** shared * 0.5
    level_3 = 1 - 0.9 ** shared
    assert outcome.method == "exact"
    assert outcome.expected_index == pytest.approx(1 + 0.5 * (level_2 + level_3))


def test_linked_block_is_exact_and_monte_carlo_beyond_the_state_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Seventeen uncertain providers of 1:3 that each build on P (p .5): one linked block,
    exact by the dynamic program; with a state limit of 1 it falls back to Monte Carlo."""
    framework = make_framework(["1", "2"], [50, 50], decimals=False)
    shared = 17
    actions = [Action("P", "p", (Effect("2", 2),), 1.0, 0.5)]
    actions += [Action(f"A{k}", "a", (Effect("1", 3),), 1.0, 0.1, requires=(("P",),))
                for k in range(shared)]
    problem = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0}),
                              Catalogue(framework, tuple(actions)))
    level = 0.5 * (1 - 0.9 ** shared)  # P must succeed, then one of the A's
    exact = 1 + 0.5 * 0.5 + 0.5 * 2 * level
    assert expected_outcome(problem, [a.id for a in actions]).expected_index == pytest.approx(
        exact)
    monkeypatch.setattr(expectation, "MAX_STATES", 1)
    problem = PlanningProblem(problem.assessment, problem.catalogue)  # no cached results
    outcome = expected_outcome(problem, [a.id for a in actions])
    assert outcome.method == "monte-carlo"
    assert 0 < outcome.standard_error < 0.01
    assert abs(outcome.expected_index - exact) <= 4 * outcome.standard_error
    assert expected_outcome(problem, [a.id for a in actions]) == outcome  # seeded


def test_what_builds_on_a_rejected_deliverable_is_rejected_by_hand() -> None:
    """B revises A's document (requires A): B counts only when A was accepted too."""
    framework = make_framework(["1"], [10], decimals=False)
    catalogue = Catalogue(framework, (
        Action("A", "a", (Effect("1", 2),), 1.0, 0.8),
        Action("B", "b", (Effect("1", 3),), 1.0, 0.5, requires=(("A",),)),
    ))
    problem = PlanningProblem(Assessment(framework, {"1": 1.0}), catalogue)
    outcome = expected_outcome(problem, ["A", "B"])
    assert outcome.node_probabilities == pytest.approx({("1", 2): 0.8, ("1", 3): 0.4})
    assert outcome.expected_index == pytest.approx(1 + 0.8 + 0.4)


def test_track_record_and_lagged_indicators_by_hand() -> None:
    """Level 4 of 1 needs level 3 held at the start of the year; indicator 2 is lagged."""
    from roadmap.framework import TrackRecord

    framework = make_framework(["1", "2"], [50, 50], decimals=False,
                               track_records=(TrackRecord("1", 4),), lagged=("2",))
    catalogue = Catalogue(framework, (
        Action("A", "a", (Effect("1", 4),), 1.0),
        Action("C", "c", (Effect("2", 3),), 1.0),
    ))
    problem = PlanningProblem(Assessment(framework, {"1": 2.0, "2": 1.0}), catalogue)
    assert problem.unreachable == {("1", 4), ("1", 5), ("2", 2), ("2", 3), ("2", 4),
                                   ("2", 5)} & set(problem.new_nodes)
    outcome = expected_outcome(problem, ["A", "C"])
    assert outcome.node_probabilities == {("1", 3): 1.0}  # 3 yes, 4 not this year
    ahead = PlanningProblem(Assessment(framework, {"1": 3.0, "2": 1.0}), catalogue)
    assert expected_outcome(ahead, ["A"]).node_probabilities == {("1", 4): 1.0}


@settings(max_examples=60, deadline=None)
@given(instances(max_actions=7, constraints=False), st.data())
def test_expected_outcome_equals_direct_enumeration(case: Instance, data: st.DataObject
                                                    ) -> None:
    problem = case.problem
    selected = data.draw(st.sets(st.sampled_from(problem.catalogue.ids)))
    brute = BruteForce(problem)
    outcome = expected_outcome(problem, selected)
    assert outcome.method == "exact"
    assert outcome.expected_index == pytest.approx(brute.expected(selected), abs=1e-9)
    for indicator in problem.framework.indicator_ids:
        assert outcome.expected_values[indicator] == pytest.approx(
            brute.expected_value(selected, indicator), abs=1e-9)
    for node in problem.new_nodes:
        assert outcome.node_probabilities.get(node, 0.0) == pytest.approx(
            brute.node_probability(selected, node), abs=1e-9)
    for action_id in problem.catalogue.ids:
        toggled = selected ^ {action_id}
        assert gain_delta(problem, selected, action_id) == pytest.approx(
            brute.expected(toggled) - brute.expected(selected), abs=1e-9)
    assert math.isclose(sum(outcome.node_probabilities.get(n, 0.0) * problem.gains[n]
                            for n in problem.new_nodes) + problem.index_before,
                        outcome.expected_index, abs_tol=1e-9)
