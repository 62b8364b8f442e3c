"""The Assessment value object."""

from __future__ import annotations

import dataclasses

import pytest

from roadmap.assessment import Assessment
from roadmap.io.framework_files import load_framework

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")


def test_values_and_unassessed() -> None:
    values = {i: 2.0 for i in SPBE.indicator_ids} | {"5": 0.0, "30": 0.0}
    current = Assessment(SPBE, values, name="uji")
    assert current.value("11") == 2.0
    assert current.unassessed == ("5", "30")
    assert current.name == "uji"
    assert current.sources == {}


def test_ids_must_match_the_framework() -> None:
    values = {i: 1.0 for i in SPBE.indicator_ids}
    del values["47"]
    with pytest.raises(ValueError, match="'47'"):
        Assessment(SPBE, values)
    with pytest.raises(ValueError, match="'48'"):
        Assessment(SPBE, {**{i: 1.0 for i in SPBE.indicator_ids}, "48": 1.0})
    with pytest.raises(ValueError):
        Assessment(PEMDI, {i: 1.0 for i in SPBE.indicator_ids})


def test_with_values_replaces_and_drops_replaced_sources() -> None:
    values = {i: 1.0 for i in PEMDI.indicator_ids} | {"I5": 2.0, "I18": 3.75}
    current = Assessment(PEMDI, values, {"I5": "SDI=25", "I18": "SDI=68,75"}, "pemda")
    updated = current.with_values({"I5": 3.0, "I1": 2.5})
    assert updated.values["I5"] == 3.0
    assert updated.values["I1"] == 2.5
    assert updated.values["I18"] == 3.75
    assert updated.sources == {"I18": "SDI=68,75"}
    assert updated.name == "pemda"
    # the original is untouched (frozen)
    assert current.values["I5"] == 2.0
    assert current.sources["I5"] == "SDI=25"
    with pytest.raises(dataclasses.FrozenInstanceError):
        current.name = "lain"  # type: ignore[misc]


def test_with_values_checks_ids() -> None:
    current = Assessment(SPBE, {i: 1.0 for i in SPBE.indicator_ids})
    with pytest.raises(ValueError):
        current.with_values({"48": 2.0})
