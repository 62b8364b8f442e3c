"""The Streamlit script of ``roadmap app``: from an assessment to a downloaded rencana aksi.

Started by ``roadmap app`` (``streamlit run`` on 127.0.0.1). The page reads like the CLI: the
same readers, the same planner, the same messages; a user error is shown as the CLI prints it
and the page keeps working.
"""

from __future__ import annotations

import streamlit as st

from roadmap.app import state, widgets
from roadmap.errors import InputError

st.set_page_config(
    page_title="Perencana Rencana Aksi SPBE / Indeks Pemdi",
    layout="wide",
    menu_items={"Get help": None, "Report a bug": None,
                "About": "Perencana rencana aksi SPBE / Indeks Pemdi untuk Tim Koordinasi."},
)
st.title("Perencana Rencana Aksi SPBE / Indeks Pemdi")
widgets.keep_widget_state()

source = widgets.source_picker()
if source is None:
    st.info("Unggah berkas penilaian (.xlsx atau .csv) di panel kiri, atau pilih contoh bawaan.")
    st.stop()
try:
    inputs = widgets.read_source(source.digest, source)
except InputError as err:
    st.error(widgets.error_text(err))
    st.info("Perbaiki berkas lalu unggah lagi, atau pilih contoh bawaan di panel kiri.")
    st.stop()

original = inputs.problem
widgets.start_source(source.digest)
st.caption(f"{original.framework.title} — **{source.name}**; katalog aksi "
           f"{inputs.actions_origin}; aturan ketergantungan {inputs.rules_origin}.")
banner = st.container()
(current_tab, edit_tab, plan_tab, frontier_tab, chance_tab, timeline_tab, scenario_tab,
 download_tab) = st.tabs(["Kondisi sekarang", "Ubah data", "Rencana aksi", "Kurva efisien",
                          "Peluang predikat", "Jadwal OPD", "Bandingkan skenario", "Unduh"])

with edit_tab:
    texts = widgets.editors(source.digest, original)
try:
    problem = widgets.read_tables(texts, original.framework.id, source.stem)
except InputError as err:
    banner.error("Tabel di tab 'Ubah data' tidak sah. " + widgets.error_text(err))
    st.stop()
edited = texts != state.problem_texts(original)
if edited:
    banner.info("Memakai tingkat dan katalog yang diubah di tab 'Ubah data'.")
key = widgets.texts_digest(texts, problem.framework.id)
options = widgets.plan_controls(problem)

with current_tab:
    widgets.current_section(problem, key)
try:
    plan = widgets.plan_for(key, repr(options), problem, options)
except InputError as err:
    banner.error(widgets.error_text(err))
    st.stop()
with plan_tab:
    widgets.plan_section(problem, plan, key)
with chance_tab:
    simulation = widgets.chance_section(problem, plan, key)
with timeline_tab:
    widgets.timeline_section(problem, plan, key, options.max_months)
with frontier_tab:
    frontier = widgets.frontier_section(problem, options, key)
with scenario_tab:
    scenarios = widgets.scenario_section(problem, options, key)
with download_tab:
    note = {"Berkas penilaian": source.name, "Nama penilaian": problem.assessment.name,
            "Katalog aksi": inputs.actions_origin,
            "Aturan ketergantungan": inputs.rules_origin,
            "Perubahan di aplikasi web": "tingkat atau katalog diubah" if edited else "tidak ada"}
    extras = widgets.Extras(simulation, frontier=frontier[0] if frontier else None,
                            minimum_budgets=frontier[1] if frontier else None,
                            scenarios=scenarios)
    widgets.download_section(problem, options, plan, extras, note)
