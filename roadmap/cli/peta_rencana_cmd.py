"""``roadmap peta-rencana``: a multi-year Peta Rencana with yearly budgets.

The command parses its options, plans (``roadmap.multiyear``) and writes; the JSON payload and
the text come from ``roadmap.render.multiyear``, the ``Peta Rencana`` sheet from
``roadmap.report.multiyear``.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer
from matplotlib.figure import Figure
from openpyxl import Workbook

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
    RiwayatOpt,
    RulesOpt,
    parse_index,
)
from roadmap.cli.text import echo_json
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.atomic import check_output_path, write_atomically
from roadmap.io.inputs import load_inputs
from roadmap.multiyear import MAX_YEARS, MultiYearOptions, MultiYearPlan, plan_multiyear
from roadmap.numbers import parse_budgets
from roadmap.render.multiyear import peta_rencana_payload, peta_rencana_text

PLOT_DPI = 110
DEFAULT_TIME_LIMIT = 60.0
BUDGETS_HELP = (
    "Anggaran tiap tahun, mis. \"500 jt; 750 jt; 1 M\". " + BUDGET_LIST_RULE
    + " Satu anggaran berlaku untuk setiap tahun."
)


def multiyear_options(
    budgets: str | None, years: int | None, start_year: int | None, objective: str | None,
    target: str | None, by: int | None, carry_over: bool, force: list[str] | None,
    exclude: list[str] | None, months: int, solver: str, time_limit: float | None,
) -> MultiYearOptions:
    """Build ``MultiYearOptions`` from the raw CLI values (the rest is validated by
    ``roadmap.multiyear.validate_multiyear``)."""
    amounts = parse_budgets(budgets) if budgets is not None else ()
    if target is not None and objective not in (None, "target"):
        raise InputError("--target memakai tujuan biaya termurah; jangan gabung dengan "
                         "--objective", value=objective)
    if objective is not None and objective not in ("final", "sum"):
        raise InputError("--objective harus final atau sum", value=objective)
    if years is None:
        if not amounts:
            raise InputError("tentukan --years atau --budgets")
        years = len(amounts)
    if len(amounts) == 1 and years > 1:
        amounts = amounts * years
    if not 1 <= years <= MAX_YEARS:
        raise InputError(f"--years harus 1 sampai {MAX_YEARS}", value=years)
    if amounts and len(amounts) != years:
        raise InputError(f"--budgets berisi {len(amounts)} anggaran untuk {years} tahun; "
                         "beri satu anggaran per tahun (atau satu untuk semua tahun)",
                         value=budgets)
    return MultiYearOptions(
        start_year=start_year if start_year is not None else datetime.date.today().year + 1,
        years=years, budgets=amounts,
        objective="target" if target is not None else objective or "final",
        target=parse_index(target, "--target") if target is not None else None,
        by_year=by, carry_over=carry_over, force=tuple(force or ()),
        exclude=tuple(exclude or ()), max_months=months if months > 0 else None,
        solver=solver, time_limit=time_limit if time_limit and time_limit > 0 else None,
    )


@app.command("peta-rencana")
def peta_rencana_command(
    assessment: Annotated[Path, typer.Argument(
        metavar="PENILAIAN", help="Berkas penilaian (.csv atau .xlsx).")],
    budgets: Annotated[str | None, typer.Option("--budgets", help=BUDGETS_HELP)] = None,
    years: Annotated[int | None, typer.Option(
        "--years", help=f"Jumlah tahun (1-{MAX_YEARS}); bawaan: jumlah anggaran.")] = None,
    start_year: Annotated[int | None, typer.Option(
        "--start-year", help="Tahun pertama peta rencana (bawaan: tahun depan).")] = None,
    objective: Annotated[str | None, typer.Option(
        "--objective", help="final (bawaan): indeks harapan tertinggi di tahun terakhir; "
                            "sum: jumlah indeks harapan tiap tahun tertinggi.")] = None,
    target: Annotated[str | None, typer.Option(
        "--target", help="Target indeks harapan: cari peta rencana termurah yang mencapainya "
                         "(anggaran tiap tahun tetap berlaku bila diberikan).")] = None,
    by: Annotated[int | None, typer.Option(
        "--by", help="Tahun target harus tercapai (bawaan: tahun terakhir).")] = None,
    carry_over: Annotated[bool, typer.Option(
        "--carry-over", help="Sisa anggaran suatu tahun boleh dipakai tahun berikutnya.")] = False,
    framework: FrameworkOpt = None,
    actions: ActionsOpt = None,
    rules: RulesOpt = None,
    force: ForceOpt = None,
    exclude: ExcludeOpt = None,
    months: MonthsOpt = 12,
    without_source: DropSourceOpt = None,
    bukti: BuktiOpt = None,
    riwayat: RiwayatOpt = None,
    solver: Annotated[str, typer.Option(
        "--solver", help="Solver MILP: highs (bawaan untuk peta rencana, jauh lebih cepat "
                         "untuk beberapa tahun) atau cbc.")] = "highs",
    time_limit: Annotated[float, typer.Option(
        "--time-limit", help="Batas waktu solver per penyelesaian (detik; 0 = tanpa batas). "
                             "Bila tercapai, selisih (gap) terhadap optimum dilaporkan.")
    ] = DEFAULT_TIME_LIMIT,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Keluaran JSON (kontrak peta-rencana).")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Simpan workbook Excel (.xlsx) dengan lembar 'Peta Rencana'.")] = None,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Simpan grafik lintasan indeks ke FILE.png dan Gantt multi-tahun ke "
                       "FILE-gantt.png.")] = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Timpa berkas --out/--plot yang sudah ada.")] = False,
) -> None:
    """Susun peta rencana beberapa tahun: aksi per tahun dalam anggaran tiap tahun, dengan
    lintasan indeks harapan dan predikat."""
    options = multiyear_options(budgets, years, start_year, objective, target, by, carry_over,
                                force, exclude, months, solver, time_limit)
    inputs = load_inputs(assessment, framework, actions, rules, tuple(without_source or ()),
                         bukti=bukti, riwayat=riwayat)
    outputs = _output_paths(out, plot)
    for path in outputs:
        check_output_path(path, overwrite=overwrite, inputs=inputs.files)
    plan = plan_multiyear(inputs.problem, options)
    fw = inputs.problem.framework
    name = inputs.problem.assessment.name
    if as_json:
        echo_json(peta_rencana_payload(plan, fw))
    else:
        typer.echo(peta_rencana_text(plan, fw, name))
    if out is not None:
        write_peta_rencana_workbook(out, plan, fw, name)
    if plot is not None:
        from roadmap.charts.trajectory import multiyear_gantt_figure, trajectory_figure

        _save_png(outputs[-2], trajectory_figure(plan, fw, title_suffix=name))
        _save_png(outputs[-1], multiyear_gantt_figure(plan, fw, title_suffix=name))
    if not as_json:
        for path in outputs:
            typer.echo(f"Ditulis ke {path}")


def _save_png(path: Path, figure: Figure) -> None:
    write_atomically(path, lambda temp: figure.savefig(temp, format="png", dpi=PLOT_DPI))


def _output_paths(out: Path | None, plot: Path | None) -> list[Path]:
    paths = []
    if out is not None:
        if out.suffix.lower() != ".xlsx":
            raise InputError("berkas --out harus berakhiran .xlsx", file=str(out))
        paths.append(out)
    if plot is not None:
        if plot.suffix.lower() != ".png":
            raise InputError("grafik harus berakhiran .png", file=str(plot))
        paths += [plot, plot.with_name(f"{plot.stem}-gantt.png")]
    return paths


def write_peta_rencana_workbook(path: Path, plan: MultiYearPlan, framework: Framework,
                                title: str = "") -> None:
    """A workbook with the ``Peta Rencana`` sheet, written atomically."""
    from roadmap.report.multiyear import write_peta_rencana_sheet

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    write_peta_rencana_sheet(workbook, plan, framework, title)
    write_atomically(path, lambda temp: workbook.save(temp))
