"""The multi-year Peta Rencana: hand-computed cases (track records across years, nested
success, exclusive groups), one year = the single-year plan, and property tests against an
independent brute force (every schedule, every draw simulated year by year)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.errors import InputError
from roadmap.expectation import expected_outcome
from roadmap.framework import Band, Framework, Group, Indicator, TrackRecord, ValueScale
from roadmap.io.inputs import load_inputs
from roadmap.multiyear import (
    MultiYearOptions,
    Schedule,
    advance_schedule,
    build_multiyear_model,
    cumulative,
    earliest_years,
    objective_value,
    plan_multiyear,
    prune_schedule,
    schedule_indices,
    schedule_violations,
    solve_multiyear,
)
from roadmap.optimizer import PlanOptions, optimize
from roadmap.plan import PlanStatus
from roadmap.problem import PlanningProblem
from tests.conftest import EXAMPLES

JT = 1_000_000.0
WEIGHTS = {"1": 10.0, "2": 20.0, "3": 30.0}  # total 60: a level of "1" is worth 1/6


def tiny_framework(records: Sequence[TrackRecord] = ()) -> Framework:
    total = sum(WEIGHTS.values())
    return Framework(
        id="uji", title="Kerangka uji", index_name="Indeks Uji", id_style="number",
        group_kinds=("aspect",), group_labels={"aspect": "Aspek"}, total_weight=total,
        value=ValueScale(min=1, max=4, whole=True, allow_zero=False),
        levels={level: (f"Tingkat {level}",) for level in range(1, 5)},
        predicates=(Band("Kurang", 0.0), Band("Cukup", 1.4), Band("Baik", 2.0)),
        indicators=tuple(Indicator(id=i, code=i, name=f"Indikator {i}", weight=w,
                                   groups={"aspect": "1"}) for i, w in WEIGHTS.items()),
        groups=(Group("aspect", "1", "Aspek Uji", total),),
        track_records=tuple(records),
    )


FRAMEWORK = tiny_framework()


def act(action_id: str, effects: str, cost_jt: float, *, months: int | None = None,
        p: float = 1.0, requires: tuple[tuple[str, ...], ...] = (), group: str = "") -> Action:
    parsed = tuple(Effect(i, int(level)) for i, level in
                   (part.split(":") for part in effects.split(";")))
    return Action(action_id, f"Aksi {action_id}", parsed, cost_jt * JT, p, months,
                  "Diskominfo", requires, group=group)


def problem_of(actions: Sequence[Action], values: dict[str, float] | None = None,
               rules: Sequence[Rule] = (), records: Sequence[TrackRecord] = ()
               ) -> PlanningProblem:
    framework = tiny_framework(records) if records else FRAMEWORK
    current = Assessment(framework, values or {"1": 1.0, "2": 1.0, "3": 1.0}, name="uji")
    return PlanningProblem(current, Catalogue(framework, tuple(actions)), tuple(rules))


def options_of(budgets_jt: Sequence[float], **kwargs: object) -> MultiYearOptions:
    return MultiYearOptions(start_year=2027, years=len(budgets_jt),
                            budgets=tuple(b * JT for b in budgets_jt), **kwargs)


def by_year(schedule: Schedule) -> Schedule:
    """Each year's actions sorted (a plan lists them in rank order)."""
    return tuple(tuple(sorted(year)) for year in schedule)


# --- hand-computed cases ---------------------------------------------------------------------

def test_yearly_budgets_split_the_actions_and_the_bigger_gain_comes_first() -> None:
    problem = problem_of([act("A", "1:2", 100), act("B", "2:2", 100)])
    plan = plan_multiyear(problem, options_of([100, 100]))
    assert plan.schedule == (("B",), ("A",))
    assert [y.year for y in plan.years] == [2027, 2028]
    assert plan.years[0].expected_index == pytest.approx(1 + 20 / 60)
    assert plan.years[1].expected_index == pytest.approx(1 + 30 / 60)
    assert [y.total_cost for y in plan.years] == [100 * JT, 100 * JT]
    assert [y.predicate for y in plan.years] == ["Kurang", "Cukup"]
    assert plan.status is PlanStatus.OPTIMAL and plan.proven_optimal and plan.gap == 0.0


