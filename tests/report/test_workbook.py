"""The Excel report on a tiny problem checked by hand: sheets, numbers, totals, print setup."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from roadmap.actions import Action, Catalogue, Effect
from roadmap.io.assessment_file import read_assessment
from roadmap.io.framework_files import load_framework
from roadmap.optimizer import PlanOptions, optimize
from roadmap.plan import Plan, PlanStatus
from roadmap.problem import PlanningProblem
from roadmap.report import (
    ACTION_HEADERS,
    SHEETS,
    ReportContent,
    external_note,
    report_bytes,
    write_report,
)
from roadmap.report.formats import (
    GAIN_FORMAT,
    INDEX_FORMAT,
    PERCENT_FORMAT,
    PERCENT_TENTH_FORMAT,
    RUPIAH_FORMAT,
)
from roadmap.simulate import Simulation
from tests.conftest import EXAMPLES
from tests.report.conftest import BUDGET, INJECTION, JT, column, labelled


def test_plan_by_hand(plan: Plan) -> None:
    # All three fit Rp 350 jt: 1 + (10 * 1 + 20 * 1 + 40 * 0.5) / 100 = 1.5.
    assert sorted(plan.selected_ids) == ["A", "B", "C"]
    assert plan.expected_index == pytest.approx(1.5)


def test_sheets_in_order_with_frozen_headers_and_filters(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    assert book.sheetnames == list(SHEETS)
    for name in SHEETS[1:]:
        assert book[name].freeze_panes == "A2", name
        assert book[name].auto_filter.ref.startswith("A1:"), name
    assert book["Ringkasan"].freeze_panes == "A5"  # the table starts under the title


def test_title_names_the_pemda_and_year(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    sheet = book["Ringkasan"]
    assert sheet["A1"].value == "Pemerintah Kabupaten Uji — Rencana Aksi Uji 2027"
    assert book.properties.title == sheet["A1"].value
    assert labelled(sheet, "Pemerintah daerah")[0] == "Kabupaten Uji"
    assert labelled(sheet, "Tahun rencana aksi")[0] == 2027


def test_neutral_title_without_pemda(content: ReportContent) -> None:
    book = load_workbook(io.BytesIO(report_bytes(replace(content, pemda="", tahun=None))))
    assert book["Ringkasan"]["A1"].value == "Rencana Aksi Uji"
    with pytest.raises(KeyError):
        labelled(book["Ringkasan"], "Pemerintah daerah")


def test_summary_numbers_are_numeric_cells(workbook_path: Path, plan: Plan,
                                           simulation: Simulation) -> None:
    sheet = load_workbook(workbook_path)["Ringkasan"]
    assert labelled(sheet, "Indeks saat ini") == (1.0, INDEX_FORMAT)
    value, fmt = labelled(sheet, "Indeks harapan setelah rencana aksi")
    assert value == pytest.approx(plan.expected_index) and fmt == INDEX_FORMAT
    assert labelled(sheet, "Anggaran") == (BUDGET, RUPIAH_FORMAT)
    assert labelled(sheet, "Total biaya rencana aksi") == (plan.total_cost, RUPIAH_FORMAT)
    assert labelled(sheet, "Sisa anggaran") == (BUDGET - plan.total_cost, RUPIAH_FORMAT)
    assert labelled(sheet, "Jumlah aksi")[0] == len(plan.selected)
    assert labelled(sheet, "Rata-rata indeks simulasi")[0] == pytest.approx(simulation.mean)


@pytest.mark.parametrize(("share", "shown"), [
    (0.9996, (">99,9%", "General")), (0.853, (0.853, PERCENT_TENTH_FORMAT)),
    (0.5, (0.5, PERCENT_FORMAT)), (1.0, (1.0, PERCENT_FORMAT)),
])
def test_probabilities_read_as_everywhere_else(content: ReportContent, share: float,
                                               shown: tuple[object, str]) -> None:
    """A chance shows what ``format_probability`` writes: one decimal unless whole, and a
    near-certain chance as text, never a rounded ``100%``."""
    assert content.simulation is not None
    simulation = replace(content.simulation, band_probabilities={"Kurang": 1.0, "Baik": share})
    book = load_workbook(io.BytesIO(report_bytes(replace(content, simulation=simulation))))
    assert labelled(book["Ringkasan"], "Peluang mencapai Baik atau lebih") == shown


def test_action_rows_contribution_and_total(workbook_path: Path, plan: Plan) -> None:
    sheet = load_workbook(workbook_path)["Rencana Aksi"]
    # Tiny has no indicator scored by another agency: no column for that.
    assert [c.value for c in sheet[1]] == ACTION_HEADERS[:-1]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2, max_row=4)}
    b = rows["B"]
    assert b[2].value == INJECTION and b[2].data_type == "s" and b[2].quotePrefix
    assert b[column(sheet, "Dasar biaya") - 1].value == "-asumsi"  # text, no apostrophe
    assert b[column(sheet, "Biaya") - 1].value == 200 * JT
    assert b[column(sheet, "Biaya") - 1].number_format == RUPIAH_FORMAT
    assert b[column(sheet, "Peluang diterima") - 1].value == 0.5
    assert b[column(sheet, "Peluang diterima") - 1].number_format == PERCENT_FORMAT
    planned = {p.action.id: p for p in plan.selected}
    c = rows["C"]
    # Months of the plan year, 1..12: C waits for A (3 months), so it runs in months 4..5.
    assert (c[column(sheet, "Bulan mulai") - 1].value,
            c[column(sheet, "Bulan selesai") - 1].value) == (planned["C"].start_month + 1,
                                                             planned["C"].end_month) == (4, 5)
    assert c[column(sheet, "Setelah aksi") - 1].value == "A"
    assert c[column(sheet, "Dampak (indikator: tingkat)") - 1].value == "2:2"
    for action_id, row in rows.items():
        assert row[0].value == planned[action_id].rank
        cell = row[column(sheet, "Kontribusi") - 1]
        assert cell.value == pytest.approx(planned[action_id].contribution)
        assert cell.number_format == GAIN_FORMAT
    # The total row, outside the filter, under the three actions.
    total = [cell.value for cell in sheet[5]]
    assert total[column(sheet, "Nama aksi") - 1] == "Jumlah (3 aksi)"
    assert total[column(sheet, "Biaya") - 1] == plan.total_cost
    assert total[column(sheet, "Kontribusi") - 1] == pytest.approx(
        sum(p.contribution for p in plan.selected))
    assert sheet[5][0].font.b
    assert sheet.auto_filter.ref.endswith("4")


def test_no_formula_and_no_local_path_anywhere(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    texts = [str(cell.value) for ws in book for row in ws.iter_rows() for cell in row
             if cell.value is not None]
    assert not any(cell.data_type == "f" for ws in book for row in ws.iter_rows()
                   for cell in row)
    assert not any(str(workbook_path.parent) in text for text in texts)


def test_indicator_sheet_before_expected_and_total(workbook_path: Path, plan: Plan) -> None:
    sheet = load_workbook(workbook_path)["Indikator"]
    headers = [c.value for c in sheet[1]]
    rows = {row[0].value: dict(zip(headers, [c.value for c in row], strict=True))
            for row in sheet.iter_rows(min_row=2, max_row=5)}
    assert set(rows) == {1, 2, 3, 4}
    four = rows[4]
    assert four["Indikator"] == "Indikator 4" and four["Domain"] == "B Domain B"
    # Indicator 4: 1 -> expected 1.5 (B succeeds half the time), worth 40 * 0.5 / 100.
    assert (four["Bobot"], four["Nilai saat ini"]) == (40, 1)
    assert four["Nilai harapan"] == pytest.approx(1.5)
    assert four["Kenaikan harapan"] == pytest.approx(0.5)
    assert four["Sumbangan ke indeks"] == pytest.approx(0.2)
    assert rows[2]["Tingkat berikutnya terhambat oleh"] == "1:2"
    total = dict(zip(headers, [c.value for c in sheet[6]], strict=True))
    assert total["Indikator"] == "Jumlah" and total["Bobot"] == 100
    assert total["Sumbangan ke indeks"] == pytest.approx(plan.expected_gain)


def test_rules_sheet(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Ketergantungan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [[2, "Indikator 2", 2, 1, "Indikator 1", 2, "Belum", "alasan uji",
                     "pedoman"]]


def test_scenarios_minimum_budgets_and_frontier(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Skenario Anggaran"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][:2] == [100 * JT, 100 * JT] and values[2][:2] == [BUDGET, BUDGET]
    assert sheet.cell(row=2, column=1).number_format == RUPIAH_FORMAT
    minimum = next(r for r in values if r[0] == "Baik")
    assert minimum[:4] == ["Baik", None, 2.0, "tidak dapat dicapai dengan katalog aksi ini"]
    start = next(k for k, r in enumerate(values) if r[0] == "Biaya")
    points = values[start + 1:start + 5]
    assert [p[0] for p in points] == [0, 100 * JT, 150 * JT, BUDGET]
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
    assert labelled(sheet, "Solver MILP")[0] == "highs"
    assert labelled(sheet, "Benih acak simulasi (seed)")[0] == simulation.seed == 7
    assert labelled(sheet, "Jumlah simulasi Monte Carlo")[0] == 2_000
    with pytest.raises(KeyError):  # the plan carries no comparison of rule sources
        labelled(sheet, "Indeks harapan dengan semua aturan")


def test_rule_sources_and_proven_gap(content: ReportContent) -> None:
    plan = replace(content.plan, rule_sources={"semua": 1.5, "pedoman": 1.62},
                   status=PlanStatus.FEASIBLE, gap=0.0123)
    book = load_workbook(io.BytesIO(report_bytes(replace(content, plan=plan))))
    assumptions = book["Asumsi"]
    assert labelled(assumptions, "Indeks harapan dengan semua aturan") == (1.5, INDEX_FORMAT)
    assert labelled(assumptions, "Indeks harapan dengan aturan bersumber pedoman saja") == (
        1.62, INDEX_FORMAT)
    status = next(row for row in book["Ringkasan"].iter_rows()
                  if row[0].value == "Status solver")
    assert status[2].value == "paling banyak 0,0123 poin di bawah indeks terbaik"


def test_print_setup_one_page_wide(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    for sheet in book:
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert book["Rencana Aksi"].page_setup.orientation == "landscape"
    assert book["Ringkasan"].page_setup.orientation == "portrait"
    assert book["Rencana Aksi"].print_title_rows == "$1:$1"
    assert book["Ringkasan"].print_title_rows == "$1:$2"
    # The budget sheet's further tables have their own headers: none repeated.
    assert book["Skenario Anggaran"].print_title_rows is None


def test_four_charts_are_embedded(workbook_path: Path) -> None:
    with zipfile.ZipFile(workbook_path) as archive:
        media = [n for n in archive.namelist() if n.startswith("xl/media/")]
        assert len(media) == 4
        assert all(archive.read(n).startswith(b"\x89PNG") for n in media)


def test_written_atomically_over_an_old_file(tmp_path: Path, problem: PlanningProblem,
                                             plan: Plan) -> None:
    path = tmp_path / "lama.xlsx"
    path.write_text("isi lama")
    write_report(path, problem, PlanOptions(budget=BUDGET), plan)
    assert load_workbook(path).sheetnames == list(SHEETS)
    assert [p.name for p in tmp_path.iterdir()] == ["lama.xlsx"]
    # Without frontier and simulation: only the group and timeline charts.
    with zipfile.ZipFile(path) as archive:
        assert len([n for n in archive.namelist() if n.startswith("xl/media/")]) == 2


def test_external_note_names_the_agency_index() -> None:
    pemdi = load_framework("pemdi-2026")
    assert external_note(pemdi, ["I1", "I5"]) == (
        "indikator I5 dinilai dari Indeks Satu Data Indonesia "
        "(Bappenas (Satu Data Indonesia))")
    assert external_note(pemdi, ["I1"]) == ""


def test_external_indicators_are_marked(tmp_path: Path) -> None:
    current = read_assessment(EXAMPLES / "pemdi-kurang.csv")
    pemdi = current.framework
    catalogue = Catalogue(pemdi, (
        Action("D1", "Penguatan Satu Data", (Effect("I5", 3),), 50 * JT),
        Action("T1", "Rencana Aksi Pemdi", (Effect("I1", 2),), 50 * JT),
    ))
    problem = PlanningProblem(current, catalogue, ())
    # I5 is scored from the SDI, which lags the evaluation year: forced in, it cannot move.
    options = PlanOptions(budget=100 * JT, force=("D1",))
    plan = optimize(problem, options)
    path = tmp_path / "pemdi.xlsx"
    write_report(path, problem, options, plan)
    book = load_workbook(path)
    assert book["Ringkasan"]["A1"].value == "Rencana Aksi Pemerintah Digital"
    actions = book["Rencana Aksi"]
    assert [c.value for c in actions[1]] == ACTION_HEADERS
    notes = {row[1].value: row[-1].value for row in actions.iter_rows(min_row=2, max_row=3)}
    assert notes == {"D1": "indikator I5 dinilai dari Indeks Satu Data Indonesia "
                           "(Bappenas (Satu Data Indonesia))", "T1": "–"}
    indicators = book["Indikator"]
    headers = [c.value for c in indicators[1]]
    i5 = dict(zip(headers, [c.value for c in indicators[6]], strict=True))
    assert i5["Id"] == "I5" and i5["Sumber nilai"] == "SDI=25"
    assert i5["Dinilai dari indeks instansi lain"].startswith("indikator I5 dinilai dari")
    assert (i5["Nilai saat ini"], i5["Nilai harapan"]) == (2, 2)
    assert i5["Sumbangan ke indeks"] == pytest.approx(0.0)



def test_data_dukung_sheet_lists_each_item_once_with_its_due_month(tmp_path: Path) -> None:
    """The bundled example's plan: one row per evidence item of the selected actions, sorted by
    due month, with an empty status column for the team."""
    from roadmap.io.inputs import load_inputs
    from roadmap.report import build_report_content, save_report

    problem = load_inputs(EXAMPLES / "spbe-cukup.csv").problem
    options = PlanOptions(budget=750 * JT)
    plan = optimize(problem, options)
    path = tmp_path / "laporan.xlsx"
    save_report(path, build_report_content(problem, options, plan, budgets=(750 * JT,)))
    sheet = load_workbook(path)["Data Dukung"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Kode", "Indikator", "Tingkat"] and "Status" in header
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
    expected = {t.code: (p.action.id, t.due_month) for p in reversed(plan.selected)
                for t in p.evidence}
    assert sorted(r[0] for r in rows) == sorted(expected)
    due = header.index("Siap paling lambat (bulan ke-)")
    assert [r[due] for r in rows] == sorted(r[due] for r in rows)
    assert all(r[header.index("Status")] is None for r in rows)
    assert all(1 <= r[due] <= 12 for r in rows)
