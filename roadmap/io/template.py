"""Write the template workbook of ``roadmap init`` (and the web app's filled workbook)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.actions import Catalogue, format_requires
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.framework import Framework
from roadmap.io.actions_file import default_actions_path, read_catalogue
from roadmap.io.atomic import write_atomically
from roadmap.io.rules_file import default_rules_path, read_rules
from roadmap.io.xlsx import RUPIAH_FORMAT, write_table


def write_template(path: Path | str, framework: Framework, *,
                   assessment: Assessment | None = None, catalogue: Catalogue | None = None,
                   rules: Sequence[Rule] | None = None) -> None:
    """A workbook with ``Petunjuk``, ``penilaian``, ``aksi`` and ``ketergantungan``: the levels
    of ``assessment`` (empty without one), the actions of ``catalogue`` and the ``rules``
    (the bundled defaults when not given), all editable and read back by every command."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    guide = workbook.create_sheet("Petunjuk")
    _write_guide(guide, framework)
    _write_assessment(workbook.create_sheet("penilaian"), framework, assessment)
    if catalogue is None:
        path_actions = default_actions_path(framework)
        catalogue = read_catalogue(path_actions, framework) if path_actions.exists() else None
    _write_actions(workbook.create_sheet("aksi"), framework, catalogue)
    if rules is None:
        path_rules = default_rules_path(framework)
        rules = read_rules(path_rules, framework) if path_rules.exists() else ()
    _write_rules(workbook.create_sheet("ketergantungan"), framework, rules)
    write_atomically(Path(path), lambda temp: workbook.save(temp))


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


def _level(framework: Framework, assessment: Assessment | None, indicator: str) -> object:
    """What the ``tingkat`` cell holds: the source text (``SDI=68,75``) or the value."""
    if assessment is None:
        return None
    value = assessment.values[indicator]
    return assessment.sources.get(indicator) or (int(value) if framework.value.whole
                                                 else value)


def _write_assessment(sheet: Worksheet, framework: Framework,
                      assessment: Assessment | None) -> None:
    kinds = list(framework.group_kinds)
    headers = ["indikator", "kode", "nama", *kinds, "bobot", "tingkat"]
    rows = [
        [framework.json_id(ind.id), ind.code, ind.name,
         *[int(ind.groups[k]) if ind.groups[k].isdigit() else ind.groups[k] for k in kinds],
         ind.weight, _level(framework, assessment, ind.id)]
        for ind in framework.indicators
    ]
    write_table(sheet, headers, rows, widths={2: 62})
    column = get_column_letter(len(headers))
    last = len(rows) + 1
    if framework.value.whole:
        low = 0 if framework.value.allow_zero else int(framework.value.min)
        choices = ",".join(str(v) for v in range(low, int(framework.value.max) + 1))
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.error = f"Isi bilangan bulat {low} sampai {int(framework.value.max)}"
    else:
        # A value 1-5, or the other agency's index as written in the README: SDI=41,5.
        cell = f"{column}2"
        forms = [f'LEFT(UPPER({cell}),{len(key) + 1})="{key}="'
                 for key in framework.external_indices]
        formula = (f"OR(AND(ISNUMBER({cell}),{cell}>={framework.value.min:g},"
                   f"{cell}<={framework.value.max:g}),{','.join(forms) or 'FALSE'})")
        validation = DataValidation(type="custom", formula1=formula, allow_blank=True)
        validation.error = (f"Isi angka {framework.value.min:g}-{framework.value.max:g} "
                            "(mis. 2,5) atau nilai indeks instansi lain: "
                            + ", ".join(f"{key}=..." for key in framework.external_indices))
        for row in range(2, last + 1):
            sheet[f"{column}{row}"].number_format = "0.00"
    validation.errorTitle = "Nilai tidak sah"
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(f"{column}2:{column}{last}")


def _write_actions(sheet: Worksheet, framework: Framework, catalogue: Catalogue | None
                   ) -> None:
    headers = ["id", "nama", "dampak", "biaya", "peluang", "durasi", "opd", "prasyarat",
               "kelompok", "dasar_biaya"]
    rows = []
    for a in catalogue or ():
        effects = "; ".join(f"{framework.json_id(e.indicator)}:{e.level}" for e in a.effects)
        rows.append([a.id, a.name, effects, a.cost, a.probability, a.months, a.opd,
                     format_requires(a.requires), a.group, a.cost_basis])
    write_table(sheet, headers, rows, formats={3: RUPIAH_FORMAT, 4: "0.00"},
                widths={1: 60, 8: 30, 9: 50})


def _write_rules(sheet: Worksheet, framework: Framework, rules: Sequence[Rule]) -> None:
    headers = ["indicator", "level", "requires_indicator", "requires_level", "alasan", "sumber"]
    rows = [
        [framework.json_id(r.indicator), r.level, framework.json_id(r.requires_indicator),
         r.requires_level, r.reason, r.source]
        for r in rules
    ]
    write_table(sheet, headers, rows, widths={4: 80})
