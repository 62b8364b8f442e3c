"""Budget scenarios, the exact efficient frontier, minimum budgets and marginal gains.

The frontier is checked against hand computations, against brute force (every feasible plan
of small random catalogues, valued with the exact expectation), and against ``optimize`` on a
fine sweep of budgets where the optimizer's model is exact.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence

import numpy as np
import pytest

from roadmap import scenarios
from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.errors import InputError
from roadmap.expectation import expected_outcome, node_probability
from roadmap.framework import Band, Framework, Group, Indicator, ValueScale
from roadmap.io.inputs import load_inputs
from roadmap.optimizer import PlanOptions, build_model, candidate_actions, optimize
from roadmap.problem import PlanningProblem
from roadmap.scenarios import (
    FrontierPoint,
    budget_scenarios,
    efficient_frontier,
    marginal_per_100jt,
    minimum_budgets,
    plan_factors,
    subsets,
    success_expectation,
)
from tests.conftest import EXAMPLES

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


def steps(frontier: Sequence[FrontierPoint]) -> list[tuple[float, float]]:
    return [(p.cost, round(p.expected_index, 9)) for p in frontier]


def assert_same_steps(found: list[tuple[float, float]], expected: list[tuple[float, float]],
                      tolerance: float = 1e-9) -> None:
    assert [c for c, _ in found] == [c for c, _ in expected]
    assert [v for _, v in found] == pytest.approx([v for _, v in expected], abs=tolerance)


def value_at(frontier: Sequence[FrontierPoint], budget: float) -> float:
    return max(p.expected_index for p in frontier if p.cost <= budget + 0.5)


# --- Brute force ----------------------------------------------------------------------------

def feasible(problem: PlanningProblem, options: PlanOptions, plan: set[str]) -> bool:
    """Every constraint of the optimizer, checked directly on one plan."""
    catalogue = problem.catalogue
    if not set(options.force) <= plan:
        return False
    for a in plan:
        for group in catalogue.get(a).requires:
            if not any(b in plan or b in problem.done_actions for b in group):
                return False
    if options.max_months is not None:
        finish: dict[str, int] = {}

        def done_by(a: str) -> int:
            if a not in finish:
                before = [done_by(b) for b in catalogue.get(a).required_ids if b in plan]
                finish[a] = (catalogue.get(a).months or 0) + max(before, default=0)
            return finish[a]

        if any(done_by(a) > options.max_months for a in plan):
            return False
    for opd, limit in options.opd_budgets.items():
        if sum(catalogue.get(a).cost for a in plan if catalogue.get(a).opd == opd) > limit:
            return False
    for opd, count in options.opd_max_actions.items():
        if sum(catalogue.get(a).opd == opd for a in plan) > count:
            return False
    return True


def brute_frontier(problem: PlanningProblem, options: PlanOptions, max_budget: float
                   ) -> list[tuple[float, float]]:
    """Every feasible plan within ``max_budget``, valued exactly, reduced to its steps."""
    ids = [a.id for a in candidate_actions(problem, options)]
    plans = []
    for size in range(len(ids) + 1):
        for plan in itertools.combinations(ids, size):
            cost = sum(problem.catalogue.get(a).cost for a in plan)
            if cost <= max_budget and feasible(problem, options, set(plan)):
                plans.append((cost, expected_outcome(problem, plan).expected_index))
    result: list[tuple[float, float]] = []
    for cost, value in sorted(plans, key=lambda p: (p[0], -p[1])):
        if not result or value > result[-1][1] + 1e-9:
            result.append((cost, round(value, 9)))
    return result


def random_problem(seed: int) -> tuple[PlanningProblem, PlanOptions]:
    """A small random instance: 3-4 indicators (whole or decimal values), rules along a random
    order, 5-9 actions with one or two effects, probabilities, months, explicit prerequisites
    with alternatives, sometimes a forced action and a month limit."""
    rng = random.Random(seed)
    decimals = rng.random() < 0.4
    fw = framework([rng.randint(1, 20) for _ in range(rng.randint(3, 4))], decimals=decimals)
    ids = list(fw.indicator_ids)
    pool = (1.0, 1.0, 1.26, 1.5, 2.0, 2.4) if decimals else (0.0, 1.0, 1.0, 2.0, 3.0)
    values = {i: rng.choice(pool) for i in ids}
    order = rng.sample(ids, len(ids))
    rules = []
    for _ in range(rng.randint(0, 3)):
        j, k = sorted(rng.sample(range(len(order)), 2))
        rules.append(Rule(order[k], rng.randint(2, 4), order[j], rng.randint(2, 3)))
    actions: list[Action] = []
    for n in range(rng.randint(5, 9)):
        effects = {i: rng.randint(2, 4) for i in rng.sample(ids, rng.choice((1, 1, 1, 2)))}
        requires: tuple[tuple[str, ...], ...] = ()
        if actions and rng.random() < 0.35:
            requires = (tuple(rng.sample([a.id for a in actions],
                                         min(len(actions), rng.choice((1, 1, 2))))),)
        actions.append(Action(
            f"A{n}", f"aksi {n}", tuple(Effect(i, lvl) for i, lvl in effects.items()),
            10 * JT * rng.randint(1, 6), rng.choice((1.0, 1.0, 0.9, 0.8, 0.6)),
            rng.choice((None, 2, 4, 6)), rng.choice(("Diskominfo", "Bappeda")), requires))
    problem = PlanningProblem(Assessment(fw, values), Catalogue(fw, tuple(actions)),
                              tuple(rules))
    candidates = [a.id for a in candidate_actions(problem, PlanOptions(max_months=None))]
    force = (rng.choice(candidates),) if candidates and rng.random() < 0.2 else ()
    months = rng.choice((None, 12, 8))
    options = PlanOptions(force=force, max_months=months)
    if force and not any(feasible(problem, options, set(c)) for r in range(len(candidates) + 1)
                         for c in itertools.combinations(candidates, r)):
        options = replace_options(options, force=())
    return problem, options


def replace_options(options: PlanOptions, **changes: object) -> PlanOptions:
    from dataclasses import replace

    return replace(options, **changes)  # type: ignore[arg-type]


# --- The frontier -----------------------------------------------------------------------------

def test_frontier_by_hand() -> None:
    frontier = efficient_frontier(hand_problem(), 50 * JT, PlanOptions())
    assert steps(frontier) == [(0.0, 1.0), (10 * JT, 1.4), (20 * JT, 1.6), (25 * JT, 1.8),
                               (30 * JT, 2.0), (45 * JT, 2.4)]
    assert [p.selected for p in frontier] == [(), ("A",), ("B",), ("A", "C"), ("A", "B"),
                                              ("A", "B", "C")]


def test_frontier_stops_at_the_maximum_budget() -> None:
    frontier = efficient_frontier(hand_problem(), 29 * JT, PlanOptions())
    assert steps(frontier)[-1] == (25 * JT, 1.8)


def test_forced_action_starts_the_frontier() -> None:
    frontier = efficient_frontier(hand_problem(), 50 * JT, PlanOptions(force=("B",)))
    assert steps(frontier) == [(20 * JT, 1.6), (30 * JT, 2.0), (45 * JT, 2.4)]
    with pytest.raises(InputError, match="dipaksa"):
        efficient_frontier(hand_problem(), 15 * JT, PlanOptions(force=("B",)))


def test_budget_and_target_of_the_options_are_ignored() -> None:
    frontier = efficient_frontier(hand_problem(), 50 * JT,
                                  PlanOptions(budget=5 * JT, target=2.0))
    assert len(frontier) == 6


@pytest.mark.parametrize("leaf", [2, scenarios.LEAF_ACTIONS])
@pytest.mark.parametrize("seed", range(40))
def test_frontier_equals_brute_force(seed: int, leaf: int,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Exact under the design's semantics, whether the optimizer's model is exact or not;
    a leaf size of 2 makes the search branch on almost every action."""
    monkeypatch.setattr(scenarios, "LEAF_ACTIONS", leaf)
    problem, options = random_problem(seed)
    limit = 150 * JT
    frontier = efficient_frontier(problem, limit, options)
    assert_same_steps(steps(frontier), brute_frontier(problem, options, limit))
    for point in frontier:
        assert feasible(problem, options, set(point.selected))
        assert point.cost == sum(problem.catalogue.get(a).cost for a in point.selected)
        assert point.expected_index == pytest.approx(
            expected_outcome(problem, point.selected).expected_index, abs=1e-12)


