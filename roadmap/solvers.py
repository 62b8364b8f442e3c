"""The one place that talks to MILP solvers (after linopy's ``solvers.py``/``constants.py``).

Models are built elsewhere as PuLP problems with their objective and sense already set;
``solve_lp`` runs a solver on one and returns a frozen ``SolveResult``. No other module
compares PuLP status codes, imports ``highspy`` or reads a solver's internals.

Solving does not add or change constraints or the objective; PuLP stores the solution values
on the model's variables, which ``SolveResult.values`` copies out.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum

import pulp

__all__ = ["SolverName", "Termination", "SolveResult", "solve_lp", "SOLVER_NAMES",
           "RELATIVE_GAP"]

RELATIVE_GAP = 1e-9  # the solver proves optimality to this relative gap (objective scaled)


class SolverName(StrEnum):
    """The MILP solvers the planner can use."""

    HIGHS = "highs"
    CBC = "cbc"


SOLVER_NAMES = tuple(s.value for s in SolverName)


class Termination(StrEnum):
    """How a solve ended."""

    OPTIMAL = "optimal"          # proven optimal (within RELATIVE_GAP)
    FEASIBLE = "feasible"        # a solution without proof (time limit with an incumbent)
    INFEASIBLE = "infeasible"    # proven: no solution satisfies the constraints
    TIME_LIMIT = "time_limit"    # stopped at the time limit without any solution
    NOT_SOLVED = "not_solved"    # the solver failed for another reason


@dataclass(frozen=True)
class SolveResult:
    """What a solver returned. ``bound`` is the solver's proven bound on the objective when it
    reports one (``None`` otherwise); ``detail`` is the solver's own status text."""

    solver: SolverName
    termination: Termination
    values: Mapping[str, float] = field(default_factory=dict)
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    detail: str = ""

    @property
    def has_solution(self) -> bool:
        return self.termination in (Termination.OPTIMAL, Termination.FEASIBLE)


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence a native solver's banner, which bypasses Python's sys.stdout."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        try:
            yield
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)


def _solver(name: SolverName, time_limit: float | None) -> pulp.LpSolver:
    if name is SolverName.HIGHS:
        import highspy

        # HiGHS keeps one global thread pool per process: after any solve with another thread
        # count (a notebook's own pulp.HiGHS()), a threads=1 solve ends "Not Solved" at once.
        highspy.Highs.resetGlobalScheduler(True)
        return pulp.HiGHS(msg=False, timeLimit=time_limit, threads=1, gapRel=RELATIVE_GAP,
                          gapAbs=1e-9)
    from pulp.apis.coin_api import COIN_CMD, pulp_cbc_path

    return COIN_CMD(path=COIN_CMD.executableExtension(pulp_cbc_path), msg=False,
                    timeLimit=time_limit, threads=1, gapRel=RELATIVE_GAP, gapAbs=1e-9)


def solve_lp(lp: pulp.LpProblem, solver: SolverName | str,
             time_limit: float | None = None) -> SolveResult:
    """Solve ``lp`` (objective and sense already set) and report how it ended.

    >>> lp = pulp.LpProblem("t", pulp.LpMaximize)
    >>> x = lp.add_variable("x", 0, 1, cat="Binary")
    >>> lp += 2 * x
    >>> result = solve_lp(lp, "highs")
    >>> result.termination, result.values["x"], result.objective
    (<Termination.OPTIMAL: 'optimal'>, 1.0, 2.0)
    """
    name = SolverName(solver)
    started = time.perf_counter()
    try:
        with _quiet_stdout():
            lp.solve(_solver(name, time_limit))
    except pulp.PulpSolverError as err:
        return SolveResult(name, Termination.NOT_SOLVED, seconds=time.perf_counter() - started,
                           detail=str(err))
    seconds = time.perf_counter() - started
    termination, detail = _termination(lp, name)
    bound = _highs_bound(lp) if name is SolverName.HIGHS else None
    if termination is Termination.OPTIMAL and bound is None:
        bound = pulp.value(lp.objective)
    values = ({v.name: float(v.value() or 0.0) for v in lp.variables()}
              if termination in (Termination.OPTIMAL, Termination.FEASIBLE) else {})
    objective = (float(pulp.value(lp.objective) or 0.0) if values else None)
    return SolveResult(name, termination, values, objective, bound, seconds, detail)


def _termination(lp: pulp.LpProblem, name: SolverName) -> tuple[Termination, str]:
    status, solution = lp.status, lp.sol_status
    detail = f"{pulp.LpStatus.get(status, status)} / {pulp.LpSolution.get(solution, solution)}"
    if name is SolverName.HIGHS:
        model_status = lp.solverModel.getModelStatus()
        detail = lp.solverModel.modelStatusToString(model_status)
        if "time limit" in detail.lower():
            return (Termination.FEASIBLE if solution == pulp.LpSolutionIntegerFeasible
                    else Termination.TIME_LIMIT), detail
    if solution == pulp.LpSolutionOptimal:
        return Termination.OPTIMAL, detail
    if solution == pulp.LpSolutionIntegerFeasible:
        return Termination.FEASIBLE, detail
    if solution == pulp.LpSolutionInfeasible or status == pulp.LpStatusInfeasible:
        return Termination.INFEASIBLE, detail
    if solution == pulp.LpSolutionNoSolutionFound and status == pulp.LpStatusNotSolved:
        return Termination.TIME_LIMIT, detail
    return Termination.NOT_SOLVED, detail


def _highs_bound(lp: pulp.LpProblem) -> float | None:
    """HiGHS's proven dual bound in the model's own sense (PuLP hands HiGHS a minimization)."""
    info = lp.solverModel.getInfo()
    bound = float(info.mip_dual_bound)
    if not math.isfinite(bound):
        return None
    return -bound if lp.sense == pulp.LpMaximize else bound
