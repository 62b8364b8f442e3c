"""The rencana aksi as one Excel workbook a pemda can attach to its document, and as Markdown.

Sheets: ``Ringkasan`` (index before and expected, budget, chances, solver status, with the
group-index and outcome-distribution charts), ``Rencana Aksi`` (the prioritized actions and
their Gantt chart), ``Skenario Anggaran`` (plans per budget, minimum budget per predicate band,
the efficient frontier and its chart), ``Indikator`` (before and expected after, per indicator),
``Ketergantungan`` (the rules in force) and ``Asumsi`` (inputs and settings). Numbers are real
numeric cells (rupiah, index and percent formats); every table has a frozen header and a
filter; text that a spreadsheet would run as a formula is neutralised (``roadmap.io.xlsx``).
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.charts.distribution import distribution_figure
from roadmap.charts.domains import domain_figure
from roadmap.charts.frontier import frontier_figure
from roadmap.charts.style import percent, png_bytes
from roadmap.charts.timeline import timeline_figure
from roadmap.dependencies import blocked, node_label
from roadmap.framework import BAND_TOLERANCE, Framework
from roadmap.io.atomic import write_atomically
from roadmap.io.xlsx import INDEX_FORMAT, PERCENT_FORMAT, RUPIAH_FORMAT, safe_text, write_table
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.optimizer import TIE_TOLERANCE, PlanOptions
from roadmap.plan import Plan, PlannedAction
from roadmap.plan_format import STATUS_TEXT
from roadmap.problem import PlanningProblem
from roadmap.scenarios import FrontierPoint, marginal_per_100jt
from roadmap.simulate import Simulation

# Table numbers end with "_)", a blank the width of ")", so that a left-aligned text in the
# next column does not touch them.
GAIN_FORMAT = "0.0000_)"
WEIGHT_FORMAT = "0.###_)"
VALUE_FORMAT = "0.00_)"
MONTH_FORMAT = "0"
CHART_WIDTH_PX = 760
WIDE_CHART_PX = 1200  # the Gantt chart, under the wide action table
CHART_ROWS = 24  # rows kept free for the 10 x 5.6 in frontier chart above its table
ROW_PX = 20  # a default row is 15 points, 20 pixels
FONT_NAME = "Arial"
FONT_SIZE = 10
DEFAULT_SIZE = 11  # openpyxl's default cell font size
LINE_POINTS = 12.75  # the height of one line of 10-point Arial
CELL_PADDING = 0.8  # column-width units lost to the cell's margins
BOLD_FACTOR = 1.08
ARIAL_PER_UNIT = 1.06
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top")
VALUE_ALIGNMENT = Alignment(horizontal="left", vertical="top", wrap_text=True)
EXPECTATION_TEXT = {"exact": "eksak (semua kemungkinan hasil dihitung)",
                    "monte-carlo": "Monte Carlo"}
PORTRAIT = {"Ringkasan", "Asumsi"}
NO_BUDGET = "tidak dapat dicapai dengan katalog aksi ini"
NONE = "–"  # an en dash: a plain "-" would be neutralised as a formula start
STATUS_SHORT = {"optimal": "optimal", "feasible": "layak (belum terbukti)",
                "best-found": "terbaik ditemukan", "heuristic": "heuristik"}


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
) -> None:
    """Write the report workbook to ``path`` in one step (a reader never sees half a file).

    ``scenarios`` are plans for other budgets, ``frontier`` the efficient frontier,
    ``minimum_budgets`` the cheapest budget per predicate band (None: out of reach),
    ``simulation`` the Monte Carlo of ``plan`` and ``inputs_note`` labelled facts about the
    inputs (files, where the catalogue and the rules came from) for the ``Asumsi`` sheet.
    """
    workbook = report_workbook(problem, options, plan, scenarios=scenarios, frontier=frontier,
                               simulation=simulation, minimum_budgets=minimum_budgets,
                               inputs_note=inputs_note)
    write_atomically(path, lambda temp: workbook.save(temp))


def report_workbook(
    problem: PlanningProblem,
    options: PlanOptions,
    plan: Plan,
    *,
    scenarios: Sequence[Plan] | None = None,
    frontier: Sequence[FrontierPoint] | None = None,
    simulation: Simulation | None = None,
    minimum_budgets: Mapping[str, float | None] | None = None,
    inputs_note: Mapping[str, str] | None = None,
) -> Workbook:
    """The report as an openpyxl ``Workbook`` (see ``write_report``)."""
    fw = problem.framework
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    summary = workbook.create_sheet("Ringkasan")
    _write_summary(summary, problem, plan, simulation, options)
    actions = workbook.create_sheet("Rencana Aksi")
    _write_actions(actions, fw, plan)
    budgets = workbook.create_sheet("Skenario Anggaran")
    chart_row = _write_scenarios(budgets, fw, plan, scenarios or (), frontier or (),
                                 minimum_budgets)
    _write_indicators(workbook.create_sheet("Indikator"), problem, plan)
    _write_rules(workbook.create_sheet("Ketergantungan"), problem)
    single_tables = {"Indikator", "Ketergantungan", "Asumsi"}
    _write_assumptions(workbook.create_sheet("Asumsi"), problem, options, plan, simulation,
                       inputs_note or {})

    row = summary.max_row + 2
    row = _add_chart(summary, domain_figure(fw, problem.assessment.values,
                                            plan.expected_values), row)
    if simulation is not None:
        _add_chart(summary, distribution_figure(simulation, fw, target=options.target), row)
    _add_chart(actions, timeline_figure(plan, fw, deadline=options.max_months),
               actions.max_row + 2, width=WIDE_CHART_PX)
    if chart_row is not None:
        chosen = plan.budget if plan.budget is not None else plan.total_cost
        _add_chart(budgets, frontier_figure(frontier or (), fw, chosen_budget=chosen,
                                            index_before=plan.index_before), chart_row)
    for sheet in workbook.worksheets:
        _fit_rows(sheet)
        _fit_page(sheet, repeat_header=sheet.title in single_tables)
    return workbook


def cheapest_known(framework: Framework, minimums: Mapping[str, float | None],
                   frontier: Sequence[FrontierPoint]) -> dict[str, float | None]:
    """Each band's minimum budget, lowered to the first frontier point reaching the band when
    that is cheaper.

    Where the optimizer's model is a lower bound, its target mode can miss a cheaper plan
    that the frontier finds; both are real plans, so the cheaper one is the better answer and
    the table then agrees with the chart.

    >>> from roadmap.io.framework_files import load_framework
    >>> spbe = load_framework("spbe-2020")
    >>> points = [FrontierPoint(0.0, 2.0, ()), FrontierPoint(2.15e9, 2.61, ("A",))]
    >>> cheapest_known(spbe, {"Baik": 2.23e9, "Sangat Baik": None}, points)
    {'Baik': 2150000000.0, 'Sangat Baik': None}
    """
    result = dict(minimums)
    for name, amount in minimums.items():
        floor = framework.band(name).min - BAND_TOLERANCE
        reached = [p.cost for p in frontier if p.expected_index >= floor]
        if reached and (amount is None or min(reached) < amount):
            result[name] = min(reached)
    return result


# --- Ringkasan ------------------------------------------------------------------------------

def _write_summary(sheet: Worksheet, problem: PlanningProblem, plan: Plan,
                   simulation: Simulation | None, options: PlanOptions) -> None:
    fw = problem.framework
    name = problem.assessment.name
    _title(sheet, f"Rencana Aksi {fw.index_name}" + (f" — {name}" if name else ""),
           fw.title)
    rows: list[tuple[str, object, str | None, str]] = [
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
        for band in fw.predicates[1:]:
            rows.append((f"Peluang mencapai {band.name} atau lebih",
                         simulation.band_probabilities[band.name], PERCENT_FORMAT,
                         f"indeks ≥ {format_decimal(band.min)}"))
        if options.target is not None:
            rows.append(("Peluang mencapai target", simulation.probability_at_least(
                options.target), PERCENT_FORMAT, f"indeks ≥ {format_decimal(options.target)}"))
        rows.append(("Rata-rata indeks simulasi", simulation.mean, GAIN_FORMAT,
                     f"{format_decimal(simulation.draws, 0)} simulasi, galat baku "
                     f"{format_decimal(simulation.standard_error, 4)}"))
        for k, value in sorted(simulation.percentiles.items()):
            rows.append((f"Persentil {k} indeks simulasi", value, INDEX_FORMAT,
                         f"{k}% simulasi di bawah nilai ini"))
    rows += [
        ("Status solver", STATUS_TEXT.get(plan.status, plan.status), None, ""),
        ("Metode", plan.method, None, ""),
        ("Terbukti optimal", "Ya" if plan.proven_optimal else "Tidak", None,
         "model eksak" if plan.exact_model else "model batas bawah, nilai harapan dihitung eksak"),
    ]
    rows += [("Peringatan", warning, None, "") for warning in plan.warnings]
    _key_values(sheet, ["Uraian", "Nilai", "Keterangan"], rows, start_row=4,
                widths={0: 36, 1: 34, 2: 46})


# --- Rencana Aksi ---------------------------------------------------------------------------

ACTION_HEADERS = ["Urutan", "Id aksi", "Nama aksi", "OPD", "Durasi (bulan)", "Mulai (bulan ke-)",
                  "Selesai (bulan ke-)", "Biaya", "Peluang diterima", "Tambahan indeks harapan",
                  "Dampak (indikator: tingkat)", "Setelah aksi", "Alasan", "Dasar biaya",
                  "Catatan indikator eksternal"]
ACTION_WIDTHS: dict[int, float] = {0: 8, 1: 9, 2: 40, 3: 16, 4: 8, 5: 8, 6: 8, 7: 15, 8: 9,
                                   9: 10, 10: 12, 11: 11, 12: 40, 13: 30, 14: 24}


def action_row(planned: PlannedAction, framework: Framework) -> list[object]:
    """One ``Rencana Aksi`` row (``ACTION_HEADERS``); months are 1-based ("bulan ke-")."""
    action = planned.action
    effects = "; ".join(f"{e.indicator}:{e.level}" for e in action.effects)
    return [planned.rank, action.id, action.name, action.opd or NONE, action.months or 0,
            planned.start_month + 1, max(planned.end_month, planned.start_month + 1),
            action.cost, action.probability, planned.marginal_gain, effects,
            ", ".join(planned.prerequisites) or NONE, planned.reason,
            action.cost_basis or NONE,
            external_note(framework, [e.indicator for e in action.effects]) or NONE]


def external_note(framework: Framework, indicator_ids: Sequence[str]) -> str:
    """Which of ``indicator_ids`` are scored from another agency's index, or ``''``."""
    notes = []
    for indicator_id in indicator_ids:
        key = framework.indicator(indicator_id).external
        if key:
            source = framework.external_indices.get(key)
            label = f"{source.name} ({source.agency})" if source else key
            notes.append(f"indikator {indicator_id} dinilai dari {label}")
    return "; ".join(notes)


