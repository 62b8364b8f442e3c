"""The workbook reads the Indonesian way in a spreadsheet set to another locale.

LibreOffice, run headless in an en-US locale, exports every sheet "as shown" (formatted) to
CSV; the rupiah and decimals must keep Indonesian separators there. Needs LibreOffice Calc
(Debian: ``apt-get install libreoffice-calc-nogui``).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from roadmap.plan import Plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Comma-separated, UTF-8, every sheet (-1), cells as shown, en-US (1033) for the import side.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1"

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install "
                            "libreoffice-calc-nogui")


@pytest.fixture(scope="module")
def shown(workbook_path: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, list[list[str]]]:
    """Each sheet's cells as LibreOffice shows them in en-US."""
    folder = tmp_path_factory.mktemp("csv")
    profile = folder / "profil"
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8",
           "LANGUAGE": "en_US"}
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", CSV_FILTER, "--outdir", str(folder), str(workbook_path)],
                   env=env, check=True, capture_output=True, timeout=180)
    sheets = {}
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem.removeprefix(workbook_path.stem + "-")] = list(csv.reader(handle))
    return sheets


def beside(rows: list[list[str]], label: str) -> str:
    return next(row[1] for row in rows if row and row[0] == label).strip()


def test_rupiah_and_decimals_in_an_english_locale(shown: dict[str, list[list[str]]],
                                                 plan: Plan) -> None:
    summary = shown["Ringkasan"]
    assert beside(summary, "Anggaran") == "Rp 350.000.000"
    assert beside(summary, "Total biaya rencana aksi") == "Rp 350.000.000"
    assert beside(summary, "Indeks harapan setelah rencana aksi") == "1,50"
    assert beside(summary, "Kenaikan indeks harapan") == "0,50"
    actions = shown["Rencana Aksi"]
    header = actions[0]
    b = next(row for row in actions if row[1] == "B")
    assert b[header.index("Biaya")] == "Rp 200.000.000"
    assert b[header.index("Peluang diterima")] == "50%"
    total = actions[len(plan.selected) + 1]
    assert total[header.index("Biaya")] == "Rp 350.000.000"
    indicators = shown["Indikator"]
    four = next(row for row in indicators if row[0] == "4")
    assert four[indicators[0].index("Sumbangan ke indeks")].strip() == "0,2000"
    assert four[indicators[0].index("Nilai harapan")].strip() == "1,50"


def test_no_english_separators_anywhere(shown: dict[str, list[list[str]]]) -> None:
    money = [cell for rows in shown.values() for row in rows for cell in row
             if cell.startswith("Rp ")]
    assert money and all("," not in cell for cell in money)
