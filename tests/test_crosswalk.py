"""The crosswalk estimate, checked against hand computations."""

from __future__ import annotations

import pytest

from roadmap.assessment import Assessment
from roadmap.crosswalk import (
    NEW_BASIS,
    Crosswalk,
    Link,
    apply_crosswalk,
    estimate_value,
    round_half_up,
)
from roadmap.errors import InputError
from roadmap.framework import Band, Framework, Indicator, ValueScale
from roadmap.io.assessment_file import read_assessment
from roadmap.io.crosswalk_file import load_crosswalk
from roadmap.io.framework_files import load_framework
from tests.conftest import EXAMPLES, ROOT

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")
# A fixed SPBE profile (the former bundled 'cukup' example) for the hand computations.
PROFILE_A = ROOT / "tests" / "data" / "spbe-profile-a.csv"


def _bundled() -> Crosswalk:
    return load_crosswalk("spbe-2020", "pemdi-2026")


def _spbe(level: int) -> Assessment:
    return Assessment(SPBE, {i: float(level) for i in SPBE.indicator_ids}, name="rata")


def _framework(fid: str, ids: tuple[str, ...], weights: tuple[float, ...],
               scale: ValueScale) -> Framework:
    return Framework(
        id=fid, title=fid, index_name=f"Indeks {fid}", id_style="text", group_kinds=(),
        group_labels={}, total_weight=sum(weights), value=scale, levels={},
        predicates=(Band("Kurang", 0.0),),
        indicators=tuple(
            Indicator(i, i, f"Nama {i}", w, {}) for i, w in zip(ids, weights, strict=True)
        ),
        groups=(),
    )


# A tiny source (1..5, whole, 0 allowed; weights 1 and 3) and a target on 1..3 with two decimals.
SOURCE = _framework("asal", ("S1", "S2"), (1.0, 3.0), ValueScale(1, 5, True, True))
TARGET = _framework("tujuan", ("T1", "T2", "T3"), (1.0, 1.0, 1.0),
                    ValueScale(1, 3, False, False, decimals=2))
TINY = Crosswalk(SOURCE, TARGET, (
    Link("T1", ("S1", "S2"), 1.0, "pemetaan pemda"),
    Link("T2", ("S1",), 0.5, "kemiripan nama"),
    Link("T3", (), 0.0, NEW_BASIS),
))


def test_hand_computed_values_on_spbe_profile_a() -> None:
    estimated = apply_crosswalk(_bundled(), read_assessment(PROFILE_A))
    values = estimated.values
    # I1 <- 1, 2, 11, 12, 13 at levels 2, 2, 1, 1, 2 with weights 1.3, 1.3, 2.5, 2.5, 2.5:
    # mean = (2.6 + 2.6 + 2.5 + 2.5 + 5.0) / 10.1 = 15.2 / 10.1 = 1.50495; share 0.8:
    # 1 + 0.8 * 0.50495 = 1.40396 -> 1.40
    assert values["I1"] == 1.40
    # I3 <- 25 at level 2, share 0.8: 1 + 0.8 * 1 = 1.80
    assert values["I3"] == 1.80
    # I4 <- 10, 19, 20 at 3, 2, 2, weights 1.3, 2.5, 2.5: mean = 13.9 / 6.3 = 2.20635;
    # 1 + 0.8 * 1.20635 = 1.96508 -> 1.97 (the weights matter: the plain mean would give 1.93)
    assert values["I4"] == 1.97
    # I10 <- 8, 22, 31 at 2, 1, 1, weights 1.3, 1.5, 1.5: mean = 5.6 / 4.3 = 1.30233;
    # share 0.7: 1 + 0.7 * 0.30233 = 1.21163 -> 1.21
    assert values["I10"] == 1.21
    # I17 <- 32..47: 32-41 (weight 2.75) sum of levels 24 -> 66; 42-47 (weight 3) sum 14 -> 42;
    # mean = 108 / 45.5 = 2.37363; share 0.6: 1 + 0.6 * 1.37363 = 1.82418 -> 1.82
    assert values["I17"] == 1.82
    # I20 <- 42, 45, 46, 47 at 3, 3, 2, 2 (all weight 3): mean 2.5; share 0.2: 1 + 0.3 = 1.30
    assert values["I20"] == 1.30
    # I6 is new (no SPBE ancestor): 1.00
    assert values["I6"] == 1.00
    assert estimated.framework is PEMDI
    assert estimated.name == "spbe-profile-a"


