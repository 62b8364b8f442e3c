"""Every tab at 1366×768 in Debian's chromium: visible, uncut key figures, Indonesian only.

"Uncut" is measured in the page: an element whose content is wider than its box
(``scrollWidth > clientWidth``) is drawn cut or with an ellipsis. The metric values, the tab bar
and the headers of each tab are checked; Streamlit's own strings that the app translates
("Skip to main content", "Help for ...", the uploader's limit) must not be left in English.
Screenshots go to ``artifacts/screenshots/`` (``docs/screenshots/`` keeps a few for the README).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.test_browser import choose_example, metric, screenshot, wait_idle
from tests.app.test_hardening import DOLLAR_WORKBOOK

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CUT_ELEMENTS = """
([selector, slack]) => {
  const cut = [];
  for (const root of document.querySelectorAll(selector)) {
    if (!root.checkVisibility()) continue;
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + slack) {
        cut.push(`${root.getAttribute('data-testid') || root.tagName}: ` +
                 `${el.innerText.trim().slice(0, 60)} (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
  }
  return cut;
}
"""
TABLE_SLACK = 16
ENGLISH = ("Skip to main content", "Help for ", "Drag and drop file", "Browse files",
           "MB per file", "Running...", "Choose an option", "Press Enter to apply")


TABS_OUTSIDE = """
() => {
  const main = document.querySelector('[data-testid=stMainBlockContainer]')
    .getBoundingClientRect();
  return [...document.querySelectorAll('[role=tab]')].filter((t) => {
    const r = t.getBoundingClientRect();
    return r.left < main.left - 1 || r.right > main.right + 1;
  }).map((t) => t.innerText);
}
"""


def assert_uncut(tab: Any, *, tables: bool = True) -> None:
    """No metric value, tab label, heading or table of the visible tab is wider than its box,
    and every tab shows without scrolling the tab bar."""
    for selector in ("[data-testid=stMetricValue]", "[data-testid=stMetricLabel]",
                     "[data-baseweb=tab-list]", "[data-testid=stHeading]",
                     *(["[data-testid=stDataFrame]"] if tables else [])):
        # a table's scroller is a scrollbar's width (about 10 px) wider than its box
        slack = TABLE_SLACK if "DataFrame" in selector else 1
        cut = tab.evaluate(CUT_ELEMENTS, [selector, slack])
        assert not cut, "\n".join(cut)
    assert tab.evaluate(TABS_OUTSIDE) == []


def assert_indonesian(tab: Any) -> None:
    text = tab.evaluate("() => document.body.innerText")
    labels = tab.evaluate("""() => [...document.querySelectorAll('[aria-label],[title]')]
        .map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || ''))
        .join('\\n')""")
    for english in ENGLISH:
        assert english not in text, english
        assert english not in labels, english


def visible_metrics(tab: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in tab.locator("[data-testid=stMetric]:visible").all():
        label = item.get_by_test_id("stMetricLabel").inner_text().strip()
        values[label] = item.get_by_test_id("stMetricValue").inner_text().strip()
    return values


def open_tab(tab: Any, name: str) -> None:
    tab.get_by_role("tab", name=name).click()
    wait_idle(tab)
    expect(tab.get_by_test_id("stException")).to_have_count(0)


def test_every_tab_fits_at_1366(page: Any) -> None:
    choose_example(page, "spbe-cukup")
    assert page.viewport_size == {"width": 1366, "height": 768}
    assert_indonesian(page)
    assert_uncut(page)
    assert set(visible_metrics(page)) >= {"Indeks SPBE sekarang", "Predikat"}
    screenshot(page, "1366-kondisi-sekarang")

    open_tab(page, "Rencana aksi")
    figures = visible_metrics(page)
    assert figures["Total biaya"].startswith("Rp ")
    assert {"Indeks harapan", "Predikat harapan", "Jumlah aksi"} <= set(figures)
    assert_uncut(page)
    screenshot(page, "1366-rencana-aksi-angka")
    page.get_by_text("Bandingkan dengan rencana yang hanya memakai aturan dari pedoman").click()
    expect(page.get_by_text("Selisih indeks harapan bila hanya aturan pedoman")).to_be_visible()
    wait_idle(page)
    screenshot(page, "1366-rencana-aksi")

    for name in ("Data dukung", "Peluang predikat", "Jadwal OPD", "Kurva efisien",
                 "Skenario anggaran", "Ubah data", "Unduh"):
        open_tab(page, name)
        # the catalogue editor scrolls sideways like a spreadsheet (nine columns to edit)
        assert_uncut(page, tables=name != "Ubah data")
        screenshot(page, f"1366-{name.lower().replace(' ', '-')}")
    expect(page.get_by_role("button", name="Unduh ringkasan (Markdown)")).to_be_visible()

    open_tab(page, "Estimasi Pemdi")
    expect(metric(page, "Perkiraan Indeks Pemdi")).to_be_visible()
    assert "," in metric(page, "Perkiraan Indeks Pemdi").inner_text()
    expect(page.get_by_text("Ini PERKIRAAN, bukan nilai resmi").first).to_be_visible()
    assert_uncut(page)
    screenshot(page, "1366-estimasi-pemdi")

    open_tab(page, "Peta Rencana")
    page.get_by_role("textbox", name="Anggaran tiap tahun").fill("300 jt; 400 jt")
    page.get_by_role("spinbutton", name="Jumlah tahun").fill("2")
    page.get_by_role("button", name="Susun Peta Rencana").click()
    expect(page.get_by_role("button", name="Unduh lembar Peta Rencana (Excel)")).to_be_visible()
    wait_idle(page)
    figures = visible_metrics(page)
    assert figures["Total biaya"].startswith("Rp ")
    assert_uncut(page)
    screenshot(page, "1366-peta-rencana")
    page.get_by_test_id("stImage").locator("visible=true").first.scroll_into_view_if_needed()
    screenshot(page, "1366-peta-rencana-lintasan")


@pytest.mark.slow  # also covered under AppTest (tests/app/test_hardening.py)
def test_target_mode(page: Any) -> None:
    choose_example(page, "spbe-cukup")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Target indeks").click()
    target = page.get_by_role("textbox", name="Target indeks harapan")
    target.fill("2,3")
    target.press("Enter")
    wait_idle(page)
    open_tab(page, "Rencana aksi")
    expect(metric(page, "Indeks harapan")).to_be_visible()
    assert float(metric(page, "Indeks harapan").inner_text().replace(",", ".")) >= 2.3 - 0.005
    assert_uncut(page)
    screenshot(page, "1366-target")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("angka-panjang.csv", b"indikator;tingkat\n1;" + b"9" * 400 + b"\n", "Kesalahan"),
    ("dolar.xlsx", DOLLAR_WORKBOOK, None),
])
def test_hostile_uploads_give_an_indonesian_line(page: Any, tmp_path: Path, name: str,
                                                 data: bytes, message: str | None) -> None:
    expect(metric(page, "Predikat")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_text("Unggah berkas").click()
    path = tmp_path / name
    path.write_bytes(data)
    page.locator("input[type=file]").set_input_files(str(path))
    wait_idle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    if message:
        expect(page.get_by_test_id("stAlertContentError").first).to_contain_text(message)
    else:  # "$...$" in action names: the plan and its charts are drawn, no error
        open_tab(page, "Jadwal OPD")
        expect(page.get_by_test_id("stImage").locator("visible=true").first).to_be_visible()
        expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    assert "This app has encountered an error" not in page.evaluate(
        "() => document.body.innerText")
    assert_indonesian(page)


def test_upload_limit_is_explained_in_indonesian(page: Any, tmp_path: Path) -> None:
    expect(metric(page, "Predikat")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Unggah berkas").click()
    expect(sidebar.get_by_text("Ukuran berkas paling besar 20 MB")).to_be_visible()
    expect(sidebar.get_by_text("per berkas")).to_be_visible()
    big = tmp_path / "besar.csv"
    big.write_bytes(b"indikator;tingkat\n" + b"1;1\n" * (21 * 1024 * 1024 // 4))
    page.locator("input[type=file]").set_input_files(str(big))
    expect(sidebar.get_by_text("atau lebih kecil")).to_be_visible()
    assert_indonesian(page)
    screenshot(page, "1366-unggah-terlalu-besar")
