"""Shared look of the planning charts: Bahasa Indonesia labels, rupiah axes, band colours,
one colour per OPD in every chart, and user text drawn as it was typed.

Every chart function builds a ``matplotlib.figure.Figure`` directly (no pyplot state), so the
charts are safe in scripts, tests, the web app and report writing; ``png_bytes`` renders one.
Chart functions are wrapped in ``chart_fonts`` (DejaVu Sans with the installed fallbacks, no
TeX) and pass every text that comes from a user or a data file through ``plain``.
"""

from __future__ import annotations

import functools
import io
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import ParamSpec

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import FuncFormatter, MaxNLocator

from roadmap.framework import Band, Framework
from roadmap.numbers import format_decimal, format_rupiah_short

__all__ = ["BAND_ALPHA", "BAND_PALETTE", "FONT_FAMILIES", "KNOWN_OPDS", "LABEL_SIZE",
           "NAMED_BAND_SHARE", "NO_OPD", "OPD_PALETTE", "PNG_DPI", "SMALL_SIZE", "TITLE_SIZE",
           "band_colours", "band_spans", "chart_fonts", "index_axis", "installed_families",
           "new_figure", "opd_colours", "percent_axis", "plain", "png_bytes", "rupiah_axis",
           "shade_bands", "short_label", "style_axes", "wrapped_label"]

# From low to high: red, orange, yellow, light green, green, blue (then repeated).
BAND_PALETTE = ("#e53935", "#fb8c00", "#fdd835", "#9ccc65", "#43a047", "#1e88e5")
# Nine clearly different colours, then darker ones.
OPD_PALETTE = ("#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
               "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39", "#7b4173", "#e7ba52",
               "#3b9ab2", "#a55194")
# The OPDs of the bundled catalogues keep these places in OPD_PALETTE in every chart.
KNOWN_OPDS = {"diskominfo": 0, "bappeda": 1, "inspektorat": 2, "bagian hukum setda": 3,
              "bagian organisasi setda": 4, "bkpsdm": 5, "bpkad": 6,
              "bagian pengadaan barang dan jasa setda": 7, "dinas arsip dan perpustakaan": 8}
NO_OPD = "(OPD belum ditentukan)"
# DejaVu Sans first (matplotlib ships it), then any installed font that covers more scripts.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans", "Noto Sans Symbols", "Noto Sans Symbols2",
                 "Noto Sans CJK JP", "Noto Sans Arabic", "Droid Sans Fallback")
MISSING_GLYPH = "\ufffd"  # in DejaVu Sans
NO_OPD_COLOUR = "#9e9e9e"
BAND_ALPHA = 0.16
NAMED_BAND_SHARE = 0.08
TITLE_SIZE = 13
LABEL_SIZE = 10
SMALL_SIZE = 8.5
PNG_DPI = 110


P = ParamSpec("P")


@functools.cache
def installed_families() -> tuple[str, ...]:
    """The fonts of ``FONT_FAMILIES`` that are installed, in that order."""
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    return tuple(family for family in FONT_FAMILIES if family in names)


@functools.cache
def _covered() -> frozenset[int]:
    """The code points that the installed chart fonts can draw."""
    points: set[int] = set()
    for family in installed_families():
        path = font_manager.findfont(font_manager.FontProperties(family=family),
                                     fallback_to_default=False)
        points |= set(FT2Font(path).get_charmap())
    return frozenset(points)


def chart_fonts(build: Callable[P, Figure]) -> Callable[P, Figure]:
    """Run a chart function with the chart fonts (DejaVu Sans, then the installed fallbacks
    for other scripts) and without TeX, whatever the caller's matplotlib settings."""
    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with matplotlib.rc_context({"font.family": list(installed_families()),
                                    "text.usetex": False}):
            return build(*args, **kwargs)
    return wrapper


def plain(text: str) -> str:
    """``text`` as matplotlib must receive it to draw it literally: ``$`` escaped (so no pair
    of dollars starts mathtext; backslashes and braces outside it are drawn as they are), and
    characters no chart font has replaced by U+FFFD, so nothing warns about missing glyphs.

    >>> print(plain("biaya $5 {x} dan $6"))
    biaya \\$5 {x} dan \\$6
    """
    covered = _covered()
    shown = "".join(ch if ord(ch) in covered or ch in "\n\t" else MISSING_GLYPH for ch in text)
    return shown.replace("$", r"\$")


