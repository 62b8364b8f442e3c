"""Everything the report shows, computed once: the one pipeline behind ``roadmap report``,
``roadmap plan --out`` and the web app's download.

``build_report_content`` adds to a plan the budget scenarios, the cheapest budget per predicate
band, the efficient frontier and the Monte Carlo simulation (any of them passed in is used as
it is), and the labelled facts about the inputs. No local path enters the content: an input
file is named by its file name only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath, PureWindowsPath

from roadmap.calibration import Calibration
from roadmap.framework import Framework
from roadmap.numbers import format_rupiah
from roadmap.optimizer import PlanOptions
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem
from roadmap.scenarios import (
    FrontierPoint,
    budget_scenarios,
    cheapest_known,
    efficient_frontier,
)
from roadmap.scenarios import minimum_budgets as band_minimums
from roadmap.simulate import Simulation, simulate_plan

__all__ = ["DEFAULT_SHARES", "FRONTIER_REACH", "FRONTIER_SHARE", "NONE", "ReportContent",
           "build_report_content", "cheapest_known", "default_budgets", "file_name",
           "frontier_limit", "plan_subject", "report_file_name", "report_title"]

# Default what-if budgets, as shares of the plan's budget ("what if the DPRD cuts it?").
DEFAULT_SHARES = (0.5, 0.75, 1.0, 1.5, 2.0)
# The frontier reaches at least this multiple of the plan's budget, and at most this reach
# to show where the next predicate band starts.
FRONTIER_SHARE = 2.0
FRONTIER_REACH = 4.0
GOVERNMENT = "Pemerintah"
NONE = "–"  # an en dash: a plain "-" would be neutralised as a formula start


@dataclass(frozen=True)
class ReportContent:
    """A plan and what the report shows beside it.

    ``scenarios`` are plans for other budgets (their budgets are marked on the frontier
    chart), ``frontier`` the efficient frontier,
    ``minimum_budgets`` the cheapest budget per predicate band (None: out of reach),
    ``simulation`` the Monte Carlo of ``plan``, ``inputs_note`` labelled facts about the inputs
    for the ``Asumsi`` sheet, ``pemda`` the local government (``"Kabupaten Belu"``) and
    ``tahun`` the plan year, both optional. ``calibration`` is the history behind the
    success probabilities, if any, and ``uncalibrated_index`` the expected index of the best
    plan with the catalogue's own probabilities.
    """

    problem: PlanningProblem
    options: PlanOptions
    plan: Plan
    scenarios: tuple[Plan, ...] = ()
    frontier: tuple[FrontierPoint, ...] = ()
    simulation: Simulation | None = None
    minimum_budgets: Mapping[str, float | None] | None = None
    inputs_note: Mapping[str, str] = field(default_factory=dict)
    pemda: str = ""
    tahun: int | None = None
    calibration: Calibration | None = None
    uncalibrated_index: float | None = None

    @property
    def title(self) -> str:
        return report_title(self.problem.framework, self.pemda, self.tahun)


def plan_subject(framework: Framework) -> str:
    """What the rencana aksi is for: the framework's title without "Indeks" and the regulation
    (or its index name without "Indeks" when the title does not name an index).

    >>> from roadmap.io.framework_files import load_framework
    >>> plan_subject(load_framework("spbe-2020")), plan_subject(load_framework("pemdi-2026"))
    ('SPBE', 'Pemerintah Digital')
    """
    title = framework.title.split(" (")[0].strip()
    if title.startswith("Indeks "):
        return title.removeprefix("Indeks ")
    return framework.index_name.removeprefix("Indeks ").strip()


def report_title(framework: Framework, pemda: str = "", tahun: int | None = None) -> str:
    """The report's title: the government, if given, then the plan and its year.

    >>> from roadmap.io.framework_files import load_framework
    >>> spbe = load_framework("spbe-2020")
    >>> report_title(spbe, "Kabupaten Belu", 2027)
    'Pemerintah Kabupaten Belu — Rencana Aksi SPBE 2027'
    >>> report_title(load_framework("pemdi-2026")), report_title(spbe, "Pemerintah Kota Kendari")
    ('Rencana Aksi Pemerintah Digital', 'Pemerintah Kota Kendari — Rencana Aksi SPBE')
    """
    plan = f"Rencana Aksi {plan_subject(framework)}" + (f" {tahun}" if tahun else "")
    pemda = " ".join(pemda.split())
    if not pemda:
        return plan
    if not pemda.lower().startswith(GOVERNMENT.lower()):
        pemda = f"{GOVERNMENT} {pemda}"
    return f"{pemda} — {plan}"


def report_file_name(framework: Framework, pemda: str = "", tahun: int | None = None) -> str:
    """A file name for the report workbook, from its title (letters, digits and hyphens).

    >>> from roadmap.io.framework_files import load_framework
    >>> report_file_name(load_framework("spbe-2020"), "Kabupaten Belu", 2027)
    'rencana-aksi-spbe-kabupaten-belu-2027.xlsx'
    >>> report_file_name(load_framework("pemdi-2026"))
    'rencana-aksi-pemerintah-digital.xlsx'
    """
    pemda = " ".join(pemda.split())
    if pemda.lower().startswith(GOVERNMENT.lower() + " "):
        pemda = pemda[len(GOVERNMENT) + 1:]
    words = f"Rencana Aksi {plan_subject(framework)} {pemda} {tahun or ''}"
    return "-".join(re.findall(r"[^\W_]+", words.lower())) + ".xlsx"


def file_name(path: str | PurePath) -> str:
    """The name of a file without its folders, for a path of any system.

    >>> file_name("/home/u/data/belu-2025.csv"), file_name(r"C:\\Data\\belu.xlsx")
    ('belu-2025.csv', 'belu.xlsx')
    """
    return PureWindowsPath(str(path)).name


def default_budgets(plan: Plan) -> tuple[float, ...]:
    """What-if budgets around the plan's budget (or its cost in target mode), in whole
    millions of rupiah.

    >>> from types import SimpleNamespace
    >>> default_budgets(SimpleNamespace(budget=8e8, total_cost=7.5e8))
    (400000000.0, 600000000.0, 800000000.0, 1200000000.0, 1600000000.0)
    >>> default_budgets(SimpleNamespace(budget=None, total_cost=7.5e8))[:2]
    (375000000.0, 562000000.0)
    """
    base = plan.budget if plan.budget is not None else plan.total_cost
    return tuple(sorted({round(base * share / 1e6) * 1e6 for share in DEFAULT_SHARES}))


def build_report_content(
    problem: PlanningProblem,
    options: PlanOptions,
    plan: Plan,
    *,
    pemda: str = "",
    tahun: int | None = None,
    budgets: Sequence[float] | None = None,
    source: str | PurePath | None = None,
    actions_origin: str = "",
    rules_origin: str = "",
    notes: Mapping[str, str] | None = None,
    scenarios: Sequence[Plan] | None = None,
    frontier: Sequence[FrontierPoint] | None = None,
    minimum_budgets: Mapping[str, float | None] | None = None,
    simulation: Simulation | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    calibration: Calibration | None = None,
    uncalibrated_index: float | None = None,
) -> ReportContent:
    """Compute what the report shows for ``plan`` (found under ``options``).

    ``budgets`` are the what-if budgets (default: ``default_budgets``); their plans are
    computed in ``jobs`` processes, with ``progress(done, total)`` after each. The frontier
    reaches twice the plan's budget and the largest scenario budget, and, when it is at most
    ``FRONTIER_REACH`` times the plan's budget, the minimum budget of the band above the plan's
    expected predicate (so the chart shows where that band starts). ``scenarios``,
    ``frontier``, ``minimum_budgets`` and ``simulation``, when given, are used instead of
    computing them. ``source`` is the assessment file (only its name is kept),
    ``actions_origin`` and ``rules_origin`` say where the catalogue and the rules came from,
    ``notes`` are further labelled facts for the ``Asumsi`` sheet.
    """
    sweep = replace(options, target=None, budget=None)
    what_if = tuple(budgets or ()) or (
        tuple(s.budget for s in scenarios if s.budget is not None) if scenarios is not None
        else default_budgets(plan))
    if scenarios is None:
        scenarios = budget_scenarios(problem, what_if, sweep, n_jobs=jobs, progress=progress)
    minimums = (minimum_budgets if minimum_budgets is not None
                else band_minimums(problem, sweep))
    reach: dict[str, str] = {}
    if frontier is None:
        limit = frontier_limit(problem.framework, plan, what_if, minimums)
        chosen = plan.budget if plan.budget is not None else plan.total_cost
        frontier = efficient_frontier(problem, limit, sweep, minimums=minimums,
                                      budgets=(*what_if, chosen)) if limit > 0 else ()
        reach["Batas efisien dihitung sampai"] = format_rupiah(limit)
    minimums = cheapest_known(problem.framework, minimums, frontier)
    if simulation is None:
        simulation = simulate_plan(problem, plan.selected_ids)
    note = {
        **({"Berkas penilaian": file_name(source)} if source is not None else {}),
        "Nama penilaian": problem.assessment.name or NONE,
        **({"Katalog aksi": actions_origin} if actions_origin else {}),
        **({"Aturan ketergantungan": rules_origin} if rules_origin else {}),
        **dict(notes or {}),
        "Anggaran skenario": "; ".join(format_rupiah(b) for b in what_if) or NONE,
        **reach,
    }
    return ReportContent(problem, options, plan, scenarios=tuple(scenarios),
                         frontier=tuple(frontier), simulation=simulation,
                         minimum_budgets=minimums, inputs_note=note, pemda=pemda, tahun=tahun,
                         calibration=calibration, uncalibrated_index=uncalibrated_index)


def frontier_limit(framework: Framework, plan: Plan, budgets: Sequence[float],
                   minimums: Mapping[str, float | None]) -> float:
    """How far the frontier is computed (see ``build_report_content``)."""
    base = plan.budget if plan.budget is not None else plan.total_cost
    limit = max([*budgets, FRONTIER_SHARE * base])
    following = framework.next_band(plan.expected_index)
    needed = minimums.get(following.name) if following is not None else None
    if needed is not None and needed <= FRONTIER_REACH * base:
        limit = max(limit, needed * 1.1)
    return limit
