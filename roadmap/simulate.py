"""Monte Carlo of a plan's outcome: the distribution of next year's index.

Semantics (``docs/model.md``): every selected action's own draw succeeds independently with its
probability; an action succeeds iff its draw does and each ``requires`` group has an alternative
done or succeeded; a new node counts iff it is reachable this year (track record, lagged
indicator), its lower level counts, some selected action that succeeded provides it, and every
rule prerequisite counts; nodes achieved today always count. One draw is one assessment year:
the index is today's index plus the gains of the nodes that count.

The draws are vectorized: one matrix of action successes (draws x actions), then the nodes are
propagated in topological order, one boolean column each. The same plan, draws and seed give
the same result whatever the order of ``selected_ids``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from roadmap.expectation import requires_order
from roadmap.framework import BAND_TOLERANCE
from roadmap.nodes import Node
from roadmap.problem import PlanningProblem

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 20260601
PERCENTILES = (5, 25, 50, 75, 95)


@dataclass(frozen=True)
class Simulation:
    """Simulated index of next year for one plan.

    ``band_probabilities[name]`` is the share of draws whose index is in that predicate band
    or a higher one (so the lowest band has probability 1).
    """

    draws: int
    seed: int
    indices: np.ndarray
    mean: float
    standard_error: float
    percentiles: dict[int, float]
    band_probabilities: dict[str, float]

    def probability_at_least(self, value: float) -> float:
        """Share of draws whose index reaches ``value`` (see ``share_at_least``)."""
        return share_at_least(self.indices, value)


def simulate_plan(problem: PlanningProblem, selected_ids: Iterable[str],
                  draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> Simulation:
    """Draw ``draws`` outcomes of carrying out ``selected_ids`` and summarize them.

    ``mean`` is today's index plus each node's gain times the share of draws in which it
    counts (the same sum, in the same order, as ``roadmap.expectation.expected_outcome``, so
    with every probability 1 the two agree exactly); ``standard_error`` is the standard
    deviation of the drawn indices over the square root of ``draws``.
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    chosen = set(selected_ids)
    unknown = sorted(chosen - set(problem.catalogue.ids))
    if unknown:
        raise ValueError(f"actions not in the catalogue: {unknown}")
    columns = [a for a in problem.catalogue.ids if a in chosen]
    rng = np.random.default_rng(seed)
    p = np.array([problem.probability[a] for a in columns])
    success = _nested(problem, columns, rng.random((draws, len(columns))) < p)
    achieved = _achieved_nodes(problem, success, {a: k for k, a in enumerate(columns)})
    indices = np.full(draws, problem.index_before)
    mean = problem.index_before
    for node, counts in achieved.items():
        gain = problem.gains[node]
        indices += gain * counts
        mean += gain * (np.count_nonzero(counts) / draws)
    error = float(np.std(indices, ddof=1)) / math.sqrt(draws) if draws > 1 else 0.0
    return Simulation(
        draws=draws, seed=seed, indices=indices, mean=float(mean), standard_error=error,
        percentiles=dict(zip(PERCENTILES, map(float, np.percentile(indices, PERCENTILES)),
                             strict=True)),
        band_probabilities={b.name: share_at_least(indices, b.min)
                            for b in problem.framework.predicates},
    )


def share_at_least(indices: np.ndarray, value: float) -> float:
    """Share of ``indices`` that reach ``value``; band edges are compared with the same slack
    as predicates, so an index of 2.5999999999999996 reaches 2,60.

    >>> share_at_least(np.array([1.0, 2.0, 2.6, 3.0]), 2.6)
    0.5
    """
    return float(np.mean(indices >= value - BAND_TOLERANCE))


def _nested(problem: PlanningProblem, columns: list[str], drawn: np.ndarray) -> np.ndarray:
    """Draws -> successes: an action's column is kept only where each of its ``requires``
    groups has an alternative done or succeeded (alternatives first, in ``requires`` order)."""
    position = {a: k for k, a in enumerate(columns)}
    success = drawn.copy()
    done = problem.done_actions
    order = requires_order(problem, frozenset(columns))
    for a in order:
        for group in problem.by_id[a].requires:
            if any(b in done for b in group):
                continue
            met = np.zeros(len(success), dtype=bool)
            for b in group:
                if b in position:
                    met |= success[:, position[b]]
            success[:, position[a]] &= met
    return success


def _achieved_nodes(problem: PlanningProblem, success: np.ndarray,
                    column: dict[str, int]) -> dict[Node, np.ndarray]:
    """For each new node that some selected action provides, the draws in which it counts,
    in topological order. Nodes that no selected action provides never count and are left
    out (so are the nodes that need them)."""
    achieved: dict[Node, np.ndarray] = {}
    values = problem.assessment.values
    for node in problem.new_nodes:
        if node in problem.unreachable:
            continue
        cols = [column[a] for a in problem.providers[node] if a in column]
        needed = [m for m in problem.graph.predecessors(node) if m[1] > values[m[0]]]
        if not cols or any(m not in achieved for m in needed):
            continue
        counts = np.asarray(success[:, cols].any(axis=1))
        for m in needed:
            counts = np.logical_and(counts, achieved[m])
        achieved[node] = counts
    return achieved
