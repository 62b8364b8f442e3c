"""Reading CSV and XLSX tables: delimiters, encodings, aliases, sheets and hostile files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from roadmap.errors import InputError
from roadmap.io.tables import MAX_FILE_BYTES, MAX_ROWS, is_blank, read_table, sheet_names

ALIASES = {"indicator": ("indikator", "no"), "level": ("tingkat", "nilai")}
REQUIRED = ("indicator", "level")


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def read(path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    return read_table(path, ALIASES, REQUIRED, **kwargs)  # type: ignore[arg-type]


def cells(path: Path, **kwargs: object) -> list[tuple[int, object, object]]:
    return [(r.number, r.get("indicator"), r.get("level")) for r in read(path, **kwargs)]


@pytest.mark.parametrize(
    "content",
    [
        "indikator,tingkat\n1,2\n11,3\n",
        "indikator;tingkat\n1;2\n11;3\n",
        "\ufeffindikator;tingkat\n1;2\n11;3\n",
        "\ufeffindikator,tingkat\r\n1,2\r\n11,3\r\n",
        "INDIKATOR , Tingkat\n 1 , 2 \n11,3\n",
    ],
    ids=["comma", "semicolon", "bom-semicolon", "bom-crlf", "case-and-spaces"],
)
def test_csv_forms(tmp_path: Path, content: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(content.encode("utf-8"))
    table = read(path)
    assert [(r.number, r.get("indicator"), r.get("level")) for r in table] == [
        (2, "1", "2"), (3, "11", "3")
    ]
    assert table.file == "t.csv"


def test_semicolon_csv_keeps_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("indikator;nilai\nI1;1,26\nI2;2,5\n", encoding="utf-8")
    assert cells(path) == [(2, "I1", "1,26"), (3, "I2", "2,5")]


def test_quoted_decimal_comma_in_comma_csv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('indikator,nilai\nI1,"1,26"\n', encoding="utf-8")
    assert cells(path) == [(2, "I1", "1,26")]


def test_unquoted_decimal_comma_is_refused_not_truncated(tmp_path: Path) -> None:
    # "I1,1,26" has three cells under a two-column header: reading "1" would be wrong
    path = tmp_path / "t.csv"
    path.write_text("indikator,nilai\nI2,2\nI1,1,26\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(path)
    err = info.value
    assert (err.file, err.row, err.value) == ("t.csv", 3, "I1,1,26")
    assert "lebih banyak dari 2 judul kolom" in err.message


def test_trailing_empty_cells_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("indikator,nilai\n1,2,,\n", encoding="utf-8")
    assert cells(path) == [(2, "1", "2")]


def test_aliases_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Indikator,Nama,NILAI\n1,Kebijakan,2\n", encoding="utf-8")
    table = read(path)
    assert table.headers == {"indicator": "Indikator", "level": "NILAI"}
    assert cells(path) == [(2, "1", "2")]


@pytest.mark.parametrize("header", ["No,Indikator,Nilai", "Indikator,Tingkat,Nilai"])
def test_two_columns_for_one_name_are_an_error_never_a_guess(tmp_path: Path,
                                                             header: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"{header}\n1,5,2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert message.startswith("t.csv, baris 1: kolom ")
    assert "sama-sama bisa berarti" in message
    assert "nama yang diterima" in message and "judul kolom yang ditemukan" in message


def test_two_columns_that_agree_under_a_key_are_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("indikator,no,tingkat\n1,1,2\n2,2,3\n", encoding="utf-8")
    table = read_table(path, ALIASES, REQUIRED, same={"indicator": str})
    assert [r.get("indicator") for r in table] == ["1", "2"]
    path.write_text("indikator,no,tingkat\n1,1,2\n2,3,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="sama-sama bisa berarti 'indicator'"):
        read_table(path, ALIASES, REQUIRED, same={"indicator": str})


def test_blank_rows_are_skipped_and_rows_keep_file_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\nindikator,tingkat\n1,2\n,\n\n3,4\n", encoding="utf-8")
    assert cells(path) == [(3, "1", "2"), (6, "3", "4")]


def test_short_rows_give_none(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("indikator,tingkat\n1\n", encoding="utf-8")
    assert cells(path) == [(2, "1", None)]


def test_missing_required_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("indikator,foo\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert message.startswith("t.csv: kolom wajib tidak ada: 'level' (atau 'tingkat', 'nilai')")
    assert "judul kolom yang ditemukan di baris 1: 'indikator', 'foo'" in message


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n \n", b";;\n;;\n"])
def test_empty_csv(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kosong.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match="^kosong.csv: berkas kosong$"):
        read(path)


def test_header_only_gives_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("indikator,tingkat\n", encoding="utf-8")
    assert read(path).rows == ()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_excel_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("indikator;tingkat\n1;2\n“Perkada” é;3\n".encode(encoding))
    assert cells(path) == [(2, "1", "2"), (3, "“Perkada” é", "3")]


def test_neither_utf8_nor_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"indikator,tingkat\n1,\x81\x8d\n")
    with pytest.raises(InputError, match="dicoba: UTF-8, Windows-1252"):
        read(path)


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_line_ends_of_every_excel(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(newline.join(["indikator;tingkat", "1;2", "3;4", ""]).encode())
    assert cells(path) == [(2, "1", "2"), (3, "3", "4")]


def test_field_over_the_csv_limit(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('indikator;tingkat\n1;"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(path)
    assert str(info.value) == "t.csv, baris 2: CSV rusak: sel lebih dari 131072 karakter"


def test_png_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "gambar.csv"
    path.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 64)
    with pytest.raises(InputError, match="^gambar.csv: bukan berkas CSV"):
        read(path)


@pytest.mark.parametrize("name", ["t.pdf", "t.xls", "t"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputError, match="tidak didukung; gunakan .csv atau .xlsx"):
        read(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="berkas tidak ditemukan"):
        read(tmp_path / "tidak-ada.csv")
    with pytest.raises(InputError, match="ini folder"):
        read(tmp_path)


def test_file_over_20_mb(tmp_path: Path) -> None:
    path = tmp_path / "besar.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match="^besar.csv: berkas lebih dari 20 MB, ditolak$"):
        read(path)


def test_csv_row_limit(tmp_path: Path) -> None:
    ok = tmp_path / "pas.csv"
    ok.write_text("indikator,tingkat\n" + "1,2\n" * MAX_ROWS, encoding="utf-8")
    assert len(read(ok).rows) == MAX_ROWS
    too_many = tmp_path / "banyak.csv"
    too_many.write_text("indikator,tingkat\n" + "1,2\n" * (MAX_ROWS + 1), encoding="utf-8")
    with pytest.raises(InputError, match="lebih dari 10000 baris, ditolak"):
        read(too_many)


def test_xlsx_sheet_over_10000_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "banyak.xlsx",
                      {"penilaian": [["indikator", "tingkat"]] + [[1, 2]] * (MAX_ROWS + 1)})
    with pytest.raises(InputError, match="^banyak.xlsx: buku kerja ditolak: lembar 'penilaian' "
                                         "memiliki lebih dari 10000 baris"):
        read(path, sheet="penilaian")


def test_xlsx_named_sheet_and_types(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", {
        "Petunjuk": [["baca dulu"]],
        "Penilaian": [["Indikator", "Tingkat"], [1, 2], [None, None], ["I5", "SDI=25"]],
    })
    assert cells(path, sheet="penilaian") == [(2, 1, 2), (4, "I5", "SDI=25")]
    assert sheet_names(path) == ["Petunjuk", "Penilaian"]


def test_xlsx_single_sheet_is_read_whatever_its_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", {"Sheet1": [["no", "nilai"], [3, 1.5]]})
    assert cells(path, sheet="penilaian") == [(2, 3, 1.5)]
    with pytest.raises(InputError, match="lembar 'aksi' tidak ada; lembar yang ada: Sheet1"):
        read(path, sheet="aksi", sheet_required=True)


def test_xlsx_wrong_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", {"foo": [["indikator", "tingkat"], [1, 2]],
                                            "bar": [["x"]]})
    with pytest.raises(InputError) as info:
        read(path, sheet="penilaian")
    assert str(info.value) == "t.xlsx: lembar 'penilaian' tidak ada; lembar yang ada: foo, bar"


def _broken_workbooks(tmp_path: Path) -> list[Path]:
    random_bytes = tmp_path / "acak.xlsx"
    random_bytes.write_bytes(bytes(range(256)) * 8)
    csv_text = tmp_path / "teks.xlsx"
    csv_text.write_text("indikator,tingkat\n1,2\n", encoding="utf-8")
    other_zip = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    bad_xml = tmp_path / "xml.xlsx"
    with zipfile.ZipFile(bad_xml, "w") as archive:
        archive.writestr("[Content_Types].xml", "bukan xml <<<")
    good = write_xlsx(tmp_path / "baik.xlsx", {"penilaian": [["indikator", "tingkat"], [1, 2]]})
    broken_sheet = tmp_path / "lembar.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken_sheet, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("xl/worksheets/"):
                data = b"<worksheet><sheetData><row r='1'>"
            archive.writestr(name, data)
    truncated = tmp_path / "potong.xlsx"
    truncated.write_bytes(good.read_bytes()[:2000])
    return [random_bytes, csv_text, other_zip, bad_xml, broken_sheet, truncated]


def test_broken_workbooks_are_input_errors(tmp_path: Path) -> None:
    for path in _broken_workbooks(tmp_path):
        with pytest.raises(InputError) as info:
            read(path, sheet="penilaian")
        assert str(info.value).startswith(f"{path.name}: bukan berkas Excel (.xlsx) yang sah")


def test_table_error_uses_the_files_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Kode;Nilai\n5;7\n", encoding="utf-8")
    alias = {"indicator": ("kode",), "level": ("nilai",)}
    table = read_table(path, alias, REQUIRED)
    err = table.error("di luar rentang", table.rows[0], "level", "7")
    assert str(err) == "t.csv, baris 2, kolom 'Nilai', nilai '7': di luar rentang"


@pytest.mark.parametrize(
    ("value", "blank"),
    [(None, True), ("", True), ("  ", True), (float("nan"), True), (0, False), ("0", False),
     ("x", False)],
)
def test_is_blank(value: object, blank: bool) -> None:
    assert is_blank(value) is blank


def test_reading_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", {"penilaian": [["indikator", "tingkat"], [1, 2]]})
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read(path, sheet="penilaian")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]
