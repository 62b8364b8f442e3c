"""The rencana aksi as a Gantt chart: one bar per action over the months, grouped by OPD."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from roadmap.charts.style import (
    LABEL_SIZE,
    NO_OPD,
    SMALL_SIZE,
    TITLE_SIZE,
    chart_fonts,
    new_figure,
    opd_colours,
    plain,
    style_axes,
    wrapped_label,
)
from roadmap.framework import Framework
from roadmap.numbers import format_rupiah_short
from roadmap.plan import Plan, PlannedAction

__all__ = ["action_label", "timeline_figure", "timeline_rows"]

NAME_WIDTH = 48
ROW_INCHES = 0.42
DEADLINE_COLOUR = "#c62828"


def timeline_rows(plan: Plan) -> list[PlannedAction]:
    """The plan's actions top to bottom: OPDs in order of their first action's rank, and
    within an OPD by start month, then rank."""
    first: dict[str, int] = {}
    for planned in plan.selected:
        first.setdefault(planned.action.opd, planned.rank)
    return sorted(plan.selected,
                  key=lambda p: (first[p.action.opd], p.start_month, p.rank))


def action_label(planned: PlannedAction) -> str:
    """``rank. [id] name`` on at most two lines of ``NAME_WIDTH`` characters.

    >>> from roadmap.actions import Action, Effect
    >>> act = Action("S11-2", "Penyusunan dokumen Arsitektur SPBE untuk seluruh perangkat "
    ...              "daerah dengan satu konsultan dan reviu", (Effect("11", 2),), 1.0)
    >>> print(action_label(PlannedAction(act, 3, 0.1, "", 0, 4)))
    3. [S11-2] Penyusunan dokumen Arsitektur SPBE
    untuk seluruh perangkat daerah dengan satu…
    """
    return wrapped_label(f"{planned.rank}. [{planned.action.id}]", planned.action.name,
                         NAME_WIDTH)


@chart_fonts
def timeline_figure(plan: Plan, framework: Framework, *, deadline: int | None = None) -> Figure:
    """Draw each selected action from its start month to its end month, coloured by OPD.

    Labels are ``rank. [id] name`` (``action_label``); the cost is written after each bar.
    Months are those of the plan year, 1 to 12 (``roadmap.labels.month_span``).
    ``deadline`` (the month limit before the evidence upload) is drawn as a vertical line. An
    action without a duration is drawn as a diamond at its start.
    """
    rows = timeline_rows(plan)
    opds = [p.action.opd or NO_OPD for p in rows]
    colours = opd_colours(opds)
    horizon = max(plan.months_needed, deadline or 0, 12)
    fig = new_figure(12, 2.2 + ROW_INCHES * max(len(rows), 2))
    ax = fig.add_subplot()
    if not rows:
        ax.text(0.5, 0.5, "Tidak ada aksi terpilih dalam rencana ini.", ha="center",
                va="center", fontsize=LABEL_SIZE + 1, transform=ax.transAxes)
    for y, (planned, opd) in enumerate(zip(rows, opds, strict=True)):
        start, end = planned.start_month, planned.end_month
        if end > start:
            ax.barh(y, end - start, left=start, height=0.62, color=colours[opd],
                    edgecolor="white", zorder=3)
        else:
            ax.plot([start], [y], "D", color=colours[opd], ms=8, zorder=3)
        ax.text(max(end, start + 0.2) + 0.12, y, format_rupiah_short(planned.action.cost),
                va="center", ha="left", fontsize=SMALL_SIZE, color="#424242", zorder=4)
        if y > 0 and opds[y - 1] != opd:
            ax.axhline(y - 0.5, color="#bdbdbd", lw=0.8, zorder=1)
    ax.set_yticks(range(len(rows)), [plain(action_label(p)) for p in rows],
                  fontsize=SMALL_SIZE)
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.7)
    ax.set_xlim(0, horizon + 1.6)
    ax.set_xticks([m + 0.5 for m in range(horizon)], [str(m + 1) for m in range(horizon)])
    ax.set_xticks(range(horizon + 1), minor=True)
    ax.grid(axis="x", which="minor", color="#e0e0e0", lw=0.6)
    ax.tick_params(axis="x", which="both", length=0)
    if deadline is not None:
        ax.axvline(deadline, color=DEADLINE_COLOUR, ls="--", lw=1.3, zorder=2)
        ax.text(deadline, -0.62, f" batas {deadline} bulan", color=DEADLINE_COLOUR,
                fontsize=SMALL_SIZE, va="center", ha="left")
    style_axes(ax)
    ax.set_xlabel("Bulan pelaksanaan dalam tahun rencana", fontsize=LABEL_SIZE)
    handles = [Patch(color=colours[name], label=plain(name)) for name in dict.fromkeys(opds)]
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 4),
                   fontsize=SMALL_SIZE + 0.5, frameon=False, title="OPD pelaksana",
                   title_fontsize=SMALL_SIZE + 0.5)
    fig.suptitle(f"Jadwal rencana aksi {plain(framework.index_name)} per OPD", fontsize=TITLE_SIZE,
                 fontweight="bold")
    return fig
