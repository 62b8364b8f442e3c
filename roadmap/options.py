"""What a user asks of the planner, validated, and the actions that can take part.

No solver here: this module is shared by the single-year model, the multi-year model, the
greedy baseline and the frontier.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from roadmap.actions import Action
from roadmap.errors import InputError
from roadmap.problem import PlanningProblem
from roadmap.solvers import SOLVER_NAMES

__all__ = ["PlanOptions", "DEFAULT_TIME_LIMIT", "validate_options", "chain_months",
           "candidate_actions", "group_conflicts"]

DEFAULT_TIME_LIMIT = 60.0  # seconds a solve may take before the best plan found is shown


@dataclass(frozen=True)
class PlanOptions:
    """What the user asks for. ``budget`` and ``target`` are rupiah and index points;
    ``max_months`` the months before the evidence deadline (``None``: no limit);
    ``time_limit`` the seconds one solve may take."""

    budget: float | None = None
    target: float | None = None
    force: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    opd_budgets: Mapping[str, float] = field(default_factory=dict)
    opd_max_actions: Mapping[str, int] = field(default_factory=dict)
    max_months: int | None = 12
    solver: str = "highs"
    time_limit: float | None = DEFAULT_TIME_LIMIT


def validate_options(problem: PlanningProblem, options: PlanOptions) -> None:
    """Raise ``InputError`` (Bahasa Indonesia, naming the setting) for options that cannot
    make sense."""
    known = set(problem.catalogue.ids)
    if options.budget is None and options.target is None:
        raise InputError("tentukan anggaran atau target indeks")
    if options.budget is not None and not (options.budget >= 0 and math.isfinite(options.budget)):
        raise InputError("anggaran harus angka tidak negatif", value=options.budget)
    if options.target is not None:
        top = problem.framework.value.max
        if not 0 < options.target <= top:
            raise InputError(f"target indeks harus di antara 0 dan {top:g}", value=options.target)
    for label, ids in (("aksi wajib", options.force), ("aksi dikecualikan", options.exclude)):
        for action_id in ids:
            if action_id not in known:
                raise InputError(f"{label}: aksi '{action_id}' tidak ada di katalog",
                                 value=action_id)
    both = sorted(set(options.force) & set(options.exclude))
    if both:
        raise InputError(f"aksi {', '.join(both)} dipaksa masuk sekaligus dikecualikan")
    clash = group_conflicts(problem, options.force)
    if clash:
        group, ids = clash
        raise InputError(f"aksi {' dan '.join(ids)} yang dipaksa masuk satu kelompok "
                         f"'{group}' (menghasilkan bukti yang sama); pilih salah satu")
    if options.solver not in SOLVER_NAMES:
        raise InputError(f"solver harus salah satu dari {', '.join(SOLVER_NAMES)}",
                         value=options.solver)
    if options.max_months is not None and not 0 <= options.max_months <= 120:
        raise InputError("batas bulan harus di antara 0 dan 120", value=options.max_months)
    if options.time_limit is not None and not (
            math.isfinite(options.time_limit) and options.time_limit > 0):
        raise InputError("batas waktu solver harus angka positif (detik)",
                         value=options.time_limit)


def group_conflicts(problem: PlanningProblem, ids: tuple[str, ...]
                    ) -> tuple[str, tuple[str, ...]] | None:
    """The first exclusive group holding two of ``ids``, with those ids, or ``None``."""
    for group, members in problem.group_members.items():
        inside = tuple(a for a in members if a in ids)
        if len(inside) > 1:
            return group, inside
    return None


def chain_months(problem: PlanningProblem) -> dict[str, int]:
    """Months an action needs including, in sequence, the fastest chain of its explicit
    prerequisites (already-done prerequisites take no time)."""
    result: dict[str, int] = {}

    def months(action_id: str) -> int:
        if action_id in problem.done_actions:
            return 0
        if action_id not in result:
            action = problem.by_id[action_id]
            before = max((min(months(b) for b in group) for group in action.requires),
                         default=0)
            result[action_id] = before + (action.months or 0)
        return result[action_id]

    for action in problem.catalogue:
        months(action.id)
    return result


def candidate_actions(problem: PlanningProblem, options: PlanOptions) -> tuple[Action, ...]:
    """Actions the model may select, in catalogue order: not done, not excluded, fitting the
    months before the deadline, and useful (providing a node reachable this year, or named as
    a prerequisite by such an action)."""
    excluded = set(options.exclude) | problem.done_actions
    fits = chain_months(problem)
    reachable = set(problem.reachable)
    candidates = []
    for action in problem.catalogue:
        if action.id in excluded:
            continue
        if options.max_months is not None and fits[action.id] > options.max_months:
            if action.id in options.force:
                raise InputError(
                    f"aksi {action.id} yang dipaksa masuk butuh {fits[action.id]} bulan "
                    f"(termasuk prasyaratnya), melebihi batas {options.max_months} bulan"
                )
            continue
        candidates.append(action)
    useful = {a.id for a in candidates
              if a.id in options.force or any(
                  (e.indicator, level) in reachable
                  for e in a.effects for level in range(1, e.level + 1))}
    allowed = {a.id for a in candidates}
    stack = list(useful)
    while stack:
        for b in problem.by_id[stack.pop()].required_ids:
            if b in allowed and b not in useful:
                useful.add(b)
                stack.append(b)
    return tuple(a for a in candidates if a.id in useful)