def _write_actions(sheet: Worksheet, framework: Framework, plan: Plan) -> None:
    """The plan's actions; the external-indicator column only for frameworks that have such
    indicators."""
    columns = len(ACTION_HEADERS) - (0 if any(i.external for i in framework.indicators) else 1)
    rows = [action_row(p, framework)[:columns] for p in plan.selected]
    write_table(sheet, ACTION_HEADERS[:columns], rows,
                formats={7: RUPIAH_FORMAT, 8: PERCENT_FORMAT, 9: GAIN_FORMAT},
                widths={k: w for k, w in ACTION_WIDTHS.items() if k < columns})
    _wrap(sheet, (3, 4, 11, 12, 13, 14, 15), centre=(1, 5, 6, 7))
    if not rows:
        sheet.cell(row=3, column=1, value="Tidak ada aksi terpilih dalam anggaran ini.")


# --- Skenario Anggaran ----------------------------------------------------------------------

SCENARIO_HEADERS = ["Anggaran", "Total biaya", "Indeks harapan", "Predikat harapan",
                    "Kenaikan indeks", "Jumlah aksi", "Status", "Aksi terpilih"]
SCENARIO_WIDTHS: dict[int, float] = {0: 18, 1: 18, 2: 12, 3: 14, 4: 14, 5: 9, 6: 20, 7: 60}


