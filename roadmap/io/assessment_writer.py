"""Write an assessment as a CSV or XLSX file that ``read_assessment`` reads back.

Columns: ``indikator``, ``nama``, ``tingkat`` and any extra columns the caller gives (e.g. where
an estimated value came from). A value obtained from another agency's index is written in its
source form (``SDI=25``) so that reading the file back keeps it. CSV files are UTF-8 with BOM,
separated by ``;`` with a decimal comma, as Indonesian Excel opens them; workbooks hold one
sheet ``penilaian``. The file is written atomically and never over an existing file or an input.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

from roadmap.assessment import Assessment
from roadmap.errors import InputError
from roadmap.io.assessment_file import ASSESSMENT_SHEET
from roadmap.io.atomic import check_output_path, write_atomically
from roadmap.io.xlsx import INDEX_FORMAT, safe_text, write_table
from roadmap.numbers import format_decimal

HEADERS = ("indikator", "nama", "tingkat")


def write_assessment(
    path: Path | str,
    assessment: Assessment,
    extra: Mapping[str, Mapping[str, object]] | None = None,
    *,
    inputs: Sequence[Path | str] = (),
    overwrite: bool = False,
) -> None:
    """Write ``assessment`` to ``path`` (``.csv`` or ``.xlsx``).

    ``extra`` maps a column title to the cell of each indicator id (missing ids stay empty).
    Raises ``InputError`` for another suffix, an existing file (unless ``overwrite``), a path
    equal to one of ``inputs`` or a missing folder.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError("berkas keluaran penilaian harus berakhiran .csv atau .xlsx",
                         file=str(path))
    check_output_path(path, overwrite=overwrite, inputs=tuple(Path(p) for p in inputs))
    extra = extra or {}
    headers = [*HEADERS, *extra]
    rows = [_row(assessment, ind.id, extra) for ind in assessment.framework.indicators]
    if suffix == ".csv":
        write_atomically(path, lambda temp: _write_csv(temp, headers, rows, assessment))
    else:
        write_atomically(path, lambda temp: _write_xlsx(temp, headers, rows, assessment))


def _row(assessment: Assessment, indicator_id: str,
         extra: Mapping[str, Mapping[str, object]]) -> list[object]:
    fw = assessment.framework
    value: object = assessment.sources.get(indicator_id, assessment.values[indicator_id])
    cells = [fw.json_id(indicator_id), fw.indicator(indicator_id).name, value]
    return cells + [column.get(indicator_id, "") for column in extra.values()]


def _text_value(value: object, assessment: Assessment) -> object:
    if isinstance(value, float):
        scale = assessment.framework.value
        return str(int(value)) if scale.whole else format_decimal(value, scale.decimals)
    return value


def _write_csv(temp: Path, headers: Sequence[str], rows: Sequence[Sequence[object]],
               assessment: Assessment) -> None:
    with temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([safe_text(_text_value(c, assessment)) for c in row])


def _write_xlsx(temp: Path, headers: Sequence[str], rows: Sequence[Sequence[object]],
                assessment: Assessment) -> None:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    sheet = workbook.create_sheet(ASSESSMENT_SHEET)
    level_format = "0" if assessment.framework.value.whole else INDEX_FORMAT
    write_table(sheet, headers, rows, formats={2: level_format})
    workbook.save(temp)
