"""A planning problem: where a pemda stands, what it can do, and what depends on what.

Besides the dependency graph, two facts make a new node unreachable within the plan year: a
**track record** (framework data: the level below must already have been held for some years
at the start of the year; ``held_years`` says how long each achieved node has been held, one
year by default for everything in the assessment) and a **lagged** indicator (scored from
another agency's index that lags the evaluation year, so its next value cannot move). A node
whose closure holds such a node is unreachable too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from roadmap.actions import Action, Catalogue
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule, build_graph
from roadmap.evidence import EvidenceItem
from roadmap.framework import Framework
from roadmap.index import weighted_index
from roadmap.nodes import Node, closures, is_new, new_nodes, node_gain


@dataclass(frozen=True)
class PlanningProblem:
    """The inputs every planner shares. Derived structure is computed once, lazily."""

    assessment: Assessment
    catalogue: Catalogue
    rules: tuple[Rule, ...] = ()
    held_years: Mapping[Node, int] = field(default_factory=dict)
    track_records: bool = True  # False: only lagged indicators block (a multi-year model
    # states the track records across years itself)
    evidence: tuple[EvidenceItem, ...] = ()  # the framework's data dukung items, if loaded

    def __post_init__(self) -> None:
        if self.catalogue.framework.id != self.assessment.framework.id:
            raise ValueError("catalogue and assessment belong to different frameworks")

    @property
    def framework(self) -> Framework:
        return self.assessment.framework

    @property
    def values(self) -> dict[str, float]:
        return dict(self.assessment.values)

    @cached_property
    def graph(self) -> nx.DiGraph:
        return build_graph(self.framework, self.rules)

    @cached_property
    def index_before(self) -> float:
        return weighted_index(self.framework, self.assessment.values)

    @cached_property
    def new_nodes(self) -> tuple[Node, ...]:
        return new_nodes(self.framework, self.graph, self.assessment.values)

    @cached_property
    def gains(self) -> dict[Node, float]:
        return {n: node_gain(self.framework, self.assessment.values, n) for n in self.new_nodes}

    @cached_property
    def closures(self) -> dict[Node, frozenset[Node]]:
        return closures(self.graph, self.assessment.values, self.new_nodes)

    def years_held(self, node: Node) -> int:
        """How many years ``node`` has been held at the start of the plan year (0: not held)."""
        if is_new(self.assessment.values, node):
            return 0
        return self.held_years.get(node, 1)

    @cached_property
    def unreachable(self) -> frozenset[Node]:
        """New nodes that cannot be achieved this year (track record, lagged indicator, or a
        closure node that cannot)."""
        framework = self.framework
        lagged = {i.id for i in framework.indicators if i.lagged}
        blocked = set()
        for node in self.new_nodes:
            indicator, level = node
            years = framework.track_record_years(indicator, level)
            if indicator in lagged or (self.track_records and years
                                       and self.years_held((indicator, level - 1)) < years):
                blocked.add(node)
        return frozenset(n for n, needed in self.closures.items() if needed & blocked)

    @cached_property
    def reachable(self) -> tuple[Node, ...]:
        """New nodes that some selection of catalogue actions can achieve this year, in
        topological order."""
        return tuple(
            n for n in self.new_nodes if n not in self.unreachable
            and all(self.providers[m] for m in self.closures[n]))

    @cached_property
    def group_members(self) -> dict[str, tuple[str, ...]]:
        """Exclusive groups of the catalogue: group name -> its action ids (catalogue order)."""
        result: dict[str, list[str]] = {}
        for action in self.catalogue:
            for group in action.groups:
                result.setdefault(group, []).append(action.id)
        return {g: tuple(ids) for g, ids in result.items()}

    @cached_property
    def by_id(self) -> dict[str, Action]:
        return {a.id: a for a in self.catalogue}

    @cached_property
    def providers(self) -> dict[Node, tuple[str, ...]]:
        """Ids of the catalogue's actions that provide each new node, in catalogue order."""
        result: dict[Node, list[str]] = {n: [] for n in self.new_nodes}
        for action in self.catalogue:
            for effect in action.effects:
                for level in range(1, effect.level + 1):
                    node = (effect.indicator, level)
                    if node in result:
                        result[node].append(action.id)
        return {n: tuple(ids) for n, ids in result.items()}

    @cached_property
    def provider_sets(self) -> dict[Node, frozenset[str]]:
        """``providers`` as sets: intersecting one with a plan costs the plan's size."""
        return {n: frozenset(ids) for n, ids in self.providers.items()}

    @cached_property
    def essential_providers(self) -> dict[Node, tuple[str, ...]]:
        """Providers of each node that are not implied by another provider of it.

        An action whose explicit prerequisite group consists only of providers of the same node
        cannot be selected without one of them, so it adds nothing to the node's coverage. The
        optimizer sums only these providers, which keeps its relaxation tight (a level-3 step
        that requires the level-2 step no longer covers level 2 on its own).
        """
        by_id = {a.id: a for a in self.catalogue}
        result = {}
        for node, ids in self.providers.items():
            members = set(ids)
            result[node] = tuple(
                a for a in ids
                if not any(group and all(b in members for b in group)
                           for group in by_id[a].requires)
            )
        return result

    @cached_property
    def probability(self) -> dict[str, float]:
        return {a.id: a.probability for a in self.catalogue}

    @cached_property
    def dependents(self) -> dict[str, tuple[Node, ...]]:
        """For each action, the new nodes whose closure contains a node it, or an action that
        builds on it, provides: the only nodes whose probability can change when the action is
        added or removed."""
        touched: dict[str, set[Node]] = {a.id: set() for a in self.catalogue}
        for node, needed in self.closures.items():
            for m in needed:
                for action_id in self.providers[m]:
                    touched[action_id].add(node)
        # What builds on an action succeeds only if it does: its dependents count too.
        builds_on = nx.DiGraph()
        builds_on.add_nodes_from(touched)
        builds_on.add_edges_from((b, a.id) for a in self.catalogue for b in a.required_ids
                                 if b not in self.done_actions)
        for action_id in touched:
            for later in nx.descendants(builds_on, action_id):
                touched[action_id] |= touched[later]
        order = {n: k for k, n in enumerate(self.new_nodes)}
        return {a: tuple(sorted(nodes, key=order.__getitem__)) for a, nodes in touched.items()}

    @cached_property
    def done_actions(self) -> frozenset[str]:
        """Actions whose every effect is already achieved: they count as carried out."""
        return frozenset(a.id for a in self.catalogue if a.is_done(self.assessment.values))