def _write_scenarios(sheet: Worksheet, framework: Framework, plan: Plan,
                     scenarios: Sequence[Plan], frontier: Sequence[FrontierPoint],
                     minimums: Mapping[str, float | None] | None) -> int | None:
    """Budget scenarios (with the sheet's filter), minimum budgets, then the frontier points.

    Returns the row where the frontier chart goes (above the long frontier table), or None
    without a frontier.
    """
    ordered = sorted(scenarios, key=lambda s: s.budget or 0.0)
    rows = [[s.budget if s.budget is not None else s.total_cost, s.total_cost,
             s.expected_index, s.expected_predicate, s.expected_gain, len(s.selected),
             STATUS_SHORT.get(s.status, s.status), ", ".join(s.selected_ids) or NONE]
            for s in ordered]
    write_table(sheet, SCENARIO_HEADERS, rows,
                formats={0: RUPIAH_FORMAT, 1: RUPIAH_FORMAT, 2: VALUE_FORMAT, 4: VALUE_FORMAT},
                widths=SCENARIO_WIDTHS)
    _wrap(sheet, (7, 8), centre=(6,))
    if not rows:
        sheet.cell(row=2, column=1, value="Tidak ada skenario anggaran yang dihitung.")
    row = max(sheet.max_row, 2) + 2
    if minimums is not None:
        row = _write_minimums(sheet, framework, plan, minimums, row) + 2
    chart_row = None
    if frontier:
        chart_row = row
        row += CHART_ROWS
        _write_frontier(sheet, framework, frontier, row)
    # The budget table keeps the sheet's frozen header and filter.
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{max(len(rows), 1) + 1}"
    return chart_row


