"""Turn every ``data/examples/*.csv`` assessment into an ``.xlsx`` workbook beside it.

Each workbook has one sheet ``penilaian`` with the columns ``indikator``, ``nama`` and
``tingkat``. Values are written as numbers, except cells scored from another agency's index
(``SDI=25``), which stay text. Run from the repository root::

    python scripts/make_example_workbooks.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook

from roadmap.assessment import Assessment
from roadmap.io.assessment_file import read_assessment
from roadmap.io.atomic import write_atomically
from roadmap.io.paths import examples_dir
from roadmap.io.xlsx import INDEX_FORMAT, write_table


def assessment_rows(assessment: Assessment) -> list[list[object]]:
    """Rows ``[indikator, nama, tingkat]``; an externally scored value keeps its text."""
    framework = assessment.framework

    def cell(indicator_id: str) -> object:
        value = assessment.values[indicator_id]
        if indicator_id in assessment.sources:
            return assessment.sources[indicator_id]
        return int(value) if framework.value.whole else value

    return [[framework.json_id(ind.id), ind.name, cell(ind.id)] for ind in framework.indicators]


def write_example(csv_path: Path) -> Path:
    """Write ``<name>.xlsx`` next to ``csv_path`` (replacing an older copy) and return it."""
    assessment = read_assessment(csv_path)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "penilaian"
    whole = assessment.framework.value.whole
    write_table(sheet, ["indikator", "nama", "tingkat"], assessment_rows(assessment),
                formats={} if whole else {2: INDEX_FORMAT}, widths={1: 62})
    out = csv_path.with_suffix(".xlsx")
    write_atomically(out, lambda temp: workbook.save(temp))
    return out


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else examples_dir()
    for csv_path in sorted(folder.glob("*.csv")):
        print(write_example(csv_path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