def test_a_chain_longer_than_a_year_continues_next_year() -> None:
    problem = problem_of([act("A", "1:2", 10, months=8),
                          act("B", "1:3", 10, months=8, requires=(("A",),))])
    assert earliest_years(problem, 12) == {"A": 1, "B": 2}
    assert earliest_years(problem, None) == {"A": 1, "B": 1}
    plan = plan_multiyear(problem, options_of([100, 100]))
    assert plan.schedule == (("A",), ("B",))
    assert plan.years[1].selected[0].start_month == 0  # A finished last year
    assert plan.final_index == pytest.approx(1 + 2 * 10 / 60)
    one_year = plan_multiyear(problem, options_of([100]))
    assert one_year.schedule == (("A",),)


def test_earliest_years_done_too_long_and_alternatives() -> None:
    problem = problem_of(
        [act("D", "1:2", 10, months=6), act("L", "2:2", 10, months=13),
         act("X", "3:2", 10, months=10), act("Y", "3:2", 10, months=2),
         act("Z", "3:3", 10, months=4, requires=(("X", "Y"),)),
         act("W", "2:3", 10, months=1, requires=(("L",),))],
        values={"1": 2.0, "2": 1.0, "3": 1.0})
    assert earliest_years(problem, 12) == {"D": 0, "L": None, "X": 1, "Y": 1, "Z": 1,
                                           "W": None}
    assert earliest_years(problem, 5)["Z"] == 2  # Y (2) + Z (4) > 5 months


def test_carry_over_lets_unspent_money_buy_a_dearer_action_later() -> None:
    problem = problem_of([act("A", "3:2", 150)])
    assert plan_multiyear(problem, options_of([100, 100])).schedule == ((), ())
    plan = plan_multiyear(problem, options_of([100, 100], carry_over=True))
    assert plan.schedule == ((), ("A",))
    assert [y.available for y in plan.years] == [100 * JT, 200 * JT]
    assert plan.final_index == pytest.approx(1.5)


def test_target_is_reached_by_the_given_year_at_least_cost() -> None:
    problem = problem_of([act("A", "3:2", 100), act("B", "2:2", 40), act("C", "1:2", 30)])
    plan = plan_multiyear(problem, options_of([60, 60], objective="target", target=1.5,
                                              by_year=2028))
    assert plan.total_cost == 70 * JT  # B + C; A alone costs 100
    assert sorted(a for y in plan.schedule for a in y) == ["B", "C"]
    assert plan.years[1].expected_index == pytest.approx(1.5)
    assert plan.by_year == 2028
    with pytest.raises(InputError, match="tidak dapat dicapai sampai tahun 2027"):
        plan_multiyear(problem, options_of([60, 60], objective="target", target=1.5,
                                           by_year=2027))


def test_a_failed_action_is_not_retried_next_year() -> None:
    problem = problem_of([act("A", "1:2", 50, p=0.5), act("B", "2:2", 100, p=0.5)])
    plan = plan_multiyear(problem, options_of([50, 100]))
    assert plan.schedule == (("A",), ("B",))
    assert plan.years[0].expected_index == pytest.approx(1 + 0.5 * 10 / 60)
    assert plan.years[1].expected_index == pytest.approx(1 + 0.5 * 10 / 60 + 0.5 * 20 / 60)


def test_rule_prerequisites_count_only_once_achieved() -> None:
    rule = Rule("2", 2, "1", 2)  # indicator 2 reaches 2 only after indicator 1 does
    problem = problem_of([act("A", "1:2", 100), act("B", "2:2", 10)], rules=[rule])
    plan = plan_multiyear(problem, options_of([10, 100], objective="sum"))
    # B alone in 2027 would be worth nothing until A: the best sum buys B with A in 2028
    assert plan.schedule == ((), ("A", "B")) or plan.schedule == (("B",), ("A",))
    assert plan.years[0].expected_index == pytest.approx(1.0)
    assert plan.years[1].expected_index == pytest.approx(1 + 30 / 60)