def _write_minimums(sheet: Worksheet, framework: Framework, plan: Plan,
                    minimums: Mapping[str, float | None], row: int) -> int:
    """The cheapest budget per band above the lowest (Rp 0 for the bands already reached);
    returns the last row written."""
    _section(sheet, row, "Anggaran minimum untuk setiap predikat (indeks harapan)")
    rows: list[list[object]] = []
    for band in framework.predicates[1:]:
        if band.min <= plan.index_before:
            rows.append([band.name, 0, band.min, "sudah tercapai"])
        elif band.name in minimums:
            amount = minimums[band.name]
            rows.append([band.name, amount, band.min, NO_BUDGET if amount is None else ""])
    _plain_table(sheet, ["Predikat", "Anggaran minimum", "Batas indeks", "Keterangan"], rows,
                 row + 1, {1: RUPIAH_FORMAT, 2: VALUE_FORMAT})
    return row + 1 + len(rows)


def _write_frontier(sheet: Worksheet, framework: Framework,
                    frontier: Sequence[FrontierPoint], row: int) -> None:
    """Every frontier point with what it adds to the previous one (cost, index, actions)."""
    _section(sheet, row, "Batas efisien: indeks harapan terbaik untuk setiap tingkat biaya")
    marginal = dict(marginal_per_100jt(frontier))
    rows = []
    previous: FrontierPoint | None = None
    for point in sorted(frontier, key=lambda p: p.cost):
        before = set(previous.selected) if previous else set()
        added = [a for a in point.selected if a not in before]
        dropped = sorted(before - set(point.selected))
        change = ([f"tambah {', '.join(added)}"] if added else []) + (
            [f"lepas {', '.join(dropped)}"] if dropped else [])
        rows.append([point.cost, point.cost - previous.cost if previous else None,
                     point.expected_index, framework.predicate(point.expected_index),
                     point.expected_index - previous.expected_index if previous else None,
                     len(point.selected), marginal.get(point.cost), "; ".join(change) or NONE])
        previous = point
    _plain_table(sheet, ["Biaya", "Tambahan biaya", "Indeks harapan", "Predikat",
                         "Tambahan indeks", "Jumlah aksi", "Tambahan indeks per Rp 100 jt",
                         "Perubahan aksi dari titik sebelumnya"], rows, row + 1,
                 {0: RUPIAH_FORMAT, 1: RUPIAH_FORMAT, 2: VALUE_FORMAT, 4: GAIN_FORMAT,
                  6: GAIN_FORMAT}, wrap=(8,), centre=(6,))


