"""Charts of a multi-year Peta Rencana: the expected index trajectory and a multi-year Gantt.

Both return a matplotlib ``Figure`` without pyplot state (safe in scripts, tests and the web
app); the caller saves it.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from roadmap.charts.style import NO_OPD, chart_fonts, opd_colours, plain, short_label
from roadmap.framework import Framework
from roadmap.multiyear import MultiYearPlan
from roadmap.numbers import format_decimal, format_rupiah_short

__all__ = ["multiyear_gantt_figure", "trajectory_figure"]

BAND_COLOURS = ("#f4cccc", "#fce5cd", "#fff2cc", "#d9ead3", "#cfe2f3", "#d9d2e9", "#ead1dc")
LINE_COLOUR = "#1f4e78"
TARGET_COLOUR = "#c62828"
MONTHS_PER_YEAR = 12
NAME_LENGTH = 52
ROW_INCHES = 0.27


@chart_fonts
def trajectory_figure(plan: MultiYearPlan, framework: Framework, *,
                      title_suffix: str = "") -> Figure:
    """Expected index at the end of each year (and now), over the framework's predicate bands,
    with each year's spending under its label and the target, if any, as a dashed line."""
    labels = ["sekarang"] + [
        f"{y.year}\n{format_rupiah_short(y.total_cost)}"
        + (f"\ndari {format_rupiah_short(y.available)}" if y.available is not None else "")
        for y in plan.years]
    values = [plan.index_before] + [y.expected_index for y in plan.years]
    predicates = [plan.predicate_before] + [y.predicate for y in plan.years]
    positions = list(range(len(values)))

    fig = Figure(figsize=(max(7.0, 1.7 * len(values) + 2.5), 5.6), layout="constrained")
    ax = fig.add_subplot()
    shown = [*values, *([plan.target] if plan.target is not None else [])]
    low, high = _visible_range(framework, min(shown), max(shown))
    bands = framework.predicates
    for k, band in enumerate(bands):
        top = bands[k + 1].min if k + 1 < len(bands) else framework.value.max
        if top <= low or band.min >= high:
            continue
        bottom, ceiling = max(band.min, low), min(top, high)
        ax.axhspan(bottom, ceiling, color=BAND_COLOURS[k % len(BAND_COLOURS)], zorder=0, lw=0)
        if ceiling - bottom >= 0.08 * (high - low):
            ax.text(len(values) - 0.45, (bottom + ceiling) / 2, plain(band.name), ha="right",
                    va="center", fontsize=10, color="#555555", fontweight="bold", zorder=1)
        if low < band.min < high:
            ax.axhline(band.min, color="#999999", lw=0.8, ls=":", zorder=1)
            ax.text(-0.45, band.min, format_decimal(band.min), ha="left", va="bottom",
                    fontsize=8, color="#777777", zorder=1)
    ax.plot(positions, values, color=LINE_COLOUR, lw=2.2, marker="o", markersize=8, zorder=3)
    for x, value, predicate in zip(positions, values, predicates, strict=True):
        ax.annotate(f"{format_decimal(value)}\n{plain(predicate)}", (x, value),
                    textcoords="offset points", xytext=(0, 10), ha="center", va="bottom",
                    fontsize=9.5, fontweight="bold", color=LINE_COLOUR, zorder=4,
                    bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1})
    if plan.target is not None:
        ax.axhline(plan.target, color=TARGET_COLOUR, lw=1.4, ls="--", zorder=2)
        ax.text(0.05, plan.target, f"target {format_decimal(plan.target)} ({plan.by_year})",
                color=TARGET_COLOUR, fontsize=9, va="bottom", ha="left", zorder=4)
    ax.set_xlim(-0.5, len(values) - 0.4)
    ax.set_ylim(low, high)
    ax.set_xticks(positions, labels, fontsize=9)
    ax.set_ylabel(f"indeks harapan {plain(framework.index_name)}")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_decimal(v, 1)))
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    first, last = plan.years[0].year, plan.years[-1].year
    title = f"Lintasan indeks harapan {framework.index_name} {first}–{last}"
    fig.suptitle(plain(title + (f" — {title_suffix}" if title_suffix else "")), fontsize=13,
                 fontweight="bold")
    ax.set_title("di bawah tahun: biaya terpakai dari anggaran tersedia; aksi yang gagal tidak "
                 "diulang tahun berikutnya", fontsize=9, color="#555555")
    return fig