def test_schedule_violations_names_each_broken_constraint() -> None:
    problem = problem_of([act("A", "1:2", 60, months=8),
                          act("B", "1:3", 60, months=8, requires=(("A",),))])
    options = options_of([100, 100], force=("A",))
    assert schedule_violations(problem, options, (("A",), ("B",))) == ()
    assert schedule_violations(problem, options, (("B",), ("A",))) == (
        "2027: aksi B mendahului prasyaratnya A",)
    assert schedule_violations(problem, options, (("A", "B"), ())) == (
        "2027: biaya Rp 120.000.000 melebihi anggaran Rp 100.000.000",
        "2027: butuh 16 bulan, melebihi 12")
    assert schedule_violations(problem, options, ((), ())) == (
        "aksi yang dipaksa masuk tidak terjadwal: A",)
    grouped = problem_of([act("A", "1:2", 10, group="g"), act("B", "2:2", 10, group="g")])
    assert schedule_violations(grouped, options_of([100, 100]), (("A",), ("B",))) == (
        "aksi A dan B satu kelompok 'g'",)
    carry = options_of([50, 100], carry_over=True)
    assert schedule_violations(problem, carry, ((), ("A", "B"))) == (
        "2028: butuh 16 bulan, melebihi 12",)


def test_prune_drops_an_action_no_year_needs() -> None:
    problem = problem_of([act("A", "1:2", 10), act("A2", "1:2", 30), act("B", "2:2", 10)])
    assert prune_schedule(problem, (("A", "B"), ("A2",)), set()) == (("A", "B"), ())
    # A2 in the same year as A: the dearer one goes
    assert prune_schedule(problem, (("A", "A2"), ()), set()) == (("A",), ())
    assert prune_schedule(problem, (("A", "A2"), ()), {"A2"}) == (("A2",), ())


def test_advance_moves_actions_to_the_earliest_year_that_allows_them() -> None:
    problem = problem_of([act("A", "1:2", 40, months=6), act("B", "2:2", 40, months=6),
                          act("C", "3:2", 40, months=6, requires=(("A",),))])
    options = options_of([80, 80, 80])
    assert advance_schedule(problem, options, ((), ("A",), ("B", "C"))) == (
        ("A", "B"), ("C",), ())


def test_cumulative_and_indices() -> None:
    assert cumulative((("A",), (), ("B", "C"))) == (("A",), ("A",), ("A", "B", "C"))
    problem = problem_of([act("A", "1:2", 10), act("B", "2:2", 10)])
    assert schedule_indices(problem, (("A",), ("B",))) == pytest.approx(
        (1 + 10 / 60, 1 + 30 / 60))


@pytest.mark.parametrize("change, message", [
    ({"years": 6, "budgets": (1.0,) * 6}, "jumlah tahun harus 1 sampai 5"),
    ({"budgets": (1.0,)}, "jumlah anggaran \\(1\\) harus sama dengan jumlah tahun \\(2\\)"),
    ({"by_year": 2028}, "hanya berlaku dengan target"),
    ({"objective": "target", "target": 1.5, "by_year": 2030}, "di antara 2027 dan 2028"),
    ({"objective": "target"}, "memerlukan target"),
    ({"objective": "best"}, "tujuan harus salah satu"),
    ({"budgets": ()}, "tentukan anggaran"),
    ({"force": ("Q",)}, "tidak ada di katalog"),
])
def test_bad_options_are_input_errors(change: dict[str, object], message: str) -> None:
    problem = problem_of([act("A", "1:2", 10)])
    with pytest.raises(InputError, match=message):
        plan_multiyear(problem, replace(options_of([10, 10]), **change))


# --- track records across years, nested success, exclusive groups ------------------------------

RECORD = (TrackRecord("1", 4, 1),)  # level 4 of "1" needs level 3 held one year


def test_a_level_needing_a_track_record_counts_a_year_after_the_level_below() -> None:
    problem = problem_of([act("A", "1:3", 10), act("B", "1:4", 10)],
                         values={"1": 2.0, "2": 1.0, "3": 1.0}, records=RECORD)
    base = 1 + 10 / 60  # "1" at level 2
    level = 10 / 60
    assert schedule_indices(problem, (("A", "B"), ())) == pytest.approx(
        (base + level, base + 2 * level))
    assert schedule_indices(problem, ((), ("A", "B"))) == pytest.approx((base, base + level))
    plan = plan_multiyear(problem, options_of([20, 20]))
    assert plan.final_index == pytest.approx(base + 2 * level)
    assert plan.status is PlanStatus.OPTIMAL and plan.gap == 0.0
    assert plan.years[0].expected_index == pytest.approx(base + level)
    # in one year level 4 cannot count: one action (A or B) brings level 3
    one = plan_multiyear(problem, options_of([20]))
    assert len(one.schedule[0]) == 1 and one.final_index == pytest.approx(base + level)


