"""The Peta Rencana for people and programs: the ``peta-rencana`` JSON payload and the terminal
text, returned (the workbook sheet is ``roadmap.report.multiyear``)."""

from __future__ import annotations

import math
import textwrap

from roadmap.framework import Framework
from roadmap.labels import format_month_range, format_probability
from roadmap.multiyear import MultiYearPlan, YearPlan
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.plan import Plan, PlanStatus
from roadmap.plan_format import STATUS_TEXT, plan_payload

__all__ = ["OBJECTIVE_TEXT", "goal_text", "peta_rencana_payload", "peta_rencana_text"]

OBJECTIVE_TEXT = {
    "final": "indeks harapan tertinggi pada tahun terakhir",
    "sum": "jumlah indeks harapan tiap tahun tertinggi (kemajuan lebih awal lebih bernilai)",
    "target": "biaya termurah untuk mencapai target",
}


def _selected_payload(year: YearPlan, plan: MultiYearPlan, framework: Framework
                      ) -> list[dict[str, object]]:
    """The year's actions in the form of ``roadmap plan --json``'s ``selected`` items, each
    with its ``contribution`` to the year's expected index."""
    single = Plan(
        framework_id=plan.framework_id, status=plan.status, method=plan.method,
        budget=year.budget, target=plan.target, total_cost=year.total_cost,
        index_before=plan.index_before, expected_index=year.expected_index,
        predicate_before=plan.predicate_before, expected_predicate=year.predicate,
        selected=year.selected,
    )
    items = plan_payload(single, framework)["selected"]
    assert isinstance(items, list)
    return [item | {"contribution": p.contribution}
            for item, p in zip(items, year.selected, strict=True)]


def peta_rencana_payload(plan: MultiYearPlan, framework: Framework) -> dict[str, object]:
    """The ``peta-rencana`` JSON contract plus explanatory extra keys; numbers unrounded."""
    return {
        "framework": plan.framework_id,
        "objective": plan.objective,
        "status": str(plan.status),
        "proven_optimal": plan.proven_optimal,
        "exact_model": plan.exact_model,
        "gap": plan.gap if math.isfinite(plan.gap) else None,
        "bound": plan.bound,
        "tie_break_proven": plan.tie_break_proven,
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


def goal_text(plan: MultiYearPlan) -> str:
    """The plan's objective in words (with the year it concerns)."""
    goal = OBJECTIVE_TEXT[plan.objective]
    if plan.objective == "target" and plan.target is not None:
        goal += f" {format_decimal(plan.target)} pada tahun {plan.by_year}"
    elif plan.objective == "final":
        goal += f" ({plan.years[-1].year})"
    return goal


def _gap_text(plan: MultiYearPlan) -> str:
    if not math.isfinite(plan.gap):
        return "tidak diketahui (solver tidak memberi batas dalam batas waktu)"
    if plan.objective == "target":
        return f"{format_rupiah(plan.gap)} di atas biaya termurah yang mungkin"
    return f"{format_decimal(plan.gap, 4)} poin indeks"


def peta_rencana_text(plan: MultiYearPlan, framework: Framework, title: str = "") -> str:
    """The Peta Rencana for the terminal: year by year, then the trajectory."""
    from roadmap.cli.text import table  # a plain-text table; shared with the other commands

    first, last = plan.years[0].year, plan.years[-1].year
    span = str(first) if first == last else f"{first}–{last}"
    lines = [f"Peta Rencana {framework.index_name} {span}" + (f" — {title}" if title else ""),
             f"Tujuan: {goal_text(plan)}",
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
                f"{format_month_range(p.start_month, p.end_month)} | peluang "
                f"{format_probability(action.probability)} | "
                f"+{format_decimal(round(p.contribution, 3) + 0.0, 3)} indeks")
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
              f"Status: {STATUS_TEXT[PlanStatus(plan.status)]}"]
    if not plan.proven_optimal and plan.gap > 0:
        lines.append(f"Selisih terbukti terhadap optimum (gap): {_gap_text(plan)}")
    lines += [f"Metode: {plan.method}",
              f"Waktu: susun model {format_decimal(plan.build_seconds, 2)} dtk, solver "
              f"{format_decimal(plan.solve_seconds, 2)} dtk",
              "Catatan: indeks harapan tiap tahun dihitung dari semua aksi sampai tahun itu, "
              "dengan rekam jejak lintas tahun; aksi yang gagal diterima asesor tidak diulang "
              "pada tahun berikutnya. Tambahan indeks tiap aksi dihitung menurut urutan dalam "
              "tahunnya."]
    if plan.expectation_method != "exact":
        lines.append("Nilai harapan sebagian dihitung dengan Monte Carlo.")
    lines += [f"Peringatan: {w}" for w in plan.warnings]
    return "\n".join(lines)
