"""Tabs of the web app added for parity with the CLI: the rule-source comparison (``--without-
source``), the multi-year Peta Rencana (``roadmap peta-rencana``) and the SPBE -> Pemdi estimate
(``roadmap crosswalk``). Each section computes only when asked (a form button) and keeps its
result while the data and options it was computed for stay the same.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import re
from dataclasses import replace

import streamlit as st

from roadmap.app import state, views
from roadmap.app.widgets import XLSX_MIME, chart_png, error_text, ss, table
from roadmap.crosswalk import BASES, NEW_BASIS, Crosswalk, apply_crosswalk
from roadmap.errors import InputError
from roadmap.index import compute_index
from roadmap.io.crosswalk_file import available_crosswalks, load_crosswalk
from roadmap.multiyear import MAX_YEARS, MultiYearOptions, MultiYearPlan, plan_multiyear
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.optimizer import PlanOptions, optimize
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem

PEDOMAN = "pedoman"
OBJECTIVES = {"final": "Indeks tertinggi di tahun terakhir",
              "sum": "Kemajuan secepatnya (jumlah indeks tiap tahun)",
              "target": "Termurah mencapai target"}
# ';' or a comma not between two digits separates yearly budgets: "1,5 M; 2 M" is two budgets.
BUDGET_SEPARATOR = re.compile(r";|(?<!\d),|,(?!\d)")


# --- with and without rule sources ------------------------------------------------------------

def pedoman_only(problem: PlanningProblem) -> PlanningProblem:
    """The problem with only the rules whose source is the pedoman."""
    return replace(problem, rules=tuple(r for r in problem.rules if r.source == PEDOMAN))


@st.cache_data(max_entries=16, show_spinner=False)
def pedoman_plan(key: str, options_key: str, _problem: PlanningProblem,
                 _options: PlanOptions) -> Plan:
    return optimize(pedoman_only(_problem), _options)


def rule_source_section(problem: PlanningProblem, options: PlanOptions, plan: Plan,
                        key: str) -> None:
    """Expected index of the best plan with all rules and with the pedoman's rules only."""
    st.markdown("**Pengaruh sumber aturan ketergantungan**")
    counts = {"semua": len(problem.rules),
              PEDOMAN: sum(1 for r in problem.rules if r.source == PEDOMAN)}
    indices = dict(getattr(plan, "rule_sources", {}) or {})
    if not indices:
        if counts["semua"] == counts[PEDOMAN]:
            st.caption("Semua aturan ketergantungan bersumber dari pedoman.")
            return
        if not st.toggle("Bandingkan dengan rencana yang hanya memakai aturan dari pedoman",
                         key="compare_sources",
                         help="Aturan dari penjelasan, berita atau asumsi dapat diperdebatkan; "
                              "perbandingan ini menunjukkan seberapa besar pengaruhnya."):
            return
        with st.spinner("Menyusun rencana dengan aturan pedoman saja..."):
            other = pedoman_plan(key, repr(options), problem, options)
        indices = {"semua": plan.expected_index, PEDOMAN: other.expected_index}
    st.dataframe(views.rule_source_frame(indices, counts), hide_index=True)
    if PEDOMAN in indices and "semua" in indices:
        difference = indices[PEDOMAN] - indices["semua"]
        st.caption("Selisih indeks harapan bila hanya aturan pedoman yang berlaku: "
                   f"{'+' if difference >= 0 else ''}{format_decimal(difference, 3)}.")


# --- multi-year Peta Rencana --------------------------------------------------------------------

def parse_year_budgets(text: str) -> tuple[float, ...]:
    """Yearly budgets from ``"500 jt; 750 jt; 1 M"`` (``;`` or a comma not between digits).

    >>> parse_year_budgets("500 jt, 750 jt; 1,5 M")
    (500000000.0, 750000000.0, 1500000000.0)
    """
    parts = [p.strip() for p in BUDGET_SEPARATOR.split(text)]
    if not parts or any(not p for p in parts):
        raise InputError("anggaran tiap tahun: ada anggaran yang kosong; pisahkan dengan ';'",
                         value=text)
    return tuple(state.parse_budget(p) for p in parts)


