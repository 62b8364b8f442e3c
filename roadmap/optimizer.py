"""Choose the action plan that maximizes the expected index within a budget, and prove it.

``optimize`` builds the model (``roadmap.model``), solves it (``roadmap.solvers``), prunes
zero-value actions, and ranks and explains the plan (``roadmap.ranking``). The model is the
exact expectation (``roadmap.expectation``) for any probabilities and providers, so a solve that
ends optimal proves the plan optimal (``PlanStatus.OPTIMAL``, ``proven_optimal``). When the model
had to bound a block, or the solver stopped at its time limit, the plan is ``FEASIBLE`` and
``Plan.gap`` is the proven distance to the optimum.

Ties (documented, deterministic): the solver runs single-threaded on a model built in catalogue
order, so the same input gives the same plan. Then selected actions that add nothing to the
exact expected index (within ``TIE_TOLERANCE``) and that no other selected action needs are
dropped, the most expensive first, then by id: among equally good plans the tool never keeps
one that wastes money on a zero-value action.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from roadmap.errors import InputError, PlanningError, SolverLimitError
from roadmap.expectation import expected_index, gain_delta
from roadmap.greedy import greedy_selection
from roadmap.model import VALUE_SCALE, PlanModel, build_model, selected_ids
from roadmap.numbers import format_decimal, format_rupiah
from roadmap.options import PlanOptions, candidate_actions
from roadmap.plan import Plan, PlanStatus
from roadmap.problem import PlanningProblem
from roadmap.ranking import assemble_plan
from roadmap.schedule import ranking_key, requirements_met
from roadmap.solvers import SOLVER_NAMES, SolveResult, Termination, solve_lp

__all__ = ["optimize", "solve", "prune", "Solution", "PlanOptions", "SOLVERS", "TIE_TOLERANCE",
           "best_expected_index", "build_model", "candidate_actions", "optimal_selection"]

SOLVERS = SOLVER_NAMES
TIE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Solution:
    """A solved model: the selection (pruned), its model value and what is proven about it.

    ``bound`` is the proven best value (budget mode: index points of gain; target mode:
    rupiah) when known."""

    selected: tuple[str, ...]
    model_value: float
    proven_optimal: bool
    bound: float | None
    solve_seconds: float
    termination: Termination


def solve(model: PlanModel) -> Solution:
    """Solve ``model`` and return the pruned selection; the model is not changed.

    Raises ``InputError`` when no plan satisfies the options (naming the cause),
    ``SolverLimitError`` when the time limit passed without a plan, and ``PlanningError`` when
    the solver failed.
    """
    options = model.options
    result = solve_lp(model.lp, options.solver, options.time_limit)
    if result.termination is Termination.INFEASIBLE:
        raise _infeasible(model)
    if result.termination is Termination.TIME_LIMIT:
        raise SolverLimitError(
            f"solver {options.solver.upper()} belum menemukan rencana dalam batas waktu "
            f"{options.time_limit:g} detik; naikkan batas waktu atau kecilkan katalog")
    if not result.has_solution:
        raise PlanningError(
            f"solver {options.solver.upper()} berhenti tanpa hasil (status: {result.detail}); "
            "ini bukan berarti rencana mustahil: coba lagi atau pakai solver lain")
    picked = prune(model.problem, selected_ids(model, result.values), set(options.force))
    return Solution(picked, _model_value(model, result), result.termination
                    is Termination.OPTIMAL and model.exact, _bound(model, result),
                    result.seconds, result.termination)


def _model_value(model: PlanModel, result: SolveResult) -> float:
    objective = result.objective or 0.0
    return objective / VALUE_SCALE if model.maximize else objective * model.cost_unit


def _bound(model: PlanModel, result: SolveResult) -> float | None:
    if result.bound is None:
        return None
    return result.bound / VALUE_SCALE if model.maximize else result.bound * model.cost_unit


def prune(problem: PlanningProblem, selected: tuple[str, ...], keep: set[str]
          ) -> tuple[str, ...]:
    """Drop selected actions whose removal keeps the exact expected index and every explicit
    prerequisite met; the most expensive first, then by id. Forced actions stay.

    A solver may leave an action that earns nothing in an optimal solution (it costs nothing
    in the objective); this makes such plans deterministic and never wasteful.
    """
    chosen = list(selected)
    for action_id in sorted(chosen, key=lambda a: (-problem.by_id[a].cost, a)):
        if action_id in keep:
            continue
        rest = [a for a in chosen if a != action_id]
        if abs(gain_delta(problem, chosen, action_id)) > TIE_TOLERANCE:
            continue
        if all(requirements_met(problem, problem.by_id[a], set(rest)) for a in rest):
            chosen = rest
    return tuple(chosen)


def _infeasible(model: PlanModel) -> InputError:
    problem, options = model.problem, model.options
    forced = [problem.by_id[a] for a in options.force]
    forced_cost = sum(a.cost for a in forced)
    if options.budget is not None and forced_cost > options.budget:
        return InputError(
            f"aksi yang dipaksa masuk ({', '.join(a.id for a in forced)}) berbiaya "
            f"{format_rupiah(forced_cost)}, melebihi anggaran {format_rupiah(options.budget)}"
        )
    for action in forced:
        if action.id not in model.x:
            return InputError(f"aksi {action.id} yang dipaksa masuk sudah tercapai, "
                              "dikecualikan, atau tidak menambah tingkat yang dapat dicapai")
    if options.target is not None:
        best = best_expected_index(problem, options)
        limit = (f"dengan anggaran {format_rupiah(options.budget)}"
                 if options.budget is not None else "dengan katalog aksi ini")
        return InputError(
            f"target indeks {format_decimal(options.target)} tidak dapat dicapai {limit}; "
            f"indeks harapan tertinggi yang dapat dicapai {format_decimal(best)}"
        )
    return InputError("tidak ada rencana yang memenuhi semua batasan (prasyarat aksi yang "
                      "dipaksa, batas OPD atau batas bulan); longgarkan batasannya")


def best_expected_index(problem: PlanningProblem, options: PlanOptions) -> float:
    """The highest expected index reachable under ``options`` without a target (with no
    budget, every candidate action may be bought)."""
    budget = options.budget
    if budget is None:
        budget = math.fsum(a.cost for a in problem.catalogue)
    model = build_model(problem, replace(options, budget=budget, target=None))
    result = solve_lp(model.lp, options.solver, options.time_limit)
    if not result.has_solution:
        return problem.index_before
    return expected_index(problem, selected_ids(model, result.values))


def optimal_selection(problem: PlanningProblem, options: PlanOptions) -> Solution:
    """Build and solve only: the proven-optimal selection without ranking or explanations
    (what a frontier or a sweep needs)."""
    return solve(build_model(problem, options))


def optimize(problem: PlanningProblem, options: PlanOptions) -> Plan:
    """The best plan for ``options``: built, solved, ranked and explained.

    Budget mode: the plan with the highest expected index within the budget. Target mode
    (``options.target``): the cheapest plan whose expected index reaches the target.
    """
    model = build_model(problem, options)
    solution = solve(model)
    selected = solution.selected
    if model.maximize and not solution.proven_optimal:
        # A bounded model optimizes an upper bound: keep the greedy plan when it is better.
        selected = max((selected, greedy_selection(problem, options)),
                       key=lambda s: ranking_key(problem, s))
    value = expected_index(problem, selected) - problem.index_before
    if model.maximize:
        gap = max(0.0, (solution.bound if solution.bound is not None else math.inf) - value)
    else:
        total = sum(problem.by_id[a].cost for a in selected)
        gap = max(0.0, total - (solution.bound if solution.bound is not None else 0.0))
    proven = solution.proven_optimal
    method = (f"MILP ({options.solver.upper()}), model nilai harapan eksak"
              if model.exact else
              f"MILP ({options.solver.upper()}), {model.bounded_blocks} blok dengan batas atas "
              "(terlalu banyak kombinasi aksi), dibandingkan dengan baseline greedy")
    return assemble_plan(
        problem, options, selected,
        status=PlanStatus.OPTIMAL if proven else PlanStatus.FEASIBLE,
        method=method, proven_optimal=proven, exact_model=model.exact,
        solver=options.solver, build_seconds=model.build_seconds,
        solve_seconds=solution.solve_seconds, gap=0.0 if proven else gap,
    )
