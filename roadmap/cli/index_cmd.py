"""``roadmap index``: the current index, group indices and predicate.

With ``--bukti FILE`` (an evidence status file) the levels whose data dukung are all
``diterima`` are held: the values are raised to them before the index is computed, and the
items still missing are listed per indicator and level.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from roadmap.assessment import Assessment
from roadmap.cli.app import FRAMEWORK_HELP, app
from roadmap.cli.text import echo_json
from roadmap.evidence import (
    EvidenceStatus,
    MissingItem,
    held_levels,
    missing_evidence,
    raise_values,
)
from roadmap.framework import Framework
from roadmap.index import IndexResult, compute_index
from roadmap.io.assessment_file import read_assessment
from roadmap.io.evidence_file import StatusFile, read_evidence_status
from roadmap.io.framework_files import load_evidence
from roadmap.numbers import format_decimal


@app.command("index")
def index_command(
    assessment: Annotated[Path, typer.Argument(
        metavar="PENILAIAN", help="Berkas penilaian (.csv atau .xlsx).")],
    framework: Annotated[str | None, typer.Option("--framework", help=FRAMEWORK_HELP)] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Keluaran JSON (kontrak index).")
    ] = False,
    bukti: Annotated[Path | None, typer.Option(
        "--bukti", help="Berkas status data dukung (.csv/.xlsx: kode, status, catatan); "
        "tingkat yang seluruh butirnya diterima dihitung tercapai.")] = None,
) -> None:
    """Hitung indeks, indeks per domain/aspek, dan predikat dari sebuah penilaian."""
    current = read_assessment(assessment, framework)
    evidence = _apply_evidence(current, bukti) if bukti is not None else None
    if evidence is not None:
        current = evidence.raised
    result = compute_index(current.framework, current.values)
    if as_json:
        payload = index_payload(current, result)
        if evidence is not None:
            payload["evidence"] = evidence.payload()
        echo_json(payload)
    else:
        typer.echo(index_report(current, result))
        if evidence is not None:
            typer.echo("\n" + evidence.report())


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


@dataclass(frozen=True)
class EvidenceView:
    """An assessment raised by an evidence status file, and what is still missing."""

    original: Assessment
    raised: Assessment
    status_file: StatusFile
    missing: tuple[MissingItem, ...]

    @property
    def raised_ids(self) -> tuple[str, ...]:
        return tuple(i for i in self.original.framework.indicator_ids
                     if self.raised.values[i] > self.original.values[i])

    def payload(self) -> dict[str, object]:
        fw = self.original.framework
        return {
            "file": self.status_file.name,
            "accepted": sum(s is EvidenceStatus.ACCEPTED
                            for s in self.status_file.statuses.values()),
            "raised": [{"indicator": fw.json_id(i), "from": self.original.values[i],
                        "to": self.raised.values[i]} for i in self.raised_ids],
            "missing": [{"code": m.code, "indicator": fw.json_id(m.indicator),
                         "level": m.level, "item": m.item,
                         "status": str(m.status) if m.status else None}
                        for m in self.missing],
        }

    def report(self) -> str:
        fw = self.original.framework
        statuses = self.status_file.statuses
        accepted = sum(s is EvidenceStatus.ACCEPTED for s in statuses.values())
        lines = [f"Data dukung — {self.status_file.name}: {accepted} dari {len(statuses)} "
                 "butir diterima"]
        if self.raised_ids:
            lines.append("Tingkat naik karena seluruh data dukungnya diterima:")
            lines += [f"  {i} {fw.indicator(i).name}: {_shown(fw, self.original.values[i])} → "
                      f"{_shown(fw, self.raised.values[i])}" for i in self.raised_ids]
        else:
            lines.append("Belum ada tingkat yang seluruh data dukungnya diterima.")
        if not self.missing:
            return "\n".join(lines)
        lines += ["", "Data dukung yang belum diterima (per indikator dan tingkat):"]
        heading = None
        for item in self.missing:
            if (item.indicator, item.level) != heading:
                heading = (item.indicator, item.level)
                lines.append(f"  {item.indicator} {fw.indicator(item.indicator).name} — "
                             f"tingkat {item.level} {fw.level_label(item.level)}")
            state = str(item.status) if item.status else "tidak ada di berkas"
            lines.append(f"    {item.code:<10} [{state}] {item.item}")
        return "\n".join(lines)


def _apply_evidence(current: Assessment, path: Path) -> EvidenceView:
    status_file = read_evidence_status(path, current.framework)
    items = load_evidence(current.framework.id)
    held = held_levels(items, status_file.statuses, current.values)
    values = raise_values(current.values, held)
    raised = current.with_values({i: v for i, v in values.items() if v > current.values[i]})
    missing = missing_evidence(items, status_file.statuses, held)
    return EvidenceView(current, raised, status_file, missing)


def _shown(fw: Framework, value: float) -> str:
    return str(int(value)) if fw.value.whole else format_decimal(value)