def multiyear_request(options: PlanOptions) -> MultiYearOptions:
    """``MultiYearOptions`` from the Peta Rencana form and the sidebar's shared options."""
    years = int(ss["my_years"])
    start = int(ss["my_start"])
    objective = next(k for k, v in OBJECTIVES.items() if v == ss["my_objective"])
    budgets = parse_year_budgets(ss["my_budgets"]) if ss["my_budgets"].strip() else ()
    if len(budgets) == 1:
        budgets *= years
    if budgets and len(budgets) != years:
        raise InputError(f"anggaran tiap tahun berisi {len(budgets)} anggaran untuk {years} "
                         "tahun; beri satu anggaran per tahun (atau satu untuk semua tahun)",
                         value=ss["my_budgets"])
    if not budgets and objective != "target":
        raise InputError("isi anggaran tiap tahun (mis. 500 jt; 750 jt; 1 M)")
    target = None
    by_year = None
    if objective == "target":
        target = state.parse_target(ss["my_target"], 5.0)
        if target is None:
            raise InputError("isi target indeks untuk tujuan 'termurah mencapai target'")
        by_year = int(ss["my_by"]) if ss["my_by"] else None
    return MultiYearOptions(
        start_year=start, years=years, budgets=budgets, objective=objective, target=target,
        by_year=by_year, carry_over=bool(ss["my_carry"]), force=options.force,
        exclude=options.exclude, max_months=options.max_months, solver="highs",
        time_limit=options.time_limit)


@st.cache_data(max_entries=8, show_spinner=False)
def multiyear_for(key: str, options_key: str, _problem: PlanningProblem,
                  _options: MultiYearOptions) -> MultiYearPlan:
    return plan_multiyear(_problem, _options)


@st.cache_data(max_entries=8, show_spinner=False)
def multiyear_sheet(key: str, options_key: str, _plan: MultiYearPlan,
                    _problem: PlanningProblem) -> bytes:
    from roadmap.cli.peta_rencana_cmd import write_peta_rencana_workbook

    with state.scratch() as folder:
        path = folder / "peta-rencana.xlsx"
        write_peta_rencana_workbook(path, _plan, _problem.framework,
                                    _problem.assessment.name)
        return path.read_bytes()


def multiyear_section(problem: PlanningProblem, options: PlanOptions, key: str) -> None:
    """The multi-year Peta Rencana: a form, then the trajectory, the actions per year, the two
    charts and the ``Peta Rencana`` sheet to download."""
    this_year = datetime.date.today().year
    ss.setdefault("my_start", this_year + 1)
    ss.setdefault("my_years", 3)
    ss.setdefault("my_budgets", "500 jt; 750 jt; 1 M")
    ss.setdefault("my_objective", OBJECTIVES["final"])
    ss.setdefault("my_target", "")
    ss.setdefault("my_by", "")
    ss.setdefault("my_carry", False)
    with st.form("multiyear_form", border=False):
        st.caption("Peta Rencana beberapa tahun: aksi per tahun dalam anggaran tiap tahun. Aksi "
                   "wajib, aksi dikecualikan, bulan tersedia per tahun dan batas waktu solver "
                   "mengikuti panel kiri.")
        first, second, third = st.columns([1, 1, 2])
        first.number_input("Tahun pertama", min_value=2000, max_value=2100, step=1,
                           key="my_start")
        second.number_input("Jumlah tahun", min_value=1, max_value=MAX_YEARS, step=1,
                            key="my_years")
        third.text_input("Anggaran tiap tahun", key="my_budgets",
                         help="Dipisah ';', mis. 500 jt; 750 jt; 1 M. Satu anggaran = sama "
                              "untuk setiap tahun.")
        st.radio("Tujuan", list(OBJECTIVES.values()), key="my_objective", horizontal=True)
        left, right, carry = st.columns([1, 1, 2])
        left.text_input("Target indeks (untuk tujuan target)", key="my_target",
                        placeholder="mis. 3,1")
        right.text_input("Tahun target tercapai", key="my_by",
                         placeholder="bawaan: tahun terakhir")
        carry.checkbox("Sisa anggaran boleh dipakai tahun berikutnya", key="my_carry")
        asked = st.form_submit_button("Susun Peta Rencana", type="primary")
    if asked:
        try:
            if ss["my_by"] and not str(ss["my_by"]).strip().isdigit():
                raise InputError("tahun target harus tahun, mis. 2029", value=ss["my_by"])
            request = multiyear_request(options)
        except InputError as err:
            st.error(error_text(err))
            return
        ss["multiyear_request"] = (key, request)
    stored = ss.get("multiyear_request")
    if stored is None:
        return
    if stored[0] != key:
        st.info("Data berubah sejak Peta Rencana disusun; susun ulang.")
        return
    request = stored[1]
    with st.spinner("Menyusun Peta Rencana (paling lama sekitar "
                    f"{format_decimal((request.time_limit or 0) * request.years * 2, 0)} "
                    "detik)..."):
        plan = multiyear_for(key, repr(request), problem, request)
    show_multiyear(problem, plan, key, repr(request))


