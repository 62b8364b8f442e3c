"""The ``Peta Rencana`` sheet of a workbook: the trajectory per year, then one row per action
(added to a workbook the caller writes)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.framework import Framework
from roadmap.io.xlsx import INDEX_FORMAT, PERCENT_FORMAT, RUPIAH_FORMAT, write_table
from roadmap.multiyear import MultiYearPlan
from roadmap.numbers import format_decimal
from roadmap.render.multiyear import goal_text

__all__ = ["SHEET", "write_peta_rencana_sheet"]

SHEET = "Peta Rencana"


def write_peta_rencana_sheet(workbook: Workbook, plan: MultiYearPlan, framework: Framework,
                             title: str = "") -> Worksheet:
    """Add the ``Peta Rencana`` sheet: the trajectory per year on top, then one row per
    action with its year, rank, months, OPD and contribution (money in rupiah format)."""
    sheet = workbook.create_sheet(SHEET)
    first, last = plan.years[0].year, plan.years[-1].year
    sheet.cell(row=1, column=1, value=f"Peta Rencana {framework.index_name} {first}–{last}"
               + (f" — {title}" if title else "")).font = Font(bold=True, size=13)
    sheet.cell(row=2, column=1, value=(
        f"Tujuan: {goal_text(plan)}. Indeks sekarang {format_decimal(plan.index_before)} "
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
                         p.contribution,
                         "; ".join(f"{e.indicator}:{e.level}" for e in action.effects),
                         p.reason])
    write_table(sheet, ["Tahun", "Urutan", "Id aksi", "Aksi", "OPD", "Biaya", "Bulan mulai",
                        "Bulan selesai", "Peluang", "Tambahan indeks", "Dampak", "Alasan"],
                rows, formats={5: RUPIAH_FORMAT, 8: PERCENT_FORMAT, 9: "0.000"},
                widths={3: 60, 11: 60}, start_row=6 + len(summary))
    return sheet
