"""Options shared by the planning commands (plan, scenarios, report, peta-rencana)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap.cli.app import FRAMEWORK_HELP
from roadmap.errors import InputError
from roadmap.numbers import COUNT, INDEX, MONEY, MONTHS, SECONDS, parse_money, read_number
from roadmap.optimizer import SOLVERS, PlanOptions
from roadmap.options import DEFAULT_TIME_LIMIT
from roadmap.problem import PlanningProblem

FrameworkOpt = Annotated[str | None, typer.Option("--framework", help=FRAMEWORK_HELP)]
ActionsOpt = Annotated[Path | None, typer.Option(
    "--actions", help="Katalog aksi (.csv/.xlsx, lembar 'aksi'); bawaan: katalog kerangka.")]
RulesOpt = Annotated[Path | None, typer.Option(
    "--rules",
    help="Aturan ketergantungan; menggantikan aturan bawaan (judul saja = tanpa aturan).")]
ForceOpt = Annotated[list[str] | None, typer.Option(
    "--force", help="Id aksi yang wajib masuk rencana (boleh berulang).")]
ExcludeOpt = Annotated[list[str] | None, typer.Option(
    "--exclude", help="Id aksi yang dikecualikan (boleh berulang).")]
BUDGET_LIST_RULE = (
    "Pisahkan anggaran dengan ';' atau koma; koma di antara dua angka dengan paling banyak dua "
    "angka sesudahnya adalah koma desimal: \"750 jt, 1,5 M\" = dua anggaran, \"1,5 M\" = satu, "
    "\"500000000,750000000\" = dua."
)


def months_value(raw: object) -> int:
    """``--months``: whole months 0..120 (ASCII digits only)."""
    return int(read_number(raw, MONTHS, "--months"))


def seconds_value(raw: object) -> float | None:
    """``--time-limit``: positive, finite seconds."""
    return None if raw is None else read_number(raw, SECONDS, "--time-limit")


MonthsOpt = Annotated[int, typer.Option(
    "--months", parser=months_value,
    help="Bulan tersedia sampai batas unggah bukti evaluasi (0 = tanpa batas).")]
OpdBudgetOpt = Annotated[list[str] | None, typer.Option(
    "--opd-budget", help="Pagu per OPD, mis. \"Diskominfo=500 jt\" (boleh berulang).")]
OpdMaxOpt = Annotated[list[str] | None, typer.Option(
    "--opd-max", help="Jumlah aksi maksimum per OPD, mis. \"Bappeda=3\" (boleh berulang).")]
DropSourceOpt = Annotated[list[str] | None, typer.Option(
    "--without-source",
    help="Abaikan aturan dari sumber ini (pedoman, penjelasan, berita, asumsi).")]
SolverOpt = Annotated[str, typer.Option("--solver", help="Solver MILP: highs (bawaan) atau cbc.")]
BuktiOpt = Annotated[Path | None, typer.Option(
    "--bukti", help="Berkas status data dukung (.csv/.xlsx: kode, status, catatan): tingkat "
    "yang seluruh data dukungnya diterima dihitung sudah dicapai.")]
RiwayatOpt = Annotated[Path | None, typer.Option(
    "--riwayat", help="Riwayat evaluasi (.csv/.xlsx: tahun, indikator, mandiri, final): "
    "peluang keberhasilan dikalibrasi dari riwayat ini.")]
TimeLimitOpt = Annotated[float | None, typer.Option(
    "--time-limit", parser=seconds_value,
    help="Batas waktu solver per penyelesaian (detik; bawaan 60).")]


def parse_index(text: str, option: str) -> float:
    """An index value such as ``--target 2,6`` (0..5)."""
    return read_number(text, INDEX, option)


def _pairs(items: list[str] | None, option: str, money: bool) -> dict[str, float]:
    """``OPD=value`` items: whole rupiah (``money``) or a whole count of actions."""
    result: dict[str, float] = {}
    for item in items or []:
        if "=" not in item:
            raise InputError(f"{option}: tulis OPD=nilai", value=item)
        name, raw = item.rsplit("=", 1)
        if not name.strip():
            raise InputError(f"{option}: nama OPD kosong; tulis OPD=nilai", value=item)
        result[name.strip()] = read_number(raw, MONEY if money else COUNT, option)
    return result


def plan_options(
    budget: str | None,
    target: str | None,
    force: list[str] | None,
    exclude: list[str] | None,
    months: int,
    opd_budget: list[str] | None,
    opd_max: list[str] | None,
    solver: str,
    time_limit: float | None,
) -> PlanOptions:
    """Build validated ``PlanOptions`` from the raw CLI values."""
    if solver not in SOLVERS:
        raise InputError(f"--solver harus salah satu dari {', '.join(SOLVERS)}", value=solver)
    return PlanOptions(
        budget=parse_money(budget, "--budget") if budget is not None else None,
        target=parse_index(target, "--target") if target is not None else None,
        force=tuple(force or ()),
        exclude=tuple(exclude or ()),
        opd_budgets=_pairs(opd_budget, "--opd-budget", money=True),
        opd_max_actions={k: int(v) for k, v in _pairs(opd_max, "--opd-max", False).items()},
        max_months=months if months > 0 else None,
        solver=solver,
        time_limit=time_limit if time_limit is not None else DEFAULT_TIME_LIMIT,
    )


def check_action_ids(problem: PlanningProblem, options: PlanOptions) -> None:
    """Name the flag when --force or --exclude names an action the catalogue lacks."""
    known = set(problem.catalogue.ids)
    for flag, ids in (("--force", options.force), ("--exclude", options.exclude)):
        for action_id in ids:
            if action_id not in known:
                raise InputError(f"{flag}: aksi '{action_id}' tidak ada di katalog",
                                 value=action_id)
