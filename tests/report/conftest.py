"""A tiny problem checked by hand, its plan and the report content every report test reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.optimizer import PlanOptions, optimize
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem
from roadmap.report import ReportContent, save_report
from roadmap.scenarios import FrontierPoint
from roadmap.simulate import Simulation, simulate_plan
from tests.test_dependencies import tiny_framework

JT = 1_000_000
INJECTION = '=HYPERLINK("http://contoh.invalid","klik")'
BUDGET = 350 * JT


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


@pytest.fixture(scope="package")
def problem() -> PlanningProblem:
    return tiny_problem()


@pytest.fixture(scope="package")
def plan(problem: PlanningProblem) -> Plan:
    return optimize(problem, PlanOptions(budget=BUDGET))


@pytest.fixture(scope="package")
def simulation(problem: PlanningProblem, plan: Plan) -> Simulation:
    return simulate_plan(problem, plan.selected_ids, draws=2_000, seed=7)


@pytest.fixture(scope="package")
def content(problem: PlanningProblem, plan: Plan, simulation: Simulation) -> ReportContent:
    scenarios = tuple(optimize(problem, PlanOptions(budget=b)) for b in (100 * JT, BUDGET))
    frontier = (FrontierPoint(0.0, 1.0, ()), FrontierPoint(100 * JT, 1.1, ("A",)),
                FrontierPoint(150 * JT, 1.3, ("A", "C")),
                FrontierPoint(BUDGET, 1.5, ("A", "B", "C")))
    return ReportContent(problem, PlanOptions(budget=BUDGET), plan, scenarios=scenarios,
                         frontier=frontier, simulation=simulation,
                         minimum_budgets={"Baik": None},
                         inputs_note={"Berkas penilaian": "=uji.csv", "Katalog aksi": "uji"},
                         pemda="Kabupaten Uji", tahun=2027)


@pytest.fixture(scope="package")
def workbook_path(tmp_path_factory: pytest.TempPathFactory, content: ReportContent) -> Path:
    path = tmp_path_factory.mktemp("laporan") / "laporan.xlsx"
    save_report(path, content)
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
