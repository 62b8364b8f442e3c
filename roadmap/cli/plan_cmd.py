"""``roadmap plan``: the best rencana aksi within a budget, or the cheapest reaching a target."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap.cli.app import app
from roadmap.cli.options import (
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
from roadmap.cli.text import echo_json
from roadmap.errors import InputError
from roadmap.io.inputs import load_inputs
from roadmap.optimizer import optimize
from roadmap.plan_format import plan_payload, plan_text
from roadmap.scenarios import with_rule_sources


@app.command("plan")
def plan_command(
    assessment: Annotated[Path, typer.Argument(
        metavar="PENILAIAN", help="Berkas penilaian (.csv atau .xlsx).")],
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
    bukti: BuktiOpt = None,
    riwayat: RiwayatOpt = None,
    solver: SolverOpt = "highs",
    time_limit: TimeLimitOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON (kontrak plan).")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Simpan laporan Excel (.xlsx) rencana ini.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Timpa berkas --out.")] = False,
) -> None:
    """Susun rencana aksi dengan indeks harapan tertinggi dalam anggaran (atau termurah untuk
    mencapai --target)."""
    if budget is None and target is None:
        raise InputError("tentukan --budget atau --target")
    inputs = load_inputs(assessment, framework, actions, rules, tuple(without_source or ()),
                         bukti=bukti, riwayat=riwayat)
    options = plan_options(budget, target, force, exclude, months, opd_budget, opd_max,
                           solver, time_limit)
    if out is not None:
        from roadmap.cli.report_cmd import check_report_path

        check_report_path(out, overwrite, inputs.files)
    check_action_ids(inputs.problem, options)
    plan = with_rule_sources(inputs.problem, options, optimize(inputs.problem, options))
    fw = inputs.problem.framework
    if as_json:
        echo_json(plan_payload(plan, fw))
    else:
        typer.echo(plan_text(plan, fw, inputs.problem.assessment.name))
    if out is not None:
        from roadmap.cli.report_cmd import write_plan_report

        write_plan_report(out, inputs, options, plan)
        if not as_json:
            typer.echo(f"Laporan Excel ditulis ke {out}")