# --- Indikator ------------------------------------------------------------------------------

def _write_indicators(sheet: Worksheet, problem: PlanningProblem, plan: Plan) -> None:
    fw = problem.framework
    values = problem.assessment.values
    sources = problem.assessment.sources
    blocks = {b.indicator: b for b in blocked(problem.graph, values)}
    kinds = fw.group_kinds
    external = any(ind.external for ind in fw.indicators)
    headers = ["Id", "Indikator", *(fw.group_labels.get(k, k) for k in kinds), "Bobot",
               "Nilai saat ini", "Nilai harapan", "Kenaikan harapan", "Sumbangan ke indeks",
               "Tingkat berikutnya terhambat oleh",
               *(["Dinilai dari indeks instansi lain"] if external else []), "Sumber nilai"]
    rows = []
    for ind in fw.indicators:
        before = values[ind.id]
        after = plan.expected_values.get(ind.id, before)
        block = blocks.get(ind.id)
        rows.append([
            fw.json_id(ind.id), ind.name,
            *(f"{ind.groups[k]} {fw.group(k, ind.groups[k]).name}" for k in kinds),
            ind.weight, before, after, after - before,
            ind.weight * (after - before) / fw.total_weight,
            ", ".join(node_label(n) for n in block.direct) if block else NONE,
            *([external_note(fw, [ind.id]) or NONE] if external else []),
            sources.get(ind.id, "penilaian"),
        ])
    n = len(kinds)
    widths: dict[int, float] = {0: 6, 1: 36, **{2 + k: 24 for k in range(n)}, 2 + n: 8,
                                3 + n: 9, 4 + n: 9, 5 + n: 10, 6 + n: 12, 7 + n: 16}
    widths |= {8 + n: 30, 9 + n: 12} if external else {8 + n: 12}
    write_table(sheet, headers, rows,
                formats={2 + n: WEIGHT_FORMAT, 3 + n: VALUE_FORMAT, 4 + n: VALUE_FORMAT,
                         5 + n: VALUE_FORMAT, 6 + n: GAIN_FORMAT},
                widths=widths)
    _wrap(sheet, (2, *range(3, 3 + n), 8 + n, 9 + n, *([10 + n] if external else [])),
          centre=(1,))


# --- Ketergantungan -------------------------------------------------------------------------

def _write_rules(sheet: Worksheet, problem: PlanningProblem) -> None:
    fw = problem.framework
    values = problem.assessment.values
    rows = [[fw.json_id(r.indicator), fw.indicator(r.indicator).name, r.level,
             fw.json_id(r.requires_indicator), fw.indicator(r.requires_indicator).name,
             r.requires_level, "Ya" if values[r.requires_indicator] >= r.requires_level
             else "Belum", r.reason or NONE, r.source or NONE]
            for r in problem.rules]
    write_table(sheet, ["Indikator", "Nama indikator", "Tingkat", "Mensyaratkan indikator",
                        "Nama indikator prasyarat", "Tingkat prasyarat",
                        "Prasyarat terpenuhi saat ini", "Alasan", "Sumber"], rows,
                widths={0: 10, 1: 30, 2: 8, 3: 14, 4: 30, 5: 10, 6: 12, 7: 64, 8: 11})
    _wrap(sheet, (2, 5, 8), centre=(1, 3, 4, 6, 7))
    if not rows:
        sheet.cell(row=2, column=1, value="Tidak ada aturan ketergantungan yang berlaku.")


# --- Asumsi ---------------------------------------------------------------------------------

