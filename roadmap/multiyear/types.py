"""What a Peta Rencana is asked for and what it answers: options, the plan and its years.

No solver and no computation beyond validation here (``roadmap.multiyear`` documents the
semantics).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from roadmap.errors import InputError
from roadmap.options import PlanOptions, validate_options
from roadmap.plan import PlannedAction, PlanStatus
from roadmap.problem import PlanningProblem

__all__ = ["MAX_YEARS", "OBJECTIVES", "Schedule", "MultiYearOptions", "YearPlan",
           "MultiYearPlan", "validate_multiyear"]

MAX_YEARS = 5
OBJECTIVES = ("final", "sum", "target")

Schedule = tuple[tuple[str, ...], ...]
"""Action ids placed in each year, first year first."""


@dataclass(frozen=True)
class MultiYearOptions:
    """What the user asks for. ``budgets`` are rupiah, one per year (empty only with a target:
    then no budget limit); ``by_year`` is a calendar year (default: the last year);
    ``max_months`` the months of each year before its evidence deadline; ``time_limit`` the
    seconds one solve may take (``None``: no limit)."""

    start_year: int
    years: int
    budgets: tuple[float, ...] = ()
    objective: str = "final"
    target: float | None = None
    by_year: int | None = None
    carry_over: bool = False
    force: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_months: int | None = 12
    solver: str = "highs"
    time_limit: float | None = None

    @property
    def year_numbers(self) -> tuple[int, ...]:
        return tuple(range(self.start_year, self.start_year + self.years))

    @property
    def target_position(self) -> int:
        """1-based position of the year the target must be reached by."""
        return self.years if self.by_year is None else self.by_year - self.start_year + 1

    def budget(self, position: int) -> float | None:
        """The own budget of year ``position`` (1-based), None without budgets."""
        return self.budgets[position - 1] if self.budgets else None

    def budget_by(self, position: int) -> float | None:
        """What may be spent in years ``1..position`` together (with or without carry-over),
        None without budgets."""
        return math.fsum(self.budgets[:position]) if self.budgets else None

    def plan_options(self, budget: float | None = None) -> PlanOptions:
        """The single-year options sharing these settings (for one year of the plan)."""
        return PlanOptions(budget=budget, target=self.target, force=self.force,
                           exclude=self.exclude, max_months=self.max_months,
                           solver=self.solver, time_limit=self.time_limit)


@dataclass(frozen=True)
class YearPlan:
    """One year of a Peta Rencana: its actions (ranked, with months within that year) and the
    expected outcome at the end of the year of everything placed up to it.

    Each action's ``contribution`` is its gain in this year's expected index when added, in
    rank order, to everything placed earlier and the actions ranked before it this year: the
    year's contributions add up to its gain over the year before. ``marginal_gain`` is what
    this year's expected index loses if only this action is dropped."""

    year: int
    budget: float | None
    available: float | None
    total_cost: float
    expected_index: float
    predicate: str
    selected: tuple[PlannedAction, ...]
    expected_values: Mapping[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def selected_ids(self) -> tuple[str, ...]:
        return tuple(p.action.id for p in self.selected)

    @property
    def months_needed(self) -> int:
        return max((p.end_month for p in self.selected), default=0)


@dataclass(frozen=True)
class MultiYearPlan:
    """A Peta Rencana and its exact expected trajectory.

    ``status`` is ``OPTIMAL`` when the optimum of the objective is proven for the exact
    semantics, ``FEASIBLE`` otherwise; ``gap`` is then the proven distance to the optimum:
    the best bound the solver proved minus the exact value of the chosen schedule (index
    points for ``final`` and ``sum``, rupiah for ``target``), 0 when optimal. For ``final``
    it concerns the final-year index; ``tie_break_proven`` tells whether the sum of yearly
    indices (the tie-break) was proven highest among the placements of the final selection.
    ``exact_model`` says whether the MILP equals the exact expectation (otherwise it is an
    upper bound and the gap shows how far the schedule may be from the optimum).
    """

    framework_id: str
    objective: str
    status: PlanStatus
    method: str
    index_before: float
    predicate_before: str
    years: tuple[YearPlan, ...]
    target: float | None = None
    by_year: int | None = None
    carry_over: bool = False
    max_months: int | None = 12
    proven_optimal: bool = False
    exact_model: bool = True
    gap: float = 0.0
    bound: float | None = None
    tie_break_proven: bool = True
    expectation_method: str = "exact"
    solver: str = ""
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    warnings: tuple[str, ...] = ()

    @property
    def schedule(self) -> Schedule:
        return tuple(y.selected_ids for y in self.years)

    @property
    def total_cost(self) -> float:
        return math.fsum(y.total_cost for y in self.years)

    @property
    def final_index(self) -> float:
        return self.years[-1].expected_index


def validate_multiyear(problem: PlanningProblem, options: MultiYearOptions) -> None:
    """Raise ``InputError`` (Bahasa Indonesia, naming the setting) for options that cannot
    make sense."""
    if not 1 <= options.years <= MAX_YEARS:
        raise InputError(f"jumlah tahun harus 1 sampai {MAX_YEARS}", value=options.years)
    if options.objective not in OBJECTIVES:
        raise InputError(f"tujuan harus salah satu dari {', '.join(OBJECTIVES)}",
                         value=options.objective)
    if (options.objective == "target") != (options.target is not None):
        raise InputError("tujuan 'target' memerlukan target indeks, dan target indeks hanya "
                         "berlaku dengan tujuan 'target'")
    if options.budgets and len(options.budgets) != options.years:
        raise InputError(f"jumlah anggaran ({len(options.budgets)}) harus sama dengan jumlah "
                         f"tahun ({options.years})")
    if not options.budgets and options.target is None:
        raise InputError("tentukan anggaran tiap tahun")
    if options.by_year is not None:
        if options.target is None:
            raise InputError("tahun capaian hanya berlaku dengan target indeks")
        if options.by_year not in options.year_numbers:
            first, last = options.year_numbers[0], options.year_numbers[-1]
            raise InputError(f"tahun capaian harus di antara {first} dan {last}",
                             value=options.by_year)
    for budget in options.budgets or (None,):
        validate_options(problem, options.plan_options(budget))
