"""The web app's logic: data glue (``roadmap.app.state``), display tables (``views``), the
``roadmap app`` command, and the page itself under Streamlit's AppTest."""

from __future__ import annotations

import csv
import io
import socket
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from roadmap.actions import Action, Effect
from roadmap.app import SCRIPT, state, views, widgets
from roadmap.cli.app_cmd import HOST, check_port_free, server_flags
from roadmap.dependencies import Rule, blocked, build_graph
from roadmap.errors import InputError
from roadmap.index import compute_index
from roadmap.io.framework_files import load_framework
from roadmap.io.inputs import load_inputs
from roadmap.optimizer import PlanOptions, optimize
from roadmap.plan import Plan, PlannedAction
from roadmap.problem import PlanningProblem
from roadmap.simulate import simulate_plan
from tests.app.conftest import PROFILE, SMALL_WORKBOOK, make_workbook, profile_rows
from tests.conftest import CliResult

ROOT = Path(__file__).resolve().parents[2]
SPBE_INDICATORS = ROOT / "data" / "frameworks" / "spbe-2020" / "indicators.csv"
EXAMPLES = ROOT / "data" / "examples"


def hand_index(assessment_csv: Path) -> float:
    """The SPBE index of a plain CSV, from the raw files: sum(w * v) / sum(w)."""
    with SPBE_INDICATORS.open(encoding="utf-8") as handle:
        weights = {row["id"]: float(row["weight"]) for row in csv.DictReader(handle)}
    text = assessment_csv.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    levels = {row["indikator"]: float(row["tingkat"])
              for row in csv.DictReader(io.StringIO(text), delimiter=delimiter)}
    return sum(weights[i] * levels[i] for i in weights) / sum(weights.values())


def indonesian(value: float) -> str:
    """Two decimals with a comma, written independently of ``roadmap.numbers``."""
    return f"{value:.2f}".replace(".", ",")


# --- uploads and sources ------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("penilaian.xlsx", "penilaian.xlsx"),
    ("C:\\Users\\tim\\Data Pemda\\penilaian 2025.csv", "penilaian 2025.csv"),
    ("../../etc/passwd", "passwd"),
    ("<script>.csv", "_script_.csv"),
    ("...", "berkas"),
])
def test_safe_file_name_keeps_only_the_last_part(name: str, expected: str) -> None:
    assert state.safe_file_name(name) == expected


def test_wrong_file_type_gets_the_readers_message(tmp_path: Path) -> None:
    pdf = tmp_path / "catatan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError) as app_error:
        state.load_source(state.Source("catatan.pdf", b"%PDF-1.4"))
    with pytest.raises(InputError) as reader_error:
        load_inputs(pdf)
    assert str(app_error.value) == str(reader_error.value)
    assert str(app_error.value) == ("catatan.pdf: jenis berkas '.pdf' tidak didukung; "
                                    "gunakan .csv atau .xlsx")


def test_app_refuses_txt_although_the_cli_reads_it() -> None:
    data = PROFILE.read_bytes()
    with pytest.raises(InputError, match=r"jenis berkas '\.txt' tidak didukung"):
        state.load_source(state.Source("penilaian.txt", data))
    assert state.load_source(state.Source("penilaian.csv", data)).problem.framework.id == \
        "spbe-2020"


