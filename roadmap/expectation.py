"""The exact expected outcome of a chosen set of actions.

Semantics (``docs/model.md``). Each selected action's own draw succeeds with its probability,
independently. An action *succeeds* when its draw succeeds **and** every ``requires`` group has
an alternative that is already done or that succeeded: what builds on a rejected deliverable is
rejected too. A new node is achieved iff it is reachable this year (``problem.unreachable``) and
every node of its closure (itself, lower levels, rule prerequisites) has a selected provider that
succeeded.

For one node the selected actions that matter (providers of its closure nodes and, through
``requires``, what they build on) fall into *blocks*: two actions are in one block when they
provide a common closure node or one builds on the other. Blocks share no draw, so the node's
probability is the product over blocks of ``f(T, C)``: the probability that the selection ``T``
of the block covers its closure nodes ``C`` with succeeded actions, computed exactly by a
dynamic program (``cover_probability``); only a block whose program would keep more than
``MAX_STATES`` states falls back to seeded Monte Carlo, with its standard error.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from roadmap.nodes import Node
from roadmap.problem import PlanningProblem

__all__ = ["Outcome", "MAX_STATES", "blocks", "linked_blocks", "essential_needs", "TooManyStates",
           "cover_probability", "requires_order",
           "node_probability", "gain_delta", "change", "expected_outcome", "expected_index"]

MAX_STATES = 50_000  # states of one block's exact computation before Monte Carlo
MONTE_CARLO_DRAWS = 20_000
MONTE_CARLO_SEED = 20260601


@dataclass(frozen=True)
class Outcome:
    """Expected result of a plan: index, per-indicator values and per-node probabilities."""

    expected_index: float
    expected_values: dict[str, float]
    node_probabilities: dict[Node, float]
    method: str
    standard_error: float = 0.0


def blocks(problem: PlanningProblem, node: Node, actions: Iterable[str]
           ) -> list[tuple[frozenset[str], frozenset[Node]]]:
    """The blocks of ``actions`` that matter for ``node``, each with the closure nodes it covers.

    Only the closure nodes of ``essential_needs`` count. ``actions`` are the actions that may be
    selected; those that provide such a node and,
    recursively, every alternative of their ``requires`` groups among ``actions`` are linked
    into connected blocks. A closure node with no provider among ``actions`` is left out (the
    caller checks coverage). Blocks are returned sorted by their smallest action id.
    """
    pool = frozenset(actions)
    return linked_blocks(problem, essential_needs(problem, node, pool), pool)


def linked_blocks(problem: PlanningProblem, needed: Iterable[Node], pool: frozenset[str]
                  ) -> list[tuple[frozenset[str], frozenset[Node]]]:
    """The actions of ``pool`` that provide a node of ``needed`` and, recursively, what they
    build on in ``pool``, as connected blocks (sorted by their smallest id), each with the
    nodes of ``needed`` it covers."""
    needed = tuple(needed)
    graph = nx.Graph()
    for m in needed:
        providers = sorted(problem.provider_sets[m] & pool)
        graph.add_nodes_from(providers)
        graph.add_edges_from(zip(providers, providers[1:], strict=False))
    stack = list(graph.nodes)
    while stack:
        action_id = stack.pop()
        for b in problem.by_id[action_id].required_ids:
            if b in pool:
                if b not in graph:
                    stack.append(b)
                graph.add_edge(action_id, b)
    result = []
    for component in nx.connected_components(graph):
        members = frozenset(component)
        covered = frozenset(m for m in needed if problem.provider_sets[m] & members)
        result.append((members, covered))
    return sorted(result, key=lambda item: min(item[0]))


def essential_needs(problem: PlanningProblem, node: Node, pool: frozenset[str]
                    ) -> tuple[Node, ...]:
    """The closure nodes of ``node`` whose coverage implies the others' within ``pool``: a
    closure node is dropped when another one's providers (in ``pool``) are a subset of its
    own (a provider of level 3 provides level 2, so covering 3 covers 2)."""
    needed = sorted(problem.closures[node],
                    key=lambda m: (len(problem.provider_sets[m] & pool), m))
    kept: list[tuple[Node, frozenset[str]]] = []
    for m in needed:
        providers = problem.provider_sets[m] & pool
        if not any(other <= providers for _, other in kept):
            kept.append((m, providers))
    return tuple(m for m, _ in kept)


def requires_order(problem: PlanningProblem, selection: frozenset[str]) -> list[str]:
    """``selection`` ordered so that an action comes after the actions it builds on (ties by
    id)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(selection)
    for a in selection:
        graph.add_edges_from((b, a) for b in problem.by_id[a].required_ids if b in selection)
    return list(nx.lexicographical_topological_sort(graph))


