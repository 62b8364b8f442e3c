"""The framework model: lookup, predicate bands, external indices and load-time validation."""

from __future__ import annotations

from typing import Any

import pytest

from roadmap.errors import InputError
from roadmap.framework import (
    Band,
    ExternalBand,
    ExternalIndex,
    Framework,
    Group,
    Indicator,
    ValueScale,
)
from roadmap.io.framework_files import load_framework

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")


def small_framework(**overrides: Any) -> Framework:
    """Two indicators (weights 60 and 40) in two aspects; ``overrides`` replace fields."""
    fields: dict[str, Any] = {
        "id": "uji",
        "title": "Kerangka uji",
        "index_name": "Indeks Uji",
        "id_style": "number",
        "group_kinds": ("aspect",),
        "group_labels": {"aspect": "Aspek"},
        "total_weight": 100.0,
        "value": ValueScale(min=1, max=5, whole=True, allow_zero=True),
        "levels": {1: ("Rintisan",), 2: ("Terkelola",)},
        "predicates": (Band("Kurang", 0.0), Band("Baik", 3.0)),
        "indicators": (
            Indicator("1", "1", "Satu", 60.0, {"aspect": "A"}),
            Indicator("2", "2", "Dua", 40.0, {"aspect": "B"}),
        ),
        "groups": (Group("aspect", "A", "Aspek A", 60.0), Group("aspect", "B", "Aspek B", 40.0)),
    }
    fields.update(overrides)
    return Framework(**fields)


def test_small_framework_is_valid() -> None:
    fw = small_framework()
    assert fw.indicator_ids == ("1", "2")
    assert fw.members("aspect", "A") == ("1",)


def test_weights_not_summing_to_total_are_refused() -> None:
    with pytest.raises(InputError) as info:
        small_framework(total_weight=90.0)
    assert "jumlah bobot indikator 100, seharusnya 90" in str(info.value)
    assert "kerangka 'uji' tidak sah" in str(info.value)


def test_duplicate_indicator_id_is_refused() -> None:
    indicators = (
        Indicator("1", "1", "Satu", 60.0, {"aspect": "A"}),
        Indicator("1", "2", "Dua", 40.0, {"aspect": "B"}),
    )
    with pytest.raises(InputError, match="id indikator ganda: 1"):
        small_framework(indicators=indicators)


def test_group_weight_mismatch_is_refused() -> None:
    groups = (Group("aspect", "A", "Aspek A", 50.0), Group("aspect", "B", "Aspek B", 40.0))
    with pytest.raises(InputError, match=r"bobot aspect A \(50\) tidak sama .* \(60\)"):
        small_framework(groups=groups)


def test_unknown_group_is_refused() -> None:
    indicators = (
        Indicator("1", "1", "Satu", 60.0, {"aspect": "A"}),
        Indicator("2", "2", "Dua", 40.0, {"aspect": "Z"}),
    )
    with pytest.raises(InputError, match="indikator 2: aspect 'Z' tidak dikenal"):
        small_framework(indicators=indicators)


@pytest.mark.parametrize("weight", [0.0, -40.0, float("nan")])
def test_non_positive_weight_is_refused(weight: float) -> None:
    indicators = (
        Indicator("1", "1", "Satu", 60.0, {"aspect": "A"}),
        Indicator("2", "2", "Dua", weight, {"aspect": "B"}),
    )
    with pytest.raises(InputError, match="bobot indikator 2 tidak sah"):
        small_framework(indicators=indicators)


def test_predicate_bands_must_rise() -> None:
    with pytest.raises(InputError, match="batas predikat harus naik tegas"):
        small_framework(predicates=(Band("Kurang", 0.0), Band("Baik", 3.0), Band("X", 3.0)))


def test_bundled_spbe_structure() -> None:
    assert len(SPBE.indicators) == 47
    assert SPBE.indicator_ids == tuple(str(i) for i in range(1, 48))
    assert sum(i.weight for i in SPBE.indicators) == pytest.approx(100)
    assert [(g.id, g.weight) for g in SPBE.groups_of("domain")] == [
        ("1", 13), ("2", 25), ("3", 16.5), ("4", 45.5)
    ]
    assert [g.weight for g in SPBE.groups_of("aspect")] == [13, 10, 10, 5, 12, 4.5, 27.5, 18]
    assert SPBE.indicator("11").name == "Arsitektur SPBE"
    assert SPBE.indicator("12").name == "Peta Rencana SPBE"
    assert SPBE.indicator("42").weight == 3.0
    assert SPBE.indicator("32").weight == 2.75
    assert SPBE.members("aspect", "4") == ("19", "20")
    assert SPBE.value.whole and SPBE.value.allow_zero


def test_bundled_pemdi_structure() -> None:
    assert len(PEMDI.indicators) == 20
    assert PEMDI.group_kinds == ("aspect",)
    assert [g.weight for g in PEMDI.groups_of("aspect")] == [10, 10, 15, 15, 10, 15, 25]
    assert PEMDI.indicator("I20").weight == 15
    assert PEMDI.indicator("I5").name == "Tata Kelola Data"
    assert {i.id for i in PEMDI.indicators if i.external} == {"I5", "I6", "I7", "I18"}
    assert PEMDI.indicator("I18").external == "SDI"
    assert not PEMDI.value.whole and not PEMDI.value.allow_zero
    assert PEMDI.value.decimals == 2


