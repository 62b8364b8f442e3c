"""From options to a ranked, explained Peta Rencana: ``plan_multiyear``.

With one year the multi-year semantics are the single-year ones (a track record holds in year
1 exactly when the assessed level below has been held long enough), so the plan is
``roadmap.optimizer.optimize``'s plan, the same selection, ranks and numbers. With more years
the multi-year model is built and solved (``roadmap.multiyear.model``/``solve``); each
schedule the solver returns is pruned (actions no year needs) and advanced (every action to
the earliest year that allows it: no year's expected index can fall), and the best by the exact
objective is kept. When that is not proven optimal, the schedule completed year by year with the
greedy baseline (``complete_schedule``, from it and from the forced actions alone) is tried too.
The gap reported is the best proven bound minus the exact value of the schedule kept; the plan
is ``OPTIMAL`` only when that gap is nil (``PROOF_TOLERANCE``), ``FEASIBLE`` with the gap
otherwise: never a silent best-found.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Sequence

import networkx as nx

from roadmap.optimizer import optimize
from roadmap.plan import PlannedAction, PlanStatus
from roadmap.problem import PlanningProblem
from roadmap.ranking import precedence_graph, reason
from roadmap.schedule import finish_months

from .model import build_multiyear_model
from .schedule import (
    MONEY_TOLERANCE,
    advance_schedule,
    base_problem,
    complete_schedule,
    cumulative,
    prune_schedule,
    schedule_indices,
    schedule_violations,
    year_change,
    year_outcome,
)
from .solve import FINAL_SLACK, solve_multiyear
from .types import MultiYearOptions, MultiYearPlan, Schedule, YearPlan, validate_multiyear

__all__ = ["plan_multiyear", "assemble_multiyear", "PROOF_TOLERANCE"]

PROOF_TOLERANCE = 1e-6  # index points between the bound and the exact value of a proven plan


def plan_multiyear(problem: PlanningProblem, options: MultiYearOptions) -> MultiYearPlan:
    """The best Peta Rencana for ``options``: built, solved, improved, ranked per year.

    Raises ``InputError`` when no schedule satisfies the options (naming the cause),
    ``SolverLimitError``/``PlanningError`` when the solver gave no answer.
    """
    validate_multiyear(problem, options)
    if options.years == 1:
        return _one_year(problem, options)
    model = build_multiyear_model(problem, options)
    solution = solve_multiyear(model)
    keep = set(options.force)
    candidates = [advance_schedule(problem, options, prune_schedule(problem, s, keep))
                  for s in solution.schedules]
    best_score, schedule = _best(problem, options, candidates)
    gap = _gap(options, solution.bound, best_score)
    heuristic = False
    if gap > _tolerance(options) and options.objective != "target":
        # not proven: the greedy completion of each year may find a better schedule
        started = time.perf_counter()
        forced = tuple(tuple(a for a in year if a in keep) for year in schedule)
        extra = [complete_schedule(problem, options, s) for s in (schedule, forced)]
        extra = [advance_schedule(problem, options, prune_schedule(problem, s, keep))
                 for s in extra if not schedule_violations(problem, options, s)]
        score, better = _best(problem, options, [schedule, *extra])
        if better != schedule:
            best_score, schedule, heuristic = score, better, True
            gap = _gap(options, solution.bound, best_score)
        solution = dataclasses.replace(
            solution, solve_seconds=solution.solve_seconds + time.perf_counter() - started)
    proven = gap <= _tolerance(options)
    name = options.solver.upper()
    method = (f"MILP multi-tahun ({name}), model nilai harapan eksak" if model.exact else
              f"MILP multi-tahun ({name}), model batas atas nilai harapan"
              + (f" ({model.bounded_blocks} blok terlalu besar)" if model.bounded_blocks else "")
              + (" dengan rekam jejak lintas tahun" if model.track_record_bounds else "")
              + "; selisih terbukti terhadap optimum dilaporkan")
    if options.objective == "final":
        method += "; indeks tahun terakhir, lalu jumlah indeks tiap tahun"
    if heuristic:
        method += "; jadwal solver dilengkapi greedy per tahun (lebih baik secara eksak)"
    warnings = []
    if options.objective == "final" and not solution.tie_break_proven:
        warnings.append("urutan penempatan antartahun (jumlah indeks tiap tahun) belum terbukti "
                        "optimal dalam batas waktu; indeks tahun terakhir tidak terpengaruh")
    return assemble_multiyear(
        problem, options, schedule,
        status=PlanStatus.OPTIMAL if proven else PlanStatus.FEASIBLE, method=method,
        proven_optimal=proven, exact_model=model.exact, gap=0.0 if proven else gap,
        bound=solution.bound, tie_break_proven=solution.tie_break_proven,
        build_seconds=model.build_seconds, solve_seconds=solution.solve_seconds,
        warnings=tuple(warnings))


def _best(problem: PlanningProblem, options: MultiYearOptions, schedules: Sequence[Schedule]
          ) -> tuple[tuple[float, float], Schedule]:
    """The best of ``schedules`` by the exact objective (the first among equals)."""
    scored = [(_score(problem, options, s), s) for s in schedules]
    best_score, best = scored[0]
    for score, candidate in scored[1:]:
        if _better(options, score, best_score):
            best_score, best = score, candidate
    return best_score, best


def _gap(options: MultiYearOptions, bound: float | None, score: tuple[float, float]) -> float:
    """Bound minus the exact value: an upper bound on the gain (final, sum) or a lower bound
    on the cost (target, whose score is the negative cost)."""
    if bound is None:
        return math.inf
    return max(0.0, -score[0] - bound if options.objective == "target" else bound - score[0])


def _tolerance(options: MultiYearOptions) -> float:
    return MONEY_TOLERANCE if options.objective == "target" else PROOF_TOLERANCE


def _score(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule
           ) -> tuple[float, float]:
    """(objective value in the bound's units, tie-break): final: (final gain, sum of gains);
    sum: (sum of gains, 0); target: (negative cost, target year's index)."""
    if options.objective == "target":
        cost = math.fsum(problem.by_id[a].cost for year in schedule for a in year)
        return -cost, year_outcome(problem, schedule, options.target_position).expected_index
    before = problem.index_before
    gains = [i - before for i in schedule_indices(problem, schedule)]
    total = math.fsum(gains)
    return (gains[-1], total) if options.objective == "final" else (total, 0.0)


def _better(options: MultiYearOptions, score: tuple[float, float],
            best: tuple[float, float]) -> bool:
    if options.objective == "final":
        return score[0] > best[0] + FINAL_SLACK or (
            score[0] >= best[0] - FINAL_SLACK and score[1] > best[1] + 1e-12)
    if options.objective == "sum":
        return score[0] > best[0] + 1e-12
    return score > best


def _one_year(problem: PlanningProblem, options: MultiYearOptions) -> MultiYearPlan:
    plan = optimize(problem, options.plan_options(options.budget(1)))
    framework = problem.framework
    year = YearPlan(
        year=options.start_year, budget=options.budget(1), available=options.budget(1),
        total_cost=plan.total_cost, expected_index=plan.expected_index,
        predicate=plan.expected_predicate, selected=plan.selected,
        expected_values=plan.expected_values, warnings=plan.warnings)
    return MultiYearPlan(
        framework_id=framework.id, objective=options.objective, status=plan.status,
        method=plan.method, index_before=plan.index_before,
        predicate_before=plan.predicate_before, years=(year,), target=options.target,
        by_year=options.start_year if options.target is not None else None,
        carry_over=options.carry_over, max_months=options.max_months,
        proven_optimal=plan.proven_optimal, exact_model=plan.exact_model, gap=plan.gap,
        expectation_method=plan.expectation_method, solver=plan.solver,
        build_seconds=plan.build_seconds, solve_seconds=plan.solve_seconds,
        warnings=plan.warnings)


def assemble_multiyear(
    problem: PlanningProblem,
    options: MultiYearOptions,
    schedule: Schedule,
    *,
    status: PlanStatus,
    method: str,
    proven_optimal: bool,
    exact_model: bool,
    gap: float = 0.0,
    bound: float | None = None,
    tie_break_proven: bool = True,
    build_seconds: float = 0.0,
    solve_seconds: float = 0.0,
    warnings: Sequence[str] = (),
) -> MultiYearPlan:
    """Rank, schedule and explain each year; each year's outcome is exact (track records
    across years included)."""
    base = base_problem(problem)
    framework = problem.framework
    years = []
    methods = set()
    available = spent = 0.0
    for position, (year, actions) in enumerate(zip(options.year_numbers, schedule,
                                                   strict=True), start=1):
        outcome = year_outcome(base, schedule, position)
        methods.add(outcome.method)
        budget = options.budget(position)
        cost = math.fsum(base.by_id[a].cost for a in actions)
        own: float | None = None
        if budget is not None:
            available = (available - spent if options.carry_over else 0.0) + budget
            own, spent = available, cost
        years.append(YearPlan(
            year=year, budget=budget, available=own, total_cost=cost,
            expected_index=outcome.expected_index,
            predicate=framework.predicate(outcome.expected_index),
            selected=_ranked(base, schedule, position),
            expected_values=outcome.expected_values))
    return MultiYearPlan(
        framework_id=framework.id, objective=options.objective, status=status, method=method,
        index_before=base.index_before,
        predicate_before=framework.predicate(base.index_before), years=tuple(years),
        target=options.target,
        by_year=(options.year_numbers[options.target_position - 1]
                 if options.target is not None else None),
        carry_over=options.carry_over, max_months=options.max_months,
        proven_optimal=proven_optimal, exact_model=exact_model, gap=gap, bound=bound,
        tie_break_proven=tie_break_proven,
        expectation_method="monte-carlo" if "monte-carlo" in methods else "exact",
        solver=options.solver, build_seconds=build_seconds, solve_seconds=solve_seconds,
        warnings=tuple(warnings))


def _ranked(problem: PlanningProblem, schedule: Schedule, position: int
            ) -> tuple[PlannedAction, ...]:
    """The actions of year ``position`` in rencana-aksi order (as ``roadmap.ranking``: what
    they build on first, then the largest marginal gain in this year's index, the cheaper,
    the id), with months within the year and contributions in rank order."""
    actions = schedule[position - 1]
    if not actions:
        return ()

    def with_year(chosen: Sequence[str]) -> Schedule:
        return (*schedule[:position - 1], tuple(chosen), *schedule[position:])

    def change(before: Sequence[str], after: Sequence[str], differ: str) -> float:
        return year_change(problem, with_year(before), with_year(after), position,
                            problem.dependents[differ])

    marginal = {a: change([b for b in actions if b != a], actions, a) for a in actions}
    graph = precedence_graph(problem, actions)
    order = list(nx.lexicographical_topological_sort(
        graph, key=lambda a: (-round(marginal[a], 12), problem.by_id[a].cost, a)))
    finish = finish_months(problem.by_id, order)
    selected = set(cumulative(schedule)[position - 1])
    result = []
    placed: list[str] = []
    for rank, action_id in enumerate(order, start=1):
        action = problem.by_id[action_id]
        contribution = change(placed, [*placed, action_id], action_id)
        placed.append(action_id)
        result.append(PlannedAction(
            action=action, rank=rank, marginal_gain=marginal[action_id],
            reason=reason(problem, action, sorted(selected)),
            start_month=finish[action_id] - (action.months or 0), end_month=finish[action_id],
            prerequisites=tuple(sorted(graph.predecessors(action_id))),
            contribution=contribution))
    return tuple(result)


