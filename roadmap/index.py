"""The official index: a weighted average of indicator values, per group and overall.

Index = sum(w_i * v_i) / sum(w_i). A group index (domain, aspect) is the same formula over its
members, so the overall index is also the weight-average of the group indices of any one kind.
Values are kept unrounded; rounding is for display only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from roadmap.framework import Band, Framework


@dataclass(frozen=True)
class IndexResult:
    framework_id: str
    index: float
    predicate: str
    groups: Mapping[str, Mapping[str, float]]
    next_band: Band | None
    unassessed: tuple[str, ...]

    @property
    def gap_to_next_band(self) -> float | None:
        """Index points still missing to reach the next predicate band (None at the top)."""
        return None if self.next_band is None else self.next_band.min - self.index


def weighted_index(
    framework: Framework, values: Mapping[str, float], indicator_ids: Iterable[str] | None = None
) -> float:
    """Weighted average of ``values`` over ``indicator_ids`` (all indicators by default).

    >>> from roadmap.io.framework_files import load_framework
    >>> spbe = load_framework("spbe-2020")
    >>> weighted_index(spbe, {i: 1 for i in spbe.indicator_ids})
    1.0
    """
    ids = framework.indicator_ids if indicator_ids is None else tuple(indicator_ids)
    total = sum(framework.indicator(i).weight for i in ids)
    return sum(framework.indicator(i).weight * values[i] for i in ids) / total


def compute_index(framework: Framework, values: Mapping[str, float]) -> IndexResult:
    """The overall index, every group index, the predicate and the next band."""
    overall = weighted_index(framework, values)
    groups = {
        kind: {
            g.id: weighted_index(framework, values, framework.members(kind, g.id))
            for g in framework.groups_of(kind)
        }
        for kind in framework.group_kinds
    }
    return IndexResult(
        framework_id=framework.id,
        index=overall,
        predicate=framework.predicate(overall),
        groups=groups,
        next_band=framework.next_band(overall),
        unassessed=tuple(i for i in framework.indicator_ids if values[i] == 0),
    )


def index_gain(
    framework: Framework, indicator_id: str, from_value: float, to_value: float
) -> float:
    """Index points gained when one indicator moves from ``from_value`` to ``to_value``."""
    weight = framework.indicator(indicator_id).weight
    return weight * (to_value - from_value) / framework.total_weight
