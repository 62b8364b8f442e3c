"""Benchmark: a five-year Peta Rencana on the full default SPBE catalogue.

For the bundled SPBE examples and an all-Rintisan pemda (every indicator at level 1, the
largest model), five years with two budget profiles, objectives ``final`` (the default: final
year, then the sum of yearly indices as tie-break) and ``sum``: model build time, solve time
(all solver stages), total wall time (including pruning, advancing, exact evaluation and
ranking), the status, the proven gap (bound minus the exact value of the chosen schedule, in
index points: final-year gain for ``final``, summed gains for ``sum``), whether the tie-break
was proven, and the exact expected index per year (track records across years included).

    python benchmarks/multiyear.py [--time-limit 10] [--solver highs] [--objective final sum]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from roadmap.assessment import Assessment
from roadmap.errors import RoadmapError
from roadmap.io.actions_file import read_default_catalogue
from roadmap.io.inputs import load_inputs
from roadmap.io.rules_file import read_default_rules
from roadmap.multiyear import MultiYearOptions, plan_multiyear
from roadmap.numbers import format_decimal
from roadmap.problem import PlanningProblem

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
JUTA = 1_000_000.0
PROFILES = {
    "5 x 500 jt": (500 * JUTA,) * 5,
    "300 jt naik ke 1 M": (300 * JUTA, 500 * JUTA, 750 * JUTA, 1000 * JUTA, 1000 * JUTA),
}


def problems() -> dict[str, PlanningProblem]:
    """The bundled SPBE examples and an all-Rintisan pemda, with the default catalogue."""
    result = {name: load_inputs(EXAMPLES / f"{name}.csv").problem
              for name in ("spbe-cukup", "spbe-baik")}
    framework = result["spbe-cukup"].framework
    rintisan = Assessment(framework, {i: 1.0 for i in framework.indicator_ids}, name="rintisan")
    result["rintisan"] = PlanningProblem(rintisan, read_default_catalogue(framework),
                                         read_default_rules(framework))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0,
                        help="solver time limit per solve, seconds")
    parser.add_argument("--solver", default="highs", choices=("highs", "cbc"))
    parser.add_argument("--objective", nargs="+", default=["final", "sum"],
                        choices=("final", "sum"))
    args = parser.parse_args()
    print(f"solver {args.solver}, time limit {args.time_limit:g} s per solve, 5 years, "
          "full default SPBE catalogue")
    header = (f"{'assessment':<11} {'budgets':<19} {'objective':<9} {'build s':>7} "
              f"{'solve s':>7} {'total s':>7} {'status':<9} {'exact model':<11} {'gap':>8} "
              f"{'tie-break':<9} {'final':>6}  trajectory")
    print(header)
    print("-" * len(header))
    for name, problem in problems().items():
        for profile, budgets in PROFILES.items():
            for objective in args.objective:
                options = MultiYearOptions(start_year=2027, years=5, budgets=budgets,
                                           objective=objective, solver=args.solver,
                                           time_limit=args.time_limit)
                started = time.perf_counter()
                try:
                    plan = plan_multiyear(problem, options)
                except RoadmapError as err:
                    print(f"{name:<11} {profile:<19} {objective:<9} "
                          f"{time.perf_counter() - started:>7.2f} s: {err}", flush=True)
                    continue
                total = time.perf_counter() - started
                trajectory = " ".join(format_decimal(y.expected_index) for y in plan.years)
                tie = "proven" if plan.tie_break_proven else "open"
                print(f"{name:<11} {profile:<19} {objective:<9} {plan.build_seconds:>7.2f} "
                      f"{plan.solve_seconds:>7.2f} {total:>7.2f} {str(plan.status):<9} "
                      f"{'yes' if plan.exact_model else 'no':<11} {plan.gap:>8.4f} "
                      f"{tie if objective == 'final' else '-':<9} "
                      f"{format_decimal(plan.final_index):>6}  "
                      f"{format_decimal(plan.index_before)} -> {trajectory}", flush=True)


if __name__ == "__main__":
    main()
