"""What-if budgets: plans for several budgets, the efficient frontier, and the minimum budget
for each predicate band.

Everything here is the optimizer's proven optimum (``roadmap.optimizer``), so the numbers agree
with ``roadmap plan``:

* ``minimum_budgets``: per band, ``optimize`` in target mode with the band's lower bound: the
  cheapest plan whose exact expected index reaches it, proven. ``plan --target`` gives the same.
* ``efficient_frontier``: the best expected index a budget buys, computed at evenly spaced
  budgets up to a maximum plus every band's minimum budget, each point the proven optimum at
  its budget (with its plan's cost, which may be below the budget). The curve through them is
  exact at every point; between points it is a lower bound (more money never lowers the best).
* ``budget_scenarios``: one plan per budget (joblib processes for several).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from roadmap.errors import InputError
from roadmap.expectation import expected_index
from roadmap.framework import BAND_TOLERANCE, Framework
from roadmap.optimizer import Solution, optimal_selection, optimize
from roadmap.options import PlanOptions, candidate_actions, validate_options
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem

__all__ = ["FrontierPoint", "budget_scenarios", "efficient_frontier", "minimum_budgets",
           "marginal_per_100jt", "cheapest_known", "with_rule_sources", "FRONTIER_POINTS",
           "RUPIAH_100_JT"]

RUPIAH_100_JT = 100_000_000.0
FRONTIER_POINTS = 12  # evenly spaced budgets of the frontier, besides the bands' minimums

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FrontierPoint:
    """The best plan at one budget of the frontier: its cost, exact expected index and ids."""

    cost: float
    expected_index: float
    selected: tuple[str, ...]


def budget_scenarios(problem: PlanningProblem, budgets: Sequence[float], options: PlanOptions,
                     *, n_jobs: int = 1, progress: Progress | None = None) -> tuple[Plan, ...]:
    """One optimized plan per budget, in the order given (``options.budget`` and
    ``options.target`` are replaced). With ``n_jobs > 1`` the plans are computed in that many
    processes (joblib); ``progress(done, total)`` is called after each plan."""
    runs = [replace(options, budget=float(b), target=None) for b in budgets]
    total = len(runs)
    if n_jobs > 1 and total > 1:
        from joblib import Parallel, delayed

        parallel = Parallel(n_jobs=min(n_jobs, total), return_as="generator")
        plans = parallel(delayed(optimize)(problem, run) for run in runs)
    else:
        plans = (optimize(problem, run) for run in runs)
    result = []
    for done, plan in enumerate(plans, start=1):
        result.append(plan)
        if progress is not None:
            progress(done, total)
    return tuple(result)


def efficient_frontier(problem: PlanningProblem, max_budget: float, options: PlanOptions,
                       *, points: int = FRONTIER_POINTS, n_jobs: int = 1,
                       minimums: Mapping[str, float | None] | None = None,
                       budgets: Sequence[float] = ()) -> tuple[FrontierPoint, ...]:
    """The best plan at ``points`` evenly spaced budgets in ``[0, max_budget]``, at each band's
    minimum budget and at each of ``budgets`` (those asked for) within it, cheapest first;
    points that do not raise the index over a cheaper one are dropped. The other constraints of
    ``options`` hold at every point.

    Raises ``InputError`` when no plan within ``max_budget`` satisfies the options.
    """
    options = replace(options, budget=float(max_budget), target=None)
    validate_options(problem, options)
    useful = sum(a.cost for a in candidate_actions(problem, options))
    top = min(float(max_budget), useful)
    asked = {float(c) for c in (*(minimums or {}).values(), *budgets) if c is not None}
    grid = {float(round(top * k / max(points - 1, 1))) for k in range(points)}
    runs = [replace(options, budget=b) for b in sorted(grid | {min(c, top) for c in asked})]
    if n_jobs > 1 and len(runs) > 1:
        from joblib import Parallel, delayed

        solutions = Parallel(n_jobs=min(n_jobs, len(runs)))(
            delayed(_selection_or_none)(problem, run) for run in runs)
    else:
        solutions = [_selection_or_none(problem, run) for run in runs]
    order = {a: k for k, a in enumerate(problem.catalogue.ids)}
    found = sorted(
        (FrontierPoint(sum(problem.by_id[a].cost for a in s.selected),
                       expected_index(problem, s.selected),
                       tuple(sorted(s.selected, key=order.__getitem__)))
         for s in solutions if s is not None), key=lambda p: (p.cost, -p.expected_index))
    result: list[FrontierPoint] = []
    for point in found:
        if result and point.expected_index <= result[-1].expected_index + 1e-12:
            continue
        result.append(point)
    if not result:
        raise InputError("tidak ada rencana yang memenuhi semua batasan dalam anggaran ini")
    return tuple(result)


def _selection_or_none(problem: PlanningProblem, options: PlanOptions) -> Solution | None:
    """The optimum at one budget, or None where no plan fits it (forced actions)."""
    try:
        return optimal_selection(problem, options)
    except InputError:
        return None


def minimum_budgets(problem: PlanningProblem, options: PlanOptions,
                    max_budget: float | None = None) -> dict[str, float | None]:
    """For each predicate band above today's, the cost of the cheapest plan whose expected
    index reaches the band's lower bound (``optimize`` in target mode, proven), within
    ``max_budget`` when given; None when the catalogue cannot reach it under ``options``."""
    framework = problem.framework
    result: dict[str, float | None] = {}
    for band in framework.predicates:
        if not problem.index_before < band.min <= framework.value.max:
            continue
        try:
            plan = optimize(problem, replace(options, budget=max_budget, target=band.min))
        except InputError:
            result[band.name] = None
        else:
            result[band.name] = plan.total_cost
    return result


def cheapest_known(framework: Framework, minimums: Mapping[str, float | None],
                   frontier: Sequence[FrontierPoint]) -> dict[str, float | None]:
    """The minimum budget per band: target mode's proven minimum, or the cheapest frontier
    point reaching the band where target mode found none (e.g. a capped search).

    >>> from roadmap.io.framework_files import load_framework
    >>> spbe = load_framework("spbe-2020")
    >>> points = [FrontierPoint(0.0, 2.0, ()), FrontierPoint(2.15e9, 2.61, ("A",))]
    >>> cheapest_known(spbe, {"Baik": None, "Sangat Baik": None}, points)
    {'Baik': 2150000000.0, 'Sangat Baik': None}
    """
    result: dict[str, float | None] = {}
    for name, known in minimums.items():
        band = framework.band(name)
        reaching = [p.cost for p in frontier if p.expected_index >= band.min - BAND_TOLERANCE]
        candidates = [c for c in (known, min(reaching, default=None)) if c is not None]
        result[name] = min(candidates) if candidates else None
    return result


def with_rule_sources(problem: PlanningProblem, options: PlanOptions, plan: Plan) -> Plan:
    """``plan`` with ``rule_sources``: its expected index (all rules) next to the best plan's
    under only the rules sourced from the pedoman, so a reader sees how much rests on
    assumptions. Unchanged when every rule comes from the pedoman."""
    official = tuple(r for r in problem.rules if r.source == "pedoman")
    if len(official) == len(problem.rules):
        return plan
    other = optimize(replace(problem, rules=official), options)
    return replace(plan, rule_sources={"semua": plan.expected_index,
                                       "pedoman": other.expected_index})


def marginal_per_100jt(frontier: Sequence[FrontierPoint]) -> list[tuple[float, float]]:
    """Index points gained per extra Rp 100 juta between consecutive frontier points, each
    paired with the budget of the later point (where that money buys the rise).

    >>> steps = [FrontierPoint(0.0, 1.9, ()), FrontierPoint(2e8, 2.0, ("A",)),
    ...          FrontierPoint(5e8, 2.3, ("A", "B"))]
    >>> [(b, round(m, 3)) for b, m in marginal_per_100jt(steps)]
    [(200000000.0, 0.05), (500000000.0, 0.1)]
    """
    points = sorted(frontier, key=lambda p: p.cost)
    return [
        (later.cost, (later.expected_index - earlier.expected_index)
         / (later.cost - earlier.cost) * RUPIAH_100_JT)
        for earlier, later in pairwise(points)
        if later.cost > earlier.cost
    ]
