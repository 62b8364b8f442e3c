"""Read dependency rules (``indicator, level, requires_indicator, requires_level``)."""

from __future__ import annotations

from pathlib import Path

from roadmap.dependencies import Rule
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.framework_files import framework_folder
from roadmap.io.tables import Row, Table, is_blank, read_table
from roadmap.numbers import Bounds, read_number

RULES_SHEET = "ketergantungan"
RULES_ALIASES = {
    "indicator": ("indikator",),
    "level": ("tingkat",),
    "requires_indicator": ("indikator_prasyarat", "prasyarat_indikator", "syarat_indikator"),
    "requires_level": ("tingkat_prasyarat", "prasyarat_tingkat", "syarat_tingkat"),
    "reason": ("alasan",),
    "source": ("sumber",),
}
REQUIRED = ("indicator", "level", "requires_indicator", "requires_level")


def default_rules_path(framework: Framework) -> Path:
    return framework_folder(framework.id) / "rules.csv"


def read_default_rules(framework: Framework) -> tuple[Rule, ...]:
    path = default_rules_path(framework)
    return read_rules(path, framework) if path.exists() else ()


def read_rules(path: Path | str, framework: Framework) -> tuple[Rule, ...]:
    """Read a rules table; a header-only file means "no rules"."""
    table = read_table(Path(path), RULES_ALIASES, REQUIRED, sheet=RULES_SHEET, sheet_required=True)
    return rules_from_table(table, framework)


def rules_from_table(table: Table, framework: Framework) -> tuple[Rule, ...]:
    rules = []
    for row in table:
        rules.append(Rule(
            indicator=_indicator(table, row, "indicator", framework),
            level=_level(table, row, "level", framework),
            requires_indicator=_indicator(table, row, "requires_indicator", framework),
            requires_level=_level(table, row, "requires_level", framework),
            reason=str(row.get("reason") or ""),
            source=str(row.get("source") or ""),
        ))
    return tuple(rules)


def _indicator(table: Table, row: Row, column: str, framework: Framework) -> str:
    raw = row.get(column)
    indicator = None if is_blank(raw) else framework.resolve(raw)
    if indicator is None:
        raise table.error(f"indikator tidak dikenal dalam {framework.index_name}", row, column,
                          raw)
    return indicator


def _level(table: Table, row: Row, column: str, framework: Framework) -> int:
    raw = row.get(column)
    bounds = Bounds(1, framework.max_level, whole=True)
    try:
        return int(read_number(raw, bounds, "tingkat"))
    except InputError as exc:
        raise table.error(exc.message, row, column, raw) from None
