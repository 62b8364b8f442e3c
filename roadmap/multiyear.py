"""A Peta Rencana over several years: which action in which year, within yearly budgets.

Semantics (extending the single-year plan of ``roadmap.optimizer``):

* years ``1..N`` (``N <= MAX_YEARS``), each with its own budget; with ``carry_over`` the unspent
  budget of a year may be spent later (spending up to each year never exceeds the budgets up to
  that year);
* each action is placed in at most one year; the selection *by the end of year t* is every action
  placed in years ``<= t`` (cumulative: an achieved level stays);
* an action's explicit prerequisites (``requires`` groups) are met by an action placed in an
  earlier year, or in the same year when the chain of months fits before that year's evidence
  deadline (``max_months`` per year, the single-year timing constraint applied year by year; a
  prerequisite finished in an earlier year takes no months of the later year);
* a node counts in year ``t`` iff it is achieved by the selection up to ``t``; its rule
  prerequisites are thereby achieved in year ``t`` or earlier;
* objectives: ``final`` (expected index in the last year), ``sum`` (sum of the yearly expected
  indices) or ``target`` (cheapest plan whose expected index reaches ``target`` by ``by_year``).

Formulation ("by" variables, the strong form for multi-period selection): binary
``by[a, t]`` = action ``a`` is placed by the end of year ``t``, nondecreasing in ``t``, created
only from the action's earliest feasible year (``earliest_years``); it is placed in year ``t``
when ``by[a, t] - by[a, t-1] = 1``. Explicit prerequisites: ``by[a, t] <= sum of by[b, t]`` over
each group's alternatives. The value of year ``t`` is the single-year value model (coverage
``y`` and supporting sets, ``roadmap.optimizer._value_terms``) over ``by[., t]``, built only for
the years the objective looks at; each year gets the single-year timing constraint
(``_timing``) over its placements. With one year this is the single-year model constraint for
constraint and variable for variable (names carry a ``t1_`` prefix), so the plan is
``optimize``'s plan. Proving optimality is helped by pooling the years into one single-year
problem (``pooled_selection``, see ``solve_multiyear``).

Uncertainty: actions succeed independently with their probability and an action that fails in
its year is **not retried** later (a retry is a new action the user may add to the catalogue).
Every year's expected index is recomputed exactly from the cumulative selection
(``roadmap.expectation.expected_outcome``), whatever the model.

After solving, as in the single-year optimizer: zero-value actions are pruned (an action is
dropped when no year from its own onwards loses expected index without it); with a non-exact
(lower-bound) model the MILP schedule is compared, by the exact objective, with that schedule
completed greedily year by year and with the greedy schedule built year by year from the forced
actions. For ``final``, whose value ignores the years before the last, the chosen actions are
re-placed for the best sum of yearly indices (``retime_schedule``). Finally every action moves
to the earliest year where budgets, prerequisites and months allow (``advance_schedule``). Both
keep the final selection and never lower a year's expected index (more actions never lower a
node's probability).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pulp

from roadmap.actions import Catalogue
from roadmap.errors import InputError
from roadmap.expectation import expected_outcome, gain_delta
from roadmap.greedy import greedy_selection
from roadmap.model import VALUE_SCALE, build_model, cost_unit
from roadmap.numbers import format_decimal, format_rupiah
from roadmap.optimizer import TIE_TOLERANCE
from roadmap.options import PlanOptions, validate_options
from roadmap.solvers import _quiet_stdout, _solver  # noqa: F401  (being ported: multiyear/)


def _timing(*args: object) -> None:
    raise NotImplementedError("being ported to roadmap/multiyear/")


def _value_terms(*args: object) -> tuple[pulp.LpAffineExpression, bool]:
    raise NotImplementedError("being ported to roadmap/multiyear/")


from roadmap.plan import PlannedAction
from roadmap.problem import PlanningProblem
from roadmap.ranking import assemble_plan

MAX_YEARS = 5
OBJECTIVES = ("final", "sum", "target")
MONEY_TOLERANCE = 0.5  # rupiah: costs and budgets are whole rupiah
RETIME_SECONDS = 3.0
GAP_TOLERANCE = 1e-4  # relative; HiGHS's default mip_rel_gap, so "proven" means what it means there

Schedule = tuple[tuple[str, ...], ...]
"""Action ids placed in each year, first year first."""


@dataclass(frozen=True)
class MultiYearOptions:
    """What the user asks for. ``budgets`` are rupiah, one per year (empty only with a target:
    then no budget limit); ``by_year`` is a calendar year (default: the last year)."""

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

    def plan_options(self, budget: float | None = None) -> PlanOptions:
        """The single-year options sharing these settings (for one year of the plan)."""
        return PlanOptions(budget=budget, target=self.target, force=self.force,
                           exclude=self.exclude, max_months=self.max_months,
                           solver=self.solver, time_limit=self.time_limit)


@dataclass(frozen=True)
class YearPlan:
    """One year of a Peta Rencana: its actions (ranked, with months within that year) and the
    expected outcome at the end of the year of everything placed up to it."""

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

    ``status`` is ``optimal`` (the solver proved the optimum of an exact model), ``feasible``
    (exact model, not proven within the time limit) or ``best-found`` (lower-bound model with
    p < 1; see the module docstring). ``gap`` is the proven relative gap between the MILP
    model's objective at the best schedule found and a bound on its optimum (0 when proven);
    for ``final`` and ``target`` it concerns the objective, not the re-timing of earlier years.
    """

    framework_id: str
    objective: str
    status: str
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


