"""A plan as the JSON contract and as readable Bahasa Indonesia text (CLI, app, reports)."""

from __future__ import annotations

from roadmap.framework import Framework
from roadmap.labels import format_month_range, format_probability
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.plan import Plan, PlanStatus

STATUS_TEXT = {
    PlanStatus.OPTIMAL: "optimal (terbukti oleh solver)",
    PlanStatus.FEASIBLE: "layak, belum terbukti optimal",
    PlanStatus.HEURISTIC: "heuristik greedy (pembanding)",
}
RULE_SOURCE_TEXT = {
    "semua": "dengan semua aturan ketergantungan",
    "pedoman": "dengan aturan bersumber pedoman saja",
}


def status_text(plan: Plan) -> str:
    """The plan's status in words, with the proven gap when it is not optimal."""
    text = STATUS_TEXT[PlanStatus(plan.status)]
    if plan.status == PlanStatus.FEASIBLE and plan.gap > 0:
        unit = (format_rupiah(plan.gap) if plan.target is not None
                else f"{format_decimal(plan.gap, 4)} poin indeks")
        text += f" (selisih terbukti dari optimum paling banyak {unit})"
    return text


def plan_payload(plan: Plan, framework: Framework) -> dict[str, object]:
    """The ``plan`` JSON contract plus explanatory extra keys; numbers unrounded."""
    return {
        "framework": plan.framework_id,
        "status": str(plan.status),
        "proven_optimal": plan.proven_optimal,
        "gap": plan.gap,
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
        "rule_sources": dict(plan.rule_sources),
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
                "contribution": p.contribution,
                "marginal_gain": p.marginal_gain,
                "group": p.action.group or None,
                "effects": [{"indicator": framework.json_id(e.indicator), "level": e.level}
                            for e in p.action.effects],
                "external": sorted({framework.json_id(e.indicator) for e in p.action.effects
                                    if framework.indicator(e.indicator).external}),
                "after": list(p.prerequisites),
                "reason": p.reason,
                "evidence": [
                    {"code": t.code, "indicator": framework.json_id(t.indicator),
                     "level": t.level, "item": t.item, "opd": t.opd or None,
                     "due_month": t.due_month}
                    for t in p.evidence
                ],
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
            f"{format_month_range(p.start_month, p.end_month)} | peluang "
            f"{format_probability(action.probability)} | kontribusi "
            f"+{format_decimal(p.contribution, 3)} indeks"
        )
        lines.append(f"     Alasan: {p.reason}")
        if p.evidence:
            lines.append(f"     Data dukung (siap paling lambat bulan {p.evidence[0].due_month}):")
            lines += [f"       - {t.code} {t.item}" for t in p.evidence]
        if external:
            lines.append("     Catatan: indikator " + ", ".join(external)
                         + " dinilai dari indeks instansi lain (berjeda)")
    if plan.near_misses:
        lines += ["", "Aksi yang hampir terpilih:"]
        for m in plan.near_misses[:5]:
            lines.append(f"  - [{m.action.id}] {m.action.name} "
                         f"({format_rupiah_short(m.action.cost)}, "
                         f"+{format_decimal(m.gain_if_added, 3)} jika ditambah): {m.why}")
    if len(plan.rule_sources) > 1:
        lines += ["", "Seberapa bergantung pada asumsi (indeks harapan rencana terbaik):"]
        lines += [f"  - {RULE_SOURCE_TEXT.get(k, k)}: {format_decimal(v)}"
                  for k, v in plan.rule_sources.items()]
    lines += ["", f"Status: {status_text(plan)}",
              f"Metode: {plan.method}",
              f"Waktu: susun model {format_decimal(plan.build_seconds, 2)} dtk, "
              f"solver {format_decimal(plan.solve_seconds, 2)} dtk"]
    if plan.expectation_method != "exact":
        lines.append(f"Nilai harapan dihitung dengan Monte Carlo (galat baku "
                     f"{format_decimal(plan.expectation_error, 4)})")
    lines += [f"Peringatan: {w}" for w in plan.warnings]
    return "\n".join(lines)
