"""The result sections of the web app's planning tabs: today's index, the plan, the
frontier, the chances, the OPD timeline, the budget scenarios and the downloads."""

from __future__ import annotations

import streamlit as st

from roadmap.app import state, views
from roadmap.app.widgets import (
    Extras,
    error_text,
    frontier_for,
    minimums_for,
    scenarios_for,
    show_chart,
    simulation_for,
    sweep_options,
    table,
)
from roadmap.charts.dependency_plot import dependency_figure
from roadmap.charts.distribution import distribution_figure
from roadmap.charts.domains import domain_figure
from roadmap.charts.frontier import frontier_figure
from roadmap.charts.timeline import timeline_figure
from roadmap.dependencies import blocked
from roadmap.errors import InputError
from roadmap.index import compute_index
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.optimizer import PlanOptions
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem
from roadmap.scenarios import (
    FrontierPoint,
)
from roadmap.simulate import Simulation

DEFAULT_BUDGET = 750e6
DEFAULT_TIME_LIMIT = 30
MAX_UPLOAD_MB = 20  # as server.maxUploadSize in the packaged config
MAX_TIME_LIMIT = 600
MODES = ("Anggaran", "Target indeks")
DEFAULT_MONTHS = 12
SCENARIO_BUDGETS = (400e6, DEFAULT_BUDGET, 1.5e9)  # "what if the DPRD cuts it, or adds?"
FRONTIER_SHARE = 2.0  # the frontier is computed up to this multiple of the budget, as the CLI
KEPT_WIDGETS = ("budget_text", "force", "exclude", "months", "frontier_limit", "mode",
                "target_text", "time_limit", "without_sources",
                *(f"scenario_{n}" for n in range(1, len(SCENARIO_BUDGETS) + 1)))
ROW, TWO_LINE_ROW, WRAPPED_ROW = 35, 52, 90  # table row heights in pixels (1, 2, 4 lines)
MAX_ROWS = 30
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ss = st.session_state


def current_section(problem: PlanningProblem, key: str) -> None:
    """Index, predicate, domain and aspect indices, and the blocked indicators."""
    fw = problem.framework
    result = compute_index(fw, problem.assessment.values)
    first, second, third = st.columns(3)
    first.metric(f"{fw.index_name} sekarang", format_decimal(result.index))
    second.metric("Predikat", result.predicate)
    if result.next_band is not None and result.gap_to_next_band is not None:
        third.metric(f"Kurang menuju {result.next_band.name}",
                     format_decimal(result.gap_to_next_band),
                     help=f"Batas predikat {result.next_band.name}: "
                          f"{format_decimal(result.next_band.min)}")
    if result.unassessed:
        st.warning("Indikator belum dinilai (tingkat 0, dihitung 0): "
                   + ", ".join(result.unassessed))
    columns = st.columns(len(fw.group_kinds))
    for column, kind in zip(columns, fw.group_kinds, strict=True):
        column.markdown(f"**Indeks per {fw.group_labels.get(kind, kind).lower()}**")
        with column:
            label = fw.group_labels.get(kind, kind)
            table(views.group_frame(fw, result, kind),
                  {label: 60, "Nama": 250, "Bobot": 70, "Indeks": 60})
    blocks = blocked(problem.graph, problem.assessment.values)
    st.markdown(f"**Indikator terhambat prasyarat: {len(blocks)} dari {len(fw.indicators)}**")
    if blocks:
        table(views.blocked_frame(fw, blocks), {"Indikator": 230, "Tingkat berikutnya": 70,
                                                "Terhambat oleh": 330,
                                                "Tidak langsung oleh": 330},
              row_height=TWO_LINE_ROW, labels={"Tingkat berikutnya": "Tingkat"})
    else:
        st.write("Tidak ada: tingkat berikutnya setiap indikator dapat dikerjakan sekarang.")
    with st.expander("Grafik ketergantungan indikator"):
        show_chart(("dependencies", key),
                   lambda: dependency_figure(problem.graph, problem.assessment.values, fw))