def _visible_range(framework: Framework, low: float, high: float) -> tuple[float, float]:
    """From the lower edge of the band holding ``low`` (at most 0.3 below it) to a little past
    the next band edge above ``high`` (so the next predicate is in sight), within the scale."""
    edges = [b.min for b in framework.predicates] + [framework.value.max]
    bottom = max(max((e for e in edges if e <= low), default=0.0), low - 0.3)
    top = min((e for e in edges if e > high), default=framework.value.max)
    return max(bottom - 0.03, 0.0), min(top + 0.3, framework.value.max)


@chart_fonts
def multiyear_gantt_figure(plan: MultiYearPlan, framework: Framework, *,
                           title_suffix: str = "") -> Figure:
    """One bar per action over the months of its year (years side by side, the x axis
    labelled by year), coloured by OPD (``opd_colours``, as in every chart); the rows are
    grouped by year in rencana-aksi order and labelled ``year rank. [id] name``. A dotted line
    marks each year's evidence deadline when the months per year are fewer than 12."""
    rows = [(year, p) for year in plan.years for p in year.selected]
    opds = sorted({p.action.opd or NO_OPD for _, p in rows})
    colours = opd_colours(opds)
    width = MONTHS_PER_YEAR * len(plan.years)
    fig = Figure(figsize=(max(11.0, 3.2 * len(plan.years) + 6.5),
                          2.4 + ROW_INCHES * max(len(rows), 1)), layout="constrained")
    ax = fig.add_subplot()
    for t, year in enumerate(plan.years):
        left = t * MONTHS_PER_YEAR
        if t % 2 == 0:
            ax.axvspan(left, left + MONTHS_PER_YEAR, color="#f2f2f2", zorder=0, lw=0)
        ax.axvline(left, color="#9e9e9e", lw=0.8, zorder=1)
        if plan.max_months is not None and plan.max_months < MONTHS_PER_YEAR:
            ax.axvline(left + plan.max_months, color=TARGET_COLOUR, lw=0.9, ls=":", zorder=1)
        ax.text(left + MONTHS_PER_YEAR / 2, -0.9,
                f"{year.year}: {format_decimal(year.expected_index)} ({plain(year.predicate)})",
                ha="center", va="bottom", fontsize=10, fontweight="bold", color=LINE_COLOUR)
    for y, (year, p) in enumerate(rows):
        if y and rows[y - 1][0] is not year:
            ax.axhline(y - 0.5, color="#bdbdbd", lw=0.8, zorder=1)
        left = (year.year - plan.years[0].year) * MONTHS_PER_YEAR + p.start_month
        span = p.end_month - p.start_month
        colour = colours[p.action.opd or NO_OPD]
        if span > 0:
            ax.barh(y, span, left=left, height=0.68, color=colour, edgecolor="white", zorder=3)
        else:
            ax.scatter([left], [y], marker="D", s=40, color=colour, zorder=3)
        ax.text(left + span + 0.15, y, format_rupiah_short(p.action.cost),
                va="center", ha="left", fontsize=7.5, color="#333333", zorder=4)
    ax.set_yticks(range(len(rows)), [
        plain(short_label(f"{y.year} {p.rank}. [{p.action.id}]", p.action.name, NAME_LENGTH))
        for y, p in rows], fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -1.2)
    years = range(len(plan.years))
    ax.set_xticks([(t + 0.5) * MONTHS_PER_YEAR for t in years],
                  [str(year.year) for year in plan.years], fontsize=9)
    ax.set_xticks([t * MONTHS_PER_YEAR + m for t in years for m in (0, 3, 6, 9)] + [width],
                  minor=True)
    ax.tick_params(axis="x", which="major", length=0, pad=6)
    ax.tick_params(axis="x", which="minor", length=3)
    ax.set_xlim(0, width + 3.5)
    ax.set_xlabel("tahun anggaran (garis kecil: awal bulan 1, 4, 7 dan 10)")
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    ax.tick_params(axis="y", length=0)
    handles = [Patch(facecolor=colours[o], label=plain(o)) for o in opds]
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(opds), 5),
               fontsize=9, frameon=False, title="OPD pelaksana", title_fontsize=9)
    first, last = plan.years[0].year, plan.years[-1].year
    title = f"Peta Rencana {framework.index_name} {first}–{last}: aksi per tahun dan bulan"
    fig.suptitle(plain(title + (f" — {title_suffix}" if title_suffix else "")), fontsize=13,
                 fontweight="bold")
    return fig