def test_all_one_gives_all_one() -> None:
    estimated = apply_crosswalk(_bundled(), _spbe(1))
    assert set(estimated.values.values()) == {1.0}


def test_all_five_gives_one_plus_four_times_share() -> None:
    crosswalk = _bundled()
    estimated = apply_crosswalk(crosswalk, _spbe(5))
    for link in crosswalk.links:
        expected = 1.0 if not link.sources else round(1 + 4 * link.share, 2)
        assert estimated.values[link.target] == pytest.approx(expected, abs=1e-12), link.target
    assert estimated.values["I1"] == 4.2  # 1 + 0.8 * 4
    assert estimated.values["I20"] == 1.8  # 1 + 0.2 * 4


def test_new_indicators_start_at_one_whatever_the_source() -> None:
    crosswalk = _bundled()
    new = [link.target for link in crosswalk.links if link.basis == NEW_BASIS]
    assert new == ["I6"]
    assert apply_crosswalk(crosswalk, _spbe(5)).values["I6"] == 1.0


def test_unassessed_source_counts_as_one() -> None:
    crosswalk = _bundled()
    # all 0 ("not yet assessed") estimates exactly like all 1
    at_one = apply_crosswalk(crosswalk, _spbe(1)).values
    assert apply_crosswalk(crosswalk, _spbe(0)).values == at_one
    # I3 <- 25 only: at 0 it counts as 1 -> 1.00, not 1 + 0.8 * (0 - 1) = 0.2
    at_zero = _spbe(3).with_values({"25": 0.0})
    assert estimate_value(crosswalk, crosswalk.link("I3"), at_zero.values) == 1.0


def test_weighted_mean_clamp_and_half_up_rounding_on_a_tiny_crosswalk() -> None:
    # T1 <- S1 (w 1), S2 (w 3), share 1: S1=5, S2=1 -> mean (5 + 3) / 4 = 2.0 -> 2.00
    assert estimate_value(TINY, TINY.link("T1"), {"S1": 5, "S2": 1}) == 2.0
    # S1=5, S2=5: 1 + 1 * 4 = 5, above the target maximum 3 -> clamped to 3.00
    assert estimate_value(TINY, TINY.link("T1"), {"S1": 5, "S2": 5}) == 3.0
    # T2 <- S1, share 0.5: S1=2 -> 1 + 0.5 * (2 - 1) = 1.5
    assert estimate_value(TINY, TINY.link("T2"), {"S1": 2, "S2": 1}) == 1.5
    # T1, S1=2 (w 1), S2=0 -> counts 1 (w 3): mean (2 + 3) / 4 = 1.25 -> 1.25
    assert estimate_value(TINY, TINY.link("T1"), {"S1": 2, "S2": 0}) == 1.25
    # T3 is new: 1.00 whatever the sources
    assert estimate_value(TINY, TINY.link("T3"), {"S1": 5, "S2": 5}) == 1.0


def test_round_half_up() -> None:
    # Python's round(1.125, 2) gives 1.12 (half to even); a spreadsheet gives 1.13
    assert round_half_up(1.125, 2) == 1.13
    assert round_half_up(2.345, 2) == 2.35
    assert round_half_up(1.40396, 2) == 1.40
    assert round_half_up(2.5, 0) == 3.0


def test_crosswalk_must_cover_every_target_once_with_known_sources() -> None:
    with pytest.raises(ValueError, match="exactly once"):
        Crosswalk(SOURCE, TARGET, TINY.links[:2])
    with pytest.raises(ValueError, match="exactly once"):
        Crosswalk(SOURCE, TARGET, (*TINY.links, TINY.links[0]))
    with pytest.raises(ValueError, match="S9"):
        Crosswalk(SOURCE, TARGET, (Link("T1", ("S9",), 1.0, "baru"), *TINY.links[1:]))


def test_external_targets_come_from_the_framework() -> None:
    assert _bundled().external_targets == ("I5", "I6", "I7", "I18")
    assert TINY.external_targets == ()


def test_an_assessment_of_another_framework_is_refused() -> None:
    pemdi = read_assessment(EXAMPLES / "pemdi-kurang.csv")
    with pytest.raises(InputError, match="pemdi-2026"):
        apply_crosswalk(_bundled(), pemdi)
