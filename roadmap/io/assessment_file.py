"""Read an assessment (one value per indicator) from CSV or XLSX."""

from __future__ import annotations

import re
from pathlib import Path

from roadmap.assessment import Assessment
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.framework_files import available_frameworks, load_framework
from roadmap.io.tables import Row, Table, is_blank, read_table
from roadmap.numbers import Bounds, check_number, parse_number

ASSESSMENT_SHEET = "penilaian"
ASSESSMENT_ALIASES = {
    "indicator": ("indikator", "no", "kode", "id", "nomor"),
    "level": ("tingkat", "nilai", "tingkat kematangan", "value"),
}
_EXTERNAL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.+)$")


def read_assessment(path: Path | str, framework_id: str | None = None) -> Assessment:
    """Read and validate an assessment; the framework is detected from the ids if not given.

    Every problem raises ``InputError`` naming the file, row, column and value.
    """
    path = Path(path)
    table = read_table(path, ASSESSMENT_ALIASES, ("indicator", "level"), sheet=ASSESSMENT_SHEET,
                       same={"indicator": _indicator_key})
    if not table.rows:
        raise table.error("tidak ada baris penilaian (hanya judul kolom)")
    framework = load_framework(framework_id) if framework_id else detect_framework(table)
    values: dict[str, float] = {}
    sources: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for row in table:
        indicator_id = _indicator(table, row, framework)
        if indicator_id in values:
            raise table.error(
                f"indikator {indicator_id} ganda (sudah ada di baris {first_row[indicator_id]})",
                row, "indicator", row.get("indicator"),
            )
        first_row[indicator_id] = row.number
        values[indicator_id], source = _value(table, row, framework, indicator_id)
        if source:
            sources[indicator_id] = source
    missing = [i for i in framework.indicator_ids if i not in values]
    if missing:
        shown = ", ".join(missing[:12]) + (" ..." if len(missing) > 12 else "")
        raise table.error(
            f"{len(missing)} indikator {framework.index_name} tidak ada: {shown}",
            column="indicator",
        )
    return Assessment(framework, values, sources, name=path.stem)


def _indicator_key(token: object) -> object:
    """What ``token`` names in every framework: an ``indikator`` and a ``kode`` column of the
    template agree under it, row numbers (``No``) beside indicator ids usually do not."""
    if is_blank(token):
        return None
    resolved = tuple(load_framework(f).resolve(token) for f in available_frameworks())
    return resolved if any(resolved) else str(token).strip()


def detect_framework(table: Table) -> Framework:
    """The framework whose ids resolve the most of the file's indicator cells."""
    tokens = [row.get("indicator") for row in table if not is_blank(row.get("indicator"))]
    scored = []
    for framework_id in available_frameworks():
        framework = load_framework(framework_id)
        hits = sum(framework.resolve(t) is not None for t in tokens)
        scored.append((hits, framework_id))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    if not scored or scored[0][0] == 0:
        sample = ", ".join(str(t) for t in tokens[:5])
        raise table.error(
            "kerangka tidak dikenali dari id indikator (contoh: " + sample + "); "
            "gunakan --framework " + "|".join(available_frameworks()),
            column="indicator",
        )
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        raise table.error(
            f"id indikator cocok untuk {scored[0][1]} maupun {scored[1][1]}; pilih dengan "
            "--framework", column="indicator",
        )
    return load_framework(scored[0][1])


def _indicator(table: Table, row: Row, framework: Framework) -> str:
    raw = row.get("indicator")
    if is_blank(raw):
        raise table.error("id indikator kosong", row, "indicator", "")
    indicator_id = framework.resolve(raw)
    if indicator_id is None:
        shown = _display(raw)
        others = [
            other for other in available_frameworks()
            if other != framework.id and load_framework(other).resolve(raw) is not None
        ]
        hint = f" (ini id kerangka {others[0]})" if others else ""
        ids = framework.indicator_ids
        raise table.error(
            f"indikator tidak dikenal dalam {framework.index_name}{hint}; id yang sah "
            f"{ids[0]}..{ids[-1]}",
            row, "indicator", shown,
        )
    return indicator_id


def _value(
    table: Table, row: Row, framework: Framework, indicator_id: str
) -> tuple[float, str | None]:
    raw = row.get("level")
    scale = framework.value
    if is_blank(raw):
        raise table.error(f"nilai indikator {indicator_id} kosong", row, "level", "")
    source = None
    external = _EXTERNAL.match(str(raw)) if isinstance(raw, str) else None
    try:
        if external:
            key = external.group(1).upper()
            spec = framework.external_indices.get(key)
            ind_external = framework.indicator(indicator_id).external
            if spec is None or ind_external != key:
                expected = f"'{ind_external}=...'" if ind_external else "nilai langsung"
                raise InputError(
                    f"indikator {indicator_id} tidak dinilai dari indeks {key}; gunakan {expected}"
                )
            source_value = parse_number(external.group(2))
            value = round(spec.convert(source_value), 6)
            source = f"{key}={external.group(2).strip()}"
        else:
            value = parse_number(raw)
    except InputError as exc:
        # the cell as typed ('SDI=120'), not the number parsed out of it
        raise InputError(exc.message, file=table.file, row=row.number,
                         column=table.headers.get("level"), value=_display(raw)) from None
    try:
        if scale.whole:
            low = 0 if scale.allow_zero else scale.min
            value = check_number(value, Bounds(low, scale.max, whole=True), "tingkat")
            return float(int(value)), source
        if value == 0 and scale.allow_zero:
            return 0.0, source
        check_number(value, Bounds(scale.min, scale.max, digits=2), "nilai")
    except InputError as exc:
        raise table.error(exc.message, row, "level", _display(raw)) from None
    scaled = value * 10**scale.decimals
    if source is None and abs(scaled - round(scaled)) > 1e-6:
        raise table.error(f"nilai paling banyak {scale.decimals} angka desimal", row, "level",
                          _display(raw))
    return value, source


def _display(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)