@dataclass
class MultiYearModel:
    """A built, not yet solved, multi-year MILP with handles to its parts."""

    problem: PlanningProblem
    options: MultiYearOptions
    lp: pulp.LpProblem
    by: dict[str, dict[int, pulp.LpVariable]]  # binary: placed by the end of year t
    value: dict[int, pulp.LpAffineExpression]
    cost: pulp.LpAffineExpression
    cost_unit: float
    exact: bool
    build_seconds: float


@dataclass(frozen=True)
class MultiYearSolution:
    """The solver's schedule, its model value and a proven bound on the model's optimum (index
    points for ``final``/``sum``, rupiah for ``target``; equal when proven optimal)."""

    schedule: Schedule
    model_value: float
    proven_optimal: bool
    gap: float
    solve_seconds: float
    bound: float


class _YearScope:
    """The parts of ``LpProblem`` that ``_timing`` and ``_value_terms`` use, with every variable
    and constraint name prefixed by the year, so the single-year builders serve each year."""

    def __init__(self, lp: pulp.LpProblem, year: int) -> None:
        self.lp = lp
        self.prefix = f"t{year}_"

    def add_variable(self, name: str, *args: object) -> pulp.LpVariable:
        return self.lp.add_variable(self.prefix + name, *args)

    def addConstraint(self, constraint: pulp.LpConstraint, name: str) -> None:  # noqa: N802
        self.lp.addConstraint(constraint, self.prefix + name)


def validate_multiyear(problem: PlanningProblem, options: MultiYearOptions) -> None:
    """Raise ``InputError`` (Bahasa Indonesia) for options that cannot make sense."""
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
            raise InputError("tahun capaian (--by) hanya berlaku dengan target indeks")
        if options.by_year not in options.year_numbers:
            first, last = options.year_numbers[0], options.year_numbers[-1]
            raise InputError(f"tahun capaian harus di antara {first} dan {last}",
                             value=options.by_year)
    for budget in options.budgets or (None,):
        validate_options(problem, options.plan_options(budget))


def earliest_years(problem: PlanningProblem, max_months: int | None) -> dict[str, int | None]:
    """The first year (1, 2, ...) each action can be placed in, given its chain of explicit
    prerequisites and ``max_months`` per year; 0 for actions already done, None when the action
    alone needs more than ``max_months``.

    A chain that does not fit in one year continues in the next: with 12 months, a 5-month
    action that requires a 9-month one can be placed in year 2 (year 1 when the prerequisite is
    already done). The model only creates variables from this year on; the timing constraints
    decide the rest.
    """
    limit = max_months if max_months is not None else math.inf
    result: dict[str, tuple[int, float] | None] = {}

    def earliest(action_id: str) -> tuple[int, float] | None:
        if action_id in problem.done_actions:
            return (0, 0.0)
        if action_id not in result:
            action = problem.catalogue.get(action_id)
            ready: tuple[int, float] = (0, 0.0)
            for group in action.requires:
                options = [e for e in map(earliest, group) if e is not None]
                if not options:
                    result[action_id] = None
                    return None
                ready = max(ready, min(options))
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
    """Actions the model may place, in catalogue order, each with its earliest year."""
    excluded = set(options.exclude) | problem.done_actions
    first = earliest_years(problem, options.max_months)
    result = {}
    for action in problem.catalogue:
        year = first[action.id]
        if action.id in excluded:
            continue
        if year is None or year > options.years:
            if action.id in options.force:
                raise InputError(
                    f"aksi {action.id} yang dipaksa masuk (dengan prasyaratnya) tidak muat dalam "
                    f"{options.years} tahun dengan batas {options.max_months} bulan per tahun"
                )
            continue
        result[action.id] = year
    return result


