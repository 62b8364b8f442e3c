"""What-if budgets: plans for several budgets, the exact efficient frontier, and the minimum
budget for each predicate band.

The efficient frontier is the step function "best expected index that a budget buys" up to a
maximum budget, given as the points where it rises: each point is the *cheapest* cost at which
that value becomes reachable, with a plan that reaches it. Between two points the best index
stays flat. Every point's ``expected_index`` is the exact expectation of its plan.

Exact search (the default). A plan is a set of candidate actions (``optimizer.
candidate_actions``); its expected index is today's index plus, for every new node, the node's
gain times the probability that it is achieved (design card semantics, the same as
``roadmap.expectation``). That is a sum of *factors*, each a product of small tables over a
few actions. A node needs, for each indicator of its closure, a selected provider of the
highest level the closure holds there that succeeds (a provider of a level provides the levels
below); needs that share no provider are independent, so the node's probability is a product
over groups of needs, each group's table giving the exact probability for every subset of its
providers (one pass per action over 2^k outcomes, ``success_expectation``). Feasibility tables
encode explicit prerequisites, forced actions and the month limit exactly as the optimizer's
model does. The frontier is then found by an AND/OR search (Dechter & Mateescu): actions that
share no factor form independent components whose step functions are added (max-plus: every
combination of one step per component, keeping those that no cheaper one matches); a
component of more than ``LEAF_ACTIONS`` actions is split by branching on the action in the
most (and largest) factors, and each component's steps are cached for the values of the
decided actions around it. What links actions depends on what is decided: an action whose
prerequisites are ruled out is ruled out too, a node whose needs can no longer be met is worth
0 whatever else is chosen, a constraint already met binds nothing, and such factors stop
linking actions. Every step function is exact: no budget at which the optimum changes is
skipped, and only rises smaller than ``STEP_TOLERANCE`` (float noise) are not told apart.
With the bundled catalogues and the default month limit the search takes well under a second
up to Rp 5 M (``benchmarks/scenarios.py``).

What the frontier means when the optimizer's model is not exact. Where every node is certain
or has one candidate provider the expectation is the optimizer's own model, so the frontier at
a budget ``B`` equals ``optimize`` at ``B``. Where a node has several providers with p < 1 the
optimizer maximizes a lower bound and returns the best plan it found (status ``best-found``);
the frontier stays the true optimum of the expected index, so there it is never below
``optimize`` and shows what a budget could buy at best.

Fallback: epsilon-constraint on the optimizer's MILP, when the search does not apply: OPD
limits (they couple every action of an OPD), a table of more than ``MAX_FACTOR_ACTIONS``
actions, or more than ``SEARCH_LIMIT`` components (many step chains linked by rules at once:
the bundled SPBE catalogue without a month limit, where the search gives up after some
seconds). The optimizer's model (``build_model``) is split into independent parts and, per
part, starting from the cheapest feasible plan: minimize the cost subject to a model value of
at least the last value plus ``MILP_RESOLUTION``, then maximize the value within that cost;
each step is proven by the solver (``options.solver``; with ``options.time_limit`` a step may
be unproven). The parts' steps are added as above. Here the steps are those of the optimizer's
model (exact where the model is exact, its lower bound elsewhere), each with the exact
expectation of its plan; steps whose exact value does not beat a cheaper one are dropped. It is
much slower: one or two MILPs per step, about a second each on the bundled SPBE catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any

import highspy
import networkx as nx
import numpy as np
import pulp

from roadmap.actions import Action
from roadmap.errors import InputError
from roadmap.expectation import node_probability
from roadmap.framework import BAND_TOLERANCE
from roadmap.nodes import Node
from roadmap.optimizer import (
    VALUE_SCALE,
    PlanModel,
    PlanOptions,
    _quiet_stdout,
    build_model,
    candidate_actions,
    optimize,
    solve,
    validate_options,
)
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem

RUPIAH_100_JT = 100_000_000.0
STEP_TOLERANCE = 1e-12  # index points: float noise, not a frontier step
LEAF_ACTIONS = 12  # components up to this size are enumerated (2^12 plans)
MAX_FACTOR_ACTIONS = 18  # largest factor table: 2^18 entries
SEARCH_LIMIT = 6_000  # components branched or enumerated before the search gives up
FEASIBILITY_CHECK = 10  # undecided members up to which a constraint is tested exhaustively
MILP_RESOLUTION = 1e-6  # index points: the fallback's smallest step
COST_TOLERANCE = 1e-6  # cost units (the model's cost unit, see optimizer.cost_unit)
MIP_GAP = 1e-9  # absolute gap each fallback solve is proven to (cost units or scaled value)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FrontierPoint:
    """The cheapest plan reaching one value of the efficient frontier."""

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


def efficient_frontier(problem: PlanningProblem, max_budget: float, options: PlanOptions
                       ) -> tuple[FrontierPoint, ...]:
    """Every budget up to ``max_budget`` at which the best expected index rises, cheapest
    first, each with its value and a plan reaching it (see the module docstring for the
    method and its meaning where the optimizer's model is not exact). The other constraints of
    ``options`` (forced and excluded actions, months, OPD limits) hold at every point.

    Raises ``InputError`` when no plan within ``max_budget`` satisfies the options.
    """
    options = replace(options, budget=float(max_budget), target=None)
    validate_options(problem, options)
    steps = _searched_steps(problem, options)
    if steps is None:
        steps = _milp_frontier(problem, options)
    if not steps.selections:
        solve(build_model(problem, options))  # raises the optimizer's explanation
        raise InputError("tidak ada rencana yang memenuhi semua batasan dalam anggaran ini")
    order = {a: k for k, a in enumerate(problem.catalogue.ids)}
    return tuple(
        FrontierPoint(
            cost=math.fsum(problem.catalogue.get(a).cost for a in selected),
            expected_index=float(value),
            selected=tuple(sorted(selected, key=order.__getitem__)),
        )
        for value, selected in zip(steps.gains, steps.selections, strict=True)
    )


def minimum_budgets(problem: PlanningProblem, options: PlanOptions,
                    max_budget: float | None = None) -> dict[str, float | None]:
    """For each predicate band above today's, the least cost at which the best expected index
    reaches the band's lower bound (within ``max_budget`` when given), or None when the
    catalogue cannot reach it under ``options``.

    Read from the exact frontier where the search applies (so it agrees with
    ``efficient_frontier``); otherwise ``optimize`` in target mode, whose cheapest plan is
    exact where the optimizer's model is and may cost more than needed elsewhere.
    """
    framework = problem.framework
    bands = [b for b in framework.predicates
             if problem.index_before < b.min <= framework.value.max]
    limit = max_budget if max_budget is not None else math.fsum(
        a.cost for a in candidate_actions(problem, options))
    steps = _searched_steps(problem, replace(options, budget=float(limit), target=None))
    result: dict[str, float | None] = {}
    for band in bands:
        if steps is not None:
            reaching = [cost for cost, value in zip(steps.costs, steps.gains, strict=True)
                        if value >= band.min - BAND_TOLERANCE]
            result[band.name] = float(reaching[0]) if reaching else None
            continue
        try:
            plan = optimize(problem, replace(options, budget=max_budget, target=band.min))
        except InputError:
            result[band.name] = None
        else:
            result[band.name] = plan.total_cost
    return result


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


def _searched_steps(problem: PlanningProblem, options: PlanOptions) -> Steps | None:
    """The frontier up to ``options.budget`` by the exact search (costs in rupiah, expected
    indices, sets of action ids), or None where the search does not apply."""
    if options.opd_budgets or options.opd_max_actions:
        return None
    candidates = candidate_actions(problem, options)
    factors = plan_factors(problem, options, candidates)
    if factors is None:
        return None
    search = FrontierSearch(np.array([a.cost for a in candidates]), factors,
                            (options.budget or 0.0) + 0.5, SEARCH_LIMIT)
    try:
        found = search.run()
    except SearchTooLarge:
        return None
    return Steps(found.costs, problem.index_before + found.gains,
                 [frozenset(candidates[k].id for k in _bits(mask))
                  for mask in found.selections])


# --- Step functions ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Steps:
    """A step function as parallel arrays, cheapest first: cost, value, and the plan of each
    step (a bit mask of action positions in the search, a set of ids elsewhere)."""

    costs: np.ndarray
    gains: np.ndarray
    selections: list[Any]


def pareto(costs: np.ndarray, gains: np.ndarray, selections: Sequence[Any] | np.ndarray,
           cap: float,
           tolerance: float = STEP_TOLERANCE) -> Steps:
    """The steps among the given plans: those within ``cap`` that beat every cheaper (or
    equally cheap, listed earlier) plan by more than ``tolerance``.

    >>> s = pareto(np.array([3., 1., 2., 5.]), np.array([.5, .2, .2, .9]), "abcd", cap=4)
    >>> s.costs.tolist(), s.gains.tolist(), s.selections
    ([1.0, 3.0], [0.2, 0.5], ['b', 'a'])
    """
    order = np.flatnonzero(costs <= cap)
    order = order[np.lexsort((-gains[order], costs[order]))]
    ranked = gains[order]
    before = np.maximum.accumulate(np.concatenate(([-np.inf], ranked[:-1])))
    kept = order[ranked > before + tolerance]
    return Steps(costs[kept], gains[kept], [selections[k] for k in kept])


def add_steps(left: Steps, right: Steps, cap: float, tolerance: float = STEP_TOLERANCE
              ) -> Steps:
    """The step function of two independent parts together (max-plus convolution): every
    pair of steps, then ``pareto``. Selections are combined with ``|``."""
    costs = (left.costs[:, None] + right.costs[None, :]).ravel()
    gains = (left.gains[:, None] + right.gains[None, :]).ravel()
    best = pareto(costs, gains, range(len(costs)), cap, tolerance)
    width = len(right.costs)
    return Steps(best.costs, best.gains, [left.selections[k // width]
                                          | right.selections[k % width]
                                          for k in best.selections])


def _bits(mask: int) -> list[int]:
    """Positions of the set bits of ``mask``, lowest first."""
    return [k for k in range(mask.bit_length()) if mask >> k & 1]


# --- Factors: the expected index and the constraints as small tables -------------------------

@dataclass(frozen=True)
class Table:
    """Values over the subsets of ``scope`` (action positions): entry ``m`` is for the plan
    holding exactly the members whose bit (their place in ``scope``) is set in ``m``."""

    scope: tuple[int, ...]
    entries: np.ndarray

    def at(self, columns: dict[int, np.ndarray], assigned: dict[int, bool], rows: int
           ) -> np.ndarray:
        """The entries for ``rows`` plans: members in ``columns`` vary by row (booleans),
        the others are as ``assigned`` (unassigned ones as not selected)."""
        entry = np.zeros(rows, dtype=np.int64)
        for j, k in enumerate(self.scope):
            if k in columns:
                entry |= columns[k].astype(np.int64) << j
            elif assigned.get(k, False):
                entry |= 1 << j
        return self.entries[entry]

    def split(self, assigned: dict[int, bool]) -> tuple[int, list[int], list[int]]:
        """The entry index of the assigned members, and the bit places and ids of the others.
        """
        base = 0
        places, free = [], []
        for j, k in enumerate(self.scope):
            if k not in assigned:
                places.append(j)
                free.append(k)
            elif assigned[k]:
                base |= 1 << j
        return base, places, free


@dataclass(frozen=True)
class Factor:
    """A term of the expected index (the product of its tables) or a constraint (all its
    tables must allow the plan). A node's probability is a product over groups of actions
    that share no action, which keeps each table small."""

    tables: tuple[Table, ...]
    feasibility: bool = False

    @property
    def scope(self) -> tuple[int, ...]:
        return tuple(sorted({k for t in self.tables for k in t.scope}))

    def at(self, columns: dict[int, np.ndarray], assigned: dict[int, bool], rows: int
           ) -> np.ndarray:
        """The factor for ``rows`` plans (see ``Table.at``)."""
        result = self.tables[0].at(columns, assigned, rows)
        for table in self.tables[1:]:
            entries = table.at(columns, assigned, rows)
            result = result & entries if self.feasibility else result * entries
        return result


def subsets(k: int) -> np.ndarray:
    """Every subset of ``k`` items as rows of booleans, row ``m`` being bit mask ``m``.

    >>> subsets(2).astype(int).tolist()
    [[0, 0], [1, 0], [0, 1], [1, 1]]
    """
    return (np.arange(2 ** k)[:, None] >> np.arange(k) & 1).astype(bool)


def success_expectation(covered: np.ndarray, probabilities: Sequence[float]) -> np.ndarray:
    """For every subset X of the actions, the probability that the actions of X that succeed
    (independently, with ``probabilities``) form a set ``covered`` accepts.

    ``covered`` is a table over the subsets (see ``Table``); each action in turn replaces,
    for the subsets holding it, the value by p x (value with it) + (1 - p) x (value without).

    >>> success_expectation(np.array([0.0, 1.0, 1.0, 1.0]), [0.5, 0.8]).tolist()  # A or B
    [0.0, 0.5, 0.8, 0.9]
    """
    table = covered.astype(float)
    for j, p in enumerate(probabilities):
        if p >= 1.0:
            continue
        view = table.reshape(-1, 2, 2 ** j)
        view[:, 1, :] = p * view[:, 1, :] + (1 - p) * view[:, 0, :]
    return table


def plan_factors(problem: PlanningProblem, options: PlanOptions,
                 candidates: Sequence[Action]) -> list[Factor] | None:
    """The expected index gain and the constraints of a plan over ``candidates`` as factors,
    or None when a table would exceed ``MAX_FACTOR_ACTIONS`` actions."""
    position = {a.id: k for k, a in enumerate(candidates)}
    factors = [_constraint((position[a],), lambda rows: rows[:, 0])
               for a in options.force if a in position]
    for action in candidates:
        for group in action.requires:
            if any(b in problem.done_actions for b in group):
                continue
            others = sorted({position[b] for b in group if b in position} - {position[action.id]})
            factors.append(_constraint(
                (position[action.id], *others),
                lambda rows: ~rows[:, 0] | rows[:, 1:].any(axis=1)))
    if options.max_months is not None:
        factors += _month_factors(candidates, options.max_months)
    probability = [a.probability for a in candidates]
    for node in problem.new_nodes:
        needs = _node_needs(problem, node, position)
        if needs is None:
            continue
        factor = _node_factor(problem.gains[node], needs, probability)
        if any(len(t.scope) > MAX_FACTOR_ACTIONS for t in factor.tables):
            return None
        factors.append(factor)
    return factors


def _constraint(members: tuple[int, ...], allows: Callable[[np.ndarray], np.ndarray]
                ) -> Factor:
    """A feasibility factor: ``allows`` maps subsets of ``members`` (rows of booleans, in
    that order) to whether the plan may hold them."""
    scope = tuple(sorted(members))
    rows = subsets(len(scope))[:, [scope.index(k) for k in members]]
    return Factor((Table(scope, allows(rows)),), feasibility=True)


def _node_needs(problem: PlanningProblem, node: Node, position: dict[str, int]
                ) -> list[tuple[int, ...]] | None:
    """What the node needs: for each indicator of its closure, the candidates providing the
    highest level the closure holds (a provider of a level provides the levels below, so the
    other closure nodes of that indicator add nothing). None if one has no candidate."""
    top: dict[str, int] = {}
    for indicator, level in problem.closures[node]:
        top[indicator] = max(level, top.get(indicator, 0))
    needs = [tuple(position[a] for a in problem.providers[(i, level)] if a in position)
             for i, level in sorted(top.items())]
    return needs if all(needs) else None


def _node_factor(gain: float, needs: list[tuple[int, ...]], probability: Sequence[float]
                 ) -> Factor:
    """``gain`` times the exact probability that every need has a selected candidate that
    succeeds, as a product over groups of needs that share no candidate (independent)."""
    graph = nx.Graph()
    for j, ids in enumerate(needs):
        graph.add_node(-1 - j)
        graph.add_edges_from((-1 - j, k) for k in ids)
    tables: list[Table] = []
    for group in sorted(nx.connected_components(graph), key=min):
        scope = tuple(sorted(k for k in group if k >= 0))
        rows = subsets(len(scope))
        covered = np.ones(len(rows), dtype=bool)
        for j in (-1 - n for n in group if n < 0):
            covered &= rows[:, [scope.index(k) for k in needs[j]]].any(axis=1)
        chance = success_expectation(covered, [probability[k] for k in scope])
        tables.append(Table(scope, chance * (gain if not tables else 1.0)))
    return Factor(tuple(tables))


def _month_factors(candidates: Sequence[Action], limit: int) -> list[Factor]:
    """The month limit as the optimizer models it: a selected action finishes its months after
    the latest selected action among its explicit prerequisites (all alternatives named), and
    must finish within ``limit``. One factor per action whose longest possible chain does not
    fit; its scope is the action and every candidate it can wait for."""
    position = {a.id: k for k, a in enumerate(candidates)}
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(candidates)))
    for action in candidates:
        for b in action.required_ids:
            if b in position:
                graph.add_edge(position[b], position[action.id])
    months = [a.months or 0 for a in candidates]
    longest: dict[int, int] = {}
    for k in nx.topological_sort(graph):
        longest[k] = months[k] + max((longest[b] for b in graph.predecessors(k)), default=0)
    factors = []
    for k in range(len(candidates)):
        if longest[k] <= limit:
            continue
        scope = tuple(sorted(nx.ancestors(graph, k) | {k}))
        rows = subsets(len(scope))
        finish: dict[int, np.ndarray] = {}
        for j in nx.topological_sort(graph.subgraph(scope)):
            wait = np.zeros(len(rows))
            for b in graph.predecessors(j):
                wait = np.maximum(wait, finish[b])
            finish[j] = rows[:, scope.index(j)] * (months[j] + wait)
        factors.append(Factor((Table(scope, finish[k] <= limit),), feasibility=True))
    return factors


# --- The AND/OR search ----------------------------------------------------------------------

class SearchTooLarge(Exception):
    """The search met more than its limit of components (too many actions linked at once)."""


_NONE = Steps(np.zeros(0), np.zeros(0), [])


class FrontierSearch:
    """Exact step function of the summed value factors over the plans that every feasibility
    factor allows, up to ``cap`` (see the module docstring). ``run`` raises
    ``SearchTooLarge`` after ``limit`` components.

    What links two undecided actions depends on the decided ones: a node whose needed
    provider is ruled out is worth 0 whatever else is chosen, and a prerequisite already met
    constrains nothing. Node tables never decrease when an action is added, so a table whose
    entries with every undecided member out and with every one in are equal no longer depends
    on them; a constraint is tested on all its completions. Only what still matters links
    actions into components, and a factor that no longer depends on any undecided action is
    counted once, where that happens.
    """

    def __init__(self, costs: np.ndarray, factors: Sequence[Factor], cap: float,
                 limit: int = SEARCH_LIMIT) -> None:
        self.costs = costs
        self.factors = list(factors)
        self.scopes = [f.scope for f in self.factors]
        self.cap = cap
        self.limit = limit
        self.cache: dict[tuple[frozenset[int], tuple[int, ...], tuple[tuple[int, bool], ...]],
                         Steps] = {}

    def run(self) -> Steps:
        """The steps; selections are bit masks of action positions."""
        return self._solve({}, range(len(self.factors)))

    def _solve(self, assigned: dict[int, bool], active: Sequence[int]) -> Steps:
        """Steps over the undecided actions of the ``active`` factors, counting those factors;
        actions that no factor still depends on stay out (they could only cost)."""
        ruled_out = self._rule_out(assigned, active)
        if ruled_out is None:
            return _NONE
        assigned = {**assigned, **ruled_out}
        gain = 0.0
        live: list[tuple[int, list[int]]] = []
        for f in active:
            state = self._state(self.factors[f], assigned)
            if state is None:
                return _NONE
            value, depends = state
            if depends:
                live.append((f, depends))
            else:
                gain += value
        total = Steps(np.zeros(1), np.array([gain]), [0])
        for members, factors in _linked(live):
            part = self._component(frozenset(members), tuple(factors), assigned)
            if not part.selections:
                return part
            total = add_steps(total, part, self.cap)
        return total

    def _rule_out(self, assigned: dict[int, bool], active: Sequence[int]
                  ) -> dict[int, bool] | None:
        """Undecided actions that a constraint forbids whatever else is chosen (an action
        whose prerequisites are all ruled out), repeated until nothing changes; None when a
        constraint cannot be met at all."""
        ruled_out: dict[int, bool] = {}
        now = assigned
        changed = True
        while changed:
            changed = False
            for f in active:
                factor = self.factors[f]
                if not factor.feasibility:
                    continue
                for table in factor.tables:
                    base, places, free = table.split(now)
                    if not places or len(places) > FEASIBILITY_CHECK:
                        if not places and not table.entries[base]:
                            return None
                        continue
                    allowed = table.entries[base | _completions(tuple(places))]
                    if not allowed.any():
                        return None
                    for j, k in enumerate(free):
                        if not allowed[_with_bit(len(places), j)].any():
                            ruled_out[k] = False
                            changed = True
                    if changed:
                        now = {**assigned, **ruled_out}
        return ruled_out

    def _state(self, factor: Factor, assigned: dict[int, bool]
               ) -> tuple[float, list[int]] | None:
        """(value, undecided actions it depends on), the value counting only when it depends
        on none; None when a constraint cannot be met whatever is still chosen."""
        value = 1.0
        depends: list[int] = []
        for table in factor.tables:
            base, places, free = table.split(assigned)
            if factor.feasibility:
                if len(places) > FEASIBILITY_CHECK:
                    depends += free
                    continue
                entries = table.entries[base | _completions(tuple(places))]
                if not entries.any():
                    return None
                if not entries.all():
                    depends += free
                continue
            low = float(table.entries[base])
            high = float(table.entries[base | sum(1 << j for j in places)])
            if high == 0.0:
                return 0.0, []
            if low == high:
                value *= low
            else:
                depends += free
        return (0.0 if factor.feasibility else value), sorted(set(depends))

    def _component(self, members: frozenset[int], factors: tuple[int, ...],
                   assigned: dict[int, bool]) -> Steps:
        context = tuple(sorted((k, assigned[k]) for f in factors for k in self.scopes[f]
                               if k in assigned))
        key = (members, factors, context)
        if key not in self.cache:
            if len(self.cache) >= self.limit:
                raise SearchTooLarge
            self.cache[key] = (self._enumerate(members, factors, assigned)
                               if len(members) <= LEAF_ACTIONS
                               else self._branch(members, factors, assigned))
        return self.cache[key]

    def _branch(self, members: frozenset[int], factors: tuple[int, ...],
                assigned: dict[int, bool]) -> Steps:
        """Split on the action in most of the component's factors: plans without it, and
        with it."""
        counts = {k: 0 for k in members}
        for f in factors:
            for k in self.scopes[f]:
                if k in counts:
                    counts[k] += len(self.scopes[f])
        pivot = max(sorted(members), key=counts.__getitem__)
        branches = []
        for chosen in (False, True):
            steps = self._solve({**assigned, pivot: chosen}, factors)
            if steps.selections:
                bit = 1 << pivot if chosen else 0
                branches.append(Steps(steps.costs + self.costs[pivot] * chosen, steps.gains,
                                      [m | bit for m in steps.selections]))
        if not branches:
            return _NONE
        return pareto(np.concatenate([b.costs for b in branches]),
                      np.concatenate([b.gains for b in branches]),
                      [m for b in branches for m in b.selections], self.cap)

    def _enumerate(self, members: frozenset[int], factors: tuple[int, ...],
                   assigned: dict[int, bool]) -> Steps:
        """Every plan of a small component, evaluated on its factors."""
        ordered = sorted(members)
        rows = subsets(len(ordered))
        columns = {k: rows[:, j] for j, k in enumerate(ordered)}
        allowed = np.ones(len(rows), dtype=bool)
        gains = np.zeros(len(rows))
        for f in factors:
            factor = self.factors[f]
            if factor.feasibility:
                allowed &= factor.at(columns, assigned, len(rows))
            else:
                gains += factor.at(columns, assigned, len(rows))
        costs = rows @ self.costs[ordered]
        feasible = np.flatnonzero(allowed)
        best = pareto(costs[feasible], gains[feasible], feasible, self.cap)
        return Steps(best.costs, best.gains,
                     [sum(1 << ordered[j] for j in _bits(int(m))) for m in best.selections])


def _linked(live: list[tuple[int, list[int]]]) -> list[tuple[list[int], list[int]]]:
    """Group factors that share an action: (actions, factors) per group, in order."""
    parent: dict[int, int] = {}

    def root(k: int) -> int:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for _, depends in live:
        for k in depends[1:]:
            parent[root(k)] = root(depends[0])
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for f, depends in live:
        group = groups.setdefault(root(depends[0]), ([], []))
        group[1].append(f)
    for k in parent:
        groups[root(k)][0].append(k)
    return [(sorted(actions), factors) for actions, factors in groups.values()]


@lru_cache(maxsize=4096)
def _completions(places: tuple[int, ...]) -> np.ndarray:
    """Entry offsets of every way to fill the bit ``places`` (completion ``m`` sets the
    places whose bit is set in ``m``)."""
    return subsets(len(places)) @ (1 << np.array(places, dtype=np.int64))


@lru_cache(maxsize=256)
def _with_bit(width: int, j: int) -> np.ndarray:
    """The completions (see ``_completions``) of ``width`` places that set place ``j``."""
    return np.flatnonzero(np.arange(2 ** width) >> j & 1)


# --- Fallback: epsilon-constraint on the optimizer's MILP ------------------------------------

def _milp_frontier(problem: PlanningProblem, options: PlanOptions) -> Steps:
    """Steps (cost, exact expected index, action ids) from the optimizer's model, part by
    part (see the module docstring)."""
    model = build_model(problem, options)
    parts = model_parts(model)
    solvers = [_solver_for(part, options) for part in parts]
    cap = (options.budget or 0.0) / model.cost_unit + COST_TOLERANCE
    cheapest = [solver.min_cost(None, 0.0) for solver in solvers]
    floors = [math.inf if x is None else part.plan_cost(x)
              for part, x in zip(parts, cheapest, strict=True)]
    if sum(floors) > cap:
        return Steps(np.zeros(0), np.zeros(0), [])
    total = Steps(np.zeros(1), np.zeros(1), [frozenset()])
    for part, solver, floor in zip(parts, solvers, floors, strict=True):
        found = part_frontier(part, solver, cap - (sum(floors) - floor))
        nodes = _part_nodes(problem, part)
        total = add_steps(total, Steps(
            costs=np.array([cost for cost, _ in found]),
            gains=np.array([_exact_gain(problem, nodes, s) for _, s in found]),
            selections=[s for _, s in found]), cap, MILP_RESOLUTION)
    return Steps(total.costs * model.cost_unit, problem.index_before + total.gains,
                 total.selections)


def _part_nodes(problem: PlanningProblem, part: ModelPart) -> tuple[Node, ...]:
    """The new nodes that some action of ``part`` provides."""
    mine = set(part.actions.values())
    return tuple(n for n in problem.new_nodes if any(a in mine for a in problem.providers[n]))


def _exact_gain(problem: PlanningProblem, nodes: Sequence[Node], selected: frozenset[str]
                ) -> float:
    """Exact expected index gain of ``selected`` on ``nodes`` (those of its part: the nodes of
    other parts depend on no action of this one)."""
    return math.fsum(problem.gains[n] * node_probability(problem, selected, n)[0]
                     for n in nodes)


# The model, split into independent parts (fallback)

@dataclass
class ModelPart:
    """One independent piece of a MILP: columns, rows (``lower <= a.x <= upper``), and per
    column its value (index points x ``VALUE_SCALE``), its cost (cost units) and, for action
    columns, the action id."""

    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    rows: list[tuple[float, float, np.ndarray, np.ndarray]]
    value: np.ndarray
    cost: np.ndarray
    actions: dict[int, str] = field(default_factory=dict)

    def selected(self, x: np.ndarray) -> frozenset[str]:
        return frozenset(a for k, a in self.actions.items() if x[k] > 0.5)

    def rounded(self, x: np.ndarray) -> np.ndarray:
        """``x`` within its bounds and with its integer columns rounded (solvers return values
        within a tolerance)."""
        return np.clip(np.where(self.integer, np.round(x), x), self.lower, self.upper)

    def plan_cost(self, x: np.ndarray) -> float:
        """Cost units of the plan ``x`` holds (only integer columns carry a cost)."""
        return float(self.cost @ self.rounded(x))


def model_parts(model: PlanModel) -> list[ModelPart]:
    """Split ``model`` (without its budget row) into parts that share no row, in the order of
    their first action in the catalogue. Parts with neither value nor a cost floor are left
    out."""
    lp = model.lp
    variables = list(dict.fromkeys([*model.x.values(), *lp.variables()]))
    column = {v.name: k for k, v in enumerate(variables)}
    rows = [
        (constraint.getLb(), constraint.getUb(),
         [(column[v.name], c) for v, c in constraint.items() if c])
        for constraint in lp.constraints() if constraint.name != "budget"
    ]
    parent = list(range(len(variables)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for _, _, entries in rows:
        for k, _ in entries[1:]:
            parent[find(k)] = find(entries[0][0])
    value = np.zeros(len(variables))
    for v, c in model.value.items():
        value[column[v.name]] = c
    cost = np.zeros(len(variables))
    for v, c in model.cost.items():
        cost[column[v.name]] = c
    action_of = {column[v.name]: a for a, v in model.x.items()}
    groups: dict[int, list[int]] = {}
    for k in range(len(variables)):
        groups.setdefault(find(k), []).append(k)
    row_group: dict[int, list[int]] = {}
    for r, (_, _, entries) in enumerate(rows):
        if entries:
            row_group.setdefault(find(entries[0][0]), []).append(r)
    parts = []
    for root, members in sorted(groups.items(), key=lambda g: min(g[1])):
        local = {k: n for n, k in enumerate(members)}
        part_rows = [
            (_bound(rows[r][0], -math.inf), _bound(rows[r][1], math.inf),
             np.array([local[k] for k, _ in rows[r][2]], dtype=np.int32),
             np.array([c for _, c in rows[r][2]], dtype=float))
            for r in row_group.get(root, [])
        ]
        lower_bounds = np.array([_bound(variables[k].lowBound, -math.inf) for k in members])
        if not value[members].any() and not (lower_bounds * cost[members]).any() and not any(
                lo > 0 for lo, _, _, _ in part_rows):
            continue
        parts.append(ModelPart(
            lower=lower_bounds,
            upper=np.array([_bound(variables[k].upBound, math.inf) for k in members]),
            integer=np.array([variables[k].cat == pulp.LpInteger for k in members]),
            rows=part_rows, value=value[members], cost=cost[members],
            actions={local[k]: action_of[k] for k in members if k in action_of},
        ))
    return parts


def _bound(value: float | None, default: float) -> float:
    return default if value is None else float(value)


# Solving one part (fallback)

class PartSolver:
    """Two MILPs over one part: the cheapest plan reaching a value, and the best value within
    a cost."""

    def min_cost(self, floor: float | None, spend: float) -> np.ndarray | None:
        """Column values of a cheapest solution with value >= ``floor`` costing at least
        ``spend`` (None if none)."""
        raise NotImplementedError

    def max_value(self, cap: float, start: np.ndarray) -> np.ndarray:
        """Column values of a most valuable solution costing <= ``cap``; ``start`` is one."""
        raise NotImplementedError


def part_frontier(part: ModelPart, solver: PartSolver, cap: float
                  ) -> list[tuple[float, frozenset[str]]]:
    """The steps (cost units, actions) of one part up to ``cap`` cost units, cheapest first:
    the cheapest plan, then repeatedly the cheapest plan beating the last value by the
    resolution, made as valuable as its cost allows.

    A solver may meet the value floor only within its tolerances (a binary at 2e-6 carrying
    a large coefficient); the second stage, on the rounded plan's cost, then finds no real
    rise, and the search resumes one cost unit higher (costs are whole cost units)."""
    steps: list[tuple[float, frozenset[str]]] = []
    floor: float | None = None
    spend = 0.0
    while True:
        cheapest = solver.min_cost(floor, spend)
        if cheapest is None:
            return steps
        cost = part.plan_cost(cheapest)
        if cost > cap:
            return steps
        best = solver.max_value(cost + COST_TOLERANCE, part.rounded(cheapest))
        value = float(part.value @ best)
        spend = cost + 1.0 - COST_TOLERANCE
        if floor is not None and value < floor - MILP_RESOLUTION * VALUE_SCALE / 2:
            continue
        steps.append((part.plan_cost(best), part.selected(best)))
        floor = value + MILP_RESOLUTION * VALUE_SCALE


def _solver_for(part: ModelPart, options: PlanOptions) -> PartSolver:
    if options.solver == "highs":
        return HighsPart(part, options.time_limit)
    return PulpPart(part, options.time_limit)


class HighsPart(PartSolver):
    """The part held in one in-process HiGHS model; each stage changes bounds and costs."""

    def __init__(self, part: ModelPart, time_limit: float | None) -> None:
        self.part = part
        self.inf = highspy.kHighsInf
        self.ok = {highspy.HighsModelStatus.kOptimal}
        with _quiet_stdout():
            h = highspy.Highs()
        for name, setting in (("output_flag", False), ("threads", 1), ("mip_rel_gap", 0.0),
                              ("mip_abs_gap", MIP_GAP)):
            h.setOptionValue(name, setting)
        if time_limit is not None:
            h.setOptionValue("time_limit", float(time_limit))
            self.ok.add(highspy.HighsModelStatus.kTimeLimit)
        n = len(part.lower)
        h.addCols(n, np.zeros(n), np.maximum(part.lower, -self.inf),
                  np.minimum(part.upper, self.inf), 0, np.array([], dtype=np.int32),
                  np.array([], dtype=np.int32), np.array([]))
        integer = np.flatnonzero(part.integer).astype(np.int32)
        if len(integer):
            h.changeColsIntegrality(len(integer), integer, np.full(
                len(integer), highspy.HighsVarType.kInteger))
        everything = np.arange(n, dtype=np.int32)
        for lower, upper, index, coef in [*part.rows, (-self.inf, self.inf, everything,
                                                      part.value),
                                          (-self.inf, self.inf, everything, part.cost)]:
            h.addRow(max(lower, -self.inf), min(upper, self.inf), len(index), index, coef)
        self.value_row = h.getNumRow() - 2
        self.cost_row = h.getNumRow() - 1
        self.everything = everything
        self.h = h

    def _run(self, sense: highspy.ObjSense, objective: np.ndarray) -> np.ndarray | None:
        h = self.h
        h.changeObjectiveSense(sense)
        h.changeColsCost(len(objective), self.everything, objective)
        h.run()
        if h.getModelStatus() not in self.ok or not h.getInfo().primal_solution_status:
            return None
        return np.array(h.getSolution().col_value)

    def min_cost(self, floor: float | None, spend: float) -> np.ndarray | None:
        self.h.changeRowBounds(self.cost_row, spend, self.inf)
        self.h.changeRowBounds(self.value_row, -self.inf if floor is None else floor, self.inf)
        return self._run(highspy.ObjSense.kMinimize, self.part.cost)

    def max_value(self, cap: float, start: np.ndarray) -> np.ndarray:
        self.h.changeRowBounds(self.value_row, -self.inf, self.inf)
        self.h.changeRowBounds(self.cost_row, -self.inf, cap)
        solution = highspy.HighsSolution()
        solution.col_value = list(start)
        solution.value_valid = True
        self.h.setSolution(solution)
        found = self._run(highspy.ObjSense.kMaximize, self.part.value)
        return start if found is None else found


class PulpPart(PartSolver):
    """The part as a PuLP model solved by CBC (a fresh CBC run per stage)."""

    def __init__(self, part: ModelPart, time_limit: float | None) -> None:
        from pulp.apis.coin_api import COIN_CMD, pulp_cbc_path

        self.part = part
        lp = pulp.LpProblem("batas_efisien", pulp.LpMaximize)
        bounds = zip(part.lower, part.upper, part.integer, strict=True)
        self.columns = [
            lp.add_variable(f"c_{k}", None if math.isinf(lo) else lo,
                            None if math.isinf(hi) else hi,
                            pulp.LpInteger if whole else pulp.LpContinuous)
            for k, (lo, hi, whole) in enumerate(bounds)
        ]
        for r, (lower, upper, index, coef) in enumerate(part.rows):
            terms = zip(index, coef, strict=True)
            expression = pulp.lpSum(c * self.columns[k] for k, c in terms)
            if lower == upper:
                lp.addConstraint(expression == lower, f"r_{r}")
                continue
            if not math.isinf(lower):
                lp.addConstraint(expression >= lower, f"r_{r}_lo")
            if not math.isinf(upper):
                lp.addConstraint(expression <= upper, f"r_{r}_hi")
        value = pulp.lpSum(c * v for c, v in zip(part.value, self.columns, strict=True))
        self.cost = pulp.lpSum(c * v for c, v in zip(part.cost, self.columns, strict=True))
        self.value = value
        # value >= 0 and cost <= every cost together always hold: the bounds "off"
        self.no_cap = float(np.maximum(part.cost, 0.0) @ np.maximum(part.upper, 0.0)) + 1.0
        self.floor = pulp.LpConstraint(value, pulp.LpConstraintGE, "floor", 0.0)
        self.cap = pulp.LpConstraint(self.cost, pulp.LpConstraintLE, "cap", self.no_cap)
        self.spend = pulp.LpConstraint(self.cost, pulp.LpConstraintGE, "spend", 0.0)
        for bound in (self.floor, self.cap, self.spend):
            lp.addConstraint(bound)
        self.lp = lp
        self.solver = COIN_CMD(path=COIN_CMD.executableExtension(pulp_cbc_path), msg=False,
                               timeLimit=time_limit, threads=1, gapRel=0.0, gapAbs=MIP_GAP,
                               warmStart=True)

    def _run(self, sense: int, objective: pulp.LpAffineExpression) -> np.ndarray | None:
        lp = self.lp
        lp.sense = sense
        lp.setObjective(objective)
        with _quiet_stdout():
            lp.solve(self.solver)
        if lp.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            return None
        return np.array([v.value() or 0.0 for v in self.columns])

    def min_cost(self, floor: float | None, spend: float) -> np.ndarray | None:
        self.floor.changeRHS(0.0 if floor is None else floor)
        self.cap.changeRHS(self.no_cap)
        self.spend.changeRHS(spend)
        return self._run(pulp.LpMinimize, self.cost)

    def max_value(self, cap: float, start: np.ndarray) -> np.ndarray:
        for v, x in zip(self.columns, start, strict=True):
            v.setInitialValue(x)
        self.floor.changeRHS(0.0)
        self.cap.changeRHS(cap)
        self.spend.changeRHS(0.0)
        found = self._run(pulp.LpMaximize, self.value)
        return start if found is None else found
