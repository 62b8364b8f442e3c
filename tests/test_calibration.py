"""Calibration: claims and acceptances per level step, Beta-binomial shrinkage, catalogue."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

import roadmap.calibration
from roadmap.actions import Action, Catalogue, Effect
from roadmap.calibration import (
    Calibration,
    History,
    HistoryRow,
    Step,
    calibrate,
    calibrate_catalogue,
    catalogue_priors,
    count_claims,
    posterior_mean,
)
from roadmap.errors import InputError
from roadmap.io.framework_files import load_framework

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")


def action(action_id: str, effects: str, p: float) -> Action:
    parsed = tuple(Effect(i, int(lvl)) for i, lvl in (e.split(":") for e in effects.split(";")))
    return Action(action_id, action_id, parsed, 1.0, p)


CATALOGUE = Catalogue(SPBE, (
    action("A2", "11:2", 0.9),
    action("A3", "11:3", 0.8),
    action("B3", "12:3", 0.6),
    action("P", "11:3;12:3", 0.7),
    action("C4", "13:4", 0.5),
))


def rows(*data: tuple[int, str, float, float]) -> tuple[HistoryRow, ...]:
    return tuple(HistoryRow(*r) for r in data)


def test_doctests() -> None:
    assert doctest.testmod(roadmap.calibration).failed == 0


# --- claims ------------------------------------------------------------------------------------

def test_claims_run_from_previous_final_to_self_assessed() -> None:
    history = rows(
        (2022, "11", 1, 1),
        (2023, "11", 3, 2),   # claims 2 (accepted) and 3 (rejected)
        (2024, "11", 3, 3),   # previous final 2: claims 3, accepted
        (2025, "11", 3, 3),   # nothing new claimed
    )
    assert count_claims(history) == {("11", 2): (1, 1), ("11", 3): (2, 1)}


def test_first_year_only_sets_the_baseline_and_order_does_not_matter() -> None:
    history = rows((2024, "12", 3, 2), (2022, "12", 4, 1), (2023, "12", 2, 1))
    # 2022 is the baseline; 2023 claims 2 (rejected, final 1); 2024 claims 2, 3 (2 accepted)
    assert count_claims(history) == {("12", 2): (2, 1), ("12", 3): (1, 0)}


def test_gap_years_use_the_latest_earlier_final_and_decimals_floor() -> None:
    history = rows((2021, "I1", 1.42, 1.24), (2024, "I1", 3.1, 2.5))
    assert count_claims(history) == {("I1", 2): (1, 1), ("I1", 3): (1, 0)}


# --- posterior ---------------------------------------------------------------------------------

def test_three_points_move_a_little_thirty_a_lot() -> None:
    few = posterior_mean(0.8, 3, 0)
    many = posterior_mean(0.8, 30, 0)
    assert 0.6 < few < 0.8 and many < 0.25
    assert posterior_mean(0.8, 10, 2) == pytest.approx(0.5)


@given(prior=st.floats(0, 1), claims=st.integers(0, 60), data=st.data())
def test_posterior_lies_between_prior_and_observed_rate(prior: float, claims: int,
                                                        data: st.DataObject) -> None:
    accepted = data.draw(st.integers(0, claims))
    p = posterior_mean(prior, claims, accepted)
    rate = accepted / claims if claims else prior
    assert min(prior, rate) - 1e-12 <= p <= max(prior, rate) + 1e-12


# --- priors and calibrate ----------------------------------------------------------------------

def test_priors_per_step_and_pooled() -> None:
    priors = catalogue_priors(CATALOGUE)
    assert priors[("11", 3)] == pytest.approx((0.8 + 0.7) / 2)
    assert priors[("12", 3)] == pytest.approx((0.6 + 0.7) / 2)
    assert priors[(None, 3)] == pytest.approx((0.8 + 0.6 + 0.7 + 0.7) / 4)
    assert priors[(None, 2)] == pytest.approx(0.9)
    # no action reaches level 1 or 5: the mean over every effect
    assert priors[(None, 1)] == priors[(None, 5)] == pytest.approx(4.2 / 6)


def test_calibrate_pools_levels_and_keeps_indicator_rows_with_enough_claims() -> None:
    history = [HistoryRow(2019, "11", 2, 2), HistoryRow(2019, "12", 2, 2)]
    for year in range(2020, 2026):    # 11 claims level 3 six times, accepted once
        history.append(HistoryRow(year, "11", 3, 3 if year == 2025 else 2))
    history += [HistoryRow(2020, "12", 3, 3)]
    result = calibrate(History(SPBE, tuple(history)), CATALOGUE)
    pooled = result.step(None, 3)
    assert pooled is not None and (pooled.claims, pooled.accepted) == (7, 2)
    own = result.step("11", 3)
    assert own == Step("11", 3, 6, 1, 0.75, posterior_mean(0.75, 6, 1))
    assert result.step("12", 3) is None           # one claim: pooled applies
    assert result.probability("12", 3) == pooled.probability
    assert result.probability("11", 3) == own.probability
    assert result.probability("13", 4) is None    # no claims at level 4
    assert [s.level for s in result.steps[:5]] == [1, 2, 3, 4, 5]


def test_two_of_ten_level_three_claims_fall_below_the_default() -> None:
    history = [HistoryRow(2022, str(i), 2, 2) for i in range(1, 11)]
    history += [HistoryRow(2023, str(i), 3, 3 if i <= 2 else 2) for i in range(1, 11)]
    result = calibrate(History(SPBE, tuple(history)), CATALOGUE)
    step = result.step(None, 3)
    assert step is not None and (step.claims, step.accepted) == (10, 2)
    assert step.probability < step.prior


def test_calibrate_refuses_another_framework() -> None:
    with pytest.raises(InputError, match="kerangka"):
        calibrate(History(PEMDI, ()), CATALOGUE)


# --- catalogue ---------------------------------------------------------------------------------

def test_calibrate_catalogue_uses_highest_step_lowest_of_ties_else_default() -> None:
    calibration = Calibration("spbe-2020", (
        Step(None, 2, 4, 4, 0.9, 0.95),
        Step(None, 3, 10, 2, 0.7, 0.5),
        Step("11", 3, 6, 5, 0.75, 0.8),
        Step(None, 4, 0, 0, 0.5, 0.5),
    ))
    calibrated = calibrate_catalogue(CATALOGUE, calibration)
    p = {a.id: a.probability for a in calibrated}
    assert p["A2"] == 0.95          # pooled level 2
    assert p["A3"] == 0.8           # indicator 11's own row
    assert p["B3"] == 0.5           # pooled level 3
    assert p["P"] == 0.5            # 11:3 -> 0.8, 12:3 -> 0.5: the lowest
    assert p["C4"] == 0.5           # level 4 has no claims: catalogue default kept
    assert calibrated.framework is CATALOGUE.framework
    assert [a.cost for a in calibrated] == [a.cost for a in CATALOGUE]


def test_calibrate_catalogue_refuses_another_framework() -> None:
    with pytest.raises(InputError, match="pemdi-2026"):
        calibrate_catalogue(CATALOGUE, Calibration("pemdi-2026", ()))