def build_multiyear_model(problem: PlanningProblem, options: MultiYearOptions
                          ) -> MultiYearModel:
    """Build the multi-year MILP (not solved); see the module docstring."""
    started = time.perf_counter()
    validate_multiyear(problem, options)
    first = year_candidates(problem, options)
    candidates = tuple(problem.catalogue.get(a) for a in first)
    allowed = set(first)
    span = range(1, options.years + 1)
    lp = pulp.LpProblem("peta_rencana", pulp.LpMaximize)
    by: dict[str, dict[int, pulp.LpVariable]] = {a.id: {} for a in candidates}
    for t in span:
        for k, action in enumerate(candidates):
            if first[action.id] <= t:
                by[action.id][t] = lp.add_variable(f"t{t}_x_{k}", 0, 1, pulp.LpBinary)

    def by_end_of(action_id: str, t: int) -> pulp.LpAffineExpression | int:
        years = by.get(action_id, {})
        return years[t] if t in years else 0

    def in_year(action_id: str, t: int) -> pulp.LpAffineExpression:
        years = by[action_id]
        return years[t] - years[t - 1] if t - 1 in years else years[t]

    position = {a.id: k + 1 for k, a in enumerate(problem.catalogue)}  # constraint names
    for action in candidates:
        placed = by[action.id]
        if action.id in options.force:
            lp.addConstraint(placed[options.years] >= 1, f"force_{position[action.id]}")
        for t, var in placed.items():
            if t - 1 in placed:
                lp.addConstraint(placed[t - 1] <= var, f"t{t}_stays_{position[action.id]}")
            for g, group in enumerate(action.requires):
                if any(b in problem.done_actions for b in group):
                    continue
                lp.addConstraint(var <= pulp.lpSum(by_end_of(b, t) for b in group),
                                 f"t{t}_requires_{position[action.id]}_{g}")
    unit = cost_unit(candidates)
    yearly = {t: pulp.lpSum((a.cost / unit) * in_year(a.id, t) for a in candidates
                            if t in by[a.id])
              for t in span}
    for t in span:
        budget = options.budget(t)
        if budget is None:
            continue
        if options.carry_over:
            lp.addConstraint(pulp.lpSum(yearly[s] for s in span if s <= t)
                             <= math.fsum(options.budgets[:t]) / unit, f"t{t}_budget")
        else:
            lp.addConstraint(yearly[t] <= budget / unit, f"t{t}_budget")
    if options.max_months is not None:
        for t in span:
            placed_in = {a.id: in_year(a.id, t) for a in candidates if t in by[a.id]}
            _timing(problem, _YearScope(lp, t), placed_in, options.max_months)
    value: dict[int, pulp.LpAffineExpression] = {}
    exact = True
    for t in _valued_years(options):
        cumulative = {a.id: by_end_of(a.id, t) for a in candidates}
        terms, year_exact = _value_terms(problem, _YearScope(lp, t), cumulative, allowed)
        value[t] = VALUE_SCALE * terms
        exact = exact and year_exact
    return MultiYearModel(
        problem=problem, options=options, lp=lp, by=by, value=value,
        cost=pulp.lpSum(yearly.values()), cost_unit=unit, exact=exact,
        build_seconds=time.perf_counter() - started,
    )


def _valued_years(options: MultiYearOptions) -> tuple[int, ...]:
    """The years whose value the objective (or the target) looks at."""
    if options.objective == "sum":
        return tuple(range(1, options.years + 1))
    if options.objective == "target":
        return (options.target_position,)
    return (options.years,)


def solve_multiyear(model: MultiYearModel) -> MultiYearSolution:
    """Solve the model: maximize the objective's value (``final``/``sum``) or minimize the cost
    reaching the target. Raises ``InputError`` when no schedule satisfies the options.

    The years' LP relaxation lets an action be split across years, so the solver alone often
    proves slowly even when packing the actions into years costs nothing. With two years or
    more, therefore:

    * ``final`` and ``target``: the pooled single-year problem is solved first
      (``pooled_selection``); its optimum bounds the multi-year one, and when its selection can
      be packed into the years (the model solved with the final selection fixed) the packed
      schedule is optimal, proven by that bound. Otherwise the full model is solved and the gap
      uses the better of the solver's bound and the pooled bound.
    * ``sum`` has no such shortcut (each year's pooled optimum is a different selection): the
      full model is solved; after a time limit the gap uses the better of the solver's bound
      and the sum of each year's pooled bound (the budgets up to that year together).
    """
    options, problem = model.options, model.problem
    if options.objective == "target":
        assert options.target is not None
        need = options.target - problem.index_before
        model.lp.addConstraint(model.value[options.target_position] >= VALUE_SCALE * need - 1e-6,
                               "target")
        model.lp.sense = pulp.LpMinimize
        objective = model.cost
    else:
        model.lp.sense = pulp.LpMaximize
        objective = pulp.lpSum(model.value.values())
    model.lp.setObjective(objective)
    started = time.perf_counter()
    maximize = options.objective != "target"
    bounds: list[float] = []
    found: list[tuple[Schedule, float]] = []
    if options.years > 1 and options.objective != "sum":
        pooled = pooled_selection(model)
        if pooled is None:  # the relaxation has no solution, so neither has the model
            raise _infeasible(model, timed_out=False)
        bound, selection = pooled
        bounds.append(bound)
        found += _fixed_solve(model, {years[options.years]: int(a in selection)
                                      for a, years in model.by.items()})
        if found and _reaches(found[0][1], bound, maximize):
            return _solution(model, found[0][0], found[0][1], 0.0, True, started)
    status = _run(model)
    if status == pulp.LpSolutionOptimal:
        return _solution(model, _schedule(model), float(pulp.value(objective) or 0.0), 0.0,
                         True, started)
    if status == pulp.LpSolutionIntegerFeasible:
        found.append((_schedule(model), float(pulp.value(objective) or 0.0)))
    elif not found:
        raise _infeasible(model, timed_out=model.lp.status != pulp.LpStatusInfeasible
                          and options.time_limit is not None)
    bounds.append(_solver_bound(model))
    if options.objective == "sum" and options.years > 1:
        yearly = [pooled_selection(model, t) for t in range(1, options.years + 1)]
        if all(y is not None for y in yearly):
            bounds.append(math.fsum(y[0] for y in yearly if y is not None))
    best = max(found, key=lambda f: f[1] if maximize else -f[1])
    bound = min(bounds) if maximize else max(bounds)
    proven = _reaches(best[1], bound, maximize)
    return _solution(model, best[0], best[1], 0.0 if proven else relative_gap(bound, best[1]),
                     proven, started, bound)