def test_monotone_in_cost_and_value_on_the_bundled_example() -> None:
    problem = load_inputs(EXAMPLES / "spbe-cukup.csv").problem
    frontier = efficient_frontier(problem, 2000 * JT, PlanOptions())
    costs = [p.cost for p in frontier]
    values = [p.expected_index for p in frontier]
    assert costs[0] == 0.0 and values[0] == problem.index_before
    assert all(b > a for a, b in itertools.pairwise(costs)) and costs[-1] <= 2000 * JT
    assert all(b > a for a, b in itertools.pairwise(values))
    for point in frontier[::25]:
        assert point.expected_index == pytest.approx(
            expected_outcome(problem, point.selected).expected_index, abs=1e-12)
    for budget in (500 * JT, 1500 * JT):  # the model is not exact here: never below optimize
        plan = optimize(problem, PlanOptions(budget=budget, solver="highs"))
        assert value_at(frontier, budget) >= plan.expected_index - 1e-9


def exact_problems() -> list[PlanningProblem]:
    """Instances whose optimizer model is exact: all certain (with bundles, alternatives and a
    rule), or uncertain with one provider per node."""
    fw = framework([10, 20, 30, 40])
    certain = Catalogue(fw, (
        Action("P1", "p", (Effect("1", 2),), 20 * JT),
        Action("P2", "p", (Effect("1", 3),), 15 * JT, requires=(("P1", "K"),)),
        Action("Q", "q", (Effect("2", 2),), 25 * JT),
        Action("R", "r", (Effect("3", 2),), 30 * JT),
        Action("R3", "r", (Effect("3", 3),), 20 * JT, requires=(("R",),)),
        Action("S", "s", (Effect("4", 3),), 45 * JT),
        Action("K", "bundel", (Effect("1", 2), Effect("2", 2)), 40 * JT),
    ))
    rules = (Rule("3", 3, "1", 3), Rule("4", 3, "2", 2))
    values = {"1": 1.0, "2": 1.0, "3": 1.0, "4": 2.0}
    single = Catalogue(fw, (
        Action("P", "p", (Effect("1", 3),), 20 * JT, 0.8),
        Action("Q", "q", (Effect("2", 2),), 25 * JT, 0.6),
        Action("R", "r", (Effect("3", 2),), 15 * JT, 0.9),
        Action("S", "s", (Effect("4", 4),), 35 * JT, 0.7),
    ))
    return [PlanningProblem(Assessment(fw, values), certain, rules),
            PlanningProblem(Assessment(fw, values), single, rules)]


