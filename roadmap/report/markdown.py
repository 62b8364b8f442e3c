"""The report as a short Markdown document in Bahasa Indonesia, for a rencana aksi draft."""

from __future__ import annotations

from collections.abc import Sequence

from roadmap.labels import format_month_range, format_probability
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.plan import Plan
from roadmap.plan_format import STATUS_TEXT
from roadmap.problem import PlanningProblem
from roadmap.report.content import report_title
from roadmap.report.tables import TOTAL_LABEL, external_note
from roadmap.simulate import Simulation

__all__ = ["markdown_summary"]


def markdown_summary(problem: PlanningProblem, plan: Plan, *,
                     scenarios: Sequence[Plan] | None = None,
                     simulation: Simulation | None = None, pemda: str = "",
                     tahun: int | None = None) -> str:
    """The title (``report_title``), the key figures, the actions with a total row, the
    budget ``scenarios`` and the warnings of ``plan``; the chances from ``simulation``."""
    fw = problem.framework
    lines = [f"# {_md(report_title(fw, pemda, tahun))}", "", f"*{fw.title}*", ""]
    if pemda.strip():
        lines.append(f"- Pemerintah daerah: {_md(' '.join(pemda.split()))}")
    if tahun:
        lines.append(f"- Tahun rencana aksi: {tahun}")
    lines += [f"- Indeks saat ini: **{format_decimal(plan.index_before)}** "
              f"({plan.predicate_before})",
              f"- Indeks harapan setelah rencana aksi: **{format_decimal(plan.expected_index)}**"
              f" ({plan.expected_predicate}), kenaikan {format_decimal(plan.expected_gain)}"]
    if plan.budget is not None:
        lines.append(f"- Anggaran: {format_rupiah(plan.budget)}")
    if plan.target is not None:
        lines.append(f"- Target indeks harapan: {format_decimal(plan.target)}")
    lines.append(f"- Total biaya: {format_rupiah(plan.total_cost)} untuk {len(plan.selected)} "
                 f"aksi dalam {plan.months_needed} bulan")
    if simulation is not None:
        chances = ", ".join(
            f"{band.name} {format_probability(simulation.band_probabilities[band.name])}"
            for band in fw.predicates[1:])
        lines.append(f"- Peluang mencapai predikat (atau lebih tinggi), dari "
                     f"{format_decimal(simulation.draws, 0)} simulasi: {chances}")
    lines.append(f"- Status: {STATUS_TEXT.get(plan.status, str(plan.status))}")
    lines += ["", "## Rencana aksi", ""]
    if plan.selected:
        lines += ["| No | Aksi | OPD | Jadwal | Biaya | Peluang | Kontribusi |",
                  "|---:|---|---|---|---:|---:|---:|"]
        for p in plan.selected:
            lines.append(
                f"| {p.rank} | [{_md(p.action.id)}] {_md(p.action.name)} | "
                f"{_md(p.action.opd or '-')} | {format_month_range(p.start_month, p.end_month)}"
                f" | {format_rupiah_short(p.action.cost)} | "
                f"{format_probability(p.action.probability)} | "
                f"{format_decimal(p.contribution, 3)} |")
        lines.append(f"| | **{TOTAL_LABEL}** | | | **{format_rupiah_short(plan.total_cost)}** | "
                     f"| **{format_decimal(sum(p.contribution for p in plan.selected), 3)}** |")
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
