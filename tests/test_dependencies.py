"""Queries over the dependency graph, checked against hand computations on tiny frameworks."""

from __future__ import annotations

import pytest

from roadmap.dependencies import (
    Blocked,
    Rule,
    blocked,
    build_graph,
    next_level,
    unlock_values,
    waves,
)
from roadmap.errors import InputError
from roadmap.framework import Band, Framework, Group, Indicator, ValueScale
from roadmap.io.assessment_file import read_assessment
from roadmap.io.framework_files import load_framework
from roadmap.io.rules_file import read_default_rules
from tests.conftest import EXAMPLES


def tiny_framework(*, whole: bool = True) -> Framework:
    """Four indicators "1".."4" weighing 10, 20, 30, 40 of 100, levels 1..3, two domains."""
    weights = {"1": 10.0, "2": 20.0, "3": 30.0, "4": 40.0}
    domains = {"1": "A", "2": "A", "3": "B", "4": "B"}
    return Framework(
        id="tiny", title="Kerangka uji", index_name="Indeks Uji", id_style="number",
        group_kinds=("domain",), group_labels={"domain": "Domain"}, total_weight=100.0,
        value=ValueScale(min=1, max=3, whole=whole, allow_zero=whole, decimals=0 if whole else 2),
        levels={1: ("Satu",), 2: ("Dua",), 3: ("Tiga",)},
        predicates=(Band("Kurang", 0.0), Band("Baik", 2.0)),
        indicators=tuple(
            Indicator(id=i, code=i, name=f"Indikator {i}", weight=w, groups={"domain": domains[i]})
            for i, w in weights.items()
        ),
        groups=(Group("domain", "A", "Domain A", 30.0), Group("domain", "B", "Domain B", 70.0)),
    )


# 2:2 needs 1:2, 3:2 needs 2:3, 4:3 needs 1:2.
TINY_RULES = (Rule("2", 2, "1", 2), Rule("3", 2, "2", 3), Rule("4", 3, "1", 2))


@pytest.fixture
def tiny() -> Framework:
    return tiny_framework()


def test_next_level() -> None:
    assert [next_level(v, 3) for v in (0, 1, 1.26, 2.99, 3)] == [1, 2, 2, 3, None]


def test_blocked_direct_and_transitive(tiny: Framework) -> None:
    graph = build_graph(tiny, TINY_RULES)
    values = {"1": 1.0, "2": 1.0, "3": 1.0, "4": 2.0}
    assert blocked(graph, values) == (
        Blocked("2", 2, direct=(("1", 2),), transitive=()),
        # 3:2 needs 2:3, which needs 2:2 (chain), which needs 1:2 (rule).
        Blocked("3", 2, direct=(("2", 3),), transitive=(("1", 2), ("2", 2))),
        Blocked("4", 3, direct=(("1", 2),), transitive=()),
    )


def test_blocked_includes_unmet_chain_nodes_below_a_prerequisite(tiny: Framework) -> None:
    graph = build_graph(tiny, TINY_RULES)
    values = {"1": 0.0, "2": 1.0, "3": 1.0, "4": 2.0}
    result = {b.indicator: b for b in blocked(graph, values)}
    assert "1" not in result  # 1:1 has no rule prerequisite
    assert result["2"].transitive == (("1", 1),)
    assert result["3"].transitive == (("1", 1), ("1", 2), ("2", 2))


def test_achieved_levels_cut_dependencies(tiny: Framework) -> None:
    graph = build_graph(tiny, TINY_RULES)
    # 2 is at level 2 although 1:2 is unmet: 2:2 stays achieved, so 3 only waits for 2:3.
    values = {"1": 1.0, "2": 2.0, "3": 1.0, "4": 3.0}
    assert blocked(graph, values) == (Blocked("3", 2, direct=(("2", 3),), transitive=()),)
    # 1:2 now gates nothing of another indicator: its rule successors are achieved.
    assert [(u.node, u.value) for u in unlock_values(graph, values, tiny)] == [
        (("2", 3), pytest.approx(0.6)),  # 3:2 and 3:3, 30 each
    ]


def test_nothing_blocked_at_the_top(tiny: Framework) -> None:
    graph = build_graph(tiny, TINY_RULES)
    values = {i: 3.0 for i in tiny.indicator_ids}
    assert blocked(graph, values) == ()
    assert unlock_values(graph, values, tiny) == ()
    assert waves(graph, values) == ()


def test_unlock_values_by_hand(tiny: Framework) -> None:
    graph = build_graph(tiny, TINY_RULES)
    values = {"1": 1.0, "2": 1.0, "3": 1.0, "4": 2.0}
    result = unlock_values(graph, values, tiny)
    assert [u.node for u in result] == [("1", 2), ("2", 3)]
    # 1:2 gates 2:2, 2:3 (20 each), 3:2, 3:3 (30 each), 4:3 (40); its own 1:3 is left out.
    assert result[0].gated == (("2", 2), ("2", 3), ("3", 2), ("3", 3), ("4", 3))
    assert result[0].value == pytest.approx((20 + 20 + 30 + 30 + 40) / 100)
    assert result[1].gated == (("3", 2), ("3", 3))
    assert result[1].value == pytest.approx(0.6)


