"""PlanningProblem: the derived structure every planner shares, checked by hand."""

from __future__ import annotations

import pytest

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.errors import InputError
from roadmap.problem import PlanningProblem
from tests.strategies import make_framework


def step_problem() -> PlanningProblem:
    """Indicator 1 at level 1, 2 at level 3 (weights 40, 60, levels 1..4); 2:4 needs 1:3.
    S2/S3: step actions on 1 (S3 requires S2); J: a jump of 1 to 3; K: 2 to 4; D: done."""
    framework = make_framework(["1", "2"], [40, 60], decimals=False)
    catalogue = Catalogue(framework, (
        Action("S2", "langkah 2", (Effect("1", 2),), 10.0, 0.9),
        Action("S3", "langkah 3", (Effect("1", 3),), 20.0, 0.8, requires=(("S2",),)),
        Action("J", "lompat", (Effect("1", 3),), 50.0, 0.7, requires=(("S2", "D"),)),
        Action("K", "dua", (Effect("2", 4),), 30.0),
        Action("D", "selesai", (Effect("2", 3),), 5.0),
    ))
    return PlanningProblem(Assessment(framework, {"1": 1.0, "2": 3.0}), catalogue,
                           (Rule("2", 4, "1", 3),))


def test_frameworks_must_match() -> None:
    problem = step_problem()
    other = make_framework(["I1", "I2"], [40, 60], decimals=True)
    with pytest.raises(ValueError):
        PlanningProblem(Assessment(other, {"I1": 1.0, "I2": 1.0}), problem.catalogue)


def test_index_and_gains() -> None:
    problem = step_problem()
    assert problem.index_before == pytest.approx(0.4 * 1 + 0.6 * 3)
    assert problem.new_nodes == (("1", 2), ("1", 3), ("1", 4), ("2", 4))
    assert problem.gains == pytest.approx(
        {("1", 2): 0.4, ("1", 3): 0.4, ("1", 4): 0.4, ("2", 4): 0.6})
    assert problem.closures[("2", 4)] == {("2", 4), ("1", 3), ("1", 2)}


def test_providers_and_essential_providers() -> None:
    problem = step_problem()
    assert problem.providers == {
        ("1", 2): ("S2", "S3", "J"), ("1", 3): ("S3", "J"), ("1", 4): (), ("2", 4): ("K",)}
    # S3 cannot be chosen without S2, so it adds nothing to covering level 2; J may come with
    # D (already done) instead of S2, so it stays.
    assert problem.essential_providers == {
        ("1", 2): ("S2", "J"), ("1", 3): ("S3", "J"), ("1", 4): (), ("2", 4): ("K",)}


def test_probability_done_and_dependents() -> None:
    problem = step_problem()
    assert problem.probability == {"S2": 0.9, "S3": 0.8, "J": 0.7, "K": 1.0, "D": 1.0}
    assert problem.done_actions == {"D"}
    # 1:4 has no provider, but its probability would still change with its lower levels.
    everything = (("1", 2), ("1", 3), ("1", 4), ("2", 4))
    assert problem.dependents == {
        "S2": everything,
        "S3": everything,
        "J": everything,
        "K": (("2", 4),),
        "D": (),
    }


def test_a_rule_cycle_is_an_input_error() -> None:
    problem = step_problem()
    cyclic = PlanningProblem(problem.assessment, problem.catalogue,
                             (Rule("2", 2, "1", 2), Rule("1", 2, "2", 2)))
    with pytest.raises(InputError, match="siklus"):
        cyclic.graph  # noqa: B018