def show_multiyear(problem: PlanningProblem, plan: MultiYearPlan, key: str,
                   options_key: str) -> None:
    fw = problem.framework
    first, second, third, fourth = st.columns(4)
    last = plan.years[-1]
    first.metric(f"Indeks harapan {last.year}", format_decimal(plan.final_index),
                 delta="+" + format_decimal(plan.final_index - plan.index_before))
    second.metric("Predikat harapan", last.predicate, help=f"Sekarang: {plan.predicate_before}")
    third.metric("Total biaya", format_rupiah_short(plan.total_cost),
                 help=format_rupiah(plan.total_cost))
    fourth.metric("Jumlah aksi", str(sum(len(y.selected) for y in plan.years)))
    status = f"Status: {views.status_text(plan)}."
    if not plan.proven_optimal and plan.gap is not None and 0 < plan.gap < math.inf:
        status += (f" Selisih terbukti terhadap optimum paling banyak "
                   f"{format_decimal(plan.gap, 4)} poin indeks.")
    st.caption(status + " Aksi yang gagal diterima asesor tidak diulang tahun berikutnya.")
    for warning in plan.warnings:
        st.warning(state.markdown_text(warning))
    st.dataframe(views.trajectory_frame(plan), hide_index=True)
    from roadmap.charts.trajectory import multiyear_gantt_figure, trajectory_figure

    st.image(chart_png(("trajectory", key, options_key),
                       lambda: trajectory_figure(plan, fw, title_suffix=problem.assessment.name)),
             width="stretch")
    frame = views.multiyear_actions_frame(plan)
    if len(frame):
        table(frame, {"Tahun": 50, "No": 35, "Kode": 55, "Aksi": 230, "OPD": 90, "Biaya": 110,
                      "Bulan": 50, "Peluang": 60, "Tambahan indeks": 60, "Alasan": 250},
              row_height=90, labels={"Tambahan indeks": "+Indeks"})
        st.image(chart_png(("multiyear-gantt", key, options_key),
                           lambda: multiyear_gantt_figure(
                               plan, fw, title_suffix=problem.assessment.name)),
                 width="stretch")
    first_year, last_year = plan.years[0].year, last.year
    st.download_button(
        "Unduh lembar Peta Rencana (Excel)", key="download_multiyear",
        data=lambda: multiyear_sheet(key, options_key, plan, problem),
        file_name=state.download_name(f"peta-rencana-{first_year}-{last_year}",
                                      problem.assessment.name or "penilaian"),
        mime=XLSX_MIME)


# --- SPBE -> Pemdi estimate ---------------------------------------------------------------------

def crosswalk_targets(framework_id: str) -> list[str]:
    return [t for s, t in available_crosswalks() if s == framework_id]


