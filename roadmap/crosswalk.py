"""Estimate an assessment on one framework from an assessment on another (a crosswalk).

No official crosswalk exists between the frameworks, so the result is an *estimate*. The mapping
is data: for every target indicator a ``Link`` names the source indicators it descends from, a
``share`` in 0..1 (how much of the target's criteria those sources cover) and the ``basis`` of the
link. The estimate of a target indicator is

    value = floor + share * (mean - floor)

where ``floor`` is the lowest value of the target scale (1), ``mean`` is the weighted mean of the
source indicators' values with the source framework's weights (a source value below the source
scale, i.e. 0 = "not yet assessed", counts as the scale's lowest value) and a link without sources
gives ``floor``. The value is clamped to the target scale and rounded half up to the number of
decimals the target framework carries.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from roadmap.assessment import Assessment
from roadmap.errors import InputError
from roadmap.framework import Framework
from roadmap.index import weighted_index

NEW_BASIS = "baru"
BASES = ("pemetaan pemda", "kemiripan nama", NEW_BASIS)
"""Accepted bases of a link: a pemda-made mapping, name similarity, or a new indicator."""


@dataclass(frozen=True)
class Link:
    """One row of a crosswalk: ``target`` descends from ``sources`` (empty for a new indicator)."""

    target: str
    sources: tuple[str, ...]
    share: float
    basis: str
    note: str = ""


@dataclass(frozen=True)
class Crosswalk:
    """A mapping from every indicator of ``target`` to indicators of ``source``."""

    source: Framework
    target: Framework
    links: tuple[Link, ...]

    def __post_init__(self) -> None:
        targets = [link.target for link in self.links]
        if sorted(targets) != sorted(self.target.indicator_ids):
            raise ValueError(f"links must name every indicator of {self.target.id} exactly once")
        unknown = {s for link in self.links for s in link.sources} - set(self.source.indicator_ids)
        if unknown:
            raise ValueError(f"source ids unknown in {self.source.id}: {sorted(unknown)}")

    def link(self, target_id: str) -> Link:
        """The link of one target indicator."""
        for link in self.links:
            if link.target == target_id:
                return link
        raise KeyError(target_id)

    @property
    def external_targets(self) -> tuple[str, ...]:
        """Target indicators scored from another agency's index, in framework order."""
        return tuple(i.id for i in self.target.indicators if i.external)


def estimate_value(crosswalk: Crosswalk, link: Link, source_values: Mapping[str, float]) -> float:
    """The estimated value of ``link.target`` from the source values (see the module text).

    >>> from roadmap.io.crosswalk_file import load_crosswalk
    >>> cw = load_crosswalk("spbe-2020", "pemdi-2026")
    >>> fives = {i: 5 for i in cw.source.indicator_ids}
    >>> estimate_value(cw, cw.link("I3"), fives)  # 1 + 0.8 * (5 - 1)
    4.2
    """
    scale = crosswalk.target.value
    if not link.sources:
        return scale.min
    low = crosswalk.source.value.min
    floored = {s: max(source_values[s], low) for s in link.sources}
    mean = weighted_index(crosswalk.source, floored, link.sources)
    raw = scale.min + link.share * (mean - scale.min)
    return round_half_up(min(max(raw, scale.min), scale.max), scale.decimals)


def apply_crosswalk(crosswalk: Crosswalk, source: Assessment) -> Assessment:
    """The estimated assessment on ``crosswalk.target`` of an assessment on ``crosswalk.source``.

    Raises ``InputError`` when ``source`` is on another framework than the crosswalk's source.
    """
    if source.framework.id != crosswalk.source.id:
        raise InputError(
            f"penilaian ini memakai kerangka {source.framework.index_name} "
            f"({source.framework.id}); pemetaan ini memerlukan penilaian "
            f"{crosswalk.source.index_name} ({crosswalk.source.id})"
        )
    values = {
        link.target: estimate_value(crosswalk, link, source.values) for link in crosswalk.links
    }
    return Assessment(crosswalk.target, values, name=source.name)


def round_half_up(value: float, decimals: int) -> float:
    """Round like a spreadsheet does (half away from zero for positive values).

    >>> round_half_up(2.345, 2), round_half_up(1.125, 2), round_half_up(2.5, 0)
    (2.35, 1.13, 3.0)
    """
    factor = 10**decimals
    return math.floor(value * factor + 0.5 + 1e-9) / factor