def _write_assumptions(sheet: Worksheet, problem: PlanningProblem, options: PlanOptions,
                       plan: Plan, simulation: Simulation | None,
                       inputs_note: Mapping[str, str]) -> None:
    fw = problem.framework
    rows: list[tuple[str, object, str | None, str]] = [
        (label, text, None, "") for label, text in inputs_note.items()]
    rows += [
        ("Kerangka penilaian", fw.title, None, fw.id),
        ("Jumlah aksi dalam katalog", len(problem.catalogue), "0", ""),
        ("Jumlah aturan ketergantungan", len(problem.rules), "0", ""),
        ("Anggaran", options.budget if options.budget is not None else NONE, RUPIAH_FORMAT, ""),
        ("Target indeks harapan", options.target if options.target is not None else NONE,
         INDEX_FORMAT, ""),
        ("Batas bulan sampai unggah bukti",
         options.max_months if options.max_months is not None else "tanpa batas", "0", ""),
        ("Aksi wajib (--force)", ", ".join(options.force) or NONE, None, ""),
        ("Aksi dikecualikan (--exclude)", ", ".join(options.exclude) or NONE, None, ""),
        ("Pagu per OPD", "; ".join(f"{k} = {format_rupiah(v)}"
                                   for k, v in options.opd_budgets.items()) or NONE, None, ""),
        ("Jumlah aksi maksimum per OPD", "; ".join(
            f"{k} = {v}" for k, v in options.opd_max_actions.items()) or NONE, None, ""),
        ("Solver MILP", options.solver, None, plan.solver),
        ("Batas waktu solver (detik)",
         options.time_limit if options.time_limit is not None else "tanpa batas", None, ""),
        ("Toleransi seri (poin indeks)", TIE_TOLERANCE, "0.000000",
         "aksi yang menambah kurang dari ini dianggap tidak bernilai"),
        ("Metode nilai harapan", EXPECTATION_TEXT.get(plan.expectation_method,
                                                      plan.expectation_method), None,
         "" if plan.expectation_method == "exact"
         else "galat baku " + format_decimal(plan.expectation_error, 4)),
        ("Waktu menyusun model (detik)", plan.build_seconds, "0.00", ""),
        ("Waktu solver (detik)", plan.solve_seconds, "0.00", ""),
    ]
    if simulation is not None:
        rows += [("Jumlah simulasi Monte Carlo", simulation.draws, "#,##0", ""),
                 ("Benih acak simulasi (seed)", simulation.seed, "0",
                  "seed yang sama memberi hasil yang sama")]
    rows.append(("Catatan", "Biaya dan peluang diterima dalam katalog adalah perkiraan; "
                 "sesuaikan dengan standar harga daerah sebelum dianggarkan.", None, ""))
    _key_values(sheet, ["Uraian", "Nilai", "Keterangan"], rows, start_row=1,
                widths={0: 36, 1: 60, 2: 50})


# --- helpers --------------------------------------------------------------------------------

def _title(sheet: Worksheet, title: str, subtitle: str) -> None:
    sheet.cell(row=1, column=1, value=str(safe_text(title))).font = TITLE_FONT
    sheet.cell(row=2, column=1, value=str(safe_text(subtitle)))


def _section(sheet: Worksheet, row: int, text: str) -> None:
    sheet.cell(row=row, column=1, value=text).font = SECTION_FONT


def _key_values(sheet: Worksheet, headers: list[str],
                rows: Sequence[tuple[str, object, str | None, str]], *, start_row: int,
                widths: dict[int, float]) -> None:
    """A label / value / note table whose value cells each carry their own number format."""
    write_table(sheet, headers, [[label, value, note] for label, value, _, note in rows],
                widths=widths, start_row=start_row)
    _wrap(sheet, (1, 3), first_row=start_row + 1)
    for offset, (_, value, number_format, _) in enumerate(rows, start=1):
        cell = sheet.cell(row=start_row + offset, column=2)
        if number_format and not isinstance(value, str):
            cell.number_format = number_format
        cell.alignment = VALUE_ALIGNMENT


def _plain_table(sheet: Worksheet, headers: list[str], rows: Sequence[Sequence[object]],
                 start_row: int, formats: dict[int, str], *, wrap: Sequence[int] = (),
                 centre: Sequence[int] = ()) -> None:
    """A further table on a sheet whose frozen header and filter belong to the first one."""
    freeze, filters = sheet.freeze_panes, sheet.auto_filter.ref
    widths = {c: sheet.column_dimensions[get_column_letter(c + 1)].width
              for c in range(len(headers))}
    write_table(sheet, headers, rows, formats=formats, widths=widths, start_row=start_row)
    sheet.freeze_panes, sheet.auto_filter.ref = freeze, filters
    _wrap(sheet, wrap, first_row=start_row + 1, centre=centre)


