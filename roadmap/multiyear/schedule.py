"""Pure operations on a schedule (the actions placed in each year) and its exact evaluation.

Track records across years: framework data ``track_record_years(i, l) = k > 0`` means node
``(i, l)`` counts in year ``t`` only if ``(i, l - 1)`` has been held for ``k`` years at the
start of year ``t``. A level held in the assessment has been held ``years_held + t - 1`` years
at the start of year ``t`` (``PlanningProblem.years_held``: one year by default, so ``t``
years); a level first achieved at the end of year ``s`` has been held ``t - s`` years, i.e.
it must be achieved by the end of year ``t - k``. Because the actions placed only grow and
an achieved level stays, "achieved by the end of year ``s``" is "every node of its closure
covered by an action placed by year ``s`` that succeeded", recursively for the track records
inside that closure. So each closure node ``c`` of a node counted in year ``t`` gets a
*deadline* (``deadlines``): the year by which a succeeded provider of ``c`` must have been
placed, and the node's probability is ``roadmap.expectation.staged_node_probability`` with
those deadlines: exact (one draw per action; an action's success judged within the actions
placed by the deadline's year).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence

import numpy as np

from roadmap.actions import Catalogue
from roadmap.errors import InputError
from roadmap.expectation import (
    MONTE_CARLO_SEED,
    Outcome,
    node_probability,
    outcome_from,
    staged_node_probability,
)
from roadmap.greedy import greedy_selection
from roadmap.nodes import Node, is_new
from roadmap.numbers import format_rupiah
from roadmap.optimizer import TIE_TOLERANCE
from roadmap.options import PlanOptions, candidate_actions
from roadmap.problem import PlanningProblem
from roadmap.schedule import finish_months

from .types import MultiYearOptions, Schedule

__all__ = ["MONEY_TOLERANCE", "base_problem", "cumulative", "earliest_years",
           "year_candidates", "deadlines", "year_probability", "year_outcome",
           "schedule_indices", "objective_value", "schedule_violations", "prune_schedule",
           "advance_schedule", "placement", "year_change", "year_view", "complete_schedule"]

MONEY_TOLERANCE = 0.5  # rupiah: costs and budgets are whole rupiah


def base_problem(problem: PlanningProblem) -> PlanningProblem:
    """``problem`` without its one-year track records (``track_records=False``): the
    multi-year model and evaluation state them across years. Cached on the problem."""
    if not problem.track_records:
        return problem
    cached = problem.__dict__.get("_multiyear_base")
    if cached is None:
        cached = dataclasses.replace(problem, track_records=False)
        problem.__dict__["_multiyear_base"] = cached
    return cached


def cumulative(schedule: Schedule) -> tuple[tuple[str, ...], ...]:
    """The selection by the end of each year.

    >>> cumulative((("A",), (), ("B", "C")))
    (('A',), ('A',), ('A', 'B', 'C'))
    """
    result: list[tuple[str, ...]] = []
    for year in schedule:
        result.append((*(result[-1] if result else ()), *year))
    return tuple(result)


def placement(schedule: Schedule) -> dict[str, int]:
    """The 1-based year of each placed action."""
    return {a: t for t, actions in enumerate(schedule, start=1) for a in actions}


def earliest_years(problem: PlanningProblem, max_months: int | None) -> dict[str, int | None]:
    """The first year (1, 2, ...) each action can be placed in, given its chain of explicit
    prerequisites and ``max_months`` per year; 0 for actions already done, None when the action
    alone needs more than ``max_months``.

    A chain that does not fit in one year continues in the next: with 12 months, a 5-month
    action that requires a 9-month one can be placed in year 2 (year 1 when the prerequisite is
    already done). The model only creates variables from this year on.
    """
    limit = max_months if max_months is not None else math.inf
    result: dict[str, tuple[int, float] | None] = {}

    def earliest(action_id: str) -> tuple[int, float] | None:
        if action_id in problem.done_actions:
            return (0, 0.0)
        if action_id not in result:
            action = problem.by_id[action_id]
            ready: tuple[int, float] = (0, 0.0)
            for group in action.requires:
                found = [e for e in map(earliest, group) if e is not None]
                if not found:
                    result[action_id] = None
                    return None
                ready = max(ready, min(found))
            months = action.months or 0
            if months > limit:
                result[action_id] = None
            elif ready[0] >= 1 and ready[1] + months <= limit:
                result[action_id] = (ready[0], ready[1] + months)
            else:
                result[action_id] = (ready[0] + 1, float(months))
        return result[action_id]

    years = {}
    for action in problem.catalogue:
        found = earliest(action.id)
        years[action.id] = None if found is None else found[0]
    return years


def year_candidates(problem: PlanningProblem, options: MultiYearOptions) -> dict[str, int]:
    """Actions the model may place, in catalogue order, each with its earliest year: not done,
    not excluded, fitting the years, and useful (providing a node some year can reach, forced,
    or a prerequisite of such an action)."""
    base = base_problem(problem)
    excluded = set(options.exclude) | base.done_actions
    first = earliest_years(base, options.max_months)
    fits = {}
    for action in base.catalogue:
        year = first[action.id]
        if action.id in excluded:
            continue
        if year is None or year > options.years:
            if action.id in options.force:
                raise InputError(
                    f"aksi {action.id} yang dipaksa masuk (dengan prasyaratnya) tidak muat dalam "
                    f"{options.years} tahun dengan batas {options.max_months} bulan per tahun")
            continue
        fits[action.id] = year
    misfits = tuple(a for a in base.catalogue.ids if a not in fits)
    useful = {a.id for a in candidate_actions(base, PlanOptions(
        force=options.force, exclude=misfits, max_months=None))}
    return {a: t for a, t in fits.items() if a in useful}


def deadlines(problem: PlanningProblem, node: Node, year: int) -> dict[Node, int] | None:
    """For ``node`` counted in ``year`` (1-based): the year by which each node of its closure
    must be covered by a succeeded action, or None when its track records cannot hold."""
    framework = problem.framework
    values = problem.assessment.values
    result: dict[Node, int] = {}
    stack = [(node, year)]
    seen: set[tuple[Node, int]] = set()
    while stack:
        current, t = stack.pop()
        if (current, t) in seen:
            continue
        seen.add((current, t))
        if t < 1:
            return None
        for needed in problem.closures[current]:
            result[needed] = min(result.get(needed, t), t)
            years = framework.track_record_years(*needed)
            if not years:
                continue
            below = (needed[0], needed[1] - 1)
            if is_new(values, below):
                stack.append((below, t - years))
            elif problem.years_held(below) + t - 1 < years:
                return None
    return result


def year_probability(problem: PlanningProblem, sets: Sequence[frozenset[str]], node: Node,
                     year: int, rng: np.random.Generator | None = None) -> tuple[float, float]:
    """Probability (and standard error) that ``node`` counts in ``year`` (1-based) when
    ``sets[t - 1]`` is the selection by the end of year ``t``."""
    base = base_problem(problem)
    due = deadlines(base, node, year)
    if due is None:
        return 0.0, 0.0
    if all(t == year for t in due.values()):
        return node_probability(base, sets[year - 1], node, rng)
    return staged_node_probability(base, node, sets, {m: t - 1 for m, t in due.items()}, rng)


def year_outcome(problem: PlanningProblem, schedule: Schedule, year: int) -> Outcome:
    """Expected index and indicator values at the end of ``year`` (1-based) of ``schedule``:
    with no track record at stake, ``expected_outcome`` of the actions placed by then."""
    base = base_problem(problem)
    sets = [frozenset(chosen) for chosen in cumulative(schedule)]
    return outcome_from(base, lambda node, rng: year_probability(base, sets, node, year, rng))


def schedule_indices(problem: PlanningProblem, schedule: Schedule) -> tuple[float, ...]:
    """The exact expected index at the end of each year."""
    return tuple(year_outcome(problem, schedule, t).expected_index
                 for t in range(1, len(schedule) + 1))


def objective_value(problem: PlanningProblem, options: MultiYearOptions,
                    schedule: Schedule) -> float:
    """The exact objective: last year's expected index (``final``), the sum of the yearly ones
    (``sum``) or, for ``target``, the expected index in the target year."""
    if options.objective == "target":
        return year_outcome(problem, schedule, options.target_position).expected_index
    indices = schedule_indices(problem, schedule)
    return math.fsum(indices) if options.objective == "sum" else indices[-1]


def year_change(problem: PlanningProblem, before: Schedule, after: Schedule, year: int,
                 nodes: Sequence[Node]) -> float:
    """Exact change of ``year``'s expected index from ``before`` to ``after``, over ``nodes``
    (the nodes that depend on the actions in which they differ)."""
    old = [frozenset(c) for c in cumulative(before)]
    new = [frozenset(c) for c in cumulative(after)]
    rng = np.random.default_rng(MONTE_CARLO_SEED)
    return math.fsum(problem.gains[n] * (year_probability(problem, new, n, year, rng)[0]
                                         - year_probability(problem, old, n, year, rng)[0])
                     for n in nodes)


def schedule_violations(problem: PlanningProblem, options: MultiYearOptions,
                        schedule: Schedule) -> tuple[str, ...]:
    """Every constraint ``schedule`` breaks, in Bahasa Indonesia (empty when it is valid):
    yearly budgets (with carry-over), prerequisites placed later than the action, months per
    year, exclusive groups, forced and excluded actions, and actions placed twice or already
    done."""
    problems = []
    seen: set[str] = set()
    spent = available = 0.0
    for position, (year, actions) in enumerate(zip(options.year_numbers, schedule,
                                                   strict=True), start=1):
        if seen.intersection(actions) or len(set(actions)) < len(actions):
            problems.append(f"{year}: aksi ditempatkan lebih dari sekali")
        seen.update(actions)
        for action_id in actions:
            action = problem.by_id[action_id]
            if action_id in options.exclude or action_id in problem.done_actions:
                problems.append(f"{year}: aksi {action_id} dikecualikan atau sudah tercapai")
            for group in action.requires:
                if not any(b in seen or b in problem.done_actions for b in group):
                    problems.append(f"{year}: aksi {action_id} mendahului prasyaratnya "
                                    + " atau ".join(group))
        cost = math.fsum(problem.by_id[a].cost for a in actions)
        budget = options.budget(position)
        if budget is not None:
            spent, available = (spent + cost, available + budget) if options.carry_over else (
                cost, budget)
            if spent > available + MONEY_TOLERANCE:
                problems.append(f"{year}: biaya {format_rupiah(spent)} melebihi anggaran "
                                f"{format_rupiah(available)}")
        months = max(finish_months(problem.by_id, actions).values(), default=0)
        if options.max_months is not None and months > options.max_months:
            problems.append(f"{year}: butuh {months} bulan, melebihi {options.max_months}")
    for name, members in sorted(problem.group_members.items()):
        inside = [a for a in members if a in seen]
        if len(inside) > 1:
            problems.append(f"aksi {' dan '.join(inside)} satu kelompok '{name}'")
    missing = [a for a in options.force if a not in seen]
    if missing:
        problems.append("aksi yang dipaksa masuk tidak terjadwal: " + ", ".join(missing))
    return tuple(problems)


def _requirements_met(problem: PlanningProblem, action_id: str, placed: Mapping[str, int]
                      ) -> bool:
    year = placed[action_id]
    return all(any(b in problem.done_actions or placed.get(b, year + 1) <= year for b in group)
               for group in problem.by_id[action_id].requires)


def _as_schedule(problem: PlanningProblem, placed: Mapping[str, int], years: int) -> Schedule:
    return tuple(tuple(a for a in problem.catalogue.ids if placed.get(a) == t)
                 for t in range(1, years + 1))


def prune_schedule(problem: PlanningProblem, schedule: Schedule, keep: set[str]) -> Schedule:
    """Drop actions that no year, from their own onwards, needs: removing one keeps every such
    year's exact expected index (within ``TIE_TOLERANCE``) and every explicit prerequisite met.
    The most expensive first, then by id; ``keep`` (forced) actions stay. With one year and no
    track record this is ``roadmap.optimizer.prune``."""
    base = base_problem(problem)
    placed = placement(schedule)
    years = len(schedule)
    for action_id in sorted(placed, key=lambda a: (-base.by_id[a].cost, a)):
        if action_id in keep:
            continue
        rest = {a: t for a, t in placed.items() if a != action_id}
        if not all(_requirements_met(base, a, rest) for a in rest):
            continue
        before, after = _as_schedule(base, placed, years), _as_schedule(base, rest, years)
        nodes = base.dependents[action_id]
        if all(abs(year_change(base, before, after, t, nodes)) <= TIE_TOLERANCE
               for t in range(placed[action_id], years + 1)):
            placed = rest
    return _as_schedule(base, placed, years)


def advance_schedule(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule
                     ) -> Schedule:
    """Move each action to the earliest year where the schedule stays valid (budgets,
    prerequisites, months), repeating until nothing moves; in catalogue order. The final
    selection is unchanged, and no year's expected index can fall (an action placed earlier
    only adds to the selection of the years between, track records included)."""
    order = {a: k for k, a in enumerate(problem.catalogue.ids)}
    years = [list(actions) for actions in schedule]
    moved = True
    while moved:
        moved = False
        for t in range(1, len(years)):
            for action_id in sorted(years[t], key=order.__getitem__):
                for s in range(t):
                    trial = [list(actions) for actions in years]
                    trial[t].remove(action_id)
                    trial[s] = sorted([*trial[s], action_id], key=order.__getitem__)
                    if not schedule_violations(problem, options, _freeze(trial)):
                        years, moved = trial, True
                        break
    return _freeze(years)


def _freeze(years: Sequence[Sequence[str]]) -> Schedule:
    return tuple(tuple(actions) for actions in years)


def year_view(problem: PlanningProblem, earlier: Sequence[str]) -> PlanningProblem:
    """The base problem as seen from a later year: the actions placed in earlier years take no
    months of this year and need nothing more. Probabilities are unchanged (an earlier action
    may still have failed)."""
    base = base_problem(problem)
    if not earlier:
        return base
    before = set(earlier)
    actions = tuple(dataclasses.replace(a, months=0, requires=()) if a.id in before else a
                    for a in base.catalogue)
    return dataclasses.replace(base, catalogue=Catalogue(base.framework, actions))


def complete_schedule(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule
                      ) -> Schedule:
    """Complete each year, first to last, with the greedy baseline (``greedy_selection``) on
    the year's view within the money left for that year (a heuristic: the planner keeps it
    only when it is better by the exact objective)."""
    years = [list(actions) for actions in schedule]
    for t in range(len(years)):
        earlier = [a for actions in years[:t] for a in actions]
        budget = _money_left(problem, options, _freeze(years), t)
        if budget is None:
            continue
        later = tuple(a for actions in years[t + 1:] for a in actions)
        year_options = PlanOptions(budget=budget, exclude=(*options.exclude, *later),
                                   max_months=options.max_months, solver=options.solver)
        try:
            picked = greedy_selection(year_view(problem, earlier), year_options,
                                      (*earlier, *years[t]))
        except InputError:
            continue
        years[t] += [a for a in picked if a not in earlier and a not in years[t]]
    return _freeze(years)


def _money_left(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule,
                t: int) -> float | None:
    """The greedy budget for year ``t`` (0-based): the cost already placed up to that year plus
    what may still be spent in it without breaking any year's budget."""
    if not options.budgets:
        return None
    costs = [math.fsum(problem.by_id[a].cost for a in actions) for actions in schedule]
    before = math.fsum(costs[:t])
    if not options.carry_over:
        return before + options.budgets[t]
    slack = min(math.fsum(options.budgets[:s + 1]) - math.fsum(costs[:s + 1])
                for s in range(t, len(schedule)))
    return before + costs[t] + slack
