"""The greedy baseline: what a pemda guide does by hand, for comparison with the optimum.

Repeatedly add the affordable action with the largest expected index gain per rupiah (given
what is already chosen, its explicit prerequisites met), until nothing affordable adds value.
It does not look ahead: an action that only pays off together with a prerequisite (an
Arsitektur SPBE that unlocks the management indicators) is never worth it on its own, which is
exactly where the optimum's margin comes from.
"""

from __future__ import annotations

import time

from roadmap.actions import Action
from roadmap.expectation import gain_delta
from roadmap.optimizer import PlanOptions, candidate_actions, validate_options
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem
from roadmap.ranking import assemble_plan


def greedy_selection(problem: PlanningProblem, options: PlanOptions,
                     start: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The greedy choice of action ids, in the order picked, starting from the forced actions
    and ``start`` (the optimizer uses this to complete a plan within its budget)."""
    validate_options(problem, options)
    candidates = {a.id: a for a in candidate_actions(problem, options)}
    chosen = list(dict.fromkeys(a for a in (*options.force, *start) if a in candidates))
    budget = options.budget if options.budget is not None else float("inf")
    spent = sum(candidates[a].cost for a in chosen)
    limit = options.max_months if options.max_months is not None else float("inf")
    finish: dict[str, float] = {}
    for action_id in chosen:
        finish[action_id] = _finish(candidates[action_id], finish)
    while True:
        best: tuple[float, str] | None = None
        for action_id, action in candidates.items():
            if action_id in chosen or spent + action.cost > budget:
                continue
            if not all(any(b in chosen or b in problem.done_actions for b in group)
                       for group in action.requires):
                continue
            if _finish(action, finish) > limit:
                continue
            gain = gain_delta(problem, chosen, action_id)
            if gain <= 1e-12:
                continue
            score = gain / max(action.cost, 1.0)
            if best is None or score > best[0] or (score == best[0] and action_id < best[1]):
                best = (score, action_id)
        if best is None:
            return tuple(chosen)
        chosen.append(best[1])
        spent += candidates[best[1]].cost
        finish[best[1]] = _finish(candidates[best[1]], finish)


def _finish(action: Action, finish: dict[str, float]) -> float:
    """Finish month of ``action`` after the chosen actions its prerequisites name."""
    return (action.months or 0) + max((finish[b] for b in action.required_ids if b in finish),
                                      default=0)


def greedy_plan(problem: PlanningProblem, options: PlanOptions) -> Plan:
    """The greedy baseline as a ranked, explained ``Plan`` (status ``heuristic``)."""
    started = time.perf_counter()
    selected = greedy_selection(problem, options)
    elapsed = time.perf_counter() - started
    return assemble_plan(problem, options, selected, status="heuristic",
                         method="greedy: nilai harapan per rupiah", proven_optimal=False,
                         exact_model=True, solver="greedy", solve_seconds=elapsed)
