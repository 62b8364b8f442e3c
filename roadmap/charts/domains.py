"""Group indices (SPBE domains, Pemdi aspects) before and after a plan, as horizontal bars."""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure

from roadmap.charts.style import (
    LABEL_SIZE,
    SMALL_SIZE,
    TITLE_SIZE,
    chart_fonts,
    index_axis,
    new_figure,
    plain,
    shade_bands,
    style_axes,
    wrapped_label,
)
from roadmap.framework import Framework
from roadmap.index import weighted_index
from roadmap.numbers import format_decimal

BEFORE_COLOUR = "#90a4ae"
AFTER_COLOUR = "#1565c0"
__all__ = ["domain_figure", "group_indices"]

NAME_WIDTH = 30
NAME_LINES = 3
BAR_HEIGHT = 0.38


def group_indices(framework: Framework, values: Mapping[str, float],
                  kind: str) -> dict[str, float]:
    """The index of every group of ``kind`` (same formula as the overall index)."""
    return {g.id: weighted_index(framework, values, framework.members(kind, g.id))
            for g in framework.groups_of(kind) if framework.members(kind, g.id)}


@chart_fonts
def domain_figure(framework: Framework, before_values: Mapping[str, float],
                  after_values: Mapping[str, float]) -> Figure:
    """Bars of each group index today and expected after the plan, with predicate bands.

    The groups are those of the framework's first group kind (domains for SPBE, aspects for
    Pemdi), top to bottom in official order, labelled with their official names (wrapped, a
very long one shortened after a whole word);
    values are indicator values (e.g. an assessment's values and a plan's
    ``expected_values``). The axis starts at 1, the bottom of the official scale.
    """
    kind = framework.group_kinds[0]
    label = framework.group_labels.get(kind, kind.capitalize())
    before = group_indices(framework, before_values, kind)
    after = group_indices(framework, after_values, kind)
    ids = list(before)
    fig = new_figure(10, 1.6 + 0.62 * len(ids))
    ax = fig.add_subplot()
    rows = range(len(ids))
    ax.barh([y - BAR_HEIGHT / 2 for y in rows], [before[g] for g in ids], height=BAR_HEIGHT,
            color=BEFORE_COLOUR, label="saat ini", zorder=3)
    ax.barh([y + BAR_HEIGHT / 2 for y in rows], [after[g] for g in ids], height=BAR_HEIGHT,
            color=AFTER_COLOUR, label="harapan setelah rencana aksi", zorder=3)
    for y, group_id in zip(rows, ids, strict=True):
        for offset, value, bold in ((-BAR_HEIGHT / 2, before[group_id], False),
                                    (BAR_HEIGHT / 2, after[group_id], True)):
            ax.text(value + 0.03, y + offset, format_decimal(value), va="center", ha="left",
                    fontsize=SMALL_SIZE, fontweight="bold" if bold else "normal", zorder=4)
    # The official scale starts at 1; only an unassessed (0) SPBE indicator goes below.
    left = min(1.0, *before.values(), *after.values())
    right = framework.value.max + 0.3
    ax.set_xlim(left, right)
    ax.set_ylim(len(ids) - 0.45, -0.95)
    shade_bands(ax, framework, left, right, vertical=True)
    ax.set_yticks(list(rows), [plain(wrapped_label(f"{label} {g}",
                                                   framework.group(kind, g).name,
                                                   NAME_WIDTH, NAME_LINES)) for g in ids],
                  fontsize=LABEL_SIZE - 0.5)
    index_axis(ax, axis="x")
    style_axes(ax)
    ax.set_xlabel(f"Indeks {plain(label.lower())}", fontsize=LABEL_SIZE)
    fig.legend(loc="outside lower center", ncol=2, fontsize=SMALL_SIZE + 0.5, frameon=False)
    fig.suptitle(f"Indeks per {plain(label.lower())}: saat ini dan harapan", fontsize=TITLE_SIZE,
                 fontweight="bold")
    return fig
