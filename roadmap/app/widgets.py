"""Streamlit pieces of the web app: cached calls into the planning API and the page sections.

Every expensive call is cached on a fingerprint of its inputs (the source file's or the edited
tables' digest and the plan options), so moving a slider back to an earlier budget is instant.
Problems are cached as resources (immutable, and they carry their own lazily computed graph and
closures); plans, frontiers, simulations and chart images as data. The plan and its simulation
follow every change; the efficient frontier and the budget scenarios (many solver runs) are
computed when the user asks, and stay shown while the data and options they were computed for
stay the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import matplotlib
import pandas as pd
import streamlit as st
from matplotlib.figure import Figure

from roadmap.app import state
from roadmap.app.state import Source, TableTexts
from roadmap.charts.style import png_bytes
from roadmap.dependencies import RULE_SOURCES
from roadmap.errors import InputError
from roadmap.io.inputs import Inputs
from roadmap.numbers import format_rupiah, format_rupiah_short
from roadmap.optimizer import PlanOptions, optimize
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem
from roadmap.scenarios import (
    FrontierPoint,
    budget_scenarios,
    efficient_frontier,
    minimum_budgets,
)
from roadmap.simulate import Simulation, simulate_plan

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


@dataclass(frozen=True)
class Extras:
    """What the report adds to the plan when the user has computed it."""

    simulation: Simulation
    frontier: tuple[FrontierPoint, ...] | None = None
    minimum_budgets: dict[str, float | None] | None = None
    scenarios: tuple[Plan, ...] | None = None


def error_text(err: InputError) -> str:
    """The CLI's message for a user error (``roadmap`` prints the same on stderr)."""
    return f"Kesalahan: {err}"


def texts_digest(texts: TableTexts, framework_id: str) -> str:
    return hashlib.sha256("\0".join((framework_id, *texts)).encode()).hexdigest()


def sweep_options(options: PlanOptions) -> PlanOptions:
    """The options without budget or target, for budget sweeps (as ``roadmap report``)."""
    return replace(options, budget=None, target=None)


# --- cached calls -------------------------------------------------------------------------

@st.cache_resource(max_entries=16, show_spinner="Membaca berkas...")
def read_source(digest: str, _source: Source) -> Inputs:
    return state.load_source(_source)


@st.cache_resource(max_entries=32, show_spinner="Memeriksa tabel...")
def read_tables(texts: TableTexts, framework_id: str, name: str) -> PlanningProblem:
    return state.problem_from_texts(texts, framework_id, name)


@st.cache_data(max_entries=64, show_spinner="Menyusun rencana aksi...")
def plan_for(key: str, options_key: str, _problem: PlanningProblem,
             _options: PlanOptions) -> Plan:
    return optimize(_problem, _options)


@st.cache_data(max_entries=8, show_spinner="Menghitung kurva efisien...")
def frontier_for(key: str, options_key: str, max_budget: float, _problem: PlanningProblem,
                 _options: PlanOptions) -> tuple[FrontierPoint, ...]:
    return efficient_frontier(_problem, max_budget, _options)


@st.cache_data(max_entries=8, show_spinner="Menghitung anggaran minimum tiap predikat...")
def minimums_for(key: str, options_key: str, _problem: PlanningProblem,
                 _options: PlanOptions) -> dict[str, float | None]:
    return minimum_budgets(_problem, _options)


@st.cache_data(max_entries=16, show_spinner="Menyusun rencana untuk setiap skenario...")
def scenarios_for(key: str, options_key: str, budgets: tuple[float, ...],
                  _problem: PlanningProblem, _options: PlanOptions) -> tuple[Plan, ...]:
    return budget_scenarios(_problem, budgets, _options)


@st.cache_data(max_entries=64, show_spinner="Mensimulasikan hasil penilaian...")
def simulation_for(key: str, selected: tuple[str, ...],
                   _problem: PlanningProblem) -> Simulation:
    return simulate_plan(_problem, selected)