BAD_UPLOADS = {
    "level out of range": ("rusak.csv", b"indikator;tingkat\n1;3\n2;7\n",
                           "rusak.csv, baris 3, kolom 'tingkat', nilai '7': tingkat di luar "
                           "rentang 0..5"),
    "not a workbook": ("palsu.xlsx", b"ini bukan excel",
                       "palsu.xlsx: bukan berkas Excel (.xlsx) yang sah (BadZipFile)"),
    "missing sheet": ("tanpa-penilaian.xlsx",
                      make_workbook({"data": [["indikator", "tingkat"]], "lain": [["x"]]}),
                      "tanpa-penilaian.xlsx: lembar 'penilaian' tidak ada; lembar yang ada: "
                      "data, lain"),
    "bad cost in the aksi sheet": (
        "templat.xlsx",
        make_workbook({"penilaian": profile_rows(),
                   "aksi": [["id", "nama", "dampak", "biaya"], ["A1", "Aksi", "1:4", "mahal"]]}),
        "templat.xlsx, baris 2, kolom 'biaya', nilai 'mahal': biaya: bukan angka"),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_upload_message_is_the_clis(case: str, tmp_path: Path,
                                        cli: Callable[..., CliResult]) -> None:
    name, data, expected = BAD_UPLOADS[case]
    with pytest.raises(InputError) as err:
        state.load_source(state.Source(name, data))
    assert str(err.value) == expected
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("plan", path, "--budget", "100 jt")
    assert result.code == 2
    assert result.err.strip() == f"Kesalahan: {expected}"


def test_example_files_are_the_bundled_csvs() -> None:
    assert state.example_files() == tuple(sorted(
        p for p in EXAMPLES.glob("*.csv") if not p.name.startswith(("bukti-", "riwayat-"))))
    assert state.example_files()


# --- editable tables ----------------------------------------------------------------------

@pytest.mark.parametrize("example", [p.name for p in state.example_files()])
def test_tables_read_back_to_the_same_problem(example: str) -> None:
    original = load_inputs(EXAMPLES / example).problem
    again = state.problem_from_texts(state.problem_texts(original), original.framework.id,
                                     "nama")
    assert again.assessment.values == original.assessment.values
    assert again.assessment.sources == original.assessment.sources
    assert again.assessment.name == "nama"
    assert again.catalogue.actions == original.catalogue.actions
    assert again.rules == original.rules


def _profile_problem() -> PlanningProblem:
    return load_inputs(PROFILE).problem


def test_edited_level_changes_the_index() -> None:
    problem = _profile_problem()
    fw = problem.framework
    levels = state.assessment_frame(problem.assessment)
    row = levels.index[levels["indikator"] == "1"][0]
    before = float(levels.loc[row, "tingkat"])
    levels.loc[row, "tingkat"] = "5"
    edited = state.problem_from_texts(
        state.table_texts(levels, state.actions_frame(problem.catalogue),
                          state.rules_frame(fw, problem.rules)), fw.id, "x")
    assert edited.assessment.values["1"] == 5
    expected_gain = 1.3 * (5 - before) / 100  # weight of indicator 1 is 1.3 of 100
    assert edited.index_before - problem.index_before == pytest.approx(expected_gain)


def test_bad_edit_reads_like_a_file_error() -> None:
    problem = _profile_problem()
    fw = problem.framework
    actions = state.actions_frame(problem.catalogue)
    actions.loc[1, "biaya"] = "mahal"
    texts = state.table_texts(state.assessment_frame(problem.assessment), actions,
                              state.rules_frame(fw, problem.rules))
    with pytest.raises(InputError) as err:
        state.problem_from_texts(texts, fw.id, "x")
    assert str(err.value) == "aksi.csv, baris 3, kolom 'biaya', nilai 'mahal': biaya: bukan angka"


def test_bad_level_edit_names_row_and_value() -> None:
    problem = _profile_problem()
    fw = problem.framework
    levels = state.assessment_frame(problem.assessment)
    levels.loc[0, "tingkat"] = "2,5"
    texts = state.table_texts(levels, state.actions_frame(problem.catalogue),
                              state.rules_frame(fw, problem.rules))
    with pytest.raises(InputError) as err:
        state.problem_from_texts(texts, fw.id, "x")
    assert str(err.value) == ("penilaian.csv, baris 2, kolom 'tingkat', nilai '2,5': tingkat "
                              "harus bilangan bulat 0..5")


def test_added_action_row_joins_the_catalogue() -> None:
    problem = _profile_problem()
    fw = problem.framework
    actions = state.actions_frame(problem.catalogue)
    new_row = {"id": "BARU-1", "nama": "Aksi baru", "dampak": "1:5; 2:5", "biaya": "75 jt",
               "peluang": "90%", "durasi": "4", "opd": "Diskominfo", "prasyarat": None,
               "dasar_biaya": None}
    blank = dict.fromkeys(state.ACTION_COLUMNS)  # an empty row the editor adds is ignored
    actions = pd.concat([actions, pd.DataFrame([new_row, blank])], ignore_index=True)
    edited = state.problem_from_texts(
        state.table_texts(state.assessment_frame(problem.assessment), actions,
                          state.rules_frame(fw, problem.rules)), fw.id, "x")
    added = edited.catalogue.get("BARU-1")
    assert added == Action("BARU-1", "Aksi baru", (Effect("1", 5), Effect("2", 5)), 75e6,
                           probability=0.9, months=4, opd="Diskominfo")
    assert len(edited.catalogue) == len(problem.catalogue) + 1


def test_filled_workbook_has_the_template_sheets_and_reads_back(tmp_path: Path) -> None:
    problem = state.problem_from_texts(
        state.problem_texts(load_inputs(EXAMPLES / "pemdi-kurang.csv").problem), "pemdi-2026",
        "pemdi")
    path = tmp_path / "isian.xlsx"
    path.write_bytes(state.workbook_bytes(problem))
    assert openpyxl.load_workbook(path).sheetnames == ["Petunjuk", "penilaian", "aksi",
                                                       "ketergantungan"]
    again = load_inputs(path).problem
    assert again.assessment.values == problem.assessment.values
    assert again.assessment.sources == problem.assessment.sources
    assert again.catalogue.actions == problem.catalogue.actions
    assert again.rules == problem.rules


# --- budget -----------------------------------------------------------------------------

def test_budget_options_are_fine_below_one_miliar() -> None:
    stops = state.budget_options(2.2e9)
    assert stops[:3] == (0.0, 25e6, 50e6)
    assert 750e6 in stops and 1e9 in stops
    assert stops[stops.index(1e9) + 1] == 1.05e9  # 50 jt steps from 1 M
    assert stops[stops.index(2e9) + 1] == 2.1e9  # 100 jt steps from 2 M
    assert stops[-1] == 2.2e9
    assert state.budget_options(0) == (0.0, 25e6)


def test_nearest_stop() -> None:
    assert state.nearest((0.0, 25e6, 50e6), 30e6) == 25e6
    assert state.nearest((0.0, 25e6, 50e6), 9e9) == 50e6


@pytest.mark.parametrize(("text", "value"), [
    ("750 jt", 750e6), ("1,5 M", 1.5e9), ("Rp 1.250.000.000", 1.25e9), ("400000000", 4e8),
])
def test_parse_budget(text: str, value: float) -> None:
    assert state.parse_budget(text) == value


@pytest.mark.parametrize(("text", "message"), [
    ("seratus", "nilai 'seratus': anggaran: bukan angka"),
    ("-5 jt", "nilai '-5 jt': anggaran: tidak boleh negatif"),
])
def test_parse_budget_errors(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        state.parse_budget(text)
    assert str(err.value) == message


def test_download_name() -> None:
    assert state.download_name("laporan", "Pemda Kota X") == "laporan-Pemda_Kota_X.xlsx"


# --- display tables ---------------------------------------------------------------------

def test_percent_text() -> None:
    assert views.percent_text(0.853) == "85,3%"
    assert views.percent_text(1) == "100,0%"


def test_group_frame_of_a_flat_assessment() -> None:
    fw = load_framework("spbe-2020")
    result = compute_index(fw, {i: 2.0 for i in fw.indicator_ids})
    frame = views.group_frame(fw, result, "domain")
    assert list(frame.columns) == ["Domain", "Nama", "Bobot", "Indeks"]
    assert len(frame) == 4
    assert set(frame["Indeks"]) == {"2,00"}


def test_blocked_frame_names_the_prerequisites() -> None:
    fw = load_framework("spbe-2020")
    values = {i: 1.0 for i in fw.indicator_ids}
    graph = build_graph(fw, [Rule("21", 2, "11", 2), Rule("11", 2, "1", 2)])
    frame = views.blocked_frame(fw, blocked(graph, values))
    assert frame.to_dict("records") == [
        {"Indikator": "11 Arsitektur SPBE", "Tingkat berikutnya": 2,
         "Terhambat oleh": "1 Kebijakan Internal Arsitektur SPBE tingkat 2",
         "Tidak langsung oleh": "-"},
        {"Indikator": f"21 {fw.indicator('21').name}", "Tingkat berikutnya": 2,
         "Terhambat oleh": "11 Arsitektur SPBE tingkat 2",
         "Tidak langsung oleh": "1 Kebijakan Internal Arsitektur SPBE tingkat 2"},
    ]


def _plan(actions: list[tuple[Action, int, int]], *, budget: float = 5e8,
          framework: str = "spbe-2020") -> Plan:
    selected = tuple(PlannedAction(a, rank, 0.01 * rank, f"alasan {a.id}", start, end)
                     for rank, (a, start, end) in enumerate(actions, start=1))
    return Plan(framework_id=framework, status="optimal", method="MILP", budget=budget,
                target=None, total_cost=sum(a.cost for a, _, _ in actions), index_before=1.9,
                expected_index=2.0, predicate_before="Cukup", expected_predicate="Cukup",
                selected=selected)


def test_plan_frame_marks_indicators_scored_by_another_agency() -> None:
    fw = load_framework("pemdi-2026")
    external = next(i for i in fw.indicators if i.external)
    plain = next(i for i in fw.indicators if not i.external)
    plan = _plan([(Action("A", "Aksi A", (Effect(external.id, 3),), 40e6, 0.8, 4, "Bappeda"), 0,
                   4),
                  (Action("B", "Aksi B", (Effect(plain.id, 2),), 1_250_000_000.0), 4, 12)],
                 framework="pemdi-2026")
    frame = views.plan_frame(plan, fw)
    assert list(frame["Kode"]) == ["A", "B"]
    assert list(frame["Biaya"]) == ["Rp 40.000.000", "Rp 1.250.000.000"]
    assert list(frame["Bulan"]) == ["0–4", "4–12"]
    assert list(frame["Peluang"]) == ["80,0%", "100,0%"]
    assert list(frame["Tambahan indeks"]) == ["+0,010", "+0,020"]
    assert list(frame["OPD"]) == ["Bappeda", "-"]
    source = fw.external_indices[external.external or ""]
    assert frame["Catatan"][0] == (f"Dinilai dari indeks instansi lain: {external.id} "
                                   f"({source.key}, {source.agency})")
    assert frame["Catatan"][1] == ""


def test_opd_frame_sums_per_opd() -> None:
    plan = _plan([(Action("A", "A", (Effect("1", 2),), 40e6, opd="Bappeda"), 0, 4),
                  (Action("B", "B", (Effect("2", 2),), 60e6, opd="Diskominfo"), 2, 8),
                  (Action("C", "C", (Effect("3", 2),), 30e6, opd="Bappeda"), 5, 9)])
    assert views.opd_frame(plan).to_dict("records") == [
        {"OPD": "Bappeda", "Jumlah aksi": 2, "Biaya": "Rp 70.000.000", "Bulan": "0–9"},
        {"OPD": "Diskominfo", "Jumlah aksi": 1, "Biaya": "Rp 60.000.000", "Bulan": "2–8"},
    ]


def test_scenario_frames_side_by_side() -> None:
    a = Action("A", "Aksi A", (Effect("1", 2),), 40e6)
    b = Action("B", "Aksi B", (Effect("2", 2),), 60e6)
    small, large = _plan([(a, 0, 4)], budget=5e7), _plan([(a, 0, 4), (b, 0, 6)], budget=1e8)
    frame = views.scenario_frame([small, large])
    assert list(frame.columns) == ["Skenario 1", "Skenario 2"]
    assert frame.loc["Anggaran"].tolist() == ["Rp 50.000.000", "Rp 100.000.000"]
    assert frame.loc["Jumlah aksi"].tolist() == ["1", "2"]
    ticks = views.scenario_actions_frame([small, large])
    assert ticks.to_dict("records") == [
        {"Kode": "A", "Aksi": "Aksi A", "Skenario 1": "✓", "Skenario 2": "✓"},
        {"Kode": "B", "Aksi": "Aksi B", "Skenario 1": "", "Skenario 2": "✓"},
    ]


def test_minimum_budget_frame_says_when_out_of_reach() -> None:
    fw = load_framework("spbe-2020")
    frame = views.minimum_budget_frame({"Baik": 1.2e9, "Sangat Baik": None}, fw)
    assert frame.to_dict("records") == [
        {"Predikat": "Baik", "Indeks minimum": "2,60", "Anggaran minimum": "Rp 1.200.000.000"},
        {"Predikat": "Sangat Baik", "Indeks minimum": "3,50",
         "Anggaran minimum": "tidak tercapai dengan katalog ini"},
    ]


# --- roadmap app --------------------------------------------------------------------------

def _flag(flags: list[str], name: str) -> str:
    return flags[flags.index(name) + 1]


def test_server_is_local_quiet_and_without_developer_menus() -> None:
    flags = server_flags(8765)
    assert HOST == "127.0.0.1"
    assert _flag(flags, "--server.address") == "127.0.0.1"
    assert _flag(flags, "--server.port") == "8765"
    assert _flag(flags, "--server.headless") == "true"
    assert _flag(flags, "--browser.gatherUsageStats") == "false"
    assert _flag(flags, "--browser.serverAddress") == "127.0.0.1"
    assert _flag(flags, "--server.enableXsrfProtection") == "true"
    assert _flag(flags, "--server.maxUploadSize") == "20"
    assert _flag(flags, "--client.toolbarMode") == "minimal"
    assert _flag(flags, "--client.showErrorDetails") == "none"
    assert _flag(flags, "--global.developmentMode") == "false"
    hosts = [flags[n + 1] for n, flag in enumerate(flags) if flag == "--server.allowedHosts"]
    assert hosts == ["127.0.0.1", "localhost"]


def test_packaged_config_is_what_the_cli_passes() -> None:
    """``streamlit run roadmap/app/main.py`` reads .streamlit/config.toml beside the script;
    ``roadmap app`` passes the same file as flags."""
    config = tomllib.loads((SCRIPT.parent / ".streamlit" / "config.toml").read_text("utf-8"))
    flags = server_flags(8501)
    assert config["server"]["address"] == HOST
    assert config["server"]["maxUploadSize"] == widgets.MAX_UPLOAD_MB
    for section, values in config.items():
        for name, value in values.items():
            if not isinstance(value, list):
                expected = str(value).lower() if isinstance(value, bool) else str(value)
                assert _flag(flags, f"--{section}.{name}") == expected, name


def test_busy_port_is_a_clear_error(cli: Callable[..., CliResult]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(InputError, match=f"port {port} sudah dipakai"):
            check_port_free(port)
        result = cli("app", "--port", port)
    assert result.code == 2
    assert result.err.startswith(f"Kesalahan: port {port} sudah dipakai program lain")


# --- the page under AppTest -----------------------------------------------------------------

def _metric(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert values, [m.label for m in at.metric]
    return str(values[0])


def _errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.error]


def _plan_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Alasan" in d.value.columns)


def _upload(at: AppTest, name: str, data: bytes) -> None:
    at.sidebar.radio(key="source_kind").set_value("Unggah berkas").run()
    at.sidebar.file_uploader(key="upload").upload(name, data).run()


def test_example_shows_its_index(app_test: AppTest) -> None:
    example = EXAMPLES / "spbe-cukup.csv"
    app_test.sidebar.selectbox(key="example").set_value(example).run()
    assert not app_test.exception
    assert _metric(app_test, "Indeks SPBE sekarang") == indonesian(hand_index(example))
    assert app_test.title[0].value == "Perencana Rencana Aksi SPBE / Indeks Pemdi"


def test_uploaded_profile_shows_hand_computed_index(app_test: AppTest) -> None:
    _upload(app_test, PROFILE.name, PROFILE.read_bytes())
    assert not app_test.exception and not _errors(app_test)
    assert _metric(app_test, "Indeks SPBE sekarang") == "1,92"  # 1.919 by hand
    assert _metric(app_test, "Predikat") == "Cukup"


def test_changing_the_budget_changes_the_plan(app_test: AppTest) -> None:
    _upload(app_test, PROFILE.name, PROFILE.read_bytes())
    assert _metric(app_test, "Total biaya") != "Rp 0"
    wide = _plan_table(app_test)
    app_test.sidebar.text_input(key="budget_text").set_value("100 jt").run()
    assert not app_test.exception and not _errors(app_test)
    narrow = _plan_table(app_test)
    assert list(narrow["Kode"]) != list(wide["Kode"])
    costs = [state.parse_budget(c) for c in narrow["Biaya"]]
    assert sum(costs) <= 100e6
    shown = _metric(app_test, "Total biaya")  # short, so it fits at 1366 px: "Rp 95 jt"
    assert shown.startswith("Rp ") and shown.endswith((" jt", " M", " rb"))
    assert abs(state.parse_budget(shown) - sum(costs)) <= 0.05 * sum(costs)
    assert app_test.sidebar.select_slider(key="budget_slider").value == 100e6
    app_test.sidebar.select_slider(key="budget_slider").set_value(250e6).run()
    assert app_test.sidebar.text_input(key="budget_text").value == "Rp 250.000.000"
    assert sum(state.parse_budget(c) for c in _plan_table(app_test)["Biaya"]) <= 250e6


def test_bad_budget_text_shows_the_message_and_keeps_the_plan(app_test: AppTest) -> None:
    before = _plan_table(app_test)
    app_test.sidebar.text_input(key="budget_text").set_value("seratus").run()
    assert not app_test.exception
    assert "Kesalahan: nilai 'seratus': anggaran: bukan angka" in _errors(app_test)
    assert _plan_table(app_test).equals(before)


def test_excluded_action_leaves_the_plan(app_test: AppTest) -> None:
    first = _plan_table(app_test)["Kode"][0]
    app_test.sidebar.multiselect(key="exclude").set_value([first]).run()
    assert not app_test.exception
    assert first not in list(_plan_table(app_test)["Kode"])


def test_bad_upload_shows_the_cli_message_and_the_app_keeps_working(
        app_test: AppTest) -> None:
    name, data, expected = BAD_UPLOADS["level out of range"]
    _upload(app_test, name, data)
    assert not app_test.exception
    assert _errors(app_test) == [f"Kesalahan: {expected}"]
    assert app_test.title[0].value == "Perencana Rencana Aksi SPBE / Indeks Pemdi"
    app_test.sidebar.radio(key="source_kind").set_value("Contoh bawaan").run()
    assert not app_test.exception and not _errors(app_test)
    assert _metric(app_test, "Predikat")


def test_wrong_file_type_upload(app_test: AppTest) -> None:
    _upload(app_test, "catatan.pdf", b"%PDF-1.4")
    assert _errors(app_test) == ["Kesalahan: catatan.pdf: jenis berkas '.pdf' tidak didukung; "
                                 "gunakan .csv atau .xlsx"]


def test_infeasible_force_is_a_message_not_a_crash(app_test: AppTest) -> None:
    catalogue = load_inputs(state.example_files()[0]).problem.catalogue  # the default example
    expensive = max(catalogue, key=lambda a: a.cost)
    app_test.sidebar.text_input(key="budget_text").set_value("1 jt").run()
    app_test.sidebar.multiselect(key="force").set_value([expensive.id]).run()
    assert not app_test.exception
    assert any(e.startswith("Kesalahan:") for e in _errors(app_test))


def test_downloads_are_offered(app_test: AppTest) -> None:
    labels = [b.label for b in app_test.get("download_button")]
    assert "Unduh isian (templat terisi)" in labels
    assert "Unduh laporan Excel" in labels


def _button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def test_budget_scenarios_side_by_side(app_test: AppTest) -> None:
    _upload(app_test, "kecil.xlsx", SMALL_WORKBOOK)
    app_test.text_input(key="scenario_1").set_value("10 jt")
    app_test.text_input(key="scenario_2").set_value("30 jt")
    app_test.text_input(key="scenario_3").set_value("")
    _button(app_test, "Bandingkan skenario").click().run()
    assert not app_test.exception and not _errors(app_test)
    frame = next(d.value for d in app_test.dataframe if "Skenario 1" in d.value.columns
                 and "Kode" not in d.value.columns)
    base = hand_index(PROFILE)
    assert frame.loc["Total biaya"].tolist() == ["Rp 10.000.000", "Rp 30.000.000"]
    assert frame.loc["Indeks harapan"].tolist() == [indonesian(base + 0.013),
                                                   indonesian(base + 0.039)]
    ticks = next(d.value for d in app_test.dataframe if "Kode" in d.value.columns
                 and "Skenario 2" in d.value.columns)
    assert ticks.to_dict("records") == [
        {"Kode": "K1", "Aksi": "Aksi satu", "Skenario 1": "✓", "Skenario 2": "✓"},
        {"Kode": "K3", "Aksi": "Aksi tiga", "Skenario 1": "", "Skenario 2": "✓"},
    ]


def test_frontier_on_request(app_test: AppTest) -> None:
    _upload(app_test, "kecil.xlsx", SMALL_WORKBOOK)
    images_before = len(app_test.get("image"))
    app_test.text_input(key="frontier_limit").set_value("60 jt")
    _button(app_test, "Hitung kurva efisien").click().run()
    assert not app_test.exception and not _errors(app_test)
    assert len(app_test.get("image")) == images_before + 1
    minimums = next(d.value for d in app_test.dataframe
                    if "Anggaran minimum" in d.value.columns)
    assert minimums.to_dict("records")[0] == {
        "Predikat": "Baik", "Indeks minimum": "2,60",
        "Anggaran minimum": "tidak tercapai dengan katalog ini"}
    app_test.text_input(key="frontier_limit").set_value("enam puluh")
    _button(app_test, "Hitung kurva efisien").click().run()
    assert "Kesalahan: nilai 'enam puluh': anggaran: bukan angka" in _errors(app_test)


def test_report_bytes_hold_the_plan() -> None:
    with state.scratch() as folder:
        path = folder / "kecil.xlsx"
        path.write_bytes(SMALL_WORKBOOK)
        problem = load_inputs(path).problem
    options = PlanOptions(budget=30e6)
    plan = optimize(problem, options)
    assert set(plan.selected_ids) == {"K1", "K3"}  # 30 jt: K1 + K3 (0,039) beat K2 (0,026)
    data = state.report_bytes(problem, options, plan,
                              simulation=simulate_plan(problem, plan.selected_ids),
                              inputs_note={"Berkas penilaian": "kecil.xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert {"Ringkasan", "Rencana Aksi"} <= set(workbook.sheetnames)
    cells = {str(c) for row in workbook["Rencana Aksi"].iter_rows(values_only=True) for c in row}
    assert {"K1", "K3"} <= cells and "K2" not in cells


def test_evidence_frame_lists_each_item_once_by_due_month() -> None:
    problem = load_inputs(EXAMPLES / "spbe-cukup.csv").problem
    plan = optimize(problem, PlanOptions(budget=750e6))
    frame = views.evidence_frame(plan, problem.framework)
    codes = {t.code for p in plan.selected for t in p.evidence}
    assert sorted(frame["Kode"]) == sorted(codes) and codes
    months = [int(m) for m in frame["Bulan"]]
    assert months == sorted(months) and all(1 <= m <= 12 for m in months)
