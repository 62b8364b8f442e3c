"""A plan as the JSON contract and as readable Bahasa Indonesia text (CLI, app, reports)."""

from __future__ import annotations

from roadmap.framework import Framework
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.plan import Plan

STATUS_TEXT = {
    "optimal": "optimal (terbukti oleh solver)",
    "feasible": "layak (belum terbukti optimal dalam batas waktu)",
    "best-found": "terbaik yang ditemukan (model batas bawah + perbandingan eksak)",
    "heuristic": "heuristik greedy (pembanding)",
}


def plan_payload(plan: Plan, framework: Framework) -> dict[str, object]:
    """The ``plan`` JSON contract plus explanatory extra keys; numbers unrounded."""
    return {
        "framework": plan.framework_id,
        "status": plan.status,
        "proven_optimal": plan.proven_optimal,
        "exact_model": plan.exact_model,
        "method": plan.method,
        "solver": plan.solver,
        "budget": plan.budget if plan.budget is not None else plan.total_cost,
        "target": plan.target,
        "total_cost": plan.total_cost,
        "index_before": plan.index_before,
        "expected_index": plan.expected_index,
        "predicate_before": plan.predicate_before,
        "predicate": plan.expected_predicate,
        "expectation_method": plan.expectation_method,
        "expectation_standard_error": plan.expectation_error,
        "months_needed": plan.months_needed,
        "build_seconds": plan.build_seconds,
        "solve_seconds": plan.solve_seconds,
        "warnings": list(plan.warnings),
        "selected": [
            {
                "id": p.action.id,
                "rank": p.rank,
                "name": p.action.name,
                "cost": p.action.cost,
                "opd": p.action.opd,
                "months": p.action.months,
                "start_month": p.start_month,
                "end_month": p.end_month,
                "probability": p.action.probability,
                "marginal_gain": p.marginal_gain,
                "effects": [{"indicator": framework.json_id(e.indicator), "level": e.level}
                            for e in p.action.effects],
                "external": sorted({framework.json_id(e.indicator) for e in p.action.effects
                                    if framework.indicator(e.indicator).external}),
                "after": list(p.prerequisites),
                "reason": p.reason,
            }
            for p in plan.selected
        ],
        "near_misses": [
            {"id": m.action.id, "name": m.action.name, "cost": m.action.cost,
             "gain_if_added": m.gain_if_added, "why": m.why}
            for m in plan.near_misses
        ],
    }


def plan_text(plan: Plan, framework: Framework, title: str = "") -> str:
    """A prioritized rencana aksi for the terminal."""
    lines = [f"Rencana aksi {framework.index_name}" + (f" — {title}" if title else "")]
    if plan.target is not None:
        lines.append(f"Tujuan: biaya termurah untuk indeks harapan >= "
                     f"{format_decimal(plan.target)}")
    if plan.budget is not None:
        lines.append(f"Anggaran: {format_rupiah(plan.budget)}")
    lines.append(
        f"Indeks sekarang {format_decimal(plan.index_before)} ({plan.predicate_before}) -> "
        f"indeks harapan {format_decimal(plan.expected_index)} ({plan.expected_predicate}), "
        f"total biaya {format_rupiah(plan.total_cost)}"
    )
    lines.append("")
    if not plan.selected:
        lines.append("Tidak ada aksi yang terpilih.")
    for p in plan.selected:
        action = p.action
        external = [e.indicator for e in action.effects
                    if framework.indicator(e.indicator).external]
        lines.append(
            f"{p.rank:>3}. [{action.id}] {action.name}"
        )
        lines.append(
            f"     {format_rupiah_short(action.cost)} | {action.opd or '-'} | "
            f"bulan {p.start_month}-{p.end_month} | peluang {format_decimal(action.probability)}"
            f" | +{format_decimal(p.marginal_gain, 3)} indeks"
        )
        lines.append(f"     Alasan: {p.reason}")
        if external:
            lines.append("     Catatan: indikator " + ", ".join(external)
                         + " dinilai dari indeks instansi lain (berjeda)")
    if plan.near_misses:
        lines += ["", "Aksi yang hampir terpilih:"]
        for m in plan.near_misses[:5]:
            lines.append(f"  - [{m.action.id}] {m.action.name} "
                         f"({format_rupiah_short(m.action.cost)}, "
                         f"+{format_decimal(m.gain_if_added, 3)} jika ditambah): {m.why}")
    lines += ["", f"Status: {STATUS_TEXT.get(plan.status, plan.status)}",
              f"Metode: {plan.method}",
              f"Waktu: susun model {format_decimal(plan.build_seconds, 2)} dtk, "
              f"solver {format_decimal(plan.solve_seconds, 2)} dtk"]
    if plan.expectation_method != "exact":
        lines.append(f"Nilai harapan dihitung dengan Monte Carlo (galat baku "
                     f"{format_decimal(plan.expectation_error, 4)})")
    lines += [f"Peringatan: {w}" for w in plan.warnings]
    return "\n".join(lines)
