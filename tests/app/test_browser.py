"""End to end in a real browser: ``roadmap app`` served locally, driven in Debian's chromium.

Covers the newcomer's path: open the app, load an example, change the budget and see the plan
change, download the Excel report and the filled workbook and read them back, upload a broken
file and see the CLI's message while the app keeps working. Screenshots go to
``artifacts/screenshots/``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import expect

from roadmap.app import state
from roadmap.io.inputs import load_inputs
from tests.app.conftest import SMALL_WORKBOOK

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "spbe-cukup.csv"
SPBE_INDICATORS = ROOT / "data" / "frameworks" / "spbe-2020" / "indicators.csv"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
EDIT_ATTEMPTS = 3
EDIT_WAIT_MS = 20_000


def screenshot(tab: Any, name: str) -> None:
    """Save the visible page into ``artifacts/screenshots/`` (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def hand_index(path: Path, **changed: float) -> str:
    """The example's SPBE index from the raw files (with some levels ``changed``, keyed
    ``i<id>``), written with a decimal comma."""
    with SPBE_INDICATORS.open(encoding="utf-8") as handle:
        weights = {row["id"]: float(row["weight"]) for row in csv.DictReader(handle)}
    with path.open(encoding="utf-8-sig") as handle:
        levels = {row["indikator"]: float(row["tingkat"]) for row in csv.DictReader(handle)}
    levels |= {key.removeprefix("i"): value for key, value in changed.items()}
    index = sum(weights[i] * levels[i] for i in weights) / sum(weights.values())
    return f"{index:.2f}".replace(".", ",")


def metric(tab: Any, label: str) -> Any:
    return (tab.get_by_test_id("stMetric").filter(has_text=label)
            .get_by_test_id("stMetricValue").first)


def rupiah(text: str) -> float:
    """Rupiah from a metric (short form, e.g. ``Rp 740 jt``)."""
    return state.parse_budget(text)


def wait_idle(tab: Any) -> None:
    """Wait until Streamlit has finished rerunning the script."""
    expect(tab.get_by_test_id("stStatusWidget")).to_have_count(0)


def choose_example(tab: Any, name: str) -> None:
    tab.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    tab.get_by_role("option", name=name).click()
    expect(tab.get_by_text(f"{name}.csv").first).to_be_visible()
    wait_idle(tab)


def test_example_budget_plan_and_downloads(page: Any, tmp_path: Path) -> None:
    choose_example(page, EXAMPLE.stem)
    expect(metric(page, "Indeks SPBE sekarang")).to_have_text(hand_index(EXAMPLE))
    screenshot(page, "1-contoh-kondisi-sekarang")

    page.get_by_role("tab", name="Rencana aksi").click()
    expect(metric(page, "Total biaya")).to_be_visible()
    before_cost = metric(page, "Total biaya").inner_text()
    before_count = metric(page, "Jumlah aksi").inner_text()
    assert rupiah(before_cost) <= 750e6
    screenshot(page, "2-rencana-750jt")

    budget = page.get_by_role("textbox", name="Anggaran (rupiah)")
    budget.fill("300 jt")
    budget.press("Enter")
    expect(metric(page, "Total biaya")).not_to_have_text(before_cost)
    wait_idle(page)
    after_cost = metric(page, "Total biaya").inner_text()
    assert 0 < rupiah(after_cost) <= 300e6
    assert metric(page, "Jumlah aksi").inner_text() != before_count or after_cost != before_cost
    expect(page.get_by_test_id("stSidebar").get_by_text("Rp 300 jt").first).to_be_visible()
    screenshot(page, "3-rencana-300jt")

    for tab_name, shot in (("Kurva efisien", "4-kurva-efisien"),
                           ("Peluang predikat", "5-peluang-predikat"),
                           ("Jadwal OPD", "6-jadwal-opd"),
                           ("Skenario anggaran", "7-skenario"),
                           ("Ubah data", "8-ubah-data")):
        page.get_by_role("tab", name=tab_name).click()
        wait_idle(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        screenshot(page, shot)

    page.get_by_role("tab", name="Unduh").click()
    with page.expect_download() as report_download:
        page.get_by_role("button", name="Unduh laporan Excel").click()
    report = tmp_path / report_download.value.suggested_filename
    report_download.value.save_as(report)
    assert report.name == "laporan-spbe-cukup.xlsx"
    sheets = openpyxl.load_workbook(report).sheetnames
    assert {"Ringkasan", "Rencana Aksi"} <= set(sheets)
    screenshot(page, "9-unduh")

    with page.expect_download() as filled_download:
        page.get_by_role("button", name="Unduh isian (templat terisi)").click()
    filled = tmp_path / filled_download.value.suggested_filename
    filled_download.value.save_as(filled)
    assert openpyxl.load_workbook(filled).sheetnames == ["Petunjuk", "penilaian", "aksi",
                                                         "ketergantungan"]
    again = load_inputs(filled).problem
    assert again.assessment.values == load_inputs(EXAMPLE).problem.assessment.values


def edit_first_level(tab: Any, text: str) -> None:
    """Write ``text`` into the ``tingkat`` cell of the first indicator, the editor's last
    column. The grid is a canvas: the cell is selected by position, Enter opens the grid's
    own text box, which is filled and committed. A grid still drawing may ignore the click,
    so the selection is retried until the text box opens."""
    grid = tab.locator("[data-testid=stDataFrame]:visible").first
    text_box = tab.locator("textarea.gdg-input")
    for _ in range(EDIT_ATTEMPTS):
        box = grid.bounding_box()
        tab.mouse.click(box["x"] + box["width"] - 40, box["y"] + 35 + 17)
        tab.keyboard.press("Enter")
        try:
            expect(text_box).to_be_visible(timeout=EDIT_WAIT_MS)
            break
        except AssertionError:
            tab.keyboard.press("Escape")
    text_box.fill(text)
    text_box.press("Enter")


@pytest.mark.slow
@pytest.mark.parametrize(("typed", "shot"), [("5", "14-tingkat-diubah"),
                                             ("2,5", "15-tingkat-tidak-sah")])
def test_edited_level_is_read_like_a_file(page: Any, typed: str, shot: str) -> None:
    choose_example(page, EXAMPLE.stem)
    page.get_by_role("tab", name="Ubah data").click()
    expect(page.locator("[data-testid=stDataFrame]:visible").first).to_be_visible()
    edit_first_level(page, typed)
    if typed == "2,5":  # not a whole level: the reader's message, the page keeps working
        expect(page.get_by_text(
            "Kesalahan: penilaian.csv, baris 2, kolom 'tingkat', nilai '2,5': tingkat harus "
            "bilangan bulat 0..5")).to_be_visible()
        expect(page.get_by_text("Tabel di tab 'Ubah data' tidak sah")).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
    else:
        expect(page.get_by_text("Memakai tingkat dan katalog yang diubah")).to_be_visible()
        wait_idle(page)
        page.get_by_role("tab", name="Kondisi sekarang").click()
        expect(metric(page, "Indeks SPBE sekarang")).to_have_text(hand_index(EXAMPLE, i1=5))
    screenshot(page, shot)


def test_broken_upload_shows_the_message_and_the_app_keeps_working(
        page: Any, tmp_path: Path) -> None:
    expect(metric(page, "Predikat")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_text("Unggah berkas").click()
    broken = tmp_path / "rusak.csv"
    broken.write_bytes(b"indikator;tingkat\n1;3\n2;7\n")
    page.locator("input[type=file]").set_input_files(str(broken))
    expect(page.get_by_text("Kesalahan: rusak.csv, baris 3, kolom 'tingkat', nilai '7': "
                            "tingkat di luar rentang 0..5")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "10-unggah-rusak")

    wrong = tmp_path / "catatan.pdf"
    wrong.write_bytes(b"%PDF-1.4")
    page.locator("input[type=file]").set_input_files(str(wrong))
    expect(page.get_by_text("Kesalahan: catatan.pdf: jenis berkas '.pdf' tidak didukung; "
                            "gunakan .csv atau .xlsx")).to_be_visible()
    screenshot(page, "11-unggah-jenis-salah")

    page.get_by_test_id("stSidebar").get_by_text("Contoh bawaan").click()
    expect(metric(page, "Predikat")).to_be_visible()
    expect(page.get_by_text("Kesalahan:")).to_have_count(0)


@pytest.mark.slow
def test_frontier_and_scenarios_reach_the_report(page: Any, tmp_path: Path) -> None:
    expect(metric(page, "Predikat")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_text("Unggah berkas").click()
    small = tmp_path / "kecil.xlsx"
    small.write_bytes(SMALL_WORKBOOK)
    page.locator("input[type=file]").set_input_files(str(small))
    expect(page.get_by_text("kecil.xlsx").first).to_be_visible()
    expect(metric(page, "Indeks SPBE sekarang")).to_have_text("1,92")
    wait_idle(page)

    page.get_by_role("tab", name="Kurva efisien").click()
    limit = page.get_by_role("textbox", name="Hitung sampai anggaran")
    limit.fill("60 jt")
    page.get_by_role("button", name="Hitung kurva efisien").click()
    expect(page.get_by_text("Anggaran minimum untuk mencapai setiap predikat")).to_be_visible()
    wait_idle(page)
    screenshot(page, "12-kurva-efisien-dihitung")

    page.get_by_role("tab", name="Skenario anggaran").click()
    for number, text in ((1, "10 jt"), (2, "30 jt"), (3, "")):
        page.get_by_role("textbox", name=f"Skenario {number}").fill(text)
    page.get_by_role("button", name="Bandingkan skenario").click()
    expect(page.get_by_text("Aksi terpilih per skenario")).to_be_visible()
    wait_idle(page)
    screenshot(page, "13-skenario-dibandingkan")

    page.get_by_role("tab", name="Unduh").click()
    with page.expect_download() as report_download:
        page.get_by_role("button", name="Unduh laporan Excel").click()
    report = tmp_path / "laporan.xlsx"
    report_download.value.save_as(report)
    budgets = openpyxl.load_workbook(report)["Skenario Anggaran"]
    assert [budgets.cell(row=r, column=1).value for r in (2, 3)] == [10_000_000, 30_000_000]
    texts = [str(c) for row in budgets.iter_rows(values_only=True) for c in row if c]
    assert any("efisien" in t for t in texts)
