"""Prerequisites between indicators as a directed acyclic graph of (indicator, level) nodes.

Nodes are ``(indicator, level)`` for every indicator and level 1..max. Two kinds of edges:

* ``chain``: ``(i, l-1) -> (i, l)``, because the level criteria are cumulative;
* ``rule``: ``(j, m) -> (i, l)`` from a rule "indicator i can be at level >= l only if
  indicator j is at level >= m", with the rule's reason and source as edge data.

A node is *achieved* when the indicator's value is at least its level. Levels already achieved
stay achieved whatever the rules say, so an achieved node cuts every dependency that runs
through it: the queries below (``blocked``, ``unlock_values``, ``waves``) only follow paths made
of unachieved nodes. They are pure functions of the graph and an assessment's values
(``Mapping[str, float]``) and list nodes in the graph's node order, which for ``build_graph`` is
the framework's indicator order, then level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.nodes import is_new, node_gain

Node = tuple[str, int]
RULE_SOURCES = ("pedoman", "penjelasan", "berita", "asumsi")


@dataclass(frozen=True)
class Rule:
    """``indicator`` can be at level >= ``level`` only if ``requires_indicator`` >=
    ``requires_level``."""

    indicator: str
    level: int
    requires_indicator: str
    requires_level: int
    reason: str = ""
    source: str = ""

    @property
    def node(self) -> Node:
        return (self.indicator, self.level)

    @property
    def required_node(self) -> Node:
        return (self.requires_indicator, self.requires_level)


def node_label(node: Node) -> str:
    """``('11', 2)`` -> ``'11:2'``."""
    return f"{node[0]}:{node[1]}"


def build_graph(framework: Framework, rules: Iterable[Rule]) -> nx.DiGraph:
    """The prerequisite DAG of ``framework`` under ``rules``.

    Raises ``InputError`` for a rule naming an unknown indicator or a level outside
    1..max, and for a cycle, naming the whole cycle (e.g. ``11:2 -> 21:2 -> 11:2``).

    >>> from roadmap.io.framework_files import load_framework
    >>> spbe = load_framework("spbe-2020")
    >>> g = build_graph(spbe, [Rule("21", 2, "11", 2)])
    >>> sorted(g.predecessors(("21", 2)))
    [('11', 2), ('21', 1)]
    """
    top = framework.max_level
    graph = nx.DiGraph(framework=framework.id)
    for indicator in framework.indicator_ids:
        for level in range(1, top + 1):
            graph.add_node((indicator, level))
            if level > 1:
                graph.add_edge((indicator, level - 1), (indicator, level), kind="chain")
    for rule in rules:
        for indicator, level in (rule.node, rule.required_node):
            if indicator not in framework.indicator_ids:
                raise InputError(f"aturan menyebut indikator '{indicator}' yang tidak dikenal",
                                 value=indicator)
            if not 1 <= level <= top:
                raise InputError(f"tingkat aturan harus 1..{top}", value=level)
        if rule.node == rule.required_node:
            raise InputError(f"aturan {node_label(rule.node)} mensyaratkan dirinya sendiri")
        graph.add_edge(rule.required_node, rule.node, kind="rule", reason=rule.reason,
                       source=rule.source)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return graph
    path = " -> ".join(node_label(edge[0]) for edge in cycle) + " -> " + node_label(cycle[0][0])
    raise InputError(f"aturan ketergantungan membentuk siklus: {path}")


def rule_prerequisites(graph: nx.DiGraph, node: Node) -> tuple[Node, ...]:
    """The nodes that ``node`` directly requires through rules (not the level chain), sorted."""
    return tuple(sorted(
        pred for pred in graph.predecessors(node) if graph.edges[pred, node]["kind"] == "rule"
    ))


@dataclass(frozen=True)
class Blocked:
    """``indicator`` cannot reach ``next_level`` until its unmet prerequisites are met.

    ``direct`` are the unmet rule prerequisites of the node ``(indicator, next_level)`` itself;
    ``transitive`` are the further unmet nodes those need (their own lower levels and their rule
    prerequisites, recursively), without the direct ones.
    """

    indicator: str
    next_level: int
    direct: tuple[Node, ...]
    transitive: tuple[Node, ...]

    @property
    def node(self) -> Node:
        return (self.indicator, self.next_level)


@dataclass(frozen=True)
class Unlock:
    """An unmet rule prerequisite ``node`` and the index points ``value`` it holds back.

    ``gated`` are the unachieved nodes of other indicators that cannot be achieved before
    ``node`` is; ``value`` is the sum of their gains (see ``unlock_values``).
    """

    node: Node
    value: float
    gated: tuple[Node, ...]


def next_level(value: float, max_level: int) -> int | None:
    """The first whole level above ``value``, or None when ``value`` is already at the top.

    >>> next_level(1.26, 5), next_level(0, 5), next_level(5, 5)
    (2, 1, None)
    """
    level = math.floor(value) + 1
    return level if level <= max_level else None


def blocked(graph: nx.DiGraph, values: Mapping[str, float]) -> tuple[Blocked, ...]:
    """Every indicator whose next level has unmet rule prerequisites, with those prerequisites.

    The next level of an indicator is ``floor(value) + 1`` (none at the top level). It is
    *blocked* when at least one rule prerequisite of the node ``(indicator, next level)`` is
    unachieved; an indicator whose next level only needs its own work is not listed.

    >>> from roadmap.io.framework_files import load_framework
    >>> spbe = load_framework("spbe-2020")
    >>> g = build_graph(spbe, [Rule("21", 2, "11", 2), Rule("11", 2, "1", 2)])
    >>> values = {i: 1.0 for i in spbe.indicator_ids}
    >>> [(b.indicator, b.next_level, b.direct, b.transitive) for b in blocked(g, values)]
    [('11', 2, (('1', 2),), ()), ('21', 2, (('11', 2),), (('1', 2),))]
    """
    order = _node_order(graph)
    result = []
    for indicator, top in _indicator_tops(graph).items():
        level = next_level(values[indicator], top)
        if level is None:
            continue
        direct = [p for p in rule_prerequisites(graph, (indicator, level))
                  if is_new(values, p)]
        if not direct:
            continue
        further: set[Node] = set()
        for prerequisite in direct:
            further |= _unmet_ancestors(graph, prerequisite, values)
        result.append(Blocked(
            indicator=indicator,
            next_level=level,
            direct=tuple(sorted(direct, key=order.__getitem__)),
            transitive=tuple(sorted(further - set(direct), key=order.__getitem__)),
        ))
    return tuple(result)


def unlock_values(graph: nx.DiGraph, values: Mapping[str, float],
                  framework: Framework) -> tuple[Unlock, ...]:
    """The index points each unmet rule prerequisite holds back, largest first.

    Listed: every unachieved node with a rule edge to an unachieved node. Its unlock value is
    the sum of ``roadmap.nodes.node_gain`` (``w_i / W * (l - max(l - 1, value_i))`` for node
    ``(i, l)``, so a partial Pemdi value counts only its remainder) over the nodes it gates: the
    unachieved nodes that have it as an ancestor along a path of unachieved nodes (rule or
    chain edges) and belong to another indicator. The node's own higher levels are left out
    (they are its indicator's own value, not something it unlocks); a higher level of another
    indicator counts, because that level needs the lower ones. So the value answers "how many
    index points cannot be gained at all until this node is met" — an upper bound on what
    meeting it makes possible. Ties are broken
    by node order.

    >>> from roadmap.io.framework_files import load_framework
    >>> spbe = load_framework("spbe-2020")
    >>> g = build_graph(spbe, [Rule("21", 2, "11", 2)])
    >>> values = {i: 1.0 for i in spbe.indicator_ids}
    >>> [(u.node, round(u.value, 3), len(u.gated)) for u in unlock_values(g, values, spbe)]
    [(('11', 2), 0.06, 4)]
    """
    order = _node_order(graph)
    unmet = graph.subgraph([n for n in graph if is_new(values, n)])
    result = []
    for node in unmet:
        if not any(unmet.edges[node, s]["kind"] == "rule" for s in unmet.successors(node)):
            continue
        gated = tuple(sorted((n for n in nx.descendants(unmet, node) if n[0] != node[0]),
                             key=order.__getitem__))
        result.append(Unlock(node, sum(node_gain(framework, values, n) for n in gated), gated))
    result.sort(key=lambda u: (-round(u.value, 12), order[u.node]))
    return tuple(result)


def waves(graph: nx.DiGraph, values: Mapping[str, float]) -> tuple[tuple[Node, ...], ...]:
    """The unachieved nodes in topological waves: wave 1 can start now, wave k after k-1.

    A node is in wave 1 when all its predecessors (lower level and rule prerequisites) are
    achieved, and in wave k when its latest unachieved predecessor is in wave k - 1.

    >>> from roadmap.io.framework_files import load_framework
    >>> spbe = load_framework("spbe-2020")
    >>> g = build_graph(spbe, [Rule("21", 2, "11", 2)])
    >>> values = {i: 5.0 for i in spbe.indicator_ids} | {"11": 1.0, "21": 1.0}
    >>> waves(g, values)[:3]
    ((('11', 2),), (('11', 3), ('21', 2)), (('11', 4), ('21', 3)))
    """
    order = _node_order(graph)
    unmet = graph.subgraph([n for n in graph if is_new(values, n)])
    return tuple(tuple(sorted(generation, key=order.__getitem__))
                 for generation in nx.topological_generations(unmet))


def _node_order(graph: nx.DiGraph) -> dict[Node, int]:
    return {node: position for position, node in enumerate(graph)}


def _indicator_tops(graph: nx.DiGraph) -> dict[str, int]:
    """Each indicator of the graph (in node order) with its highest level."""
    tops: dict[str, int] = {}
    for indicator, level in graph:
        tops[indicator] = max(level, tops.get(indicator, level))
    return tops


def _unmet_ancestors(graph: nx.DiGraph, node: Node, values: Mapping[str, float]) -> set[Node]:
    """The unachieved nodes from which ``node`` is reachable through unachieved nodes only."""
    found: set[Node] = set()
    stack = [node]
    while stack:
        for pred in graph.predecessors(stack.pop()):
            if pred not in found and is_new(values, pred):
                found.add(pred)
                stack.append(pred)
    return found
