"""Read an evidence status file: which data dukung items the assessors accepted.

Columns (CSV or XLSX, sheet ``bukti`` in a workbook): ``code`` (alias ``kode``), ``status``
(``diterima``, ``revisi`` or ``belum``; an empty cell is ``belum``) and optional ``catatan``.
Codes are those of the framework's ``evidence.csv`` (``11-L3-02``, ``I1-L2-01``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from roadmap.evidence import EvidenceStatus
from roadmap.framework import Framework
from roadmap.io.framework_files import load_evidence
from roadmap.io.tables import is_blank, read_table

EVIDENCE_SHEET = "bukti"
STATUS_ALIASES = {
    "code": ("kode", "kode_bukti", "kode bukti", "kode data dukung"),
    "status": ("status_bukti", "hasil", "status bukti"),
    "note": ("catatan", "keterangan", "notes"),
}
STATUS_VALUES = {s.value: s for s in EvidenceStatus}


@dataclass(frozen=True)
class StatusFile:
    """The statuses and notes of one evidence status file, keyed by item code."""

    name: str
    statuses: Mapping[str, EvidenceStatus]
    notes: Mapping[str, str]


def read_evidence_status(path: Path | str, framework: Framework) -> StatusFile:
    """Read and validate a status file against the framework's evidence items.

    An unknown code, a code given twice or an unknown status raises ``InputError`` naming the
    file, row, column and value.
    """
    path = Path(path)
    table = read_table(path, STATUS_ALIASES, ("code", "status"), sheet=EVIDENCE_SHEET)
    known = {item.code.upper(): item.code for item in load_evidence(framework.id)}
    example = next(iter(known.values()), "")
    statuses: dict[str, EvidenceStatus] = {}
    notes: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for row in table:
        raw = row.get("code")
        code = known.get(str(raw).strip().upper()) if not is_blank(raw) else None
        if code is None:
            raise table.error(
                f"kode data dukung tidak dikenal dalam {framework.index_name}; kode berbentuk "
                f"<indikator>-L<tingkat>-<nn>, mis. {example}",
                row, "code", "" if is_blank(raw) else raw,
            )
        if code in statuses:
            raise table.error(f"kode ganda (sudah ada di baris {first_row[code]})",
                              row, "code", raw)
        first_row[code] = row.number
        raw_status = row.get("status")
        text = "belum" if is_blank(raw_status) else str(raw_status).strip().lower()
        if text not in STATUS_VALUES:
            raise table.error("status harus diterima, revisi atau belum", row, "status",
                              raw_status)
        statuses[code] = STATUS_VALUES[text]
        if not is_blank(row.get("note")):
            notes[code] = str(row.get("note"))
    return StatusFile(path.stem, statuses, notes)
