"""The multi-year MILP, from the building blocks of ``roadmap.model`` (no stand-ins).

Binary ``by[a, t]``: action ``a`` is placed by the end of year ``t`` (nondecreasing in ``t``,
created only from the action's earliest feasible year, ``earliest_years``); it is placed in
year ``t`` when ``by[a, t] - by[a, t-1] = 1``. Constraints: each ``requires`` group has an
alternative placed by the same year (``by[a, t] <= sum by[b, t]``); at most one action of an
exclusive group over all years; forced actions placed by the last year; yearly budgets (with
``carry_over``: spending up to each year within the budgets up to that year);
``roadmap.model.add_timing`` per year over the year's placements (a prerequisite placed in an
earlier year takes no months).

Value: ``roadmap.model.add_value_terms`` per year ``t`` over the cumulative ``by[., t]`` on the
problem without one-year track records (``base_problem``): the exact expected index gain of
the actions placed by then, for any probabilities and providers. Track records across years
(``roadmap.multiyear.schedule``) are added on the per-node probability variables ``q[n, t]``
that ``add_value_terms`` hands back: for a node ``n = (i, l)`` needing ``k`` years,
``q[n, t] <= q[(i, l-1), t-k]`` (0 when ``t - k < 1`` and the level below is new, or when the
assessed level below has not been held long enough), and ``q[n, t] <= q[m, t]`` for each new
predecessor ``m`` whose closure holds such a node. The true probabilities satisfy every
constraint, so the model's optimum is an upper bound on the true one; it is exact when every
action that matters is certain, and otherwise still exact unless a provider of a level below
is placed after the year that level must have been reached by (the joint probability is then
bounded by the smaller of the two). Whatever the model, the planner reports the exact value of
the chosen schedule and the proven gap to the bound.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import pulp

from roadmap.model import TARGET_SLACK, VALUE_SCALE, add_timing, add_value_terms, cost_unit
from roadmap.nodes import Node, is_new
from roadmap.options import PlanOptions
from roadmap.problem import PlanningProblem

from .schedule import base_problem, year_candidates
from .types import MultiYearOptions, validate_multiyear

__all__ = ["MultiYearModel", "build_multiyear_model", "valued_years"]


@dataclass(frozen=True)
class MultiYearModel:
    """A built, not yet solved, multi-year MILP with handles to its parts. Its objective is
    set: ``final``: ``VALUE_SCALE`` x the last year's gain; ``sum``: the same over the sum of
    the yearly gains; ``target``: the cost (in ``cost_unit`` rupiah), minimized, with the
    target year's gain at least what the target needs."""

    problem: PlanningProblem  # the base problem (no one-year track records)
    options: MultiYearOptions
    lp: pulp.LpProblem
    by: Mapping[str, Mapping[int, pulp.LpVariable]]
    value: Mapping[int, pulp.LpAffineExpression]  # index points gained by the end of year t
    cost: pulp.LpAffineExpression  # in cost units
    cost_unit: float
    exact: bool
    bounded_blocks: int
    track_record_bounds: int
    build_seconds: float


def valued_years(options: MultiYearOptions) -> tuple[int, ...]:
    """The years whose value the model states: every year up to the target year for
    ``target``, every year otherwise (``final`` breaks ties by the sum)."""
    last = options.target_position if options.objective == "target" else options.years
    return tuple(range(1, last + 1))


