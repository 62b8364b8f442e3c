"""Choose the action plan that maximizes the expected index within a budget (PuLP MILP).

Model building (``build_model``) is kept apart from solving (``solve``); ``optimize`` runs both,
then ranks and explains the plan (``roadmap.ranking``).

Formulation. Binary ``x[a]``: action ``a`` is selected. Candidate actions exclude those already
done (every effect achieved), ``exclude``-d ones and, with ``max_months``, those whose chain of
explicit prerequisites does not fit before the deadline. Each requirement group of an action needs
one of its alternatives selected (or already done). For each new node ``n`` worth ``g[n]``:

* if every provider of every node of its closure has p = 1, a continuous ``y[n] <= sum of its
  providers' x``, ``y[n] <= y[m]`` for each new predecessor ``m`` (lower level, rule
  prerequisite), objective term ``g[n] * y[n]``: exact;
* otherwise *supporting sets*: a set ``T`` picks one provider for each node of the closure; its
  success probability is the product of ``p`` over ``T``. Continuous ``u[n, T] <= x[a]`` for
  ``a`` in ``T``, ``sum_T u[n, T] <= 1``, objective term ``g[n] * P(T) * u[n, T]``. When every
  closure node has one candidate provider there is one set and the term is the exact
  expectation; when a node has several providers the term is a lower bound (two providers
  that both may succeed are worth more than either alone), as in prioritizr/oppr. Sets that
  are supersets of another set are dropped (dominated); at most ``MAX_SUPPORTING_SETS`` per
  node are kept, the most probable first.

Whatever the model, the reported expected index is recomputed exactly from the chosen plan
(``roadmap.expectation``). The plan is provably optimal when the solver proves optimality and
the model is exact (every node single-provider or certain).

Ties (documented, deterministic): the model is solved once (budget mode: maximum model value;
target mode: minimum cost whose model value reaches the target). The solvers are deterministic
for a given model, and the model is built in catalogue order, so the same input gives the same
plan. Then selected actions that add nothing to the exact expected index (within
``TIE_TOLERANCE``) and that no other selected action needs are dropped, the most expensive
first, then by id: among equally good plans the tool never keeps one that wastes money on a
zero-value action. A full lexicographic second solve (cheapest among all optimal plans) was
measured at 3-10x the solve time with CBC and is not done.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import pulp

from roadmap.actions import Action
from roadmap.errors import InputError
from roadmap.expectation import expected_outcome, gain_delta, node_probability
from roadmap.nodes import Node
from roadmap.numbers import format_decimal, format_rupiah
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem
from roadmap.ranking import assemble_plan

SOLVERS = ("cbc", "highs")
TIE_TOLERANCE = 1e-6
VALUE_SCALE = 10_000  # the solver sees index points x 10^4: CBC's default tolerances are
# absolute, and an unscaled objective (~0.5) let it stop 0.0015 short of the optimum.
MAX_SUPPORTING_SETS = 64


@dataclass(frozen=True)
class PlanOptions:
    """What the user asks for. ``budget`` and ``target`` are rupiah and index points."""

    budget: float | None = None
    target: float | None = None
    force: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    opd_budgets: Mapping[str, float] = field(default_factory=dict)
    opd_max_actions: Mapping[str, int] = field(default_factory=dict)
    max_months: int | None = 12
    solver: str = "cbc"
    time_limit: float | None = None


@dataclass
class PlanModel:
    """A built, not yet solved, MILP with handles to its parts."""

    problem: PlanningProblem
    options: PlanOptions
    lp: pulp.LpProblem
    x: dict[str, pulp.LpVariable]
    value: pulp.LpAffineExpression
    cost: pulp.LpAffineExpression
    cost_unit: float
    exact: bool
    build_seconds: float


@dataclass(frozen=True)
class Solution:
    selected: tuple[str, ...]
    model_value: float
    proven_optimal: bool
    solve_seconds: float


def validate_options(problem: PlanningProblem, options: PlanOptions) -> None:
    """Raise ``InputError`` (Bahasa Indonesia) for options that cannot make sense."""
    known = set(problem.catalogue.ids)
    if options.budget is None and options.target is None:
        raise InputError("tentukan anggaran (--budget) atau target indeks (--target)")
    if options.budget is not None and not (options.budget >= 0 and math.isfinite(options.budget)):
        raise InputError("anggaran harus angka tidak negatif", value=options.budget)
    if options.target is not None:
        top = problem.framework.value.max
        if not 0 < options.target <= top:
            raise InputError(f"target indeks harus di antara 0 dan {top:g}", value=options.target)
    for flag, ids in (("--force", options.force), ("--exclude", options.exclude)):
        for action_id in ids:
            if action_id not in known:
                raise InputError(f"{flag}: aksi '{action_id}' tidak ada di katalog",
                                 value=action_id)
    both = sorted(set(options.force) & set(options.exclude))
    if both:
        raise InputError(f"aksi {', '.join(both)} dipaksa masuk sekaligus dikecualikan")
    if options.solver not in SOLVERS:
        raise InputError(f"solver harus salah satu dari {', '.join(SOLVERS)}",
                         value=options.solver)
    if options.max_months is not None and options.max_months < 0:
        raise InputError("batas bulan tidak boleh negatif", value=options.max_months)


def chain_months(problem: PlanningProblem) -> dict[str, int]:
    """Months an action needs including, in sequence, the fastest chain of its explicit
    prerequisites (already-done prerequisites take no time)."""
    result: dict[str, int] = {}
    by_id = {a.id: a for a in problem.catalogue}  # Catalogue.get is a linear search

    def months(action_id: str) -> int:
        if action_id in problem.done_actions:
            return 0
        if action_id not in result:
            action = by_id[action_id]
            before = max((min(months(b) for b in group) for group in action.requires),
                         default=0)
            result[action_id] = before + (action.months or 0)
        return result[action_id]

    for action in problem.catalogue:
        months(action.id)
    return result


def candidate_actions(problem: PlanningProblem, options: PlanOptions) -> tuple[Action, ...]:
    """Actions the model may select, in catalogue order."""
    excluded = set(options.exclude) | problem.done_actions
    fits = chain_months(problem)
    candidates = []
    for action in problem.catalogue:
        if action.id in excluded:
            continue
        if options.max_months is not None and fits[action.id] > options.max_months:
            if action.id in options.force:
                raise InputError(
                    f"aksi {action.id} yang dipaksa masuk butuh {fits[action.id]} bulan "
                    f"(termasuk prasyaratnya), melebihi batas {options.max_months} bulan"
                )
            continue
        candidates.append(action)
    return tuple(candidates)


def supporting_sets(problem: PlanningProblem, node: Node, allowed: set[str]
                    ) -> list[tuple[frozenset[str], float]]:
    """Undominated choices of one essential provider per closure node, most probable first
    (at most ``MAX_SUPPORTING_SETS``), each with the exact probability that ``node`` is
    achieved when exactly that set is selected: a lower bound for any plan containing it."""
    p = problem.probability
    closure = sorted(problem.closures[node],
                     key=lambda m: (len(problem.essential_providers[m]), m))
    sets: set[frozenset[str]] = {frozenset()}
    for needed in closure:
        providers = [a for a in problem.essential_providers[needed] if a in allowed]
        grown: set[frozenset[str]] = set()
        for partial in sets:
            if partial.intersection(providers):
                grown.add(partial)
            else:
                grown.update(partial | {a} for a in providers)
        sets = _undominated(grown, p, 4 * MAX_SUPPORTING_SETS)
    return [(s, node_probability(problem, s, node)[0])
            for s in _most_probable(sets, p)[:MAX_SUPPORTING_SETS]]


def _most_probable(sets: set[frozenset[str]], p: Mapping[str, float]) -> list[frozenset[str]]:
    """Most probable first, then smaller, then by ids. The product runs in id order over the
    uncertain actions only, so a subset never sorts after its superset by a rounding."""
    return sorted(sets, key=lambda s: (-math.prod(p[a] for a in sorted(s) if p[a] < 1),
                                       len(s), sorted(s)))


def _undominated(sets: set[frozenset[str]], p: Mapping[str, float], limit: int
                 ) -> set[frozenset[str]]:
    """The ``limit`` most probable of the sets that have no proper subset among ``sets``.

    A proper subset is at least as probable and smaller, so it comes first in
    ``_most_probable`` order: each set is compared only with the undominated sets kept before
    it, and the walk stops at ``limit`` (the all-pairs filter was quadratic in the number of
    sets, the build's bottleneck on large catalogues).
    """
    kept: list[frozenset[str]] = []
    for candidate in _most_probable(sets, p):
        if not any(k < candidate for k in kept):
            kept.append(candidate)
            if len(kept) == limit:
                break
    return set(kept)


def cost_unit(actions: tuple[Action, ...]) -> float:
    """The largest whole number of rupiah dividing every cost (1 if costs are not whole), so
    the solver works with small integers and its tolerances cannot blur a rupiah."""
    positive = [a.cost for a in actions if a.cost > 0]
    if not positive or any(c != int(c) for c in positive):
        return 1.0
    costs = [int(c) for c in positive]
    return float(math.gcd(*costs))


def build_model(problem: PlanningProblem, options: PlanOptions) -> PlanModel:
    """Build the MILP for ``problem`` under ``options`` (not solved)."""
    started = time.perf_counter()
    validate_options(problem, options)
    candidates = candidate_actions(problem, options)
    allowed = {a.id for a in candidates}
    lp = pulp.LpProblem("rencana_aksi", pulp.LpMaximize)
    x = {a.id: lp.add_variable(f"x_{k}", 0, 1, pulp.LpBinary) for k, a in enumerate(candidates)}
    position = {a.id: k + 1 for k, a in enumerate(problem.catalogue)}  # constraint names
    for action in candidates:
        if action.id in options.force:
            lp.addConstraint(x[action.id] >= 1, f"force_{position[action.id]}")
        for g, group in enumerate(action.requires):
            if any(b in problem.done_actions for b in group):
                continue
            alternatives = [x[b] for b in group if b in x]
            lp.addConstraint(x[action.id] <= pulp.lpSum(alternatives),
                             f"requires_{position[action.id]}_{g}")
    unit = cost_unit(candidates)
    cost = pulp.lpSum((a.cost / unit) * x[a.id] for a in candidates)
    if options.budget is not None:
        lp.addConstraint(cost <= options.budget / unit, "budget")
    for o, (opd, limit) in enumerate(sorted(options.opd_budgets.items())):
        lp.addConstraint(pulp.lpSum((a.cost / unit) * x[a.id] for a in candidates
                                    if a.opd == opd) <= limit / unit, f"opd_budget_{o}")
    for o, (opd, count) in enumerate(sorted(options.opd_max_actions.items())):
        lp.addConstraint(pulp.lpSum(x[a.id] for a in candidates if a.opd == opd) <= count,
                         f"opd_count_{o}")
    if options.max_months is not None:
        _timing(problem, lp, x, options.max_months)
    terms, exact = _value_terms(problem, lp, x, allowed)
    lp.setObjective(terms)
    return PlanModel(
        problem=problem, options=options, lp=lp, x=x, value=VALUE_SCALE * terms, cost=cost,
        cost_unit=unit,
        exact=exact,
        build_seconds=time.perf_counter() - started,
    )


def _timing(problem: PlanningProblem, lp: pulp.LpProblem, x: dict[str, pulp.LpVariable],
            limit: int) -> None:
    """Finish month ``f[a]`` of each selected action within ``limit``: an action starts after
    every selected action named in its explicit prerequisites has finished. (Rule prerequisites
    between indicators only need to be met by the evidence deadline, so they may run in
    parallel.)"""
    finish = {a: lp.add_variable(f"f_{k}", 0, limit) for k, a in enumerate(x)}
    position = {a: k for k, a in enumerate(x)}
    by_id = {a.id: a for a in problem.catalogue}
    for k, (action_id, var) in enumerate(x.items()):
        action = by_id[action_id]
        months = action.months or 0
        lp.addConstraint(finish[action_id] <= limit * var, f"finish_off_{k}")
        lp.addConstraint(finish[action_id] >= months * var, f"finish_after_{k}")
        for b in action.required_ids:
            if b in finish:
                lp.addConstraint(
                    finish[action_id] >= finish[b] + months - (limit + months) * (1 - var),
                    f"after_{k}_{position[b]}")


def _value_terms(problem: PlanningProblem, lp: pulp.LpProblem, x: dict[str, pulp.LpVariable],
                 allowed: set[str]) -> tuple[pulp.LpAffineExpression, bool]:
    """Objective terms and whether they are the exact expectation.

    Every reachable new node gets a coverage variable ``y`` (provided, lower level and rule
    prerequisites covered); for nodes that are not certain, supporting sets bounded by ``y``
    carry the probabilities. The coverage constraints alone are the exact p = 1 model.
    """
    p = problem.probability
    reachable = [
        n for n in problem.new_nodes
        if all(any(a in allowed for a in problem.providers[m]) for m in problem.closures[n])
    ]
    y: dict[Node, pulp.LpVariable] = {}
    terms = []
    exact = True
    for k, node in enumerate(reachable):
        gain = problem.gains[node]
        var = lp.add_variable(f"y_{k}", 0, 1)
        y[node] = var
        essential = [a for a in problem.essential_providers[node] if a in allowed]
        lp.addConstraint(var <= pulp.lpSum(x[a] for a in essential), f"provided_{k}")
        for pred in problem.graph.predecessors(node):
            if pred in y:
                lp.addConstraint(var <= y[pred], f"needs_{k}_{pred[0]}_{pred[1]}")
        closure_providers = {a for m in problem.closures[node] for a in problem.providers[m]
                             if a in allowed}
        if all(p[a] >= 1.0 for a in closure_providers):
            terms.append(gain * var)
            continue
        sets = supporting_sets(problem, node, allowed)
        # A level-3 step that requires the level-2 step is not an essential provider of level
        # 2, yet in a plan holding both it also provides level 2 (if the level-2 step fails):
        # one supporting set, but its term is then only a lower bound.
        if len(sets) > 1 or any(sum(a in allowed for a in problem.providers[m]) > 1
                                for m in problem.closures[node]):
            exact = False
        chosen = []
        for t, (members, probability) in enumerate(sets):
            support = lp.add_variable(f"u_{k}_{t}", 0, 1)
            chosen.append(support)
            for a in sorted(members):
                lp.addConstraint(support <= x[a], f"support_{k}_{t}_{a}")
            terms.append(gain * probability * support)
        lp.addConstraint(pulp.lpSum(chosen) <= var, f"one_support_{k}")
    return pulp.lpSum(terms), exact


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence a native solver's banner, which bypasses Python's sys.stdout."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        try:
            yield
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)


def _solver(options: PlanOptions) -> pulp.LpSolver:
    if options.solver == "highs":
        return pulp.HiGHS(msg=False, timeLimit=options.time_limit, threads=1)
    from pulp.apis.coin_api import COIN_CMD, pulp_cbc_path

    return COIN_CMD(path=COIN_CMD.executableExtension(pulp_cbc_path), msg=False,
                    timeLimit=options.time_limit, threads=1)


def _run(model: PlanModel) -> tuple[int, float]:
    started = time.perf_counter()
    with _quiet_stdout():
        model.lp.solve(_solver(model.options))
    return model.lp.sol_status, time.perf_counter() - started


def _picked(model: PlanModel) -> tuple[str, ...]:
    return tuple(a for a in model.problem.catalogue.ids
                 if a in model.x and (model.x[a].value() or 0) > 0.5)


def solve(model: PlanModel) -> Solution:
    """Solve the model and return the selection, with zero-value actions pruned.

    Budget mode maximizes the model value; target mode minimizes cost subject to the target.
    Afterwards ``prune`` drops selected actions that add nothing (see the module docstring).
    """
    options = model.options
    if options.target is not None:
        need = options.target - model.problem.index_before
        model.lp.addConstraint(model.value >= VALUE_SCALE * need - 1e-6, "target")
        status, seconds = _stage(model, "min", model.cost)
    else:
        status, seconds = _stage(model, "max", model.value)
    if status == pulp.LpSolutionNoSolutionFound and options.time_limit is not None:
        raise InputError(f"solver belum menemukan rencana dalam batas waktu "
                         f"{options.time_limit:g} detik; naikkan --time-limit")
    if status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        raise _infeasible(model)
    picked = prune(model.problem, _picked(model), set(options.force))
    value = float(pulp.value(model.value) or 0.0) / VALUE_SCALE
    return Solution(picked, value, status == pulp.LpSolutionOptimal, seconds)


def prune(problem: PlanningProblem, selected: tuple[str, ...], keep: set[str]
          ) -> tuple[str, ...]:
    """Drop selected actions whose removal keeps the exact expected index and every explicit
    prerequisite met; the most expensive first, then by id. Forced actions stay.

    A solver may leave an action that earns nothing in an optimal solution (it costs nothing
    in the objective); this makes such plans deterministic and never wasteful.
    """
    chosen = list(selected)
    for action_id in sorted(chosen, key=lambda a: (-problem.catalogue.get(a).cost, a)):
        if action_id in keep:
            continue
        rest = [a for a in chosen if a != action_id]
        if abs(gain_delta(problem, chosen, action_id)) > TIE_TOLERANCE:
            continue
        if all(_requirements_met(problem, problem.catalogue.get(a), set(rest)) for a in rest):
            chosen = rest
    return tuple(chosen)


def _requirements_met(problem: PlanningProblem, action: Action, chosen: set[str]) -> bool:
    return all(any(b in chosen or b in problem.done_actions for b in group)
               for group in action.requires)


def _stage(model: PlanModel, sense: str, expression: pulp.LpAffineExpression
           ) -> tuple[int, float]:
    model.lp.sense = pulp.LpMaximize if sense == "max" else pulp.LpMinimize
    model.lp.setObjective(expression)
    return _run(model)


def _infeasible(model: PlanModel) -> InputError:
    problem, options = model.problem, model.options
    forced = [problem.catalogue.get(a) for a in options.force]
    forced_cost = sum(a.cost for a in forced)
    if options.budget is not None and forced_cost > options.budget:
        return InputError(
            f"aksi yang dipaksa masuk ({', '.join(a.id for a in forced)}) berbiaya "
            f"{format_rupiah(forced_cost)}, melebihi anggaran {format_rupiah(options.budget)}"
        )
    for action in forced:
        if action.id not in model.x:
            return InputError(f"aksi {action.id} yang dipaksa masuk sudah tercapai atau "
                              "dikecualikan")
    if options.target is not None:
        best = optimize_value_only(problem, PlanOptions(
            budget=options.budget, force=options.force, exclude=options.exclude,
            opd_budgets=options.opd_budgets, opd_max_actions=options.opd_max_actions,
            max_months=options.max_months, solver=options.solver,
            time_limit=options.time_limit))
        limit = (f"dengan anggaran {format_rupiah(options.budget)}"
                 if options.budget is not None else "dengan katalog aksi ini")
        return InputError(
            f"target indeks {format_decimal(options.target)} tidak dapat dicapai {limit}; "
            f"indeks harapan tertinggi yang dapat dicapai {format_decimal(best)}"
        )
    return InputError("tidak ada rencana yang memenuhi semua batasan (prasyarat aksi yang "
                      "dipaksa, batas OPD atau batas bulan); longgarkan batasannya")


def optimize_value_only(problem: PlanningProblem, options: PlanOptions) -> float:
    """The best model value reachable under ``options`` (used to explain an unreachable
    target); with no budget, every candidate action may be bought."""
    model = build_model(problem, options if options.budget is not None else PlanOptions(
        budget=math.fsum(a.cost for a in problem.catalogue), force=options.force,
        exclude=options.exclude, opd_budgets=options.opd_budgets,
        opd_max_actions=options.opd_max_actions, max_months=options.max_months,
        solver=options.solver, time_limit=options.time_limit))
    model.lp.sense = pulp.LpMaximize
    model.lp.setObjective(model.value)
    status, _ = _run(model)
    if status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return problem.index_before
    return expected_outcome(problem, _picked(model)).expected_index


def optimize(problem: PlanningProblem, options: PlanOptions) -> Plan:
    """The best plan for ``options``: built, solved, ranked and explained.

    When the model is exact (every node certain or single-provider) the MILP's proven optimum
    is returned (status ``optimal``). Otherwise the MILP optimizes a lower bound; the plan
    returned is the best, by exact expected index, of the MILP plan, the MILP plan completed
    greedily within the budget, and the greedy baseline (status ``best-found``): never worse
    than any of them. Raises ``InputError`` when no plan satisfies the options (forced actions
    over budget, unreachable target), naming the cause.
    """
    from roadmap.greedy import greedy_selection

    model = build_model(problem, options)
    solution = solve(model)
    selected = solution.selected
    method = f"MILP ({options.solver.upper()}), model nilai harapan eksak"
    if not model.exact:
        method = (f"MILP ({options.solver.upper()}) atas batas bawah nilai harapan, "
                  "lalu yang terbaik (nilai harapan eksak) dari rencana MILP, rencana MILP "
                  "dilengkapi secara greedy, dan baseline greedy")
        tries = [selected]
        if options.target is None:
            tries += [greedy_selection(problem, options, selected),
                      greedy_selection(problem, options)]
        selected = max(tries, key=lambda s: _ranking_key(problem, s))
    proven = solution.proven_optimal and model.exact
    return assemble_plan(
        problem, options, selected,
        status="optimal" if proven else ("feasible" if model.exact else "best-found"),
        method=method, proven_optimal=proven, exact_model=model.exact,
        solver=options.solver, build_seconds=model.build_seconds,
        solve_seconds=solution.solve_seconds,
    )


def _ranking_key(problem: PlanningProblem, selected: tuple[str, ...]
                 ) -> tuple[float, float, tuple[str, ...]]:
    """Higher is better: exact expected index (to 1e-9), then lower cost, then ids."""
    value = round(expected_outcome(problem, selected).expected_index, 9)
    cost = sum(problem.catalogue.get(a).cost for a in selected)
    return (value, -cost, tuple(sorted(selected)))
