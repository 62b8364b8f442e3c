"""The greedy baseline: hand-checked picks, and always a valid plan on random instances."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.greedy import greedy_plan, greedy_selection
from roadmap.optimizer import PlanOptions
from roadmap.problem import PlanningProblem
from tests.strategies import Instance, instances, make_framework
from tests.test_optimizer import JT, BruteForce, tiny_problem


def test_best_gain_per_rupiah_first() -> None:
    # X: 0.3 per 100 jt; A: 0.1 per 150 jt; B: nothing until A is in, then 0.6 per 100 jt.
    problem = tiny_problem()
    assert greedy_selection(problem, PlanOptions(budget=250 * JT)) == ("X", "A")
    assert greedy_selection(problem, PlanOptions(budget=350 * JT)) == ("X", "A", "B")
    assert greedy_selection(problem, PlanOptions(budget=99 * JT)) == ()


def test_greedy_plan_is_a_heuristic_plan() -> None:
    plan = greedy_plan(tiny_problem(), PlanOptions(budget=250 * JT))
    assert plan.status == "heuristic" and not plan.proven_optimal
    assert plan.solver == "greedy"
    assert plan.selected_ids == ("X", "A")  # ranked: larger marginal gain first
    assert plan.expected_index == pytest.approx(1.4)
    assert plan.total_cost == 250 * JT


def test_start_and_force_are_kept() -> None:
    problem = tiny_problem()
    assert greedy_selection(problem, PlanOptions(budget=250 * JT, force=("B",))) == ("B", "A")
    assert greedy_selection(problem, PlanOptions(budget=250 * JT), start=("A",)) == ("A", "B")


def test_respects_opd_limits() -> None:
    problem = tiny_problem()  # A: Bappeda; B and X: Diskominfo
    options = PlanOptions(budget=350 * JT, opd_max_actions={"Diskominfo": 1})
    assert greedy_selection(problem, options) == ("X", "A")
    options = PlanOptions(budget=350 * JT, opd_budgets={"Diskominfo": 150 * JT})
    assert greedy_selection(problem, options) == ("X", "A")
    options = PlanOptions(budget=350 * JT, opd_budgets={"Bappeda": 100 * JT})
    assert greedy_selection(problem, options) == ("X",)


def test_month_limit_counts_every_named_alternative() -> None:
    """C requires A or B. Per rupiah B (0.5 per 5 jt) and then C come first; buying A (6
    months) after them would make C wait for A as well: 6 + 1 = 7 months, beyond 6."""
    framework = make_framework(["1", "2"], [50, 50], decimals=False)
    catalogue = Catalogue(framework, (
        Action("A", "a", (Effect("1", 2),), 50 * JT, months=6),
        Action("B", "b", (Effect("1", 1),), 5 * JT),
        Action("C", "c", (Effect("1", 1), Effect("2", 1)), 1 * JT, months=1,
               requires=(("A", "B"),)),
    ))
    problem = PlanningProblem(Assessment(framework, {"1": 0.0, "2": 0.0}), catalogue)
    assert greedy_selection(problem, PlanOptions(budget=100 * JT, max_months=6)) == ("B", "C")
    assert greedy_selection(problem, PlanOptions(budget=100 * JT, max_months=7)) == (
        "B", "C", "A")


def test_forced_action_brings_its_prerequisite() -> None:
    """B is forced and requires Z or Y; Z earns nothing (blocked), yet one of them must be
    bought: the cheaper, Z."""
    framework = make_framework(["1", "2", "3"], [10, 60, 30], decimals=False)
    catalogue = Catalogue(framework, (
        Action("Y", "y", (Effect("2", 2),), 20 * JT),
        Action("Z", "z", (Effect("2", 2),), 10 * JT),
        Action("B", "b", (Effect("3", 2),), 20 * JT, requires=(("Y", "Z"),)),
    ))
    problem = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0, "3": 1.0}), catalogue,
                              (Rule("2", 2, "1", 2),))
    assert greedy_selection(problem, PlanOptions(budget=100 * JT, force=("B",))) == ("B", "Z")


@settings(max_examples=60, deadline=None)
@given(instances(max_actions=7))
def test_greedy_plans_are_valid_and_not_above_the_optimum(case: Instance) -> None:
    brute = BruteForce(case.problem)
    best = brute.optimum(case.options)
    if best is None:
        return  # no valid plan at all: the greedy has nothing to be compared with
    selected = greedy_selection(case.problem, case.options)
    assert brute.valid(selected, case.options), selected
    assert brute.expected(selected) <= best + 1e-9