@st.cache_data(max_entries=64, show_spinner=False)
def chart_png(key: tuple[object, ...], _draw: Callable[[], Figure]) -> bytes:
    """A chart rendered once per ``key`` (everything the drawing depends on).

    User text (action names, OPDs) is drawn as typed: ``$...$`` is not read as math.
    """
    with matplotlib.rc_context({"text.parse_math": False}):
        return png_bytes(_draw())


def table(frame: pd.DataFrame, widths: Mapping[str, int], *, row_height: int = ROW,
          labels: Mapping[str, str] | None = None) -> None:
    """A read-only table tall enough to show every row (up to ``MAX_ROWS``), with column
    ``widths`` in pixels; long text wraps in rows of ``row_height`` pixels. Columns that are
    empty in every row are left out."""
    shown = [c for c in frame.columns if (frame[c].astype(str) != "").any()]
    config = {c: st.column_config.Column((labels or {}).get(c, c), width=w)
              for c, w in widths.items()}
    height = ROW + 2 + row_height * min(len(frame), MAX_ROWS)
    st.dataframe(frame, hide_index=True, row_height=row_height, height=height,
                 column_config=config, column_order=shown)


def show_chart(key: tuple[object, ...], draw: Callable[[], Figure],
               caption: str | None = None) -> None:
    st.image(chart_png(key, draw), caption=caption, width="stretch")


# --- sidebar ----------------------------------------------------------------------------

def source_picker() -> Source | None:
    """Example or upload; the upload is checked and read by the caller like a CLI file."""
    st.sidebar.header("1. Data penilaian")
    kind = st.sidebar.radio("Mulai dari", ["Contoh bawaan", "Unggah berkas"], key="source_kind",
                            horizontal=True)
    if kind == "Contoh bawaan":
        path = st.sidebar.selectbox("Contoh", state.example_files(), key="example",
                                    format_func=lambda p: p.stem)
        return state.example_source(path) if path is not None else None
    upload = st.sidebar.file_uploader(
        "Berkas penilaian atau templat isian (.xlsx atau .csv)", key="upload",
        max_upload_size=MAX_UPLOAD_MB,
        help="Templat dari `roadmap init` (lembar penilaian, aksi, ketergantungan) atau tabel "
             "penilaian saja (kolom indikator dan tingkat). Hanya .xlsx atau .csv.",
    )
    st.sidebar.caption(f"Ukuran berkas paling besar {MAX_UPLOAD_MB} MB (batas aplikasi ini; "
                       "berkas penilaian pemda biasanya jauh di bawah 1 MB). Berkas yang lebih "
                       "besar ditolak sebelum dibaca.")
    return Source(upload.name, upload.getvalue()) if upload is not None else None


def keep_widget_state() -> None:
    """Keep the planning inputs through runs that hide them (e.g. after a bad upload).

    Streamlit forgets the value of a widget that a run does not draw; writing the value back
    at the top of the script keeps it (the documented pattern).
    """
    for key in KEPT_WIDGETS:
        if key in ss:
            ss[key] = ss[key]


def start_source(digest: str) -> None:
    """Reset the budget, the forced and excluded actions and the scenarios when a different
    file is loaded (the table editors are keyed by the file, so their edits reset too)."""
    if ss.get("source_digest") == digest:
        return
    ss["source_digest"] = digest
    ss["budget"] = DEFAULT_BUDGET
    ss["budget_text"] = format_rupiah(DEFAULT_BUDGET)
    ss["budget_error"] = None
    ss["force"], ss["exclude"] = [], []
    ss["frontier_limit"] = format_rupiah(FRONTIER_SHARE * DEFAULT_BUDGET)
    for number, budget in enumerate(SCENARIO_BUDGETS, start=1):
        ss[f"scenario_{number}"] = format_rupiah(budget)


def _budget_typed(options: tuple[float, ...]) -> None:
    try:
        value = state.parse_budget(ss["budget_text"])
    except InputError as err:
        ss["budget_error"] = error_text(err)
        return
    ss["budget_error"] = None
    ss["budget"] = value
    ss["budget_text"] = format_rupiah(value)
    ss["budget_slider"] = state.nearest(options, value)


