"""Generated hostile input (hypothesis) for every reader and every option parser.

Readers and parsers must answer with a value in range or an ``InputError``; through the CLI,
status 0 or status 2 with one line; never a traceback; the input file never changes. The number
of examples per test is ``ROADMAP_FUZZ_EXAMPLES`` (40 in CI).
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap.cli.options import months_value, plan_options, seconds_value
from roadmap.errors import InputError
from roadmap.io.actions_file import read_catalogue
from roadmap.io.assessment_file import read_assessment
from roadmap.io.crosswalk_file import read_crosswalk
from roadmap.io.framework_files import load_framework
from roadmap.io.rules_file import read_rules
from roadmap.numbers import parse_budgets
from tests.fuzz.bombs import SHEET, STYLES, small_workbook, write_zip
from tests.fuzz.harness import CORPUS, FUZZ, run_cli

SPBE = load_framework("spbe-2020")
CROSSWALK = Path(__file__).parents[2] / "data" / "crosswalk" / "spbe-2020_to_pemdi-2026.csv"
BASE = CORPUS / "penilaian-baik.csv"
ACTIONS = CORPUS / "aksi-kecil.csv"
NO_RULES = CORPUS / "aturan-kosong.csv"

# Texts that look like numbers, near-numbers and hostile strings, in one strategy.
cells = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789,.;:%-+ eEMjtRpTrb²٣\u00a0", max_size=25),
    st.sampled_from(["9" * 400, "1e400", "nan", "inf", "-0", "1" + "0" * 24, "80%", "0.5",
                     "11:²", "=1+1", "\t=1", "\r", '"', "\x00"]),
)
separators = st.sampled_from([",", ";"])
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])
line_ends = st.sampled_from(["\n", "\r\n", "\r"])
# Generated files go to one folder removed at exit (hypothesis runs many examples per test).
WORK = Path(tempfile.mkdtemp(prefix="roadmap-fuzz-"))
atexit.register(shutil.rmtree, WORK, True)
_numbers = itertools.count()


def fresh(name: str) -> Path:
    """A new empty folder under ``WORK`` and the path ``name`` inside it."""
    folder = WORK / str(next(_numbers))
    folder.mkdir()
    return folder / name


def write(text: str, encoding: str) -> Path:
    path = fresh("masukan.csv")
    path.write_bytes(text.encode(encoding, errors="replace"))
    return path


def read_or_refuse(read: Callable[[Path], object], path: Path) -> None:
    data = path.read_bytes()
    try:
        read(path)
    except InputError as err:
        assert "\n" not in str(err)
    assert path.read_bytes() == data


def table(header: list[str], rows: list[list[str]], sep: str, end: str) -> str:
    def quoted(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',;"\r\n') else cell
    return end.join(sep.join(quoted(c) for c in row) for row in [header, *rows]) + end


@FUZZ
@given(cell=cells, row=st.integers(0, 46), sep=separators, enc=encodings, end=line_ends)
def test_assessment_cells(cell: str, row: int, sep: str, enc: str, end: str) -> None:
    rows = [[str(i), "2"] for i in range(1, 48)]
    rows[row][1] = cell
    path = write(table(["indikator", "tingkat"], rows, sep, end), enc)
    read_or_refuse(read_assessment, path)


@FUZZ
@given(data=st.binary(max_size=600))
def test_assessment_bytes(data: bytes) -> None:
    path = fresh("acak.csv")
    path.write_bytes(b"indikator;tingkat\n" + data)
    read_or_refuse(read_assessment, path)


@FUZZ
@given(cells=st.lists(cells, min_size=6, max_size=6), sep=separators, end=line_ends)
def test_catalogue_cells(cells: list[str], sep: str, end: str) -> None:
    header = ["id", "name", "effects", "cost", "probability", "months", "opd", "requires"]
    rows = [["K1", "Perbup", "1:3", "40000000", "0,9", "5", "Diskominfo", ""],
            ["K2", *cells[:5], "Bappeda", cells[5]]]
    path = write(table(header, rows, sep, end), "utf-8")
    read_or_refuse(lambda p: read_catalogue(p, SPBE), path)


@FUZZ
@given(cells=st.lists(cells, min_size=4, max_size=4), sep=separators)
def test_rules_cells(cells: list[str], sep: str) -> None:
    header = ["indicator", "level", "requires_indicator", "requires_level"]
    path = write(table(header, [cells], sep, "\n"), "utf-8")
    read_or_refuse(lambda p: read_rules(p, SPBE), path)


@FUZZ
@given(cell=cells, row=st.integers(1, 20), column=st.integers(0, 3))
def test_crosswalk_cells(cell: str, row: int, column: int) -> None:
    lines = CROSSWALK.read_text(encoding="utf-8").splitlines()
    path = fresh(CROSSWALK.name)
    head, *rest = lines
    cells_of_row = rest[row - 1].split(",")
    if column < len(cells_of_row):
        cells_of_row[column] = '"' + cell.replace('"', '""') + '"'
    rest[row - 1] = ",".join(cells_of_row)
    path.write_text("\n".join([head, *rest]) + "\n", encoding="utf-8")
    read_or_refuse(read_crosswalk, path)


@pytest.mark.filterwarnings("error::UserWarning")  # openpyxl's notes must not reach stderr
@FUZZ
@given(part=st.sampled_from([SHEET, STYLES, "xl/workbook.xml", "[Content_Types].xml"]),
       at=st.integers(0, 4000), junk=st.binary(min_size=1, max_size=40))
def test_damaged_workbooks(part: str, at: int, junk: bytes) -> None:
    parts = small_workbook()
    data = parts[part]
    position = at % len(data)
    parts[part] = data[:position] + junk + data[position + len(junk):]
    read_or_refuse(read_assessment, write_zip(fresh("rusak.xlsx"), dict(parts)))


# --- option parsers ------------------------------------------------------------------------

@FUZZ
@given(budget=cells, target=cells, opd=cells, months=cells, seconds=cells)
def test_plan_option_parsers(budget: str, target: str, opd: str, months: str,
                             seconds: str) -> None:
    for parse in (months_value, seconds_value):
        try:
            parse(months if parse is months_value else seconds)
        except InputError:
            pass
    for kwargs in ({"budget": budget}, {"target": target}, {"opd_budget": [f"Dinas={opd}"]},
                   {"opd_max": [f"Dinas={opd}"]}):
        options = {"budget": None, "target": None, "force": None, "exclude": None, "months": 12,
                   "opd_budget": None, "opd_max": None, "solver": "cbc", "time_limit": None}
        options.update(kwargs)
        try:
            plan_options(**options)  # type: ignore[arg-type]
        except InputError:
            pass


@FUZZ
@given(text=st.lists(cells, min_size=1, max_size=4).map(lambda parts: ",".join(parts)))
def test_budget_lists(text: str) -> None:
    try:
        budgets = parse_budgets(text)
    except InputError:
        return
    assert all(0 <= b <= 1e15 and b == round(b) for b in budgets)


@pytest.mark.slow
@FUZZ
@given(budget=cells, months=cells)
def test_plan_command(budget: str, months: str) -> None:
    run_cli(["plan", BASE, "--actions", ACTIONS, "--rules", NO_RULES, "--budget", budget,
             "--months", months, "--time-limit", "10"], [BASE, ACTIONS, NO_RULES])


@pytest.mark.slow
@FUZZ
@given(cell=cells, row=st.integers(0, 46))
def test_index_command(cell: str, row: int) -> None:
    rows = [[str(i), "2"] for i in range(1, 48)]
    rows[row][1] = cell
    path = write(table(["indikator", "tingkat"], rows, ";", "\n"), "utf-8")
    run_cli(["index", path], [path])
