"""Write the template workbook of ``roadmap init``."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.actions import format_requires
from roadmap.framework import Framework
from roadmap.io.actions_file import default_actions_path, read_catalogue
from roadmap.io.atomic import write_atomically
from roadmap.io.rules_file import default_rules_path, read_rules
from roadmap.io.xlsx import RUPIAH_FORMAT, write_table


def write_template(path: Path, framework: Framework) -> None:
    """A workbook with ``Petunjuk``, ``penilaian`` (to fill), ``aksi`` and ``ketergantungan``
    (pre-filled with the bundled defaults, editable)."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    guide = workbook.create_sheet("Petunjuk")
    _write_guide(guide, framework)
    _write_assessment(workbook.create_sheet("penilaian"), framework)
    _write_actions(workbook.create_sheet("aksi"), framework)
    _write_rules(workbook.create_sheet("ketergantungan"), framework)
    write_atomically(path, lambda temp: workbook.save(temp))


def _write_guide(sheet: Worksheet, framework: Framework) -> None:
    scale = framework.value
    level_text = (
        "bilangan bulat 0-5 (0 = belum dinilai)" if scale.whole
        else "angka 1,00-5,00 dengan paling banyak dua desimal"
    )
    lines = [
        f"Templat {framework.title}",
        "",
        "Cara mengisi:",
        f"1. Lembar 'penilaian': isi kolom 'tingkat' untuk setiap indikator ({level_text}).",
        "2. Lembar 'aksi': katalog aksi bawaan. Ubah biaya (rupiah), peluang diterima asesor "
        "(0-1), durasi (bulan), OPD, atau tambah aksi baru.",
        "   Dampak ditulis indikator:tingkat, beberapa dipisah titik koma, mis. '1:2; 2:2'.",
        "3. Lembar 'ketergantungan': aturan prasyarat antar indikator; hapus atau tambah baris.",
        "4. Simpan, lalu jalankan misalnya:",
        "   roadmap index TEMPLAT.xlsx",
        "   roadmap plan TEMPLAT.xlsx --budget \"750 jt\"",
        "",
        "Predikat: " + "; ".join(
            f"{b.name} >= {b.min:g}".replace(".", ",") for b in framework.predicates[1:]
        ),
    ]
    for row, text in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=text)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110


def _write_assessment(sheet: Worksheet, framework: Framework) -> None:
    kinds = list(framework.group_kinds)
    headers = ["indikator", "kode", "nama", *kinds, "bobot", "tingkat"]
    rows = [
        [framework.json_id(ind.id), ind.code, ind.name,
         *[int(ind.groups[k]) if ind.groups[k].isdigit() else ind.groups[k] for k in kinds],
         ind.weight, None]
        for ind in framework.indicators
    ]
    write_table(sheet, headers, rows, widths={2: 62})
    column = get_column_letter(len(headers))
    last = len(rows) + 1
    if framework.value.whole:
        low = 0 if framework.value.allow_zero else int(framework.value.min)
        choices = ",".join(str(v) for v in range(low, int(framework.value.max) + 1))
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    else:
        validation = DataValidation(type="decimal", operator="between",
                                    formula1=str(framework.value.min),
                                    formula2=str(framework.value.max), allow_blank=True)
        for row in range(2, last + 1):
            sheet[f"{column}{row}"].number_format = "0.00"
    validation.error = "Nilai di luar rentang yang sah"
    validation.errorTitle = "Nilai tidak sah"
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(f"{column}2:{column}{last}")


def _write_actions(sheet: Worksheet, framework: Framework) -> None:
    headers = ["id", "nama", "dampak", "biaya", "peluang", "durasi", "opd", "prasyarat",
               "kelompok", "dasar_biaya"]
    path = default_actions_path(framework)
    rows = []
    if path.exists():
        for a in read_catalogue(path, framework):
            effects = "; ".join(f"{framework.json_id(e.indicator)}:{e.level}" for e in a.effects)
            rows.append([a.id, a.name, effects, a.cost, a.probability, a.months, a.opd,
                         format_requires(a.requires), a.group, a.cost_basis])
    write_table(sheet, headers, rows, formats={3: RUPIAH_FORMAT, 4: "0.00"},
                widths={1: 60, 8: 30, 9: 50})


def _write_rules(sheet: Worksheet, framework: Framework) -> None:
    headers = ["indicator", "level", "requires_indicator", "requires_level", "alasan", "sumber"]
    path = default_rules_path(framework)
    rows = [
        [framework.json_id(r.indicator), r.level, framework.json_id(r.requires_indicator),
         r.requires_level, r.reason, r.source]
        for r in (read_rules(path, framework) if path.exists() else ())
    ]
    write_table(sheet, headers, rows, widths={4: 80})