def _budget_slid() -> None:
    ss["budget"] = float(ss["budget_slider"])
    ss["budget_text"] = format_rupiah(ss["budget"])
    ss["budget_error"] = None


def plan_controls(problem: PlanningProblem) -> PlanOptions:
    """Budget (typed or slid) or target, forced and excluded actions, months before the
    deadline, OPD budgets and action limits, and the solver's time limit."""
    st.sidebar.header("2. Anggaran dan batasan")
    mode = st.sidebar.radio("Susun rencana menurut", MODES, key="mode", horizontal=True,
                            help="Anggaran: indeks harapan tertinggi dalam anggaran. Target: "
                                 "rencana termurah yang mencapai indeks harapan target.")
    budget: float | None = None
    target: float | None = None
    if mode == MODES[0]:
        top = state.catalogue_cost(problem)
        options = state.budget_options(top)
        # the stops follow the catalogue; a typed budget above them sits at the last stop
        ss["budget_slider"] = state.nearest(options, ss["budget"])
        st.sidebar.text_input("Anggaran (rupiah)", key="budget_text", on_change=_budget_typed,
                              args=(options,),
                              help="Tulis mis. 750 jt, 1,5 M atau Rp 750.000.000, lalu tekan "
                                   "Enter.")
        st.sidebar.select_slider("Geser anggaran", options=options, key="budget_slider",
                                 format_func=format_rupiah_short, on_change=_budget_slid)
        if ss.get("budget_error"):
            st.sidebar.error(ss["budget_error"])
        budget = ss["budget"]
    else:
        ss.setdefault("target_text", "")
        st.sidebar.text_input("Target indeks harapan", key="target_text",
                              placeholder="mis. 2,6",
                              help="Rencana termurah yang indeks harapannya mencapai target ini.")
        try:
            target = state.parse_target(ss["target_text"], problem.framework.value.max)
        except InputError as err:
            st.sidebar.error(error_text(err))
    ids = problem.catalogue.ids
    names = {a.id: f"{a.id} — {a.name[:60]} ({format_rupiah_short(a.cost)})"
             for a in problem.catalogue}
    for key in ("force", "exclude"):
        ss[key] = [i for i in ss.get(key, []) if i in ids]
    force = st.sidebar.multiselect("Aksi wajib masuk rencana", ids, key="force",
                                   format_func=names.__getitem__, placeholder="Pilih aksi")
    exclude = st.sidebar.multiselect("Aksi dikecualikan", ids, key="exclude",
                                     format_func=names.__getitem__, placeholder="Pilih aksi")
    ss.setdefault("months", DEFAULT_MONTHS)
    months = st.sidebar.number_input(
        "Bulan tersedia sampai batas unggah bukti (0 = tanpa batas)", min_value=0,
        max_value=60, step=1, key="months")
    opd_budgets, opd_max = opd_controls(problem)
    ss.setdefault("time_limit", DEFAULT_TIME_LIMIT)
    time_limit = st.sidebar.number_input(
        "Batas waktu solver (detik)", min_value=1, max_value=MAX_TIME_LIMIT, step=5,
        key="time_limit",
        help="Bila tercapai, rencana terbaik yang sudah ditemukan ditampilkan dengan "
             "selisihnya terhadap optimum.")
    return PlanOptions(budget=budget, target=target, force=tuple(force), exclude=tuple(exclude),
                       opd_budgets=opd_budgets, opd_max_actions=opd_max,
                       max_months=int(months) or None, time_limit=float(time_limit))