@pytest.mark.parametrize(
    ("token", "expected"),
    [("11", "11"), (11, "11"), (11.0, "11"), (" 11 ", "11"), ("11.0", "11"),
     ("0", None), ("48", None), ("x", None), ("I1", None), (1.5, None)],
)
def test_spbe_resolve(token: object, expected: str | None) -> None:
    assert SPBE.resolve(token) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("I1", "I1"), ("i1", "I1"), ("1.1", "I1"), (1.1, "I1"), ("IK-01", "I1"), ("ik-01", "I1"),
     ("IK01", "I1"), ("I01", "I1"), ("7.2", "I20"), ("IK-20", "I20"), ("I20", "I20"),
     ("I21", None), ("1", None), ("21", None), ("8.1", None)],
)
def test_pemdi_resolve(token: object, expected: str | None) -> None:
    assert PEMDI.resolve(token) == expected


@pytest.mark.parametrize(
    ("index", "predicate"),
    [(0.0, "Kurang"), (1.0, "Kurang"), (1.7999, "Kurang"), (1.8, "Cukup"), (2.5999, "Cukup"),
     (2.6, "Baik"), (3.4999, "Baik"), (3.5, "Sangat Baik"), (4.1999, "Sangat Baik"),
     (4.2, "Memuaskan"), (5.0, "Memuaskan")],
)
def test_spbe_predicate_boundaries(index: float, predicate: str) -> None:
    assert SPBE.predicate(index) == predicate


@pytest.mark.parametrize(
    ("index", "predicate"),
    [(1.0, "Kurang"), (1.4999, "Kurang"), (1.5, "Cukup"), (2.4999, "Cukup"), (2.5, "Baik"),
     (3.4999, "Baik"), (3.5, "Sangat Baik"), (3.9999, "Sangat Baik"), (4.0, "Memuaskan"),
     (5.0, "Memuaskan")],
)
def test_pemdi_predicate_boundaries(index: float, predicate: str) -> None:
    assert PEMDI.predicate(index) == predicate


def test_band_edge_survives_float_error() -> None:
    # what float arithmetic gives for an index of exactly 1.50 (see test_index)
    near_edge = 1.4999999999999998
    assert near_edge < 1.5
    assert PEMDI.predicate(near_edge) == "Cukup"
    assert PEMDI.next_band(near_edge) == Band("Baik", 2.5)


def test_next_band_and_band_lookup() -> None:
    assert SPBE.next_band(1.919) == Band("Baik", 2.6)
    assert SPBE.next_band(2.6) == Band("Sangat Baik", 3.5)
    assert SPBE.next_band(4.2) is None
    assert SPBE.band("baik") == Band("Baik", 2.6)
    assert PEMDI.band("Sangat Baik").min == 3.5
    with pytest.raises(KeyError):
        SPBE.band("Istimewa")


def test_labels_and_ids() -> None:
    assert SPBE.level_label(1) == "Rintisan"
    assert SPBE.level_label(4) == "Terpadu dan Terukur"
    assert PEMDI.level_label(5) == "Unggul"
    assert SPBE.level_label(0) == "0"
    assert SPBE.json_id("11") == 11
    assert PEMDI.json_id("I5") == "I5"
    assert SPBE.max_level == PEMDI.max_level == 5
    assert SPBE.indicator("11").label == "11 Arsitektur SPBE"
    with pytest.raises(KeyError):
        SPBE.indicator("48")
    with pytest.raises(KeyError):
        SPBE.group("domain", "5")


SDI = PEMDI.external_indices["SDI"]


@pytest.mark.parametrize(
    ("sdi", "value"),
    [(0, 1.0), (12.5, 1.5), (25, 2.0), (37.5, 2.5), (50, 3.0), (62.5, 3.5), (68.75, 3.75),
     (75, 4.0), (87.5, 4.5), (100, 5.0)],
)
def test_sdi_conversion(sdi: float, value: float) -> None:
    # linear within each band: 25 is halfway through 12.5..37.5, so halfway through 1.5..2.5
    assert SDI.convert(sdi) == pytest.approx(value)


@pytest.mark.parametrize("sdi", [-0.01, 100.5, 120])
def test_sdi_outside_range_is_refused(sdi: float) -> None:
    with pytest.raises(InputError, match="nilai SDI harus di antara 0 dan 100"):
        SDI.convert(sdi)


def test_external_index_without_bands_is_refused() -> None:
    with pytest.raises(InputError, match="belum terdokumentasi"):
        PEMDI.external_indices["SJIG"].convert(50)


def test_external_index_one_band() -> None:
    index = ExternalIndex("X", "Indeks X", "Lembaga", (ExternalBand(0, 10, 1, 5),), "")
    assert index.convert(2.5) == 2.0