def _succeeded(problem: PlanningProblem, order: Sequence[str], draw: Callable[[str], bool]
               ) -> frozenset[str]:
    done = problem.done_actions
    ok: set[str] = set()
    for a in order:
        if draw(a) and all(any(b in done or b in ok for b in group)
                           for group in problem.by_id[a].requires):
            ok.add(a)
    return frozenset(ok)


class TooManyStates(Exception):
    """The exact computation of one block would keep more than ``MAX_STATES`` states."""


def cover_probability(problem: PlanningProblem, selection: frozenset[str],
                      covered: Iterable[Node]) -> float:
    """``f(T, C)``: probability that every node of ``covered`` has a succeeded provider in
    ``selection``, exactly.

    A dynamic program over the actions in ``requires`` order. Its state is the set of nodes
    still uncovered and the succeeded actions that a later action still builds on; each
    action's draw splits a state in two (success only when what it builds on succeeded or is
    done). Equal states merge, so the work grows with the number of states, not ``2^k``.
    Raises ``TooManyStates`` beyond ``MAX_STATES``. Cached per problem.
    """
    wanted = frozenset(covered)
    key = (selection, wanted)
    cache = _cover_cache(problem)
    if key not in cache:
        cache[key] = _cover_dynamic(problem, selection, wanted)
    return cache[key]


def _cover_cache(problem: PlanningProblem) -> dict[tuple[frozenset[str], frozenset[Node]],
                                                       float]:
    # A problem is frozen; its derived data lives in its __dict__ like cached_property's.
    return problem.__dict__.setdefault("_cover_probabilities", {})


def _cover_dynamic(problem: PlanningProblem, selection: frozenset[str],
                   wanted: frozenset[Node]) -> float:
    if any(not (problem.provider_sets[m] & selection) for m in wanted):
        return 0.0
    order = requires_order(problem, selection)
    position = {a: k for k, a in enumerate(order)}
    last_use = {a: max((position[b] for b in order if a in problem.by_id[b].required_ids),
                       default=-1) for a in order}
    done = problem.done_actions
    states: dict[tuple[frozenset[Node], frozenset[str]], float] = {(wanted, frozenset()): 1.0}
    for k, a in enumerate(order):
        p = problem.probability[a]
        requires = problem.by_id[a].requires
        covers = frozenset(m for m in wanted if a in problem.provider_sets[m])
        keep_self = last_use[a] > k
        grown: dict[tuple[frozenset[Node], frozenset[str]], float] = {}
        for (open_nodes, ok), weight in states.items():
            valid = all(any(b in done or b in ok for b in group) for group in requires)
            succeed = p if valid else 0.0
            still = frozenset(b for b in ok if last_use[b] > k)
            if succeed > 0.0:
                state = (open_nodes - covers, still | {a} if keep_self else still)
                grown[state] = grown.get(state, 0.0) + weight * succeed
            if succeed < 1.0:
                state = (open_nodes, still)
                grown[state] = grown.get(state, 0.0) + weight * (1.0 - succeed)
        if len(grown) > MAX_STATES:
            raise TooManyStates
        states = grown
    return math.fsum(w for (open_nodes, _), w in states.items() if not open_nodes)


def node_probability(problem: PlanningProblem, selected: frozenset[str], node: Node,
                     rng: np.random.Generator | None = None) -> tuple[float, float]:
    """Probability that ``node`` is achieved under the plan ``selected``, and its standard
    error (0 when computed exactly)."""
    if node in problem.unreachable:
        return 0.0, 0.0
    if any(not (problem.provider_sets[m] & selected) for m in problem.closures[node]):
        return 0.0, 0.0
    probability, variance = 1.0, 0.0
    for members, covered in blocks(problem, node, selected):
        if not covered:
            continue
        try:
            value = cover_probability(problem, members, covered)
        except TooManyStates:
            value, error = _monte_carlo(problem, members, covered, rng)
            variance += error ** 2
        probability *= value
        if probability == 0.0:
            return 0.0, 0.0
    return probability, math.sqrt(variance)


