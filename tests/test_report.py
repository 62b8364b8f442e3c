"""The Excel report and the Markdown summary, on a tiny problem checked by hand."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.io.assessment_file import read_assessment
from roadmap.io.framework_files import load_framework
from roadmap.io.xlsx import INDEX_FORMAT, PERCENT_FORMAT, RUPIAH_FORMAT
from roadmap.optimizer import PlanOptions, optimize
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem
from roadmap.report import (
    ACTION_HEADERS,
    cheapest_known,
    external_note,
    markdown_summary,
    text_units,
    wrapped_lines,
    write_report,
)
from roadmap.scenarios import FrontierPoint
from roadmap.simulate import Simulation, simulate_plan
from tests.conftest import EXAMPLES
from tests.test_dependencies import tiny_framework

JT = 1_000_000
INJECTION = '=HYPERLINK("http://contoh.invalid","klik")'
SHEETS = ["Ringkasan", "Rencana Aksi", "Skenario Anggaran", "Indikator", "Ketergantungan",
          "Asumsi"]


def tiny_problem() -> PlanningProblem:
    """Weights 10, 20, 30, 40; every indicator at 1; rule 2:2 <- 1:2.

    A (Rp 100 jt, certain) brings 1 to 2; B (Rp 200 jt, p = 0.5, a formula-like name) brings
    4 to 2; C (Rp 50 jt) brings 2 to 2 and needs 1:2 by the rule.
    """
    tiny = tiny_framework()
    actions = (
        Action("A", "Kebijakan satu", (Effect("1", 2),), 100 * JT, opd="Diskominfo", months=3),
        Action("B", INJECTION, (Effect("4", 2),), 200 * JT, probability=0.5, opd="Bappeda",
               months=4, cost_basis="-asumsi"),
        Action("C", "Aplikasi dua | tahap 1", (Effect("2", 2),), 50 * JT, opd="Diskominfo",
               months=2, requires=(("A",),)),
    )
    assessment = Assessment(tiny, {i: 1.0 for i in tiny.indicator_ids}, name="Pemda Uji")
    rules = (Rule("2", 2, "1", 2, reason="alasan uji", source="pedoman"),)
    return PlanningProblem(assessment, Catalogue(tiny, actions), rules)


@pytest.fixture(scope="module")
def problem() -> PlanningProblem:
    return tiny_problem()


@pytest.fixture(scope="module")
def plan(problem: PlanningProblem) -> Plan:
    return optimize(problem, PlanOptions(budget=350 * JT))


@pytest.fixture(scope="module")
def simulation(problem: PlanningProblem, plan: Plan) -> Simulation:
    return simulate_plan(problem, plan.selected_ids, draws=2_000, seed=7)


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory, problem: PlanningProblem,
                  plan: Plan, simulation: Simulation) -> Path:
    path = tmp_path_factory.mktemp("laporan") / "laporan.xlsx"
    scenarios = tuple(optimize(problem, PlanOptions(budget=b)) for b in (100 * JT, 350 * JT))
    frontier = (FrontierPoint(0.0, 1.0, ()), FrontierPoint(100 * JT, 1.1, ("A",)),
                FrontierPoint(150 * JT, 1.3, ("A", "C")),
                FrontierPoint(350 * JT, 1.5, ("A", "B", "C")))
    write_report(path, problem, PlanOptions(budget=350 * JT), plan, scenarios=scenarios,
                 frontier=frontier, simulation=simulation,
                 minimum_budgets={"Baik": None},
                 inputs_note={"Berkas penilaian": "=uji.csv", "Katalog aksi": "uji"})
    return path


def column(sheet: Worksheet, header: str, header_row: int = 1) -> int:
    for cell in sheet[header_row]:
        if cell.value == header:
            return cell.column
    raise KeyError(header)


def labelled(sheet: Worksheet, label: str) -> tuple[object, str]:
    """Value and number format of the ``Nilai`` cell beside ``label``."""
    for row in sheet.iter_rows():
        if row[0].value == label:
            return row[1].value, row[1].number_format
    raise KeyError(label)


def test_plan_by_hand(plan: Plan) -> None:
    # All three fit Rp 350 jt: 1 + (10 * 1 + 20 * 1 + 40 * 0.5) / 100 = 1.5.
    assert sorted(plan.selected_ids) == ["A", "B", "C"]
    assert plan.expected_index == pytest.approx(1.5)


def test_sheets_in_order_with_frozen_headers_and_filters(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    assert book.sheetnames == SHEETS
    for name in SHEETS[1:]:
        assert book[name].freeze_panes == "A2", name
        assert book[name].auto_filter.ref.startswith("A1:"), name
    assert book["Ringkasan"].freeze_panes == "A5"  # the table starts under the title


def test_summary_numbers_are_numeric_cells(workbook_path: Path, plan: Plan,
                                           simulation: Simulation) -> None:
    sheet = load_workbook(workbook_path)["Ringkasan"]
    assert sheet["A1"].value == "Rencana Aksi Indeks Uji — Pemda Uji"
    assert labelled(sheet, "Indeks saat ini") == (1.0, INDEX_FORMAT)
    value, fmt = labelled(sheet, "Indeks harapan setelah rencana aksi")
    assert value == pytest.approx(1.5) and fmt == INDEX_FORMAT
    assert labelled(sheet, "Anggaran") == (350 * JT, RUPIAH_FORMAT)
    assert labelled(sheet, "Total biaya rencana aksi") == (350 * JT, RUPIAH_FORMAT)
    assert labelled(sheet, "Sisa anggaran") == (0, RUPIAH_FORMAT)
    assert labelled(sheet, "Jumlah aksi")[0] == 3
    chance, fmt = labelled(sheet, "Peluang mencapai Baik atau lebih")
    assert chance == pytest.approx(simulation.band_probabilities["Baik"]) and fmt == PERCENT_FORMAT
    assert labelled(sheet, "Rata-rata indeks simulasi")[0] == pytest.approx(simulation.mean)


def test_action_rows_and_formula_neutralisation(workbook_path: Path, plan: Plan) -> None:
    sheet = load_workbook(workbook_path)["Rencana Aksi"]
    # Tiny has no indicator scored by another agency: no column for that.
    assert [c.value for c in sheet[1]] == ACTION_HEADERS[:-1]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    b = rows["B"]
    assert b[2].value == INJECTION and b[2].data_type == "s" and b[2].quotePrefix
    assert b[column(sheet, "Dasar biaya") - 1].value == "-asumsi"  # text, no apostrophe
    assert b[column(sheet, "Biaya") - 1].value == 200 * JT
    assert b[column(sheet, "Biaya") - 1].number_format == RUPIAH_FORMAT
    assert b[column(sheet, "Peluang diterima") - 1].value == 0.5
    assert b[column(sheet, "Peluang diterima") - 1].number_format == PERCENT_FORMAT
    c = rows["C"]
    # C waits for A (3 months): months 4..5 in "bulan ke-" terms.
    assert (c[column(sheet, "Mulai (bulan ke-)") - 1].value,
            c[column(sheet, "Selesai (bulan ke-)") - 1].value) == (4, 5)
    assert c[column(sheet, "Setelah aksi") - 1].value == "A"
    assert c[column(sheet, "Dampak (indikator: tingkat)") - 1].value == "2:2"
    planned = {p.action.id: p for p in plan.selected}
    assert [r[0].value for r in rows.values()] == [planned[i].rank for i in rows]
    # No cell anywhere in the workbook is a formula.
    book = load_workbook(workbook_path)
    assert not any(cell.data_type == "f" for ws in book for row in ws.iter_rows()
                   for cell in row)


def test_indicator_sheet_before_and_expected_after(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Indikator"]
    rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == {1, 2, 3, 4}
    headers = [c.value for c in sheet[1]]
    four = dict(zip(headers, rows[4], strict=True))
    assert four["Indikator"] == "Indikator 4" and four["Domain"] == "B Domain B"
    # Indicator 4: 1 -> expected 1.5 (B succeeds half the time), worth 40 * 0.5 / 100.
    assert (four["Bobot"], four["Nilai saat ini"]) == (40, 1)
    assert four["Nilai harapan"] == pytest.approx(1.5)
    assert four["Kenaikan harapan"] == pytest.approx(0.5)
    assert four["Sumbangan ke indeks"] == pytest.approx(0.2)
    two = dict(zip(headers, rows[2], strict=True))
    assert two["Tingkat berikutnya terhambat oleh"] == "1:2"


def test_rules_sheet(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Ketergantungan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [[2, "Indikator 2", 2, 1, "Indikator 1", 2, "Belum", "alasan uji",
                     "pedoman"]]


def test_scenarios_minimum_budgets_and_frontier(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Skenario Anggaran"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][:2] == [100 * JT, 100 * JT] and values[2][:2] == [350 * JT, 350 * JT]
    assert sheet.cell(row=2, column=1).number_format == RUPIAH_FORMAT
    minimum = next(r for r in values if r[0] == "Baik")
    assert minimum[:4] == ["Baik", None, 2.0, "tidak dapat dicapai dengan katalog aksi ini"]
    start = next(k for k, r in enumerate(values) if r[0] == "Biaya")
    points = values[start + 1:start + 5]
    assert [p[0] for p in points] == [0, 100 * JT, 150 * JT, 350 * JT]
    assert [p[1] for p in points] == [None, 100 * JT, 50 * JT, 200 * JT]
    assert points[0][4] is None
    assert [p[4] for p in points[1:]] == pytest.approx([0.1, 0.2, 0.2])  # index gained
    assert [p[6] for p in points[1:]] == pytest.approx([0.1, 0.4, 0.1])  # per Rp 100 jt
    assert [p[7] for p in points] == ["–", "tambah A", "tambah C", "tambah B"]
    # The filter stays on the budget table.
    assert sheet.auto_filter.ref == "A1:H3"


def test_assumptions_sheet(workbook_path: Path, simulation: Simulation) -> None:
    sheet = load_workbook(workbook_path)["Asumsi"]
    assert labelled(sheet, "Berkas penilaian")[0] == "=uji.csv"  # text, not a formula
    assert labelled(sheet, "Katalog aksi")[0] == "uji"
    assert labelled(sheet, "Jumlah aksi dalam katalog")[0] == 3
    assert labelled(sheet, "Batas bulan sampai unggah bukti")[0] == 12
    assert labelled(sheet, "Solver MILP")[0] == "cbc"
    assert labelled(sheet, "Benih acak simulasi (seed)")[0] == simulation.seed == 7
    assert labelled(sheet, "Jumlah simulasi Monte Carlo")[0] == 2_000


def test_four_charts_are_embedded(workbook_path: Path) -> None:
    with zipfile.ZipFile(workbook_path) as archive:
        media = [n for n in archive.namelist() if n.startswith("xl/media/")]
        assert len(media) == 4
        assert all(archive.read(n).startswith(b"\x89PNG") for n in media)


def test_written_atomically_over_an_old_file(tmp_path: Path, problem: PlanningProblem,
                                             plan: Plan) -> None:
    path = tmp_path / "lama.xlsx"
    path.write_text("isi lama")
    write_report(path, problem, PlanOptions(budget=350 * JT), plan)
    assert load_workbook(path).sheetnames == SHEETS
    assert [p.name for p in tmp_path.iterdir()] == ["lama.xlsx"]
    # Without frontier and simulation: only the group and timeline charts.
    with zipfile.ZipFile(path) as archive:
        assert len([n for n in archive.namelist() if n.startswith("xl/media/")]) == 2


def test_markdown_summary(problem: PlanningProblem, plan: Plan, simulation: Simulation) -> None:
    text = markdown_summary(problem, plan, scenarios=(plan,), simulation=simulation)
    lines = text.splitlines()
    assert lines[0] == "# Rencana Aksi Indeks Uji — Pemda Uji"
    assert "- Indeks saat ini: **1,00** (Kurang)" in lines
    assert ("- Indeks harapan setelah rencana aksi: **1,50** (Kurang), kenaikan 0,50"
            in lines)
    assert "- Total biaya: Rp 350.000.000 untuk 3 aksi dalam 5 bulan" in lines
    row_c = next(line for line in lines if "[C]" in line)
    assert "Aplikasi dua \\| tahap 1" in row_c and row_c.count(" | ") == 6
    assert "| Rp 350.000.000 | Rp 350.000.000 | 1,50 | Kurang | 3 |" in lines


def test_external_note_names_the_agency_index() -> None:
    pemdi = load_framework("pemdi-2026")
    assert external_note(pemdi, ["I1", "I5"]) == (
        "indikator I5 dinilai dari Indeks Satu Data Indonesia "
        "(Bappenas (Satu Data Indonesia))")
    assert external_note(pemdi, ["I1"]) == ""


def test_row_height_estimate() -> None:
    assert text_units("0") == pytest.approx(1.06)
    assert wrapped_lines("satu dua", 30) == 1
    assert wrapped_lines("satu\ndua", 30) == 2
    # 40 digits in a column 10 units wide (9.2 usable, 1.06 per digit): 8 digits a line.
    assert wrapped_lines("0" * 40, 10) == 5


def test_external_indicators_are_marked(tmp_path: Path) -> None:
    current = read_assessment(EXAMPLES / "pemdi-kurang.csv")
    pemdi = current.framework
    catalogue = Catalogue(pemdi, (
        Action("D1", "Penguatan Satu Data", (Effect("I5", 3),), 50 * JT),
        Action("T1", "Rencana Aksi Pemdi", (Effect("I1", 2),), 50 * JT),
    ))
    problem = PlanningProblem(current, catalogue, ())
    plan = optimize(problem, PlanOptions(budget=100 * JT))
    path = tmp_path / "pemdi.xlsx"
    write_report(path, problem, PlanOptions(budget=100 * JT), plan)
    book = load_workbook(path)
    actions = book["Rencana Aksi"]
    assert [c.value for c in actions[1]] == ACTION_HEADERS
    notes = {row[1].value: row[-1].value for row in actions.iter_rows(min_row=2)}
    assert notes == {"D1": "indikator I5 dinilai dari Indeks Satu Data Indonesia "
                           "(Bappenas (Satu Data Indonesia))", "T1": "–"}
    indicators = book["Indikator"]
    headers = [c.value for c in indicators[1]]
    i5 = dict(zip(headers, [c.value for c in indicators[6]], strict=True))
    assert i5["Id"] == "I5" and i5["Sumber nilai"] == "SDI=25"
    assert i5["Dinilai dari indeks instansi lain"].startswith("indikator I5 dinilai dari")
    # I5 is 2.00 (SDI 25) and D1 brings it to 3: +1 x weight 5 / 100 of the index.
    assert (i5["Nilai saat ini"], i5["Nilai harapan"]) == (2, 3)
    assert i5["Sumbangan ke indeks"] == pytest.approx(0.05)


def test_cheapest_known_takes_the_cheaper_of_target_mode_and_frontier() -> None:
    spbe = load_framework("spbe-2020")
    frontier = (FrontierPoint(0, 2.0, ()), FrontierPoint(5e8, 2.6, ("A",)),
                FrontierPoint(9e8, 3.5, ("A", "B")))
    minimums = {"Baik": 6e8, "Sangat Baik": None, "Memuaskan": None}
    assert cheapest_known(spbe, minimums, frontier) == {
        "Baik": 5e8, "Sangat Baik": 9e8, "Memuaskan": None}
    assert cheapest_known(spbe, {"Baik": 4e8}, frontier) == {"Baik": 4e8}
