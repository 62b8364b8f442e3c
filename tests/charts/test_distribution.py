"""The outcome histogram: shares of draws, band chances and the mean written on it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest

from roadmap.charts.distribution import distribution_figure
from roadmap.charts.style import png_bytes
from roadmap.io.framework_files import load_framework
from tests.test_dependencies import tiny_framework


@dataclass(frozen=True)
class FakeSimulation:
    indices: np.ndarray
    seed: int = 1
    percentiles: dict[int, float] = field(default_factory=dict)
    band_probabilities: dict[str, float] = field(default_factory=dict)

    @property
    def draws(self) -> int:
        return len(self.indices)

    @property
    def mean(self) -> float:
        return float(self.indices.mean())

    def probability_at_least(self, value: float) -> float:
        return float((self.indices >= value).mean())


# 3 of 10 draws at 1.5, 7 at 2.1: mean 1.92; Baik (>= 2.0) reached in 70%.
SIMULATION = FakeSimulation(np.array([1.5] * 3 + [2.1] * 7), percentiles={5: 1.5, 50: 2.1},
                            band_probabilities={"Kurang": 1.0, "Baik": 0.7})


def test_histogram_shares_mean_target_and_summary() -> None:
    fig = distribution_figure(SIMULATION, tiny_framework(), target=2.0)
    ax = fig.axes[0]
    heights = [bar.get_height() for bar in ax.containers[0]]  # percent of the draws
    assert sum(heights) == pytest.approx(100.0)
    assert max(heights) == pytest.approx(70) and sorted(heights)[-2] == pytest.approx(30)
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["10 simulasi", "rata-rata 1,920", "target 2,00 (peluang 70%)"]
    summary = [t.get_text() for t in ax.texts if t.get_text().startswith("Persentil")][0]
    assert summary.splitlines() == ["Persentil:", "  P5: 1,50", "  P50: 2,10",
                                    "Peluang mencapai:", "  Baik atau lebih: 70%"]


def test_summary_stops_at_the_first_unreached_band() -> None:
    spbe = load_framework("spbe-2020")
    chances = {"Kurang": 1.0, "Cukup": 0.996, "Baik": 0.0002, "Sangat Baik": 0.0,
               "Memuaskan": 0.0}
    simulation = FakeSimulation(np.full(5, 2.0), percentiles={50: 2.0},
                                band_probabilities=chances)
    fig = distribution_figure(simulation, spbe)
    summary = [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("Persentil")]
    # As the CLI, the app and the report write them (roadmap.labels.format_probability).
    assert summary[0].splitlines()[-3:] == ["  Cukup atau lebih: 99,6%",
                                            "  Baik atau lebih: <0,1%",
                                            "  Sangat Baik atau lebih: 0%"]
    # Every draw equal: one bar holding all of them.
    assert [bar.get_height() for bar in fig.axes[0].containers[0]] == [pytest.approx(100)]
    assert png_bytes(fig).startswith(b"\x89PNG")


@pytest.mark.parametrize("spread", [0.02, 0.3, 1.1])
def test_share_ticks_at_round_percentages(spread: float) -> None:
    rng = np.random.default_rng(3)
    simulation = FakeSimulation(2.0 + spread * rng.random(5_000),
                                band_probabilities={"Kurang": 1.0, "Baik": 0.5})
    fig = distribution_figure(simulation, tiny_framework())
    png_bytes(fig)  # lay the ticks out
    ax = fig.axes[0]
    ticks = [t for t in ax.get_yticks() if 0 <= t <= ax.get_ylim()[1]]
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and steps <= {1, 2, 5, 10, 20, 25, 50}
    assert all(t % next(iter(steps)) == 0 for t in ticks)
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["0%", f"{steps.pop():g}%"]
