"""Load an official framework from its data folder (``data/frameworks/<id>/``).

A folder holds ``framework.json`` (bands, levels, scale, external indices), ``groups.csv``
(kind, id, name, weight) and ``indicators.csv`` (id, code, aliases, name, one column per group
kind, weight, external). ``rules.csv`` and ``actions.csv`` beside them are the defaults for
planning; ``evidence.csv`` (code, indicator, level, item, source, public) lists the evidence
each level asks for. Adding a regulation is adding a folder.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from roadmap.errors import InputError
from roadmap.evidence import EvidenceItem
from roadmap.framework import (
    Band,
    ExternalBand,
    ExternalIndex,
    Framework,
    Group,
    Indicator,
    TrackRecord,
    ValueScale,
)
from roadmap.io.paths import frameworks_dir
from roadmap.io.tables import is_blank, read_table
from roadmap.numbers import parse_number


def available_frameworks() -> tuple[str, ...]:
    """Ids of the bundled frameworks, sorted."""
    root = frameworks_dir()
    return tuple(sorted(p.name for p in root.iterdir() if (p / "framework.json").exists()))


def framework_folder(framework_id: str) -> Path:
    folder = frameworks_dir() / framework_id
    if not (folder / "framework.json").exists():
        known = ", ".join(available_frameworks())
        raise InputError(f"kerangka '{framework_id}' tidak dikenal; pilihan: {known}")
    return folder


@lru_cache(maxsize=16)
def load_framework(framework_id: str) -> Framework:
    """Load and validate a bundled framework by id (e.g. ``spbe-2020``)."""
    return load_framework_folder(framework_folder(framework_id))


def load_framework_folder(folder: Path) -> Framework:
    meta_path = folder / "framework.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"tidak dapat dibaca: {exc}", file=str(meta_path)) from None
    kinds = tuple(meta["group_kinds"])
    groups_table = read_table(
        folder / "groups.csv", {c: () for c in ("kind", "id", "name", "weight")},
        ("kind", "id", "name", "weight"),
    )
    groups = tuple(
        Group(str(r.get("kind")), str(r.get("id")), str(r.get("name")),
              parse_number(r.get("weight")))
        for r in groups_table
    )
    columns = ("id", "code", "aliases", "name", "weight", "external", "lagged", *kinds)
    ind_table = read_table(folder / "indicators.csv", {c: () for c in columns},
                           ("id", "name", "weight", *kinds))
    indicators = []
    for row in ind_table:
        try:
            weight = parse_number(row.get("weight"))
        except InputError as exc:
            raise exc.located(file=ind_table.file, row=row.number, column="weight") from None
        aliases = tuple(a.strip() for a in str(row.get("aliases") or "").split(";") if a.strip())
        indicators.append(
            Indicator(
                id=str(row.get("id")),
                code=str(row.get("code") or row.get("id")),
                name=str(row.get("name")),
                weight=weight,
                groups={k: str(row.get(k)) for k in kinds},
                external=str(row.get("external")) if row.get("external") else None,
                aliases=aliases,
                lagged=str(row.get("lagged") or "").strip().lower() in ("1", "ya", "true"),
            )
        )
    value = meta["value"]
    externals = {
        key: ExternalIndex(
            key=key,
            name=spec["name"],
            agency=spec.get("agency", ""),
            bands=tuple(
                ExternalBand(b["from"], b["to"], b["value_from"], b["value_to"])
                for b in spec.get("bands", [])
            ),
            note=spec.get("note", ""),
        )
        for key, spec in meta.get("external_indices", {}).items()
    }
    try:
        return Framework(
            id=meta["id"],
            title=meta["title"],
            index_name=meta["index_name"],
            id_style=meta.get("id_style", "text"),
            group_kinds=kinds,
            group_labels=dict(meta.get("group_labels", {})),
            total_weight=float(meta["total_weight"]),
            value=ValueScale(
                min=float(value["min"]),
                max=float(value["max"]),
                whole=bool(value["whole"]),
                allow_zero=bool(value.get("allow_zero", False)),
                decimals=int(value.get("decimals", 0)),
            ),
            levels={int(k): tuple(v) for k, v in meta["levels"].items()},
            predicates=tuple(Band(b["name"], float(b["min"])) for b in meta["predicates"]),
            indicators=tuple(indicators),
            groups=groups,
            external_indices=externals,
            track_records=_track_records(folder),
        )
    except InputError as exc:
        raise exc.located(file=str(folder)) from None


def _track_records(folder: Path) -> tuple[TrackRecord, ...]:
    """``track_record.csv`` (indicator, level, years, reason, source), if the folder has one."""
    path = folder / "track_record.csv"
    if not path.exists():
        return ()
    columns = ("indicator", "level", "years", "reason", "source")
    table = read_table(path, {c: () for c in columns}, ("indicator", "level"))
    records = []
    for row in table:
        values = {}
        for column, default in (("level", None), ("years", 1)):
            raw = row.get(column)
            text = str(raw).strip() if raw is not None else ""
            if not text and default is not None:
                values[column] = default
            elif text.isascii() and text.isdigit() and 1 <= int(text) <= 10:
                values[column] = int(text)
            else:
                raise table.error("harus bilangan bulat 1..10", row, column, raw)
        records.append(TrackRecord(str(row.get("indicator")).strip(), values["level"],
                                   values["years"], str(row.get("reason") or ""),
                                   str(row.get("source") or "")))
    return tuple(records)


EVIDENCE_COLUMNS = ("code", "indicator", "level", "item", "source", "public")


@lru_cache(maxsize=16)
def load_evidence(framework_id: str) -> tuple[EvidenceItem, ...]:
    """The evidence items of a bundled framework (empty when it has no ``evidence.csv``)."""
    framework = load_framework(framework_id)
    path = framework_folder(framework_id) / "evidence.csv"
    if not path.exists():
        return ()
    table = read_table(path, {c: () for c in EVIDENCE_COLUMNS}, EVIDENCE_COLUMNS)
    items: list[EvidenceItem] = []
    seen: set[str] = set()
    for row in table:
        indicator = framework.resolve(row.get("indicator"))
        if indicator is None:
            raise table.error("indikator tidak dikenal", row, "indicator", row.get("indicator"))
        level = str(row.get("level") or "")
        if not level.isdigit() or not 1 <= int(level) <= framework.max_level:
            raise table.error(f"tingkat harus 1..{framework.max_level}", row, "level", level)
        code = str(row.get("code") or "")
        if not re.fullmatch(rf"{re.escape(indicator)}-L{level}-[0-9]{{2}}", code):
            raise table.error(f"kode harus berbentuk {indicator}-L{level}-nn", row, "code", code)
        if code in seen:
            raise table.error("kode ganda", row, "code", code)
        seen.add(code)
        public = str(row.get("public") or "")
        if public not in ("0", "1"):
            raise table.error("kolom public harus 1 atau 0", row, "public", public)
        if is_blank(row.get("item")) or is_blank(row.get("source")):
            raise table.error("butir dan sumber tidak boleh kosong", row, "item", code)
        items.append(EvidenceItem(code, indicator, int(level), str(row.get("item")),
                                  str(row.get("source")), public == "1"))
    return tuple(items)
