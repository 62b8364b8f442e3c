"""The efficient frontier: the best expected index that each budget buys, as a step line.

Each frontier point is the cheapest cost at which the optimal expected index reaches its value;
between points the best index stays flat, so the line is drawn as steps. Predicate bands are
shaded behind it and named on the right, and the first point of each band above today's
predicate is labelled with the budget it needs. The budgets the user asked about are marked
on the line with the index each buys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from roadmap.charts.style import (
    LABEL_SIZE,
    SMALL_SIZE,
    TITLE_SIZE,
    band_colours,
    chart_fonts,
    index_axis,
    new_figure,
    plain,
    rupiah_axis,
    shade_bands,
    style_axes,
)
from roadmap.framework import Framework
from roadmap.numbers import format_decimal, format_rupiah_short

__all__ = ["FrontierStep", "best_index_at", "frontier_figure"]

LINE_COLOUR = "#0d47a1"
CHOSEN_COLOUR = "#c62828"
ASKED_COLOUR = "#ef6c00"
MARKED_POINTS = 40  # above this many points the dots would merge into a thick line


class FrontierStep(Protocol):
    """What the chart needs of a frontier point (``roadmap.scenarios.FrontierPoint``)."""

    @property
    def cost(self) -> float: ...

    @property
    def expected_index(self) -> float: ...


def best_index_at(frontier: Sequence[FrontierStep], budget: float) -> float | None:
    """The frontier's expected index at ``budget``: that of the last point costing no more.

    >>> from types import SimpleNamespace as P
    >>> steps = [P(cost=0, expected_index=1.9), P(cost=5e8, expected_index=2.1)]
    >>> best_index_at(steps, 4e8), best_index_at(steps, 5e8)
    (1.9, 2.1)
    """
    reached = [p.expected_index for p in frontier if p.cost <= budget + 0.5]
    return max(reached) if reached else None


@chart_fonts
def frontier_figure(frontier: Sequence[FrontierStep], framework: Framework, *,
                    chosen_budget: float | None = None,
                    index_before: float | None = None,
                    marked_budgets: Sequence[float] = ()) -> Figure:
    """Draw the expected index against the budget as a step line with predicate bands.

    ``chosen_budget`` is marked with a vertical line and the index it buys; each of
    ``marked_budgets`` (the budgets asked about, e.g. ``roadmap scenarios --budgets``) gets a
    square on the line, a thin vertical line and its amount; ``index_before`` (today's index)
    is drawn as a dashed line and starts the steps at Rp 0 when the frontier has no point there.
    """
    points = sorted(frontier, key=lambda p: p.cost)
    xs = [p.cost for p in points]
    ys = [p.expected_index for p in points]
    if index_before is not None and (not xs or xs[0] > 0):
        xs, ys = [0.0, *xs], [index_before, *ys]
    asked = sorted({b for b in marked_budgets if b != chosen_budget})
    right = max([*xs, *asked, chosen_budget or 0.0, 1.0]) * 1.06
    values = [*ys] + ([index_before] if index_before is not None else [])
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    margin = max((high - low) * 0.12, 0.05)
    bottom, top = low - margin, high + margin

    fig = new_figure(10, 5.6)
    ax = fig.add_subplot()
    ax.set_xlim(0, right)
    ax.set_ylim(bottom, top)
    shade_bands(ax, framework, bottom, top)
    if xs:
        ax.step([*xs, right], [*ys, ys[-1]], where="post", color=LINE_COLOUR, lw=2,
                label="indeks harapan terbaik", zorder=3)
        if len(xs) <= MARKED_POINTS:
            ax.plot(xs, ys, "o", color=LINE_COLOUR, ms=3.5, zorder=3)
    if index_before is not None:
        ax.axhline(index_before, color="#616161", ls="--", lw=1, zorder=2,
                   label=f"indeks saat ini ({format_decimal(index_before)})")
    _label_band_entries(ax, framework, xs, ys, index_before)
    if asked:
        _mark_asked(ax, points, asked)
    if chosen_budget is not None:
        _mark_chosen(ax, points, chosen_budget, right)

    rupiah_axis(ax)
    index_axis(ax)
    style_axes(ax)
    ax.grid(axis="x", color="#e0e0e0", lw=0.6)
    ax.set_xlabel("Anggaran rencana aksi", fontsize=LABEL_SIZE)
    ax.set_ylabel(f"{plain(framework.index_name)} harapan", fontsize=LABEL_SIZE)
    ax.legend(loc="upper left", fontsize=SMALL_SIZE + 0.5, framealpha=0.9)
    fig.suptitle(f"Batas efisien: {plain(framework.index_name)} harapan terbaik per anggaran",
                 fontsize=TITLE_SIZE, fontweight="bold")
    return fig


def _label_band_entries(ax: Axes, framework: Framework, xs: list[float], ys: list[float],
                        index_before: float | None) -> None:
    """Mark the first frontier point of each band above the starting predicate."""
    if not xs:
        return
    start = framework.predicate(index_before if index_before is not None else ys[0])
    colours = band_colours(framework)
    passed = {b.name for b in framework.predicates if b.min <= framework.band(start).min}
    for x, y in zip(xs, ys, strict=True):
        name = framework.predicate(y)
        if name in passed:
            continue
        passed |= {b.name for b in framework.predicates if b.min <= framework.band(name).min}
        ax.plot([x], [y], "D", color=colours[name], mec="#212121", ms=7, zorder=5)
        ax.annotate(f"{plain(name)} mulai {format_rupiah_short(x)}", (x, y),
                    xytext=(6, -14), textcoords="offset points", fontsize=SMALL_SIZE,
                    fontweight="bold", color="#212121", zorder=6,
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1})


def _mark_asked(ax: Axes, points: list[FrontierStep], budgets: list[float]) -> None:
    """A square on the line at each asked budget, its amount and index written above it."""
    for n, budget in enumerate(budgets):
        ax.axvline(budget, color=ASKED_COLOUR, lw=0.8, ls="--", alpha=0.6, zorder=2,
                   label="anggaran yang ditanyakan" if n == 0 else None)
        value = best_index_at(points, budget)
        if value is None:
            continue
        ax.plot([budget], [value], "s", color=ASKED_COLOUR, mec="#212121", ms=6.5, zorder=6)
        ax.annotate(f"{format_rupiah_short(budget)}\n{format_decimal(value)}", (budget, value),
                    xytext=(0, 9), textcoords="offset points", ha="center", va="bottom",
                    fontsize=SMALL_SIZE, color="#212121", zorder=7,
                    bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1})


def _mark_chosen(ax: Axes, points: list[FrontierStep], budget: float, right: float) -> None:
    value = best_index_at(points, budget)
    ax.axvline(budget, color=CHOSEN_COLOUR, lw=1.4, ls=":", zorder=4,
               label=f"anggaran dipilih ({format_rupiah_short(budget)})")
    if value is None:
        return
    ax.plot([budget], [value], "o", color=CHOSEN_COLOUR, ms=8, zorder=6)
    on_left = budget > right * 0.6
    ax.annotate(
        f"{format_rupiah_short(budget)} → {format_decimal(value)}", (budget, value),
        xytext=(-10 if on_left else 10, 12), textcoords="offset points",
        ha="right" if on_left else "left", fontsize=LABEL_SIZE, fontweight="bold",
        color=CHOSEN_COLOUR, zorder=7,
        bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": CHOSEN_COLOUR, "pad": 2})
