"""Reading dependency rules, and the bundled default rules."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from roadmap.dependencies import RULE_SOURCES, Rule
from roadmap.errors import InputError
from roadmap.io.framework_files import load_framework
from roadmap.io.rules_file import read_default_rules, read_rules

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")
HEADER = "indicator,level,requires_indicator,requires_level\n"


def rules_csv(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "aturan.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def error_of(path: Path, framework=SPBE) -> InputError:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        read_rules(path, framework)
    return info.value


def test_reads_rules(tmp_path: Path) -> None:
    path = rules_csv(tmp_path, "21,2,11,2,Belu,berita\n22,3,21,3,,pedoman\n",
                     header="Indikator,Tingkat,Indikator_Prasyarat,Tingkat_Prasyarat,Alasan,Sumber\n")
    assert read_rules(path, SPBE) == (
        Rule("21", 2, "11", 2, "Belu", "berita"),
        Rule("22", 3, "21", 3, "", "pedoman"),
    )


def test_pemdi_codes_are_resolved(tmp_path: Path) -> None:
    path = rules_csv(tmp_path, "1.2,2,IK-01,2\nI13,3,I1,3\n")
    assert read_rules(path, PEMDI) == (Rule("I2", 2, "I1", 2), Rule("I13", 3, "I1", 3))


def test_header_only_means_no_rules(tmp_path: Path) -> None:
    assert read_rules(rules_csv(tmp_path, ""), SPBE) == ()


def test_rules_sheet_of_a_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "penilaian"
    sheet = workbook.create_sheet("ketergantungan")
    sheet.append(["indicator", "level", "requires_indicator", "requires_level"])
    sheet.append([21, 2, 11, 2])
    workbook.save(tmp_path / "p.xlsx")
    assert read_rules(tmp_path / "p.xlsx", SPBE) == (Rule("21", 2, "11", 2),)


def test_missing_columns(tmp_path: Path) -> None:
    err = error_of(rules_csv(tmp_path, "21,2,11\n", header="indicator,level,requires_indicator\n"))
    assert err.file == "aturan.csv"
    assert err.message.startswith("kolom wajib tidak ada: 'requires_level' (atau ")


@pytest.mark.parametrize(
    ("body", "column", "value"),
    [("99,2,11,2\n", "indicator", "99"), ("21,2,x,2\n", "requires_indicator", "x"),
     (",2,11,2\n", "indicator", "")],
)
def test_unknown_indicator(tmp_path: Path, body: str, column: str, value: str) -> None:
    err = error_of(rules_csv(tmp_path, body))
    assert (err.file, err.row, err.column, err.value) == ("aturan.csv", 2, column, value)
    assert err.message == "indikator tidak dikenal dalam Indeks SPBE"


@pytest.mark.parametrize(
    ("body", "column", "value"),
    [("21,6,11,2\n", "level", "6"), ("21,2,11,6\n", "requires_level", "6"),
     ("21,0,11,2\n", "level", "0"), ("21,2.5,11,2\n", "level", "2.5"),
     ("21,dua,11,2\n", "level", "dua"), ("21,²,11,2\n", "level", "²"),
     (f"21,{'9' * 400},11,2\n", "level", "9" * 400)],
)
def test_bad_level(tmp_path: Path, body: str, column: str, value: str) -> None:
    err = error_of(rules_csv(tmp_path, body))
    assert (err.row, err.column, err.value) == (2, column, value)
    assert err.message.startswith("tingkat")


@pytest.mark.parametrize("framework", [SPBE, PEMDI], ids=["spbe", "pemdi"])
def test_default_rules_have_reason_and_source(framework) -> None:  # type: ignore[no-untyped-def]
    rules = read_default_rules(framework)
    assert rules
    assert RULE_SOURCES == ("pedoman", "penjelasan", "berita", "asumsi")
    for rule in rules:
        assert rule.reason.strip(), rule
        assert rule.source in RULE_SOURCES, rule
        assert rule.indicator in framework.indicator_ids
        assert rule.requires_indicator in framework.indicator_ids


def test_spbe_default_rules_include_the_belu_practice() -> None:
    # the seed from Kabupaten Belu: 21-31 at level 2 need Arsitektur (11) and Peta Rencana (12)
    rules = {(r.indicator, r.level, r.requires_indicator, r.requires_level): r.source
             for r in read_default_rules(SPBE)}
    for indicator in range(21, 32):
        for required in ("11", "12"):
            assert rules.get((str(indicator), 2, required, 2)) == "berita"
