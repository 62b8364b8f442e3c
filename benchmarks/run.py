"""Benchmark the planner: build and solve time, end to end, greedy quality, memory.

Run on demand (not part of the tests)::

    python benchmarks/run.py > benchmark.md          # full run, a few minutes on 2 cores
    python benchmarks/run.py --sizes 100 --repeats 3  # quick look

Every row runs in a fresh child process (so its peak memory is its own). A row is run once as
a warm-up; if that took longer than ``--slow`` seconds the warm-up is the only run reported
(``runs`` = 1), otherwise ``--repeats`` more runs follow and each phase is their median.
Phases: *load* (reading the bundled files; default catalogues only), *build* (``build_model``
on a fresh ``PlanningProblem``, so derived structure is included), *solve* (``solve``: the
solver with PuLP's model hand-over), *post* (everything after: pruning, the exact expectation,
ranking with contributions, reasons, evidence and near misses). *End to
end* is their sum. A second table splits the time further (the blocks' admissible selections and
exact probabilities inside build; ranking with contributions and near misses inside post).
Results are Markdown on stdout.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import multiprocessing
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generated import generated_catalogue  # noqa: E402
from roadmap.numbers import format_rupiah_short  # noqa: E402

EXAMPLES = ROOT / "data" / "examples"
DEFAULTS = {"SPBE bawaan": EXAMPLES / "spbe-cukup.csv",
            "Pemdi bawaan": EXAMPLES / "pemdi-kurang.csv"}
BUDGET = 750_000_000.0
PACKAGES = ("pulp", "highspy", "networkx", "numpy", "pandas")


@dataclass(frozen=True)
class Row:
    catalogue: str          # "SPBE bawaan", "Pemdi bawaan" or "generated"
    size: int               # number of actions (0: the default catalogue's own)
    certain: bool           # all p = 1
    solver: str
    time_limit: float | None = None
    months: int | None = 12  # the month limit (None: no month constraints in the model)


@dataclass
class Result:
    row: Row
    actions: int = 0
    runs: int = 0
    phases: dict[str, float] = field(default_factory=dict)
    detail: dict[str, float] = field(default_factory=dict)
    status: str = ""
    exact_model: bool = True
    index_before: float = 0.0
    expected: float = 0.0
    greedy: float = 0.0
    greedy_seconds: float = 0.0
    peak_mib: float = 0.0
    solver_peak_mib: float = 0.0
    error: str = ""


class Timers:
    """Wall time spent inside chosen functions, installed by wrapping them in their modules."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, module: Any, name: str, label: str) -> None:
        inner: Callable[..., Any] = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + (
                    time.perf_counter() - started)

        setattr(module, name, timed)


def _problem(row: Row) -> tuple[Any, float]:
    """A fresh planning problem for ``row`` and the seconds spent loading files."""
    from roadmap.actions import Catalogue
    from roadmap.io.inputs import load_inputs
    from roadmap.problem import PlanningProblem

    started = time.perf_counter()
    if row.catalogue in DEFAULTS:
        problem = load_inputs(DEFAULTS[row.catalogue]).problem
        if row.certain:
            certain = Catalogue(problem.framework, tuple(
                replace(a, probability=1.0) for a in problem.catalogue))
            problem = PlanningProblem(problem.assessment, certain, problem.rules)
        return problem, time.perf_counter() - started
    base = load_inputs(EXAMPLES / "spbe-cukup.csv").problem
    catalogue = generated_catalogue(base.framework, base.assessment.values, row.size,
                                    seed=row.size, certain=row.certain)
    return PlanningProblem(base.assessment, catalogue, base.rules), 0.0


def _once(row: Row, timers: Timers) -> tuple[dict[str, float], Any, Any]:
    from roadmap.optimizer import PlanOptions, optimize

    problem, load = _problem(row)
    options = PlanOptions(budget=BUDGET, solver=row.solver, time_limit=row.time_limit,
                          max_months=row.months)
    timers.seconds.clear()
    started = time.perf_counter()
    plan = optimize(problem, options)
    total = time.perf_counter() - started
    phases = {"load": load, "build": plan.build_seconds, "solve": plan.solve_seconds,
              "post": total - plan.build_seconds - plan.solve_seconds}
    phases["end to end"] = load + total
    return phases, plan, problem


def run_row(row: Row, repeats: int, slow: float) -> Result:
    """Measure one row (meant to run in its own process)."""
    import roadmap.greedy
    import roadmap.model
    import roadmap.ranking
    from roadmap.greedy import greedy_plan
    from roadmap.optimizer import PlanOptions

    timers = Timers()
    timers.wrap(roadmap.model, "admissible_selections", "block selections")
    timers.wrap(roadmap.model, "cover_probability", "block probabilities")
    timers.wrap(roadmap.ranking, "rank_order", "rank + contributions")
    timers.wrap(roadmap.ranking, "near_misses", "near misses")
    result = Result(row)
    try:
        runs = [_once(row, timers)]
        details = [dict(timers.seconds)]
        if runs[0][0]["end to end"] <= slow:
            runs, details = [], []
            for _ in range(repeats):
                runs.append(_once(row, timers))
                details.append(dict(timers.seconds))
        result.runs = len(runs)
        result.phases = {k: statistics.median(r[0][k] for r in runs) for k in runs[0][0]}
        result.detail = {k: statistics.median(d.get(k, 0.0) for d in details)
                         for k in sorted({k for d in details for k in d})}
        _, plan, problem = runs[-1]
        result.actions = len(problem.catalogue)
        result.status = plan.status
        result.exact_model = plan.exact_model
        result.index_before = plan.index_before
        result.expected = plan.expected_index
        started = time.perf_counter()
        result.greedy = greedy_plan(problem, PlanOptions(budget=BUDGET, max_months=row.months)
                                    ).expected_index
        result.greedy_seconds = time.perf_counter() - started
    except Exception as err:  # noqa: BLE001  (a benchmark reports, it does not stop)
        result.error = f"{type(err).__name__}: {err}"
    result.peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.solver_peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def _in_child(row: Row, repeats: int, slow: float) -> Result:
    context = multiprocessing.get_context("fork")
    with context.Pool(1, maxtasksperchild=1) as pool:
        return pool.apply(run_row, (row, repeats, slow))