def plan_section(problem: PlanningProblem, plan: Plan, key: str) -> None:
    fw = problem.framework
    first, second, third, fourth = st.columns(4)
    first.metric("Indeks harapan", format_decimal(plan.expected_index),
                 delta="+" + format_decimal(plan.expected_gain))
    second.metric("Predikat harapan", plan.expected_predicate,
                  help=f"Sekarang: {plan.predicate_before}")
    limit = (f"Anggaran: {format_rupiah(plan.budget)}" if plan.budget is not None else
             f"Target indeks: {format_decimal(plan.target or 0.0)}")
    third.metric("Total biaya", format_rupiah_short(plan.total_cost),
                 help=f"{format_rupiah(plan.total_cost)}. {limit}")
    fourth.metric("Jumlah aksi", str(len(plan.selected)),
                  help=f"Selesai dalam {plan.months_needed} bulan")
    gap = getattr(plan, "gap", 0.0)
    if gap and gap > 0:
        unit = format_rupiah(gap) if plan.target is not None else format_decimal(gap, 3)
        st.caption(f"Selisih terbukti terhadap optimum (gap): {unit}.")
    st.caption(f"Status: {views.status_text(plan)}. Metode: {plan.method}.")
    for warning in plan.warnings:
        st.warning(state.markdown_text(warning))
    if not plan.selected:
        st.info("Tidak ada aksi yang terpilih dengan anggaran dan batasan ini.")
        return
    table(views.plan_frame(plan, fw),
          {"No": 35, "Kode": 55, "Aksi": 210, "Alasan": 250, "Biaya": 110, "OPD": 90,
           "Bulan": 50, "Peluang": 60, "Kontribusi": 75, "Tambahan indeks": 60, "Catatan": 150},
          row_height=WRAPPED_ROW, labels={"Tambahan indeks": "+Indeks"})
    if plan.near_misses:
        with st.expander("Aksi yang hampir terpilih"):
            st.dataframe(views.near_miss_frame(plan), hide_index=True)
    show_chart(("domains", key, plan.selected_ids),
               lambda: domain_figure(fw, problem.assessment.values, plan.expected_values))


def evidence_section(problem: PlanningProblem, plan: Plan) -> None:
    """The data dukung each selected action must produce, by due month (the report's sheet)."""
    frame = views.evidence_frame(plan, problem.framework)
    if frame.empty:
        st.info("Rencana ini tidak memuat data dukung (katalog kerangka ini tanpa daftar "
                "data dukung, atau tidak ada aksi terpilih).")
        return
    st.caption("Data dukung yang harus siap sebelum tenggat unggah bukti, per aksi dan OPD; "
               "laporan Excel memuatnya di lembar 'Data Dukung' dengan kolom status.")
    table(frame, {"Kode": 80, "Indikator": 70, "Tingkat": 55, "Data dukung": 430, "Aksi": 70,
                  "OPD": 120, "Bulan": 55}, row_height=WRAPPED_ROW)


def frontier_section(problem: PlanningProblem, options: PlanOptions,
                     key: str) -> tuple[tuple[FrontierPoint, ...], dict[str, float | None]] | None:
    """The efficient frontier with the chosen budget, and the minimum budget of each band,
    computed when asked (up to a budget the user sets); returns them once computed."""
    sweep = sweep_options(options)
    with st.form("frontier_form", border=False):
        st.caption("Kurva efisien: indeks harapan terbaik yang dapat dibeli setiap anggaran, dan "
                   "anggaran minimum untuk setiap predikat. Perhitungannya menjalankan solver "
                   "berkali-kali (biasanya beberapa detik, lebih lama untuk katalog besar).")
        st.text_input("Hitung sampai anggaran", key="frontier_limit")
        asked = st.form_submit_button("Hitung kurva efisien", type="primary")
    if asked:
        try:
            ss["frontier_request"] = (key, repr(sweep), state.parse_budget(ss["frontier_limit"]))
        except InputError as err:
            st.error(error_text(err))
            return None
    request = ss.get("frontier_request")
    if request is None or request[:2] != (key, repr(sweep)):
        if request is not None:
            st.info("Data atau batasan berubah sejak kurva dihitung; hitung ulang.")
        return None
    limit = request[2]
    try:
        frontier = frontier_for(key, repr(sweep), limit, problem, sweep)
        minimums = minimums_for(key, repr(sweep), problem, sweep)
    except InputError as err:
        st.error(error_text(err))
        return None
    budget = options.budget or 0.0
    if budget > limit:
        st.info(f"Anggaran pilihan di atas batas kurva ({format_rupiah(limit)}).")
    show_chart(("frontier", key, repr(sweep), limit, budget),
               lambda: frontier_figure(frontier, problem.framework, chosen_budget=budget,
                                       index_before=problem.index_before),
               f"Indeks harapan terbaik untuk setiap anggaran sampai {format_rupiah(limit)}; "
               "penanda merah = anggaran pilihan")
    st.markdown("**Anggaran minimum untuk mencapai setiap predikat**")
    st.dataframe(views.minimum_budget_frame(minimums, problem.framework), hide_index=True)
    return frontier, minimums


def chance_section(problem: PlanningProblem, plan: Plan, key: str) -> Simulation:
    """The chance of reaching each band with this plan; returns the simulation."""
    simulation = simulation_for(key, plan.selected_ids, problem)
    st.dataframe(views.band_frame(simulation, problem.framework), hide_index=True)
    st.caption("Setiap aksi diterima asesor dengan peluangnya sendiri, saling bebas; peluang "
               f"dihitung dari {format_decimal(simulation.draws, 0)} simulasi.")
    show_chart(("distribution", key, plan.selected_ids),
               lambda: distribution_figure(simulation, problem.framework))
    return simulation