def wrapped_label(prefix: str, name: str, width: int, lines: int = 2) -> str:
    """``prefix name`` wrapped at ``width`` characters on at most ``lines`` lines; a longer
    name ends with "…" after its last whole word. The prefix (an indicator number, an action
    id) is always kept whole, and no word is ever cut.

    >>> print(wrapped_label("7", "Kebijakan Internal Penggunaan Sistem Penghubung Layanan "
    ...                     "Pemerintah", 30))
    7 Kebijakan Internal
    Penggunaan Sistem Penghubung…
    >>> wrapped_label("12", "Kebijakan Internal Tim Koordinasi SPBE", 60, lines=1)
    '12 Kebijakan Internal Tim Koordinasi SPBE'
    """
    words = name.split()
    rows: list[str] = [prefix]
    for n, word in enumerate(words):
        last = len(rows) == lines
        room = width - (1 if last and n + 1 < len(words) else 0)  # keep room for "…"
        candidate = f"{rows[-1]} {word}" if rows[-1] else word
        if len(candidate) <= room:
            rows[-1] = candidate
        elif not last and len(word) <= width:
            rows.append(word)
        else:
            rows[-1] += "…"
            break
    return "\n".join(rows)


def short_label(prefix: str, name: str, width: int) -> str:
    """``wrapped_label`` on one line: ``prefix name`` shortened after a whole word.

    >>> short_label("[S11-2]", "Penyusunan dokumen Arsitektur SPBE", 30)
    '[S11-2] Penyusunan dokumen…'
    """
    return wrapped_label(prefix, name, width, lines=1)


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
    over threshold, so narrow bands stay legible). A band showing less than
    ``NAMED_BAND_SHARE`` of the range is shaded but not named (its name would be cut or run
    into the next one).
    """
    colours = band_colours(framework)
    for band, start, end in band_spans(framework, low, high):
        span = ax.axvspan if vertical else ax.axhspan
        span(start, end, color=colours[band.name], alpha=BAND_ALPHA, lw=0, zorder=0)
        if end - start < NAMED_BAND_SHARE * (high - low):
            continue
        threshold = "" if band.min <= 0 else f"≥ {format_decimal(band.min)}"
        if vertical:
            ax.text((start + end) / 2, 0.985, f"{plain(band.name)}\n{threshold}".strip(),
                    transform=ax.get_xaxis_transform(), ha="center", va="top",
                    fontsize=SMALL_SIZE - 0.5, color="#424242", zorder=6, clip_on=True,
                    bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1})
        else:
            ax.text(1.01, (start + end) / 2, f"{plain(band.name)} {threshold}".strip(),
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


def percent_axis(ax: Axes, *, axis: str = "y") -> None:
    """Ticks at round percentages (``0%``, ``5%``, ``10%``...) of values already in percent."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10], integer=True))
    target.set_major_formatter(FuncFormatter(lambda v, _pos: f"{format_decimal(v, 0)}%"))


def opd_colours(names: Iterable[str]) -> dict[str, str]:
    """The colour of each OPD: the same OPD has the same colour in every chart.

    The OPDs of the bundled catalogues (``KNOWN_OPDS``, blanks and case ignored) have a fixed
    colour. Any other name takes the colour a checksum of it picks among the rest of
    ``OPD_PALETTE``, or, when an OPD of the same chart has it, the next free one (names in
    alphabetical order). ``NO_OPD`` is grey.

    >>> colours = opd_colours(["Dinas Kominfo Kota", "Bappeda", "Diskominfo"])
    >>> colours["Diskominfo"], colours["Bappeda"]
    ('#1f77b4', '#ff7f0e')
    >>> colours == opd_colours(["Diskominfo", "Bappeda", "Dinas Kominfo Kota"])
    True
    >>> len(set(opd_colours(f"OPD {n}" for n in range(len(OPD_PALETTE))).values()))
    16
    """
    unique = sorted(set(names), key=lambda name: (_opd_key(name) not in KNOWN_OPDS,
                                                 _opd_key(name)))
    free = [k for k in range(len(OPD_PALETTE)) if k not in KNOWN_OPDS.values()]
    colours: dict[str, str] = {}
    taken: set[int] = set()
    for name in unique:
        key = _opd_key(name)
        if name == NO_OPD:
            colours[name] = NO_OPD_COLOUR
            continue
        if key in KNOWN_OPDS:
            slot = KNOWN_OPDS[key]
        else:
            first = zlib.crc32(key.encode()) % len(free)
            order = [*free[first:], *free[:first], *range(len(OPD_PALETTE))]
            slot = next((k for k in order if k not in taken), free[first])
        taken.add(slot)
        colours[name] = OPD_PALETTE[slot]
    return colours


def _opd_key(name: str) -> str:
    return " ".join(name.lower().split())


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
