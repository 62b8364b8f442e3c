"""The (indicator, level) nodes still to be gained, their index value and what they need.

Node ``(i, l)`` is achieved today iff ``value_i >= l``. A *new* node (``l > value_i``) is worth
``w_i / W * (l - max(l - 1, value_i))`` index points: a whole level, or the rest of a partial
value (an indicator at 1.26 gains 0.74 level for reaching level 2).
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from roadmap.framework import Framework

Node = tuple[str, int]


def is_new(values: Mapping[str, float], node: Node) -> bool:
    """True when ``node`` is not achieved today."""
    return node[1] > values[node[0]]


def node_gain(framework: Framework, values: Mapping[str, float], node: Node) -> float:
    """Index points gained when ``node`` is achieved on top of ``values`` (0 if achieved).

    >>> from roadmap.io.framework_files import load_framework
    >>> pemdi = load_framework("pemdi-2026")
    >>> values = {i: 1.0 for i in pemdi.indicator_ids} | {"I1": 1.26}
    >>> round(node_gain(pemdi, values, ("I1", 2)), 4)  # weight 5 of 100, 0.74 of a level
    0.037
    """
    indicator, level = node
    current = values[indicator]
    if level <= current:
        return 0.0
    weight = framework.indicator(indicator).weight
    return weight * (level - max(level - 1, current)) / framework.total_weight


def new_nodes(framework: Framework, graph: nx.DiGraph, values: Mapping[str, float]
              ) -> tuple[Node, ...]:
    """All nodes not achieved today, in a deterministic topological order.

    Ties are broken by the framework's indicator order, then by level.
    """
    order = {ind: pos for pos, ind in enumerate(framework.indicator_ids)}
    pending = graph.subgraph(n for n in graph if is_new(values, n))
    return tuple(nx.lexicographical_topological_sort(
        pending, key=lambda n: (order[n[0]], n[1])))


def closures(graph: nx.DiGraph, values: Mapping[str, float],
             nodes: tuple[Node, ...]) -> dict[Node, frozenset[Node]]:
    """For each new node, the new nodes it needs: itself, its lower levels and, transitively,
    its rule prerequisites. ``nodes`` must be in topological order."""
    result: dict[Node, frozenset[Node]] = {}
    for node in nodes:
        needed = {node}
        for pred in graph.predecessors(node):
            if is_new(values, pred):
                needed |= result[pred]
        result[node] = frozenset(needed)
    return result