def relative_gap(bound: float, value: float) -> float:
    """``|bound - value|`` relative to the larger of the two in size.

    >>> relative_gap(2.0, 1.5)
    0.25
    """
    return abs(bound - value) / max(abs(bound), abs(value), 1e-9)


def schedule_model_value(model: MultiYearModel, schedule: Schedule) -> float | None:
    """The model's objective for ``schedule`` (in ``MultiYearSolution`` units), None when the
    model rejects it."""
    found = _fixed_solve(model, {var: int(t >= placed) for a, years in model.by.items()
                                 for placed in [_year_of(schedule, a)]
                                 for t, var in years.items()})
    return _in_units(model, found[0][1]) if found else None


def _year_of(schedule: Schedule, action_id: str) -> int:
    """1-based year of ``action_id`` in ``schedule``; one past the last year when absent."""
    return next((t for t, actions in enumerate(schedule, start=1) if action_id in actions),
                len(schedule) + 1)


def _fixed_solve(model: MultiYearModel, fixed: Mapping[pulp.LpVariable, int]
                 ) -> list[tuple[Schedule, float]]:
    """Solve with ``fixed`` variables held at their values; the schedule and objective value
    found (empty when there is none). The bounds are restored afterwards."""
    for var, value in fixed.items():
        var.lowBound = var.upBound = value
    try:
        status = _run(model)
    finally:
        for var in fixed:
            var.lowBound, var.upBound = 0, 1
    if status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return []
    return [(_schedule(model), float(pulp.value(model.lp.objective) or 0.0))]


def _run(model: MultiYearModel) -> int:
    with _quiet_stdout():
        model.lp.solve(_solver(model.options.plan_options()))
    return int(model.lp.sol_status)


def _reaches(incumbent: float, bound: float, maximize: bool) -> bool:
    """True when ``incumbent`` meets ``bound`` within the solvers' relative tolerance."""
    slack = GAP_TOLERANCE * max(abs(bound), 1.0)
    return incumbent >= bound - slack if maximize else incumbent <= bound + slack


def _schedule(model: MultiYearModel) -> Schedule:
    """The schedule of the model's current solution, actions in catalogue order."""
    first = {a: min((t for t, v in years.items() if (v.value() or 0) > 0.5), default=0)
             for a, years in model.by.items()}
    return tuple(tuple(a for a in model.problem.catalogue.ids if first.get(a) == t)
                 for t in range(1, model.options.years + 1))


def _in_units(model: MultiYearModel, objective: float) -> float:
    """An objective value of the LP in index points (or rupiah for ``target``)."""
    return (objective * model.cost_unit if model.options.objective == "target"
            else objective / VALUE_SCALE)


def _solution(model: MultiYearModel, schedule: Schedule, incumbent: float, gap: float,
              proven: bool, started: float, bound: float | None = None) -> MultiYearSolution:
    value = _in_units(model, incumbent)
    return MultiYearSolution(schedule, value, proven, gap, time.perf_counter() - started,
                             value if bound is None else _in_units(model, bound))


