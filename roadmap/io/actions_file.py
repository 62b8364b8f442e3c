"""Read an action catalogue (CSV, XLSX or the ``aksi`` sheet of a workbook)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from roadmap.actions import Action, Catalogue, parse_requires
from roadmap.actions import parse_effects as parse_effect_text
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.framework_files import framework_folder
from roadmap.io.tables import Row, Table, is_blank, read_table
from roadmap.numbers import MONEY, MONTHS, PROBABILITY, parse_number, read_number

T = TypeVar("T")

ACTIONS_SHEET = "aksi"
ACTION_ALIASES = {
    "id": ("kode", "kode_aksi", "id_aksi"),
    "name": ("nama", "nama_aksi", "aksi", "kegiatan"),
    "effects": ("dampak", "efek"),
    "cost": ("biaya", "anggaran"),
    "probability": ("peluang", "peluang_berhasil"),
    "months": ("durasi", "bulan", "durasi_bulan"),
    "opd": ("pelaksana", "perangkat_daerah"),
    "requires": ("prasyarat", "prasyarat_aksi"),
    "cost_basis": ("dasar_biaya", "asumsi_biaya", "sumber_biaya"),
    "group": ("kelompok", "grup"),
}
REQUIRED = ("id", "name", "effects", "cost")


def default_actions_path(framework: Framework) -> Path:
    return framework_folder(framework.id) / "actions.csv"


def read_default_catalogue(framework: Framework) -> Catalogue:
    return read_catalogue(default_actions_path(framework), framework)


def read_catalogue(path: Path | str, framework: Framework) -> Catalogue:
    """Read and validate a catalogue; every problem names file, row, column and value."""
    table = read_table(Path(path), ACTION_ALIASES, REQUIRED, sheet=ACTIONS_SHEET,
                       sheet_required=True)
    return catalogue_from_table(table, framework)


def catalogue_from_table(table: Table, framework: Framework) -> Catalogue:
    actions = []
    rows: dict[str, Row] = {}
    for row in table:
        action_id = str(row.get("id") or "").strip()
        if not action_id:
            raise table.error("id aksi kosong", row, "id", "")
        if action_id in rows:
            raise table.error(f"id aksi ganda (sudah ada di baris {rows[action_id].number})",
                              row, "id", action_id)
        rows[action_id] = row
        actions.append(Action(
            id=action_id,
            name=str(row.get("name") or action_id),
            effects=_field(table, row, "effects", lambda v: parse_effect_text(v, framework)),
            cost=_field(table, row, "cost", _cost),
            probability=_field(table, row, "probability", _probability),
            months=_field(table, row, "months", _months),
            opd=str(row.get("opd") or "").strip(),
            requires=parse_requires(row.get("requires")),
            cost_basis=str(row.get("cost_basis") or "").strip(),
            group=str(row.get("group") or "").strip(),
        ))
    for action in actions:
        for required in action.required_ids:
            if required not in rows:
                raise table.error(f"prasyarat '{required}' bukan id aksi yang ada",
                                  rows[action.id], "requires", required)
    try:
        return Catalogue(framework, tuple(actions))
    except InputError as exc:
        culprit = rows.get(str(exc.value)) if exc.value is not None else None
        raise exc.located(file=table.file, row=culprit.number if culprit else None) from None


def _field(table: Table, row: Row, column: str, parse: Callable[[object], T]) -> T:
    raw = row.get(column)
    try:
        return parse(raw)
    except InputError as exc:
        raise InputError(exc.message, file=table.file, row=row.number,
                         column=table.headers.get(column, column), value=raw) from None


def _cost(raw: object) -> float:
    if is_blank(raw):
        raise InputError("biaya kosong")
    return read_number(raw, MONEY, "biaya")


def _probability(raw: object) -> float:
    if is_blank(raw):
        return 1.0
    if isinstance(raw, str) and not raw.strip().endswith("%") and 1 < parse_number(raw) <= 100:
        raise InputError("peluang harus 0..1 (atau tulis dengan %, mis. 80%)")
    return read_number(raw, PROBABILITY, "peluang")


def _months(raw: object) -> int | None:
    if is_blank(raw):
        return None
    return int(read_number(raw, MONTHS, "durasi (bulan)"))
