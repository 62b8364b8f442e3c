"""The page under hostile input (issue 15): one Indonesian line, never Streamlit's error page,
never a long wait, and the other tabs keep working."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from roadmap.app import results, state
from tests.app.conftest import make_workbook, profile_rows

QUICK_SECONDS = 30  # "at once" on a slow CI machine; the hang this guards against was > 150 s


def _upload(at: AppTest, name: str, data: bytes) -> None:
    at.sidebar.radio(key="source_kind").set_value("Unggah berkas").run()
    at.sidebar.file_uploader(key="upload").upload(name, data).run()


def _texts(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.error]


def test_a_400_digit_level_is_an_indonesian_line(app_test: AppTest) -> None:
    _upload(app_test, "panjang.csv", b"indikator;tingkat\n1;" + b"9" * 400 + b"\n2;2\n")
    assert not app_test.exception
    errors = _texts(app_test)
    assert len(errors) == 1 and errors[0].startswith("Kesalahan"), errors
    assert "Traceback" not in errors[0]


DOLLAR_NAMES = ["Aksi $x^{2}$ satu", "Aksi $\\nosuch{b$ dua", "Aksi {tiga} _$_"]
DOLLAR_WORKBOOK = make_workbook({
    "penilaian": profile_rows(),
    "aksi": [["id", "nama", "dampak", "biaya", "peluang", "opd"],
             ["K1", DOLLAR_NAMES[0], "1:3", "10 jt", 1, "Bappeda $A$"],
             ["K2", DOLLAR_NAMES[1], "2:4", "30 jt", 1, "Diskominfo"],
             ["K3", DOLLAR_NAMES[2], "5:2; 7:2", "20 jt", 1, "Diskominfo"]],
    "ketergantungan": [["indicator", "level", "requires_indicator", "requires_level"]],
})


def test_dollar_signs_in_action_names_are_drawn_as_text(app_test: AppTest) -> None:
    names = DOLLAR_NAMES
    _upload(app_test, "dolar.xlsx", DOLLAR_WORKBOOK)
    assert not app_test.exception
    assert not _texts(app_test), _texts(app_test)
    assert len(app_test.image) >= 3  # domain, distribution and timeline charts drawn
    plan = next(d.value for d in app_test.dataframe if "Alasan" in d.value.columns)
    assert set(plan["Aksi"]) == set(names)


def test_a_budget_of_1000_triliun_is_answered_at_once(app_test: AppTest) -> None:
    started = time.monotonic()
    app_test.sidebar.text_input(key="budget_text").set_value("1000 T").run()
    assert time.monotonic() - started < QUICK_SECONDS
    assert not app_test.exception and not _texts(app_test)
    assert any("melebihi biaya seluruh katalog" in str(i.value) for i in app_test.info)
    assert len(app_test.sidebar.select_slider(key="budget_slider").options) <= state.MAX_STOPS + 1


def test_a_budget_beyond_meaning_is_refused(app_test: AppTest) -> None:
    app_test.sidebar.text_input(key="budget_text").set_value("9" * 400).run()
    assert not app_test.exception
    assert any("anggaran" in e for e in _texts(app_test)), _texts(app_test)


def test_an_unexpected_error_in_a_tab_is_one_line(app_test: AppTest,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("internal detail that must not reach the page")

    monkeypatch.setattr(results, "timeline_section", broken)
    app_test.sidebar.text_input(key="budget_text").set_value("500 jt").run()
    assert not app_test.exception
    errors = _texts(app_test)
    assert errors == ["Kesalahan di bagian Jadwal OPD: terjadi kesalahan tak terduga "
                      "(RuntimeError). Data tidak berubah; periksa isian lalu coba lagi. Rincian "
                      "teknis dicatat di terminal tempat `roadmap app` dijalankan."], errors
    assert any(m.label == "Total biaya" for m in app_test.metric)  # the other tabs still work


def test_opd_limits_and_target_mode(app_test: AppTest) -> None:
    app_test.sidebar.radio(key="mode").set_value("Target indeks").run()
    app_test.sidebar.text_input(key="target_text").set_value("1,6").run()
    assert not app_test.exception and not _texts(app_test), _texts(app_test)
    expected = next(m.value for m in app_test.metric if m.label == "Indeks harapan")
    assert float(expected.replace(",", ".")) >= 1.6 - 0.005
    app_test.sidebar.text_input(key="target_text").set_value("dua").run()
    assert any("target indeks harus angka" in e for e in _texts(app_test))


def test_peta_rencana_and_estimate(app_test: AppTest) -> None:
    app_test.sidebar.selectbox(key="example").set_value(
        next(p for p in state.example_files() if p.stem == "spbe-cukup")).run()
    assert any(m.label == "Perkiraan Indeks Pemdi" for m in app_test.metric)
    app_test.text_input(key="my_budgets").set_value("300 jt; 300 jt")
    app_test.number_input(key="my_years").set_value(2)
    next(b for b in app_test.button if b.label == "Susun Peta Rencana").click().run()
    assert not app_test.exception and not _texts(app_test), _texts(app_test)
    assert any(m.label.startswith("Indeks harapan 20") for m in app_test.metric)


def test_rules_of_a_source_can_be_left_out(app_test: AppTest) -> None:
    app_test.sidebar.selectbox(key="example").set_value(
        next(p for p in state.example_files() if p.stem == "spbe-cukup")).run()
    app_test.sidebar.multiselect(key="without_sources").set_value(["asumsi", "berita"]).run()
    assert not app_test.exception and not _texts(app_test), _texts(app_test)
    assert any("asumsi, berita diabaikan" in str(i.value) for i in app_test.info)
    assert any(m.label == "Total biaya" for m in app_test.metric)