def pooled_selection(model: MultiYearModel, year: int | None = None
                     ) -> tuple[float, tuple[str, ...]] | None:
    """The pooled problem's proven bound (in the model's objective units) and its selection
    (empty when the time limit stopped it before any), or None when it is infeasible.

    Pooling drops the split into years: one single-year model (``roadmap.optimizer``) over the
    same candidate actions, hence the same value terms, with the budgets of years
    ``1..year`` (default: all) together, no month limit and, for the last year, the forced
    actions. The selection up to ``year`` of any schedule is feasible there, so the pooled
    optimum bounds the multi-year one: an upper bound on that year's value, or for ``target``
    a lower bound on the cost (every year's budget pooled). HiGHS's dual bound is used, so the
    bound holds even when the pooled solve stops at the time limit.
    """
    problem, options = model.problem, model.options
    last = year or options.years
    pooled = PlanOptions(
        budget=math.fsum(options.budgets[:last]) if options.budgets else None,
        target=options.target,
        force=tuple(a for a in options.force if a in model.by and last == options.years),
        exclude=tuple(a for a in problem.catalogue.ids if a not in model.by),
        max_months=None, solver="highs", time_limit=options.time_limit)
    single = build_model(problem, pooled)
    if options.target is not None:
        need = options.target - problem.index_before
        single.lp.addConstraint(single.value >= VALUE_SCALE * need - 1e-6, "target")
        single.lp.sense, objective = pulp.LpMinimize, single.cost
    else:
        single.lp.sense, objective = pulp.LpMaximize, single.value
    single.lp.setObjective(objective)
    with _quiet_stdout():
        single.lp.solve(_solver(pooled))
    if single.lp.status == pulp.LpStatusInfeasible:
        return None
    dual = float(single.lp.solverModel.getInfo().mip_dual_bound)
    selection = tuple(a for a, var in single.x.items() if (var.value() or 0) > 0.5) if (
        single.lp.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible)) else ()
    if options.target is not None:
        return dual * single.cost_unit / model.cost_unit, selection
    return -dual, selection  # PuLP hands HiGHS the maximization negated


def _solver_bound(model: MultiYearModel) -> float:
    """A proven bound on the model's optimum after a solve stopped early: HiGHS's dual bound,
    or for CBC (whose bound PuLP does not read back) the LP relaxation's optimum."""
    lp = model.lp
    if model.options.solver == "highs":
        sign = -1.0 if lp.sense == pulp.LpMaximize else 1.0  # PuLP hands HiGHS a minimization
        return sign * float(lp.solverModel.getInfo().mip_dual_bound)
    binaries = [v for years in model.by.values() for v in years.values()]
    values = {v.name: v.value() for v in lp.variables()}
    for var in binaries:
        var.cat = pulp.LpContinuous
    try:
        _run(model)
        bound = float(pulp.value(lp.objective) or 0.0)
    finally:
        for var in binaries:
            var.cat = pulp.LpBinary
        for var in lp.variables():
            var.varValue = values[var.name]
    return bound


def _infeasible(model: MultiYearModel, timed_out: bool) -> InputError:
    """The error for a model without a solution, naming the likely cause."""
    problem, options = model.problem, model.options
    if timed_out:
        assert options.time_limit is not None
        return InputError(
            f"solver {options.solver.upper()} tidak menemukan peta rencana dalam batas waktu "
            f"{format_decimal(options.time_limit, 0)} detik; perbesar --time-limit"
            + (" atau gunakan --solver highs" if options.solver != "highs" else ""))
    forced = [problem.catalogue.get(a) for a in options.force]
    forced_cost = math.fsum(a.cost for a in forced)
    if options.budgets and forced_cost > math.fsum(options.budgets):
        return InputError(
            f"aksi yang dipaksa masuk ({', '.join(a.id for a in forced)}) berbiaya "
            f"{format_rupiah(forced_cost)}, melebihi total anggaran "
            f"{format_rupiah(math.fsum(options.budgets))}"
        )
    for action in forced:
        if action.id not in model.by:
            return InputError(f"aksi {action.id} yang dipaksa masuk sudah tercapai atau "
                              "dikecualikan")
    if options.target is not None:
        year = options.year_numbers[options.target_position - 1]
        best = _best_reachable(problem, options)
        limit = "dengan anggaran ini" if options.budgets else "dengan katalog aksi ini"
        return InputError(
            f"target indeks {format_decimal(options.target)} tidak dapat dicapai sampai tahun "
            f"{year} {limit}; indeks harapan tertinggi yang dapat dicapai {format_decimal(best)}"
        )
    return InputError("tidak ada peta rencana yang memenuhi semua batasan (anggaran tiap tahun "
                      "untuk aksi yang dipaksa, prasyarat atau batas bulan); longgarkan batasannya")


def _best_reachable(problem: PlanningProblem, options: MultiYearOptions) -> float:
    """The exact expected index of the best ``final`` schedule up to the target year (to explain
    an unreachable target)."""
    position = options.target_position
    budgets = options.budgets[:position] if options.budgets else tuple(
        math.fsum(a.cost for a in problem.catalogue) for _ in range(position))
    relaxed = dataclasses.replace(options, years=position, budgets=budgets, objective="final",
                                  target=None, by_year=None)
    model = build_multiyear_model(problem, relaxed)
    try:
        solution = solve_multiyear(model)
    except InputError:
        return problem.index_before
    return schedule_indices(problem, solution.schedule)[-1]


