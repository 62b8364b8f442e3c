"""``roadmap report``: the full Excel report (plan, budget scenarios, frontier, risk, charts).

The command parses its options, plans, and writes what ``roadmap.report.build_report_content``
computes. ``roadmap plan --out FILE.xlsx`` writes the same workbook through
``check_report_path`` and ``write_plan_report``. The planner and the report (PuLP, matplotlib,
openpyxl) are imported when the command runs, not when the CLI starts.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

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
from roadmap.errors import InputError
from roadmap.io.atomic import check_output_path, write_text_atomically
from roadmap.io.inputs import load_inputs
from roadmap.numbers import format_decimal, format_rupiah_short, parse_budgets

if TYPE_CHECKING:
    from roadmap.io.inputs import Inputs
    from roadmap.optimizer import PlanOptions
    from roadmap.plan import Plan

# A budget below this many rupiah is surely a misread decimal comma ("1,5 M" split at ",").
SMALLEST_BUDGET = 1_000.0
FIRST_YEAR, LAST_YEAR = 2000, 2100


@app.command("report")
def report_command(
    assessment: Annotated[Path, typer.Argument(
        metavar="PENILAIAN", help="Berkas penilaian (.csv atau .xlsx).")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="Berkas laporan Excel (.xlsx); bawaan: nama dari judul, mis. "
                      "rencana-aksi-spbe-kabupaten-belu-2027.xlsx.")] = None,
    budget: Annotated[str | None, typer.Option(
        "--budget", help="Anggaran, mis. \"750 jt\", \"1,5 M\", \"Rp 750.000.000\".")] = None,
    target: Annotated[str | None, typer.Option(
        "--target", help="Target indeks harapan: cari rencana termurah yang mencapainya.")] = None,
    pemda: Annotated[str | None, typer.Option(
        "--pemda", help="Pemerintah daerah untuk judul, mis. \"Kabupaten Belu\".")] = None,
    tahun: Annotated[int | None, typer.Option(
        "--tahun", min=FIRST_YEAR, max=LAST_YEAR,
        help="Tahun rencana aksi untuk judul, mis. 2027.")] = None,
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
    budgets: Annotated[str | None, typer.Option(
        "--budgets", help="Anggaran skenario, mis. \"500 jt; 1 M; 1,5 M\" (bawaan: 50%-200% "
                          "dari --budget). " + BUDGET_LIST_RULE)] = None,
    markdown: Annotated[Path | None, typer.Option(
        "--markdown", help="Simpan juga ringkasan Markdown (.md).")] = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Timpa berkas --out / --markdown yang sudah ada.")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", min=1, max=64, help="Jumlah proses untuk menghitung skenario anggaran.")] = 1,
) -> None:
    """Tulis laporan Excel lengkap: ringkasan, rencana aksi, skenario anggaran, indikator,
    ketergantungan, asumsi, dan grafik."""
    from roadmap.optimizer import optimize
    from roadmap.report import report_file_name
    from roadmap.scenarios import with_rule_sources

    if budget is None and target is None:
        raise InputError("tentukan --budget atau --target")
    inputs = load_inputs(assessment, framework, actions, rules, tuple(without_source or ()),
                         bukti=bukti, riwayat=riwayat)
    options = plan_options(budget, target, force, exclude, months, opd_budget, opd_max,
                           solver, time_limit)
    if out is None:
        out = Path(report_file_name(inputs.problem.framework, pemda or "", tahun))
    check_report_path(out, overwrite, inputs.files)
    if markdown is not None:
        check_output_path(markdown, overwrite=overwrite, inputs=(*inputs.files, out))
    what_if = tuple(sorted(set(parse_budgets(budgets)))) if budgets is not None else None
    check_action_ids(inputs.problem, options)
    plan = with_rule_sources(inputs.problem, options, optimize(inputs.problem, options))
    fw = inputs.problem.framework
    typer.echo(f"Rencana: indeks {format_decimal(plan.index_before)} -> harapan "
               f"{format_decimal(plan.expected_index)} ({plan.expected_predicate}), "
               f"{len(plan.selected)} aksi, {format_rupiah_short(plan.total_cost)}")
    write_plan_report(out, inputs, options, plan, budgets=what_if, markdown=markdown,
                      jobs=jobs, pemda=pemda or "", tahun=tahun)
    typer.echo(f"Laporan Excel {fw.index_name} ditulis ke {out}")
    if markdown is not None:
        typer.echo(f"Ringkasan Markdown ditulis ke {markdown}")


def check_report_path(out: Path, overwrite: bool, inputs: tuple[Path, ...]) -> None:
    """Refuse a report path that is not .xlsx, exists (without ``overwrite``) or is an input."""
    if out.suffix.lower() != ".xlsx":
        raise InputError("laporan harus berkas .xlsx", file=str(out))
    check_output_path(out, overwrite=overwrite, inputs=inputs)


def write_plan_report(out: Path, inputs: Inputs, options: PlanOptions, plan: Plan, *,
                      budgets: tuple[float, ...] | None = None, markdown: Path | None = None,
                      jobs: int = 1, pemda: str = "", tahun: int | None = None) -> None:
    """Compute the report of ``plan`` (``build_report_content``; budget scenarios in ``jobs``
    processes, with a progress bar on stderr) and write the workbook to ``out`` (and the
    Markdown summary to ``markdown``)."""
    from roadmap.optimizer import optimize
    from roadmap.report import (
        build_report_content,
        default_budgets,
        markdown_summary,
        save_report,
    )

    uncalibrated_index = None
    if inputs.uncalibrated is not None:
        uncalibrated_index = optimize(replace(inputs.problem, catalogue=inputs.uncalibrated),
                                      options).expected_index
    with typer.progressbar(length=len(budgets or default_budgets(plan)),
                           label="Skenario anggaran", file=sys.stderr) as bar:
        content = build_report_content(
            inputs.problem, options, plan, pemda=pemda, tahun=tahun, budgets=budgets,
            source=inputs.files[0], actions_origin=inputs.actions_origin,
            rules_origin=inputs.rules_origin, jobs=jobs,
            progress=lambda _done, _total: bar.update(1), calibration=inputs.calibration,
            uncalibrated_index=uncalibrated_index)
    save_report(out, content)
    if markdown is not None:
        write_text_atomically(markdown, markdown_summary(
            content.problem, content.plan, scenarios=content.scenarios,
            simulation=content.simulation, pemda=pemda, tahun=tahun))
