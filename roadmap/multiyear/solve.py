"""Solve a multi-year model through ``roadmap.solvers.solve_lp``; the built model is never
changed (a later stage solves a copy with its extra constraints and objective).

* ``final`` (default) is lexicographic: first the highest final-year value; then, on a copy
  holding that solution's final selection and its final-year value (within ``FINAL_SLACK``
  index points), the highest sum of the yearly values, so no year is left idle when an
  earlier placement costs nothing. The first stage starts from the pooled single-year problem
  (``pooled_bound``: all budgets together, no month limit): its optimum bounds the final-year
  value, and when its selection can be packed into the years (a copy with the final selection
  fixed) with an exact final value equal to that bound, the packed schedule is proven optimal
  without the full model; otherwise the full model is solved and the better of its bound and
  the pooled one is kept. The tie-break is so proven among
  the placements of that final selection, not over other final selections of equal value
  (searching those too takes minutes on the bundled catalogues, re-placing one takes 1-2 s).
  Both schedules are returned; the caller keeps the better one by the exact expectation. A
  weighted single objective would need a weight below the smallest positive difference of
  final values, which is unknown with probabilities < 1.
* ``sum``: one solve; when it is not proven within the time limit, the ``final`` schedules
  (below) are offered too, since they often have the higher sum.
* ``target``: minimum cost with the target year's model value reaching the target. When the
  model is an upper bound (``exact`` false), a schedule may reach the target in the model but
  not exactly: it is cut off (a no-good cut on its ``by`` values, which no schedule reaching
  the target exactly shares) and the copy solved again, at most ``MAX_CUTS`` times. The
  bound stays valid, so a schedule found this way is proven cheapest.

Errors: no schedule at all is an ``InputError`` naming the likely cause; a time limit without
a schedule is a ``SolverLimitError``, any other solver failure a ``PlanningError``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pulp

from roadmap.errors import InputError, PlanningError, RoadmapError, SolverLimitError
from roadmap.model import TARGET_SLACK, VALUE_SCALE
from roadmap.numbers import format_decimal, format_rupiah
from roadmap.optimizer import optimal_selection
from roadmap.options import PlanOptions
from roadmap.problem import PlanningProblem
from roadmap.solvers import SolveResult, Termination, solve_lp

from .model import MultiYearModel, build_multiyear_model
from .schedule import cumulative, year_outcome
from .types import MultiYearOptions, Schedule

__all__ = ["MultiYearSolution", "FINAL_SLACK", "PROOF_SLACK", "MAX_CUTS", "solve_multiyear",
           "pooled_bound", "best_reachable"]

FINAL_SLACK = 1e-7  # index points the tie-break stage may give up on the final year's value
PROOF_SLACK = 1e-6  # index points between a bound and an exact value that count as equal
MAX_CUTS = 25


@dataclass(frozen=True)
class MultiYearSolution:
    """The solver's schedules (first the objective's, then the tie-break's, if any) and what
    is proven. ``bound`` is the proven bound on the objective: index points gained (final
    year, or summed over the years) or rupiah for ``target``; None when the solver gave none.
    """

    schedules: tuple[Schedule, ...]
    bound: float | None
    solver_optimal: bool
    tie_break_proven: bool
    solve_seconds: float
    cuts: int = 0


def solve_multiyear(model: MultiYearModel) -> MultiYearSolution:
    """Solve ``model`` (see the module docstring)."""
    options = model.options
    if options.objective == "target":
        return _solve_target(model, _run(model, model.lp))
    if options.objective == "sum" or options.years == 1:
        first = _run(model, model.lp, allow_limit=options.years > 1)
        bound = first.bound / VALUE_SCALE if first.bound is not None else None
        schedules: tuple[Schedule, ...] = (
            (_schedule(model, first.values),) if first.has_solution else ())
        seconds = first.seconds
        if first.termination is not Termination.OPTIMAL and options.years > 1:
            # not proven in time: the final-then-sum schedule is often better on the sum, and
            # the pooled bounds of each year add up to a bound on the sum
            final = _solve_final(model)
            schedules += final.schedules
            seconds += final.solve_seconds
            yearly = [pooled_bound(model, t) for t in range(1, options.years)]
            if final.bound is not None and all(y is not None for y in yearly):
                pooled = final.bound + math.fsum(y[0] for y in yearly if y is not None)
                seconds += math.fsum(y[2] for y in yearly if y is not None)
                bound = pooled if bound is None else min(bound, pooled)
        return MultiYearSolution(schedules, bound, first.termination is Termination.OPTIMAL,
                                 True, seconds)
    return _solve_final(model)


def _solve_final(model: MultiYearModel) -> MultiYearSolution:
    """``final``: the pooled bound and its packing, the full model when they do not meet,
    then the tie-break on the best final selection."""
    options = model.options
    last = options.years
    seconds = 0.0
    found: list[tuple[Schedule, SolveResult]] = []  # schedules with their solve (model value)
    bounds: list[float] = []
    pooled = pooled_bound(model)
    if pooled is not None:
        bound, selection, spent = pooled
        seconds += spent
        bounds.append(bound)
        if all(a in model.by for a in selection):
            packed = _with_final(model, model.lp, selection)
            packed.setObjective(VALUE_SCALE * model.value[last])
            result = solve_lp(packed, options.solver, options.time_limit)
            seconds += result.seconds
            if result.has_solution:
                found.append((_schedule(model, result.values), result))
    best = _best_final(model, found)
    proven = best is not None and bounds and _final_gain(model, best[0]) >= min(
        bounds) - PROOF_SLACK
    optimal = bool(proven)
    if not proven:
        first = _run(model, model.lp, allow_limit=bool(found))
        seconds += first.seconds
        if first.has_solution:
            found.append((_schedule(model, first.values), first))
        if first.bound is not None:
            bounds.append(first.bound / VALUE_SCALE)
        optimal = first.termination is Termination.OPTIMAL
        best = _best_final(model, found)
    assert best is not None
    schedule, result = best
    assert result.objective is not None
    stage = _with_final(model, model.lp, set(cumulative(schedule)[-1]))
    stage.addConstraint(VALUE_SCALE * model.value[last]
                        >= result.objective - VALUE_SCALE * FINAL_SLACK, "final_kept")
    stage.setObjective(VALUE_SCALE * pulp.lpSum(model.value.values()))
    second = solve_lp(stage, options.solver, options.time_limit)
    seconds += second.seconds
    schedules = [s for s, _ in found]
    if second.has_solution:
        schedules.append(_schedule(model, second.values))
    return MultiYearSolution(tuple(schedules), min(bounds) if bounds else None,
                             optimal or bool(proven),
                             second.termination is Termination.OPTIMAL, seconds)


def _final_gain(model: MultiYearModel, schedule: Schedule) -> float:
    problem = model.problem
    return (year_outcome(problem, schedule, model.options.years).expected_index
            - problem.index_before)


def _best_final(model: MultiYearModel, found: list[tuple[Schedule, SolveResult]]
                ) -> tuple[Schedule, SolveResult] | None:
    """The schedule with the highest exact final-year index (the first among equals)."""
    best: tuple[Schedule, SolveResult] | None = None
    best_gain = -math.inf
    for schedule, result in found:
        gain = _final_gain(model, schedule)
        if gain > best_gain + PROOF_SLACK:
            best, best_gain = (schedule, result), gain
    return best


def _with_final(model: MultiYearModel, lp: pulp.LpProblem, selection: Collection[str]
                ) -> pulp.LpProblem:
    """A copy of ``lp`` whose selection by the last year is exactly ``selection``."""
    copy = lp.copy()
    last = model.options.years
    for k, (action_id, years) in enumerate(model.by.items()):
        copy.addConstraint(years[last] == int(action_id in selection), f"final_{k}")
    return copy


def pooled_bound(model: MultiYearModel, year: int | None = None
                 ) -> tuple[float, tuple[str, ...], float] | None:
    """The pooled single-year problem's proven bound on the gain by the end of ``year``
    (default: the last), its selection and the seconds it took; None when it gives no bound.

    Pooling drops the split into years: ``roadmap.optimizer.optimal_selection`` on the base
    problem (no one-year track record) over the model's candidate actions, with the budgets
    of years ``1..year`` together, no month limit and (for the last year) the forced actions.
    The selection by that year of any schedule is feasible there and worth at least as much
    there (track records only take value away), so its optimum bounds that year's value; the
    solver's dual bound is used, so the bound holds even when the pooled solve stops at its
    time limit.
    """
    problem, options = model.problem, model.options
    last = options.years if year is None else year
    pooled = PlanOptions(
        budget=options.budget_by(last), force=options.force if last == options.years else (),
        exclude=tuple(a for a in problem.catalogue.ids
                      if a not in model.by and a not in problem.done_actions),
        max_months=None, solver=options.solver, time_limit=options.time_limit)
    try:
        solution = optimal_selection(problem, pooled)
    except RoadmapError:
        return None
    if solution.bound is None:
        return None
    return solution.bound, solution.selected, solution.solve_seconds


def _solve_target(model: MultiYearModel, result: SolveResult) -> MultiYearSolution:
    options = model.options
    assert options.target is not None
    lp = model.lp
    seconds = result.seconds
    for cut in range(MAX_CUTS + 1):
        schedule = _schedule(model, result.values)
        reached = year_outcome(model.problem, schedule, options.target_position).expected_index
        if reached >= options.target - TARGET_SLACK:
            bound = result.bound * model.cost_unit if result.bound is not None else None
            return MultiYearSolution((schedule,), bound,
                                     result.termination is Termination.OPTIMAL, True, seconds,
                                     cut)
        if cut == MAX_CUTS:
            break
        lp = lp.copy()
        lp.addConstraint(_no_good(model, result.values) >= 1, f"cut_{cut}")
        result = _run(model, lp)
        seconds += result.seconds
    raise PlanningError(
        f"setelah {MAX_CUTS} jadwal yang hanya mencapai target menurut batas atas model, "
        "belum ditemukan jadwal yang mencapainya secara eksak; turunkan target sedikit atau "
        "tambah anggaran")


def _no_good(model: MultiYearModel, values: Mapping[str, float]) -> pulp.LpAffineExpression:
    """At least one ``by`` variable differs from ``values``."""
    return pulp.lpSum((1 - var) if values.get(var.name, 0.0) > 0.5 else var
                      for years in model.by.values() for var in years.values())


def _schedule(model: MultiYearModel, values: Mapping[str, float]) -> Schedule:
    """The schedule of a solution, actions in catalogue order."""
    first = {a: min((t for t, v in years.items() if values.get(v.name, 0.0) > 0.5), default=0)
             for a, years in model.by.items()}
    return tuple(tuple(a for a in model.problem.catalogue.ids if first.get(a) == t)
                 for t in range(1, model.options.years + 1))


def _run(model: MultiYearModel, lp: pulp.LpProblem, allow_limit: bool = False) -> SolveResult:
    """Solve ``lp``; raise for no solution, except a time limit when ``allow_limit`` (the
    caller has other schedules and keeps the bound)."""
    options = model.options
    result = solve_lp(lp, options.solver, options.time_limit)
    if result.termination is Termination.INFEASIBLE:
        raise _infeasible(model)
    if result.termination is Termination.TIME_LIMIT and not allow_limit:
        raise SolverLimitError(
            f"solver {options.solver.upper()} belum menemukan peta rencana dalam batas waktu "
            f"{format_decimal(options.time_limit or 0.0, 0)} detik; naikkan batas waktu "
            "atau kecilkan katalog")
    if not result.has_solution and result.termination is not Termination.TIME_LIMIT:
        raise PlanningError(
            f"solver {options.solver.upper()} berhenti tanpa hasil (status: {result.detail}); "
            "ini bukan berarti peta rencana mustahil: coba lagi atau pakai solver lain")
    return result


def _infeasible(model: MultiYearModel) -> InputError:
    """The error for a model without a solution, naming the likely cause."""
    problem, options = model.problem, model.options
    forced = [problem.by_id[a] for a in options.force]
    forced_cost = math.fsum(a.cost for a in forced)
    if options.budgets and forced_cost > math.fsum(options.budgets):
        return InputError(
            f"aksi yang dipaksa masuk ({', '.join(a.id for a in forced)}) berbiaya "
            f"{format_rupiah(forced_cost)}, melebihi total anggaran "
            f"{format_rupiah(math.fsum(options.budgets))}")
    for action in forced:
        if action.id not in model.by:
            return InputError(f"aksi {action.id} yang dipaksa masuk sudah tercapai, "
                              "dikecualikan, atau tidak menambah tingkat yang dapat dicapai")
    if options.target is not None:
        year = options.year_numbers[options.target_position - 1]
        best = best_reachable(problem, options)
        limit = "dengan anggaran ini" if options.budgets else "dengan katalog aksi ini"
        return InputError(
            f"target indeks {format_decimal(options.target)} tidak dapat dicapai sampai tahun "
            f"{year} {limit}; indeks harapan tertinggi yang dapat dicapai {format_decimal(best)}")
    return InputError("tidak ada peta rencana yang memenuhi semua batasan (anggaran tiap tahun "
                      "untuk aksi yang dipaksa, prasyarat, kelompok aksi atau batas bulan); "
                      "longgarkan batasannya")


def best_reachable(problem: PlanningProblem, options: MultiYearOptions) -> float:
    """The exact expected index of the best ``final`` schedule up to the target year (to
    explain an unreachable target)."""
    position = options.target_position
    budgets = options.budgets[:position] if options.budgets else tuple(
        math.fsum(a.cost for a in problem.catalogue) for _ in range(position))
    relaxed = dataclasses.replace(options, years=position, budgets=budgets, objective="final",
                                  target=None, by_year=None)
    try:
        model = build_multiyear_model(problem, relaxed)
        result = solve_lp(model.lp, relaxed.solver, relaxed.time_limit)
    except InputError:
        return problem.index_before
    if not result.has_solution:
        return problem.index_before
    schedule = _schedule(model, result.values)
    return year_outcome(problem, schedule, position).expected_index
