"""The frontier chart: steps through every point, bands named, chosen budget marked."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg

from roadmap.charts.frontier import best_index_at, frontier_figure
from roadmap.charts.style import png_bytes
from tests.test_dependencies import tiny_framework


@dataclass(frozen=True)
class Point:
    cost: float
    expected_index: float
    selected: tuple[str, ...] = ()


# Tiny framework bands: Kurang from 0, Baik from 2.0.
STEPS = (Point(0, 1.5), Point(1e8, 1.8, ("A",)), Point(3e8, 2.1, ("A", "B")))


def _texts(fig: object) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]  # type: ignore[attr-defined]


def test_best_index_at_is_the_last_point_within_budget() -> None:
    assert best_index_at(STEPS, 0) == 1.5
    assert best_index_at(STEPS, 2.999e8) == 1.8
    assert best_index_at(STEPS, 3e8) == 2.1
    assert best_index_at(STEPS, 9e9) == 2.1
    assert best_index_at(STEPS[1:], 5e7) is None


def test_steps_bands_and_chosen_budget() -> None:
    fig = frontier_figure(STEPS, tiny_framework(), chosen_budget=2e8, index_before=1.5)
    ax = fig.axes[0]
    step = ax.lines[0]
    right = 3e8 * 1.06
    assert list(step.get_xdata()) == [0, 1e8, 3e8, right]
    assert list(step.get_ydata()) == [1.5, 1.8, 2.1, 2.1]
    assert step.get_drawstyle() == "steps-post"
    texts = _texts(fig)
    assert "Kurang" in texts and "Baik ≥ 2,00" in texts
    # Baik is first reached at the third point; the chosen budget buys the second's index.
    assert "Baik mulai Rp 300 jt" in texts
    assert "Rp 200 jt → 1,80" in texts
    labels = ax.get_legend_handles_labels()[1]
    assert "indeks saat ini (1,50)" in labels and "anggaran dipilih (Rp 200 jt)" in labels
    FigureCanvasAgg(fig).draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "Rp 0" in ticks and "Rp 100 jt" in ticks and "Rp 300 jt" in ticks
    assert "1,80" in [t.get_text() for t in ax.get_yticklabels()]


def test_index_before_starts_the_steps_at_zero() -> None:
    fig = frontier_figure(STEPS[1:], tiny_framework(), index_before=1.5)
    step = fig.axes[0].lines[0]
    assert list(step.get_xdata())[:2] == [0.0, 1e8]
    assert list(step.get_ydata())[:2] == [1.5, 1.8]
    assert not any("→" in t for t in _texts(fig))


def test_renders_to_png() -> None:
    assert png_bytes(frontier_figure(STEPS, tiny_framework())).startswith(b"\x89PNG")
