"""``roadmap scenarios``: the best plan for each of several budgets, the chance that each
reaches the next predicate, and the minimum budget for every predicate above today's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from roadmap.cli.app import app
from roadmap.cli.options import (
    BUDGET_LIST_RULE,
    ActionsOpt,
    BuktiOpt,
    DropSourceOpt,
    ExcludeOpt,
    ForceOpt,
    FrameworkOpt,
    MonthsOpt,
    OpdBudgetOpt,
    OpdMaxOpt,
    RiwayatOpt,
    RulesOpt,
    SolverOpt,
    TimeLimitOpt,
    check_action_ids,
    plan_options,
)
from roadmap.cli.text import echo_json, table
from roadmap.errors import InputError
from roadmap.framework import Band, Framework
from roadmap.io.atomic import check_output_path, write_atomically
from roadmap.io.inputs import load_inputs
from roadmap.labels import format_probability
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short, parse_budgets
from roadmap.optimizer import PlanOptions
from roadmap.plan import Plan
from roadmap.plan_format import plan_payload
from roadmap.problem import PlanningProblem
from roadmap.scenarios import budget_scenarios, efficient_frontier, minimum_budgets
from roadmap.simulate import DEFAULT_DRAWS, Simulation, simulate_plan

PLOT_DPI = 110
BUDGETS_HELP = "Daftar anggaran, mis. \"500 jt; 750 jt; 1,5 M\". " + BUDGET_LIST_RULE


@app.command("scenarios")
def scenarios_command(
    assessment: Annotated[Path, typer.Argument(
        metavar="PENILAIAN", help="Berkas penilaian (.csv atau .xlsx).")],
    budgets: Annotated[str, typer.Option("--budgets", help=BUDGETS_HELP)],
    framework: FrameworkOpt = None,
    actions: ActionsOpt = None,
    rules: RulesOpt = None,
    force: ForceOpt = None,
    exclude: ExcludeOpt = None,
    months: MonthsOpt = 12,
    opd_budget: OpdBudgetOpt = None,
    opd_max: OpdMaxOpt = None,
    without_source: DropSourceOpt = None,
    bukti: BuktiOpt = None,
    riwayat: RiwayatOpt = None,
    solver: SolverOpt = "highs",
    time_limit: TimeLimitOpt = None,
    draws: Annotated[int, typer.Option(
        "--draws", min=1, max=1_000_000,
        help="Jumlah simulasi Monte Carlo per anggaran.")] = DEFAULT_DRAWS,
    jobs: Annotated[int, typer.Option(
        "--jobs", min=1, max=64, help="Jumlah proses paralel untuk menyusun rencana.")] = 1,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Keluaran JSON (kontrak scenarios): daftar rencana, satu per anggaran.")
    ] = False,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Simpan grafik batas efisien (indeks harapan terbaik per anggaran) "
                       "ke berkas .png.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Timpa berkas --plot.")] = False,
) -> None:
    """Bandingkan rencana aksi terbaik untuk beberapa anggaran: indeks harapan, predikat,
    peluang mencapai predikat berikutnya, dan anggaran minimum tiap predikat."""
    amounts = parse_budgets(budgets)
    inputs = load_inputs(assessment, framework, actions, rules, tuple(without_source or ()),
                         bukti=bukti, riwayat=riwayat)
    if plot is not None:
        check_output_path(plot, overwrite=overwrite, inputs=inputs.files)
        if plot.suffix.lower() != ".png":
            raise InputError("grafik harus berakhiran .png", file=str(plot))
    options = plan_options(None, None, force, exclude, months, opd_budget, opd_max, solver,
                           time_limit)
    problem = inputs.problem
    check_action_ids(problem, options)
    plans = _plans(problem, amounts, options, jobs, quiet=as_json)
    simulations = [simulate_plan(problem, plan.selected_ids, draws=draws) for plan in plans]
    fw = problem.framework
    following = fw.next_band(problem.index_before)
    if as_json:
        echo_json([scenario_payload(plan, sim, fw, following)
                   for plan, sim in zip(plans, simulations, strict=True)])
    else:
        minimums = minimum_budgets(problem, options)
        typer.echo(scenarios_text(problem, plans, simulations, minimums, following))
    if plot is not None:
        from roadmap.charts.frontier import frontier_figure

        frontier = efficient_frontier(problem, max(amounts), options, budgets=amounts)
        figure = frontier_figure(frontier, fw, index_before=problem.index_before,
                                 marked_budgets=amounts,
                                 chosen_budget=amounts[0] if len(amounts) == 1 else None)
        write_atomically(plot, lambda temp: figure.savefig(temp, format="png", dpi=PLOT_DPI))
        if not as_json:
            typer.echo(f"Grafik batas efisien ditulis ke {plot}")


def _plans(problem: PlanningProblem, amounts: tuple[float, ...], options: PlanOptions,
           jobs: int, quiet: bool) -> tuple[Plan, ...]:
    """The plan of every budget, with a progress bar on a terminal's stderr."""
    with tqdm(total=len(amounts), desc="Skenario anggaran", unit="anggaran", file=sys.stderr,
              disable=quiet or not sys.stderr.isatty(), leave=False) as bar:
        return budget_scenarios(problem, amounts, options, n_jobs=jobs,
                                progress=lambda done, total: bar.update(done - bar.n))


