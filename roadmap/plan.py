"""The result of planning: a prioritized rencana aksi with its expected effect."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from roadmap.actions import Action
from roadmap.evidence import EvidenceTask
from roadmap.nodes import Node


class PlanStatus(StrEnum):
    """How good a plan is known to be. The value is what JSON and the texts carry.

    ``OPTIMAL``: the solver proved no plan under the options has a higher expected index (or,
    with a target, a lower cost). ``FEASIBLE``: a valid plan with a proven gap to the optimum
    (``Plan.gap``), e.g. after a time limit. ``HEURISTIC``: the greedy baseline, no proof.
    """

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    HEURISTIC = "heuristic"


@dataclass(frozen=True)
class PlannedAction:
    """One selected action, in rencana-aksi order.

    ``contribution`` is the action's gain in expected index when it is added to the actions
    ranked before it: the contributions of a plan add up to its expected gain.
    ``marginal_gain`` is what the plan loses if only this action is dropped. ``evidence`` is the
    data dukung the action must produce, each item due by the action's end month.
    """

    action: Action
    rank: int
    marginal_gain: float
    reason: str
    start_month: int
    end_month: int
    prerequisites: tuple[str, ...] = ()
    contribution: float = 0.0
    evidence: tuple[EvidenceTask, ...] = ()


@dataclass(frozen=True)
class NearMiss:
    """An action left out, with what adding it would bring and why it was left out."""

    action: Action
    gain_if_added: float
    why: str


@dataclass(frozen=True)
class Plan:
    """An action plan and its exact expected outcome.

    ``status`` is a ``PlanStatus``; ``gap`` is the proven distance (index points, or rupiah
    with a target) to the optimum, 0 when optimal. ``exact_model`` tells whether the optimized
    model equals the true expectation (see ``roadmap.model``). ``rule_sources`` maps a label
    (``"semua"``: all rules; ``"pedoman"``: only rules sourced from the pedoman) to the expected
    index of the best plan under those rules, so a reader sees how much rests on assumptions.
    """

    framework_id: str
    status: PlanStatus
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
    gap: float = 0.0
    rule_sources: Mapping[str, float] = field(default_factory=dict)

    @property
    def selected_ids(self) -> tuple[str, ...]:
        return tuple(p.action.id for p in self.selected)

    @property
    def expected_gain(self) -> float:
        return self.expected_index - self.index_before

    @property
    def months_needed(self) -> int:
        return max((p.end_month for p in self.selected), default=0)
