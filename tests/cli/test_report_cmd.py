"""``roadmap report`` and ``roadmap plan --out``: one workbook, never over an existing file or
an input, user errors exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import EXAMPLES, CliResult

Cli = Callable[..., CliResult]
SHEETS = ["Ringkasan", "Rencana Aksi", "Data Dukung", "Skenario Anggaran", "Indikator",
          "Ketergantungan", "Asumsi"]
# A small catalogue and no rules keep the sweeps fast and the plans computable by hand, on the
# spbe-cukup example (indicator 1 at 3, weight 1.3; 12 at 1, weight 2.5; 29 and 30 at 1,
# weight 1.5 each; weights sum to 100). Expected gains: K1 +0.013, K2 +0.05 x 0.8 = +0.04,
# K3 +0.015, K4 +0.015.
ACTIONS = """id,name,effects,cost,probability,months,opd
K1,Revisi kebijakan Arsitektur SPBE,1:4,40 jt,1,3,Diskominfo
K2,Penyusunan Peta Rencana SPBE,12:3,150 jt,0.8,6,Bappeda
K3,Audit TIK,29:2,15 jt,1,2,Inspektorat
K4,"=HYPERLINK(""http://contoh.invalid"")",30:2,15 jt,1,2,Inspektorat
"""


@pytest.fixture
def actions(tmp_path: Path) -> Path:
    path = tmp_path / "aksi.csv"
    path.write_text(ACTIONS, encoding="utf-8")
    return path


@pytest.fixture
def no_rules(tmp_path: Path) -> Path:
    path = tmp_path / "aturan.csv"
    path.write_text("indicator,level,requires_indicator,requires_level\n", encoding="utf-8")
    return path


def sheet_rows(path: Path, sheet: str) -> list[list[object]]:
    return [[c.value for c in row] for row in load_workbook(path)[sheet].iter_rows()]


def test_report_writes_every_sheet_and_the_markdown(cli: Cli, tmp_path: Path, actions: Path,
                                                    no_rules: Path) -> None:
    out, summary = tmp_path / "laporan.xlsx", tmp_path / "ringkasan.md"
    result = cli("report", EXAMPLES / "spbe-cukup.csv", "--budget", "200 jt", "--actions",
                 actions, "--rules", no_rules, "--budgets", "50 jt; 1 M", "--out", out,
                 "--markdown", summary)
    assert result.code == 0, result.err
    assert f"ditulis ke {out}" in result.out
    assert load_workbook(out).sheetnames == SHEETS
    # Rp 200 jt: all four cost 220 jt; K2 + K3 + K4 (180 jt, +0.07) beats K1 + K2 (190 jt,
    # +0.053).
    *plan_rows, total = sheet_rows(out, "Rencana Aksi")[1:]
    assert sorted(r[1] for r in plan_rows) == ["K2", "K3", "K4"]
    assert total[2] == "Jumlah (3 aksi)" and total[7] == 180e6
    names = {r[1]: r[2] for r in plan_rows}
    assert names["K4"] == "=HYPERLINK(\"http://contoh.invalid\")"  # text, not a formula
    summary_rows = {r[0]: r[1] for r in sheet_rows(out, "Ringkasan")[4:]}
    assert summary_rows["Kenaikan indeks harapan"] == pytest.approx(0.07)
    assert summary_rows["Total biaya rencana aksi"] == 180e6
    scenario_rows = sheet_rows(out, "Skenario Anggaran")[1:3]
    # Rp 50 jt: K3 + K4 (30 jt, +0.03) beats K1 (40 jt, +0.013); Rp 1 M buys everything.
    assert [r[:2] for r in scenario_rows] == [[50e6, 30e6], [1e9, 220e6]]
    assert scenario_rows[1][4] == pytest.approx(0.083)
    notes = {r[0]: r[1] for r in sheet_rows(out, "Asumsi")}
    assert notes["Katalog aksi"] == "dari berkas aksi.csv"
    assert notes["Berkas penilaian"] == "spbe-cukup.csv"  # never a local path
    assert load_workbook(out)["Ringkasan"]["A1"].value == "Rencana Aksi SPBE"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Rencana Aksi SPBE\n")
    assert str(tmp_path) not in text
    assert "## Skenario anggaran" in text and "| Rp 50.000.000 |" in text


def test_report_for_a_pemda_and_year_named_after_them(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, actions: Path,
        no_rules: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("report", EXAMPLES / "spbe-cukup.csv", "--budget", "60 jt", "--actions",
                 actions, "--rules", no_rules, "--budgets", "50 jt", "--pemda",
                 "Kabupaten Belu", "--tahun", "2027")
    assert result.code == 0, result.err
    out = tmp_path / "rencana-aksi-spbe-kabupaten-belu-2027.xlsx"
    assert "ditulis ke rencana-aksi-spbe-kabupaten-belu-2027.xlsx" in result.out
    book = load_workbook(out)
    title = "Pemerintah Kabupaten Belu — Rencana Aksi SPBE 2027"
    assert book["Ringkasan"]["A1"].value == book.properties.title == title
    summary = {r[0]: r[1] for r in sheet_rows(out, "Ringkasan")[4:]}
    assert (summary["Pemerintah daerah"], summary["Tahun rencana aksi"]) == (
        "Kabupaten Belu", 2027)
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]
    assert not any(str(EXAMPLES) in c or str(tmp_path) in c for c in cells)


def test_report_refuses_to_overwrite_unless_asked(cli: Cli, tmp_path: Path, actions: Path,
                                                  no_rules: Path) -> None:
    out = tmp_path / "laporan.xlsx"
    out.write_bytes(b"lama")
    args = ("report", EXAMPLES / "spbe-cukup.csv", "--budget", "100 jt", "--actions", actions,
            "--rules", no_rules, "--budgets", "100 jt", "--out", out)
    result = cli(*args)
    assert result.code == 2
    assert result.err.strip() == (f"Kesalahan: {out}: berkas sudah ada; pilih nama lain atau "
                                  "gunakan --overwrite")
    assert out.read_bytes() == b"lama"
    assert cli(*args, "--overwrite").code == 0
    assert load_workbook(out).sheetnames == SHEETS


def test_report_never_writes_over_an_input(cli: Cli, tmp_path: Path) -> None:
    assessment = tmp_path / "penilaian.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["indikator", "tingkat"])
    for indicator in range(1, 48):
        sheet.append([indicator, 2])
    book.save(assessment)
    before = assessment.read_bytes()
    result = cli("report", assessment, "--budget", "100 jt", "--out", assessment, "--overwrite")
    assert result.code == 2
    assert "sama dengan berkas masukan" in result.err
    assert assessment.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (("--out", "laporan.csv", "--budget", "1 M"), "laporan harus berkas .xlsx"),
    (("--out", "laporan.xlsx"), "tentukan --budget atau --target"),
    (("--out", "laporan.xlsx", "--budget", "1 M", "--budgets", "1, 5 M"), "terlalu kecil"),
    (("--out", "laporan.xlsx", "--budget", "1 M", "--tahun", "27"), "--tahun"),
    (("--out", "tidak-ada/laporan.xlsx", "--budget", "1 M"), "folder tujuan tidak ada"),
])
def test_report_user_errors_exit_2(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   args: tuple[str, ...], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("report", EXAMPLES / "spbe-cukup.csv", *args)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_plan_out_writes_the_report(cli: Cli, tmp_path: Path, actions: Path,
                                    no_rules: Path) -> None:
    out = tmp_path / "rencana.xlsx"
    args = ("plan", EXAMPLES / "spbe-cukup.csv", "--budget", "60 jt", "--actions", actions,
            "--rules", no_rules, "--out", out)
    result = cli(*args)
    assert result.code == 0, result.err
    assert f"Laporan Excel ditulis ke {out}" in result.out
    assert load_workbook(out).sheetnames == SHEETS
    # Rp 60 jt: K3 + K4 (30 jt, +0.03) beats K1 + K3 (55 jt, +0.028).
    plan_rows = sheet_rows(out, "Rencana Aksi")[1:-1]
    assert sorted(r[1] for r in plan_rows) == ["K3", "K4"]
    summary = {r[0]: r[1] for r in sheet_rows(out, "Ringkasan")[4:]}
    assert summary["Total biaya rencana aksi"] == 30e6
    assert summary["Kenaikan indeks harapan"] == pytest.approx(0.03)
    # A second run without --overwrite is refused before planning.
    again = cli(*args)
    assert again.code == 2 and "berkas sudah ada" in again.err and again.out == ""


def test_report_with_history_shows_the_calibration(cli: Cli, tmp_path: Path) -> None:
    """With --riwayat the Asumsi sheet lists each calibrated step and the expected index the
    catalogue's own probabilities would give; level-3 claims were mostly rejected, so the
    calibrated plan expects less."""
    out = tmp_path / "laporan.xlsx"
    result = cli("report", EXAMPLES / "spbe-cukup.csv", "--budget", "750 jt", "--budgets",
                 "750 jt", "--riwayat", EXAMPLES / "riwayat-spbe.csv", "--out", out)
    assert result.code == 0, result.err
    rows = {r[0]: r[1:] for r in sheet_rows(out, "Asumsi") if r[0]}
    without = rows["Indeks harapan dengan peluang katalog (tanpa kalibrasi riwayat)"][0]
    step = rows["Peluang dikalibrasi: tingkat 3, semua indikator"]
    assert step[0] < 0.79 and "10 klaim, 2 diterima" in step[1]
    plan = cli("plan", EXAMPLES / "spbe-cukup.csv", "--budget", "750 jt", "--json",
               "--riwayat", EXAMPLES / "riwayat-spbe.csv")
    assert json.loads(plan.out)["expected_index"] < without