def caveats(crosswalk: Crosswalk, unassessed: tuple[str, ...] | list[str]) -> list[str]:
    """What the estimate is and is not (the CLI's notes, shortened)."""
    src, target = crosswalk.source, crosswalk.target
    floor = format_decimal(target.value.min)
    mapped = ", ".join(repr(b) for b in BASES if b != NEW_BASIS)
    lines = [
        f"Ini PERKIRAAN, bukan nilai resmi: belum ada pemetaan resmi dari {src.index_name} ke "
        f"{target.index_name}.",
        f"Sumber pemetaan: dokumen pemetaan buatan pemda dan kemiripan nama indikator (dasar: "
        f"{mapped}); indikator baru tanpa padanan (dasar '{NEW_BASIS}') dimulai dari {floor}.",
        f"Perkiraan = {floor} + bagian × (rata-rata berbobot tingkat indikator asal − {floor}).",
    ]
    if crosswalk.external_targets:
        lines.append("* Dinilai dari indeks instansi lain ("
                     + ", ".join(crosswalk.external_targets)
                     + "): ganti perkiraan ini dengan nilai resmi begitu diketahui.")
    if unassessed:
        lines.append(f"Indikator {src.index_name} belum dinilai dihitung "
                     f"{format_decimal(src.value.min, 0)}: " + ", ".join(unassessed))
    return lines


def estimate_bytes(crosswalk: Crosswalk, problem: PlanningProblem) -> bytes:
    """The estimated assessment as an .xlsx that the app and ``roadmap plan`` read."""
    from roadmap.io.assessment_writer import write_assessment

    estimated = apply_crosswalk(crosswalk, problem.assessment)
    extra = {
        "dari": {link.target: "; ".join(link.sources) for link in crosswalk.links},
        "dasar": {link.target: link.basis for link in crosswalk.links},
        "catatan": {link.target: link.note for link in crosswalk.links},
    }
    with state.scratch() as folder:
        path = folder / "perkiraan.xlsx"
        write_assessment(path, estimated, extra)
        return path.read_bytes()


def estimate_section(problem: PlanningProblem) -> None:
    """The estimate of the assessment on the new framework (``roadmap crosswalk``)."""
    fw = problem.framework
    targets = crosswalk_targets(fw.id)
    if not targets:
        sources = sorted({s for s, _ in available_crosswalks()})
        st.info(f"Penilaian ini memakai kerangka {fw.index_name} ({fw.id}); estimasi tersedia "
                f"untuk penilaian kerangka: {', '.join(sources) or '(tidak ada pemetaan)'}. "
                "Pilih contoh bawaan spbe-… atau unggah penilaian SPBE.")
        return
    target_id = targets[0] if len(targets) == 1 else st.selectbox("Kerangka tujuan", targets,
                                                                   key="crosswalk_target")
    crosswalk = load_crosswalk(fw.id, target_id)
    estimated = apply_crosswalk(crosswalk, problem.assessment)
    result = compute_index(crosswalk.target, estimated.values)
    first, second, third = st.columns(3)
    first.metric(f"Perkiraan {crosswalk.target.index_name}", format_decimal(result.index))
    second.metric("Predikat perkiraan", result.predicate)
    third.metric(f"{fw.index_name} sekarang", format_decimal(problem.index_before))
    for line in caveats(crosswalk, problem.assessment.unassessed):
        st.caption(state.markdown_text(line))
    table(views.crosswalk_frame(crosswalk, estimated),
          {"Indikator": 70, "Nama": 330, "Perkiraan": 80, "Dasar": 120}, row_height=52)
    name = problem.assessment.name or "penilaian"
    st.download_button(
        f"Unduh penilaian perkiraan {crosswalk.target.index_name} (Excel)",
        key="download_estimate", data=lambda: estimate_bytes(crosswalk, problem),
        file_name=state.download_name(f"perkiraan-{crosswalk.target.id}", name), mime=XLSX_MIME,
        help="Berkas ini dapat diunggah lagi di panel kiri untuk menyusun rencana aksi "
             f"{crosswalk.target.index_name}, atau dipakai dengan `roadmap plan`.")


def replace_budget(plan: Plan, budget: float | None) -> Plan:
    """The plan as the user asked it (the budget typed, not the catalogue cost planned with)."""
    return dataclasses.replace(plan, budget=budget)
