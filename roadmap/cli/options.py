"""Options shared by the planning commands (plan, scenarios, report, peta-rencana)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap.cli.app import FRAMEWORK_HELP
from roadmap.errors import InputError
from roadmap.numbers import parse_number
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
MonthsOpt = Annotated[int, typer.Option(
    "--months", help="Bulan tersedia sampai batas unggah bukti evaluasi (0 = tanpa batas).")]
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
    "--time-limit", help="Batas waktu solver per penyelesaian (detik; bawaan 60).")]


def parse_money(text: str, option: str) -> float:
    """Rupiah from '750 jt', '1,5 M', 'Rp 1.500.000.000'; InputError names the option."""
    try:
        value = parse_number(text, money=True)
    except InputError:
        raise InputError(f"{option} harus jumlah rupiah, mis. \"750 jt\", \"1,5 M\" atau "
                         "\"Rp 750.000.000\"", value=text) from None
    if value < 0:
        raise InputError(f"{option}: tidak boleh negatif", value=text)
    return value


def parse_index(text: str, option: str) -> float:
    try:
        return parse_number(text)
    except InputError:
        raise InputError(f"{option} harus angka, mis. 2,6", value=text) from None


def _pairs(items: list[str] | None, option: str, money: bool) -> dict[str, float]:
    result: dict[str, float] = {}
    for item in items or []:
        if "=" not in item:
            raise InputError(f"{option}: tulis OPD=nilai", value=item)
        name, raw = item.rsplit("=", 1)
        result[name.strip()] = parse_money(raw, option) if money else parse_index(raw, option)
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
