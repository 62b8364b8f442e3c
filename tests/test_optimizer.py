"""The optimizer against an independent brute force, and on cases checked by hand.

``BruteForce`` enumerates every subset of a small catalogue, keeps the valid ones (budget,
explicit prerequisites with alternatives or already done, exclusive groups, force, exclude, OPD
limits, month limit) and computes the exact expected index of each by enumerating every draw
outcome of its actions directly from the semantics of the design card — not through
``roadmap.expectation``: an action succeeds iff its draw succeeds and each ``requires`` group
has an alternative done or succeeded; a node counts iff its lower level counts, some succeeded
selected action provides it, all its rule prerequisites count, its indicator is not lagged and
its track record (the level below held at the start of the year) holds; levels already
achieved always count.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.errors import InputError
from roadmap.greedy import greedy_plan
from roadmap.io.assessment_file import read_assessment
from roadmap.io.framework_files import load_framework
from roadmap.io.rules_file import read_default_rules
from roadmap.model import build_model, cost_unit
from roadmap.nodes import Node
from roadmap.optimizer import optimize, solve
from roadmap.options import PlanOptions, candidate_actions, chain_months, validate_options
from roadmap.problem import PlanningProblem
from tests.conftest import EXAMPLES
from tests.strategies import (
    Instance,
    instances,
    make_framework,
    plan_options,
    sub_catalogues,
)

JT = 1_000_000
PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


class BruteForce:
    """Exhaustive planner for catalogues of at most about ten actions."""

    def __init__(self, problem: PlanningProblem) -> None:
        self.problem = problem
        self.actions = {a.id: a for a in problem.catalogue}
        self.values = dict(problem.assessment.values)
        self.rules: dict[Node, list[Node]] = defaultdict(list)
        for rule in problem.rules:
            self.rules[rule.node].append(rule.required_node)
        self.done = frozenset(a.id for a in problem.catalogue
                              if all(self.values[e.indicator] >= e.level for e in a.effects))
        self._outcomes: dict[frozenset[str], tuple[dict[str, float], frozenset[Node]]] = {}

    def outcome(self, succeeded: frozenset[str]) -> tuple[dict[str, float], frozenset[Node]]:
        """Indicator values next year and the new nodes achieved when exactly the actions
        ``succeeded`` succeed."""
        if succeeded not in self._outcomes:
            framework = self.problem.framework
            reach: dict[str, int] = {}
            for action_id in succeeded:
                for effect in self.actions[action_id].effects:
                    reach[effect.indicator] = max(reach.get(effect.indicator, 0), effect.level)
            memo: dict[Node, bool] = {}

            lagged = {i.id for i in framework.indicators if i.lagged}

            def record_holds(indicator: str, level: int) -> bool:
                years = framework.track_record_years(indicator, level)
                return years == 0 or (years == 1 and self.values[indicator] >= level - 1)

            def counts(node: Node) -> bool:
                indicator, level = node
                if level <= self.values[indicator]:
                    return True
                if node not in memo:
                    memo[node] = ((level == 1 or counts((indicator, level - 1)))
                                  and reach.get(indicator, 0) >= level
                                  and indicator not in lagged
                                  and record_holds(indicator, level)
                                  and all(counts(m) for m in self.rules[node]))
                return memo[node]

            values = dict(self.values)
            achieved = set()
            for indicator in framework.indicator_ids:
                for level in range(1, framework.max_level + 1):
                    if level > self.values[indicator] and counts((indicator, level)):
                        values[indicator] = level
                        achieved.add((indicator, level))
            self._outcomes[succeeded] = (values, frozenset(achieved))
        return self._outcomes[succeeded]

    def outcome_index(self, succeeded: frozenset[str]) -> float:
        """The index next year when exactly the actions ``succeeded`` succeed."""
        values, _ = self.outcome(succeeded)
        weights = {i.id: i.weight for i in self.problem.framework.indicators}
        return sum(weights[i] * values[i] for i in weights) / sum(weights.values())

    def succeeded(self, chosen: Collection[str], drawn: frozenset[str]) -> frozenset[str]:
        """The actions that succeed when exactly ``drawn`` of ``chosen`` pass their own draw:
        what builds on a rejected (or missing) deliverable is rejected too (a fixpoint)."""
        ok = set(drawn)
        changed = True
        while changed:
            changed = False
            for a in sorted(ok):
                if not all(any(b in self.done or b in ok for b in group)
                           for group in self.actions[a].requires):
                    ok.discard(a)
                    changed = True
        return frozenset(ok)

    def expectation(self, selected: Iterable[str],
                    measure: Callable[[frozenset[str]], float]) -> float:
        """Exact expectation of ``measure`` (a function of the succeeded actions) over all
        2^k draw outcomes of ``selected``."""
        chosen = sorted(set(selected))
        p = {a: self.actions[a].probability for a in chosen}
        expected = 0.0
        for outcome in itertools.product((True, False), repeat=len(chosen)):
            weight = math.prod(p[a] if ok else 1 - p[a]
                               for a, ok in zip(chosen, outcome, strict=True))
            if weight:
                drawn = frozenset(a for a, ok in zip(chosen, outcome, strict=True) if ok)
                expected += weight * measure(self.succeeded(chosen, drawn))
        return expected

    def expected(self, selected: Iterable[str]) -> float:
        """Exact expected index of ``selected``."""
        return self.expectation(selected, self.outcome_index)

    def expected_value(self, selected: Iterable[str], indicator: str) -> float:
        return self.expectation(selected, lambda s: self.outcome(s)[0][indicator])

    def node_probability(self, selected: Iterable[str], node: Node) -> float:
        return self.expectation(selected, lambda s: float(node in self.outcome(s)[1]))

    def cost(self, selected: Iterable[str]) -> float:
        return sum(self.actions[a].cost for a in selected)

    def valid(self, selected: Collection[str], options: PlanOptions) -> bool:
        """Whether a plan satisfies every constraint. Already-done actions are never selected
        (they add nothing, and they meet a ``requires`` without being bought)."""
        chosen = set(selected)
        if chosen & self.done or chosen & set(options.exclude):
            return False
        if not set(options.force) <= chosen:
            return False
        if options.budget is not None and self.cost(chosen) > options.budget + 1e-6:
            return False
        for action_id in chosen:
            for group in self.actions[action_id].requires:
                if not any(b in chosen or b in self.done for b in group):
                    return False
        groups = [g for a in chosen for g in self.actions[a].groups]
        if len(groups) != len(set(groups)):
            return False
        for opd, limit in options.opd_budgets.items():
            if self.cost(a for a in chosen if self.actions[a].opd == opd) > limit + 1e-6:
                return False
        for opd, count in options.opd_max_actions.items():
            if sum(1 for a in chosen if self.actions[a].opd == opd) > count:
                return False
        if options.max_months is not None:
            finish: dict[str, int] = {}

            def finished(action_id: str) -> int:
                if action_id not in finish:
                    action = self.actions[action_id]
                    finish[action_id] = (action.months or 0) + max(
                        (finished(b) for b in action.required_ids if b in chosen), default=0)
                return finish[action_id]

            if any(finished(a) > options.max_months for a in chosen):
                return False
        return True

    def valid_plans(self, options: PlanOptions) -> list[frozenset[str]]:
        ids = sorted(self.actions)
        return [frozenset(c) for k in range(len(ids) + 1)
                for c in itertools.combinations(ids, k) if self.valid(c, options)]

    def optimum(self, options: PlanOptions) -> float | None:
        """The largest exact expected index over valid plans (None: no valid plan)."""
        return max((self.expected(s) for s in self.valid_plans(options)), default=None)


# --- helpers --------------------------------------------------------------------------------


def tiny_problem(probabilities: dict[str, float] | None = None,
                 months: dict[str, int] | None = None,
                 a_before_b: bool = False) -> PlanningProblem:
    """Hand-checked case. Indicators 1, 2, 3 weigh 10, 60, 30 (of 100), all at level 1.
    Rule: 2 can reach level 2 only if 1 is at level 2 (an "Arsitektur" that unlocks).
    A raises 1 to 2 (150 jt), B raises 2 to 2 (100 jt), X raises 3 to 2 (100 jt)."""
    framework = make_framework(["1", "2", "3"], [10, 60, 30], decimals=False)
    p = probabilities or {}
    m = months or {}
    catalogue = Catalogue(framework, (
        Action("A", "Arsitektur", (Effect("1", 2),), 150 * JT, p.get("A", 1.0), m.get("A"),
               "Bappeda"),
        Action("B", "Manajemen", (Effect("2", 2),), 100 * JT, p.get("B", 1.0), m.get("B"),
               "Diskominfo", (("A",),) if a_before_b else ()),
        Action("X", "Layanan", (Effect("3", 2),), 100 * JT, p.get("X", 1.0), m.get("X"),
               "Diskominfo"),
    ))
    assessment = Assessment(framework, {"1": 1.0, "2": 1.0, "3": 1.0})
    return PlanningProblem(assessment, catalogue, (Rule("2", 2, "1", 2),))


def fresh(problem: PlanningProblem) -> PlanningProblem:
    """An equal problem without any cached derived structure."""
    return PlanningProblem(problem.assessment, problem.catalogue, problem.rules)


# --- the brute force itself, checked by hand -------------------------------------------------


def test_brute_force_matches_hand_computation() -> None:
    brute = BruteForce(tiny_problem({"A": 0.8, "B": 0.5}))
    # B alone is blocked by the rule; with A: 1 + 0.1 p_A + 0.6 p_A p_B.
    assert brute.expected(["B"]) == pytest.approx(1.0)
    assert brute.expected(["A", "B"]) == pytest.approx(1 + 0.08 + 0.6 * 0.4)
    assert brute.expected(["A", "X"]) == pytest.approx(1.38)
    assert brute.optimum(PlanOptions(budget=250 * JT, max_months=None)) == pytest.approx(1.38)


# --- hand-checked plans ---------------------------------------------------------------------


def test_unlocking_action_beats_greedy_by_hand() -> None:
    problem = tiny_problem()
    options = PlanOptions(budget=250 * JT)
    plan = optimize(problem, options)
    # Affordable: {A, B} = 1 + 0.1 + 0.6 = 1.7 beats {A, X} = 1.4 and {B, X} = 1.3 (B blocked).
    assert plan.status == "optimal" and plan.proven_optimal
    assert plan.selected_ids == ("A", "B")  # A first: B needs the level A brings
    assert plan.expected_index == pytest.approx(1.7, abs=1e-12)
    assert plan.total_cost == 250 * JT
    assert [p.marginal_gain for p in plan.selected] == pytest.approx([0.7, 0.6])
    assert plan.selected[1].prerequisites == ("A",)
    # Greedy takes X (0.3 per 100 jt) first, then A; B no longer fits: 1.4.
    greedy = greedy_plan(problem, options)
    assert set(greedy.selected_ids) == {"A", "X"}
    assert greedy.expected_index == pytest.approx(1.4)


def test_probabilities_change_the_plan_by_hand() -> None:
    plan = optimize(tiny_problem({"A": 0.8, "B": 0.5}), PlanOptions(budget=250 * JT))
    # {A, B}: 1 + 0.1*0.8 + 0.6*0.8*0.5 = 1.32; {A, X}: 1 + 0.08 + 0.3 = 1.38.
    assert plan.status == "optimal"
    assert sorted(plan.selected_ids) == ["A", "X"]
    assert plan.expected_index == pytest.approx(1.38, abs=1e-12)
    assert plan.node_probabilities[("1", 2)] == pytest.approx(0.8)


def test_month_limit_by_hand() -> None:
    problem = tiny_problem(months={"A": 8, "B": 6}, a_before_b=True)
    # B must start after A: 8 + 6 = 14 months > 12, so B is out.
    assert chain_months(problem) == {"A": 8, "B": 14, "X": 0}
    assert [a.id for a in candidate_actions(problem, PlanOptions(budget=0))] == ["A", "X"]
    assert sorted(optimize(problem, PlanOptions(budget=250 * JT)).selected_ids) == ["A", "X"]
    unlimited = optimize(problem, PlanOptions(budget=250 * JT, max_months=None))
    assert unlimited.selected_ids == ("A", "B")
    assert [(p.start_month, p.end_month) for p in unlimited.selected] == [(0, 8), (8, 14)]
    assert unlimited.months_needed == 14


def test_opd_limits_by_hand() -> None:
    problem = tiny_problem()
    # Diskominfo (B, X) may do one action: A + B still fits.
    assert optimize(problem, PlanOptions(budget=350 * JT, opd_max_actions={"Diskominfo": 1})
                    ).selected_ids == ("A", "B")
    # Bappeda (A) gets nothing: B is worthless alone, so only X.
    plan = optimize(problem, PlanOptions(budget=350 * JT, opd_budgets={"Bappeda": 0.0}))
    assert plan.selected_ids == ("X",)


def test_force_and_exclude_by_hand() -> None:
    problem = tiny_problem()
    assert sorted(optimize(problem, PlanOptions(budget=250 * JT, force=("X",))).selected_ids
                  ) == ["A", "X"]
    assert optimize(problem, PlanOptions(budget=250 * JT, exclude=("A",))).selected_ids == (
        "X",)


def test_forced_action_keeps_its_prerequisite_by_hand() -> None:
    """B (forced) requires Z, which earns nothing (2:2 is blocked by the rule); C is a second,
    weaker provider of 3:2: two chances with the assessor, 1 - 0.2 x 0.5."""
    framework = make_framework(["1", "2", "3"], [10, 60, 30], decimals=False)
    catalogue = Catalogue(framework, (
        Action("Z", "z", (Effect("2", 2),), 10 * JT),
        Action("B", "b", (Effect("3", 2),), 20 * JT, 0.8, requires=(("Z",),)),
        Action("C", "c", (Effect("3", 2),), 20 * JT, 0.5),
    ))
    problem = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0, "3": 1.0}), catalogue,
                              (Rule("2", 2, "1", 2),))
    plan = optimize(problem, PlanOptions(budget=100 * JT, force=("B",)))
    assert plan.status == "optimal" and plan.exact_model and plan.proven_optimal
    assert sorted(plan.selected_ids) == ["B", "C", "Z"]
    assert plan.expected_index == pytest.approx(1 + 0.3 * (1 - 0.2 * 0.5))


def test_target_cheapest_by_hand() -> None:
    problem = tiny_problem()
    plan = optimize(problem, PlanOptions(target=1.3))
    assert plan.selected_ids == ("X",) and plan.total_cost == 100 * JT
    plan = optimize(problem, PlanOptions(target=1.65))
    assert plan.selected_ids == ("A", "B") and plan.expected_index == pytest.approx(1.7)
    assert plan.status == "optimal"


def test_forced_over_budget_names_the_cause() -> None:
    with pytest.raises(InputError) as err:
        optimize(tiny_problem(), PlanOptions(budget=200 * JT, force=("A", "B")))
    message = str(err.value)
    assert "dipaksa" in message and "A, B" in message
    assert "Rp 250.000.000" in message and "Rp 200.000.000" in message


def test_unreachable_target_reports_best_reachable() -> None:
    with pytest.raises(InputError) as err:
        optimize(tiny_problem(), PlanOptions(budget=250 * JT, target=2.0))
    message = str(err.value)
    assert "target indeks 2,00 tidak dapat dicapai" in message
    assert "tertinggi yang dapat dicapai 1,70" in message
    with pytest.raises(InputError, match="tertinggi yang dapat dicapai 2,00"):
        optimize(tiny_problem(), PlanOptions(target=2.5))  # everything bought: 1 + .1 + .6 + .3


@pytest.mark.parametrize(("options", "fragment"), [
    (PlanOptions(budget=100 * JT, force=("Z",)), "aksi wajib: aksi 'Z' tidak ada di katalog"),
    (PlanOptions(budget=100 * JT, exclude=("Q",)), "aksi dikecualikan: aksi 'Q' tidak ada"),
    (PlanOptions(budget=100 * JT, force=("A",), exclude=("A",)), "dipaksa masuk sekaligus"),
    (PlanOptions(), "tentukan anggaran"),
    (PlanOptions(budget=-1.0), "anggaran harus angka tidak negatif"),
    (PlanOptions(target=9.0), "target indeks harus di antara 0 dan 4"),
    (PlanOptions(budget=1.0, solver="gurobi"), "solver harus salah satu dari highs, cbc"),
    (PlanOptions(budget=1.0, time_limit=0), "batas waktu solver harus angka positif"),
    (PlanOptions(budget=1.0, time_limit=math.nan), "batas waktu solver harus angka positif"),
    (PlanOptions(budget=1.0, max_months=121), "batas bulan harus di antara 0 dan 120"),
])
def test_invalid_options(options: PlanOptions, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        validate_options(tiny_problem(), options)
    assert fragment in str(err.value)


def test_forced_action_beyond_month_limit() -> None:
    problem = tiny_problem(months={"A": 8, "B": 6}, a_before_b=True)
    with pytest.raises(InputError, match="butuh 14 bulan"):
        optimize(problem, PlanOptions(budget=250 * JT, force=("B",)))


def test_highs_gives_the_same_plan() -> None:
    problem = tiny_problem()
    plan = optimize(problem, PlanOptions(budget=250 * JT, solver="highs"))
    assert plan.selected_ids == ("A", "B") and plan.status == "optimal"
    assert plan.solver == "highs"


def test_highs_after_a_solve_with_default_threads_in_the_same_process() -> None:
    """HiGHS keeps one thread pool per process; a notebook's own HiGHS solve used to make every
    later planner solve end "Not Solved", reported as an impossible request."""
    import pulp

    other = pulp.LpProblem("other", pulp.LpMaximize)
    y = other.add_variable("y", 0, 1, cat="Binary")
    other += y
    other.solve(pulp.HiGHS(msg=False))
    plan = optimize(tiny_problem(), PlanOptions(budget=250 * JT, solver="highs"))
    assert plan.selected_ids == ("A", "B") and plan.status == "optimal"


def test_model_is_built_apart_from_solving() -> None:
    model = build_model(tiny_problem(), PlanOptions(budget=250 * JT))
    assert model.exact and model.cost_unit == 50 * JT
    assert sorted(model.x) == ["A", "B", "X"]
    constraints = model.lp.numConstraints(), str(model.lp.objective)
    solution = solve(model)
    assert solution.selected == ("A", "B") and solution.proven_optimal
    assert solution.model_value == pytest.approx(0.7)
    assert (model.lp.numConstraints(), str(model.lp.objective)) == constraints  # unchanged
    again = solve(model)
    assert again.selected == solution.selected and again.model_value == solution.model_value


def test_cost_unit() -> None:
    actions = tuple(Action(f"A{k}", "a", (Effect("1", 2),), c) for k, c in
                    enumerate((30 * JT, 45 * JT, 0.0)))
    assert cost_unit(actions) == 15 * JT
    assert cost_unit((Action("B", "b", (Effect("1", 2),), 10.5),)) == 1.0


# --- properties against the brute force -----------------------------------------------------


def _check_against_brute_force(case: Instance, *, must_be_optimal: bool) -> None:
    problem, options = case.problem, case.options
    brute = BruteForce(problem)
    best = brute.optimum(options)
    if best is None:
        with pytest.raises(InputError):
            optimize(problem, options)
        return
    plan = optimize(problem, options)
    assert brute.valid(plan.selected_ids, options), plan.selected_ids
    assert plan.expected_index == pytest.approx(brute.expected(plan.selected_ids), abs=1e-9)
    assert plan.total_cost == pytest.approx(brute.cost(plan.selected_ids))
    assert plan.expected_index <= best + 1e-9
    if must_be_optimal:
        assert plan.status == "optimal" and plan.proven_optimal
    if plan.status == "optimal":
        assert plan.expected_index == pytest.approx(best, abs=1e-9)
    assert sum(p.contribution for p in plan.selected) == pytest.approx(plan.expected_gain,
                                                                      abs=1e-9)


@PROPERTY
@given(instances(max_actions=9, certain=True))
def test_certain_plans_equal_brute_force(case: Instance) -> None:
    _check_against_brute_force(case, must_be_optimal=True)


@PROPERTY
@given(instances(max_actions=6, single_provider=True))
def test_single_provider_plans_equal_brute_force(case: Instance) -> None:
    _check_against_brute_force(case, must_be_optimal=True)


@PROPERTY
@given(instances(max_actions=7))
def test_uncertain_plans_are_proven_optimal_and_beat_greedy(case: Instance) -> None:
    _check_against_brute_force(case, must_be_optimal=True)
    if BruteForce(case.problem).optimum(case.options) is not None:
        plan = optimize(case.problem, case.options)
        greedy = greedy_plan(case.problem, case.options)
        assert plan.expected_index >= greedy.expected_index - 1e-9


@PROPERTY
@given(instances(max_actions=7, steps=True))
def test_step_chains_are_proven_optimal(case: Instance) -> None:
    _check_against_brute_force(case, must_be_optimal=True)


@st.composite
def pemdi_cases(draw: st.DrawFn) -> Instance:
    """Pemdi-shaped: the real framework and default rules, the bundled example's values (or a
    shuffled copy of them, decimals and the SDI-derived I5 included) and a few actions of the
    default Pemdi catalogue."""
    problem = PEMDI_DEFAULT
    values = dict(problem.assessment.values)
    if draw(st.booleans()):
        values = dict(zip(values, draw(st.permutations(list(values.values()))), strict=True))
    catalogue = draw(sub_catalogues(problem.catalogue, max_actions=8))
    smaller = PlanningProblem(Assessment(problem.framework, values), catalogue, problem.rules)
    return Instance(smaller, draw(plan_options(smaller)))


def _pemdi_default() -> PlanningProblem:
    from roadmap.io.actions_file import read_default_catalogue

    pemdi = load_framework("pemdi-2026")
    return PlanningProblem(read_assessment(EXAMPLES / "pemdi-kurang.csv"),
                           read_default_catalogue(pemdi), read_default_rules(pemdi))


PEMDI_DEFAULT = _pemdi_default()


@PROPERTY
@given(pemdi_cases())
def test_pemdi_shaped_plans_against_brute_force(case: Instance) -> None:
    _check_against_brute_force(case, must_be_optimal=True)


@PROPERTY
@given(pemdi_cases())
def test_pemdi_shaped_certain_plans_are_optimal(case: Instance) -> None:
    certain = Catalogue(case.problem.framework, tuple(
        replace(a, probability=1.0) for a in case.problem.catalogue))
    problem = PlanningProblem(case.problem.assessment, certain, case.problem.rules)
    _check_against_brute_force(Instance(problem, case.options), must_be_optimal=True)


@PROPERTY
@given(instances(max_actions=7, certain=True, constraints=False), st.data())
def test_target_is_reached_at_least_cost(case: Instance, data: st.DataObject) -> None:
    brute = BruteForce(case.problem)
    options = replace(case.options, budget=None)
    plans = brute.valid_plans(options)
    reachable = sorted({brute.expected(s) for s in plans})
    target = data.draw(st.sampled_from(reachable))
    assume(target > 0)
    plan = optimize(case.problem, replace(options, target=target))
    assert brute.valid(plan.selected_ids, options)
    assert plan.expected_index >= target - 1e-9
    cheapest = min(brute.cost(s) for s in plans if brute.expected(s) >= target - 1e-9)
    assert plan.total_cost == pytest.approx(cheapest)
    assert plan.status == "optimal"


@settings(PROPERTY, max_examples=30)
@given(instances(max_actions=7))
def test_same_input_same_plan(case: Instance) -> None:
    try:
        first = optimize(case.problem, case.options)
    except InputError:
        assume(False)
    second = optimize(fresh(case.problem), case.options)
    assert second.selected_ids == first.selected_ids
    assert second.expected_index == first.expected_index