def test_track_record_with_uncertain_actions_is_evaluated_exactly() -> None:
    # B provides level 3 too, but placed in year 2 it cannot give level 3 a year of history
    problem = problem_of([act("A", "1:3", 10, p=0.5), act("B", "1:4", 10, p=0.8)],
                         values={"1": 2.0, "2": 1.0, "3": 1.0}, records=RECORD)
    base, level = 1 + 10 / 60, 10 / 60
    both_first = schedule_indices(problem, (("A", "B"), ()))
    assert both_first == pytest.approx((base + 0.9 * level, base + (0.9 + 0.8) * level))
    later = schedule_indices(problem, (("A",), ("B",)))
    assert later == pytest.approx((base + 0.5 * level, base + (0.9 + 0.5 * 0.8) * level))
    plan = plan_multiyear(problem, options_of([20, 20]))
    assert by_year(plan.schedule) == (("A", "B"), ())
    assert plan.status is PlanStatus.OPTIMAL


def test_an_assessed_level_counts_as_held_since_before_year_one() -> None:
    records = (TrackRecord("1", 4, 2),)  # level 3 held two years
    problem = problem_of([act("B", "1:4", 10)], values={"1": 3.0, "2": 1.0, "3": 1.0},
                         records=records)
    # held 1 year at the start of year 1, 2 years at the start of year 2
    assert schedule_indices(problem, (("B",), ())) == pytest.approx((4 / 3, 4 / 3 + 1 / 6))
    new = problem_of([act("A", "1:3", 10), act("B", "1:4", 10)],
                     values={"1": 2.0, "2": 1.0, "3": 1.0}, records=records)
    # level 3 reached at the end of 2027 is held two years at the start of 2029
    assert schedule_indices(new, (("A", "B"), (), ())) == pytest.approx(
        (1 + 2 / 6, 1 + 2 / 6, 1 + 3 / 6))


def test_what_builds_on_a_rejected_deliverable_is_rejected_across_years() -> None:
    problem = problem_of([act("A", "1:2", 10, p=0.5),
                          act("B", "2:2", 10, requires=(("A",),))])
    assert schedule_indices(problem, (("A",), ("B",))) == pytest.approx(
        (1 + 0.5 / 6, 1 + 0.5 / 6 + 0.5 / 3))
    assert schedule_violations(problem, options_of([10, 10]), (("B",), ("A",))) == (
        "2027: aksi B mendahului prasyaratnya A",)


def test_an_exclusive_group_holds_over_all_years() -> None:
    problem = problem_of([act("P", "1:2;2:2", 30, group="paket"),
                          act("S", "1:2", 10, group="paket"), act("T", "2:2", 10)])
    plan = plan_multiyear(problem, options_of([10, 30]))
    placed = [a for year in plan.schedule for a in year]
    assert not {"P", "S"} <= set(placed)
    assert plan.final_index == pytest.approx(1 + 10 / 60 + 20 / 60)


def test_final_then_sum_leaves_no_year_idle() -> None:
    # either order reaches the same final index; the tie-break buys the bigger gain first
    problem = problem_of([act("A", "1:2", 50), act("B", "3:2", 50)])
    plan = plan_multiyear(problem, options_of([100, 100]))
    assert by_year(plan.schedule) == (("A", "B"), ())
    assert plan.tie_break_proven
    plan = plan_multiyear(problem, options_of([50, 50]))
    assert plan.schedule == (("B",), ("A",))


def test_contributions_add_up_to_each_years_gain() -> None:
    problem = problem_of([act("A", "1:2", 10, p=0.5), act("B", "2:2", 10, p=0.8),
                          act("C", "2:3", 10, requires=(("B",),)), act("D", "3:2", 10)])
    plan = plan_multiyear(problem, options_of([20, 20]))
    previous = plan.index_before
    for year in plan.years:
        assert math.fsum(p.contribution for p in year.selected) == pytest.approx(
            year.expected_index - previous)
        previous = year.expected_index