def cumulative(schedule: Schedule) -> tuple[tuple[str, ...], ...]:
    """The selection by the end of each year: ``(('A',), ('B',))`` -> ``(('A',), ('A', 'B'))``.

    >>> cumulative((("A",), (), ("B", "C")))
    (('A',), ('A',), ('A', 'B', 'C'))
    """
    result: list[tuple[str, ...]] = []
    for year in schedule:
        result.append((*(result[-1] if result else ()), *year))
    return tuple(result)


def schedule_indices(problem: PlanningProblem, schedule: Schedule) -> tuple[float, ...]:
    """The exact expected index at the end of each year."""
    return tuple(expected_outcome(problem, chosen).expected_index
                 for chosen in cumulative(schedule))


def year_finish(problem: PlanningProblem, year_actions: Sequence[str]) -> dict[str, int]:
    """Finish month of each action of one year: it starts when the actions of the same year
    named in its explicit prerequisites have finished (the single-year timing rule)."""
    chosen = set(year_actions)
    finish: dict[str, int] = {}

    def done_by(action_id: str) -> int:
        if action_id not in finish:
            action = problem.catalogue.get(action_id)
            start = max((done_by(b) for b in action.required_ids if b in chosen), default=0)
            finish[action_id] = start + (action.months or 0)
        return finish[action_id]

    for action_id in year_actions:
        done_by(action_id)
    return finish


def schedule_violations(problem: PlanningProblem, options: MultiYearOptions,
                        schedule: Schedule) -> tuple[str, ...]:
    """Every constraint ``schedule`` breaks, in Bahasa Indonesia (empty when it is valid):
    yearly budgets (with carry-over), prerequisites placed later than the action, months per
    year, forced and excluded actions, and actions placed twice or already done."""
    problems = []
    seen: set[str] = set()
    spent = available = 0.0
    for position, (year, actions) in enumerate(zip(options.year_numbers, schedule,
                                                   strict=True), start=1):
        twice = seen.intersection(actions)
        if twice or len(set(actions)) < len(actions):
            problems.append(f"{year}: aksi ditempatkan lebih dari sekali")
        seen.update(actions)
        for action_id in actions:
            action = problem.catalogue.get(action_id)
            if action_id in options.exclude or action_id in problem.done_actions:
                problems.append(f"{year}: aksi {action_id} dikecualikan atau sudah tercapai")
            for group in action.requires:
                if not any(b in seen or b in problem.done_actions for b in group):
                    problems.append(f"{year}: aksi {action_id} mendahului prasyaratnya "
                                    + " atau ".join(group))
        cost = math.fsum(problem.catalogue.get(a).cost for a in actions)
        budget = options.budget(position)
        if budget is not None:
            spent, available = (spent + cost, available + budget) if options.carry_over else (
                cost, budget)
            if spent > available + MONEY_TOLERANCE:
                problems.append(f"{year}: biaya {format_rupiah(spent)} melebihi anggaran "
                                f"{format_rupiah(available)}")
        months = max(year_finish(problem, actions).values(), default=0)
        if options.max_months is not None and months > options.max_months:
            problems.append(f"{year}: butuh {months} bulan, melebihi {options.max_months}")
    missing = [a for a in options.force if a not in seen]
    if missing:
        problems.append("aksi yang dipaksa masuk tidak terjadwal: " + ", ".join(missing))
    return tuple(problems)


def prune_schedule(problem: PlanningProblem, schedule: Schedule, keep: set[str]) -> Schedule:
    """Drop actions that no year, from their own onwards, needs: removing one keeps every such
    year's exact expected index (within ``TIE_TOLERANCE``) and every explicit prerequisite met.
    The most expensive first, then by id; ``keep`` (forced) actions stay. With one year this is
    ``roadmap.optimizer.prune``."""
    placed = {a: t for t, actions in enumerate(schedule) for a in actions}
    for action_id in sorted(placed, key=lambda a: (-problem.catalogue.get(a).cost, a)):
        if action_id in keep:
            continue
        current = _as_schedule(placed, len(schedule))
        sets = cumulative(current)[placed[action_id]:]
        if any(abs(gain_delta(problem, chosen, action_id)) > TIE_TOLERANCE for chosen in sets):
            continue
        rest = {a: t for a, t in placed.items() if a != action_id}
        if all(_requirements_met(problem, a, rest) for a in rest):
            placed = rest
    return _as_schedule(placed, len(schedule))


def _requirements_met(problem: PlanningProblem, action_id: str, placed: Mapping[str, int]
                      ) -> bool:
    year = placed[action_id]
    return all(any(b in problem.done_actions or placed.get(b, year + 1) <= year for b in group)
               for group in problem.catalogue.get(action_id).requires)


