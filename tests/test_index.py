"""The official index against hand computations (weights from shared/spbe-reference.md)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.framework import Band, Framework
from roadmap.index import compute_index, index_gain, weighted_index
from roadmap.io.assessment_file import read_assessment
from roadmap.io.framework_files import load_framework
from tests.conftest import EXAMPLES, ROOT

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")
PROFILE_A = ROOT / "tests" / "data" / "spbe-profile-a.csv"


def profile(framework: Framework, default: float, **changes: float) -> dict[str, float]:
    """Every indicator at ``default`` except ``changes`` (keys ``i11`` for SPBE 11, ``I5``)."""
    values = {i: default for i in framework.indicator_ids}
    for key, value in changes.items():
        values[key[1:] if key.startswith("i") else key] = value
    return values


@pytest.mark.parametrize("framework", [SPBE, PEMDI], ids=["spbe", "pemdi"])
@pytest.mark.parametrize(("level", "predicate"), [(1, "Kurang"), (5, "Memuaskan")])
def test_uniform_levels(framework: Framework, level: int, predicate: str) -> None:
    result = compute_index(framework, profile(framework, level))
    assert result.index == pytest.approx(level)
    assert result.predicate == predicate
    for groups in result.groups.values():
        assert all(v == pytest.approx(level) for v in groups.values())
    assert result.unassessed == ()


def test_spbe_one_level_per_domain() -> None:
    # domains 1..4 (weights 13, 25, 16.5, 45.5) at levels 2, 3, 1, 4:
    # (13*2 + 25*3 + 16.5*1 + 45.5*4) / 100 = (26 + 75 + 16.5 + 182) / 100 = 2.995
    levels = {"1": 2, "2": 3, "3": 1, "4": 4}
    values = {i.id: float(levels[i.groups["domain"]]) for i in SPBE.indicators}
    result = compute_index(SPBE, values)
    assert result.index == pytest.approx(2.995)
    assert result.predicate == "Baik"
    assert result.groups["domain"] == pytest.approx({"1": 2, "2": 3, "3": 1, "4": 4})
    assert result.groups["aspect"] == pytest.approx(
        {"1": 2, "2": 3, "3": 3, "4": 3, "5": 1, "6": 1, "7": 4, "8": 4}
    )
    assert result.next_band == Band("Sangat Baik", 3.5)
    assert result.gap_to_next_band == pytest.approx(0.505)


def test_spbe_mixed_within_groups() -> None:
    # all 2 except 11 -> 5, 12 -> 4 (w 2.5), 32 -> 1 (w 2.75), 47 -> 5 (w 3):
    # 200 + 2.5*3 + 2.5*2 - 2.75*1 + 3*3 = 218.75 -> 2.1875
    values = profile(SPBE, 2, i11=5, i12=4, i32=1, i47=5)
    result = compute_index(SPBE, values)
    assert result.index == pytest.approx(2.1875)
    assert result.predicate == "Cukup"
    # aspect 2 (11-14): 2.5*(5+4+2+2)/10 = 3.25; domain 2 (11-20): (32.5 + 2.5*2*6)/25 = 2.5
    assert result.groups["aspect"]["2"] == pytest.approx(3.25)
    assert result.groups["domain"]["2"] == pytest.approx(2.5)
    # aspect 7 (32-41): 2.75*(1 + 2*9)/27.5 = 1.9; aspect 8 (42-47): 3*(2*5 + 5)/18 = 2.5
    assert result.groups["aspect"]["7"] == pytest.approx(1.9)
    assert result.groups["aspect"]["8"] == pytest.approx(2.5)
    # domain 4: (2.75*19 + 3*15)/45.5 = 97.25/45.5
    assert result.groups["domain"]["4"] == pytest.approx(97.25 / 45.5)
    assert result.groups["domain"]["1"] == pytest.approx(2.0)
    assert result.gap_to_next_band == pytest.approx(2.6 - 2.1875)


def test_spbe_exactly_on_baik_edge() -> None:
    # all 2; aspects 5 (w 12), 7 (27.5), 8 (18) and indicator 11 (2.5) at 3:
    # 200 + 12 + 27.5 + 18 + 2.5 = 260 -> 2.60, the lowest Baik
    values = {i.id: 3.0 if i.groups["aspect"] in ("5", "7", "8") else 2.0 for i in SPBE.indicators}
    values["11"] = 3.0
    result = compute_index(SPBE, values)
    assert result.index == pytest.approx(2.6)
    assert result.predicate == "Baik"
    assert result.next_band == Band("Sangat Baik", 3.5)


def test_spbe_level_zero_counts_as_zero() -> None:
    # all 1, indicators 5 and 7 (w 1.3) not yet assessed: (100 - 2*1.3)/100 = 0.974
    result = compute_index(SPBE, profile(SPBE, 1, i5=0, i7=0))
    assert result.index == pytest.approx(0.974)
    assert result.predicate == "Kurang"
    assert result.unassessed == ("5", "7")
    # domain 1 (ten indicators of 1.3): 1.3*8/13 = 0.8
    assert result.groups["domain"]["1"] == pytest.approx(0.8)
    assert result.gap_to_next_band == pytest.approx(1.8 - 0.974)


def test_pemdi_decimals() -> None:
    # all 1 except I1 1.26, I2 1.17 (w 5), I19 2.5 (w 10), I20 1.25 (w 15):
    # 100 + 5*0.26 + 5*0.17 + 10*1.5 + 15*0.25 = 100 + 1.3 + 0.85 + 15 + 3.75 = 120.9 -> 1.209
    result = compute_index(PEMDI, profile(PEMDI, 1, I1=1.26, I2=1.17, I19=2.5, I20=1.25))
    assert result.index == pytest.approx(1.209)
    assert result.predicate == "Kurang"
    # aspect 1: (5*1.26 + 5*1.17)/10 = 1.215; aspect 7: (10*2.5 + 15*1.25)/25 = 1.75
    assert result.groups["aspect"]["1"] == pytest.approx(1.215)
    assert result.groups["aspect"]["7"] == pytest.approx(1.75)
    assert result.groups["aspect"]["3"] == pytest.approx(1.0)
    assert set(result.groups) == {"aspect"}
    assert result.next_band == Band("Cukup", 1.5)
    assert result.gap_to_next_band == pytest.approx(0.291)


def test_pemdi_exactly_on_cukup_edge() -> None:
    # all 1.08, I20 (w 15) 3.88: (85*1.08 + 15*3.88)/100 = (91.8 + 58.2)/100 = 1.50 exactly;
    # the float sum is 1.4999999999999998, which must still be Cukup
    result = compute_index(PEMDI, profile(PEMDI, 1.08, I20=3.88))
    assert result.index == pytest.approx(1.5)
    assert result.predicate == "Cukup"
    assert result.next_band == Band("Baik", 2.5)
    assert result.gap_to_next_band == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("name", "index", "predicate", "next_band"),
    [
        ("spbe-cukup", 1.946, "Cukup", "Baik"),
        ("spbe-baik", 2.8985, "Baik", "Sangat Baik"),
        ("pemdi-kurang", 1.3086, "Kurang", "Cukup"),
    ],
)
def test_bundled_examples(name: str, index: float, predicate: str, next_band: str) -> None:
    # spbe-cukup, weight x sum of levels per aspect: 1.3*27 + 2.5*6 + 2.5*7 + 2.5*5 + 1.5*9
    # + 1.5*3 + 2.75*22 + 3*12 = 35.1 + 15 + 17.5 + 12.5 + 13.5 + 4.5 + 60.5 + 36 = 194.6;
    # spbe-baik: 35.1 + 25 + 27.5 + 12.5 + 27 + 9 + 90.75 + 63 = 289.85;
    # pemdi-kurang: 130.86 with I5 = SDI 25 -> 2.00
    current = read_assessment(EXAMPLES / f"{name}.csv")
    result = compute_index(current.framework, current.values)
    assert result.index == pytest.approx(index, abs=1e-9)
    assert result.predicate == predicate
    assert result.next_band is not None and result.next_band.name == next_band


def test_spbe_cukup_example_groups() -> None:
    current = read_assessment(EXAMPLES / "spbe-cukup.csv")
    result = compute_index(current.framework, current.values)
    # Arsitektur (11) and Peta Rencana (12) at level 1, 13 and 14 at 2: aspect 2 = 1.5
    assert current.values["11"] == current.values["12"] == 1
    assert result.groups["aspect"]["2"] == pytest.approx(1.5)
    # their internal policies (1 and 2) are ahead, at level 3
    assert current.values["1"] == current.values["2"] == 3
    # domain 1: 1.3*(3+3+3+3+2+3+2+3+2+3)/13 = 1.3*27/13 = 2.7
    assert result.groups["domain"]["1"] == pytest.approx(2.7)
    # domain 4 (aspects 7 and 8): (2.75*22 + 3*12)/45.5 = 96.5/45.5
    assert result.groups["domain"]["4"] == pytest.approx(96.5 / 45.5)


def test_spbe_profile_a_groups() -> None:
    # the fixed profile A (tests/data): the former bundled 'cukup' example
    current = read_assessment(PROFILE_A)
    result = compute_index(current.framework, current.values)
    # 1.3*18 + 2.5*6 + 2.5*7 + 2.5*4 + 1.5*9 + 1.5*3 + 2.75*24 + 3*14
    # = 23.4 + 15 + 17.5 + 10 + 13.5 + 4.5 + 66 + 42 = 191.9 -> 1.919
    assert result.index == pytest.approx(1.919, abs=1e-9)
    assert result.predicate == "Cukup"
    # aspect 2: 11 and 12 at level 1, 13 and 14 at 2: 2.5*6/10 = 1.5
    assert result.groups["aspect"]["2"] == pytest.approx(1.5)
    # domain 1: 1.3*(2+2+2+2+1+2+1+2+1+3)/13 = 1.8
    assert result.groups["domain"]["1"] == pytest.approx(1.8)


def test_weighted_index_over_a_subset() -> None:
    values = profile(SPBE, 1, i11=3, i12=2, i32=5)
    # 11 and 12 have equal weight: (3 + 2)/2
    assert weighted_index(SPBE, values, ["11", "12"]) == pytest.approx(2.5)
    # 11 (w 2.5) and 32 (w 2.75): (7.5 + 13.75)/5.25
    assert weighted_index(SPBE, values, ["11", "32"]) == pytest.approx(21.25 / 5.25)
    assert weighted_index(SPBE, values) == pytest.approx((100 + 5 + 2.5 + 11) / 100)


def test_index_gain() -> None:
    assert index_gain(SPBE, "11", 1, 2) == pytest.approx(0.025)
    assert index_gain(SPBE, "42", 2, 5) == pytest.approx(0.09)
    assert index_gain(PEMDI, "I20", 1.25, 2) == pytest.approx(0.1125)
    assert index_gain(PEMDI, "I5", 2, 2) == 0


def _spbe_values() -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries(
        {i: st.integers(0, 5).map(float) for i in SPBE.indicator_ids}
    )


def _pemdi_values() -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries(
        {i: st.integers(100, 500).map(lambda v: v / 100) for i in PEMDI.indicator_ids}
    )


def _check_group_averages(framework: Framework, values: dict[str, float]) -> None:
    result = compute_index(framework, values)
    for kind in framework.group_kinds:
        average = sum(
            framework.group(kind, gid).weight * index for gid, index in result.groups[kind].items()
        ) / framework.total_weight
        assert result.index == pytest.approx(average, abs=1e-12)
    assert min(values.values()) - 1e-12 <= result.index <= max(values.values()) + 1e-12


@settings(max_examples=200, deadline=None)
@given(_spbe_values())
def test_spbe_overall_is_weight_average_of_domains_and_aspects(values: dict[str, float]) -> None:
    _check_group_averages(SPBE, values)


@settings(max_examples=200, deadline=None)
@given(_pemdi_values())
def test_pemdi_overall_is_weight_average_of_aspects(values: dict[str, float]) -> None:
    _check_group_averages(PEMDI, values)


@settings(max_examples=100, deadline=None)
@given(_pemdi_values(), st.sampled_from(PEMDI.indicator_ids), st.integers(100, 500))
def test_index_gain_matches_recomputation(
    values: dict[str, float], indicator: str, new: int
) -> None:
    before = compute_index(PEMDI, values).index
    after = compute_index(PEMDI, {**values, indicator: new / 100}).index
    assert after - before == pytest.approx(
        index_gain(PEMDI, indicator, values[indicator], new / 100), abs=1e-12
    )
