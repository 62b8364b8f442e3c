"""``roadmap kalibrasi``: success probabilities per level step from past evaluations."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer
from openpyxl import Workbook

from roadmap.calibration import Calibration, History, Step, calibrate
from roadmap.cli.app import FRAMEWORK_HELP, app
from roadmap.cli.text import echo_json, table
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.actions_file import read_catalogue, read_default_catalogue
from roadmap.io.atomic import check_output_path, write_atomically
from roadmap.io.history_file import read_history
from roadmap.io.xlsx import INDEX_FORMAT, write_table
from roadmap.numbers import format_decimal

HEADERS = ("indikator", "tingkat", "klaim", "diterima", "prior", "peluang")
POOLED = "semua"


@app.command("kalibrasi")
def kalibrasi_command(
    history: Annotated[Path, typer.Argument(
        metavar="RIWAYAT",
        help="Riwayat evaluasi (.csv/.xlsx): tahun, indikator, mandiri, final.")],
    framework: Annotated[str | None, typer.Option("--framework", help=FRAMEWORK_HELP)] = None,
    actions: Annotated[Path | None, typer.Option(
        "--actions", help="Katalog aksi untuk peluang bawaan (prior); bawaan: katalog "
        "kerangka.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Keluaran JSON (kontrak kalibrasi).")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Tulis tabel kalibrasi ke berkas .csv atau .xlsx.")] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Timpa berkas --out yang sudah ada.")] = False,
) -> None:
    """Hitung peluang diterimanya klaim per tingkat dari riwayat evaluasi (Beta-binomial)."""
    past = read_history(history, framework)
    fw = past.framework
    catalogue = (read_catalogue(actions, fw) if actions is not None
                 else read_default_catalogue(fw))
    result = calibrate(past, catalogue)
    if out is not None:
        write_calibration(out, result, fw, inputs=(history, *([actions] if actions else [])),
                          overwrite=overwrite)
    if as_json:
        echo_json(calibration_payload(past, result))
    else:
        typer.echo(calibration_report(past, result))
    if out is not None:
        typer.echo(f"Tabel kalibrasi ditulis ke {out}", err=as_json)


def calibration_payload(history: History, calibration: Calibration) -> dict[str, object]:
    """The ``kalibrasi`` JSON contract: one object per step, unrounded."""
    fw = history.framework
    return {
        "framework": fw.id,
        "years": list(history.years),
        "prior_strength": calibration.prior_strength,
        "min_claims": calibration.min_claims,
        "steps": [
            {"indicator": fw.json_id(s.indicator) if s.indicator is not None else None,
             "level": s.level, "claims": s.claims, "accepted": s.accepted,
             "prior": s.prior, "probability": s.probability}
            for s in calibration.steps
        ],
    }


def calibration_report(history: History, calibration: Calibration) -> str:
    """The Bahasa Indonesia text: the table and the rules behind it."""
    fw = history.framework
    years = history.years
    rows = [_cells(s) for s in calibration.steps]
    return "\n".join([
        f"Kalibrasi peluang diterima — {history.name} ({fw.index_name}, tahun "
        f"{years[0]}–{years[-1]})",
        "",
        table(HEADERS, rows, "lrrrrr"),
        "",
        "Klaim: tiap tingkat di atas nilai final tahun sebelumnya sampai tingkat penilaian",
        "mandiri; diterima bila nilai final mencapai tingkat itu. Tahun pertama tiap indikator",
        "hanya menjadi titik awal.",
        f"Peluang = (k × prior + diterima) / (k + klaim), k = "
        f"{format_decimal(calibration.prior_strength, 0)}; prior = rata-rata peluang aksi katalog",
        "yang membawa indikator ke tingkat itu.",
        f"Baris per indikator bila klaimnya ≥ {calibration.min_claims}; selain itu berlaku baris "
        f"'{POOLED}'",
        "(gabungan semua indikator per tingkat).",
    ])


def write_calibration(path: Path, calibration: Calibration, framework: Framework, *,
                      inputs: tuple[Path, ...], overwrite: bool) -> None:
    """Write the calibration table as ``.csv`` (``;``, decimal comma) or ``.xlsx``."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError("berkas keluaran kalibrasi harus berakhiran .csv atau .xlsx",
                         file=str(path))
    check_output_path(path, overwrite=overwrite, inputs=inputs)
    if suffix == ".csv":
        write_atomically(path, lambda temp: _write_csv(temp, calibration))
    else:
        write_atomically(path, lambda temp: _write_xlsx(temp, calibration, framework))


def _cells(step: Step) -> tuple[object, ...]:
    return (step.indicator or POOLED, step.level, step.claims, step.accepted,
            format_decimal(step.prior), format_decimal(step.probability))


def _write_csv(temp: Path, calibration: Calibration) -> None:
    with temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for step in calibration.steps:
            writer.writerow((step.indicator or POOLED, step.level, step.claims, step.accepted,
                             format_decimal(step.prior, 4), format_decimal(step.probability, 4)))


def _write_xlsx(temp: Path, calibration: Calibration, framework: Framework) -> None:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    sheet = workbook.create_sheet("kalibrasi")
    rows = [(framework.json_id(s.indicator) if s.indicator else POOLED, s.level, s.claims,
             s.accepted, s.prior, s.probability) for s in calibration.steps]
    write_table(sheet, HEADERS, rows, formats={4: INDEX_FORMAT, 5: INDEX_FORMAT})
    workbook.save(temp)