def _wrap(sheet: Worksheet, columns: Sequence[int], first_row: int = 2, *,
          centre: Sequence[int] = ()) -> None:
    """Align every data cell to the top, wrap the text of ``columns`` and centre the small
    numbers of ``centre`` (1-based column numbers)."""
    for row in sheet.iter_rows(min_row=first_row, max_row=sheet.max_row):
        for cell in row:
            cell.alignment = (WRAP if cell.column in columns
                              else CENTRE if cell.column in centre else TOP)


def _add_chart(sheet: Worksheet, figure: Figure, row: int, *,
               width: int = CHART_WIDTH_PX) -> int:
    """Embed ``figure`` as a PNG ``width`` pixels wide at column A of ``row``, starting a
    printed page there; return the first row below it."""
    image = Image(io.BytesIO(png_bytes(figure)))
    scale = width / image.width
    image.width, image.height = width, round(image.height * scale)
    sheet.add_image(image, f"A{row}")
    sheet.row_breaks.append(Break(id=row - 1))
    return row + math.ceil(image.height / ROW_PX) + 2


def _fit_rows(sheet: Worksheet) -> None:
    """Set every cell in Arial and give rows with wrapped text the height they need.

    Spreadsheet programs do not grow such rows when they open a generated file, so the lines
    are counted here by wrapping each text at its column's width, measured with Arial's
    character widths. Arial (Liberation Sans in LibreOffice has the same metrics) makes the
    layout the same in every program.
    """
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row), start=1):
        lines = 1
        for cell in row:
            font = cell.font
            size = font.sz if font.sz and font.sz != DEFAULT_SIZE else FONT_SIZE
            cell.font = Font(name=FONT_NAME, size=size, bold=font.b, color=font.color)
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            width = sheet.column_dimensions[get_column_letter(cell.column)].width or 10
            lines = max(lines, wrapped_lines(str(cell.value), width, bold=bool(font.b)))
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_POINTS * lines + 2


