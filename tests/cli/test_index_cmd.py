"""``roadmap index``: the text table, the JSON contract and every bad input (exit 2)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLES, ROOT, CliResult, validate_contract

Cli = Callable[..., CliResult]
# A fixed SPBE profile (the former bundled 'cukup' example) for hand-computed text output.
PROFILE_A = ROOT / "tests" / "data" / "spbe-profile-a.csv"


def write_csv(path: Path, rows: list[tuple[object, object]], sep: str = ";") -> Path:
    text = f"indikator{sep}tingkat\n" + "".join(f"{a}{sep}{b}\n" for a, b in rows)
    path.write_text(text, encoding="utf-8")
    return path


def spbe_rows(**changes: object) -> list[tuple[object, object]]:
    """All 47 indicators at level 2; ``i5=0`` sets indicator 5."""
    levels: dict[int, object] = {i: 2 for i in range(1, 48)}
    levels.update({int(k[1:]): v for k, v in changes.items()})
    return list(levels.items())


def pemdi_rows(**changes: object) -> list[tuple[object, object]]:
    values: dict[str, object] = {f"I{i}": "1,50" for i in range(1, 21)}
    values.update(changes)
    return list(values.items())


# --- text output -------------------------------------------------------------------------------

def test_text_spbe_profile_a(cli: Cli) -> None:
    result = cli("index", PROFILE_A)
    assert result.code == 0, result.err
    out = result.out
    assert "Indeks SPBE — spbe-profile-a" in out
    # domain 1: 1.3*(2+2+2+2+1+2+1+2+1+3)/13 = 1.8; aspect 2: 2.5*(1+1+2+2)/10 = 1.5
    assert "Domain 1 Kebijakan Internal SPBE (bobot 13,00%) — indeks 1,80" in out
    assert "Aspek 2 Perencanaan Strategis SPBE (bobot 10,00%) — indeks 1,50" in out
    assert "Domain 4 Layanan SPBE (bobot 45,50%)" in out
    assert "Aspek 8 Layanan Publik Berbasis Elektronik" in out
    assert "Arsitektur SPBE" in out and "Peta Rencana SPBE" in out
    # 23.4 + 15 + 17.5 + 10 + 13.5 + 4.5 + 66 + 42 = 191.9 over the 8 aspects -> 1.919
    assert "Indeks SPBE: 1,92 — predikat Cukup" in out
    # 2.6 - 1.919 = 0.681
    assert "Menuju predikat Baik (2,60): kurang 0,68 poin indeks" in out
    assert "Peringatan" not in out
    # grouping: the domain line comes before its aspect, which comes before its indicators
    assert out.index("Domain 2 Tata Kelola") < out.index("Aspek 2 Perencanaan") \
        < out.index("11 Arsitektur SPBE") < out.index("Domain 3 Manajemen")


def test_text_spbe_baik_and_xlsx_same_as_csv(cli: Cli) -> None:
    from_csv = cli("index", EXAMPLES / "spbe-baik.csv")
    from_xlsx = cli("index", EXAMPLES / "spbe-baik.xlsx")
    assert from_csv.code == from_xlsx.code == 0
    assert "Indeks SPBE: 2,90 — predikat Baik" in from_csv.out
    # 3.5 - 2.8985 = 0.6015
    assert "Menuju predikat Sangat Baik (3,50): kurang 0,60 poin indeks" in from_csv.out
    assert from_xlsx.out == from_csv.out


def test_text_pemdi_kurang(cli: Cli) -> None:
    result = cli("index", EXAMPLES / "pemdi-kurang.csv")
    assert result.code == 0, result.err
    out = result.out
    assert "Indeks Pemdi: 1,31 — predikat Kurang" in out
    # 1.5 - 1.3086 = 0.1914
    assert "Menuju predikat Cukup (1,50): kurang 0,19 poin indeks" in out
    assert "Aspek 7 Kepuasan Pengguna Layanan Digital Pemerintah (bobot 25,00%)" in out
    assert "Domain" not in out
    assert "Tata Kelola Data" in out and "(dari SDI=25, dinilai instansi lain)" in out
    assert "nilai 1,26" in out


def test_text_level_zero_warning(cli: Cli, tmp_path: Path) -> None:
    # all 2, indicators 5 and 7 (w 1.3) at 0: (200 - 2*2.6)/100 = 1.948
    result = cli("index", write_csv(tmp_path / "p.csv", spbe_rows(i5=0, i7=0)))
    assert result.code == 0, result.err
    assert "Indeks SPBE: 1,95 — predikat Cukup" in result.out
    assert "Peringatan: indikator belum dinilai (tingkat 0, dihitung 0): 5, 7" in result.out
    assert "belum dinilai" in result.out.split("Kebijakan Internal Layanan Pusat Data")[1]


def test_text_top_band(cli: Cli, tmp_path: Path) -> None:
    result = cli("index", write_csv(tmp_path / "p.csv", spbe_rows(**{f"i{i}": 5 for i in
                                                                      range(1, 48)})))
    assert "Indeks SPBE: 5,00 — predikat Memuaskan" in result.out
    assert "Predikat tertinggi sudah tercapai." in result.out


# --- JSON ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "index", "predicate", "domains", "aspects"),
    # spbe-cukup: 35.1 + 15 + 17.5 + 12.5 + 13.5 + 4.5 + 60.5 + 36 = 194.6 over the 8 aspects
    # (see tests/test_index.py::test_bundled_examples for the per-aspect products)
    [("spbe-cukup", 1.946, "Cukup", 4, 8), ("spbe-baik", 2.8985, "Baik", 4, 8),
     ("pemdi-kurang", 1.3086, "Kurang", 0, 7)],
)
def test_json_contract(cli: Cli, name: str, index: float, predicate: str, domains: int,
                       aspects: int) -> None:
    result = cli("index", EXAMPLES / f"{name}.csv", "--json")
    assert result.code == 0, result.err
    payload = result.json()
    validate_contract("index", payload)
    assert isinstance(payload, dict)
    assert payload["index"] == pytest.approx(index, abs=1e-9)
    assert payload["index"] != round(index, 2)  # unrounded
    assert payload["predicate"] == predicate
    assert len(payload["domains"]) == domains
    assert len(payload["aspects"]) == aspects
    assert list(payload["aspects"]) == [str(i) for i in range(1, aspects + 1)]
    # the overall index is the weight-average of the aspect indices
    average = sum(a["index"] * a["weight"] for a in payload["aspects"].values()) / 100
    assert payload["index"] == pytest.approx(average)


def test_json_spbe_details(cli: Cli, tmp_path: Path) -> None:
    # all 2, 11 -> 5 and 12 -> 4 (w 2.5), 5 -> 0 (w 1.3): 200 + 7.5 + 5 - 2.6 = 209.9
    result = cli("index", write_csv(tmp_path / "p.csv", spbe_rows(i11=5, i12=4, i5=0)), "--json")
    payload = result.json()
    validate_contract("index", payload)
    assert payload["framework"] == "spbe-2020"
    assert payload["index"] == pytest.approx(2.099)
    # domain 1: 1.3*(2*9 + 0)/13 = 1.8; aspect 2: 2.5*(5 + 4 + 2 + 2)/10 = 3.25
    assert payload["domains"]["1"]["index"] == pytest.approx(1.8)
    assert payload["domains"]["1"]["name"] == "Kebijakan Internal SPBE"
    assert payload["aspects"]["2"]["index"] == pytest.approx(3.25)
    assert payload["aspects"]["2"]["weight"] == 10
    assert payload["unassessed"] == [5]
    assert payload["next_predicate"] == "Baik"
    assert payload["gap_to_next_predicate"] == pytest.approx(2.6 - 2.099)
    first = payload["indicators"][0]
    assert first == {"indicator": 1, "name": "Kebijakan Internal Arsitektur SPBE", "weight": 1.3,
                     "value": 2.0, "source": None}


def test_json_pemdi_ids_and_sources(cli: Cli) -> None:
    payload = cli("index", EXAMPLES / "pemdi-kurang.csv", "--json").json()
    assert payload["domains"] == {}
    by_id = {i["indicator"]: i for i in payload["indicators"]}
    assert by_id["I5"]["value"] == 2.0 and by_id["I5"]["source"] == "SDI=25"
    assert by_id["I10"]["value"] == 1.26
    assert payload["unassessed"] == []


def test_json_with_explicit_framework(cli: Cli) -> None:
    result = cli("index", EXAMPLES / "pemdi-kurang.xlsx", "--framework", "pemdi-2026", "--json")
    assert result.code == 0
    assert result.json()["index"] == pytest.approx(1.3086)


# --- bad inputs ---------------------------------------------------------------------------------

def _sheets_without_penilaian(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "foo"
    workbook.create_sheet("bar")
    workbook.save(path)
    return path


def _big(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    return path


def _many_rows(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "penilaian"
    sheet.append(["indikator", "tingkat"])
    for _ in range(10_001):
        sheet.append([1, 2])
    workbook.save(path)
    return path


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")

# name -> (builder, expected message fragments); a builder gets tmp_path
BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "missing": (lambda d: write_csv(d / "p.csv", spbe_rows()[:-1]),
                ("p.csv", "kolom 'indikator'", "1 indikator Indeks SPBE tidak ada: 47")),
    "duplicate": (lambda d: write_csv(d / "p.csv", spbe_rows() + [(5, 3)]),
                  ("p.csv, baris 49, kolom 'indikator', nilai '5'", "ganda")),
    "unknown-0": (lambda d: write_csv(d / "p.csv", spbe_rows()[:-1] + [(0, 2)]),
                  ("p.csv, baris 48, kolom 'indikator', nilai '0'", "tidak dikenal")),
    "unknown-48": (lambda d: write_csv(d / "p.csv", spbe_rows()[:-1] + [(48, 2)]),
                   ("p.csv, baris 48, kolom 'indikator', nilai '48'", "tidak dikenal")),
    "unknown-x": (lambda d: write_csv(d / "p.csv", spbe_rows()[:-1] + [("x", 2)]),
                  ("p.csv, baris 48, kolom 'indikator', nilai 'x'", "tidak dikenal")),
    "level-6": (lambda d: write_csv(d / "p.csv", spbe_rows(i47=6)),
                ("p.csv, baris 48, kolom 'tingkat', nilai '6'", "di luar rentang 0..5")),
    "level-minus-1": (lambda d: write_csv(d / "p.csv", spbe_rows(i47=-1)),
                      ("p.csv, baris 48, kolom 'tingkat', nilai '-1'", "di luar rentang")),
    "level-2.5": (lambda d: write_csv(d / "p.csv", spbe_rows(i47="2.5")),
                  ("p.csv, baris 48, kolom 'tingkat', nilai '2.5'", "bilangan bulat")),
    "level-tiga": (lambda d: write_csv(d / "p.csv", spbe_rows(i47="tiga")),
                   ("p.csv, baris 48, kolom 'tingkat', nilai 'tiga'", "bukan angka")),
    "level-2,5-unquoted": (lambda d: write_csv(d / "p.csv", spbe_rows(i47="2,5"), sep=","),
                           ("p.csv, baris 48, nilai '47,2,5'", "judul kolom")),
    "pemdi-0.5": (lambda d: write_csv(d / "p.csv", pemdi_rows(I20="0,5")),
                  ("p.csv, baris 21, kolom 'tingkat', nilai '0,5'", "1,00 dan 5,00")),
    "pemdi-5.5": (lambda d: write_csv(d / "p.csv", pemdi_rows(I20="5,5")),
                  ("p.csv, baris 21, kolom 'tingkat', nilai '5,5'", "1,00 dan 5,00")),
    "spbe-id-in-pemdi": (lambda d: write_csv(d / "p.csv", pemdi_rows()[:-1] + [("21", "2")]),
                         ("p.csv, baris 21, kolom 'indikator', nilai '21'", "spbe-2020")),
    "sdi-out-of-range": (lambda d: write_csv(d / "p.csv", pemdi_rows(I5="SDI=120")),
                         ("p.csv, baris 6, kolom 'tingkat', nilai 'SDI=120'", "0 dan 100")),
    "sdi-on-wrong-indicator": (lambda d: write_csv(d / "p.csv", pemdi_rows(I1="SDI=25")),
                               ("p.csv, baris 2, kolom 'tingkat', nilai 'SDI=25'",
                                "tidak dinilai dari indeks SDI")),
    "empty": (lambda d: _bytes(d / "kosong.csv", b""), ("kosong.csv: berkas kosong",)),
    "header-only": (lambda d: _bytes(d / "judul.csv", b"indikator;tingkat\n"),
                    ("judul.csv", "hanya judul kolom")),
    "no-level-column": (lambda d: _bytes(d / "p.csv", b"indikator;catatan\n1;x\n"),
                        ("p.csv", "kolom wajib tidak ada: 'level'")),
    "wrong-sheet": (lambda d: _sheets_without_penilaian(d / "lembar.xlsx"),
                    ("lembar.xlsx", "lembar 'penilaian' tidak ada", "foo, bar")),
    "random-bytes-xlsx": (lambda d: _bytes(d / "acak.xlsx", bytes(range(256)) * 4),
                          ("acak.xlsx", "bukan berkas Excel")),
    "png-named-csv": (lambda d: _bytes(d / "gambar.csv", PNG), ("gambar.csv", "bukan berkas CSV")),
    "pdf": (lambda d: _bytes(d / "laporan.pdf", b"%PDF-1.4\n"), ("laporan.pdf", "'.pdf'")),
    "over-20-mb": (lambda d: _big(d / "besar.csv"), ("besar.csv", "lebih dari 20 MB")),
    "over-10000-rows": (lambda d: _many_rows(d / "banyak.xlsx"),
                        ("banyak.xlsx", "lebih dari 10000 baris")),
    "not-found": (lambda d: d / "tidak-ada.csv", ("tidak-ada.csv", "tidak ditemukan")),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_bad_input_exits_2_with_one_line(cli: Cli, tmp_path: Path, case: str,
                                         as_json: bool) -> None:
    build, fragments = BAD_INPUTS[case]
    path = build(tmp_path)
    before = (path.read_bytes(), path.stat().st_mtime_ns) if path.exists() else None
    result = cli("index", path, *(["--json"] if as_json else []))
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("Kesalahan: ")
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    if before is not None:
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_unknown_framework_option(cli: Cli) -> None:
    result = cli("index", EXAMPLES / "spbe-cukup.csv", "--framework", "spbe-2019")
    assert result.code == 2
    assert result.err.strip() == (
        "Kesalahan: kerangka 'spbe-2019' tidak dikenal; pilihan: pemdi-2026, spbe-2020"
    )


def test_wrong_framework_option(cli: Cli) -> None:
    result = cli("index", EXAMPLES / "pemdi-kurang.csv", "--framework", "spbe-2020")
    assert result.code == 2
    assert "pemdi-kurang.csv, baris 2, kolom 'indikator', nilai 'I1'" in result.err
    assert "(ini id kerangka pemdi-2026)" in result.err


def test_examples_are_not_modified(cli: Cli, tmp_path: Path) -> None:
    for name in ("spbe-cukup.xlsx", "pemdi-kurang.csv"):
        copy = tmp_path / name
        shutil.copy2(EXAMPLES / name, copy)
        before = (copy.read_bytes(), copy.stat().st_mtime_ns)
        assert cli("index", copy, "--json").code == 0
        assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pemdi-kurang.csv", "spbe-cukup.xlsx"]


# --- --bukti: evidence status file -------------------------------------------------------------

BUKTI = EXAMPLES / "bukti-spbe-cukup.csv"


def test_bukti_raises_the_level_and_lists_missing_items(cli: Cli) -> None:
    before = cli("index", EXAMPLES / "spbe-cukup.csv")
    result = cli("index", EXAMPLES / "spbe-cukup.csv", "--bukti", BUKTI)
    assert result.code == 0, result.err
    out = result.out
    assert "Data dukung — bukti-spbe-cukup: 2 dari 5 butir diterima" in out
    assert "  11 Arsitektur SPBE: 1 → 2" in out
    assert "11 Arsitektur SPBE                                                bobot  2,50  nilai" \
        "    2 Terkelola" in out
    # 11 goes 1 -> 2 (weight 2.5 of 100): the index rises by 0.025
    assert "Indeks SPBE: 1,95" in before.out and "Indeks SPBE: 1,97" in out
    assert "  11 Arsitektur SPBE — tingkat 3 Terdefinisi" in out
    assert "11-L3-01   [belum]" in out
    assert "12-L2-01   [revisi]" in out            # 12 stays at 1: its item needs revision
    assert "16-L3-02   [belum]" in out and "16-L3-01" not in out   # 16 stays: one of two
    assert "47-L3-01   [tidak ada di berkas]" in out


def test_bukti_json_keeps_the_contract_and_adds_evidence(cli: Cli) -> None:
    result = cli("index", EXAMPLES / "spbe-cukup.csv", "--bukti", BUKTI, "--json")
    assert result.code == 0, result.err
    payload = result.json()
    validate_contract("index", payload)
    assert isinstance(payload, dict)
    evidence = payload["evidence"]
    assert evidence["raised"] == [{"indicator": 11, "from": 1.0, "to": 2.0}]
    assert evidence["accepted"] == 2
    codes = {m["code"]: m["status"] for m in evidence["missing"]}
    assert codes["12-L2-01"] == "revisi" and codes["13-L3-01"] is None
    assert "11-L2-01" not in codes
    value = next(i["value"] for i in payload["indicators"] if i["indicator"] == 11)
    assert value == 2.0


def test_bukti_pemdi_decimal_value_rises_to_whole_level(cli: Cli, tmp_path: Path) -> None:
    assessment = write_csv(tmp_path / "p.csv", pemdi_rows(I1="1,42"))
    bukti = tmp_path / "b.csv"
    bukti.write_text("kode,status\nI1-L2-01,diterima\nI1-L2-02,diterima\n", encoding="utf-8")
    result = cli("index", assessment, "--bukti", bukti, "--json")
    assert result.code == 0, result.err
    payload = result.json()
    assert isinstance(payload, dict)
    assert payload["evidence"]["raised"] == [{"indicator": "I1", "from": 1.42, "to": 2.0}]


def test_bukti_unknown_code_is_one_line_exit_2(cli: Cli, tmp_path: Path) -> None:
    bukti = tmp_path / "b.csv"
    bukti.write_text("kode,status\n11-L2-01,diterima\n11-L7-01,diterima\n", encoding="utf-8")
    result = cli("index", EXAMPLES / "spbe-cukup.csv", "--bukti", bukti)
    assert result.code == 2 and result.out == ""
    assert "b.csv, baris 3, kolom 'kode', nilai '11-L7-01'" in result.err
    assert result.err.strip().count("\n") == 0
