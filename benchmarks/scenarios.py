"""Benchmark: Monte Carlo of a plan, the minimum budget per band and the efficient frontier.

For the bundled examples and an all-Rintisan pemda (every indicator at level 1), with the
default catalogue and rules:

* ``simulate_plan`` with 10,000 draws of the optimal plan for Rp 1 M;
* ``minimum_budgets`` (one proven target-mode solve per band above today's), with the default
  12-month limit and without a month limit;
* ``efficient_frontier`` up to Rp 3 M (12 budgets plus the bands' minimums, each a proven
  optimum), in one process and in two.

Prints a Markdown table; times are the best of ``--repeat`` runs (wall clock).

    python benchmarks/scenarios.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from roadmap.assessment import Assessment  # noqa: E402
from roadmap.io.actions_file import read_default_catalogue  # noqa: E402
from roadmap.io.inputs import load_inputs  # noqa: E402
from roadmap.io.rules_file import read_default_rules  # noqa: E402
from roadmap.numbers import format_rupiah_short  # noqa: E402
from roadmap.optimizer import PlanOptions, optimize  # noqa: E402
from roadmap.problem import PlanningProblem  # noqa: E402
from roadmap.scenarios import efficient_frontier, minimum_budgets  # noqa: E402
from roadmap.simulate import simulate_plan  # noqa: E402

EXAMPLES = ROOT / "data" / "examples"
JUTA = 1_000_000.0
T = TypeVar("T")


def problems() -> dict[str, PlanningProblem]:
    """The bundled examples and an all-Rintisan SPBE pemda with the default catalogue."""
    result = {name: load_inputs(EXAMPLES / f"{name}.csv").problem
              for name in ("spbe-cukup", "spbe-baik", "pemdi-kurang")}
    framework = result["spbe-cukup"].framework
    rintisan = Assessment(framework, {i: 1.0 for i in framework.indicator_ids}, name="rintisan")
    result["rintisan"] = PlanningProblem(rintisan, read_default_catalogue(framework),
                                         read_default_rules(framework))
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("| pemda | Monte Carlo 10,000 s | minimum budgets s (12 months) | minimum budget of "
          "the next band | minimum budgets s (no limit) | frontier to Rp 3 M s (1 / 2 "
          "processes) | frontier points |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, problem in problems().items():
        plan = optimize(problem, PlanOptions(budget=1000 * JUTA))
        simulated, _ = best_of(args.repeat, lambda p=problem, s=plan.selected_ids:
                               simulate_plan(p, s))
        limited, minimums = best_of(args.repeat, lambda p=problem:
                                    minimum_budgets(p, PlanOptions()))
        free, _ = best_of(args.repeat, lambda p=problem:
                          minimum_budgets(p, PlanOptions(max_months=None)))
        serial, frontier = best_of(args.repeat, lambda p=problem:
                                   efficient_frontier(p, 3000 * JUTA, PlanOptions()))
        parallel, _ = best_of(args.repeat, lambda p=problem: efficient_frontier(
            p, 3000 * JUTA, PlanOptions(), n_jobs=2))
        following = next(iter(minimums.items()), None)
        band = (f"{following[0]}: " + (format_rupiah_short(following[1])
                                       if following[1] is not None else "tidak tercapai")
                if following else "-")
        print(f"| {name} | {simulated:.2f} | {limited:.2f} | {band} | {free:.2f} "
              f"| {serial:.2f} / {parallel:.2f} | {len(frontier)} |", flush=True)


if __name__ == "__main__":
    main()