@pytest.mark.parametrize("problem", exact_problems())
def test_frontier_equals_optimize_on_a_fine_sweep(problem: PlanningProblem) -> None:
    options = PlanOptions(solver="highs")
    assert build_model(problem, replace_options(options, budget=200 * JT)).exact
    frontier = efficient_frontier(problem, 200 * JT, options)
    for budget in np.arange(0, 200 * JT + 1, 5 * JT):
        plan = optimize(problem, replace_options(options, budget=float(budget)))
        assert value_at(frontier, budget) == pytest.approx(plan.expected_index, abs=1e-9)


@pytest.mark.parametrize("solver", ["highs", "cbc"])
@pytest.mark.parametrize("problem", exact_problems())
def test_milp_fallback_equals_the_search(problem: PlanningProblem, solver: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    options = PlanOptions(solver=solver)
    exact = efficient_frontier(problem, 200 * JT, options)
    calls = []
    milp = scenarios._milp_frontier
    monkeypatch.setattr(scenarios, "SEARCH_LIMIT", 0)  # the search gives up at once
    monkeypatch.setattr(scenarios, "_milp_frontier", lambda *a: calls.append(a) or milp(*a))
    assert_same_steps(steps(efficient_frontier(problem, 200 * JT, options)), steps(exact), 1e-6)
    assert len(calls) == 1


def test_opd_limits_use_the_milp_and_hold() -> None:
    problem = exact_problems()[0]
    options = PlanOptions(solver="highs", opd_max_actions={"": 2})
    frontier = efficient_frontier(problem, 200 * JT, options)
    assert all(len(p.selected) <= 2 for p in frontier)
    assert_same_steps(steps(frontier), brute_frontier(problem, options, 200 * JT), 1e-6)
    for budget in (40 * JT, 65 * JT, 90 * JT):
        plan = optimize(problem, replace_options(options, budget=budget))
        assert value_at(frontier, budget) == pytest.approx(plan.expected_index, abs=1e-9)


def test_factors_cover_the_plan_value_and_constraints() -> None:
    problem, options = random_problem(3)
    candidates = candidate_actions(problem, options)
    factors = plan_factors(problem, options, candidates)
    assert factors is not None
    ids = [a.id for a in candidates]
    for size in range(len(ids) + 1):
        for plan in itertools.combinations(range(len(ids)), size):
            chosen = {k: k in plan for k in range(len(ids))}
            allowed = all(bool(f.at({}, chosen, 1)[0]) for f in factors if f.feasibility)
            value = sum(float(f.at({}, chosen, 1)[0]) for f in factors if not f.feasibility)
            names = {ids[k] for k in plan}
            assert allowed == feasible(problem, options, names)
            assert problem.index_before + value == pytest.approx(
                expected_outcome(problem, names).expected_index)


def test_success_expectation_matches_node_probability() -> None:
    problem = load_inputs(EXAMPLES / "spbe-cukup.csv").problem
    node = ("29", 3)
    providers = sorted({a for m in problem.closures[node] for a in problem.providers[m]})
    top = {i: max(lvl for j, lvl in problem.closures[node] if j == i)
           for i, _ in problem.closures[node]}
    needed = sorted({a for i, lvl in top.items() for a in problem.providers[(i, lvl)]})
    assert set(needed) < set(providers)  # lower-level steps are not needed
    rows = subsets(len(needed))
    covered = np.ones(len(rows), dtype=bool)
    for i, lvl in top.items():
        covered &= rows[:, [needed.index(a) for a in problem.providers[(i, lvl)]]].any(axis=1)
    table = success_expectation(covered, [problem.probability[a] for a in needed])
    rng = random.Random(5)
    for mask in rng.sample(range(len(rows)), 40):
        plan = frozenset(a for j, a in enumerate(needed) if mask >> j & 1)
        assert table[mask] == pytest.approx(node_probability(problem, plan, node)[0])


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


def test_marginal_per_100jt_by_hand() -> None:
    frontier = efficient_frontier(hand_problem(), 50 * JT, PlanOptions())
    marginal = marginal_per_100jt(frontier)
    # 0 -> 10 jt: +0.4 (4 per 100 jt); 10 -> 20 jt: +0.2; 20 -> 25: +0.2; 25 -> 30: +0.2;
    # 30 -> 45 jt: +0.4 over 15 jt.
    assert [b for b, _ in marginal] == [10 * JT, 20 * JT, 25 * JT, 30 * JT, 45 * JT]
    assert [m for _, m in marginal] == pytest.approx([4.0, 2.0, 4.0, 4.0, 0.4 / 15 * 100])
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


@pytest.mark.parametrize("seed", [1, 2, 5, 8])
def test_milp_fallback_is_monotone_and_never_above_the_optimum(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the optimizer's model is a lower bound, the fallback's steps are real plans with
    their exact values, rising, and never above the true optimum (brute force)."""
    problem, options = random_problem(seed)
    options = replace_options(options, solver="highs")
    monkeypatch.setattr(scenarios, "SEARCH_LIMIT", 0)
    frontier = efficient_frontier(problem, 150 * JT, options)
    best = brute_frontier(problem, options, 150 * JT)
    assert all(b.cost > a.cost and b.expected_index > a.expected_index
               for a, b in itertools.pairwise(frontier))
    for point in frontier:
        assert feasible(problem, options, set(point.selected))
        assert point.expected_index == pytest.approx(
            expected_outcome(problem, point.selected).expected_index, abs=1e-12)
        assert point.expected_index <= max(v for c, v in best if c <= point.cost) + 1e-9


def test_minimum_budgets_agree_with_the_frontier_on_the_bundled_example() -> None:
    problem = load_inputs(EXAMPLES / "spbe-cukup.csv").problem
    minimums = minimum_budgets(problem, PlanOptions(solver="highs"))
    assert set(minimums) == {"Baik", "Sangat Baik", "Memuaskan"}
    frontier = efficient_frontier(problem, 3000 * JT, PlanOptions())
    first = next(p for p in frontier if p.expected_index >= 2.6 - 1e-9)
    assert minimums["Baik"] == first.cost
    # Target mode works on the optimizer's lower bound: its cheapest plan costs at least that.
    target = optimize(problem, PlanOptions(target=2.6, solver="highs"))
    assert target.expected_index >= 2.6 and target.total_cost >= first.cost
    assert minimums["Sangat Baik"] is None and minimums["Memuaskan"] is None


def test_minimum_budgets_use_target_mode_with_opd_limits() -> None:
    problem = exact_problems()[0]  # index 1.4; Cukup from 1.8
    options = PlanOptions(solver="highs", opd_max_actions={"": 3})
    plan = optimize(problem, replace_options(options, target=1.8))
    assert minimum_budgets(problem, options)["Cukup"] == plan.total_cost
    frontier = efficient_frontier(problem, 500 * JT, options)
    assert plan.total_cost == next(p.cost for p in frontier if p.expected_index >= 1.8 - 1e-9)
