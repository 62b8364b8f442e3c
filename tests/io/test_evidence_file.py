"""Evidence data of the bundled frameworks, and reading an evidence status file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from roadmap.errors import InputError
from roadmap.evidence import EvidenceStatus
from roadmap.io.evidence_file import read_evidence_status
from roadmap.io.framework_files import (
    available_frameworks,
    framework_folder,
    load_evidence,
    load_framework,
)
from roadmap.io.paths import frameworks_dir
from tests.conftest import EXAMPLES

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")


# --- bundled evidence.csv ----------------------------------------------------------------------

@pytest.mark.parametrize("framework_id", available_frameworks())
def test_every_indicator_and_level_has_an_item(framework_id: str) -> None:
    framework = load_framework(framework_id)
    items = load_evidence(framework_id)
    covered = {(i.indicator, i.level) for i in items}
    wanted = {(i, lvl) for i in framework.indicator_ids
              for lvl in range(1, framework.max_level + 1)}
    assert wanted <= covered
    assert len({i.code for i in items}) == len(items)
    assert all(i.item.strip() and i.source.strip() for i in items)


def test_spbe_items_cite_the_public_criteria_pemdi_items_say_they_are_estimates() -> None:
    spbe = load_evidence("spbe-2020")
    assert sum(i.public for i in spbe) > 0.95 * len(spbe)
    assert all("59/2020" in i.source for i in spbe if i.public)
    assert all("Tidak publik" in i.source for i in spbe if not i.public)
    pemdi = load_evidence("pemdi-2026")
    assert not any(i.public for i in pemdi)
    assert all("Tidak publik" in i.source and i.item.startswith("[perkiraan]") for i in pemdi)
    assert {i.code for i in pemdi} >= {"I1-L2-01", "I20-L5-01"}
    assert {i.code for i in spbe} >= {"11-L3-01", "47-L5-01"}


def copy_with_evidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_id: str,
                       evidence: str | None) -> None:
    """A data folder whose only framework is a copy of SPBE named ``new_id``."""
    folder = tmp_path / "frameworks" / new_id
    shutil.copytree(frameworks_dir() / "spbe-2020", folder)
    meta = json.loads((folder / "framework.json").read_text(encoding="utf-8"))
    meta["id"] = new_id
    (folder / "framework.json").write_text(json.dumps(meta), encoding="utf-8")
    if evidence is None:
        (folder / "evidence.csv").unlink()
    else:
        (folder / "evidence.csv").write_text(evidence, encoding="utf-8")
    monkeypatch.setenv("ROADMAP_DATA", str(tmp_path))
    assert framework_folder(new_id) == folder


HEADER = "code,indicator,level,item,source,public\n"


def test_a_framework_without_evidence_file_has_no_items(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_with_evidence(tmp_path, monkeypatch, "uji-tanpa-bukti", None)
    assert load_evidence("uji-tanpa-bukti") == ()


@pytest.mark.parametrize(("row", "fragment"), [
    ("99-L2-01,99,2,Dokumen,uji,1", "kolom 'indicator', nilai '99'"),
    ("11-L6-01,11,6,Dokumen,uji,1", "kolom 'level', nilai '6'"),
    ("11-L2-1,11,2,Dokumen,uji,1", "kode harus berbentuk 11-L2-nn"),
    ("11-L3-01,11,2,Dokumen,uji,1", "kolom 'code', nilai '11-L3-01'"),
    ("11-L2-01,11,2,Dokumen,uji,ya", "kolom public harus 1 atau 0"),
    ("11-L2-01,11,2,,uji,1", "butir dan sumber tidak boleh kosong"),
    ("11-L2-01,11,2,Dokumen,uji,1\n11-L2-01,11,2,Lagi,uji,1", "baris 3, kolom 'code'"),
])
def test_bad_evidence_data_names_row_and_column(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, row: str, fragment: str) -> None:
    new_id = f"uji-{abs(hash(row))}"
    copy_with_evidence(tmp_path, monkeypatch, new_id, HEADER + row + "\n")
    with pytest.raises(InputError) as err:
        load_evidence(new_id)
    assert fragment in str(err.value) and "evidence.csv" in str(err.value)


# --- status file -------------------------------------------------------------------------------

def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_example_status_file() -> None:
    read = read_evidence_status(EXAMPLES / "bukti-spbe-cukup.csv", SPBE)
    assert read.name == "bukti-spbe-cukup"
    assert read.statuses["11-L2-01"] is EvidenceStatus.ACCEPTED
    assert read.statuses["12-L2-01"] is EvidenceStatus.REVISE
    assert "16-L3-01" not in read.notes and read.notes["12-L2-01"]


def test_aliases_semicolons_case_and_blank_status(tmp_path: Path) -> None:
    path = write(tmp_path / "b.csv", "Kode Bukti;Status;Keterangan\n"
                 "i1-l2-01;DITERIMA;ok\nI1-L2-02;;\nI1-L3-01; revisi ;\n")
    read = read_evidence_status(path, PEMDI)
    assert read.statuses == {"I1-L2-01": EvidenceStatus.ACCEPTED,
                             "I1-L2-02": EvidenceStatus.MISSING,
                             "I1-L3-01": EvidenceStatus.REVISE}
    assert read.notes == {"I1-L2-01": "ok"}


def test_header_only_file_means_nothing_accepted(tmp_path: Path) -> None:
    assert read_evidence_status(write(tmp_path / "b.csv", "kode,status\n"), SPBE).statuses == {}


def test_xlsx_sheet_bukti(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "lain"  # type: ignore[union-attr]
    sheet = workbook.create_sheet("bukti")
    sheet.append(["kode", "status"])
    sheet.append(["11-L2-01", "diterima"])
    path = tmp_path / "b.xlsx"
    workbook.save(path)
    assert read_evidence_status(path, SPBE).statuses == {"11-L2-01": EvidenceStatus.ACCEPTED}


@pytest.mark.parametrize(("text", "fragments"), [
    ("kode,status\n11-L9-01,diterima\n",
     ("b.csv, baris 2, kolom 'kode', nilai '11-L9-01'", "tidak dikenal dalam Indeks SPBE")),
    ("kode,status\nI1-L2-01,diterima\n", ("nilai 'I1-L2-01'", "mis. 1-L1-01")),
    ("kode,status\n,diterima\n", ("baris 2, kolom 'kode', nilai ''",)),
    ("kode,status\n11-L2-01,diterima\n11-l2-01,belum\n",
     ("baris 3, kolom 'kode'", "sudah ada di baris 2")),
    ("kode,status\n11-L2-01,ok\n",
     ("baris 2, kolom 'status', nilai 'ok'", "diterima, revisi atau belum")),
    ("kode,catatan\n11-L2-01,x\n", ("kolom wajib tidak ada", "'status'")),
])
def test_bad_status_rows(tmp_path: Path, text: str, fragments: tuple[str, ...]) -> None:
    with pytest.raises(InputError) as err:
        read_evidence_status(write(tmp_path / "b.csv", text), SPBE)
    for fragment in fragments:
        assert fragment in str(err.value)
