"""``roadmap report``: the full Excel report (plan, budget scenarios, frontier, risk, charts).

``roadmap plan --out FILE.xlsx`` writes the same workbook through ``check_report_path`` and
``write_plan_report``.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from roadmap.cli.app import app
from roadmap.cli.options import (
    BUDGET_LIST_RULE,
    ActionsOpt,
    DropSourceOpt,
    ExcludeOpt,
    ForceOpt,
    FrameworkOpt,
    MonthsOpt,
    OpdBudgetOpt,
    OpdMaxOpt,
    RulesOpt,
    SolverOpt,
    TimeLimitOpt,
    plan_options,
)
from roadmap.errors import InputError
from roadmap.io.atomic import check_output_path, write_text_atomically
from roadmap.io.inputs import Inputs, load_inputs
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short, parse_budgets
from roadmap.optimizer import PlanOptions, optimize
from roadmap.plan import Plan
from roadmap.report import NONE, cheapest_known, markdown_summary, write_report
from roadmap.scenarios import budget_scenarios, efficient_frontier, minimum_budgets
from roadmap.simulate import simulate_plan

# Default what-if budgets, as shares of the plan's budget ("what if the DPRD cuts it?").
DEFAULT_SHARES = (0.5, 0.75, 1.0, 1.5, 2.0)
# The frontier reaches at least this multiple of the plan's budget, and at most this reach
# to show where the next predicate band starts.
FRONTIER_SHARE = 2.0
FRONTIER_REACH = 4.0


@app.command("report")
def report_command(
    assessment: Annotated[Path, typer.Argument(help="Berkas penilaian (.csv atau .xlsx).")],
    out: Annotated[Path, typer.Option("--out", help="Berkas laporan Excel (.xlsx).")],
    budget: Annotated[str | None, typer.Option(
        "--budget", help="Anggaran, mis. \"750 jt\", \"1,5 M\", \"Rp 750.000.000\".")] = None,
    target: Annotated[str | None, typer.Option(
        "--target", help="Target indeks harapan: cari rencana termurah yang mencapainya.")] = None,
    framework: FrameworkOpt = None,
    actions: ActionsOpt = None,
    rules: RulesOpt = None,
    force: ForceOpt = None,
    exclude: ExcludeOpt = None,
    months: MonthsOpt = 12,
    opd_budget: OpdBudgetOpt = None,
    opd_max: OpdMaxOpt = None,
    without_source: DropSourceOpt = None,
    solver: SolverOpt = "cbc",
    time_limit: TimeLimitOpt = None,
    budgets: Annotated[str | None, typer.Option(
        "--budgets", help="Anggaran skenario, mis. \"500 jt; 1 M; 1,5 M\" (bawaan: 50%-200% "
                          "dari --budget). " + BUDGET_LIST_RULE)] = None,
    markdown: Annotated[Path | None, typer.Option(
        "--markdown", help="Simpan juga ringkasan Markdown (.md).")] = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Timpa berkas --out / --markdown yang sudah ada.")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", min=1, help="Jumlah proses untuk menghitung skenario anggaran.")] = 1,
) -> None:
    """Tulis laporan Excel lengkap: ringkasan, rencana aksi, skenario anggaran, indikator,
    ketergantungan, asumsi, dan grafik."""
    if budget is None and target is None:
        raise InputError("tentukan --budget atau --target")
    inputs = load_inputs(assessment, framework, actions, rules, tuple(without_source or ()))
    options = plan_options(budget, target, force, exclude, months, opd_budget, opd_max,
                           solver, time_limit)
    check_report_path(out, overwrite, inputs.files)
    if markdown is not None:
        check_output_path(markdown, overwrite=overwrite, inputs=(*inputs.files, out))
    what_if = tuple(sorted(set(parse_budgets(budgets)))) if budgets is not None else None
    plan = optimize(inputs.problem, options)
    fw = inputs.problem.framework
    typer.echo(f"Rencana: indeks {format_decimal(plan.index_before)} -> harapan "
               f"{format_decimal(plan.expected_index)} ({plan.expected_predicate}), "
               f"{len(plan.selected)} aksi, {format_rupiah_short(plan.total_cost)}")
    write_plan_report(out, inputs, options, plan, budgets=what_if, markdown=markdown,
                      jobs=jobs)
    typer.echo(f"Laporan Excel {fw.index_name} ditulis ke {out}")
    if markdown is not None:
        typer.echo(f"Ringkasan Markdown ditulis ke {markdown}")


def check_report_path(out: Path, overwrite: bool, inputs: tuple[Path, ...]) -> None:
    """Refuse a report path that is not .xlsx, exists (without ``overwrite``) or is an input."""
    if out.suffix.lower() != ".xlsx":
        raise InputError("laporan harus berkas .xlsx", file=str(out))
    check_output_path(out, overwrite=overwrite, inputs=inputs)


def default_budgets(plan: Plan) -> tuple[float, ...]:
    """What-if budgets around the plan's budget (or its cost in target mode), in whole
    millions of rupiah.

    >>> from types import SimpleNamespace
    >>> default_budgets(SimpleNamespace(budget=8e8, total_cost=7.5e8))
    (400000000.0, 600000000.0, 800000000.0, 1200000000.0, 1600000000.0)
    >>> default_budgets(SimpleNamespace(budget=None, total_cost=7.5e8))[:2]
    (375000000.0, 562000000.0)
    """
    base = plan.budget if plan.budget is not None else plan.total_cost
    return tuple(sorted({round(base * share / 1e6) * 1e6 for share in DEFAULT_SHARES}))


def write_plan_report(out: Path, inputs: Inputs, options: PlanOptions, plan: Plan, *,
                      budgets: tuple[float, ...] | None = None, markdown: Path | None = None,
                      jobs: int = 1) -> None:
    """Compute the budget scenarios (``jobs`` processes), the minimum budget per band, the
    efficient frontier and the simulation of ``plan``, then write the workbook to ``out``
    (and the Markdown summary to ``markdown``).

    The frontier reaches twice the plan's budget and the largest scenario budget, and, when
    it is at most ``FRONTIER_REACH`` times the plan's budget, the minimum budget of the band
    above the plan's expected predicate (so the chart shows where that band starts).
    """
    problem = inputs.problem
    sweep = replace(options, target=None, budget=None)
    what_if = budgets if budgets is not None else default_budgets(plan)
    with typer.progressbar(length=len(what_if), label="Skenario anggaran",
                           file=sys.stderr) as bar:
        scenarios = budget_scenarios(problem, what_if, sweep, n_jobs=jobs,
                                     progress=lambda _done, _total: bar.update(1))
    minimums = minimum_budgets(problem, sweep)
    base = plan.budget if plan.budget is not None else plan.total_cost
    limit = max([*what_if, FRONTIER_SHARE * base])
    following = problem.framework.next_band(plan.expected_index)
    needed = minimums.get(following.name) if following is not None else None
    if needed is not None and needed <= FRONTIER_REACH * base:
        limit = max(limit, needed * 1.1)
    frontier = efficient_frontier(problem, limit, sweep) if limit > 0 else ()
    minimums = cheapest_known(problem.framework, minimums, frontier)
    simulation = simulate_plan(problem, plan.selected_ids)
    note = {
        "Berkas penilaian": str(inputs.files[0]),
        "Nama penilaian": problem.assessment.name or NONE,
        "Katalog aksi": inputs.actions_origin,
        "Aturan ketergantungan": inputs.rules_origin,
        "Anggaran skenario": "; ".join(format_rupiah(b) for b in what_if),
        "Batas efisien dihitung sampai": format_rupiah(limit),
    }
    write_report(out, problem, options, plan, scenarios=scenarios, frontier=frontier,
                 simulation=simulation, minimum_budgets=minimums, inputs_note=note)
    if markdown is not None:
        write_text_atomically(markdown, markdown_summary(problem, plan, scenarios=scenarios,
                                                         simulation=simulation))
