"""``build_report_content``: the one pipeline of ``roadmap report``, ``plan --out`` and the app."""

from __future__ import annotations

import pytest

from roadmap.io.framework_files import load_framework
from roadmap.optimizer import PlanOptions
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem
from roadmap.report import (
    ReportContent,
    build_report_content,
    cheapest_known,
    file_name,
    report_file_name,
    report_title,
)
from roadmap.scenarios import FrontierPoint
from tests.report.conftest import BUDGET, JT


@pytest.fixture(scope="module")
def built(problem: PlanningProblem, plan: Plan) -> ReportContent:
    progress: list[tuple[int, int]] = []
    content = build_report_content(
        problem, PlanOptions(budget=BUDGET), plan, pemda="Kabupaten Belu", tahun=2027,
        budgets=(100 * JT, 200 * JT), source="/home/tim/data rahasia/belu-2025.csv",
        actions_origin="dari berkas aksi.csv", rules_origin="bawaan kerangka",
        notes={"Perubahan di aplikasi web": "tidak ada"},
        progress=lambda done, total: progress.append((done, total)))
    assert progress[-1] == (2, 2)
    return content


def test_scenarios_frontier_minimums_and_simulation(built: ReportContent, plan: Plan) -> None:
    assert [s.budget for s in built.scenarios] == [100 * JT, 200 * JT]
    # The frontier reaches twice the plan's budget; its last point is the whole catalogue.
    assert built.frontier[0].cost == 0 and built.frontier[-1].expected_index == pytest.approx(
        plan.expected_index)
    assert built.minimum_budgets == {"Baik": None}
    assert built.simulation is not None and built.simulation.draws > 0
    assert built.title == "Pemerintah Kabupaten Belu — Rencana Aksi Uji 2027"


def test_inputs_named_by_file_name_only(built: ReportContent) -> None:
    assert built.inputs_note == {
        "Berkas penilaian": "belu-2025.csv",
        "Nama penilaian": "Pemda Uji",
        "Katalog aksi": "dari berkas aksi.csv",
        "Aturan ketergantungan": "bawaan kerangka",
        "Perubahan di aplikasi web": "tidak ada",
        "Anggaran skenario": "Rp 100.000.000; Rp 200.000.000",
        "Batas efisien dihitung sampai": "Rp 700.000.000",
    }


def test_parts_given_are_used_as_they_are(problem: PlanningProblem, plan: Plan,
                                          built: ReportContent) -> None:
    frontier = (FrontierPoint(0.0, 1.0, ()), FrontierPoint(BUDGET, 1.5, ("A", "B", "C")))
    content = build_report_content(problem, PlanOptions(budget=BUDGET), plan,
                                   scenarios=built.scenarios, frontier=frontier,
                                   minimum_budgets={"Baik": None},
                                   simulation=built.simulation)
    assert content.scenarios == built.scenarios and content.frontier == frontier
    assert content.simulation is built.simulation
    assert content.pemda == "" and content.tahun is None
    assert "Batas efisien dihitung sampai" not in content.inputs_note
    assert content.inputs_note["Anggaran skenario"] == "Rp 100.000.000; Rp 200.000.000"


@pytest.mark.parametrize(("pemda", "tahun", "title", "name"), [
    ("Kabupaten Belu", 2027, "Pemerintah Kabupaten Belu — Rencana Aksi SPBE 2027",
     "rencana-aksi-spbe-kabupaten-belu-2027.xlsx"),
    ("  pemerintah  Kota Kendari ", None, "pemerintah Kota Kendari — Rencana Aksi SPBE",
     "rencana-aksi-spbe-kota-kendari.xlsx"),
    ("", 2026, "Rencana Aksi SPBE 2026", "rencana-aksi-spbe-2026.xlsx"),
    ("Kab. Timor Tengah Utara/TTU", None,
     "Pemerintah Kab. Timor Tengah Utara/TTU — Rencana Aksi SPBE",
     "rencana-aksi-spbe-kab-timor-tengah-utara-ttu.xlsx"),
])
def test_titles_and_file_names(pemda: str, tahun: int | None, title: str, name: str) -> None:
    spbe = load_framework("spbe-2020")
    assert report_title(spbe, pemda, tahun) == title
    assert report_file_name(spbe, pemda, tahun) == name


def test_file_name_drops_folders_of_any_system() -> None:
    assert file_name("/tmp/x/belu.csv") == "belu.csv"
    assert file_name(r"C:\Users\tim\Desktop\belu.xlsx") == "belu.xlsx"
    assert file_name("belu.csv") == "belu.csv"


def test_cheapest_known_takes_the_cheaper_of_target_mode_and_frontier() -> None:
    spbe = load_framework("spbe-2020")
    frontier = (FrontierPoint(0, 2.0, ()), FrontierPoint(5e8, 2.6, ("A",)),
                FrontierPoint(9e8, 3.5, ("A", "B")))
    minimums = {"Baik": 6e8, "Sangat Baik": None, "Memuaskan": None}
    assert cheapest_known(spbe, minimums, frontier) == {
        "Baik": 5e8, "Sangat Baik": 9e8, "Memuaskan": None}
    assert cheapest_known(spbe, {"Baik": 4e8}, frontier) == {"Baik": 4e8}
