"""Benchmark: Monte Carlo of a plan and the exact efficient frontier on the full SPBE catalogue.

For the bundled SPBE examples and an all-Rintisan pemda (every indicator at level 1), with the
default catalogue and rules:

* ``simulate_plan`` with 10,000 draws of two plans: the optimal plan for Rp 1 M and the plan
  holding every candidate action (the most nodes to propagate). Target: under 0.5 s.
* ``efficient_frontier`` up to Rp 5 M with the default options (12-month limit): the exact
  AND/OR search, which needs no MILP solver, so CBC and HiGHS give the same time. Target:
  under 5 s. Also without a month limit (``--months 0``), where longer chains link more
  actions.
* For comparison, the MILP epsilon-constraint fallback (one or two MILP solves per step) with
  CBC and with HiGHS, up to ``--milp-budget`` (it takes about a second per step), and whether
  its steps match the search's there.

Prints Markdown tables; times are the best of ``--repeat`` runs (wall clock, one process).

    python benchmarks/scenarios.py [--repeat 3] [--milp-budget 300000000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np

from roadmap import scenarios
from roadmap.assessment import Assessment
from roadmap.expectation import expected_outcome
from roadmap.io.actions_file import read_default_catalogue
from roadmap.io.inputs import load_inputs
from roadmap.io.rules_file import read_default_rules
from roadmap.numbers import format_decimal, format_rupiah_short
from roadmap.optimizer import PlanOptions, candidate_actions, optimize
from roadmap.problem import PlanningProblem
from roadmap.scenarios import FrontierPoint, efficient_frontier
from roadmap.simulate import simulate_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
JUTA = 1_000_000.0
T = TypeVar("T")


def problems() -> dict[str, PlanningProblem]:
    """The bundled SPBE examples and an all-Rintisan pemda, with the default catalogue (and,
    for comparison, the bundled Pemdi example)."""
    result = {name: load_inputs(EXAMPLES / f"{name}.csv").problem
              for name in ("spbe-cukup", "spbe-baik")}
    framework = result["spbe-cukup"].framework
    rintisan = Assessment(framework, {i: 1.0 for i in framework.indicator_ids}, name="rintisan")
    result["rintisan"] = PlanningProblem(rintisan, read_default_catalogue(framework),
                                         read_default_rules(framework))
    result["pemdi-kurang"] = load_inputs(EXAMPLES / "pemdi-kurang.csv").problem
    return result


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """The shortest wall time of ``repeat`` runs, and the last result."""
    times = []
    result: T
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result


def milp_frontier(problem: PlanningProblem, budget: float, solver: str
                  ) -> tuple[FrontierPoint, ...]:
    """The frontier by the MILP fallback (the search is told to give up at once)."""
    limit = scenarios.SEARCH_LIMIT
    scenarios.SEARCH_LIMIT = 0
    try:
        return efficient_frontier(problem, budget, PlanOptions(solver=solver))
    finally:
        scenarios.SEARCH_LIMIT = limit


def same_steps(a: tuple[FrontierPoint, ...], b: tuple[FrontierPoint, ...]) -> str:
    if [p.cost for p in a] != [p.cost for p in b]:
        return "no (costs differ)"
    worst = max(abs(p.expected_index - q.expected_index) for p, q in zip(a, b, strict=True))
    return f"yes (max diff {worst:.1e})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--max-budget", type=float, default=5000 * JUTA)
    parser.add_argument("--milp-budget", type=float, default=300 * JUTA)
    args = parser.parse_args()
    cases = problems()

    print(f"### Monte Carlo, {args.draws:,} draws (best of {args.repeat})\n")
    print("| assessment | plan | actions | seconds | mean | exact | std. error |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, problem in cases.items():
        plan = optimize(problem, PlanOptions(budget=1000 * JUTA, solver="highs"))
        everything = [a.id for a in candidate_actions(problem, PlanOptions(max_months=None))]
        for label, selected, exact in (
                ("optimal for Rp 1 M", plan.selected_ids, plan.expected_index),
                ("every candidate action", everything,
                 expected_outcome(problem, everything).expected_index)):
            seconds, sim = best_of(args.repeat, partial(simulate_plan, problem, selected,
                                                        draws=args.draws))
            print(f"| {name} | {label} | {len(selected)} | {seconds:.3f} | "
                  f"{format_decimal(sim.mean, 4)} | {format_decimal(exact, 4)} | "
                  f"{sim.standard_error:.4f} |",
                  flush=True)

    top = format_rupiah_short(args.max_budget)
    print(f"\n### Exact frontier up to {top}, AND/OR search (best of {args.repeat})\n")
    print("| assessment | month limit | seconds | steps | components | last step |")
    print("|---|---|---:|---:|---:|---|")
    for name, problem in cases.items():
        for months in (12, None):
            options = PlanOptions(budget=args.max_budget, max_months=months)
            candidates = candidate_actions(problem, options)
            factors = scenarios.plan_factors(problem, options, candidates)
            assert factors is not None
            search = scenarios.FrontierSearch(
                np.array([a.cost for a in candidates]), factors, args.max_budget + 0.5,
                scenarios.SEARCH_LIMIT)
            started = time.perf_counter()
            try:
                search.run()
            except scenarios.SearchTooLarge:
                print(f"| {name} | {months or 'none'} | {time.perf_counter() - started:.1f} | "
                      f"- | > {scenarios.SEARCH_LIMIT:,} | search gives up here "
                      "(efficient_frontier falls back to the MILP) |", flush=True)
                continue
            seconds, frontier = best_of(args.repeat, partial(
                efficient_frontier, problem, args.max_budget, options))
            last = frontier[-1]
            print(f"| {name} | {months or 'none'} | {seconds:.2f} | {len(frontier)} | "
                  f"{len(search.cache):,} | {format_rupiah_short(last.cost)} -> "
                  f"{format_decimal(last.expected_index)} |", flush=True)

    low = format_rupiah_short(args.milp_budget)
    print(f"\n### MILP epsilon-constraint fallback up to {low} (one run)\n")
    print("| assessment | solver | seconds | steps | seconds per step | same steps as search |")
    print("|---|---|---:|---:|---:|---|")
    for name, problem in cases.items():
        searched = efficient_frontier(problem, args.milp_budget, PlanOptions())
        for solver in ("cbc", "highs"):
            started = time.perf_counter()
            frontier = milp_frontier(problem, args.milp_budget, solver)
            seconds = time.perf_counter() - started
            print(f"| {name} | {solver} | {seconds:.1f} | {len(frontier)} | "
                  f"{seconds / len(frontier):.2f} | {same_steps(frontier, searched)} |",
                  flush=True)


if __name__ == "__main__":
    main()
