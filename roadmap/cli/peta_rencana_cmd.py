"""``roadmap peta-rencana``: a multi-year Peta Rencana with yearly budgets.

Besides the command, this module gives the pieces other outputs reuse:
``peta_rencana_payload`` (the ``peta-rencana`` JSON contract), ``peta_rencana_text`` and
``write_peta_rencana_sheet`` (the ``Peta Rencana`` sheet of a workbook).
"""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path
from typing import Annotated

import typer
from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.cli.app import app
from roadmap.cli.options import (
    BUDGET_LIST_RULE,
    ActionsOpt,
    DropSourceOpt,
    ExcludeOpt,
    ForceOpt,
    FrameworkOpt,
    MonthsOpt,
    RulesOpt,
    parse_index,
)
from roadmap.cli.text import echo_json, table
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.atomic import check_output_path, write_atomically
from roadmap.io.inputs import load_inputs
from roadmap.io.xlsx import INDEX_FORMAT, PERCENT_FORMAT, RUPIAH_FORMAT, write_table
from roadmap.multiyear import MAX_YEARS, MultiYearOptions, MultiYearPlan, YearPlan, plan_multiyear
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short, parse_budgets
from roadmap.plan import Plan
from roadmap.plan_format import STATUS_TEXT, plan_payload

SHEET = "Peta Rencana"
PLOT_DPI = 110
DEFAULT_TIME_LIMIT = 60.0
BUDGETS_HELP = (
    "Anggaran tiap tahun, mis. \"500 jt; 750 jt; 1 M\". " + BUDGET_LIST_RULE
    + " Satu anggaran berlaku untuk setiap tahun."
)
OBJECTIVE_TEXT = {
    "final": "indeks harapan tertinggi pada tahun terakhir",
    "sum": "jumlah indeks harapan tiap tahun tertinggi (kemajuan lebih awal lebih bernilai)",
    "target": "biaya termurah untuk mencapai target",
}


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
    assessment: Annotated[Path, typer.Argument(help="Berkas penilaian (.csv atau .xlsx).")],
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
    inputs = load_inputs(assessment, framework, actions, rules, tuple(without_source or ()))
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


def _selected_payload(year: YearPlan, plan: MultiYearPlan, framework: Framework
                      ) -> list[dict[str, object]]:
    """The year's actions in the form of ``roadmap plan --json``'s ``selected`` items."""
    single = Plan(
        framework_id=plan.framework_id, status=plan.status, method=plan.method,
        budget=year.budget, target=plan.target, total_cost=year.total_cost,
        index_before=plan.index_before, expected_index=year.expected_index,
        predicate_before=plan.predicate_before, expected_predicate=year.predicate,
        selected=year.selected,
    )
    items = plan_payload(single, framework)["selected"]
    assert isinstance(items, list)
    return items


def peta_rencana_payload(plan: MultiYearPlan, framework: Framework) -> dict[str, object]:
    """The ``peta-rencana`` JSON contract plus explanatory extra keys; numbers unrounded."""
    return {
        "framework": plan.framework_id,
        "objective": plan.objective,
        "status": plan.status,
        "proven_optimal": plan.proven_optimal,
        "exact_model": plan.exact_model,
        "gap": plan.gap,
        "method": plan.method,
        "solver": plan.solver,
        "carry_over": plan.carry_over,
        "months_per_year": plan.max_months,
        "target": plan.target,
        "by": plan.by_year,
        "index_before": plan.index_before,
        "predicate_before": plan.predicate_before,
        "total_cost": plan.total_cost,
        "expected_index": plan.final_index,
        "expectation_method": plan.expectation_method,
        "failed_actions_retried": False,
        "build_seconds": plan.build_seconds,
        "solve_seconds": plan.solve_seconds,
        "warnings": list(plan.warnings),
        "years": [
            {
                "year": year.year,
                "budget": year.budget if year.budget is not None else year.total_cost,
                "available": year.available,
                "total_cost": year.total_cost,
                "expected_index": year.expected_index,
                "predicate": year.predicate,
                "months_needed": year.months_needed,
                "selected": _selected_payload(year, plan, framework),
            }
            for year in plan.years
        ],
    }


def _goal(plan: MultiYearPlan) -> str:
    goal = OBJECTIVE_TEXT[plan.objective]
    if plan.objective == "target" and plan.target is not None:
        goal += f" {format_decimal(plan.target)} pada tahun {plan.by_year}"
    elif plan.objective == "final":
        goal += f" ({plan.years[-1].year})"
    return goal