def timeline_section(problem: PlanningProblem, plan: Plan, key: str,
                     deadline: int | None) -> None:
    if not plan.selected:
        st.info("Belum ada aksi terpilih.")
        return
    st.dataframe(views.opd_frame(plan), hide_index=True)
    schedule = tuple((p.action.id, p.rank, p.start_month, p.end_month) for p in plan.selected)
    show_chart(("timeline", key, schedule, deadline),
               lambda: timeline_figure(plan, problem.framework, deadline=deadline))


def scenario_section(problem: PlanningProblem, options: PlanOptions,
                     key: str) -> tuple[Plan, ...] | None:
    """Two or three budgets side by side, computed when asked; returns their plans."""
    sweep = sweep_options(options)
    with st.form("scenario_form", border=False):
        st.caption("Isi dua atau tiga anggaran (kosongkan skenario 3 bila tidak perlu); "
                   "batasan lain (aksi wajib, dikecualikan, bulan) sama dengan di panel kiri.")
        for column, number in zip(st.columns(len(SCENARIO_BUDGETS)),
                                  range(1, len(SCENARIO_BUDGETS) + 1), strict=True):
            column.text_input(f"Skenario {number}", key=f"scenario_{number}")
        asked = st.form_submit_button("Bandingkan skenario", type="primary")
    if asked:
        texts = [ss[f"scenario_{n}"] for n in range(1, len(SCENARIO_BUDGETS) + 1)]
        try:
            budgets = tuple(state.parse_budget(t) for t in texts if t.strip())
        except InputError as err:
            st.error(error_text(err))
            return None
        if len(budgets) < 2:
            st.error("Isi paling sedikit dua anggaran.")
            return None
        ss["scenario_request"] = (key, repr(sweep), budgets)
    request = ss.get("scenario_request")
    if request is None or request[:2] != (key, repr(sweep)):
        if request is not None:
            st.info("Data atau batasan berubah sejak skenario dihitung; bandingkan ulang.")
        return None
    try:
        plans = scenarios_for(key, repr(sweep), request[2], problem, sweep)
    except InputError as err:
        st.error(error_text(err))
        return None
    st.dataframe(views.scenario_frame(plans))
    st.markdown("**Aksi terpilih per skenario**")
    table(views.scenario_actions_frame(plans), {"Kode": 70, "Aksi": 500})
    return plans


def download_section(problem: PlanningProblem, options: PlanOptions, plan: Plan,
                     extras: Extras, note: dict[str, str]) -> None:
    """The Excel report of this plan and the filled workbook (template layout)."""
    name = problem.assessment.name or "penilaian"
    missing = [label for label, value in (("kurva efisien", extras.frontier),
                                          ("skenario anggaran", extras.scenarios))
               if value is None]
    st.caption("Laporan Excel: ringkasan, rencana aksi, jadwal, indikator, ketergantungan dan "
               "asumsi" + (f"; {' dan '.join(missing)} ikut dimuat bila sudah dihitung di "
                           "tabnya." if missing else "."))
    st.download_button(
        "Unduh laporan Excel", key="download_report",
        data=lambda: state.report_bytes(
            problem, options, plan, scenarios=extras.scenarios, frontier=extras.frontier,
            simulation=extras.simulation, minimum_budgets=extras.minimum_budgets,
            inputs_note=note),
        file_name=state.download_name("laporan", name), mime=XLSX_MIME, type="primary",
    )
    st.download_button(
        "Unduh isian (templat terisi)", key="download_workbook",
        data=lambda: state.workbook_bytes(problem),
        file_name=state.download_name("isian", name), mime=XLSX_MIME,
        help="Lembar penilaian, aksi dan ketergantungan dengan nilai yang dipakai di aplikasi; "
             "dapat diunggah lagi atau dipakai dengan `roadmap plan`.",
    )
    st.download_button(
        "Unduh ringkasan (Markdown)", key="download_markdown",
        data=lambda: markdown_text(problem, plan, extras),
        file_name=state.download_name("ringkasan", name, ".md"), mime="text/markdown",
        help="Ringkasan rencana aksi untuk draf dokumen (dapat dibuka di editor teks).",
    )
    st.caption("Lembar Peta Rencana diunduh di tab 'Peta Rencana', penilaian perkiraan di tab "
               "'Estimasi Pemdi'.")


def markdown_text(problem: PlanningProblem, plan: Plan, extras: Extras) -> bytes:
    from roadmap.report import markdown_summary

    return markdown_summary(problem, plan, scenarios=extras.scenarios,
                            simulation=extras.simulation).encode("utf-8")
