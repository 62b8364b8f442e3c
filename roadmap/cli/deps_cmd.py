"""``roadmap deps``: which indicators are blocked, by what, and what unlocking it is worth."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Annotated

import typer

from roadmap.assessment import Assessment
from roadmap.cli.app import FRAMEWORK_HELP, app
from roadmap.cli.text import echo_json
from roadmap.dependencies import (
    Blocked,
    Node,
    Unlock,
    blocked,
    build_graph,
    node_label,
    unlock_values,
    waves,
)
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.assessment_file import read_assessment
from roadmap.io.atomic import check_output_path, write_atomically
from roadmap.io.inputs import load_rules
from roadmap.numbers import format_decimal

TOP_PREREQUISITES = 10
PLOT_DPI = 110


@app.command("deps")
def deps_command(
    assessment: Annotated[Path, typer.Argument(
        metavar="PENILAIAN", help="Berkas penilaian (.csv atau .xlsx).")],
    framework: Annotated[str | None, typer.Option("--framework", help=FRAMEWORK_HELP)] = None,
    rules: Annotated[Path | None, typer.Option(
        "--rules", help="Berkas aturan ketergantungan (.csv/.xlsx); menggantikan aturan bawaan "
                        "(berkas berisi judul kolom saja = tanpa aturan).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON (kontrak deps).")] = False,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Simpan grafik ketergantungan ke berkas .png.")] = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Timpa berkas grafik yang sudah ada.")] = False,
) -> None:
    """Tampilkan indikator yang terhambat, prasyaratnya, dan nilai pembuka tiap prasyarat."""
    current = read_assessment(assessment, framework)
    fw = current.framework
    rule_set, origin, origin_file = load_rules(assessment, rules, fw)
    if plot is not None:
        inputs = (assessment,) if rules is None else (assessment, rules)
        check_output_path(plot, overwrite=overwrite, inputs=inputs)
        if plot.suffix.lower() != ".png":
            raise InputError("grafik harus berakhiran .png", file=str(plot))
    try:
        graph = build_graph(fw, rule_set)
    except InputError as err:
        raise err.located(file=origin_file) from None
    blocks = blocked(graph, current.values)
    unlocks = unlock_values(graph, current.values, fw)
    layers = waves(graph, current.values)
    if as_json:
        echo_json(deps_payload(fw, blocks, unlocks, layers))
    else:
        note = f"{len(rule_set)} aturan {origin}"
        typer.echo(deps_report(current, blocks, unlocks, layers, note))
    if plot is not None:
        from roadmap.charts.dependency_plot import dependency_figure

        figure = dependency_figure(
            graph, current.values, fw,
            title=f"Ketergantungan indikator {fw.index_name} — {current.name}",
        )
        write_atomically(plot, lambda temp: figure.savefig(temp, format="png", dpi=PLOT_DPI))
        if not as_json:
            typer.echo(f"Grafik ketergantungan ditulis ke {plot}.")


def deps_payload(fw: Framework, blocks: tuple[Blocked, ...], unlocks: tuple[Unlock, ...],
                 layers: tuple[tuple[Node, ...], ...]) -> dict[str, object]:
    """The ``deps`` JSON contract: ``blocked`` and ``prerequisites`` (largest unlock first)."""

    def node(n: Node) -> dict[str, object]:
        return {"indicator": fw.json_id(n[0]), "level": n[1]}

    return {
        "framework": fw.id,
        "blocked": [
            {
                "indicator": fw.json_id(b.indicator),
                "name": fw.indicator(b.indicator).name,
                "next_level": b.next_level,
                "blocked_by": [{**node(n), "direct": True} for n in b.direct]
                + [{**node(n), "direct": False} for n in b.transitive],
                "direct": [node(n) for n in b.direct],
                "transitive": [node(n) for n in b.transitive],
            }
            for b in blocks
        ],
        "prerequisites": [
            {
                **node(u.node),
                "name": fw.indicator(u.node[0]).name,
                "unlock_value": u.value,
                "gated_indicators": [fw.json_id(i) for i in _indicators(fw, u.gated)],
            }
            for u in unlocks
        ],
        "waves": [[node(n) for n in layer] for layer in layers],
    }


def deps_report(current: Assessment, blocks: tuple[Blocked, ...], unlocks: tuple[Unlock, ...],
                layers: tuple[tuple[Node, ...], ...], rules_note: str) -> str:
    """The Bahasa Indonesia text report."""
    fw = current.framework
    lines = [f"Ketergantungan indikator {fw.index_name} — {current.name}",
             f"Kerangka: {fw.title}; {rules_note}", ""]
    if blocks:
        lines.append(f"Indikator terhambat: {len(blocks)} dari {len(fw.indicators)}")
        for b in blocks:
            ind = fw.indicator(b.indicator)
            lines.append(f"  {ind.label} — tingkat {b.next_level} "
                         f"({fw.level_label(b.next_level)})")
            lines += _wrapped("terhambat oleh: " + _nodes_text(fw, b.direct), 6)
            if b.transitive:
                lines += _wrapped("dan secara tidak langsung oleh: "
                                  + _nodes_text(fw, b.transitive), 6)
    else:
        lines.append("Tidak ada indikator yang terhambat prasyarat: tingkat berikutnya setiap "
                     "indikator dapat dikerjakan sekarang.")
    lines.append("")
    if unlocks:
        shown = unlocks[:TOP_PREREQUISITES]
        lines.append(f"Prasyarat dengan nilai pembuka terbesar ({len(shown)} dari "
                     f"{len(unlocks)} prasyarat yang belum terpenuhi):")
        for rank, u in enumerate(shown, start=1):
            gated = _indicators(fw, u.gated)
            lines += _wrapped(
                f"{rank:>2}. {fw.indicator(u.node[0]).name} tingkat {u.node[1]} membuka hingga "
                f"{format_decimal(u.value)} poin indeks ({len(gated)} indikator: "
                f"{', '.join(gated)})", 2, hanging=4,
            )
        lines.append("  (nilai pembuka = poin indeks yang tidak dapat diraih sebelum prasyarat "
                     "itu terpenuhi)")
        lines.append("")
    if layers:
        lines.append("Gelombang pekerjaan (tingkat yang belum tercapai, menurut urutan "
                     "prasyarat; ditulis indikator:tingkat):")
        for number, layer in enumerate(layers, start=1):
            when = " (dapat dimulai sekarang)" if number == 1 else ""
            lines += _wrapped(f"Gelombang {number}{when}: {len(layer)} tingkat — "
                              + ", ".join(node_label(n) for n in layer), 2)
    else:
        lines.append("Semua indikator sudah di tingkat tertinggi.")
    return "\n".join(lines)


def _nodes_text(fw: Framework, nodes: tuple[Node, ...]) -> str:
    return ", ".join(f"{fw.indicator(i).label} tingkat {level}" for i, level in nodes)


def _indicators(fw: Framework, nodes: tuple[Node, ...]) -> list[str]:
    """The distinct indicators of ``nodes``, in framework order."""
    present = {n[0] for n in nodes}
    return [i for i in fw.indicator_ids if i in present]


def _wrapped(text: str, indent: int, hanging: int = 2) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=" " * indent,
                         subsequent_indent=" " * (indent + hanging), break_on_hyphens=False)
