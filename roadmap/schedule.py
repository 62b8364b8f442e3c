"""Months and prerequisites of a chosen set of actions: one copy, shared by the single-year
planner, the greedy baseline, the ranking and the multi-year planner.

Months are counted from the start of the plan year: an action that starts at month 0 and takes
4 months ends at month 4 (it is shown as "bulan 1-4"). An action starts when every chosen action
named in its explicit prerequisites has finished; rule prerequisites between indicators only
need to be met by the evidence deadline and may run in parallel.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from roadmap.actions import Action
from roadmap.expectation import expected_index
from roadmap.problem import PlanningProblem

__all__ = ["finish_months", "requirements_met", "ranking_key"]


def finish_months(actions: Mapping[str, Action], chosen: Iterable[str]) -> dict[str, int]:
    """Finish month of each chosen action.

    >>> from roadmap.actions import Action, Effect
    >>> a = Action("A", "a", (Effect("1", 2),), 1.0, months=3)
    >>> b = Action("B", "b", (Effect("1", 3),), 1.0, months=2, requires=(("A",),))
    >>> finish_months({"A": a, "B": b}, ["A", "B"])
    {'A': 3, 'B': 5}
    """
    selected = list(dict.fromkeys(chosen))
    inside = set(selected)
    finish: dict[str, int] = {}

    def finished(action_id: str) -> int:
        if action_id not in finish:
            action = actions[action_id]
            finish[action_id] = (action.months or 0) + max(
                (finished(b) for b in action.required_ids if b in inside), default=0)
        return finish[action_id]

    for action_id in selected:
        finished(action_id)
    return finish


def requirements_met(problem: PlanningProblem, action: Action, chosen: Collection[str]) -> bool:
    """Every ``requires`` group of ``action`` has an alternative chosen or already done."""
    return all(any(b in chosen or b in problem.done_actions for b in group)
               for group in action.requires)


def ranking_key(problem: PlanningProblem, selected: Iterable[str]
                ) -> tuple[float, float, tuple[str, ...]]:
    """Higher is better: exact expected index (to 1e-9), then lower cost, then ids. The
    documented tie rule between plans."""
    chosen = tuple(selected)
    value = round(expected_index(problem, chosen), 9)
    cost = sum(problem.by_id[a].cost for a in chosen)
    return (value, -cost, tuple(sorted(chosen)))
