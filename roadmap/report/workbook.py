"""The rencana aksi as one Excel workbook a pemda can attach to its document.

Sheets: ``Ringkasan`` (title with the pemda and year, index before and expected, budget,
chances, solver status, with the group-index and outcome-distribution charts), ``Rencana Aksi``
(the prioritized actions, their total and their Gantt chart), ``Skenario Anggaran`` (plans per
budget, minimum budget per predicate band, the efficient frontier and its chart),
``Indikator`` (before and expected after, per indicator), ``Ketergantungan`` (the rules in
force) and ``Asumsi`` (inputs and settings, input files by name only). Numbers are real
numeric cells whose formats read the Indonesian way in any locale (``roadmap.report.formats``);
every sheet prints one page wide.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.charts.distribution import distribution_figure
from roadmap.charts.domains import domain_figure
from roadmap.charts.frontier import frontier_figure
from roadmap.charts.timeline import timeline_figure
from roadmap.io.atomic import write_atomically
from roadmap.io.xlsx import set_cell, write_table
from roadmap.labels import format_probability
from roadmap.numbers import format_decimal, format_rupiah
from roadmap.optimizer import TIE_TOLERANCE, PlanOptions
from roadmap.plan import Plan, PlanStatus
from roadmap.plan_format import STATUS_TEXT
from roadmap.problem import PlanningProblem
from roadmap.report.content import NONE, ReportContent
from roadmap.report.formats import (
    COUNT_FORMAT,
    GAIN_FORMAT,
    INDEX_FORMAT,
    MONTH_FORMAT,
    RUPIAH_FORMAT,
    SECONDS_FORMAT,
    TOLERANCE_FORMAT,
    probability_cell,
)
from roadmap.report.layout import WIDE_CHART_PX, add_chart, fit_page, fit_rows, wrap
from roadmap.report.tables import (
    write_actions,
    write_evidence,
    write_indicators,
    write_rules,
    write_scenarios,
)
from roadmap.scenarios import FrontierPoint
from roadmap.simulate import Simulation

__all__ = ["SHEETS", "report_bytes", "report_workbook", "save_report", "write_report"]

SHEETS = ("Ringkasan", "Rencana Aksi", "Data Dukung", "Skenario Anggaran", "Indikator",
          "Ketergantungan", "Asumsi")
LANDSCAPE = {"Rencana Aksi", "Data Dukung", "Skenario Anggaran", "Indikator", "Ketergantungan"}
TITLE_FONT = Font(bold=True, size=14)
VALUE_ALIGNMENT = Alignment(horizontal="left", vertical="top", wrap_text=True)
EXPECTATION_TEXT = {"exact": "eksak (semua kemungkinan hasil dihitung)",
                    "monte-carlo": "Monte Carlo"}
RULE_SOURCE_TEXT = {"semua": "Indeks harapan dengan semua aturan",
                    "pedoman": "Indeks harapan dengan aturan bersumber pedoman saja"}
SUMMARY_HEADER_ROW = 4
# Rows printed at the top of every page: the title, or the one table's header. The budget
# sheet has none: its further tables have headers of their own.
TITLE_ROWS = {"Ringkasan": "1:2", "Rencana Aksi": "1:1", "Data Dukung": "1:1",
              "Skenario Anggaran": None,
              "Indikator": "1:1", "Ketergantungan": "1:1", "Asumsi": "1:1"}
Row = tuple[str, object, str | None, str]  # label, value, number format, note


def save_report(path: Path, content: ReportContent) -> None:
    """Write the report workbook to ``path`` in one step (a reader never sees half a file)."""
    workbook = report_workbook(content)
    write_atomically(path, lambda temp: workbook.save(temp))


def report_bytes(content: ReportContent) -> bytes:
    """The report workbook as the bytes of an .xlsx file (for a download)."""
    buffer = io.BytesIO()
    report_workbook(content).save(buffer)
    return buffer.getvalue()


def write_report(
    path: Path,
    problem: PlanningProblem,
    options: PlanOptions,
    plan: Plan,
    *,
    scenarios: Sequence[Plan] | None = None,
    frontier: Sequence[FrontierPoint] | None = None,
    simulation: Simulation | None = None,
    minimum_budgets: Mapping[str, float | None] | None = None,
    inputs_note: Mapping[str, str] | None = None,
    pemda: str = "",
    tahun: int | None = None,
) -> None:
    """Write the report of ``plan`` with the parts already computed (none is computed here;
    ``build_report_content`` computes the missing ones) to ``path``."""
    save_report(path, ReportContent(
        problem, options, plan, scenarios=tuple(scenarios or ()), frontier=tuple(frontier or ()),
        simulation=simulation, minimum_budgets=minimum_budgets, inputs_note=inputs_note or {},
        pemda=pemda, tahun=tahun))


def report_workbook(content: ReportContent) -> Workbook:
    """The report as an openpyxl ``Workbook``."""
    problem, options, plan = content.problem, content.options, content.plan
    fw = problem.framework
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    workbook.properties.title = content.title
    workbook.properties.creator = "roadmap"
    summary, actions, evidence, budgets, indicators, rules, assumptions = (
        workbook.create_sheet(name) for name in SHEETS)
    _write_summary(summary, content)
    write_actions(actions, fw, plan)
    write_evidence(evidence, fw, plan)
    chart_row = write_scenarios(budgets, fw, plan, content.scenarios, content.frontier,
                                content.minimum_budgets)
    write_indicators(indicators, problem, plan)
    write_rules(rules, problem)
    _write_assumptions(assumptions, content)

    row = summary.max_row + 2
    row = add_chart(summary, domain_figure(fw, problem.assessment.values,
                                           plan.expected_values), row)
    if content.simulation is not None:
        add_chart(summary, distribution_figure(content.simulation, fw, target=options.target),
                  row, new_page=False)
    add_chart(actions, timeline_figure(plan, fw, deadline=options.max_months),
              actions.max_row + 2, width=WIDE_CHART_PX)
    if chart_row is not None:
        chosen = plan.budget if plan.budget is not None else plan.total_cost
        scenario_budgets = [s.budget for s in content.scenarios if s.budget is not None]
        add_chart(budgets, frontier_figure(content.frontier, fw, chosen_budget=chosen,
                                           index_before=plan.index_before,
                                           marked_budgets=scenario_budgets), chart_row)
    for sheet in workbook.worksheets:
        fit_rows(sheet)
        fit_page(sheet, landscape=sheet.title in LANDSCAPE, title_rows=TITLE_ROWS[sheet.title])
    return workbook


# --- Ringkasan ------------------------------------------------------------------------------

def _write_summary(sheet: Worksheet, content: ReportContent) -> None:
    problem, plan, options = content.problem, content.plan, content.options
    simulation = content.simulation
    fw = problem.framework
    set_cell(sheet, 1, 1, content.title).font = TITLE_FONT
    set_cell(sheet, 2, 1, fw.title)
    rows: list[Row] = []
    if content.pemda:
        rows.append(("Pemerintah daerah", " ".join(content.pemda.split()), None, ""))
    if content.tahun:
        rows.append(("Tahun rencana aksi", content.tahun, "0", "bulan 1–12 tahun ini"))
    rows += [
        ("Indeks saat ini", plan.index_before, INDEX_FORMAT, plan.predicate_before),
        ("Indeks harapan setelah rencana aksi", plan.expected_index, INDEX_FORMAT,
         plan.expected_predicate),
        ("Kenaikan indeks harapan", plan.expected_gain, INDEX_FORMAT, ""),
    ]
    if plan.budget is not None:
        rows.append(("Anggaran", plan.budget, RUPIAH_FORMAT, ""))
    if plan.target is not None:
        rows.append(("Target indeks harapan", plan.target, INDEX_FORMAT,
                     "rencana termurah yang mencapainya"))
    rows.append(("Total biaya rencana aksi", plan.total_cost, RUPIAH_FORMAT, ""))
    if plan.budget is not None:
        rows.append(("Sisa anggaran", plan.budget - plan.total_cost, RUPIAH_FORMAT, ""))
    rows += [
        ("Jumlah aksi", len(plan.selected), "0", ""),
        ("Lama pelaksanaan (bulan)", plan.months_needed, MONTH_FORMAT,
         f"batas {options.max_months} bulan" if options.max_months else "tanpa batas bulan"),
    ]
    if simulation is not None:
        rows += _chance_rows(content, simulation)
    rows += [
        ("Status solver", STATUS_TEXT.get(plan.status, str(plan.status)), None,
         _gap_note(plan)),
        ("Metode", plan.method, None, ""),
        ("Terbukti optimal", "Ya" if plan.proven_optimal else "Tidak", None,
         "model eksak" if plan.exact_model else "model batas bawah, nilai harapan dihitung eksak"),
    ]
    rows += [("Peringatan", warning, None, "") for warning in plan.warnings]
    _key_values(sheet, rows, start_row=SUMMARY_HEADER_ROW, widths={0: 36, 1: 34, 2: 46})


def _chance_rows(content: ReportContent, simulation: Simulation) -> list[Row]:
    fw, target = content.problem.framework, content.options.target
    rows: list[Row] = []
    for band in fw.predicates[1:]:
        rows.append((f"Peluang mencapai {band.name} atau lebih",
                     *probability_cell(simulation.band_probabilities[band.name]),
                     f"indeks ≥ {format_decimal(band.min)}"))
    if target is not None:
        rows.append(("Peluang mencapai target", *probability_cell(
            simulation.probability_at_least(target)), f"indeks ≥ {format_decimal(target)}"))
    rows.append(("Rata-rata indeks simulasi", simulation.mean, GAIN_FORMAT,
                 f"{format_decimal(simulation.draws, 0)} simulasi, galat baku "
                 f"{format_decimal(simulation.standard_error, 4)}"))
    for k, value in sorted(simulation.percentiles.items()):
        rows.append((f"Persentil {k} indeks simulasi", value, INDEX_FORMAT,
                     f"{k}% simulasi di bawah nilai ini"))
    return rows


def _gap_note(plan: Plan) -> str:
    """The proven gap of a plan that is not proven optimal, in its own unit."""
    if plan.status != PlanStatus.FEASIBLE or plan.gap <= 0:
        return ""
    if plan.target is not None:
        return f"paling banyak {format_rupiah(plan.gap)} lebih mahal dari yang termurah"
    return f"paling banyak {format_decimal(plan.gap, 4)} poin di bawah indeks terbaik"


# --- Asumsi ---------------------------------------------------------------------------------

def _calibration_rows(content: ReportContent) -> list[Row]:
    """The calibration table (one row per level step) and the expected index without it."""
    calibration, fw = content.calibration, content.problem.framework
    if calibration is None:
        return []
    rows: list[Row] = []
    if content.uncalibrated_index is not None:
        rows.append(("Indeks harapan dengan peluang katalog (tanpa kalibrasi riwayat)",
                     content.uncalibrated_index, INDEX_FORMAT,
                     fw.predicate(content.uncalibrated_index)))
    for step in calibration.steps:
        where = f"indikator {step.indicator}" if step.indicator else "semua indikator"
        value, number_format = probability_cell(step.probability)
        rows.append((f"Peluang dikalibrasi: tingkat {step.level}, {where}", value,
                     number_format, f"{step.claims} klaim, {step.accepted} diterima; "
                     f"prior katalog {format_probability(step.prior)}"))
    return rows


def _write_assumptions(sheet: Worksheet, content: ReportContent) -> None:
    problem, options, plan = content.problem, content.options, content.plan
    fw = problem.framework
    rows: list[Row] = [(label, text, None, "") for label, text in content.inputs_note.items()]
    rows += [
        ("Kerangka penilaian", fw.title, None, fw.id),
        ("Jumlah aksi dalam katalog", len(problem.catalogue), "0", ""),
        ("Jumlah aturan ketergantungan", len(problem.rules), "0", ""),
    ]
    rows += [(RULE_SOURCE_TEXT.get(label, f"Indeks harapan dengan aturan: {label}"), value,
              INDEX_FORMAT, fw.predicate(value)) for label, value in plan.rule_sources.items()]
    rows += [
        ("Anggaran", options.budget if options.budget is not None else NONE, RUPIAH_FORMAT, ""),
        ("Target indeks harapan", options.target if options.target is not None else NONE,
         INDEX_FORMAT, ""),
        ("Batas bulan sampai unggah bukti",
         options.max_months if options.max_months is not None else "tanpa batas", "0", ""),
        ("Aksi wajib", ", ".join(options.force) or NONE, None, ""),
        ("Aksi dikecualikan", ", ".join(options.exclude) or NONE, None, ""),
        ("Pagu per OPD", "; ".join(f"{k} = {format_rupiah(v)}"
                                   for k, v in options.opd_budgets.items()) or NONE, None, ""),
        ("Jumlah aksi maksimum per OPD", "; ".join(
            f"{k} = {v}" for k, v in options.opd_max_actions.items()) or NONE, None, ""),
        ("Solver MILP", options.solver, None, plan.solver),
        ("Batas waktu solver (detik)",
         options.time_limit if options.time_limit is not None else "tanpa batas", None, ""),
        ("Toleransi seri (poin indeks)", TIE_TOLERANCE, TOLERANCE_FORMAT,
         "aksi yang menambah kurang dari ini dianggap tidak bernilai"),
        ("Metode nilai harapan", EXPECTATION_TEXT.get(plan.expectation_method,
                                                      plan.expectation_method), None,
         "" if plan.expectation_method == "exact"
         else "galat baku " + format_decimal(plan.expectation_error, 4)),
        ("Waktu menyusun model (detik)", plan.build_seconds, SECONDS_FORMAT, ""),
        ("Waktu solver (detik)", plan.solve_seconds, SECONDS_FORMAT, ""),
    ]
    rows += _calibration_rows(content)
    if content.simulation is not None:
        rows += [("Jumlah simulasi Monte Carlo", content.simulation.draws, COUNT_FORMAT, ""),
                 ("Benih acak simulasi (seed)", content.simulation.seed, "0",
                  "seed yang sama memberi hasil yang sama")]
    rows.append(("Catatan", "Biaya dan peluang diterima dalam katalog adalah perkiraan; "
                 "sesuaikan dengan standar harga daerah sebelum dianggarkan.", None, ""))
    _key_values(sheet, rows, start_row=1, widths={0: 36, 1: 60, 2: 50})


def _key_values(sheet: Worksheet, rows: Sequence[Row], *, start_row: int,
                widths: dict[int, float]) -> None:
    """A label / value / note table whose value cells each carry their own number format."""
    write_table(sheet, ["Uraian", "Nilai", "Keterangan"],
                [[label, value, note] for label, value, _, note in rows],
                widths=widths, start_row=start_row)
    wrap(sheet, (1, 3), first_row=start_row + 1)
    for offset, (_, value, number_format, _) in enumerate(rows, start=1):
        cell = sheet.cell(row=start_row + offset, column=2)
        if number_format and not isinstance(value, str):
            cell.number_format = number_format
        cell.alignment = VALUE_ALIGNMENT
