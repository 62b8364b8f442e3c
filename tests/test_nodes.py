"""Nodes still to gain: which are new, what they are worth, their order and closures."""

from __future__ import annotations

import pytest

from roadmap.dependencies import Rule, build_graph
from roadmap.nodes import closures, is_new, new_nodes, node_gain
from tests.strategies import make_framework


def test_is_new() -> None:
    values = {"I1": 1.26, "I2": 0.0}
    assert is_new(values, ("I1", 2)) and not is_new(values, ("I1", 1))
    assert is_new(values, ("I2", 1))


def test_node_gain_counts_the_rest_of_a_partial_value() -> None:
    framework = make_framework(["I1", "I2"], [40, 60], decimals=True)
    values = {"I1": 1.26, "I2": 3.0}
    assert node_gain(framework, values, ("I1", 1)) == 0.0
    assert node_gain(framework, values, ("I1", 2)) == pytest.approx(0.4 * 0.74)
    assert node_gain(framework, values, ("I1", 3)) == pytest.approx(0.4)
    assert node_gain(framework, values, ("I2", 3)) == 0.0
    assert node_gain(framework, values, ("I2", 4)) == pytest.approx(0.6)


def test_new_nodes_in_framework_order_unless_a_rule_says_otherwise() -> None:
    framework = make_framework(["1", "2"], [50, 50], decimals=False, max_level=3)
    values = {"1": 1.0, "2": 1.0}
    plain = build_graph(framework, ())
    assert new_nodes(framework, plain, values) == (("1", 2), ("1", 3), ("2", 2), ("2", 3))
    ruled = build_graph(framework, (Rule("1", 2, "2", 3),))
    assert new_nodes(framework, ruled, values) == (("2", 2), ("2", 3), ("1", 2), ("1", 3))
    assert new_nodes(framework, ruled, {"1": 3.0, "2": 0.0}) == (
        ("2", 1), ("2", 2), ("2", 3))


def test_closures_follow_chains_and_rules_but_stop_at_achieved_nodes() -> None:
    framework = make_framework(["1", "2", "3"], [30, 30, 40], decimals=False, max_level=3)
    graph = build_graph(framework, (Rule("1", 2, "2", 3), Rule("3", 3, "1", 2)))
    values = {"1": 1.0, "2": 1.0, "3": 2.0}
    nodes = new_nodes(framework, graph, values)
    result = closures(graph, values, nodes)
    assert result[("2", 2)] == {("2", 2)}
    assert result[("1", 3)] == {("1", 3), ("1", 2), ("2", 3), ("2", 2)}
    assert result[("3", 3)] == {("3", 3), ("1", 2), ("2", 3), ("2", 2)}
    # Once 2 is at level 3 the rule is met: 1:2 needs only itself.
    met = {"1": 1.0, "2": 3.0, "3": 2.0}
    assert closures(graph, met, new_nodes(framework, graph, met))[("1", 2)] == {("1", 2)}
