"""Display tables of the web app: results of the planning functions as Indonesian text.

Pure functions (no Streamlit) from domain results to ``pandas`` frames whose cells are already
formatted (``2,85``, ``Rp 1.250.000.000``, ``85,3%``), so every table reads the same in the
browser as in the CLI. The plan table is built from ``plan_payload``, the CLI's JSON contract.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import pandas as pd

from roadmap.assessment import Assessment
from roadmap.crosswalk import Crosswalk
from roadmap.dependencies import Blocked, Node
from roadmap.framework import Framework
from roadmap.index import IndexResult
from roadmap.multiyear import MultiYearPlan
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short
from roadmap.plan import Plan, PlanStatus
from roadmap.plan_format import STATUS_TEXT, plan_payload


class BandChances(Protocol):
    """What the band table needs of a simulation (``roadmap.simulate.Simulation``)."""

    @property
    def band_probabilities(self) -> Mapping[str, float]: ...


def percent_text(share: float) -> str:
    """``0.853`` -> ``'85,3%'``.

    >>> percent_text(0.853), percent_text(1.0)
    ('85,3%', '100,0%')
    """
    return f"{format_decimal(share * 100, 1)}%"


def group_frame(framework: Framework, result: IndexResult, kind: str) -> pd.DataFrame:
    """One row per domain or aspect: number, name, weight and index."""
    label = framework.group_labels.get(kind, kind)
    return pd.DataFrame([
        {label: g.id, "Nama": g.name, "Bobot": f"{format_decimal(g.weight)}%",
         "Indeks": format_decimal(result.groups[kind][g.id])}
        for g in framework.groups_of(kind)
    ], columns=[label, "Nama", "Bobot", "Indeks"])


def _nodes_text(framework: Framework, nodes: Sequence[Node]) -> str:
    return "; ".join(f"{framework.indicator(i).label} tingkat {level}" for i, level in nodes)


def blocked_frame(framework: Framework, blocks: Sequence[Blocked]) -> pd.DataFrame:
    """Blocked indicators with the prerequisites they wait for (as ``roadmap deps``)."""
    return pd.DataFrame([
        {"Indikator": framework.indicator(b.indicator).label,
         "Tingkat berikutnya": b.next_level,
         "Terhambat oleh": _nodes_text(framework, b.direct),
         "Tidak langsung oleh": _nodes_text(framework, b.transitive) or "-"}
        for b in blocks
    ], columns=["Indikator", "Tingkat berikutnya", "Terhambat oleh", "Tidak langsung oleh"])


def _external_note(framework: Framework, indicators: Sequence[int | str]) -> str:
    if not indicators:
        return ""
    names = []
    for json_id in indicators:
        ind = framework.indicator(str(json_id))
        source = framework.external_indices.get(ind.external or "")
        names.append(f"{ind.id} ({source.key}, {source.agency})" if source else ind.id)
    return "Dinilai dari indeks instansi lain: " + ", ".join(names)


def plan_frame(plan: Plan, framework: Framework) -> pd.DataFrame:
    """The prioritized rencana aksi, one row per selected action, with its reason."""
    payload = plan_payload(plan, framework)
    rows = []
    for item, planned in zip(payload["selected"], plan.selected,  # type: ignore[call-overload]
                             strict=True):
        rows.append({
            "No": item["rank"],
            "Kode": item["id"],
            "Aksi": item["name"],
            "OPD": item["opd"] or "-",
            "Biaya": format_rupiah(item["cost"]),
            "Bulan": f"{item['start_month']}–{item['end_month']}",
            "Peluang": percent_text(item["probability"]),
            "Kontribusi": "+" + format_decimal(planned.contribution, 3),
            "Tambahan indeks": "+" + format_decimal(item["marginal_gain"], 3),
            "Alasan": item["reason"],
            "Catatan": _external_note(framework, item["external"]),
        })
    columns = ["No", "Kode", "Aksi", "OPD", "Biaya", "Bulan", "Peluang", "Kontribusi",
               "Tambahan indeks", "Alasan", "Catatan"]
    if not any(p.contribution for p in plan.selected):  # an optimizer that does not give it
        columns.remove("Kontribusi")
    return pd.DataFrame(rows, columns=columns)


def near_miss_frame(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame([
        {"Kode": m.action.id, "Aksi": m.action.name, "Biaya": format_rupiah(m.action.cost),
         "Tambahan jika ditambah": "+" + format_decimal(m.gain_if_added, 3), "Sebab": m.why}
        for m in plan.near_misses
    ], columns=["Kode", "Aksi", "Biaya", "Tambahan jika ditambah", "Sebab"])


def evidence_frame(plan: Plan, framework: Framework) -> pd.DataFrame:
    """One row per data dukung item of the plan, by due month (the report's Data Dukung)."""
    first: dict[str, dict[str, object]] = {}
    for planned in plan.selected:
        for task in planned.evidence:
            if task.code in first and int(str(first[task.code]["Bulan"])) <= task.due_month:
                continue
            first[task.code] = {"Kode": task.code,
                                "Indikator": str(framework.json_id(task.indicator)),
                                "Tingkat": str(task.level), "Data dukung": task.item,
                                "Aksi": planned.action.id, "OPD": task.opd or "–",
                                "Bulan": str(task.due_month)}
    rows = sorted(first.values(), key=lambda r: (int(str(r["Bulan"])), str(r["OPD"]),
                                                 str(r["Kode"])))
    return pd.DataFrame(rows, columns=["Kode", "Indikator", "Tingkat", "Data dukung", "Aksi",
                                       "OPD", "Bulan"])


def status_text(plan: Plan | MultiYearPlan) -> str:
    return STATUS_TEXT.get(PlanStatus(str(plan.status)), str(plan.status))


def band_frame(simulation: BandChances, framework: Framework) -> pd.DataFrame:
    """The chance of reaching each predicate band or a higher one."""
    chances = simulation.band_probabilities
    return pd.DataFrame([
        {"Predikat": band.name, "Indeks minimum": format_decimal(band.min),
         "Peluang mencapai (atau lebih tinggi)": percent_text(chances[band.name])}
        for band in framework.predicates if band.name in chances
    ], columns=["Predikat", "Indeks minimum", "Peluang mencapai (atau lebih tinggi)"])


def opd_frame(plan: Plan) -> pd.DataFrame:
    """Per OPD: number of actions, their cost and the months they span."""
    by_opd: dict[str, list[tuple[float, int, int]]] = {}
    for p in plan.selected:
        by_opd.setdefault(p.action.opd or "-", []).append(
            (p.action.cost, p.start_month, p.end_month))
    return pd.DataFrame([
        {"OPD": opd, "Jumlah aksi": len(items),
         "Biaya": format_rupiah(sum(cost for cost, _, _ in items)),
         "Bulan": f"{min(s for _, s, _ in items)}–{max(e for _, _, e in items)}"}
        for opd, items in sorted(by_opd.items(), key=lambda kv: -sum(c for c, _, _ in kv[1]))
    ], columns=["OPD", "Jumlah aksi", "Biaya", "Bulan"])


def minimum_budget_frame(minimums: Mapping[str, float | None],
                         framework: Framework) -> pd.DataFrame:
    """The cheapest budget whose best plan is expected to reach each band."""
    return pd.DataFrame([
        {"Predikat": band.name, "Indeks minimum": format_decimal(band.min),
         "Anggaran minimum": "tidak tercapai dengan katalog ini" if minimums[band.name] is None
         else format_rupiah(minimums[band.name] or 0.0)}
        for band in framework.predicates if band.name in minimums
    ], columns=["Predikat", "Indeks minimum", "Anggaran minimum"])


def scenario_frame(plans: Sequence[Plan]) -> pd.DataFrame:
    """Budget scenarios side by side: one column per scenario."""
    columns = {f"Skenario {k}": p for k, p in enumerate(plans, start=1)}
    rows = {
        "Anggaran": lambda p: format_rupiah(p.budget or 0.0),
        "Total biaya": lambda p: format_rupiah(p.total_cost),
        "Indeks harapan": lambda p: format_decimal(p.expected_index),
        "Predikat harapan": lambda p: p.expected_predicate,
        "Kenaikan indeks": lambda p: "+" + format_decimal(p.expected_gain, 3),
        "Jumlah aksi": lambda p: str(len(p.selected)),
        "Bulan dibutuhkan": lambda p: str(p.months_needed),
    }
    return pd.DataFrame(
        {name: [show(plan) for show in rows.values()] for name, plan in columns.items()},
        index=list(rows),
    )


def scenario_actions_frame(plans: Sequence[Plan]) -> pd.DataFrame:
    """Every action chosen in some scenario, with a tick under the scenarios that choose it."""
    order: dict[str, str] = {}
    for plan in plans:
        for p in plan.selected:
            order.setdefault(p.action.id, p.action.name)
    return pd.DataFrame([
        {"Kode": action_id, "Aksi": name,
         **{f"Skenario {k}": ("✓" if action_id in plan.selected_ids else "")
            for k, plan in enumerate(plans, start=1)}}
        for action_id, name in order.items()
    ], columns=["Kode", "Aksi", *(f"Skenario {k}" for k in range(1, len(plans) + 1))])


def rule_source_frame(indices: Mapping[str, float], counts: Mapping[str, int]) -> pd.DataFrame:
    """The expected index of the best plan with all rules and with the pedoman's rules only."""
    labels = {"semua": "Semua aturan", "pedoman": "Hanya aturan sumber pedoman"}
    return pd.DataFrame([
        {"Aturan ketergantungan": labels.get(name, name), "Jumlah aturan": counts.get(name, 0),
         "Indeks harapan": format_decimal(value)}
        for name, value in indices.items()
    ], columns=["Aturan ketergantungan", "Jumlah aturan", "Indeks harapan"])


def trajectory_frame(plan: MultiYearPlan) -> pd.DataFrame:
    """Year by year: budget, money used, expected index at the end of the year, predicate."""
    rows = [{"Tahun": "sekarang", "Anggaran": "", "Terpakai": "", "Jumlah aksi": "",
             "Indeks harapan": format_decimal(plan.index_before),
             "Predikat": plan.predicate_before}]
    rows += [{"Tahun": str(y.year),
              "Anggaran": format_rupiah_short(y.budget) if y.budget is not None else "-",
              "Terpakai": format_rupiah_short(y.total_cost), "Jumlah aksi": str(len(y.selected)),
              "Indeks harapan": format_decimal(y.expected_index), "Predikat": y.predicate}
             for y in plan.years]
    return pd.DataFrame(rows, columns=["Tahun", "Anggaran", "Terpakai", "Jumlah aksi",
                                       "Indeks harapan", "Predikat"])


def multiyear_actions_frame(plan: MultiYearPlan) -> pd.DataFrame:
    """Every action of the Peta Rencana with its year, rank, months and reason."""
    return pd.DataFrame([
        {"Tahun": str(y.year), "No": p.rank, "Kode": p.action.id, "Aksi": p.action.name,
         "OPD": p.action.opd or "-", "Biaya": format_rupiah(p.action.cost),
         "Bulan": f"{p.start_month}–{p.end_month}",
         "Peluang": percent_text(p.action.probability),
         "Tambahan indeks": "+" + format_decimal(p.marginal_gain, 3), "Alasan": p.reason}
        for y in plan.years for p in y.selected
    ], columns=["Tahun", "No", "Kode", "Aksi", "OPD", "Biaya", "Bulan", "Peluang",
                "Tambahan indeks", "Alasan"])


def crosswalk_frame(crosswalk: Crosswalk, estimated: Assessment) -> pd.DataFrame:
    """One row per indicator of the new framework: its estimate and where it comes from."""
    src, target = crosswalk.source, crosswalk.target
    rows = []
    for ind in target.indicators:
        link = crosswalk.link(ind.id)
        rows.append({
            "Indikator": ind.id, "Nama": ind.name,
            "Perkiraan": format_decimal(estimated.values[ind.id]) + ("*" if ind.external else ""),
            f"Dari indikator {src.index_name}": ", ".join(link.sources) or "-",
            "Dasar": link.basis,
        })
    return pd.DataFrame(rows, columns=["Indikator", "Nama", "Perkiraan",
                                       f"Dari indikator {src.index_name}", "Dasar"])
