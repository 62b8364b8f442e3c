"""The template workbook: sheets, validation, formats, and that a filled copy reads back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from roadmap.framework import Framework
from roadmap.io.actions_file import read_catalogue, read_default_catalogue
from roadmap.io.assessment_file import read_assessment
from roadmap.io.framework_files import load_framework
from roadmap.io.rules_file import read_default_rules, read_rules
from roadmap.io.template import write_template
from roadmap.io.xlsx import RUPIAH_FORMAT

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")


def header(sheet) -> list[object]:  # type: ignore[no-untyped-def]
    return [c.value for c in sheet[1]]


@pytest.fixture(params=["spbe-2020", "pemdi-2026"])
def template(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Framework, Path]:
    framework = load_framework(request.param)
    path = tmp_path / "templat.xlsx"
    write_template(path, framework)
    return framework, path


def test_sheets(template: tuple[Framework, Path]) -> None:
    _, path = template
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Petunjuk", "penilaian", "aksi", "ketergantungan"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["templat.xlsx"]


def test_assessment_sheet_is_prefilled(template: tuple[Framework, Path]) -> None:
    framework, path = template
    sheet = openpyxl.load_workbook(path)["penilaian"]
    titles = header(sheet)
    assert titles[0] == "indikator" and titles[-1] == "tingkat"
    assert "nama" in titles and "bobot" in titles
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(framework.indicators)
    name_col, weight_col = titles.index("nama"), titles.index("bobot")
    for row, ind in zip(rows, framework.indicators, strict=True):
        assert row[0] == framework.json_id(ind.id)
        assert row[name_col] == ind.name
        assert row[weight_col] == ind.weight
        assert row[-1] is None
        for kind in framework.group_kinds:
            assert str(row[titles.index(kind)]) == ind.groups[kind]


def test_level_validation(template: tuple[Framework, Path]) -> None:
    framework, path = template
    sheet = openpyxl.load_workbook(path)["penilaian"]
    (validation,) = sheet.data_validations.dataValidation
    column = openpyxl.utils.get_column_letter(len(header(sheet)))
    last = len(framework.indicators) + 1
    assert str(validation.sqref) == f"{column}2:{column}{last}"
    assert validation.showErrorMessage
    if framework.id == "spbe-2020":
        assert (validation.type, validation.formula1) == ("list", '"0,1,2,3,4,5"')
    else:
        assert validation.type == "custom"
        formula = validation.formula1
        assert f"ISNUMBER({column}2),{column}2>=1,{column}2<=5" in formula
        assert all(f'"{key}="' in formula for key in framework.external_indices)
        assert sheet[f"{column}2"].number_format == "0.00"


def test_cost_cells_are_rupiah(template: tuple[Framework, Path]) -> None:
    framework, path = template
    sheet = openpyxl.load_workbook(path)["aksi"]
    titles = header(sheet)
    assert titles[:4] == ["id", "nama", "dampak", "biaya"]
    costs = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert len(costs) == len(read_default_catalogue(framework))
    assert all(c.number_format == RUPIAH_FORMAT for c in costs)
    assert all(isinstance(c.value, int | float) and c.value > 0 for c in costs)


def test_guide_sheet(template: tuple[Framework, Path]) -> None:
    framework, path = template
    text = "\n".join(str(c.value) for c in openpyxl.load_workbook(path)["Petunjuk"]["A"] if c.value)
    assert framework.title in text
    assert "roadmap index" in text
    assert "Baik >= 2,6" in text if framework.id == "spbe-2020" else "Baik >= 2,5" in text


def test_filled_template_reads_back(template: tuple[Framework, Path]) -> None:
    framework, path = template
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["penilaian"]
    level_col = len(header(sheet))
    filled = {}
    for n, ind in enumerate(framework.indicators):
        value = (n % 5) + 1 if framework.value.whole else round(1 + (n % 9) * 0.47, 2)
        sheet.cell(row=n + 2, column=level_col, value=value)
        filled[ind.id] = float(value)
    workbook.save(path)

    current = read_assessment(path)
    assert current.framework.id == framework.id
    assert current.values == pytest.approx(filled)
    catalogue = read_catalogue(path, framework)
    assert catalogue.actions == read_default_catalogue(framework).actions
    assert read_rules(path, framework) == read_default_rules(framework)


def test_filled_template_holds_the_sources_and_reads_back(tmp_path: Path) -> None:
    """The app's filled workbook: levels as typed (``SDI=25`` stays a source text), the given
    catalogue and rules; reading it back gives the same problem."""
    from roadmap.io.inputs import load_inputs
    from tests.conftest import EXAMPLES

    problem = load_inputs(EXAMPLES / "pemdi-kurang.csv").problem
    path = tmp_path / "isian.xlsx"
    write_template(path, problem.framework, assessment=problem.assessment,
                   catalogue=problem.catalogue, rules=problem.rules[:3])
    again = load_inputs(path).problem
    assert again.assessment.values == problem.assessment.values
    assert again.assessment.sources == problem.assessment.sources and problem.assessment.sources
    assert again.catalogue.actions == problem.catalogue.actions
    assert again.rules == problem.rules[:3]
