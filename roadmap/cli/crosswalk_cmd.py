"""``roadmap crosswalk``: estimate an assessment on a new framework from one on an old framework."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap.assessment import Assessment
from roadmap.cli.app import FRAMEWORK_HELP, app
from roadmap.cli.text import echo_json, table
from roadmap.crosswalk import BASES, NEW_BASIS, Crosswalk, apply_crosswalk
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.index import compute_index
from roadmap.io.assessment_file import read_assessment
from roadmap.io.assessment_writer import write_assessment
from roadmap.io.crosswalk_file import available_crosswalks, load_crosswalk
from roadmap.io.framework_files import load_framework
from roadmap.numbers import format_decimal


@app.command("crosswalk")
def crosswalk_command(
    assessment: Annotated[
        Path, typer.Argument(
            metavar="PENILAIAN", help="Berkas penilaian kerangka lama (.csv atau .xlsx).")],
    framework: Annotated[str | None, typer.Option("--framework", help=FRAMEWORK_HELP)] = None,
    to: Annotated[str | None, typer.Option(
        "--to", help="Kerangka tujuan, mis. pemdi-2026 (bawaan: satu-satunya pemetaan yang "
        "tersedia dari kerangka penilaian).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Keluaran JSON (kontrak crosswalk).")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Tulis penilaian perkiraan ke berkas .csv atau .xlsx.")] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Timpa berkas --out yang sudah ada.")] = False,
) -> None:
    """Perkirakan penilaian Indeks Pemdi dari hasil penilaian Indeks SPBE (PERKIRAAN)."""
    source = read_assessment(assessment, framework)
    crosswalk = load_crosswalk(source.framework.id, _target_id(source, to, assessment))
    estimated = apply_crosswalk(crosswalk, source)
    if out is not None:
        extra = {
            "dari": {link.target: "; ".join(link.sources) for link in crosswalk.links},
            "dasar": {link.target: link.basis for link in crosswalk.links},
            "catatan": {link.target: link.note for link in crosswalk.links},
        }
        write_assessment(out, estimated, extra, inputs=(assessment,), overwrite=overwrite)
    if as_json:
        echo_json(crosswalk_payload(crosswalk, estimated))
    else:
        typer.echo(crosswalk_report(crosswalk, source, estimated))
    if out is not None:
        typer.echo(
            f"Penilaian perkiraan {crosswalk.target.index_name} ditulis ke {out}; berkas ini "
            f"dapat dipakai langsung, mis.: roadmap plan {out} --budget \"750 jt\"",
            err=as_json,
        )


def _target_id(source: Assessment, to: str | None, path: Path) -> str:
    pairs = available_crosswalks()
    targets = [t for s, t in pairs if s == source.framework.id]
    if not targets:
        wanted = ", ".join(
            f"{load_framework(s).index_name} ({s})" for s in sorted({s for s, _ in pairs})
        )
        raise InputError(
            f"penilaian ini memakai kerangka {source.framework.index_name} "
            f"({source.framework.id}); crosswalk memerlukan penilaian kerangka asal sebuah "
            f"pemetaan: {wanted or '(tidak ada pemetaan)'}",
            file=str(path),
        )
    if to:
        return to
    if len(targets) > 1:
        raise InputError(f"ada beberapa kerangka tujuan; pilih dengan --to: {', '.join(targets)}")
    return targets[0]


def crosswalk_payload(crosswalk: Crosswalk, estimated: Assessment) -> dict[str, object]:
    """The ``crosswalk`` JSON contract: unrounded index, estimated values, their origin."""
    source, target = crosswalk.source, crosswalk.target
    result = compute_index(target, estimated.values)
    return {
        "framework": target.id,
        "source_framework": source.id,
        "estimate": True,
        "index": result.index,
        "predicate": result.predicate,
        "indicators": [
            {
                "indicator": target.json_id(link.target),
                "name": target.indicator(link.target).name,
                "value": estimated.values[link.target],
                "from": [source.json_id(s) for s in link.sources],
                "basis": link.basis,
                "share": link.share,
                "external": target.indicator(link.target).external,
            }
            for link in crosswalk.links
        ],
    }


def crosswalk_report(crosswalk: Crosswalk, source: Assessment, estimated: Assessment) -> str:
    """The Bahasa Indonesia text: one row per target indicator, the index and the caveats."""
    src, target = crosswalk.source, crosswalk.target
    result = compute_index(target, estimated.values)
    rows = [
        (
            ind.id,
            ind.name,
            format_decimal(estimated.values[ind.id]) + ("*" if ind.external else ""),
            _compact(src, crosswalk.link(ind.id).sources) or "-",
            crosswalk.link(ind.id).basis,
        )
        for ind in target.indicators
    ]
    lines = [
        f"PERKIRAAN {target.index_name} dari hasil {src.index_name} — {source.name}",
        "",
        table(("Indikator", "Nama", "Perkiraan", f"Dari indikator {src.index_name}", "Dasar"),
              rows, "llrll"),
        "",
        f"Perkiraan {target.index_name}: {format_decimal(result.index)} — predikat "
        f"{result.predicate}",
        "",
        *_caveats(crosswalk, source),
    ]
    return "\n".join(lines)


def _caveats(crosswalk: Crosswalk, source: Assessment) -> list[str]:
    src, target = crosswalk.source, crosswalk.target
    mapped = [b for b in BASES if b != NEW_BASIS]
    floor = format_decimal(target.value.min)
    lines = [
        f"Ini PERKIRAAN, bukan nilai resmi: belum ada pemetaan resmi dari {src.index_name} ke "
        f"{target.index_name}.",
        "Sumber pemetaan: dokumen pemetaan buatan pemda dan kemiripan nama indikator "
        f"(kolom Dasar: {', '.join(repr(b) for b in mapped)}); indikator baru tanpa padanan "
        f"(dasar '{NEW_BASIS}') dimulai dari {floor}.",
        f"Perkiraan = {floor} + bagian × (rata-rata berbobot tingkat indikator asal − {floor}); "
        "bagian per indikator ada di berkas pemetaan.",
    ]
    externals = crosswalk.external_targets
    if externals:
        by_index: dict[str, list[str]] = {}
        for indicator_id in externals:
            by_index.setdefault(target.indicator(indicator_id).external or "", []).append(
                indicator_id)
        origins = "; ".join(
            f"{', '.join(ids)} dari {key}"
            + (f" ({target.external_indices[key].name})" if key in target.external_indices
               else "")
            for key, ids in by_index.items()
        )
        lines.append(
            f"* Dinilai dari indeks instansi lain: {origins}. Ganti perkiraan indikator ini "
            "dengan nilai resmi begitu diketahui."
        )
        convertible = [k for k in by_index if k in target.external_indices
                       and target.external_indices[k].bands]
        if convertible:
            lines.append(
                "  Di berkas penilaian, nilai indeks dapat ditulis langsung di kolom tingkat, mis. "
                f"'{convertible[0]}=68,75'; untuk indeks lain isikan nilai indikatornya."
            )
    if source.unassessed:
        lines.append(
            f"Indikator {src.index_name} belum dinilai (tingkat 0) dihitung "
            f"{format_decimal(src.value.min, 0)} untuk perkiraan ini: "
            + ", ".join(source.unassessed)
        )
    return lines


def _compact(framework: Framework, ids: tuple[str, ...]) -> str:
    """Ids joined with ``, ``; runs of three or more consecutive indicators as ``first–last``.

    Consecutive means adjacent in the framework's indicator order.
    """
    order = {i: n for n, i in enumerate(framework.indicator_ids)}
    runs: list[list[str]] = []
    for indicator_id in sorted(ids, key=order.__getitem__):
        if runs and order[indicator_id] == order[runs[-1][-1]] + 1:
            runs[-1].append(indicator_id)
        else:
            runs.append([indicator_id])
    return ", ".join(
        f"{run[0]}–{run[-1]}" if len(run) >= 3 else ", ".join(run) for run in runs
    )
