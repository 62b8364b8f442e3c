"""Data glue of the web app: sources, uploads, editable tables and downloads (no Streamlit).

Whatever the user gives the app goes through the same readers as a file named on the command
line (``roadmap.io``): an upload is saved to a temporary file and read with ``load_inputs``, and
the edited tables are written back as the CSV files ``penilaian.csv``, ``aksi.csv`` and
``ketergantungan.csv`` and read again, so an edited table is validated like a file and its
errors read the same (file, row, column, value). Nothing here computes an index or a plan.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import math
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from roadmap.actions import Catalogue, format_requires
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.inputs import Inputs, load_inputs
from roadmap.io.paths import examples_dir
from roadmap.io.tables import is_blank
from roadmap.io.template import write_template
from roadmap.numbers import format_decimal, format_rupiah, parse_money, parse_number
from roadmap.optimizer import PlanOptions
from roadmap.plan import Plan
from roadmap.problem import PlanningProblem

ALLOWED_SUFFIXES = (".xlsx", ".csv")
ASSESSMENT_FILE = "penilaian.csv"
ACTIONS_FILE = "aksi.csv"
RULES_FILE = "ketergantungan.csv"
LEVEL_COLUMN = "tingkat"
ASSESSMENT_COLUMNS = ("indikator", "nama", LEVEL_COLUMN)
ACTION_COLUMNS = ("id", "nama", "dampak", "biaya", "peluang", "durasi", "opd", "prasyarat",
                  "kelompok", "dasar_biaya")
RULE_COLUMNS = ("indicator", "level", "requires_indicator", "requires_level", "alasan", "sumber")
MAX_RUPIAH = 1e15  # the largest budget or cost that means something (issue 15)
MAX_COUNT_DIGITS = 6
MAX_STOPS = 1000
# Slider stops: (below this budget, step). Fine steps where pemda budgets usually are.
BUDGET_STEPS = ((1e9, 25e6), (2e9, 50e6), (5e9, 1e8), (1e10, 2.5e8), (float("inf"), 5e8))


@dataclasses.dataclass(frozen=True)
class Source:
    """The file the user starts from: a bundled example or an upload (name and bytes)."""

    name: str
    data: bytes

    @property
    def digest(self) -> str:
        """A fingerprint of the name and content (the key of every cached result)."""
        return hashlib.sha256(self.name.encode() + b"\0" + self.data).hexdigest()

    @property
    def stem(self) -> str:
        return Path(safe_file_name(self.name)).stem


class TableTexts(NamedTuple):
    """The three editable tables as the CSV text the io readers read."""

    assessment: str
    actions: str
    rules: str


# Example files that are not assessments: evidence status and evaluation history.
NOT_ASSESSMENTS = ("bukti-", "riwayat-")


def example_files() -> tuple[Path, ...]:
    """The bundled example assessments (``data/examples/*.csv``), sorted by name."""
    return tuple(sorted(p for p in examples_dir().glob("*.csv")
                        if not p.name.startswith(NOT_ASSESSMENTS)))


def example_source(path: Path) -> Source:
    return Source(path.name, path.read_bytes())


def safe_file_name(name: str) -> str:
    """The last part of an uploaded file's name, without folders or odd characters.

    >>> safe_file_name("C:\\\\Data\\\\penilaian 2025.xlsx")
    'penilaian 2025.xlsx'
    >>> safe_file_name("../../etc/passwd")
    'passwd'
    """
    base = re.split(r"[\\/]", name)[-1]
    cleaned = re.sub(r"[^\w .()-]", "_", base).strip(" .")
    return cleaned or "berkas"


def check_suffix(name: str) -> None:
    """The app accepts only .xlsx and .csv; the message is the CLI reader's."""
    suffix = Path(safe_file_name(name)).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise InputError(
            f"jenis berkas '{suffix or '(tanpa akhiran)'}' tidak didukung; gunakan .csv atau .xlsx",
            file=safe_file_name(name),
        )


@contextmanager
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="roadmap-app-") as folder:
        yield Path(folder)


def load_source(source: Source) -> Inputs:
    """Read an example or an upload exactly as ``roadmap plan FILE`` reads it.

    Raises ``InputError`` (the CLI's one-line message) for a wrong file type, a missing sheet,
    a bad value, a cycle in the rules, and so on.
    """
    check_suffix(source.name)
    with scratch() as folder:
        path = folder / safe_file_name(source.name)
        path.write_bytes(source.data)
        return load_inputs(path)


def level_text(assessment: Assessment, indicator_id: str) -> str:
    """A value as the user would type it: ``3``, ``2,85`` or its source form ``SDI=25``."""
    if indicator_id in assessment.sources:
        return assessment.sources[indicator_id]
    value = assessment.values[indicator_id]
    scale = assessment.framework.value
    return str(int(value)) if scale.whole else format_decimal(value, scale.decimals)


def _plain(value: float) -> str:
    """A number with a decimal comma and no needless zeros: ``0,8``, ``1``, ``0,875``."""
    return f"{value:.6f}".rstrip("0").rstrip(".").replace(".", ",")


def assessment_frame(assessment: Assessment) -> pd.DataFrame:
    """The assessment as an editable table: one row per indicator, ``tingkat`` as text."""
    fw = assessment.framework
    rows = []
    for ind in fw.indicators:
        row: dict[str, str] = {"indikator": str(fw.json_id(ind.id)), "nama": ind.name}
        for kind in fw.group_kinds:
            row[fw.group_labels.get(kind, kind)] = ind.groups[kind]
        row["bobot"] = format_decimal(ind.weight)
        row[LEVEL_COLUMN] = level_text(assessment, ind.id)
        rows.append(row)
    return pd.DataFrame(rows, dtype="object")


def actions_frame(catalogue: Catalogue) -> pd.DataFrame:
    """The catalogue as an editable table with the template's columns, all as text."""
    fw = catalogue.framework
    rows = [
        {
            "id": a.id,
            "nama": a.name,
            "dampak": "; ".join(f"{fw.json_id(e.indicator)}:{e.level}" for e in a.effects),
            "biaya": format_rupiah(a.cost),
            "peluang": _plain(a.probability),
            "durasi": "" if a.months is None else str(a.months),
            "opd": a.opd,
            "prasyarat": format_requires(a.requires),
            "kelompok": a.group,
            "dasar_biaya": a.cost_basis,
        }
        for a in catalogue
    ]
    return pd.DataFrame(rows, columns=list(ACTION_COLUMNS), dtype="object")


def rules_frame(framework: Framework, rules: Sequence[Rule]) -> pd.DataFrame:
    rows = [
        {"indicator": str(framework.json_id(r.indicator)), "level": str(r.level),
         "requires_indicator": str(framework.json_id(r.requires_indicator)),
         "requires_level": str(r.requires_level), "alasan": r.reason, "sumber": r.source}
        for r in rules
    ]
    return pd.DataFrame(rows, columns=list(RULE_COLUMNS), dtype="object")


def frame_csv(frame: pd.DataFrame, columns: Sequence[str]) -> str:
    """``columns`` of ``frame`` as semicolon-separated CSV text; blank cells stay empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(columns)
    for record in frame[list(columns)].itertuples(index=False):
        writer.writerow(["" if is_blank(cell) else str(cell).strip() for cell in record])
    return buffer.getvalue()


def table_texts(assessment: pd.DataFrame, actions: pd.DataFrame,
                rules: pd.DataFrame) -> TableTexts:
    return TableTexts(frame_csv(assessment, ASSESSMENT_COLUMNS),
                      frame_csv(actions, ACTION_COLUMNS), frame_csv(rules, RULE_COLUMNS))


def problem_texts(problem: PlanningProblem) -> TableTexts:
    """The CSV texts of a problem as loaded (before any edit)."""
    return table_texts(assessment_frame(problem.assessment), actions_frame(problem.catalogue),
                       rules_frame(problem.framework, problem.rules))


def problem_from_texts(texts: TableTexts, framework_id: str, name: str) -> PlanningProblem:
    """Read the (edited) tables back through ``load_inputs``; errors name ``aksi.csv`` etc."""
    with scratch() as folder:
        for file_name, text in zip((ASSESSMENT_FILE, ACTIONS_FILE, RULES_FILE), texts,
                                   strict=True):
            (folder / file_name).write_text(text, encoding="utf-8")
        problem = load_inputs(folder / ASSESSMENT_FILE, framework_id,
                              actions=folder / ACTIONS_FILE, rules=folder / RULES_FILE).problem
    return dataclasses.replace(problem, assessment=dataclasses.replace(problem.assessment,
                                                                        name=name))


def workbook_bytes(problem: PlanningProblem) -> bytes:
    """The ``roadmap init`` template filled with the problem's levels, actions and rules."""
    with scratch() as folder:
        path = folder / "isian.xlsx"
        write_template(path, problem.framework, assessment=problem.assessment,
                       catalogue=problem.catalogue, rules=problem.rules)
        return path.read_bytes()


def catalogue_cost(problem: PlanningProblem) -> float:
    """The cost of every action not already done: the top of the budget slider."""
    return sum(a.cost for a in problem.catalogue if a.id not in problem.done_actions)


def budget_options(top: float) -> tuple[float, ...]:
    """Slider stops from 0 to at least ``top``: 25 jt apart below 1 M, coarser above.

    >>> [round(b / 1e6) for b in budget_options(1.1e8)]
    [0, 25, 50, 75, 100, 125]
    >>> len(budget_options(17.7e9))
    127
    >>> len(budget_options(1e15)) <= MAX_STOPS + 1  # a huge catalogue: coarser, never millions
    True
    """
    top = min(top, MAX_RUPIAH) if math.isfinite(top) else MAX_RUPIAH
    floor = top / MAX_STOPS  # never more stops than a slider can show
    stops = [0.0]
    while stops[-1] < top or len(stops) < 2:
        step = next(s for limit, s in BUDGET_STEPS if stops[-1] < limit)
        stops.append(stops[-1] + max(step, floor))
    return tuple(stops)


def nearest(options: Sequence[float], value: float) -> float:
    """The slider stop closest to ``value`` (a typed budget need not be a stop)."""
    return min(options, key=lambda option: abs(option - value))


def parse_budget(text: str) -> float:
    """Rupiah from ``"750 jt"``, ``"1,5 M"``, ``"Rp 750.000.000"``, as ``--budget`` reads it.

    >>> parse_budget("1,5 M")
    1500000000.0
    """
    return parse_money(text, "anggaran")


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$~<>:])")


def markdown_text(text: str) -> str:
    """``text`` shown as typed in Streamlit's Markdown (no bold, links or ``$...$`` math).

    >>> print(markdown_text("Aksi $x$ *penting*"))
    Aksi \\$x\\$ \\*penting\\*
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def parse_target(text: str, top: float) -> float | None:
    """A target index from ``"2,6"``; None when blank.

    >>> parse_target("2,6", 5.0), parse_target(" ", 5.0)
    (2.6, None)
    """
    if not text.strip():
        return None
    try:
        value = parse_number(text)
    except InputError:
        raise InputError("target indeks harus angka, mis. 2,6", value=text) from None
    if not (math.isfinite(value) and 0 < value <= top):
        raise InputError(f"target indeks harus di antara 0 dan {format_decimal(top)}",
                         value=text)
    return value


def opd_limits(frame: pd.DataFrame) -> tuple[dict[str, float], dict[str, int]]:
    """``{OPD: pagu}`` and ``{OPD: most actions}`` from the OPD table (blank = no limit).

    >>> opd_limits(pd.DataFrame({"OPD": ["A", "B"], "Pagu": ["500 jt", ""],
    ...                          "Maks. aksi": ["", "2"]}))
    ({'A': 500000000.0}, {'B': 2})
    """
    budgets: dict[str, float] = {}
    counts: dict[str, int] = {}
    for record in frame.itertuples(index=False):
        opd, pagu, most = (("" if is_blank(v) else str(v).strip()) for v in record[:3])
        if pagu:
            try:
                budgets[opd] = parse_budget(pagu)
            except InputError as err:
                raise InputError(f"pagu OPD {opd}: {err.message}", value=pagu) from None
        if most:
            if not (most.isascii() and most.isdigit() and len(most) <= MAX_COUNT_DIGITS):
                raise InputError(f"jumlah aksi OPD {opd} harus bilangan bulat 0 sampai "
                                 f"{10 ** MAX_COUNT_DIGITS - 1}", value=most)
            counts[opd] = int(most)
    return budgets, counts


def planning_budget(problem: PlanningProblem, options: PlanOptions) -> PlanOptions:
    """The options to plan with: a budget above the whole catalogue's cost is lowered to that
    cost (same plan, answered at once: every action fits).

    The caller shows the budget the user typed.
    """
    if options.budget is None:
        return options
    top = catalogue_cost(problem)
    return dataclasses.replace(options, budget=top) if options.budget > top else options


def download_name(kind: str, name: str, suffix: str = ".xlsx") -> str:
    """``laporan-spbe-cukup.xlsx`` style names for the downloads."""
    return f"{kind}-{safe_file_name(name).replace(' ', '_')}{suffix}"


def report_bytes(problem: PlanningProblem, options: PlanOptions, plan: Plan,
                 **extras: Any) -> bytes:
    """The Excel report of ``roadmap report`` for this plan, as bytes to download.

    ``extras`` are ``write_report``'s keyword arguments (scenarios, frontier, simulation,
    inputs_note).
    """
    from roadmap.report import write_report

    with scratch() as folder:
        path = folder / "laporan.xlsx"
        write_report(path, problem, options, plan, **extras)
        return path.read_bytes()
