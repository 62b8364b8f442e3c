"""Solve a multi-year model through ``roadmap.solvers.solve_lp``; the built model is never
changed (a later stage solves a copy with its extra constraints and objective).

* ``final`` (default) is lexicographic: first the highest final-year value (the model's own
  objective); then, on a copy holding that solution's final selection and its final-year
  value (within ``FINAL_SLACK`` index points), the highest sum of the yearly values, so no
  year is left idle when an earlier placement costs nothing. The tie-break is so proven among
  the placements of that final selection, not over other final selections of equal value
  (searching those too takes minutes on the bundled catalogues, re-placing one takes 1-2 s).
  Both schedules are returned; the caller keeps the better one by the exact expectation. A
  weighted single objective would need a weight below the smallest positive difference of
  final values, which is unknown with probabilities < 1.
* ``sum``: one solve.
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
from collections.abc import Mapping
from dataclasses import dataclass

import pulp

from roadmap.errors import InputError, PlanningError, SolverLimitError
from roadmap.model import TARGET_SLACK, VALUE_SCALE
from roadmap.numbers import format_decimal, format_rupiah
from roadmap.problem import PlanningProblem
from roadmap.solvers import SolveResult, Termination, solve_lp

from .model import MultiYearModel, build_multiyear_model
from .schedule import year_outcome
from .types import MultiYearOptions, Schedule

__all__ = ["MultiYearSolution", "FINAL_SLACK", "MAX_CUTS", "solve_multiyear",
           "best_reachable"]

FINAL_SLACK = 1e-7  # index points the tie-break stage may give up on the final year's value
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
    first = _run(model, model.lp)
    if options.objective == "target":
        return _solve_target(model, first)
    schedules = [_schedule(model, first.values)]
    seconds = first.seconds
    tie_break_proven = True
    if options.objective == "final" and options.years > 1:
        stage = model.lp.copy()
        assert first.objective is not None
        stage.addConstraint(VALUE_SCALE * model.value[options.years]
                            >= first.objective - VALUE_SCALE * FINAL_SLACK, "final_kept")
        for k, years in enumerate(model.by.values()):
            var = years[options.years]
            stage.addConstraint(var == int(first.values.get(var.name, 0.0) > 0.5), f"final_{k}")
        stage.setObjective(VALUE_SCALE * pulp.lpSum(model.value.values()))
        second = solve_lp(stage, options.solver, options.time_limit)
        seconds += second.seconds
        if second.has_solution:
            schedules.append(_schedule(model, second.values))
        tie_break_proven = second.termination is Termination.OPTIMAL
    bound = first.bound / VALUE_SCALE if first.bound is not None else None
    return MultiYearSolution(tuple(schedules), bound, first.termination is Termination.OPTIMAL,
                             tie_break_proven, seconds)


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


def _run(model: MultiYearModel, lp: pulp.LpProblem) -> SolveResult:
    options = model.options
    result = solve_lp(lp, options.solver, options.time_limit)
    if result.termination is Termination.INFEASIBLE:
        raise _infeasible(model)
    if result.termination is Termination.TIME_LIMIT:
        raise SolverLimitError(
            f"solver {options.solver.upper()} belum menemukan peta rencana dalam batas waktu "
            f"{format_decimal(options.time_limit or 0.0, 0)} detik; naikkan batas waktu "
            "atau kecilkan katalog")
    if not result.has_solution:
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
