"""Ranking, scheduling and explaining a chosen set of actions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.io.framework_files import load_framework
from roadmap.optimizer import PlanOptions
from roadmap.problem import PlanningProblem
from roadmap.ranking import (
    assemble_plan,
    format_indicator_list,
    near_misses,
    precedence_graph,
    reason,
)
from tests.strategies import Instance, instances, make_framework
from tests.test_optimizer import JT, BruteForce, tiny_problem


def _plan(problem: PlanningProblem, selected: list[str], options: PlanOptions | None = None):
    return assemble_plan(problem, options or PlanOptions(budget=250 * JT), selected,
                         status="optimal", method="uji", proven_optimal=True, exact_model=True,
                         solver="cbc")


def test_format_indicator_list() -> None:
    spbe = load_framework("spbe-2020")
    assert format_indicator_list(spbe, ["25", "21", "22", "23", "22"]) == "21–23, 25"
    assert format_indicator_list(spbe, ["1", "2", "10"]) == "1, 2, 10"
    assert format_indicator_list(spbe, []) == ""
    pemdi = load_framework("pemdi-2026")
    assert format_indicator_list(pemdi, ["I10", "I9", "I11", "I2"]) == "I2, I9–I11"


def test_unlocking_action_goes_first_with_reasons() -> None:
    problem = tiny_problem()
    plan = _plan(problem, ["B", "A"])
    assert plan.selected_ids == ("A", "B")
    assert [p.rank for p in plan.selected] == [1, 2]
    first, second = plan.selected
    assert first.reason == "menaikkan 1 Indikator 1 ke tingkat 2; membuka indikator 2"
    assert second.reason == "menaikkan 2 Indikator 2 ke tingkat 2"
    assert second.prerequisites == ("A",) and first.prerequisites == ()
    assert first.marginal_gain == pytest.approx(0.7)  # 0.1 itself + 0.6 it unlocks
    assert plan.expected_index == pytest.approx(1.7)
    assert plan.predicate_before == "Kurang" and plan.expected_predicate == "Kurang"
    assert plan.total_cost == 250 * JT


def test_larger_marginal_gain_first_then_cheaper() -> None:
    problem = tiny_problem()
    # X (0.3) and A (0.1) are independent: X first. With B, A is worth 0.7: A first.
    assert _plan(problem, ["A", "X"]).selected_ids == ("X", "A")
    assert _plan(problem, ["X", "A", "B"], PlanOptions(budget=350 * JT)).selected_ids == (
        "A", "B", "X")


def test_schedule_follows_explicit_prerequisites() -> None:
    problem = tiny_problem(months={"A": 8, "B": 6, "X": 3}, a_before_b=True)
    plan = _plan(problem, ["A", "B", "X"], PlanOptions(budget=350 * JT, max_months=12))
    months = {p.action.id: (p.start_month, p.end_month) for p in plan.selected}
    assert months == {"A": (0, 8), "B": (8, 14), "X": (0, 3)}
    assert plan.months_needed == 14
    assert plan.warnings == (
        "jadwal berurutan butuh 14 bulan, melebihi batas 12 bulan; sebagian aksi harus "
        "berjalan paralel",)
    assert "prasyarat: A" in plan.selected[1].reason


def test_precedence_graph_drops_a_cycle_between_a_bundle_and_a_step() -> None:
    """P raises 1 to 3, S raises 2 to 2, and 1:3 needs 2:2: S comes before P. When 2:2 also
    needs 1:2, each provides something the other needs: no order between them."""
    framework = make_framework(["1", "2"], [50, 50], decimals=False)
    catalogue = Catalogue(framework, (
        Action("P", "tiga", (Effect("1", 3),), 10.0),
        Action("S", "langkah", (Effect("2", 2),), 10.0),
    ))
    problem = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0}), catalogue,
                              (Rule("1", 3, "2", 2),))
    graph = precedence_graph(problem, ["P", "S"])
    assert sorted(graph.edges) == [("S", "P")]
    problem = PlanningProblem(problem.assessment, catalogue, (Rule("1", 3, "2", 2),
                                                              Rule("2", 2, "1", 2)))
    graph = precedence_graph(problem, ["P", "S"])
    assert sorted(graph.edges) == [("P", "S")]  # of the cycle, ("S", "P") is dropped


def test_explicit_prerequisite_survives_a_cycle() -> None:
    """X (2 to 2) requires Y (1 to 2) explicitly, while Y's level needs 2:2 by a rule, which X
    provides. The cycle is broken on the rule side: Y first, and X starts when Y ends."""
    framework = make_framework(["1", "2"], [50, 50], decimals=False)
    catalogue = Catalogue(framework, (
        Action("X", "x", (Effect("2", 2),), 10 * JT, months=3, requires=(("Y",),)),
        Action("Y", "y", (Effect("1", 2),), 20 * JT, months=4),
    ))
    problem = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0}), catalogue,
                              (Rule("1", 2, "2", 2),))
    assert sorted(precedence_graph(problem, ["X", "Y"]).edges) == [("Y", "X")]
    plan = _plan(problem, ["X", "Y"])
    assert [(p.action.id, p.start_month, p.end_month) for p in plan.selected] == [
        ("Y", 0, 4), ("X", 4, 7)]


def test_near_misses_say_why() -> None:
    problem = tiny_problem()
    misses = near_misses(problem, ["A", "B"], PlanOptions(budget=250 * JT))
    assert [(m.action.id, m.why) for m in misses] == [("X", "anggaran tidak cukup (sisa Rp 0)")]
    assert misses[0].gain_if_added == pytest.approx(0.3)
    misses = near_misses(problem, ["A", "B"], PlanOptions(budget=400 * JT, exclude=("X",)))
    assert [(m.action.id, m.why) for m in misses] == [("X", "dikecualikan oleh pengguna")]
    # B alone is blocked by the rule, but with A (its rule prerequisite) it is worth 0.6.
    assert [m.action.id for m in near_misses(problem, ["X"], PlanOptions(budget=100 * JT))
            ] == ["A"]


def test_near_misses_name_months_groups_and_track_records() -> None:
    """The true reason: months to the deadline, an exclusive group, a track record."""
    from roadmap.framework import TrackRecord

    framework = make_framework(["1", "2", "3"], [10, 60, 30], decimals=False,
                               track_records=(TrackRecord("3", 3),))
    catalogue = Catalogue(framework, (
        Action("L", "lama", (Effect("1", 2),), 10 * JT, months=14),
        Action("P", "paket", (Effect("2", 2),), 30 * JT, 0.5, group="G"),
        Action("Q", "tunggal", (Effect("2", 2),), 10 * JT, 0.9, group="G"),
        Action("R", "rekam", (Effect("3", 3),), 10 * JT),
    ))
    problem = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0, "3": 1.0}), catalogue)
    misses = {m.action.id: m.why for m in near_misses(problem, ["P"],
                                                      PlanOptions(budget=400 * JT))}
    assert misses["L"].startswith("butuh 14 bulan")
    assert misses["Q"] == "satu kelompok dengan P yang sudah terpilih (bukti yang sama)"
    assert near_misses(problem, ["P"], PlanOptions(budget=400 * JT))[0].gain_if_added > 0
    assert "R" in misses  # level 2 of 3 is reachable, so R still gains
    ahead = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0, "3": 2.0}), catalogue)
    assert {m.action.id for m in near_misses(ahead, [], PlanOptions(budget=0.0))} >= {"R"}
    behind = PlanningProblem(Assessment(framework, {"1": 1.0, "2": 1.0, "3": 1.0}),
                             Catalogue(framework, (replace(catalogue.get("R"),
                                                           effects=(Effect("3", 3),)),)))
    assert behind.unreachable == {("3", 3), ("3", 4)}


def test_reason_for_an_action_that_adds_nothing() -> None:
    problem = tiny_problem()
    done = PlanningProblem(problem.assessment.with_values({"3": 2.0}), problem.catalogue,
                           problem.rules)
    assert reason(done, done.catalogue.get("X"), ["X"]) == (
        "tidak menambah tingkat (sudah tercapai)")


@settings(max_examples=60, deadline=None)
@given(instances(max_actions=7, constraints=False), st.data())
def test_ranks_respect_prerequisites_and_marginal_gains_are_exact(case: Instance,
                                                                  data: st.DataObject) -> None:
    problem = case.problem
    brute = BruteForce(problem)
    free = [a for a in problem.catalogue.ids if a not in problem.done_actions]
    selected = sorted(data.draw(st.sets(st.sampled_from(free))) if free else set())
    plan = _plan(problem, selected, PlanOptions(budget=None, target=1.0))
    assert sorted(plan.selected_ids) == selected
    assert [p.rank for p in plan.selected] == list(range(1, len(selected) + 1))
    rank = {p.action.id: p.rank for p in plan.selected}
    for planned in plan.selected:
        assert all(rank[b] < planned.rank for b in planned.prerequisites)
        for b in planned.action.required_ids:
            if b in rank:
                assert rank[b] < planned.rank, (b, planned.action.id)
                finish = plan.selected[rank[b] - 1].end_month
                assert planned.start_month >= finish
        rest = [a for a in selected if a != planned.action.id]
        assert planned.marginal_gain == pytest.approx(
            brute.expected(selected) - brute.expected(rest), abs=1e-9)
    assert plan.expected_index == pytest.approx(brute.expected(selected), abs=1e-9)
    assert plan.total_cost == pytest.approx(brute.cost(selected))
    placed: list[str] = []
    for planned in plan.selected:  # each contribution is the gain of adding it in rank order
        assert planned.contribution == pytest.approx(
            brute.expected([*placed, planned.action.id]) - brute.expected(placed), abs=1e-9)
        placed.append(planned.action.id)
    assert sum(p.contribution for p in plan.selected) == pytest.approx(plan.expected_gain,
                                                                      abs=1e-9)
