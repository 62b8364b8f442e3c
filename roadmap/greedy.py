"""The greedy baseline: what a pemda guide does by hand, for comparison with the optimum.

Repeatedly add the affordable action with the largest expected index gain per rupiah (given
what is already chosen, its explicit prerequisites met), until nothing affordable adds value.
It does not look ahead: an action that only pays off together with a prerequisite (an
Arsitektur SPBE that unlocks the management indicators) is never worth it on its own, which is
exactly where the optimum's margin comes from.
"""

from __future__ import annotations

import math
import time

from roadmap.actions import Action
from roadmap.expectation import gain_delta
from roadmap.options import PlanOptions, candidate_actions, validate_options
from roadmap.plan import Plan, PlanStatus
from roadmap.problem import PlanningProblem
from roadmap.ranking import assemble_plan
from roadmap.schedule import finish_months, requirements_met


def greedy_selection(problem: PlanningProblem, options: PlanOptions,
                     start: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The greedy choice of action ids, in the order picked, starting from the forced actions
    and ``start`` (the optimizer uses this to complete a plan within its budget)."""
    validate_options(problem, options)
    candidates = {a.id: a for a in candidate_actions(problem, options)}
    chosen = _with_prerequisites(
        problem, list(dict.fromkeys(a for a in (*options.force, *start) if a in candidates)),
        candidates)
    budget = options.budget if options.budget is not None else float("inf")
    spent = sum(candidates[a].cost for a in chosen)
    limit = options.max_months if options.max_months is not None else float("inf")
    finish = finish_months(candidates, chosen)
    while True:
        named = {b for a in chosen for b in candidates[a].required_ids}
        best: tuple[float, str] | None = None
        for action_id, action in candidates.items():
            if action_id in chosen or spent + action.cost > budget:
                continue
            if not requirements_met(problem, action, chosen):
                continue
            if any(action.conflicts_with(candidates[a]) for a in chosen):
                continue
            if _finish(action, finish) > limit:
                continue
            if action_id in named and max(finish_months(candidates, [*chosen, action_id])
                                          .values()) > limit:
                continue  # a chosen action that names it would have to wait for it
            if not _opd_fits(action, [candidates[a] for a in chosen], options):
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
        finish = finish_months(candidates, chosen)


def _with_prerequisites(problem: PlanningProblem, chosen: list[str],
                        candidates: dict[str, Action]) -> list[str]:
    """``chosen`` plus, for each explicit prerequisite group with no alternative chosen or
    done, its cheapest candidate alternative (then by id), recursively: a forced action's
    prerequisite must be bought even when it earns nothing itself."""
    result = list(chosen)
    for action_id in result:  # grows while it is walked
        for group in candidates[action_id].requires:
            if any(b in result or b in problem.done_actions for b in group):
                continue
            available = [b for b in group if b in candidates and not any(
                candidates[b].conflicts_with(candidates[c]) for c in result)]
            if available:
                result.append(min(available, key=lambda b: (
                    _chain_cost(problem, candidates, b, set(result)), b)))
    return result


def _chain_cost(problem: PlanningProblem, candidates: dict[str, Action], action_id: str,
                chosen: set[str]) -> float:
    """Cost of ``action_id`` with the cheapest way to meet its unmet prerequisites."""
    cost = candidates[action_id].cost
    for group in candidates[action_id].requires:
        if any(b in chosen or b in problem.done_actions for b in group):
            continue
        options = [b for b in group if b in candidates and b != action_id]
        cost += min((_chain_cost(problem, candidates, b, chosen | {action_id})
                     for b in options), default=float("inf"))
    return cost


def _opd_fits(action: Action, chosen: list[Action], options: PlanOptions) -> bool:
    """Whether adding ``action`` keeps its OPD within its budget and action count."""
    same = [a for a in chosen if a.opd == action.opd]
    if sum(a.cost for a in same) + action.cost > options.opd_budgets.get(action.opd, math.inf):
        return False
    return len(same) < options.opd_max_actions.get(action.opd, len(same) + 1)


def _finish(action: Action, finish: dict[str, int]) -> int:
    """Finish month of ``action`` after the chosen actions its prerequisites name."""
    return (action.months or 0) + max((finish[b] for b in action.required_ids if b in finish),
                                      default=0)


def greedy_plan(problem: PlanningProblem, options: PlanOptions) -> Plan:
    """The greedy baseline as a ranked, explained ``Plan`` (status ``heuristic``)."""
    started = time.perf_counter()
    selected = greedy_selection(problem, options)
    elapsed = time.perf_counter() - started
    return assemble_plan(problem, options, selected, status=PlanStatus.HEURISTIC,
                         method="greedy: nilai harapan per rupiah", proven_optimal=False,
                         exact_model=True, solver="greedy", solve_seconds=elapsed)
