"""An assessment: the value of every indicator of one framework."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from roadmap.framework import Framework


@dataclass(frozen=True)
class Assessment:
    """Current values on the official 1..5 scale (0 = not yet assessed, where allowed).

    ``sources`` records how a value was obtained when it was not typed directly, e.g.
    ``{"I5": "SDI=25"}`` for an indicator scored from another agency's index.
    """

    framework: Framework
    values: Mapping[str, float]
    sources: Mapping[str, str] = field(default_factory=dict)
    name: str = ""

    def __post_init__(self) -> None:
        expected = set(self.framework.indicator_ids)
        if set(self.values) != expected:
            missing = sorted(expected - set(self.values))
            extra = sorted(set(self.values) - expected)
            raise ValueError(f"assessment ids do not match the framework: {missing=} {extra=}")

    def value(self, indicator_id: str) -> float:
        return self.values[indicator_id]

    @property
    def unassessed(self) -> tuple[str, ...]:
        """Indicators at 0 (accepted as "not yet assessed" where the framework allows it)."""
        return tuple(i for i in self.framework.indicator_ids if self.values[i] == 0)

    def with_values(self, updates: Mapping[str, float]) -> Assessment:
        """A copy with some values replaced (the sources of replaced values are dropped)."""
        values = {**self.values, **updates}
        sources = {k: v for k, v in self.sources.items() if k not in updates}
        return Assessment(self.framework, values, sources, self.name)