def without_sources(problem: PlanningProblem) -> tuple[PlanningProblem, tuple[str, ...]]:
    """The problem without the rules of the sources the user leaves out (``--without-source``)."""
    present = [s for s in RULE_SOURCES if any(r.source == s for r in problem.rules)]
    if not present:
        return problem, ()
    ss["without_sources"] = [s for s in ss.get("without_sources", []) if s in present]
    dropped = tuple(st.sidebar.multiselect(
        "Abaikan aturan ketergantungan dari sumber", present, key="without_sources",
        placeholder="Tidak ada (semua aturan berlaku)",
        format_func=lambda s: f"{s} ({sum(1 for r in problem.rules if r.source == s)} aturan)",
        help="Mis. abaikan aturan dari berita atau asumsi untuk melihat rencana bila aturan itu "
             "tidak berlaku."))
    if not dropped:
        return problem, ()
    rules = tuple(r for r in problem.rules if r.source not in dropped)
    return PlanningProblem(problem.assessment, problem.catalogue, rules), dropped


def opd_controls(problem: PlanningProblem) -> tuple[dict[str, float], dict[str, int]]:
    """Pagu and the most actions per OPD, typed in a small table (blank = no limit)."""
    opds = sorted({a.opd for a in problem.catalogue if a.opd})
    if not opds:
        return {}, {}
    with st.sidebar.expander("Pagu dan jumlah aksi per OPD"):
        st.caption("Kosongkan bila tanpa batas. Pagu mis. 500 jt; jumlah aksi bilangan bulat.")
        frame = pd.DataFrame({"OPD": opds, "Pagu": [""] * len(opds),
                              "Maks. aksi": [""] * len(opds)}, dtype="object")
        edited = st.data_editor(
            frame, key=f"opd-{ss.get('source_digest', '')[:12]}", hide_index=True,
            disabled=["OPD"],
            column_config={"OPD": st.column_config.TextColumn("OPD", width="small"),
                           "Pagu": st.column_config.TextColumn("Pagu", width="small"),
                           "Maks. aksi": st.column_config.TextColumn("Maks. aksi",
                                                                     width="small")})
        try:
            return state.opd_limits(edited)
        except InputError as err:
            st.error(error_text(err))
            return {}, {}


# --- main sections ----------------------------------------------------------------------

def editors(digest: str, problem: PlanningProblem) -> TableTexts:
    """Editable levels and catalogue; returns the edited tables as CSV texts."""
    fw = problem.framework
    st.caption("Ubah kolom **tingkat** atau katalog aksi langsung di tabel. Setiap perubahan "
               "dibaca ulang seperti berkas (penilaian.csv, aksi.csv): kesalahan menyebut "
               "baris (baris 2 = baris pertama tabel), kolom dan nilainya.")
    levels = state.assessment_frame(problem.assessment)
    scale = fw.value
    level_help = ("bilangan bulat 0-5 (0 = belum dinilai)" if scale.whole else
                  "angka 1,00-5,00, paling banyak dua desimal, atau mis. SDI=25")
    st.subheader("Tingkat penilaian")
    edited_levels = st.data_editor(
        levels, key=f"levels-{digest[:12]}", hide_index=True,
        disabled=[c for c in levels.columns if c != state.LEVEL_COLUMN],
        column_config={state.LEVEL_COLUMN: st.column_config.TextColumn(
            "tingkat", help=level_help, required=True)},
    )
    st.subheader("Katalog aksi")
    edited_actions = st.data_editor(
        state.actions_frame(problem.catalogue), key=f"actions-{digest[:12]}", hide_index=True,
        num_rows="dynamic",
        column_config={
            "nama": st.column_config.TextColumn("nama", width="large"),
            "dampak": st.column_config.TextColumn("dampak",
                                                  help="indikator:tingkat, mis. 1:2; 2:2"),
            "biaya": st.column_config.TextColumn("biaya", help="mis. Rp 40.000.000 atau 40 jt"),
            "peluang": st.column_config.TextColumn("peluang", help="0-1 atau persen, mis. 0,8"),
            "durasi": st.column_config.TextColumn("durasi", help="bulan"),
            "prasyarat": st.column_config.TextColumn("prasyarat", help="id aksi; A|B = salah satu"),
        },
    )
    return state.table_texts(edited_levels, edited_actions,
                             state.rules_frame(fw, problem.rules))
