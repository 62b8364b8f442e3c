"""Read a crosswalk mapping file (``data/crosswalk/<source>_to_<target>.csv``).

The file name gives the source and target framework ids. Columns (case-insensitive):
``<target>_indicator`` (one target indicator per row), ``<source>_indicators`` (source indicator
ids separated by ``;``, empty for a new indicator), ``share`` (0..1, also ``80%``), ``basis``
(one of ``roadmap.crosswalk.BASES``) and an optional ``note``. ``<x>`` is a framework id up to its
first hyphen (``spbe`` for ``spbe-2020``); ``target_indicator`` / ``source_indicators`` are
accepted too. Every target indicator must appear exactly once.
"""

from __future__ import annotations

import re
from pathlib import Path

from roadmap.crosswalk import BASES, NEW_BASIS, Crosswalk, Link
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.io.framework_files import load_framework
from roadmap.io.paths import data_dir
from roadmap.io.tables import Row, Table, is_blank, read_table
from roadmap.numbers import SHARE, read_number

_NAME = re.compile(r"^(?P<source>.+)_to_(?P<target>.+)$")


def crosswalk_dir() -> Path:
    return data_dir() / "crosswalk"


def available_crosswalks() -> tuple[tuple[str, str], ...]:
    """The (source, target) framework id pairs of the bundled crosswalks, sorted."""
    folder = crosswalk_dir()
    if not folder.is_dir():
        return ()
    names = (_NAME.match(p.stem) for p in folder.glob("*.csv"))
    return tuple(sorted((m["source"], m["target"]) for m in names if m))


def load_crosswalk(source_id: str, target_id: str) -> Crosswalk:
    """The bundled crosswalk from ``source_id`` to ``target_id``."""
    path = crosswalk_dir() / f"{source_id}_to_{target_id}.csv"
    if not path.exists():
        pairs = ", ".join(f"{s} -> {t}" for s, t in available_crosswalks()) or "(tidak ada)"
        raise InputError(
            f"tidak ada pemetaan dari kerangka '{source_id}' ke '{target_id}'; pemetaan yang "
            f"tersedia: {pairs}"
        )
    return read_crosswalk(path)


def read_crosswalk(path: Path | str) -> Crosswalk:
    """Read and validate a mapping file; every problem raises ``InputError`` with its location."""
    path = Path(path)
    match = _NAME.match(path.stem)
    if not match:
        raise InputError(
            "nama berkas pemetaan harus berbentuk <kerangka-asal>_to_<kerangka-tujuan>.csv",
            file=path.name,
        )
    try:
        source = load_framework(match["source"])
        target = load_framework(match["target"])
    except InputError as exc:
        raise exc.located(file=path.name) from None
    aliases = {
        "target": (f"{_prefix(target)}_indicator", "target_indicator"),
        "sources": (f"{_prefix(source)}_indicators", "source_indicators"),
        "share": ("bagian", "porsi"),
        "basis": ("dasar",),
        "note": ("catatan", "keterangan"),
    }
    table = read_table(path, aliases, ("target", "sources", "share", "basis"))
    links: list[Link] = []
    first_row: dict[str, int] = {}
    for row in table:
        link = _link(table, row, source, target)
        if link.target in first_row:
            raise table.error(
                f"indikator {link.target} ganda (sudah ada di baris {first_row[link.target]})",
                row, "target", row.get("target"),
            )
        first_row[link.target] = row.number
        links.append(link)
    missing = [i for i in target.indicator_ids if i not in first_row]
    if missing:
        raise table.error(
            f"indikator {target.index_name} tanpa baris pemetaan: {', '.join(missing)}",
            column="target",
        )
    return Crosswalk(source, target, tuple(links))


def _prefix(framework: Framework) -> str:
    return framework.id.split("-")[0]


def _link(table: Table, row: Row, source: Framework, target: Framework) -> Link:
    raw_target = row.get("target")
    target_id = None if is_blank(raw_target) else target.resolve(raw_target)
    if target_id is None:
        raise table.error(f"indikator {target.index_name} tidak dikenal", row, "target",
                          "" if raw_target is None else raw_target)
    sources = _sources(table, row, source)
    raw_share = row.get("share")
    try:
        share = read_number("" if raw_share is None else raw_share, SHARE, "bagian (share)")
    except InputError as exc:
        raise exc.located(file=table.file, row=row.number,
                          column=table.headers.get("share")) from None
    basis = " ".join(str(row.get("basis") or "").lower().split())
    if basis not in BASES:
        raise table.error("dasar pemetaan harus salah satu dari: " + ", ".join(BASES), row,
                          "basis", row.get("basis") or "")
    if (basis == NEW_BASIS) != (not sources):
        message = ("indikator baru (dasar 'baru') tidak boleh punya indikator asal"
                   if sources else "tanpa indikator asal, dasar pemetaan harus 'baru'")
        raise table.error(message, row, "basis", basis)
    note = row.get("note")
    return Link(target_id, sources, share, basis, "" if is_blank(note) else str(note))


def _sources(table: Table, row: Row, source: Framework) -> tuple[str, ...]:
    raw = row.get("sources")
    if is_blank(raw):
        return ()
    tokens: list[object] = (
        [t.strip() for t in re.split(r"[;,]", raw) if t.strip()] if isinstance(raw, str) else [raw]
    )
    ids: list[str] = []
    for token in tokens:
        source_id = source.resolve(token)
        if source_id is None:
            raise table.error(f"indikator {source.index_name} tidak dikenal", row, "sources",
                              token)
        if source_id in ids:
            raise table.error(f"indikator asal {source_id} disebut dua kali", row, "sources",
                              token)
        ids.append(source_id)
    return tuple(ids)
