"""The result of planning: a prioritized rencana aksi with its expected effect."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from roadmap.actions import Action
from roadmap.nodes import Node


@dataclass(frozen=True)
class PlannedAction:
    """One selected action, in rencana-aksi order."""

    action: Action
    rank: int
    marginal_gain: float
    reason: str
    start_month: int
    end_month: int
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True)
class NearMiss:
    """An action left out, with what adding it would bring and why it was left out."""

    action: Action
    gain_if_added: float
    why: str


@dataclass(frozen=True)
class Plan:
    """An action plan and its exact expected outcome.

    ``status`` is ``optimal`` (proven by the solver), ``feasible`` (a solution without proof,
    e.g. after a time limit) or ``heuristic`` (the greedy baseline). ``exact_model`` tells
    whether the optimized model equals the true expectation (see ``roadmap.optimizer``).
    """

    framework_id: str
    status: str
    method: str
    budget: float | None
    target: float | None
    total_cost: float
    index_before: float
    expected_index: float
    predicate_before: str
    expected_predicate: str
    selected: tuple[PlannedAction, ...]
    near_misses: tuple[NearMiss, ...] = ()
    expected_values: Mapping[str, float] = field(default_factory=dict)
    node_probabilities: Mapping[Node, float] = field(default_factory=dict)
    proven_optimal: bool = False
    exact_model: bool = True
    expectation_method: str = "exact"
    expectation_error: float = 0.0
    solver: str = ""
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    warnings: tuple[str, ...] = ()

    @property
    def selected_ids(self) -> tuple[str, ...]:
        return tuple(p.action.id for p in self.selected)

    @property
    def expected_gain(self) -> float:
        return self.expected_index - self.index_before

    @property
    def months_needed(self) -> int:
        return max((p.end_month for p in self.selected), default=0)