def peta_rencana_text(plan: MultiYearPlan, framework: Framework, title: str = "") -> str:
    """The Peta Rencana for the terminal: year by year, then the trajectory."""
    first, last = plan.years[0].year, plan.years[-1].year
    span = str(first) if first == last else f"{first}–{last}"
    lines = [f"Peta Rencana {framework.index_name} {span}" + (f" — {title}" if title else ""),
             f"Tujuan: {_goal(plan)}",
             f"Indeks sekarang {format_decimal(plan.index_before)} ({plan.predicate_before})"]
    if plan.carry_over:
        lines.append("Sisa anggaran suatu tahun dapat dipakai tahun berikutnya.")
    previous = plan.predicate_before
    for year in plan.years:
        budget = (f"anggaran {format_rupiah_short(year.budget)}"
                  if year.budget is not None else "tanpa batas anggaran")
        if year.available is not None and year.budget is not None and (
                year.available != year.budget):
            budget += f" (tersedia {format_rupiah_short(year.available)} dengan sisa)"
        change = f", naik dari {previous}" if year.predicate != previous else ""
        previous = year.predicate
        lines += ["", f"Tahun {year.year} — {budget}, terpakai "
                      f"{format_rupiah_short(year.total_cost)}; indeks harapan akhir tahun "
                      f"{format_decimal(year.expected_index)} ({year.predicate}{change})"]
        if not year.selected:
            lines.append("  Tidak ada aksi pada tahun ini.")
        for p in year.selected:
            action = p.action
            lines.append(f"  {p.rank:>2}. [{action.id}] {action.name}")
            lines.append(
                f"      {format_rupiah_short(action.cost)} | {action.opd or '-'} | "
                f"bulan {p.start_month}-{p.end_month} | peluang "
                f"{format_decimal(action.probability)} | "
                f"+{format_decimal(round(p.marginal_gain, 3) + 0.0, 3)} indeks")
            lines += textwrap.wrap("Alasan: " + p.reason, width=100, initial_indent=" " * 6,
                                   subsequent_indent=" " * 8, break_on_hyphens=False)
    rows = [["sekarang", "", "", format_decimal(plan.index_before), plan.predicate_before]]
    rows += [[str(y.year),
              format_rupiah_short(y.budget) if y.budget is not None else "-",
              format_rupiah_short(y.total_cost), format_decimal(y.expected_index), y.predicate]
             for y in plan.years]
    lines += ["", "Lintasan indeks harapan:",
              table(["Tahun", "Anggaran", "Terpakai", "Indeks", "Predikat"], rows, "lrrrl"),
              "", f"Total biaya {format_rupiah(plan.total_cost)}",
              f"Status: {STATUS_TEXT.get(plan.status, plan.status)}"]
    if not plan.proven_optimal and plan.gap > 0:
        lines.append(f"Selisih terbukti terhadap optimum model (gap): "
                     f"{format_decimal(100 * plan.gap)}%")
    lines += [f"Metode: {plan.method}",
              f"Waktu: susun model {format_decimal(plan.build_seconds, 2)} dtk, solver "
              f"{format_decimal(plan.solve_seconds, 2)} dtk",
              "Catatan: indeks harapan tiap tahun dihitung dari semua aksi sampai tahun itu; "
              "aksi yang gagal diterima asesor tidak diulang pada tahun berikutnya."]
    if plan.expectation_method != "exact":
        lines.append("Nilai harapan sebagian dihitung dengan Monte Carlo.")
    lines += [f"Peringatan: {w}" for w in plan.warnings]
    return "\n".join(lines)


def write_peta_rencana_sheet(workbook: Workbook, plan: MultiYearPlan, framework: Framework,
                             title: str = "") -> Worksheet:
    """Add the ``Peta Rencana`` sheet: the trajectory per year on top, then one row per
    action with its year, rank, months and OPD (money in rupiah format)."""
    sheet = workbook.create_sheet(SHEET)
    first, last = plan.years[0].year, plan.years[-1].year
    sheet.cell(row=1, column=1, value=f"Peta Rencana {framework.index_name} {first}–{last}"
               + (f" — {title}" if title else "")).font = Font(bold=True, size=13)
    sheet.cell(row=2, column=1, value=(
        f"Tujuan: {_goal(plan)}. Indeks sekarang {format_decimal(plan.index_before)} "
        f"({plan.predicate_before}). Aksi yang gagal tidak diulang tahun berikutnya."))
    summary = [["sekarang", None, None, None, plan.index_before, plan.predicate_before, 0]]
    summary += [[y.year, y.budget, y.available, y.total_cost, y.expected_index, y.predicate,
                 len(y.selected)] for y in plan.years]
    write_table(sheet, ["Tahun", "Anggaran", "Tersedia", "Terpakai", "Indeks harapan",
                        "Predikat", "Jumlah aksi"], summary,
                formats={1: RUPIAH_FORMAT, 2: RUPIAH_FORMAT, 3: RUPIAH_FORMAT,
                         4: INDEX_FORMAT}, start_row=4)
    rows = []
    for year in plan.years:
        for p in year.selected:
            action = p.action
            rows.append([year.year, p.rank, action.id, action.name, action.opd or "-",
                         action.cost, p.start_month, p.end_month, action.probability,
                         p.marginal_gain,
                         "; ".join(f"{e.indicator}:{e.level}" for e in action.effects),
                         p.reason])
    write_table(sheet, ["Tahun", "Urutan", "Id aksi", "Aksi", "OPD", "Biaya", "Bulan mulai",
                        "Bulan selesai", "Peluang", "Tambahan indeks", "Dampak", "Alasan"],
                rows, formats={5: RUPIAH_FORMAT, 8: PERCENT_FORMAT, 9: "0.000"},
                widths={3: 60, 11: 60}, start_row=6 + len(summary))
    return sheet


def write_peta_rencana_workbook(path: Path, plan: MultiYearPlan, framework: Framework,
                                title: str = "") -> None:
    """A workbook with the ``Peta Rencana`` sheet, written atomically."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    write_peta_rencana_sheet(workbook, plan, framework, title)
    write_atomically(path, lambda temp: workbook.save(temp))