def test_unlock_values_count_partial_values() -> None:
    tiny = tiny_framework(whole=False)
    graph = build_graph(tiny, TINY_RULES)
    values = {"1": 1.0, "2": 1.5, "3": 1.0, "4": 2.25}
    result = unlock_values(graph, values, tiny)
    # 2:2 gains only 0.5 level of 20, 4:3 only 0.75 level of 40.
    expected = (0.5 * 20 + 20 + 30 + 30 + 0.75 * 40) / 100
    assert [(u.node, u.value) for u in result] == [
        (("1", 2), pytest.approx(expected)), (("2", 3), pytest.approx(0.6)),
    ]


def test_unlock_values_largest_first_then_node_order(tiny: Framework) -> None:
    values = {i: 1.0 for i in tiny.indicator_ids}
    graph = build_graph(tiny, [Rule("2", 2, "1", 2), Rule("4", 2, "3", 2)])
    assert [(u.node, u.value) for u in unlock_values(graph, values, tiny)] == [
        (("3", 2), pytest.approx(0.8)), (("1", 2), pytest.approx(0.4)),
    ]
    tied = build_graph(tiny, [Rule("4", 2, "2", 2), Rule("4", 2, "1", 2)])
    assert [(u.node, u.value) for u in unlock_values(tied, values, tiny)] == [
        (("1", 2), pytest.approx(0.8)), (("2", 2), pytest.approx(0.8)),
    ]


def test_waves(tiny: Framework) -> None:
    graph = build_graph(tiny, TINY_RULES)
    values = {"1": 1.0, "2": 1.0, "3": 1.0, "4": 2.0}
    assert waves(graph, values) == (
        (("1", 2),),
        (("1", 3), ("2", 2), ("4", 3)),
        (("2", 3),),
        (("3", 2),),
        (("3", 3),),
    )


def test_waves_without_rules_are_the_levels(tiny: Framework) -> None:
    graph = build_graph(tiny, [])
    values = {"1": 1.0, "2": 2.0, "3": 3.0, "4": 1.0}
    assert waves(graph, values) == (
        (("1", 2), ("2", 3), ("4", 2)),
        (("1", 3), ("4", 3)),
    )


def test_cycle_names_the_path(tiny: Framework) -> None:
    with pytest.raises(InputError, match=r"siklus: 2:2 -> 3:2 -> 2:2"):
        build_graph(tiny, [Rule("3", 2, "2", 2), Rule("2", 2, "3", 2)])


def test_belu_architecture_and_roadmap_block_management() -> None:
    """Arsitektur SPBE (11) and Peta Rencana SPBE (12) at level 1 hold back 21..31."""
    current = read_assessment(EXAMPLES / "spbe-cukup.csv")
    spbe = current.framework
    assert current.values["11"] == 1 and current.values["12"] == 1
    graph = build_graph(spbe, read_default_rules(spbe))
    management = [str(i) for i in range(21, 32)]
    result = {b.indicator: b for b in blocked(graph, current.values)}
    for indicator in management:
        if current.values[indicator] == 1:
            assert result[indicator].next_level == 2
            assert result[indicator].direct == (("11", 2), ("12", 2))
    assert {i for i in management if i in result} == {
        i for i in management if current.values[i] == 1
    }
    unlocks = unlock_values(graph, current.values, spbe)
    assert [u.node for u in unlocks[:2]] == [("11", 2), ("12", 2)]
    for unlock in unlocks[:2]:
        held = {(i, level) for i in management if current.values[i] == 1 for level in (2, 3, 4, 5)}
        assert held <= set(unlock.gated)
        assert unlock.value >= 1.5 * len(held) / 100


def test_belu_all_management_at_level_one() -> None:
    spbe = load_framework("spbe-2020")
    values = {i: 2.0 for i in spbe.indicator_ids} | {str(i): 1.0 for i in range(11, 32)}
    graph = build_graph(spbe, [Rule(str(i), 2, j, 2) for i in range(21, 32) for j in ("11", "12")])
    assert [(b.indicator, b.direct) for b in blocked(graph, values)] == [
        (str(i), (("11", 2), ("12", 2))) for i in range(21, 32)
    ]
    # Each of 11:2 and 12:2 holds back 11 indicators x 4 levels x weight 1.5 of 100.
    assert [(u.node, u.value) for u in unlock_values(graph, values, spbe)] == [
        (("11", 2), pytest.approx(0.66)), (("12", 2), pytest.approx(0.66)),
    ]