def _as_schedule(placed: Mapping[str, int], years: int) -> Schedule:
    return tuple(tuple(a for a in placed if placed[a] == t) for t in range(years))


def advance_schedule(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule
                     ) -> Schedule:
    """Move each action to the earliest year where the schedule stays valid (budgets,
    prerequisites, months), repeating until nothing moves; in catalogue order. The final
    selection is unchanged, and no year's expected index can fall."""
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


def retime_schedule(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule
                    ) -> Schedule:
    """The same actions re-placed in years for a higher sum of yearly expected indices: the
    ``sum`` model restricted to them, all forced, solved for at most ``RETIME_SECONDS`` (a
    heuristic step; proving that optimum can take long). The final selection, so the final
    expected index, is unchanged; the schedule is kept when the re-placed one is not better by
    the exact sum or none is found in time."""
    chosen = tuple(a for actions in schedule for a in actions)
    if options.years == 1 or not chosen:
        return schedule
    limit = min(options.time_limit or RETIME_SECONDS, RETIME_SECONDS)
    restricted = dataclasses.replace(
        options, objective="sum", force=chosen, time_limit=limit,
        exclude=tuple(a for a in problem.catalogue.ids if a not in chosen))
    try:
        retimed = solve_multiyear(build_multiyear_model(problem, restricted)).schedule
    except InputError:
        return schedule
    if schedule_violations(problem, options, retimed):
        return schedule
    return max((retimed, schedule), key=lambda s: math.fsum(schedule_indices(problem, s)))


def _freeze(years: Sequence[Sequence[str]]) -> Schedule:
    return tuple(tuple(actions) for actions in years)


def year_view(problem: PlanningProblem, earlier: Sequence[str]) -> PlanningProblem:
    """The problem as seen from a later year: the actions placed in earlier years take no months
    of this year and need nothing more. Probabilities are unchanged (an earlier action may still
    have failed), so expectations over the cumulative selection stay exact."""
    if not earlier:
        return problem
    before = set(earlier)
    actions = tuple(dataclasses.replace(a, months=0, requires=()) if a.id in before else a
                    for a in problem.catalogue)
    return PlanningProblem(problem.assessment, Catalogue(problem.framework, actions),
                           problem.rules)


def complete_schedule(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule
                      ) -> Schedule:
    """Complete each year, first to last, with the greedy baseline (``greedy_selection``) on the
    year's view within the money left for that year. Forced actions go first."""
    years = [list(actions) for actions in schedule]
    for t in range(len(years)):
        earlier = [a for actions in years[:t] for a in actions]
        view = year_view(problem, earlier)
        mine = sorted(years[t], key=lambda a: (
            options.force.index(a) if a in options.force else len(options.force),
            problem.catalogue.ids.index(a)))
        budget = _money_left(problem, options, _freeze(years), t)
        if budget is None:
            continue
        later = tuple(a for actions in years[t + 1:] for a in actions)
        year_options = dataclasses.replace(options.plan_options(budget), force=(),
                                           exclude=(*options.exclude, *later))
        picked = greedy_selection(view, year_options, (*earlier, *mine))
        years[t] = [*mine, *(a for a in picked if a not in earlier and a not in mine)]
    return _freeze(years)


def _money_left(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule,
                t: int) -> float | None:
    """The greedy budget for year ``t`` (0-based): the cost already placed up to that year plus
    what may still be spent in it without breaking any year's budget."""
    if not options.budgets:
        return None
    costs = [math.fsum(problem.catalogue.get(a).cost for a in actions) for actions in schedule]
    before = math.fsum(costs[:t])
    if not options.carry_over:
        return before + options.budgets[t]
    slack = min(math.fsum(options.budgets[:s + 1]) - math.fsum(costs[:s + 1])
                for s in range(t, len(schedule)))
    return before + costs[t] + slack


def objective_value(problem: PlanningProblem, options: MultiYearOptions,
                    schedule: Schedule) -> float:
    """The exact objective: last year's expected index (``final``), the sum of the yearly ones
    (``sum``) or, for ``target``, the expected index in the target year."""
    indices = schedule_indices(problem, schedule)
    if options.objective == "sum":
        return math.fsum(indices)
    if options.objective == "target":
        return indices[options.target_position - 1]
    return indices[-1]


def _ranking_key(problem: PlanningProblem, options: MultiYearOptions, schedule: Schedule
                 ) -> tuple[float, float, tuple[tuple[str, ...], ...]]:
    """Higher is better: exact objective (to 1e-9), then lower cost, then ids (as the
    single-year optimizer's key)."""
    cost = math.fsum(problem.catalogue.get(a).cost for actions in schedule for a in actions)
    return (round(objective_value(problem, options, schedule), 9), -cost,
            tuple(tuple(sorted(actions)) for actions in schedule))


