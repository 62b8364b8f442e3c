"""Budget scenarios, the efficient frontier, minimum budgets and marginal gains.

Checked against hand computations and against brute force (every valid plan of small random
instances, valued by the brute force's own reading of the semantics).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.errors import InputError
from roadmap.framework import Band, Framework, Group, Indicator, ValueScale
from roadmap.io.inputs import load_inputs
from roadmap.optimizer import PlanOptions, optimize
from roadmap.problem import PlanningProblem
from roadmap.scenarios import (
    FrontierPoint,
    budget_scenarios,
    efficient_frontier,
    marginal_per_100jt,
    minimum_budgets,
)
from tests.conftest import EXAMPLES
from tests.strategies import Instance, instances
from tests.test_optimizer import BruteForce

JT = 1_000_000.0


def framework(weights: Sequence[float], *, decimals: bool = False, top: int = 4) -> Framework:
    """Indicators "1".."n" (or "I1".."In" with decimals) with the given weights; bands
    Kurang 0, Cukup 1.8, Baik 2.6, Sangat Baik 3.5."""
    ids = [f"I{k}" if decimals else str(k) for k in range(1, len(weights) + 1)]
    total = float(sum(weights))
    return Framework(
        id="uji", title="Kerangka uji", index_name="Indeks Uji",
        id_style="text" if decimals else "number", group_kinds=("aspect",),
        group_labels={"aspect": "Aspek"}, total_weight=total,
        value=ValueScale(min=1, max=top, whole=not decimals, allow_zero=not decimals,
                         decimals=2 if decimals else 0),
        levels={level: (f"Tingkat {level}",) for level in range(1, top + 1)},
        predicates=(Band("Kurang", 0.0), Band("Cukup", 1.8), Band("Baik", 2.6),
                    Band("Sangat Baik", 3.5)),
        indicators=tuple(Indicator(i, i, f"Indikator {i}", float(w), {"aspect": "A"})
                         for i, w in zip(ids, weights, strict=True)),
        groups=(Group("aspect", "A", "Aspek uji", total),),
    )


def hand_problem() -> PlanningProblem:
    """Two indicators of weight 40 and 60 at level 1 (index 1.0), all actions certain.
    A: 1 to 2 (10 jt, +0.4); C: 1 to 3 after A (15 jt, +0.4); B: 2 to 2 (20 jt, +0.6).
    Plans: {} 1.0, A 10 jt 1.4, B 20 jt 1.6, AC 25 jt 1.8, AB 30 jt 2.0, ACB 45 jt 2.4."""
    fw = framework([40, 60])
    catalogue = Catalogue(fw, (
        Action("A", "a", (Effect("1", 2),), 10 * JT),
        Action("B", "b", (Effect("2", 2),), 20 * JT),
        Action("C", "c", (Effect("1", 3),), 15 * JT, requires=(("A",),)),
    ))
    return PlanningProblem(Assessment(fw, {"1": 1.0, "2": 1.0}), catalogue)


# --- Minimum budgets, marginal gains, scenarios ----------------------------------------------

def test_minimum_budgets_by_hand() -> None:
    # Cukup (1.8) costs A + C = 25 jt; Baik (2.6) is out of reach (2.4 at most).
    result = minimum_budgets(hand_problem(), PlanOptions())
    assert result == {"Cukup": 25 * JT, "Baik": None, "Sangat Baik": None}
    assert minimum_budgets(hand_problem(), PlanOptions(), max_budget=20 * JT) == {
        "Cukup": None, "Baik": None, "Sangat Baik": None}


def test_minimum_budgets_skip_bands_already_reached() -> None:
    problem = hand_problem()
    ahead = PlanningProblem(problem.assessment.with_values({"1": 2.0, "2": 2.0}),
                            problem.catalogue)
    assert minimum_budgets(ahead, PlanOptions()) == {"Baik": None, "Sangat Baik": None}


def test_frontier_by_hand() -> None:
    """Five budgets 0, 10, 20, 30, 40 jt and the Cukup minimum 25 jt; the best plans are
    {} 1.0, A 1.4, B 1.6, AC 1.8 (25 jt), AB 2.0 (30 jt) and AB again at 40 jt (dropped)."""
    frontier = efficient_frontier(hand_problem(), 40 * JT, PlanOptions(), points=5,
                                  minimums={"Cukup": 25 * JT})
    assert [(p.cost, round(p.expected_index, 9)) for p in frontier] == [
        (0.0, 1.0), (10 * JT, 1.4), (20 * JT, 1.6), (25 * JT, 1.8), (30 * JT, 2.0)]
    marginal = marginal_per_100jt(frontier)
    assert [b for b, _ in marginal] == [10 * JT, 20 * JT, 25 * JT, 30 * JT]
    assert [m for _, m in marginal] == pytest.approx([4.0, 2.0, 4.0, 4.0])
    assert marginal_per_100jt(frontier[:1]) == []


def test_budget_scenarios_keep_the_order_and_report_progress() -> None:
    problem = hand_problem()
    calls: list[tuple[int, int]] = []
    plans = budget_scenarios(problem, [30 * JT, 10 * JT, 0.0], PlanOptions(target=9.0),
                             progress=lambda done, total: calls.append((done, total)))
    assert [p.budget for p in plans] == [30 * JT, 10 * JT, 0.0]
    assert [round(p.expected_index, 9) for p in plans] == [2.0, 1.4, 1.0]
    assert all(p.target is None for p in plans)
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_budget_scenarios_in_processes_match() -> None:
    problem = hand_problem()
    budgets = [10 * JT, 25 * JT, 45 * JT]
    serial = budget_scenarios(problem, budgets, PlanOptions())
    parallel = budget_scenarios(problem, budgets, PlanOptions(), n_jobs=2)
    assert [p.selected_ids for p in parallel] == [p.selected_ids for p in serial]
    assert [p.expected_index for p in parallel] == [p.expected_index for p in serial]


def test_budget_scenarios_raise_the_optimizer_error() -> None:
    with pytest.raises(InputError, match="dipaksa"):
        budget_scenarios(hand_problem(), [5 * JT], PlanOptions(force=("B",)))


def test_marginal_is_per_rupiah_times_100_juta() -> None:
    points = [FrontierPoint(0.0, 2.0, ()), FrontierPoint(50 * JT, 2.1, ("X",))]
    assert marginal_per_100jt(points) == [(50 * JT, pytest.approx(0.2))]
    assert math.isclose(marginal_per_100jt(list(reversed(points)))[0][1], 0.2)




def test_frontier_raises_when_nothing_fits() -> None:
    with pytest.raises(InputError):
        efficient_frontier(hand_problem(), 15 * JT, PlanOptions(force=("B",)))


PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@PROPERTY
@given(instances(max_actions=6))
def test_frontier_points_are_the_optimum_at_their_budget(case: Instance) -> None:
    brute = BruteForce(case.problem)
    options = replace(case.options, budget=None)
    top = sum(a.cost for a in case.problem.catalogue)
    try:
        frontier = efficient_frontier(case.problem, top, options, points=4)
    except InputError:
        assert brute.optimum(replace(options, budget=top)) is None
        return
    for earlier, later in itertools.pairwise(frontier):
        assert later.cost > earlier.cost and later.expected_index > earlier.expected_index
    for point in frontier:
        assert brute.valid(point.selected, replace(options, budget=point.cost))
        assert point.expected_index == pytest.approx(brute.expected(point.selected), abs=1e-9)
        best = brute.optimum(replace(options, budget=point.cost))
        assert best is not None and point.expected_index == pytest.approx(best, abs=1e-9)


@PROPERTY
@given(instances(max_actions=6))
def test_minimum_budgets_are_the_cheapest_plan_reaching_each_band(case: Instance) -> None:
    problem, options = case.problem, replace(case.options, budget=None)
    brute = BruteForce(problem)
    plans = brute.valid_plans(options)
    result = minimum_budgets(problem, options)
    for band in problem.framework.predicates:
        if not problem.index_before < band.min <= problem.framework.value.max:
            assert band.name not in result
            continue
        reaching = [brute.cost(s) for s in plans if brute.expected(s) >= band.min - 1e-9]
        expected = min(reaching) if reaching else None
        assert result[band.name] == (pytest.approx(expected) if expected is not None else None)


def test_minimum_budgets_equal_plan_target_on_the_bundled_examples() -> None:
    for name in ("spbe-cukup.csv", "pemdi-kurang.csv"):
        problem = load_inputs(EXAMPLES / name).problem
        minimums = minimum_budgets(problem, PlanOptions())
        for band, cost in minimums.items():
            if cost is None:
                with pytest.raises(InputError):
                    optimize(problem, PlanOptions(target=problem.framework.band(band).min))
                continue
            plan = optimize(problem, PlanOptions(target=problem.framework.band(band).min))
            assert plan.total_cost == cost and plan.proven_optimal
            assert plan.expected_index >= problem.framework.band(band).min - 1e-9


def test_frontier_includes_the_budgets_asked_for() -> None:
    """With only the ends of the range (0 and 40 jt), the asked 25 jt still appears exactly."""
    frontier = efficient_frontier(hand_problem(), 40 * JT, PlanOptions(), points=2,
                                  budgets=(25 * JT,))
    assert [(p.cost, round(p.expected_index, 9)) for p in frontier] == [
        (0.0, 1.0), (25 * JT, 1.8), (30 * JT, 2.0)]
