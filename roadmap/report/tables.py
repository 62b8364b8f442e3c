"""The table sheets of the report: ``Rencana Aksi``, ``Skenario Anggaran``, ``Indikator`` and
``Ketergantungan``.

Every table has a frozen header and a filter; money tables end with a bold total row outside
the filter (sorting never moves it); text a spreadsheet would run as a formula is neutralised
(``roadmap.io.xlsx``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.styles import Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.dependencies import blocked, node_label
from roadmap.evidence import EvidenceTask
from roadmap.framework import Framework
from roadmap.io.xlsx import write_table
from roadmap.labels import month_span
from roadmap.plan import Plan, PlannedAction, PlanStatus
from roadmap.problem import PlanningProblem
from roadmap.report.content import NONE
from roadmap.report.formats import (
    GAIN_FORMAT,
    MONTH_FORMAT,
    RUPIAH_FORMAT,
    VALUE_FORMAT,
    WEIGHT_FORMAT,
    probability_cell,
)
from roadmap.report.layout import wrap
from roadmap.scenarios import FrontierPoint, marginal_per_100jt

__all__ = ["ACTION_HEADERS", "SCENARIO_HEADERS", "STATUS_SHORT", "TOTAL_LABEL", "action_row",
           "write_evidence",
           "external_note", "section", "write_actions", "write_indicators", "write_rules",
           "write_scenarios"]

SECTION_FONT = Font(bold=True, size=12)
TOTAL_FONT = Font(bold=True)
TOTAL_BORDER = Border(top=Side(style="thin", color="1F4E78"))
TOTAL_LABEL = "Jumlah"
NO_BUDGET = "tidak dapat dicapai dengan katalog aksi ini"
STATUS_SHORT = {PlanStatus.OPTIMAL: "optimal", PlanStatus.FEASIBLE: "layak (belum terbukti)",
                PlanStatus.HEURISTIC: "heuristik"}
CHART_ROWS = 24  # rows kept free for the 10 x 5.6 in frontier chart above its table


# --- Rencana Aksi ---------------------------------------------------------------------------

ACTION_HEADERS = ["Urutan", "Id aksi", "Nama aksi", "OPD", "Durasi (bulan)", "Bulan mulai",
                  "Bulan selesai", "Biaya", "Peluang diterima", "Kontribusi",
                  "Penurunan bila dibatalkan", "Dampak (indikator: tingkat)", "Setelah aksi",
                  "Alasan", "Dasar biaya", "Catatan indikator eksternal"]
ACTION_WIDTHS: dict[int, float] = {0: 7, 1: 8, 2: 34, 3: 14, 4: 8, 5: 7, 6: 7, 7: 15, 8: 9,
                                   9: 10, 10: 10, 11: 11, 12: 9, 13: 34, 14: 24, 15: 22}
COST, PROBABILITY, CONTRIBUTION = 7, 8, 9  # zero-based columns


def action_row(planned: PlannedAction, framework: Framework) -> list[object]:
    """One ``Rencana Aksi`` row (``ACTION_HEADERS``); months are those of the plan year,
    1 to 12 (``roadmap.labels.month_span``). The probability is left as a number."""
    action = planned.action
    effects = "; ".join(f"{e.indicator}:{e.level}" for e in action.effects)
    first, last = month_span(planned.start_month, planned.end_month)
    return [planned.rank, action.id, action.name, action.opd or NONE, action.months or 0,
            first, last, action.cost, action.probability, planned.contribution,
            planned.marginal_gain, effects, ", ".join(planned.prerequisites) or NONE,
            planned.reason, action.cost_basis or NONE,
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


def write_actions(sheet: Worksheet, framework: Framework, plan: Plan) -> None:
    """The plan's actions and a total row (cost, contributions); the external-indicator column
    only for frameworks that have such indicators."""
    columns = len(ACTION_HEADERS) - (0 if any(i.external for i in framework.indicators) else 1)
    rows = [action_row(p, framework)[:columns] for p in plan.selected]
    write_table(sheet, ACTION_HEADERS[:columns], rows,
                formats={4: MONTH_FORMAT, COST: RUPIAH_FORMAT, CONTRIBUTION: GAIN_FORMAT,
                         10: GAIN_FORMAT},
                widths={k: w for k, w in ACTION_WIDTHS.items() if k < columns})
    for offset, planned in enumerate(plan.selected, start=2):
        cell = sheet.cell(row=offset, column=PROBABILITY + 1)
        cell.value, number_format = probability_cell(planned.action.probability)
        cell.number_format = number_format or "@"
    wrap(sheet, (3, 4, 12, 13, 14, 15, 16), centre=(1, 5, 6, 7, 9))
    if not rows:
        sheet.cell(row=3, column=1, value="Tidak ada aksi terpilih dalam anggaran ini.")
        return
    total_row(sheet, len(rows) + 2, {
        COST: (plan.total_cost, RUPIAH_FORMAT),
        CONTRIBUTION: (sum(p.contribution for p in plan.selected), GAIN_FORMAT)},
        label_column=2, label=f"{TOTAL_LABEL} ({len(rows)} aksi)")


def total_row(sheet: Worksheet, row: int, values: Mapping[int, tuple[float, str]], *,
              label_column: int = 0, label: str = TOTAL_LABEL) -> None:
    """A bold row under a table: ``label`` and the totals ``values`` (zero-based column ->
    value and number format), with a rule above it across the table."""
    width = sheet.max_column
    for column in range(1, width + 1):
        cell = sheet.cell(row=row, column=column)
        cell.border, cell.font = TOTAL_BORDER, TOTAL_FONT
    sheet.cell(row=row, column=label_column + 1, value=label)
    for column, (value, number_format) in values.items():
        cell = sheet.cell(row=row, column=column + 1, value=value)
        cell.number_format = number_format


# --- Skenario Anggaran ----------------------------------------------------------------------

SCENARIO_HEADERS = ["Anggaran", "Total biaya", "Indeks harapan", "Predikat harapan",
                    "Kenaikan indeks", "Jumlah aksi", "Status", "Aksi terpilih"]
SCENARIO_WIDTHS: dict[int, float] = {0: 18, 1: 18, 2: 12, 3: 14, 4: 14, 5: 9, 6: 20, 7: 60}


def write_scenarios(sheet: Worksheet, framework: Framework, plan: Plan,
                    scenarios: Sequence[Plan], frontier: Sequence[FrontierPoint],
                    minimums: Mapping[str, float | None] | None) -> int | None:
    """Budget scenarios (with the sheet's filter), minimum budgets, then the frontier points.

    Returns the row where the frontier chart goes (above the long frontier table), or None
    without a frontier.
    """
    ordered = sorted(scenarios, key=lambda s: s.budget or 0.0)
    rows = [[s.budget if s.budget is not None else s.total_cost, s.total_cost,
             s.expected_index, s.expected_predicate, s.expected_gain, len(s.selected),
             STATUS_SHORT.get(s.status, str(s.status)), ", ".join(s.selected_ids) or NONE]
            for s in ordered]
    write_table(sheet, SCENARIO_HEADERS, rows,
                formats={0: RUPIAH_FORMAT, 1: RUPIAH_FORMAT, 2: VALUE_FORMAT, 4: VALUE_FORMAT},
                widths=SCENARIO_WIDTHS)
    wrap(sheet, (7, 8), centre=(6,))
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


def section(sheet: Worksheet, row: int, text: str) -> None:
    """A bold heading above a further table of a sheet."""
    sheet.cell(row=row, column=1, value=text).font = SECTION_FONT


def _write_minimums(sheet: Worksheet, framework: Framework, plan: Plan,
                    minimums: Mapping[str, float | None], row: int) -> int:
    """The cheapest budget per band above the lowest (Rp 0 for the bands already reached);
    returns the last row written."""
    section(sheet, row, "Anggaran minimum untuk setiap predikat (indeks harapan)")
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
    section(sheet, row, "Batas efisien: indeks harapan terbaik untuk setiap tingkat biaya")
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
                  6: GAIN_FORMAT}, wrap_columns=(8,), centre=(6,))


def _plain_table(sheet: Worksheet, headers: list[str], rows: Sequence[Sequence[object]],
                 start_row: int, formats: dict[int, str], *, wrap_columns: Sequence[int] = (),
                 centre: Sequence[int] = ()) -> None:
    """A further table on a sheet whose frozen header and filter belong to the first one."""
    freeze, filters = sheet.freeze_panes, sheet.auto_filter.ref
    widths = {c: sheet.column_dimensions[get_column_letter(c + 1)].width
              for c in range(len(headers))}
    write_table(sheet, headers, rows, formats=formats, widths=widths, start_row=start_row)
    sheet.freeze_panes, sheet.auto_filter.ref = freeze, filters
    wrap(sheet, wrap_columns, first_row=start_row + 1, centre=centre)


# --- Indikator ------------------------------------------------------------------------------

def write_indicators(sheet: Worksheet, problem: PlanningProblem, plan: Plan) -> None:
    """Each indicator today and expected after the plan, with a total row whose
    ``Sumbangan ke indeks`` is the plan's expected gain."""
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
    wrap(sheet, (2, *range(3, 3 + n), 8 + n, 9 + n, *([10 + n] if external else [])),
         centre=(1,))
    total_row(sheet, len(rows) + 2, {
        2 + n: (fw.total_weight, WEIGHT_FORMAT),
        6 + n: (sum(float(r[6 + n]) for r in rows), GAIN_FORMAT)}, label_column=1)


# --- Ketergantungan -------------------------------------------------------------------------

def write_evidence(sheet: Worksheet, framework: Framework, plan: Plan) -> None:
    """One row per data dukung item of the plan (an item two actions share appears once, with
    the earlier due month), sortable by OPD and due month, with an empty status column the team
    fills in (``diterima``, ``revisi`` or ``belum``, the evidence status file's values)."""
    first: dict[str, tuple[PlannedAction, EvidenceTask]] = {}
    for planned in plan.selected:
        for task in planned.evidence:
            if task.code not in first or task.due_month < first[task.code][1].due_month:
                first[task.code] = (planned, task)
    rows = [[task.code, framework.json_id(task.indicator), task.level, task.item,
             planned.action.id, task.opd or NONE, task.due_month, "", ""]
            for planned, task in sorted(first.values(),
                                        key=lambda pt: (pt[1].due_month, pt[1].opd, pt[1].code))]
    write_table(sheet, ["Kode", "Indikator", "Tingkat", "Data dukung", "Aksi", "OPD",
                        "Siap paling lambat (bulan ke-)", "Status", "Catatan"], rows,
                widths={0: 11, 1: 10, 2: 8, 3: 70, 4: 9, 5: 18, 6: 14, 7: 11, 8: 30})
    wrap(sheet, (4, 9), centre=(2, 3, 5, 7, 8))
    if not rows:
        sheet.cell(row=2, column=1, value="Rencana ini tidak memuat data dukung.")


def write_rules(sheet: Worksheet, problem: PlanningProblem) -> None:
    """The dependency rules in force and whether each prerequisite is met today."""
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
    wrap(sheet, (2, 5, 8), centre=(1, 3, 4, 6, 7))
    if not rows:
        sheet.cell(row=2, column=1, value="Tidak ada aturan ketergantungan yang berlaku.")