# --- one year is the single-year plan --------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("example", ["spbe-cukup", "spbe-baik", "pemdi-kurang"])
@pytest.mark.parametrize("budget, solver", [(300 * JT, "cbc"), (750 * JT, "highs")])
def test_one_year_is_the_single_year_plan(example: str, budget: float, solver: str) -> None:
    problem = load_inputs(EXAMPLES / f"{example}.csv").problem
    single = optimize(problem, PlanOptions(budget=budget, solver=solver))
    multi = plan_multiyear(problem, MultiYearOptions(start_year=2027, years=1,
                                                     budgets=(budget,), solver=solver))
    year = multi.years[0]
    assert year.selected_ids == single.selected_ids
    assert year.selected == single.selected  # same ranks, months, reasons, contributions
    assert year.expected_index == single.expected_index
    assert multi.status == single.status
    assert year.total_cost == single.total_cost


# --- property tests against an independent brute force ---------------------------------------

def simulate(problem: PlanningProblem, schedule: Schedule) -> tuple[float, ...]:
    """Each year's expected index by enumerating every draw of the placed actions and
    replaying the years one by one with the semantics written out directly (independent of
    ``roadmap.multiyear.schedule`` and ``roadmap.expectation``)."""
    framework = problem.framework
    values = problem.assessment.values
    placed = [a for year in schedule for a in year]
    done = problem.done_actions
    order = list(problem.new_nodes)  # topological: lower levels and rule prerequisites first
    totals = [0.0] * len(schedule)
    for draws in itertools.product((True, False), repeat=len(placed)):
        weight = math.prod(problem.by_id[a].probability if ok
                           else 1.0 - problem.by_id[a].probability
                           for a, ok in zip(placed, draws, strict=True))
        if weight == 0.0:
            continue
        drawn = dict(zip(placed, draws, strict=True))
        achieved_by: dict[tuple[str, int], int] = {}  # node -> first year (1-based)
        for t in range(1, len(schedule) + 1):
            inside = {a for year in schedule[:t] for a in year}
            succeeded: set[str] = set()
            changed = True
            while changed:  # success needs a requires alternative done or succeeded
                changed = False
                for a in inside - succeeded:
                    if drawn[a] and all(any(b in done or b in succeeded for b in group)
                                        for group in problem.by_id[a].requires):
                        succeeded.add(a)
                        changed = True
            for node in order:
                if node in achieved_by:
                    continue
                i, level = node
                if framework.indicator(i).lagged:
                    continue
                if not any(problem.by_id[a].provides(node) for a in succeeded):
                    continue
                needs = [m for m in problem.graph.predecessors(node) if m[1] > values[m[0]]]
                if any(m not in achieved_by for m in needs):
                    continue
                years = framework.track_record_years(i, level)
                if years:
                    below = (i, level - 1)
                    held = (problem.years_held(below) + t - 1 if below[1] <= values[i]
                            else t - achieved_by.get(below, t))
                    if held < years:
                        continue
                achieved_by[node] = t
            totals[t - 1] += weight * math.fsum(
                problem.gains[n] for n, first in achieved_by.items() if first <= t)
    return tuple(problem.index_before + total for total in totals)


def brute_force_valid(problem: PlanningProblem, options: MultiYearOptions,
                      schedule: Schedule) -> bool:
    """An independent check of the constraints (not ``schedule_violations``)."""
    year_of = {a: t for t, actions in enumerate(schedule) for a in actions}
    if any(a not in year_of for a in options.force):
        return False
    if any(a in year_of for a in options.exclude):
        return False
    for a in year_of:
        for b in year_of:
            if a < b and problem.by_id[a].conflicts_with(problem.by_id[b]):
                return False
    spent = available = 0.0
    for t, actions in enumerate(schedule):
        cost = sum(problem.by_id[a].cost for a in actions)
        spent, available = ((spent + cost, available + options.budgets[t])
                            if options.carry_over else (cost, options.budgets[t]))
        if spent > available + 0.5:
            return False
        finish: dict[str, int] = {}
        for a in sorted(actions, key=lambda a: _depth(problem, a)):
            action = problem.by_id[a]
            finish[a] = (action.months or 0) + max(
                (finish[b] for b in action.required_ids if b in finish), default=0)
        if options.max_months is not None and any(f > options.max_months
                                                  for f in finish.values()):
            return False
        for a in actions:
            for group in problem.by_id[a].requires:
                if not any(b in problem.done_actions or year_of.get(b, 99) <= t
                           for b in group):
                    return False
    return True


