"""The exact expected outcome of a chosen set of actions.

Semantics (design card): actions succeed independently with their probability; a new node is
achieved iff every node in its closure (itself, lower levels, rule prerequisites) is provided by
at least one selected action that succeeded. For one node that is

    P = Pr[ for every closure node m: some selected provider of m succeeded ].

Provider sets that contain an action with p = 1 are certain. The remaining sets are reduced to
distinct sets; actions shared by several sets are enumerated (2^k outcomes) and, given them, the
other sets are disjoint so their probabilities multiply. Only when more than
``MAX_ENUMERATED`` actions are shared does the computation fall back to seeded Monte Carlo, with
its standard error reported.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from roadmap.nodes import Node
from roadmap.problem import PlanningProblem

MAX_ENUMERATED = 16
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


def node_probability(problem: PlanningProblem, selected: frozenset[str], node: Node,
                     rng: np.random.Generator | None = None) -> tuple[float, float]:
    """Probability that ``node`` is achieved under the plan ``selected``, and its standard
    error (0 when computed exactly)."""
    probability = problem.probability
    sets: set[frozenset[str]] = set()
    for needed in problem.closures[node]:
        chosen = selected & problem.provider_sets[needed]
        if not chosen:
            return 0.0, 0.0
        if any(probability[a] >= 1.0 for a in chosen):
            continue
        sets.add(chosen)
    return _all_sets_hit(sorted(sets, key=sorted), probability, rng)


def _all_sets_hit(sets: list[frozenset[str]], probability: dict[str, float],
                  rng: np.random.Generator | None) -> tuple[float, float]:
    if not sets:
        return 1.0, 0.0
    counts: dict[str, int] = {}
    for group in sets:
        for action in group:
            counts[action] = counts.get(action, 0) + 1
    shared = sorted(a for a, c in counts.items() if c > 1)
    if len(shared) > MAX_ENUMERATED:
        return _monte_carlo(sets, probability, rng)
    total = 0.0
    for outcome in itertools.product((True, False), repeat=len(shared)):
        weight = math.prod(probability[a] if ok else 1 - probability[a]
                           for a, ok in zip(shared, outcome, strict=True))
        if weight == 0:
            continue
        succeeded = {a for a, ok in zip(shared, outcome, strict=True) if ok}
        value = 1.0
        for group in sets:
            if group & succeeded:
                continue
            rest = [a for a in group if a not in counts or counts[a] == 1]
            value *= 1 - math.prod(1 - probability[a] for a in rest) if rest else 0.0
            if value == 0:
                break
        total += weight * value
    return total, 0.0


def _monte_carlo(sets: list[frozenset[str]], probability: dict[str, float],
                 rng: np.random.Generator | None) -> tuple[float, float]:
    rng = rng or np.random.default_rng(MONTE_CARLO_SEED)
    actions = sorted(set().union(*sets))
    column = {a: k for k, a in enumerate(actions)}
    draws = rng.random((MONTE_CARLO_DRAWS, len(actions))) < np.array(
        [probability[a] for a in actions])
    hit = np.ones(MONTE_CARLO_DRAWS, dtype=bool)
    for group in sets:
        hit &= draws[:, [column[a] for a in sorted(group)]].any(axis=1)
    mean = float(hit.mean())
    return mean, math.sqrt(mean * (1 - mean) / MONTE_CARLO_DRAWS)


def gain_delta(problem: PlanningProblem, selected: Iterable[str], changed: str) -> float:
    """Exact change of the expected index when action ``changed`` is toggled in ``selected``.

    Positive when adding helps (or when removing hurts, read as the action's marginal gain
    with the sign flipped by the caller). Only the nodes that depend on the action are looked at.
    """
    base = frozenset(selected)
    toggled = base - {changed} if changed in base else base | {changed}
    rng = np.random.default_rng(MONTE_CARLO_SEED)
    delta = 0.0
    for node in problem.dependents[changed]:
        before, _ = node_probability(problem, base, node, rng)
        after, _ = node_probability(problem, toggled, node, rng)
        delta += problem.gains[node] * (after - before)
    return delta


def expected_outcome(problem: PlanningProblem, selected: Iterable[str]) -> Outcome:
    """Expected index and indicator values next year if exactly ``selected`` is carried out.

    >>> # see tests/test_expectation.py for hand-computed cases
    """
    chosen = frozenset(selected)
    framework = problem.framework
    values = dict(problem.assessment.values)
    rng = np.random.default_rng(MONTE_CARLO_SEED)
    probabilities: dict[Node, float] = {}
    variance = 0.0
    expected = dict(values)
    index = problem.index_before
    for node in problem.new_nodes:
        p, error = node_probability(problem, chosen, node, rng)
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
