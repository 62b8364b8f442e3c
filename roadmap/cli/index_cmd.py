"""``roadmap index``: the current index, group indices and predicate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap.assessment import Assessment
from roadmap.cli.app import FRAMEWORK_HELP, app
from roadmap.cli.text import echo_json
from roadmap.index import IndexResult, compute_index
from roadmap.io.assessment_file import read_assessment
from roadmap.numbers import format_decimal


@app.command("index")
def index_command(
    assessment: Annotated[Path, typer.Argument(help="Berkas penilaian (.csv atau .xlsx).")],
    framework: Annotated[str | None, typer.Option("--framework", help=FRAMEWORK_HELP)] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Keluaran JSON (kontrak index).")
    ] = False,
) -> None:
    """Hitung indeks, indeks per domain/aspek, dan predikat dari sebuah penilaian."""
    current = read_assessment(assessment, framework)
    result = compute_index(current.framework, current.values)
    if as_json:
        echo_json(index_payload(current, result))
    else:
        typer.echo(index_report(current, result))


def index_payload(current: Assessment, result: IndexResult) -> dict[str, object]:
    fw = current.framework
    groups = {
        f"{kind}s": {
            gid: {"index": value, "name": fw.group(kind, gid).name,
                  "weight": fw.group(kind, gid).weight}
            for gid, value in result.groups.get(kind, {}).items()
        }
        for kind in ("domain", "aspect")
    }
    return {
        "framework": fw.id,
        "index": result.index,
        "predicate": result.predicate,
        **groups,
        "next_predicate": result.next_band.name if result.next_band else None,
        "gap_to_next_predicate": result.gap_to_next_band,
        "unassessed": [fw.json_id(i) for i in result.unassessed],
        "indicators": [
            {"indicator": fw.json_id(i.id), "name": i.name, "weight": i.weight,
             "value": current.values[i.id], "source": current.sources.get(i.id)}
            for i in fw.indicators
        ],
    }


def index_report(current: Assessment, result: IndexResult) -> str:
    fw = current.framework
    lines = [f"{fw.index_name} — {current.name}", f"Kerangka: {fw.title}", ""]
    lines += _group_lines(current, result, 0, fw.indicator_ids)
    lines.append("")
    lines.append(f"{fw.index_name}: {format_decimal(result.index)} — predikat {result.predicate}")
    if result.next_band is not None and result.gap_to_next_band is not None:
        lines.append(
            f"Menuju predikat {result.next_band.name} ({format_decimal(result.next_band.min)}): "
            f"kurang {format_decimal(result.gap_to_next_band)} poin indeks"
        )
    else:
        lines.append("Predikat tertinggi sudah tercapai.")
    if result.unassessed:
        lines.append(
            "Peringatan: indikator belum dinilai (tingkat 0, dihitung 0): "
            + ", ".join(result.unassessed)
        )
    return "\n".join(lines)


def _group_lines(current: Assessment, result: IndexResult, depth: int,
                 ids: tuple[str, ...]) -> list[str]:
    fw = current.framework
    indent = "  " * depth
    if depth == len(fw.group_kinds):
        return [_indicator_line(current, i, indent) for i in ids]
    kind = fw.group_kinds[depth]
    lines = []
    for group in fw.groups_of(kind):
        members = tuple(i for i in ids if fw.indicator(i).groups.get(kind) == group.id)
        if not members:
            continue
        label = fw.group_labels.get(kind, kind.capitalize())
        lines.append(
            f"{indent}{label} {group.id} {group.name} (bobot {format_decimal(group.weight, 2)}%)"
            f" — indeks {format_decimal(result.groups[kind][group.id])}"
        )
        lines += _group_lines(current, result, depth + 1, members)
    return lines


def _indicator_line(current: Assessment, indicator_id: str, indent: str) -> str:
    fw = current.framework
    ind = fw.indicator(indicator_id)
    value = current.values[indicator_id]
    shown = str(int(value)) if fw.value.whole else format_decimal(value)
    label = fw.level_label(int(value)) if value >= 1 else "belum dinilai"
    source = f" (dari {current.sources[indicator_id]}, dinilai instansi lain)" if (
        indicator_id in current.sources) else (
        " (dinilai dari indeks instansi lain)" if ind.external else "")
    return (f"{indent}{ind.id:>4} {ind.name:<62} bobot {format_decimal(ind.weight):>5}  "
            f"nilai {shown:>4} {label}{source}")
