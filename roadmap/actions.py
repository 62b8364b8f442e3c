"""Actions (the rencana aksi building blocks) and the catalogue they form.

An action has effects ``i:L``: it brings indicator ``i`` up to level ``L``, i.e. it provides
every node ``(i, l)`` with ``l <= L``. It succeeds (the assessor accepts its evidence) with
probability ``probability``. ``requires`` lists explicit prerequisites: each entry is a group of
alternative action ids (written ``S11-2|SB-4`` in a file), of which at least one must be selected
or already done. Actions sharing a ``group`` deliver the same evidence: at most one of them is in
a plan (an action may be in several groups, written ``G1; G2``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from roadmap.errors import InputError
from roadmap.framework import Framework

Node = tuple[str, int]


@dataclass(frozen=True)
class Effect:
    indicator: str
    level: int


@dataclass(frozen=True)
class Action:
    id: str
    name: str
    effects: tuple[Effect, ...]
    cost: float
    probability: float = 1.0
    months: int | None = None
    opd: str = ""
    requires: tuple[tuple[str, ...], ...] = ()
    cost_basis: str = ""
    group: str = ""

    @cached_property
    def groups(self) -> tuple[str, ...]:
        """The exclusive groups the action belongs to (``group`` may name several, split by
        ``;``): a package conflicts with each single action it contains, while those singles
        do not conflict with each other."""
        return tuple(dict.fromkeys(g.strip() for g in self.group.split(";") if g.strip()))

    def conflicts_with(self, other: Action) -> bool:
        """Whether the two actions share an exclusive group."""
        return not self.group_set.isdisjoint(other.group_set)

    @cached_property
    def group_set(self) -> frozenset[str]:
        return frozenset(self.groups)

    def provides(self, node: Node) -> bool:
        indicator, level = node
        return any(e.indicator == indicator and e.level >= level for e in self.effects)

    @property
    def required_ids(self) -> tuple[str, ...]:
        """Every action id named in ``requires`` (all alternatives), in order."""
        return tuple(dict.fromkeys(i for group in self.requires for i in group))

    def target(self, indicator_id: str) -> int:
        """The highest level this action brings ``indicator_id`` to (0 if none)."""
        return max((e.level for e in self.effects if e.indicator == indicator_id), default=0)

    def is_done(self, values: Mapping[str, float]) -> bool:
        """True when every effect is already achieved: selecting it would add nothing.

        Such an action counts as carried out earlier, so a ``requires`` on it is met.
        """
        return all(values[e.indicator] >= e.level for e in self.effects)


@dataclass(frozen=True)
class Catalogue:
    framework: Framework
    actions: tuple[Action, ...]

    def __post_init__(self) -> None:
        validate_catalogue(self.framework, self.actions)

    def __iter__(self) -> Iterator[Action]:
        return iter(self.actions)

    def __len__(self) -> int:
        return len(self.actions)

    def get(self, action_id: str) -> Action:
        for action in self.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.actions)

    def providers(self, node: Node) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.provides(node))


def parse_effects(text: object, framework: Framework) -> tuple[Effect, ...]:
    """Parse ``'11:2'`` or ``'1:2; 2:2'`` into effects; InputError names the bad part."""
    parts = [p.strip() for p in str(text or "").replace(",", ";").split(";") if p.strip()]
    if not parts:
        raise InputError("dampak kosong; tulis seperti '11:2' atau '1:2; 2:2'")
    effects = []
    for part in parts:
        if part.count(":") != 1:
            raise InputError(
                f"dampak '{part}' tidak sah; tulis indikator:tingkat seperti '11:2'", value=part
            )
        raw_id, raw_level = (s.strip() for s in part.split(":"))
        indicator = framework.resolve(raw_id)
        if indicator is None:
            raise InputError(
                f"indikator '{raw_id}' pada dampak tidak dikenal dalam {framework.index_name}",
                value=part,
            )
        if (not (raw_level.isascii() and raw_level.isdigit()) or len(raw_level) > 2
                or not 1 <= int(raw_level) <= framework.max_level):
            raise InputError(
                f"tingkat pada dampak '{part}' harus bilangan bulat 1..{framework.max_level}",
                value=part,
            )
        effects.append(Effect(indicator, int(raw_level)))
    seen = [e.indicator for e in effects]
    duplicate = next((i for i in seen if seen.count(i) > 1), None)
    if duplicate:
        raise InputError(f"indikator {duplicate} disebut dua kali dalam satu dampak")
    return tuple(effects)


def parse_requires(text: object) -> tuple[tuple[str, ...], ...]:
    """``'A; B|C'`` -> ``(('A',), ('B', 'C'))``: A, and one of B or C."""
    groups = []
    for part in str(text or "").replace(",", ";").split(";"):
        group = tuple(dict.fromkeys(i.strip() for i in part.split("|") if i.strip()))
        if group:
            groups.append(group)
    return tuple(groups)


def format_requires(requires: tuple[tuple[str, ...], ...]) -> str:
    return "; ".join("|".join(group) for group in requires)


def validate_catalogue(framework: Framework, actions: Iterable[Action]) -> None:
    """Check ids, costs, probabilities and explicit prerequisites (no unknown id, no cycle)."""
    actions = tuple(actions)
    seen: set[str] = set()
    for action in actions:
        if action.id in seen:
            raise InputError(f"id aksi '{action.id}' ganda", value=action.id)
        seen.add(action.id)
        if not action.cost >= 0:
            raise InputError(f"biaya aksi {action.id} tidak boleh negatif", value=action.cost)
        if not 0 <= action.probability <= 1:
            raise InputError(f"peluang aksi {action.id} harus di antara 0 dan 1",
                             value=action.probability)
        for effect in action.effects:
            if effect.indicator not in framework.indicator_ids:
                raise InputError(f"aksi {action.id}: indikator {effect.indicator} tidak dikenal")
    graph = nx.DiGraph()
    graph.add_nodes_from(seen)
    for action in actions:
        for required in action.required_ids:
            if required not in seen:
                raise InputError(f"aksi {action.id} mensyaratkan aksi '{required}' yang tidak ada",
                                 value=required)
            graph.add_edge(required, action.id)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    path = " -> ".join([edge[0] for edge in cycle] + [cycle[0][0]])
    raise InputError(f"prasyarat aksi membentuk siklus: {path}")
