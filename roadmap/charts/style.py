"""Shared look of the planning charts: Bahasa Indonesia labels, rupiah axes, band colours.

Every chart function builds a ``matplotlib.figure.Figure`` directly (no pyplot state), so the
charts are safe in scripts, tests, the web app and report writing; ``png_bytes`` renders one.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from roadmap.framework import Band, Framework
from roadmap.numbers import format_decimal, format_rupiah_short

# From low to high: red, orange, yellow, light green, green, blue (then repeated).
BAND_PALETTE = ("#e53935", "#fb8c00", "#fdd835", "#9ccc65", "#43a047", "#1e88e5")
OPD_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
               "#17becf", "#7f7f7f", "#bcbd22", "#393b79", "#ad494a", "#637939", "#843c39")
BAND_ALPHA = 0.16
TITLE_SIZE = 13
LABEL_SIZE = 10
SMALL_SIZE = 8.5
PNG_DPI = 110


def new_figure(width: float, height: float) -> Figure:
    """A blank figure with constrained layout (labels never clipped)."""
    return Figure(figsize=(width, height), layout="constrained")


def band_colours(framework: Framework) -> dict[str, str]:
    """The colour of each predicate band, lowest band first on a red-to-blue scale.

    >>> from roadmap.io.framework_files import load_framework
    >>> band_colours(load_framework("spbe-2020"))["Kurang"]
    '#e53935'
    """
    return {band.name: BAND_PALETTE[n % len(BAND_PALETTE)]
            for n, band in enumerate(framework.predicates)}


def band_spans(framework: Framework, low: float, high: float) -> list[tuple[Band, float, float]]:
    """The part of each predicate band inside ``[low, high]``: ``(band, start, end)``.

    >>> from roadmap.io.framework_files import load_framework
    >>> [(b.name, s, e) for b, s, e in band_spans(load_framework("spbe-2020"), 1.5, 2.8)]
    [('Kurang', 1.5, 1.8), ('Cukup', 1.8, 2.6), ('Baik', 2.6, 2.8)]
    """
    bands = framework.predicates
    spans = []
    for n, band in enumerate(bands):
        upper = bands[n + 1].min if n + 1 < len(bands) else float("inf")
        start, end = max(band.min, low), min(upper, high)
        if start < end:
            spans.append((band, start, end))
    return spans


def shade_bands(ax: Axes, framework: Framework, low: float, high: float, *,
                vertical: bool = False) -> None:
    """Shade and name the predicate bands between index values ``low`` and ``high``.

    Horizontal stripes (index on the y axis) by default, named to the right of the axes;
    ``vertical=True`` when the index is on the x axis, named inside along the top edge (name
    over threshold, so narrow bands stay legible).
    """
    colours = band_colours(framework)
    for band, start, end in band_spans(framework, low, high):
        span = ax.axvspan if vertical else ax.axhspan
        span(start, end, color=colours[band.name], alpha=BAND_ALPHA, lw=0, zorder=0)
        threshold = "" if band.min <= 0 else f"≥ {format_decimal(band.min)}"
        if vertical:
            ax.text((start + end) / 2, 0.985, f"{band.name}\n{threshold}".strip(),
                    transform=ax.get_xaxis_transform(), ha="center", va="top",
                    fontsize=SMALL_SIZE - 0.5, color="#424242", zorder=6, clip_on=True,
                    bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1})
        else:
            ax.text(1.01, (start + end) / 2, f"{band.name} {threshold}".strip(),
                    transform=ax.get_yaxis_transform(), ha="left", va="center",
                    fontsize=SMALL_SIZE, color="#424242", zorder=4)


def rupiah_axis(ax: Axes, *, axis: str = "x") -> None:
    """Tick labels in short rupiah (``Rp 750 jt``, ``Rp 1,2 M``) at round amounts."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3))
    target.set_major_formatter(FuncFormatter(lambda value, _pos: format_rupiah_short(value)))


def index_axis(ax: Axes, *, axis: str = "y") -> None:
    """Tick labels with the Indonesian decimal comma (``2,60``)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda value, _pos: format_decimal(value)))


def percent(value: float) -> str:
    """``0.456`` -> ``'46%'``; values that round to 0 or 100 but are not say ``<1%``/``>99%``.

    >>> percent(0.456), percent(0.0004), percent(0.9996), percent(1.0)
    ('46%', '<1%', '>99%', '100%')
    """
    if 0 < value < 0.005:
        return "<1%"
    if 0.995 < value < 1:
        return ">99%"
    return f"{value * 100:.0f}%"


def opd_colours(names: Iterable[str]) -> dict[str, str]:
    """A distinct colour per OPD name, in order of first appearance."""
    unique = list(dict.fromkeys(names))
    return {name: OPD_PALETTE[n % len(OPD_PALETTE)] for n, name in enumerate(unique)}


def shorten(text: str, length: int) -> str:
    """Cut ``text`` at a word boundary to at most ``length`` characters, ending with "…".

    >>> shorten("Penyusunan dokumen Arsitektur SPBE", 20)
    'Penyusunan dokumen…'
    """
    return textwrap.shorten(text, length, placeholder="…")


def style_axes(ax: Axes, spines: Sequence[str] = ("top", "right")) -> None:
    """Hide the given spines and use a light grid behind the data."""
    for side in spines:
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=SMALL_SIZE + 0.5)


def png_bytes(fig: Figure, dpi: int = PNG_DPI) -> bytes:
    """Render ``fig`` to PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