def build_multiyear_model(problem: PlanningProblem, options: MultiYearOptions
                          ) -> MultiYearModel:
    """Build the multi-year MILP (not solved); see the module docstring."""
    started = time.perf_counter()
    validate_multiyear(problem, options)
    base = base_problem(problem)
    first = year_candidates(problem, options)
    candidates = [base.by_id[a] for a in first]
    span = range(1, options.years + 1)
    lp = pulp.LpProblem("peta_rencana", pulp.LpMaximize)
    by: dict[str, dict[int, pulp.LpVariable]] = {a.id: {} for a in candidates}
    for t in span:
        for k, action in enumerate(candidates):
            if first[action.id] <= t:
                by[action.id][t] = lp.add_variable(f"by{t}_{k}", 0, 1, pulp.LpBinary)

    def by_end_of(action_id: str, t: int) -> pulp.LpVariable | int:
        return by.get(action_id, {}).get(t, 0)

    def in_year(action_id: str, t: int) -> pulp.LpAffineExpression:
        years = by[action_id]
        return years[t] - years[t - 1] if t - 1 in years else years[t] + 0

    last = options.years
    for k, action in enumerate(candidates):
        placed = by[action.id]
        if action.id in options.force:
            lp.addConstraint(placed[last] >= 1, f"force_{k}")
        for t, var in placed.items():
            if t - 1 in placed:
                lp.addConstraint(placed[t - 1] <= var, f"stays{t}_{k}")
            for g, group in enumerate(action.requires):
                if any(b in base.done_actions for b in group):
                    continue
                lp.addConstraint(var <= pulp.lpSum(by_end_of(b, t) for b in group),
                                 f"requires{t}_{k}_{g}")
    for g, (_, members) in enumerate(sorted(base.group_members.items())):
        inside = [by[a][last] for a in members if a in by]
        if len(inside) > 1:
            lp.addConstraint(pulp.lpSum(inside) <= 1, f"group_{g}")
    unit = cost_unit(candidates)
    yearly = {t: pulp.lpSum((a.cost / unit) * in_year(a.id, t) for a in candidates
                            if t in by[a.id]) for t in span}
    for t in span:
        budget = options.budget_by(t) if options.carry_over else options.budget(t)
        if budget is None:
            continue
        spent = pulp.lpSum(yearly[s] for s in span if s <= t) if options.carry_over else (
            yearly[t])
        lp.addConstraint(spent <= budget / unit, f"budget{t}")
    if options.max_months is not None:
        for t in span:
            add_timing(base, lp, {a.id: in_year(a.id, t) for a in candidates if t in by[a.id]},
                       options.max_months, f"_t{t}")
    value: dict[int, pulp.LpAffineExpression] = {}
    nodes: dict[int, dict[Node, pulp.LpVariable]] = {}
    exact = True
    bounded = 0
    for t in valued_years(options):
        year_options = PlanOptions(budget=options.budget_by(t),
                                   force=options.force if t == last else (), max_months=None,
                                   solver=options.solver)
        nodes[t] = {}
        terms = add_value_terms(base, year_options, lp,
                                {a: years[t] for a, years in by.items() if t in years},
                                f"_t{t}", nodes[t])
        value[t] = terms.expression
        exact = exact and terms.exact
        bounded += terms.bounded_blocks
    capped = _track_records(base, lp, nodes)
    if capped and any(base.probability[a.id] < 1.0 for a in candidates):
        exact = False
    cost = pulp.lpSum(yearly.values())
    if options.target is not None:
        need = options.target - base.index_before
        lp.addConstraint(VALUE_SCALE * value[options.target_position]
                         >= VALUE_SCALE * (need - TARGET_SLACK), "target")
        lp.sense = pulp.LpMinimize
        lp.setObjective(cost)
    else:
        lp.setObjective(VALUE_SCALE * (value[last] if options.objective == "final"
                                       else pulp.lpSum(value.values())))
    return MultiYearModel(base, options, lp, by, value, cost, unit, exact, bounded, capped,
                          time.perf_counter() - started)


def _track_records(problem: PlanningProblem, lp: pulp.LpProblem,
                   nodes: Mapping[int, Mapping[Node, pulp.LpVariable]]) -> int:
    """The track-record constraints across years on the node variables ``nodes[t][n]``
    (see the module docstring); returns how many nodes they bound."""
    framework = problem.framework
    values = problem.assessment.values
    records = {n for n in problem.new_nodes if framework.track_record_years(*n)}
    if not records:
        return 0
    affected = {n for n in problem.new_nodes if problem.closures[n] & records}
    count = 0
    for t, variables in nodes.items():
        for node, var in variables.items():
            if node not in affected:
                continue
            name = f"{t}_{node[0]}_{node[1]}"
            if node in records:
                years = framework.track_record_years(*node)
                below = (node[0], node[1] - 1)
                if is_new(values, below):
                    earlier = nodes.get(t - years, {}).get(below)
                    lp.addConstraint(var <= (earlier if earlier is not None else 0),
                                     f"record{name}")
                elif problem.years_held(below) + t - 1 < years:
                    lp.addConstraint(var <= 0, f"record{name}")
                count += 1
            for pred in problem.graph.predecessors(node):
                if pred in affected and pred != node:
                    lp.addConstraint(var <= variables.get(pred, 0), f"record_needs{name}_"
                                     f"{pred[0]}_{pred[1]}")
    return count