def machine() -> list[str]:
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.rstrip()
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in PACKAGES)
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), "")
    return [
        f"- CPU: {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} "
        f"cores ({cpu or platform.processor()}), {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}; CBC bundled with PuLP, HiGHS "
        "through highspy; solvers run with 1 thread",
        "- `free -h`:", "", "```", memory, "```",
    ]


def _p(row: Row) -> str:
    if row.certain:
        return "1" if row.catalogue not in DEFAULTS else "all set to 1"
    return "< 1" if row.catalogue not in DEFAULTS else "as in catalogue (< 1)"


def _solver(row: Row) -> str:
    text = row.solver.upper() + (f" (limit {row.time_limit:g} s)" if row.time_limit else "")
    return text + (", no month limit" if row.months is None else "")


def _f(seconds: float) -> str:
    return f"{seconds:.2f}"


def tables(results: list[Result]) -> list[str]:
    lines = [
        "| catalogue | actions | p | solver | runs | load s | build s | solve s | post s "
        "| end to end s | status | index before | expected index | greedy index "
        "| greedy share of the optimum's gain | peak memory MiB (Python / CBC) |",
        "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        name = r.row.catalogue if r.row.catalogue in DEFAULTS else "generated"
        p = _p(r.row)
        solver = _solver(r.row)
        if r.error:
            lines.append(f"| {name} | {r.row.size or ''} | {p} | {solver} | – | | | | | | "
                         f"{r.error} | | | | | |")
            continue
        ph = r.phases
        gain = r.expected - r.index_before
        share = (r.greedy - r.index_before) / gain if gain > 1e-12 else 1.0
        lines.append(
            f"| {name} | {r.actions} | {p} | {solver} | {r.runs} | {_f(ph['load'])} "
            f"| {_f(ph['build'])} | {_f(ph['solve'])} | {_f(ph['post'])} "
            f"| **{_f(ph['end to end'])}** | {r.status} | {r.index_before:.4f} "
            f"| {r.expected:.4f} | {r.greedy:.4f} | {share:.0%} "
            f"| {r.peak_mib:.0f} / {r.solver_peak_mib:.0f} |")
    lines += [
        "", "Where the time goes (seconds, medians as above):", "",
        "| catalogue | actions | p | solver | build | of which block selections "
        "| of which block probabilities | solve | post | of which rank + contributions "
        "| of which near misses | greedy baseline alone |",
        "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.error:
            continue
        d, ph = r.detail, r.phases
        p = _p(r.row)
        name = r.row.catalogue if r.row.catalogue in DEFAULTS else "generated"
        lines.append(
            f"| {name} | {r.actions} | {p} | {_solver(r.row)} | {_f(ph['build'])} "
            f"| {_f(d.get('block selections', 0.0))} | {_f(d.get('block probabilities', 0.0))} "
            f"| {_f(ph['solve'])} | {_f(ph['post'])} | {_f(d.get('rank + contributions', 0.0))} "
            f"| {_f(d.get('near misses', 0.0))} | {_f(r.greedy_seconds)} |")
    return lines


def rows(sizes: list[int], uncertain_up_to: int, highs_limit: float) -> list[Row]:
    plan = [Row(name, 0, certain, solver) for name in DEFAULTS for certain in (False, True)
            for solver in ("cbc", "highs")]
    for size in sizes:
        for certain in (True, False):
            if not certain and size > uncertain_up_to:
                continue
            for solver in ("cbc", "highs"):
                if not certain and size >= 10_000:
                    continue
                limit = highs_limit if size >= 1000 else None
                plan.append(Row("generated", size, certain, solver, limit))
        if size >= 10_000:  # where the solve time goes: the month-limit constraints
            plan += [Row("generated", size, True, solver, None, months=None)
                     for solver in ("cbc", "highs")]
    return plan


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--slow", type=float, default=8.0,
                        help="a warm-up longer than this (s) is reported as the only run")
    parser.add_argument("--uncertain-up-to", type=int, default=1000,
                        help="largest generated catalogue run with probabilities below 1")
    parser.add_argument("--highs-limit", type=float, default=10.0,
                        help="solver time limit (s) from 1,000 actions")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    started = time.perf_counter()
    results = []
    for row in rows(sizes, args.uncertain_up_to, args.highs_limit):
        result = _in_child(row, args.repeats, args.slow)
        results.append(result)
        print(f"{row} done: {result.phases.get('end to end', float('nan')):.2f} s "
              f"{result.error}", file=sys.stderr, flush=True)
    lines = [f"# Benchmark ({format_rupiah_short(BUDGET)} budget, month limit 12)", "",
             *machine(), "", *tables(results), "",
             f"Total benchmark wall time: {time.perf_counter() - started:.0f} s."]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