def _depth(problem: PlanningProblem, action_id: str) -> int:
    action = problem.by_id[action_id]
    return 1 + max((_depth(problem, b) for b in action.required_ids), default=0)


def brute_force(problem: PlanningProblem, options: MultiYearOptions
                ) -> tuple[float, Schedule] | None:
    """The best objective over every assignment of each action to a year or to none
    (maximum value; for ``target`` the minimum cost as a negative number), or None."""
    ids = [a.id for a in problem.catalogue if a.id not in problem.done_actions]
    best: tuple[float, Schedule] | None = None
    for placement in itertools.product(range(options.years + 1), repeat=len(ids)):
        schedule = tuple(tuple(a for a, t in zip(ids, placement, strict=True) if t == year)
                         for year in range(1, options.years + 1))
        if not brute_force_valid(problem, options, schedule):
            continue
        indices = simulate(problem, schedule)
        if options.objective == "target":
            assert options.target is not None
            if indices[options.target_position - 1] < options.target - 1e-9:
                continue
            score = -sum(problem.by_id[a].cost for year in schedule for a in year)
        elif options.objective == "sum":
            score = math.fsum(indices)
        else:
            score = indices[-1]
        if best is None or score > best[0] + 1e-12:
            best = (score, schedule)
    return best


@st.composite
def instances(draw: st.DrawFn, certain: bool) -> tuple[PlanningProblem, MultiYearOptions]:
    """2-4 actions on three indicators (several providers per node), 2-3 years, random
    budgets, months, prerequisites (with alternatives), a rule, exclusive groups, track
    records, forced/excluded actions, probabilities and an objective."""
    values = {i: float(draw(st.sampled_from((1, 1, 2)))) for i in WEIGHTS}
    records = [TrackRecord(i, level, draw(st.sampled_from((1, 1, 2))))
               for i in WEIGHTS for level in (3, 4) if draw(st.integers(0, 2)) == 0]
    actions = []
    for k in range(draw(st.integers(2, 4))):
        indicators = draw(st.lists(st.sampled_from(sorted(WEIGHTS)), min_size=1, max_size=2,
                                   unique=True))
        effects = ";".join(f"{i}:{draw(st.integers(2, 4))}" for i in indicators)
        requires: tuple[tuple[str, ...], ...] = ()
        if k and draw(st.booleans()):
            group = draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=2, unique=True))
            requires = (tuple(f"A{j}" for j in group),)
        actions.append(act(f"A{k}", effects, 10 * draw(st.integers(1, 6)),
                           months=draw(st.sampled_from((None, 3, 6, 9))),
                           p=1.0 if certain else draw(st.sampled_from((1.0, 0.8, 0.5))),
                           requires=requires,
                           group=draw(st.sampled_from(("", "", "g", "h")))))
    rules = [Rule("2", 3, "1", 2)] if draw(st.booleans()) else []
    problem = problem_of(actions, values, rules, records)
    years = draw(st.integers(2, 3))
    budgets = tuple(float(draw(st.sampled_from((0, 20, 40, 60, 100)))) for _ in range(years))
    free = [a.id for a in actions if a.id not in problem.done_actions]
    force = tuple(draw(st.lists(st.sampled_from(free), max_size=1))) if free else ()
    others = [a for a in free if a not in force]
    exclude = tuple(draw(st.lists(st.sampled_from(others), max_size=1))) if others else ()
    objective = draw(st.sampled_from(("final", "sum", "target")))
    target = by = None
    if objective == "target":
        target = problem.index_before + draw(st.sampled_from((0.1, 0.3, 0.6)))
        by = 2027 + draw(st.integers(0, years - 1))
    options = options_of(budgets, objective=objective, target=target, by_year=by,
                         carry_over=draw(st.booleans()), force=force, exclude=exclude,
                         max_months=draw(st.sampled_from((12, 6, None))))
    return problem, options


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check_against_brute_force(problem: PlanningProblem, options: MultiYearOptions) -> None:
    best = brute_force(problem, options)
    if best is None:
        with pytest.raises(InputError):
            plan_multiyear(problem, options)
        return
    plan = plan_multiyear(problem, options)
    assert schedule_violations(problem, options, plan.schedule) == ()
    assert brute_force_valid(problem, options, plan.schedule)
    simulated = simulate(problem, plan.schedule)
    assert [y.expected_index for y in plan.years] == pytest.approx(simulated, abs=1e-12)
    for year, chosen in zip(plan.years, cumulative(plan.schedule), strict=True):
        assert year.total_cost == sum(problem.by_id[a].cost for a in year.selected_ids)
        if not problem.framework.track_records:
            assert year.expected_index == expected_outcome(problem, chosen).expected_index
    if options.objective == "target":
        cost = -plan.total_cost
        assert cost <= best[0] + 1e-6
        assert simulated[options.target_position - 1] >= options.target - 1e-9
        assert cost >= best[0] - plan.gap - 1e-6
        if plan.status is PlanStatus.OPTIMAL:
            assert cost == pytest.approx(best[0])
        return
    value = objective_value(problem, options, plan.schedule)
    assert value <= best[0] + 1e-9
    if options.objective == "sum":
        assert value >= best[0] - plan.gap - 1e-6
    else:
        assert value - problem.index_before >= best[0] - problem.index_before - plan.gap - 1e-6
    if plan.status is PlanStatus.OPTIMAL:
        assert value == pytest.approx(best[0], abs=1e-6)
    if plan.exact_model:
        assert plan.status is PlanStatus.OPTIMAL


