"""The simulated distribution of next year's index, with the predicate bands and the mean."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np
from matplotlib.figure import Figure

from roadmap.charts.style import (
    LABEL_SIZE,
    SMALL_SIZE,
    TITLE_SIZE,
    chart_fonts,
    index_axis,
    new_figure,
    percent_axis,
    plain,
    shade_bands,
    style_axes,
)
from roadmap.framework import Framework
from roadmap.labels import format_probability
from roadmap.numbers import format_decimal

__all__ = ["SimulatedOutcome", "distribution_figure"]

BAR_COLOUR = "#1565c0"
MEAN_COLOUR = "#212121"
TARGET_COLOUR = "#c62828"
BINS = 40


class SimulatedOutcome(Protocol):
    """What the chart needs of a simulation (``roadmap.simulate.Simulation``)."""

    @property
    def draws(self) -> int: ...

    @property
    def indices(self) -> np.ndarray: ...

    @property
    def mean(self) -> float: ...

    @property
    def percentiles(self) -> Mapping[int, float]: ...

    @property
    def band_probabilities(self) -> Mapping[str, float]: ...

    def probability_at_least(self, value: float) -> float: ...


@chart_fonts
def distribution_figure(simulation: SimulatedOutcome, framework: Framework, *,
                        target: float | None = None) -> Figure:
    """A histogram of the simulated index (percent of draws, ticks at round percentages),
    predicate bands shaded, the mean and optional ``target`` marked, and the chance of reaching
    each band written beside it (``roadmap.labels.format_probability``)."""
    indices = np.asarray(simulation.indices, dtype=float)
    low, high = float(indices.min()), float(indices.max())
    if target is not None:
        low, high = min(low, target), max(high, target)
    span = max(high - low, 0.02)
    left, right = low - span * 0.15, high + span * 0.15
    fig = new_figure(10, 5.4)
    ax = fig.add_subplot()
    edges = np.linspace(float(indices.min()) - 1e-9, float(indices.max()) + 1e-9, BINS + 1) \
        if high > low else np.array([low - span * 0.02, low + span * 0.02])
    weights = np.full(indices.shape, 100.0 / len(indices))
    ax.hist(indices, bins=list(edges), weights=weights, color=BAR_COLOUR, alpha=0.85, zorder=3,
            label=f"{format_decimal(simulation.draws, 0)} simulasi")
    ax.set_xlim(left, right)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.18)
    shade_bands(ax, framework, left, right, vertical=True)
    ax.axvline(simulation.mean, color=MEAN_COLOUR, lw=1.8, zorder=4,
               label=f"rata-rata {format_decimal(simulation.mean, 3)}")
    if target is not None:
        ax.axvline(target, color=TARGET_COLOUR, lw=1.6, ls="--", zorder=4,
                   label=f"target {format_decimal(target)} "
                         f"(peluang {format_probability(simulation.probability_at_least(target))})")
    ax.text(1.02, 0.98, _summary(simulation, framework), transform=ax.transAxes, va="top",
            ha="left", fontsize=SMALL_SIZE + 0.5, linespacing=1.5,
            bbox={"facecolor": "#fafafa", "edgecolor": "#bdbdbd", "pad": 6})
    index_axis(ax, axis="x")
    percent_axis(ax)
    style_axes(ax)
    ax.set_xlabel(f"{plain(framework.index_name)} tahun depan (simulasi)", fontsize=LABEL_SIZE)
    ax.set_ylabel("Bagian dari simulasi", fontsize=LABEL_SIZE)
    fig.legend(loc="outside lower center", ncol=3, fontsize=SMALL_SIZE + 0.5, frameon=False)
    fig.suptitle(f"Sebaran {plain(framework.index_name)} bila sebagian bukti tidak diterima",
                 fontsize=TITLE_SIZE, fontweight="bold")
    return fig


def _summary(simulation: SimulatedOutcome, framework: Framework) -> str:
    """Percentiles and the chance of reaching each band above the lowest, one per line,
    up to the first band that no draw reaches."""
    lines = ["Persentil:"]
    lines += [f"  P{k}: {format_decimal(v)}" for k, v in sorted(simulation.percentiles.items())]
    lines.append("Peluang mencapai:")
    for band in framework.predicates[1:]:
        chance = simulation.band_probabilities[band.name]
        lines.append(f"  {plain(band.name)} atau lebih: {format_probability(chance)}")
        if chance == 0:  # the higher bands are out of reach too
            break
    return "\n".join(lines)