def scenario_payload(plan: Plan, simulation: Simulation, framework: Framework,
                     following: Band | None) -> dict[str, object]:
    """One item of the ``scenarios`` contract: the plan object plus the simulated chances."""
    return {
        **plan_payload(plan, framework),
        "next_band": following.name if following else None,
        "probability_next_band": (simulation.band_probabilities[following.name]
                                  if following else None),
        "band_probabilities": simulation.band_probabilities,
        "simulation": {
            "draws": simulation.draws,
            "seed": simulation.seed,
            "mean": simulation.mean,
            "standard_error": simulation.standard_error,
            "percentiles": {str(q): v for q, v in simulation.percentiles.items()},
        },
    }


def scenarios_text(problem: PlanningProblem, plans: tuple[Plan, ...],
                   simulations: list[Simulation], minimums: dict[str, float | None],
                   following: Band | None) -> str:
    """The scenario table and the minimum budget per predicate, in Bahasa Indonesia."""
    fw = problem.framework
    name = problem.assessment.name
    chance = (f"Peluang >= {following.name} ({format_decimal(following.min)})"
              if following else "Peluang predikat berikutnya")
    rows = [
        (format_rupiah_short(plan.budget or 0.0), format_rupiah_short(plan.total_cost),
         len(plan.selected), format_decimal(plan.expected_index), plan.expected_predicate,
         format_probability(sim.band_probabilities[following.name]) if following else "-")
        for plan, sim in zip(plans, simulations, strict=True)
    ]
    lines = [
        f"Skenario anggaran {fw.index_name}" + (f" — {name}" if name else ""),
        f"Indeks sekarang {format_decimal(problem.index_before)} "
        f"({fw.predicate(problem.index_before)})",
        "",
        table(("Anggaran", "Total biaya", "Aksi", "Indeks harapan", "Predikat", chance), rows,
              "rrrrlr"),
        "",
        f"Peluang dari {format_decimal(simulations[0].draws, 0)} simulasi Monte Carlo per "
        "anggaran (tiap aksi berhasil secara independen sesuai peluangnya).",
    ]
    if minimums:
        lines += ["", "Anggaran minimum untuk mencapai predikat (rencana termurah):"]
        for band in fw.predicates:
            if band.name not in minimums:
                continue
            cost = minimums[band.name]
            lines.append(f"  {band.name} (>= {format_decimal(band.min)}): "
                         + (format_rupiah(cost) if cost is not None
                            else "tidak tercapai dengan katalog aksi dan batasan ini"))
    elif following is None:
        lines += ["", "Predikat sudah tertinggi."]
    return "\n".join(lines)


