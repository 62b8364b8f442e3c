"""The Streamlit script of ``roadmap app``: from an assessment to a downloaded rencana aksi.

Started by ``roadmap app`` (``streamlit run`` on 127.0.0.1). The page does what the CLI does,
with the same readers, planner and messages: plan by budget or target with OPD budgets and
limits (``plan``), the rule-source comparison, frontier and scenarios (``scenarios``), band
probabilities, the multi-year Peta Rencana (``peta-rencana``), the SPBE -> Pemdi estimate
(``crosswalk``) and every download (``report``, ``init``). Every error goes through
``roadmap.app.guard``: one Indonesian line, and the rest of the page keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from roadmap.app import i18n, results, sections, state, widgets
from roadmap.app.guard import guard, report
from roadmap.numbers import format_rupiah

T = TypeVar("T")
TABS = ("Kondisi sekarang", "Ubah data", "Rencana aksi", "Data dukung", "Kurva efisien",
        "Peluang predikat", "Jadwal OPD", "Skenario anggaran", "Peta Rencana", "Estimasi Pemdi",
        "Unduh")


def or_stop(where: str, compute: Callable[[], T], advice: str = "") -> T:
    """``compute()``, or its error as one Indonesian line (and ``advice``), then stop."""
    try:
        return compute()
    except Exception as err:  # noqa: BLE001 - shown through the one handler
        report(err, where)
        if advice:
            st.info(advice)
        st.stop()
        raise  # unreachable: st.stop() raises


def page() -> None:
    st.set_page_config(
        page_title="Perencana Rencana Aksi SPBE / Indeks Pemdi",
        layout="wide",
        menu_items={"Get help": None, "Report a bug": None,
                    "About": "Perencana rencana aksi SPBE / Indeks Pemdi untuk Tim Koordinasi."},
    )
    i18n.install_translations()
    st.title("Perencana Rencana Aksi SPBE / Indeks Pemdi")
    widgets.keep_widget_state()

    source = or_stop("Data penilaian", widgets.source_picker)
    if source is None:
        st.info("Unggah berkas penilaian (.xlsx atau .csv) di panel kiri, atau pilih contoh "
                "bawaan.")
        st.stop()
    advice = "Perbaiki berkas lalu unggah lagi, atau pilih contoh bawaan di panel kiri."
    inputs = or_stop("membaca berkas", lambda: widgets.read_source(source.digest, source),
                     advice)
    original = inputs.problem
    widgets.start_source(source.digest)
    st.caption(f"{original.framework.title} — **{state.markdown_text(source.name)}**; katalog "
               f"aksi {state.markdown_text(inputs.actions_origin)}; aturan ketergantungan "
               f"{state.markdown_text(inputs.rules_origin)}.")
    banner = st.container()
    tabs = dict(zip(TABS, st.tabs(list(TABS)), strict=True))

    with tabs["Ubah data"]:
        texts = or_stop("Ubah data", lambda: widgets.editors(source.digest, original))
    try:
        problem = widgets.read_tables(texts, original.framework.id, source.stem)
    except Exception as err:  # noqa: BLE001
        with banner:
            report(err, "tab Ubah data")
            st.info("Tabel di tab 'Ubah data' tidak sah; perbaiki sel yang disebut.")
        st.stop()
    edited = texts != state.problem_texts(original)
    if edited:
        banner.info("Memakai tingkat dan katalog yang diubah di tab 'Ubah data'.")
    options = or_stop("panel kiri", lambda: widgets.plan_controls(problem))
    problem, dropped = or_stop("panel kiri", lambda: widgets.without_sources(problem))
    key = widgets.texts_digest(texts, problem.framework.id) + "|".join(dropped)
    if dropped:
        banner.info("Aturan ketergantungan dari sumber " + ", ".join(dropped) + " diabaikan.")

    with tabs["Kondisi sekarang"], guard("Kondisi sekarang"):
        results.current_section(problem, key)
    with tabs["Estimasi Pemdi"], guard("Estimasi Pemdi"):
        sections.estimate_section(problem)
    with tabs["Peta Rencana"], guard("Peta Rencana"):
        sections.multiyear_section(problem, options, key)

    if options.budget is None and options.target is None:
        banner.info("Tulis target indeks harapan di panel kiri (mis. 2,6) untuk menyusun "
                    "rencana termurah yang mencapainya.")
        st.stop()
    planned = state.planning_budget(problem, options)
    if planned.budget != options.budget:
        banner.info(f"Anggaran {format_rupiah(options.budget or 0.0)} melebihi biaya seluruh "
                    f"katalog ({format_rupiah(planned.budget or 0.0)}): setiap aksi terjangkau, "
                    "rencana dihitung dengan biaya seluruh katalog.")
    with banner:
        plan = or_stop("Rencana aksi", lambda: sections.replace_budget(
            widgets.plan_for(key, repr(planned), problem, planned), options.budget))

    with tabs["Rencana aksi"], guard("Rencana aksi"):
        results.plan_section(problem, plan, key)
        sections.rule_source_section(problem, planned, plan, key)
    with tabs["Data dukung"], guard("Data dukung"):
        results.evidence_section(problem, plan)
    simulation = None
    with tabs["Peluang predikat"], guard("Peluang predikat"):
        simulation = results.chance_section(problem, plan, key)
    with tabs["Jadwal OPD"], guard("Jadwal OPD"):
        results.timeline_section(problem, plan, key, options.max_months)
    frontier = None
    with tabs["Kurva efisien"], guard("Kurva efisien"):
        frontier = results.frontier_section(problem, options, key)
    scenarios = None
    with tabs["Skenario anggaran"], guard("Skenario anggaran"):
        scenarios = results.scenario_section(problem, options, key)
    with tabs["Unduh"], guard("Unduh"):
        if simulation is None:
            simulation = widgets.simulation_for(key, plan.selected_ids, problem)
        note = {"Berkas penilaian": source.name, "Nama penilaian": problem.assessment.name,
                "Katalog aksi": inputs.actions_origin,
                "Aturan ketergantungan": inputs.rules_origin,
                "Perubahan di aplikasi web": "tingkat atau katalog diubah" if edited
                else "tidak ada"}
        extras = widgets.Extras(simulation, frontier=frontier[0] if frontier else None,
                                minimum_budgets=frontier[1] if frontier else None,
                                scenarios=scenarios)
        results.download_section(problem, options, plan, extras, note)


page()
