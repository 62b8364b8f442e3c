"""The planning MILP (PuLP): built here, solved in ``roadmap.optimizer`` via ``roadmap.solvers``.

Variables. Binary ``x[a]``: candidate action ``a`` is selected (``roadmap.options``). Linear
constraints: each ``requires`` group of a selected action has an alternative selected (or
done); at most one action per exclusive group; forced actions; budget; OPD budgets and action
counts; finish months within the deadline (``add_timing``).

Value (``add_value_terms``): the exact expected index gain, for any probabilities and any
number of providers per node. For each reachable new node ``n`` worth ``g[n]``:

* when every action that matters for ``n`` is certain (p = 1), a continuous coverage variable
  ``y[n] <= sum of its providers' x`` and ``y[n] <= y[m]`` for each new predecessor ``m``;
* otherwise the node's relevant candidate actions are split into *blocks*
  (``roadmap.expectation.blocks``): actions that provide a common closure node or build on each
  other. For each block ``B`` every admissible selection ``T`` (exclusive groups, prerequisites,
  forced actions, budget and OPD limits respected inside the block) gets a continuous
  ``z[B, T] >= 0`` with ``sum_T z = 1`` and ``sum_{T contains a} z = x[a]``: with binary ``x``
  exactly the ``z`` of ``T = selection & B`` is 1. The node's probability is the product over
  its blocks of ``f_B(T)`` (exact success probability, ``cover_probability``), chained by
  linearized products: ``q_1 <= sum_T f_1(T) z[1, T]`` and for later blocks
  ``w[j, T] <= z[j, T]``, ``sum_T w[j, T] <= q_{j-1}``, ``q_j <= sum_T f_j(T) w[j, T]``. The
  objective term is ``g[n] * q_last``. All coefficients are non-negative, so at a maximum every
  ``q`` equals its product and the solver's bound is a true bound.
* a block of more than ``MAX_BLOCK_ACTIONS`` actions or ``MAX_SELECTIONS`` admissible
  selections is replaced by a bound: ``q_j <= q_{j-1}`` and, for each node it covers,
  ``q_j <= sum of p[a] x[a]`` over its providers (the chance that one of them succeeds is at
  most the sum of their chances), an upper bound.
  The model is then not exact (``PlanModel.exact``); the optimizer reports the proven gap
  between the bound and the chosen plan's exact value.

Objective: budget mode maximizes ``VALUE_SCALE * value``; target mode minimizes cost subject to
``value >= target - index_before``. Both are set when the model is built.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulp

from roadmap.actions import Action
from roadmap.expectation import TooManyStates, blocks, cover_probability
from roadmap.nodes import Node
from roadmap.options import PlanOptions, candidate_actions, validate_options
from roadmap.problem import PlanningProblem

__all__ = ["PlanModel", "VALUE_SCALE", "MAX_SELECTIONS", "MAX_BLOCK_ACTIONS", "TARGET_SLACK",
           "build_model",
           "add_selection", "add_timing", "add_value_terms", "cost_unit", "admissible_selections",
           "ValueTerms", "selected_ids"]

VALUE_SCALE = 10_000  # the solver sees index points x 10^4, so its absolute tolerances
# cannot blur a difference a user would see
MAX_BLOCK_ACTIONS = 14  # a larger block is replaced by a bound without enumerating it
MAX_SELECTIONS = 512  # admissible selections of one block before it is replaced by a bound
TARGET_SLACK = 1e-9  # index points a target may be missed by (float noise)


@dataclass(frozen=True)
class ValueTerms:
    """The value part of a model: the expression (index points) and whether it is exact."""

    expression: pulp.LpAffineExpression
    exact: bool
    bounded_blocks: int


@dataclass(frozen=True)
class PlanModel:
    """A built, not yet solved, MILP with handles to its parts (objective and sense set)."""

    problem: PlanningProblem
    options: PlanOptions
    lp: pulp.LpProblem
    x: Mapping[str, pulp.LpVariable]
    value: pulp.LpAffineExpression  # index points gained, unscaled
    cost: pulp.LpAffineExpression  # in cost units
    cost_unit: float
    exact: bool
    bounded_blocks: int
    build_seconds: float

    @property
    def maximize(self) -> bool:
        return self.options.target is None


def cost_unit(actions: Sequence[Action]) -> float:
    """The largest whole number of rupiah dividing every cost (1 if costs are not whole), so
    the solver works with small integers and its tolerances cannot blur a rupiah."""
    positive = [a.cost for a in actions if a.cost > 0]
    if not positive or any(c != int(c) for c in positive):
        return 1.0
    return float(math.gcd(*(int(c) for c in positive)))


def build_model(problem: PlanningProblem, options: PlanOptions) -> PlanModel:
    """Build the MILP for ``problem`` under ``options``, objective included (not solved)."""
    started = time.perf_counter()
    validate_options(problem, options)
    candidates = candidate_actions(problem, options)
    maximize = options.target is None
    lp = pulp.LpProblem("rencana_aksi", pulp.LpMaximize if maximize else pulp.LpMinimize)
    x = {a.id: lp.add_variable(f"x_{k}", 0, 1, pulp.LpBinary)
         for k, a in enumerate(candidates)}
    unit = cost_unit(candidates)
    cost = add_selection(problem, options, lp, x, unit, "")
    if options.max_months is not None:
        add_timing(problem, lp, x, options.max_months, "")
    terms = add_value_terms(problem, options, lp, x, "")
    if maximize:
        lp.setObjective(VALUE_SCALE * terms.expression)
    else:
        assert options.target is not None
        need = options.target - problem.index_before
        lp.addConstraint(VALUE_SCALE * terms.expression >= VALUE_SCALE * (need - TARGET_SLACK),
                         "target")
        lp.setObjective(cost)
    return PlanModel(problem, options, lp, x, terms.expression, cost, unit, terms.exact,
                     terms.bounded_blocks, time.perf_counter() - started)


def add_selection(problem: PlanningProblem, options: PlanOptions, lp: pulp.LpProblem,
                  x: Mapping[str, pulp.LpVariable], unit: float, tag: str
                  ) -> pulp.LpAffineExpression:
    """Prerequisites, exclusive groups, forced actions, budget and OPD limits over ``x``;
    returns the cost expression (in ``unit`` rupiah). ``tag`` keeps names unique when one
    problem holds several selections (one per year)."""
    position = {a.id: k for k, a in enumerate(problem.catalogue)}
    for action_id, var in x.items():
        action = problem.by_id[action_id]
        k = position[action_id]
        if action_id in options.force:
            lp.addConstraint(var >= 1, f"force{tag}_{k}")
        for g, group in enumerate(action.requires):
            if any(b in problem.done_actions for b in group):
                continue
            lp.addConstraint(var <= pulp.lpSum(x[b] for b in group if b in x),
                             f"requires{tag}_{k}_{g}")
    for g, (_, members) in enumerate(sorted(problem.group_members.items())):
        inside = [x[a] for a in members if a in x]
        if len(inside) > 1:
            lp.addConstraint(pulp.lpSum(inside) <= 1, f"group{tag}_{g}")
    cost = pulp.lpSum((problem.by_id[a].cost / unit) * var for a, var in x.items())
    if options.budget is not None:
        lp.addConstraint(cost <= options.budget / unit, f"budget{tag}")
    for o, (opd, limit) in enumerate(sorted(options.opd_budgets.items())):
        lp.addConstraint(pulp.lpSum((problem.by_id[a].cost / unit) * var for a, var in x.items()
                                    if problem.by_id[a].opd == opd) <= limit / unit,
                         f"opd_budget{tag}_{o}")
    for o, (opd, count) in enumerate(sorted(options.opd_max_actions.items())):
        lp.addConstraint(pulp.lpSum(var for a, var in x.items()
                                    if problem.by_id[a].opd == opd) <= count,
                         f"opd_count{tag}_{o}")
    return cost


def add_timing(problem: PlanningProblem, lp: pulp.LpProblem, x: Mapping[str, pulp.LpVariable],
               limit: int, tag: str) -> None:
    """Finish month ``f[a]`` of each selected action within ``limit``: an action starts after
    every selected action named in its explicit prerequisites has finished (see
    ``roadmap.schedule``)."""
    finish = {a: lp.add_variable(f"f{tag}_{k}", 0, limit) for k, a in enumerate(x)}
    position = {a: k for k, a in enumerate(x)}
    for k, (action_id, var) in enumerate(x.items()):
        action = problem.by_id[action_id]
        months = action.months or 0
        lp.addConstraint(finish[action_id] <= limit * var, f"finish_off{tag}_{k}")
        lp.addConstraint(finish[action_id] >= months * var, f"finish_after{tag}_{k}")
        for b in action.required_ids:
            if b in finish:
                lp.addConstraint(
                    finish[action_id] >= finish[b] + months - (limit + months) * (1 - var),
                    f"after{tag}_{k}_{position[b]}")


def admissible_selections(problem: PlanningProblem, options: PlanOptions,
                          members: Sequence[str], limit: int) -> list[frozenset[str]] | None:
    """Every selection of ``members`` (sorted) that a feasible plan can contain, in a fixed
    order; ``None`` when there are more than ``limit``.

    Inside the block: at most one action per exclusive group, forced members present, every
    ``requires`` group met by a member or a done action, total cost within the budget and each
    OPD within its budget and action count.
    """
    by_id = problem.by_id
    forced = {a for a in members if a in options.force}
    budget = options.budget if options.budget is not None else math.inf
    result: list[frozenset[str]] = []

    def extend(k: int, chosen: list[str], spent: float) -> bool:
        if k == len(members):
            chosen_set = frozenset(chosen)
            if all(any(b in chosen_set or b in problem.done_actions for b in group)
                   for a in chosen for group in by_id[a].requires) and _opd_ok(
                       options, [by_id[a] for a in chosen]):
                result.append(chosen_set)
            return len(result) <= limit
        action = by_id[members[k]]
        if action.id not in forced and not extend(k + 1, chosen, spent):
            return False
        clash = any(action.conflicts_with(by_id[a]) for a in chosen)
        if not clash and spent + action.cost <= budget + 0.5:
            chosen.append(action.id)
            ok = extend(k + 1, chosen, spent + action.cost)
            chosen.pop()
            return ok
        return True

    return result if extend(0, [], 0.0) else None


def _opd_ok(options: PlanOptions, actions: Sequence[Action]) -> bool:
    for opd, limit in options.opd_budgets.items():
        if sum(a.cost for a in actions if a.opd == opd) > limit + 0.5:
            return False
    for opd, count in options.opd_max_actions.items():
        if sum(1 for a in actions if a.opd == opd) > count:
            return False
    return True


def add_value_terms(problem: PlanningProblem, options: PlanOptions, lp: pulp.LpProblem,
                    x: Mapping[str, pulp.LpVariable], tag: str,
                    node_values: dict[Node, pulp.LpVariable] | None = None) -> ValueTerms:
    """The exact expected index gain over ``x`` (see the module docstring).

    When ``node_values`` is given, it receives each valued node's final probability variable
    (``y`` or the last ``q``), so a caller may bound it further (the multi-year model's track
    records across years); nodes without one are worth nothing."""
    allowed = set(x)
    p = problem.probability
    y: dict[Node, pulp.LpVariable] = {}
    z: dict[frozenset[str], dict[frozenset[str], pulp.LpVariable] | None] = {}
    terms = []
    bounded = 0
    for k, node in enumerate(problem.reachable):
        if not all(problem.provider_sets[m] & allowed for m in problem.closures[node]):
            continue
        gain = problem.gains[node]
        parts = blocks(problem, node, allowed)
        if all(p[a] >= 1.0 for members, _ in parts for a in members):
            var = lp.add_variable(f"y{tag}_{k}", 0, 1)
            y[node] = var
            lp.addConstraint(var <= pulp.lpSum(x[a] for a in problem.providers[node]
                                               if a in allowed), f"provided{tag}_{k}")
            for pred in problem.graph.predecessors(node):
                if pred in problem.closures[node] and pred != node and _is_new(problem, pred):
                    if pred in y:
                        lp.addConstraint(var <= y[pred], f"needs{tag}_{k}_{pred[0]}_{pred[1]}")
                    else:
                        lp.addConstraint(var <= pulp.lpSum(
                            x[a] for a in problem.providers[pred] if a in allowed),
                            f"needs{tag}_{k}_{pred[0]}_{pred[1]}")
            terms.append(gain * var)
            if node_values is not None:
                node_values[node] = var
            continue
        previous: pulp.LpVariable | None = None
        parts = sorted(parts, key=lambda part: (len(part[0]), sorted(part[0])))
        for j, (members, covered) in enumerate(parts):
            if not covered:
                continue
            key = frozenset(members)
            if key not in z:
                z[key] = _selection_variables(problem, options, lp, x, sorted(members),
                                              f"{tag}_{len(z)}")
            choice = z[key]
            weighted = _weighted(problem, choice, covered) if choice is not None else None
            q = lp.add_variable(f"q{tag}_{k}_{j}", 0, 1)
            if weighted is None:
                bounded += 1
                for m in sorted(covered):
                    lp.addConstraint(q <= pulp.lpSum(p[a] * x[a] for a in problem.providers[m]
                                                     if a in members),
                                     f"cover{tag}_{k}_{j}_{m[0]}_{m[1]}")
                if previous is not None:
                    lp.addConstraint(q <= previous, f"chain{tag}_{k}_{j}")
            else:
                if previous is None:
                    lp.addConstraint(q <= pulp.lpSum(f * var for f, var in weighted),
                                     f"value{tag}_{k}_{j}")
                else:
                    ws = []
                    for t, (f, var) in enumerate(weighted):
                        w = lp.add_variable(f"w{tag}_{k}_{j}_{t}", 0, 1)
                        lp.addConstraint(w <= var, f"w_z{tag}_{k}_{j}_{t}")
                        ws.append((f, w))
                    lp.addConstraint(pulp.lpSum(w for _, w in ws) <= previous,
                                     f"w_q{tag}_{k}_{j}")
                    lp.addConstraint(q <= pulp.lpSum(f * w for f, w in ws),
                                     f"value{tag}_{k}_{j}")
            previous = q
        if previous is not None:
            terms.append(gain * previous)
            if node_values is not None:
                node_values[node] = previous
    return ValueTerms(pulp.lpSum(terms), bounded == 0, bounded)


def _weighted(problem: PlanningProblem, choice: Mapping[frozenset[str], pulp.LpVariable],
              covered: frozenset[Node]) -> list[tuple[float, pulp.LpVariable]] | None:
    """``(f(T), z[T])`` for the selections whose probability is positive; ``None`` when the
    exact probabilities are too costly (the block is then bounded)."""
    try:
        weighted = [(cover_probability(problem, t, covered), var) for t, var in choice.items()]
    except TooManyStates:
        return None
    return [(f, var) for f, var in weighted if f > 0.0]


def _is_new(problem: PlanningProblem, node: Node) -> bool:
    return node[1] > problem.assessment.values[node[0]]


def _selection_variables(problem: PlanningProblem, options: PlanOptions, lp: pulp.LpProblem,
                         x: Mapping[str, pulp.LpVariable], members: list[str], tag: str
                         ) -> dict[frozenset[str], pulp.LpVariable] | None:
    """``z[T]`` for every admissible selection ``T`` of a block, tied to ``x``; ``None`` when
    the block has more than ``MAX_SELECTIONS``."""
    if len(members) > MAX_BLOCK_ACTIONS:
        return None
    selections = admissible_selections(problem, options, members, MAX_SELECTIONS)
    if selections is None:
        return None
    z = {t: lp.add_variable(f"z{tag}_{s}", 0, 1) for s, t in enumerate(selections)}
    lp.addConstraint(pulp.lpSum(z.values()) == 1, f"one{tag}")
    for a in members:
        lp.addConstraint(pulp.lpSum(var for t, var in z.items() if a in t) == x[a],
                         f"pick{tag}_{a}")
    return z


def selected_ids(model: PlanModel, values: Mapping[str, float]) -> tuple[str, ...]:
    """The actions a solution selects, in catalogue order."""
    return tuple(a for a in model.problem.catalogue.ids
                 if a in model.x and values.get(model.x[a].name, 0.0) > 0.5)
