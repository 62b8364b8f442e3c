"""Exported cells: text stays text, formula-like text is neutralised without an apostrophe."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from roadmap.io.xlsx import safe_text, set_cell, write_table

FORMULA_LIKE = ["=HYPERLINK(\"http://contoh.invalid\")", "+1+1", "-2+3", "@SUM(A1)",
                "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_text_without_apostrophe(tmp_path: Path, text: str) -> None:
    workbook = Workbook()
    write_table(workbook.active, ["nama"], [[text]])
    path = tmp_path / "uji.xlsx"
    workbook.save(path)
    cell = load_workbook(path).active["A2"]
    assert cell.value.lstrip() == text.lstrip()  # XML keeps a CR as a line end
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_ordinary_cells_keep_their_type(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    set_cell(sheet, 1, 1, "Diskominfo")
    set_cell(sheet, 1, 2, 750_000_000)
    set_cell(sheet, 1, 3, None)
    path = tmp_path / "uji.xlsx"
    workbook.save(path)
    cells = load_workbook(path).active[1]
    assert [c.value for c in cells[:2]] == ["Diskominfo", 750_000_000]
    assert not cells[0].quotePrefix


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_csv_text_gets_an_apostrophe(text: str) -> None:
    assert safe_text(text) == "'" + text
    assert safe_text("Perkada 12/2024") == "Perkada 12/2024"