def _monte_carlo(problem: PlanningProblem, members: frozenset[str], covered: frozenset[Node],
                 rng: np.random.Generator | None) -> tuple[float, float]:
    rng = rng or np.random.default_rng(MONTE_CARLO_SEED)
    order = requires_order(problem, members)
    column = {a: k for k, a in enumerate(order)}
    draws = rng.random((MONTE_CARLO_DRAWS, len(order))) < np.array(
        [problem.probability[a] for a in order])
    needs = [problem.provider_sets[m] & members for m in covered]
    hits = 0
    for row in draws:
        drawn = {a for a in order if row[column[a]]}
        succeeded = _succeeded(problem, order, drawn.__contains__)
        hits += all(providers & succeeded for providers in needs)
    mean = hits / MONTE_CARLO_DRAWS
    return mean, math.sqrt(mean * (1 - mean) / MONTE_CARLO_DRAWS)


def gain_delta(problem: PlanningProblem, selected: Iterable[str], changed: str) -> float:
    """Exact change of the expected index when action ``changed`` is toggled in ``selected``.

    Positive when adding helps (or when removing hurts, read as the action's marginal gain
    with the sign flipped by the caller). Only the nodes that depend on the action are looked at.
    """
    base = frozenset(selected)
    toggled = base - {changed} if changed in base else base | {changed}
    return change(problem, base, toggled)


def change(problem: PlanningProblem, before: Iterable[str], after: Iterable[str]) -> float:
    """Exact change of the expected index from plan ``before`` to plan ``after``, looking only
    at the nodes that depend on the actions in which they differ."""
    old, new = frozenset(before), frozenset(after)
    order = {n: k for k, n in enumerate(problem.new_nodes)}
    nodes = sorted({n for a in old ^ new for n in problem.dependents[a]}, key=order.__getitem__)
    rng = np.random.default_rng(MONTE_CARLO_SEED)
    delta = 0.0
    for node in nodes:
        p_old, _ = node_probability(problem, old, node, rng)
        p_new, _ = node_probability(problem, new, node, rng)
        delta += problem.gains[node] * (p_new - p_old)
    return delta


def expected_outcome(problem: PlanningProblem, selected: Iterable[str]) -> Outcome:
    """Expected index and indicator values next year if exactly ``selected`` is carried out
    (hand-computed cases in ``tests/test_expectation.py``)."""
    chosen = frozenset(selected)
    return outcome_from(problem, lambda node, rng: node_probability(problem, chosen, node, rng))


def expected_index(problem: PlanningProblem, selected: Iterable[str]) -> float:
    """Shorthand for ``expected_outcome(problem, selected).expected_index``."""
    return expected_outcome(problem, selected).expected_index


STAGED_ENUMERATED = 16  # uncertain actions of a block spanning stages before Monte Carlo


def staged_node_probability(problem: PlanningProblem, node: Node,
                            selections: Sequence[frozenset[str]], deadlines: dict[Node, int],
                            rng: np.random.Generator | None = None) -> tuple[float, float]:
    """Probability that every closure node ``c`` of ``node`` has a provider that succeeded in
    the selection ``selections[deadlines[c]]``, and its standard error (0 when exact).

    ``selections`` are nested (each holds the one before: the actions placed by the end of
    each year of a multi-year plan); an action's success is judged within the selection of
    the stage asked for, on the same draws at every stage (an action is drawn once). With one
    stage for every closure node this is ``node_probability`` on that selection. Used by
    ``roadmap.multiyear`` for track records across years: a node counting in year ``t`` may
    need the level below achieved, i.e. covered by succeeded actions placed, by an earlier
    year. Blocks are formed over every closure node (``essential_needs`` does not apply
    across stages: covering level 4 by year 3 does not cover level 3 by year 2). A block whose
    nodes share one stage is ``cover_probability``; one spanning stages enumerates the draws
    of its uncertain actions, or samples them beyond ``STAGED_ENUMERATED`` (standard error
    returned).
    """
    if node in problem.unreachable:
        return 0.0, 0.0
    needed = problem.closures[node]
    if any(not (problem.provider_sets[m] & selections[deadlines[m]]) for m in needed):
        return 0.0, 0.0
    pool = selections[max(deadlines[m] for m in needed)]
    probability, variance = 1.0, 0.0
    for members, covered in linked_blocks(problem, needed, pool):
        stages = {deadlines[m] for m in covered}
        uncertain = sum(problem.probability[a] < 1.0 for a in members)
        try:
            if len(stages) > 1:
                value, error = _staged_block(problem, members, covered, selections, deadlines,
                                             uncertain > STAGED_ENUMERATED, rng)
            else:
                value, error = cover_probability(
                    problem, members & selections[stages.pop()], covered), 0.0
        except TooManyStates:
            value, error = _staged_block(problem, members, covered, selections, deadlines,
                                         True, rng)
        variance += error ** 2
        probability *= value
        if probability == 0.0:
            return 0.0, 0.0
    return probability, math.sqrt(variance)