@pytest.mark.slow
@SETTINGS
@given(instances(certain=True))
def test_certain_plans_equal_brute_force(case: tuple[PlanningProblem, MultiYearOptions]) -> None:
    problem, options = case
    _check_against_brute_force(problem, options)
    plan = plan_multiyear(problem, options) if brute_force(problem, options) else None
    if plan is not None:
        assert plan.exact_model and plan.status is PlanStatus.OPTIMAL


@pytest.mark.slow
@SETTINGS
@given(instances(certain=False))
def test_uncertain_plans_are_exact_and_proven_or_within_their_gap(
        case: tuple[PlanningProblem, MultiYearOptions]) -> None:
    _check_against_brute_force(*case)


@SETTINGS
@given(instances(certain=False))
def test_no_action_is_scheduled_before_its_prerequisites(
        case: tuple[PlanningProblem, MultiYearOptions]) -> None:
    problem, options = case
    try:
        plan = plan_multiyear(problem, options)
    except InputError:
        return
    year_of = {a: t for t, actions in enumerate(plan.schedule) for a in actions}
    for action_id, t in year_of.items():
        for group in problem.by_id[action_id].requires:
            assert any(b in problem.done_actions or year_of.get(b, math.inf) <= t
                       for b in group)
    for year in plan.years:
        finish = {p.action.id: p.end_month for p in year.selected}
        for p in year.selected:
            assert p.end_month - p.start_month == (p.action.months or 0)
            assert all(finish[b] <= p.start_month for b in p.action.required_ids
                       if b in finish)


@pytest.mark.slow
@SETTINGS
@given(instances(certain=False))
def test_one_year_equals_optimize_on_random_instances(
        case: tuple[PlanningProblem, MultiYearOptions]) -> None:
    """``plan_multiyear`` with one year is ``optimize``'s plan; the multi-year model itself,
    built and solved for one year, reaches the same exact expected index."""
    problem, options = case
    options = replace(options, years=1, budgets=options.budgets[:1], by_year=None,
                      objective="final" if options.objective == "sum" else options.objective)
    single_options = PlanOptions(budget=options.budgets[0], target=options.target,
                                 force=options.force, exclude=options.exclude,
                                 max_months=options.max_months, solver=options.solver)
    try:
        single = optimize(problem, single_options)
    except InputError:
        with pytest.raises(InputError):
            plan_multiyear(problem, options)
        return
    year = plan_multiyear(problem, options).years[0]
    assert year.selected == single.selected
    assert year.expected_index == single.expected_index
    solution = solve_multiyear(build_multiyear_model(problem, options))
    schedule = solution.schedules[0]
    if options.target is None:
        assert schedule_indices(problem, schedule)[0] == pytest.approx(single.expected_index,
                                                                       abs=1e-9)
    else:
        cost = sum(problem.by_id[a].cost for a in schedule[0])
        assert cost <= single.total_cost + 0.5
        assert schedule_indices(problem, schedule)[0] >= options.target - 1e-9
