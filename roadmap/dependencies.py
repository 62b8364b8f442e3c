"""Prerequisites between indicators as a directed acyclic graph of (indicator, level) nodes.

Nodes are ``(indicator, level)`` for every indicator and level 1..max. Two kinds of edges:

* ``chain``: ``(i, l-1) -> (i, l)``, because the level criteria are cumulative;
* ``rule``: ``(j, m) -> (i, l)`` from a rule "indicator i can be at level >= l only if
  indicator j is at level >= m", with the rule's reason and source as edge data.

A node is *achieved* when the indicator's value is at least its level. Levels already achieved
stay achieved whatever the rules say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from roadmap.errors import InputError
from roadmap.framework import Framework

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