def _staged_block(problem: PlanningProblem, members: frozenset[str], covered: frozenset[Node],
                  selections: Sequence[frozenset[str]], deadlines: dict[Node, int],
                  sample: bool, rng: np.random.Generator | None) -> tuple[float, float]:
    """One block's factor of ``staged_node_probability``: every draw of its uncertain actions
    enumerated (at most ``2^STAGED_ENUMERATED``), or ``MONTE_CARLO_DRAWS`` seeded samples
    when ``sample``."""
    import itertools  # only this enumeration uses it

    order = requires_order(problem, members)
    stages = {s: [a for a in order if a in selections[s]]
              for s in {deadlines[m] for m in covered}}
    needs = [(problem.provider_sets[m], deadlines[m]) for m in covered]

    def hit(draw: Callable[[str], bool]) -> bool:
        succeeded = {s: _succeeded(problem, inside, draw) for s, inside in stages.items()}
        return all(providers & succeeded[s] for providers, s in needs)

    uncertain = [a for a in order if problem.probability[a] < 1.0]
    if sample:
        rng = rng or np.random.default_rng(MONTE_CARLO_SEED)
        column = {a: k for k, a in enumerate(uncertain)}
        draws = rng.random((MONTE_CARLO_DRAWS, len(uncertain))) < np.array(
            [problem.probability[a] for a in uncertain])
        hits = sum(hit(_drawn({a: bool(row[k]) for a, k in column.items()})) for row in draws)
        mean = hits / MONTE_CARLO_DRAWS
        return mean, math.sqrt(mean * (1 - mean) / MONTE_CARLO_DRAWS)
    total = 0.0
    for outcome in itertools.product((True, False), repeat=len(uncertain)):
        weight = math.prod(problem.probability[a] if ok else 1.0 - problem.probability[a]
                           for a, ok in zip(uncertain, outcome, strict=True))
        if weight > 0.0 and hit(_drawn(dict(zip(uncertain, outcome, strict=True)))):
            total += weight
    return total, 0.0


def _drawn(draws: dict[str, bool]) -> Callable[[str], bool]:
    """The draw of each action: as given, or a success when it needs no draw."""
    return lambda action_id: draws.get(action_id, True)


def outcome_from(problem: PlanningProblem,
                 probability: Callable[[Node, np.random.Generator], tuple[float, float]]
                 ) -> Outcome:
    """The ``Outcome`` of the new nodes' probabilities (and standard errors) given by
    ``probability(node, rng)``, one seeded generator shared in node order: the aggregation of
    ``expected_outcome``, for other ways of computing a node's probability (the years of a
    multi-year plan)."""
    framework = problem.framework
    rng = np.random.default_rng(MONTE_CARLO_SEED)
    probabilities: dict[Node, float] = {}
    variance = 0.0
    expected = dict(problem.assessment.values)
    index = problem.index_before
    for node in problem.new_nodes:
        p, error = probability(node, rng)
        if p <= 0:
            continue
        probabilities[node] = p
        gain = problem.gains[node]
        index += gain * p
        variance += (gain * error) ** 2
        expected[node[0]] += p * gain * framework.total_weight / framework.indicator(
            node[0]).weight
    method = "monte-carlo" if variance > 0 else "exact"
    return Outcome(index, expected, probabilities, method, math.sqrt(variance))
