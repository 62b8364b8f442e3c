"""The dependency graph as a chart: one row per indicator, one column per level.

Rows are grouped and coloured by the framework's first group kind (SPBE domains, Pemdi
aspects). Each (indicator, level) node is a square coloured by its state today: achieved, next
and workable now, next but blocked by an unmet rule prerequisite, or later. Only the rule edges
that block a next level are drawn, each from the unmet prerequisite to the level it blocks, and
the blockers are also written out at the end of the row, so the chart stays legible for the 47
SPBE indicators. Every unmet rule prerequisite gets a thick outline and its unlock value (the
index points it holds back, ``unlock_values``) beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch

from roadmap.charts.style import chart_fonts, plain, short_label
from roadmap.dependencies import Node, blocked, next_level, node_label, unlock_values
from roadmap.framework import Framework
from roadmap.nodes import is_new
from roadmap.numbers import format_decimal

__all__ = ["dependency_figure"]

STATE_COLOURS = {
    "achieved": "#43a047",
    "next": "#1e88e5",
    "blocked": "#e53935",
    "later": "#e6e6e6",
}
STATE_LABELS = {
    "achieved": "sudah tercapai",
    "next": "tingkat berikutnya, dapat dikerjakan sekarang",
    "blocked": "tingkat berikutnya, terhambat prasyarat",
    "later": "tingkat selanjutnya",
}
PREREQUISITE_EDGE = "#6a1b9a"
GROUP_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
                 "#17becf", "#7f7f7f", "#bcbd22")
NAME_LENGTH = 60
ROW_INCHES = 0.3
VALUE_X = 5.75
BLOCKERS_X = 6.25


@chart_fonts
def dependency_figure(graph: nx.DiGraph, values: Mapping[str, float], framework: Framework,
                      *, title: str | None = None) -> Figure:
    """Draw the dependency graph of ``framework`` for an assessment's ``values``.

    Returns a matplotlib ``Figure`` (no pyplot state, so it is safe in scripts, tests and the
    web app); the caller saves it. The indicator labels are the y tick labels, one per
    indicator, in framework order under their group headers: the indicator number and its
    name, shortened after a whole word when long.
    """
    top = framework.max_level
    kind = framework.group_kinds[0]
    blocks = {b.indicator: b for b in blocked(graph, values)}
    unlocks = unlock_values(graph, values, framework)
    prerequisites = {u.node: u.value for u in unlocks}
    rows = _rows(framework, kind)
    positions = {row: y for y, row in enumerate(rows)}

    fig = Figure(figsize=(14, 2.6 + ROW_INCHES * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(0.5, 9.6)
    ax.set_ylim(len(rows) - 0.5, -0.5)

    colours = {g.id: GROUP_COLOURS[n % len(GROUP_COLOURS)]
               for n, g in enumerate(framework.groups_of(kind))}
    label = framework.group_labels.get(kind, kind.capitalize())
    for row, y in positions.items():
        if row.startswith("group:"):
            group = framework.group(kind, row.removeprefix("group:"))
            ax.axhspan(y - 0.5, y + 0.5, color=colours[group.id], alpha=0.18, lw=0)
            ax.text(0.55, y, plain(f"{label} {group.id} — {group.name}"), va="center", ha="left",
                    fontsize=9.5, fontweight="bold", color=colours[group.id], zorder=5,
                    bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1})
    for indicator in framework.indicators:
        y = positions[indicator.id]
        group_id = indicator.groups[kind]
        ax.axhspan(y - 0.5, y + 0.5, color=colours[group_id], alpha=0.05, lw=0)
        value = values[indicator.id]
        nxt = next_level(value, top)
        for level in range(1, top + 1):
            state = _state((indicator.id, level), values, nxt, indicator.id in blocks)
            outline = (indicator.id, level) in prerequisites
            ax.scatter([level], [y], s=150, marker="s", color=STATE_COLOURS[state],
                       edgecolors=PREREQUISITE_EDGE if outline else "#9e9e9e",
                       linewidths=2.4 if outline else 0.6, zorder=3)
            if outline:
                ax.text(level + 0.14, y, "+" + format_decimal(prerequisites[(indicator.id, level)]),
                        va="center", ha="left", fontsize=7.5, color=PREREQUISITE_EDGE,
                        fontweight="bold", zorder=5,
                        bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 0.5})
        shown = str(int(value)) if framework.value.whole else format_decimal(value)
        ax.text(VALUE_X, y, shown, va="center", ha="center", fontsize=8.5)
        if indicator.id in blocks:
            entry = blocks[indicator.id]
            text = "← " + ", ".join(node_label(p) for p in entry.direct)
            if entry.transitive:
                text += "  (lalu " + ", ".join(node_label(p) for p in entry.transitive) + ")"
            ax.text(BLOCKERS_X, y, text, va="center", ha="left", fontsize=8.5,
                    color=STATE_COLOURS["blocked"])
            for prerequisite in entry.direct:
                _arrow(ax, (prerequisite[1], positions[prerequisite[0]]),
                       (entry.next_level, y))

    ax.set_yticks([positions[i.id] for i in framework.indicators],
                  [plain(short_label(i.id, i.name, NAME_LENGTH)) for i in framework.indicators],
                  fontsize=8.5)
    for tick, indicator in zip(ax.get_yticklabels(), framework.indicators, strict=True):
        tick.set_color(colours[indicator.groups[kind]])
    ax.set_xticks([*range(1, top + 1), VALUE_X, BLOCKERS_X + 1.2],
                  [*(f"{lv}\n{framework.level_label(lv)}" for lv in range(1, top + 1)),
                   "nilai\nkini", "terhambat oleh\n(indikator:tingkat)"], fontsize=8.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)

    subtitle = f"{len(blocks)} dari {len(framework.indicators)} indikator terhambat"
    if unlocks:
        best = unlocks[0]
        best_indicator = framework.indicator(best.node[0])
        name = short_label(best_indicator.id, best_indicator.name, NAME_LENGTH)
        subtitle += (f"; prasyarat terbesar: {plain(name)} "
                     f"tingkat {best.node[1]} membuka hingga {format_decimal(best.value)} "
                     "poin indeks")
    fig.suptitle(plain(title or f"Ketergantungan indikator {framework.index_name}"), fontsize=13,
                 fontweight="bold")
    ax.set_title(subtitle, fontsize=10, pad=12)
    handles: list[Artist] = [
        Patch(facecolor=STATE_COLOURS[s], edgecolor="#9e9e9e", label=STATE_LABELS[s])
        for s in STATE_COLOURS
    ]
    handles += [
        Patch(facecolor="white", edgecolor=PREREQUISITE_EDGE, linewidth=2.4,
              label="prasyarat belum terpenuhi (+ poin indeks yang ditahannya)"),
        Line2D([], [], color=PREREQUISITE_EDGE, lw=1.2, marker=">", markersize=5,
               label="aturan: prasyarat → tingkat berikutnya yang dihambat"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=9, frameon=False)
    return fig


def _rows(framework: Framework, kind: str) -> list[str]:
    """Row keys top to bottom: ``group:<id>`` headers followed by their indicator ids."""
    rows = []
    for group in framework.groups_of(kind):
        members = framework.members(kind, group.id)
        if members:
            rows.append(f"group:{group.id}")
            rows.extend(members)
    return rows


def _state(node: Node, values: Mapping[str, float], nxt: int | None, is_blocked: bool) -> str:
    if not is_new(values, node):
        return "achieved"
    if node[1] == nxt:
        return "blocked" if is_blocked else "next"
    return "later"


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    """A curved arrow between two node squares, bending left so parallel arrows fan out."""
    bend = 0.25 if end[1] > start[1] else -0.25
    ax.add_patch(FancyArrowPatch(start, end, connectionstyle=f"arc3,rad={bend}",
                                 arrowstyle="-|>", mutation_scale=8, lw=0.8,
                                 color=PREREQUISITE_EDGE, alpha=0.55, shrinkA=5, shrinkB=5,
                                 zorder=2))