def plan_multiyear(problem: PlanningProblem, options: MultiYearOptions) -> MultiYearPlan:
    """The best Peta Rencana for ``options``: built, solved, improved, ranked per year.

    With one year, the selection, ranking and expected index are those of
    ``roadmap.optimizer.optimize`` for the same options. Raises ``InputError`` when no schedule
    satisfies the options, naming the cause.
    """
    model = build_multiyear_model(problem, options)
    solution = solve_multiyear(model)
    schedule = prune_schedule(problem, solution.schedule, set(options.force))
    name = options.solver.upper()
    method = f"MILP multi-tahun ({name}), model nilai harapan eksak"
    if not model.exact:
        method = (f"MILP multi-tahun ({name}) atas batas bawah nilai harapan, lalu yang "
                  "terbaik (nilai harapan eksak) dari jadwal MILP, jadwal MILP dilengkapi "
                  "greedy per tahun, dan jadwal greedy per tahun")
        if options.objective != "target":
            forced = tuple(tuple(a for a in actions if a in options.force)
                           for actions in schedule)
            tries = [schedule, complete_schedule(problem, options, schedule),
                     complete_schedule(problem, options, forced)]
            valid = [schedule] + [s for s in tries[1:]
                                  if not schedule_violations(problem, options, s)]
            schedule = max(valid, key=lambda s: _ranking_key(problem, options, s))
    started = time.perf_counter()
    if options.objective == "final":
        schedule = retime_schedule(problem, options, schedule)
    schedule = advance_schedule(problem, options, schedule)
    gap = solution.gap
    if gap > 0 and schedule != solution.schedule:
        value = schedule_model_value(model, schedule)
        if value is not None and (value > solution.model_value) == (
                options.objective != "target"):
            gap = relative_gap(solution.bound, value)
    retime_seconds = time.perf_counter() - started
    proven = solution.proven_optimal and model.exact
    status = "optimal" if proven else ("feasible" if model.exact else "best-found")
    return assemble_multiyear(
        problem, options, schedule, status=status, method=method, proven_optimal=proven,
        exact_model=model.exact, gap=gap, build_seconds=model.build_seconds,
        solve_seconds=solution.solve_seconds + retime_seconds,
    )


def assemble_multiyear(
    problem: PlanningProblem,
    options: MultiYearOptions,
    schedule: Schedule,
    *,
    status: str,
    method: str,
    proven_optimal: bool,
    exact_model: bool,
    gap: float = 0.0,
    build_seconds: float = 0.0,
    solve_seconds: float = 0.0,
) -> MultiYearPlan:
    """Rank, schedule and explain each year with ``roadmap.ranking.assemble_plan`` on the year's
    view (earlier years' actions count as selected, take no months, and are not listed)."""
    years = []
    methods = set()
    warnings = []
    available = 0.0
    spent = 0.0
    framework = problem.framework
    for position, (year, actions) in enumerate(zip(options.year_numbers, schedule,
                                                   strict=True), start=1):
        earlier = [a for s in schedule[:position - 1] for a in s]
        view = year_view(problem, earlier)
        budget = options.budget(position)
        cost = math.fsum(problem.catalogue.get(a).cost for a in actions)
        own: float | None = None
        if budget is not None:
            available = (available - spent if options.carry_over else 0.0) + budget
            own, spent = available, cost
        plan = assemble_plan(
            view, options.plan_options(None if own is None else own + math.fsum(
                problem.catalogue.get(a).cost for a in earlier)),
            (*earlier, *actions), status=status, method=method,
            proven_optimal=proven_optimal, exact_model=exact_model, solver=options.solver)
        mine = set(actions)
        selected = tuple(
            dataclasses.replace(p, rank=rank,
                                prerequisites=tuple(b for b in p.prerequisites if b in mine))
            for rank, p in enumerate((p for p in plan.selected if p.action.id in mine), start=1))
        methods.add(plan.expectation_method)
        warnings += [f"{year}: {w}" for w in plan.warnings]
        years.append(YearPlan(
            year=year, budget=budget, available=own, total_cost=cost,
            expected_index=plan.expected_index,
            predicate=framework.predicate(plan.expected_index), selected=selected,
            expected_values=plan.expected_values, warnings=plan.warnings,
        ))
    return MultiYearPlan(
        framework_id=framework.id, objective=options.objective, status=status, method=method,
        index_before=problem.index_before,
        predicate_before=framework.predicate(problem.index_before), years=tuple(years),
        target=options.target,
        by_year=(options.year_numbers[options.target_position - 1]
                 if options.target is not None else None),
        carry_over=options.carry_over, max_months=options.max_months,
        proven_optimal=proven_optimal, exact_model=exact_model,
        gap=gap, expectation_method="monte-carlo" if "monte-carlo" in methods else "exact",
        solver=options.solver, build_seconds=build_seconds, solve_seconds=solve_seconds,
        warnings=tuple(warnings),
    )
