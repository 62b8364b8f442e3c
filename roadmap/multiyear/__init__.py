"""A Peta Rencana over several years: which action in which year, within yearly budgets.

Semantics (the single-year semantics of ``roadmap.expectation`` and ``roadmap.problem``,
year by year):

* years ``1..N`` (``N <= MAX_YEARS``), each with its own budget; with ``carry_over`` the
  unspent budget of a year may be spent later (spending up to each year never exceeds the
  budgets up to that year);
* each action is placed in at most one year; the selection *by the end of year t* is every
  action placed in years ``<= t`` (cumulative: an achieved level stays);
* an action's explicit prerequisites (``requires`` groups) are met by an action placed in an
  earlier year, or in the same year when the chain of months fits before that year's evidence
  deadline (``max_months`` per year; a prerequisite placed in an earlier year takes no months
  of the later year);
* at most one action of an exclusive ``group`` over all years;
* success is nested and each action is drawn once: in year ``t`` an action placed by then
  counts as succeeded when its own draw succeeded and every ``requires`` group has an
  alternative done or succeeded among the actions placed by year ``t``. An action whose own
  draw failed is **not retried** later (a retry is a new action the user may add); one that
  failed only because what it builds on was rejected counts from the year an accepted
  alternative of that prerequisite is placed (rare: the model places an alternative no later
  than the action);
* a node counts in year ``t`` iff it is achieved by the selection up to ``t``, and every
  track record in its closure holds: ``(i, l)`` needing ``k`` years counts only if
  ``(i, l - 1)`` has been held ``k`` years at the start of year ``t`` (assessed levels:
  held since before year 1; a level first achieved at the end of year ``s``: ``t - s`` years).
  Lagged indicators never move. Every year's expected index is computed exactly
  (``roadmap.multiyear.schedule``);
* objectives: ``final`` (default: the expected index in the last year, then, among the
  placements of that final selection, the highest sum of yearly indices so no year is left
  idle; ``roadmap.multiyear.solve``), ``sum`` (the sum of the yearly expected indices) or
  ``target`` (cheapest schedule whose expected index reaches ``target`` by ``by_year``).
  The plan is ``optimal`` only when the proven bound meets the exact value of the schedule;
  otherwise ``feasible`` with that gap.

Modules: ``types`` (options and results), ``schedule`` (pure operations on a schedule and its
exact evaluation), ``model`` (the MILP), ``solve`` (solving it), ``assembly`` (the plan).
"""

from .assembly import assemble_multiyear, plan_multiyear
from .model import MultiYearModel, build_multiyear_model
from .schedule import (
    advance_schedule,
    cumulative,
    deadlines,
    earliest_years,
    objective_value,
    prune_schedule,
    schedule_indices,
    schedule_violations,
    year_candidates,
    year_outcome,
)
from .solve import MultiYearSolution, solve_multiyear
from .types import (
    MAX_YEARS,
    OBJECTIVES,
    MultiYearOptions,
    MultiYearPlan,
    Schedule,
    YearPlan,
    validate_multiyear,
)

__all__ = ["MAX_YEARS", "OBJECTIVES", "MultiYearOptions", "MultiYearPlan", "YearPlan",
           "Schedule", "plan_multiyear", "assemble_multiyear", "build_multiyear_model",
           "MultiYearModel", "solve_multiyear", "MultiYearSolution", "validate_multiyear",
           "advance_schedule", "cumulative", "deadlines", "earliest_years", "objective_value",
           "prune_schedule", "schedule_indices", "schedule_violations", "year_candidates",
           "year_outcome"]