def text_units(text: str, *, bold: bool = False) -> float:
    """The width of ``text`` in 10-point Arial, in column-width units.

    A column-width unit is the digit width of the workbook's default font (11-point Calibri,
    7 pixels); a 10-point Arial digit is about 6% wider.

    >>> round(text_units("0000"), 2), round(text_units("Iii"), 2)
    (4.24, 1.38)
    """
    units = sum(_ARIAL_WIDTHS.get(ch, _ARIAL_UPPER if ch.isupper() else _ARIAL_DEFAULT)
                for ch in text) / _ARIAL_WIDTHS["0"]
    return units * (BOLD_FACTOR if bold else 1.0) * ARIAL_PER_UNIT


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines ``text`` takes in a wrapped cell of column width ``width``.

    >>> wrapped_lines("Tata Kelola", 20), wrapped_lines("Tata Kelola Pemerintah Digital", 12)
    (1, 3)
    """
    usable = max(width - CELL_PADDING, 1.0)
    space = text_units(" ", bold=bold)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            size = text_units(word, bold=bold)
            if used and used + space + size > usable:
                lines, used = lines + 1, 0.0
            used += (space if used else 0.0) + size
            while used > usable:  # a word longer than the column breaks inside
                lines, used = lines + 1, used - usable
        total += lines
    return total


# Arial advance widths in 1/1000 em (Liberation Sans has the same).
_ARIAL_WIDTHS = {
    **dict.fromkeys("0123456789abdeghnopqu$", 556.0), **dict.fromkeys("ckszvxyJ", 500.0),
    **dict.fromkeys("ijl|", 222.0), **dict.fromkeys(" ft.,:;/!I[]", 278.0),
    **dict.fromkeys("r-()", 333.0), "m": 833.0, "w": 722.0, "'": 191.0, "%": 889.0,
    "–": 556.0, "—": 1000.0, "+": 584.0, "=": 584.0, "≥": 549.0, "→": 1000.0,
    "M": 833.0, "W": 944.0, "C": 722.0, "D": 722.0, "H": 722.0, "N": 722.0, "R": 722.0,
    "U": 722.0, "G": 778.0, "O": 778.0, "Q": 778.0, "F": 611.0, "T": 611.0, "Z": 611.0,
    "L": 556.0,
}
_ARIAL_UPPER = 667.0
_ARIAL_DEFAULT = 556.0


def _fit_page(sheet: Worksheet, *, repeat_header: bool) -> None:
    """Print one page wide (portrait for the narrow key-value sheets, landscape for the
    tables), optionally repeating the header row on every page."""
    sheet.page_setup.orientation = "portrait" if sheet.title in PORTRAIT else "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if repeat_header:
        sheet.print_title_rows = "1:1"


# --- Markdown -------------------------------------------------------------------------------

def markdown_summary(problem: PlanningProblem, plan: Plan, *,
                     scenarios: Sequence[Plan] | None = None,
                     simulation: Simulation | None = None) -> str:
    """The plan as a short Markdown document in Bahasa Indonesia (for a rencana aksi draft)."""
    fw = problem.framework
    name = problem.assessment.name
    lines = [f"# Rencana Aksi {fw.index_name}" + (f" — {_md(name)}" if name else ""), "",
             f"*{fw.title}*", "",
             f"- Indeks saat ini: **{format_decimal(plan.index_before)}** "
             f"({plan.predicate_before})",
             f"- Indeks harapan setelah rencana aksi: **{format_decimal(plan.expected_index)}** "
             f"({plan.expected_predicate}), kenaikan {format_decimal(plan.expected_gain)}"]
    if plan.budget is not None:
        lines.append(f"- Anggaran: {format_rupiah(plan.budget)}")
    if plan.target is not None:
        lines.append(f"- Target indeks harapan: {format_decimal(plan.target)}")
    lines.append(f"- Total biaya: {format_rupiah(plan.total_cost)} untuk {len(plan.selected)} "
                 f"aksi dalam {plan.months_needed} bulan")
    if simulation is not None:
        chances = ", ".join(f"{band.name} {percent(simulation.band_probabilities[band.name])}"
                            for band in fw.predicates[1:])
        lines.append(f"- Peluang mencapai predikat (atau lebih tinggi), dari "
                     f"{format_decimal(simulation.draws, 0)} simulasi: {chances}")
    lines.append(f"- Status: {STATUS_TEXT.get(plan.status, plan.status)}")
    lines += ["", "## Rencana aksi", ""]
    if plan.selected:
        lines += ["| No | Aksi | OPD | Bulan ke- | Biaya | Peluang | Tambahan indeks |",
                  "|---:|---|---|---|---:|---:|---:|"]
        for p in plan.selected:
            row = action_row(p, fw)
            lines.append(
                f"| {p.rank} | [{_md(p.action.id)}] {_md(p.action.name)} | "
                f"{_md(p.action.opd or '-')} | {row[5]}–{row[6]} | "
                f"{format_rupiah_short(p.action.cost)} | {percent(p.action.probability)} | "
                f"{format_decimal(p.marginal_gain, 3)} |")
        external = sorted({e.indicator for p in plan.selected for e in p.action.effects
                           if fw.indicator(e.indicator).external},
                          key=fw.indicator_ids.index)
        if external:
            lines += ["", "Catatan: " + external_note(fw, external)
                      + "; kenaikannya baru tercatat setelah instansi tersebut menilai."]
    else:
        lines.append("Tidak ada aksi terpilih.")
    if scenarios:
        lines += ["", "## Skenario anggaran", "",
                  "| Anggaran | Total biaya | Indeks harapan | Predikat | Jumlah aksi |",
                  "|---:|---:|---:|---|---:|"]
        for s in sorted(scenarios, key=lambda s: s.budget or 0.0):
            budget = s.budget if s.budget is not None else s.total_cost
            lines.append(f"| {format_rupiah(budget)} | {format_rupiah(s.total_cost)} | "
                         f"{format_decimal(s.expected_index)} | {s.expected_predicate} | "
                         f"{len(s.selected)} |")
    if plan.warnings:
        lines += ["", "## Peringatan", ""] + [f"- {_md(w)}" for w in plan.warnings]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipe or line break breaks the row."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
