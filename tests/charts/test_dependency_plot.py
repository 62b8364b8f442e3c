"""The dependency chart: one labelled row per indicator, states and blocking edges drawn."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from roadmap.charts.dependency_plot import STATE_COLOURS, dependency_figure
from roadmap.dependencies import build_graph
from roadmap.io.assessment_file import read_assessment
from roadmap.io.rules_file import read_default_rules
from tests.conftest import EXAMPLES
from tests.test_dependencies import TINY_RULES, tiny_framework


def _render(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_tiny_graph_states_edges_and_unlock_labels() -> None:
    tiny = tiny_framework()
    graph = build_graph(tiny, TINY_RULES)
    values = {"1": 1.0, "2": 1.0, "3": 1.0, "4": 2.0}
    fig = dependency_figure(graph, values, tiny, title="Uji")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["1 Indikator 1", "2 Indikator 2", "3 Indikator 3", "4 Indikator 4"]
    # Blocking edges: 1:2 -> 2:2, 2:3 -> 3:2, 1:2 -> 4:3.
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 3
    texts = _texts(fig)
    assert "Domain A — Domain A" in texts and "Domain B — Domain B" in texts
    assert "+1,40" in texts and "+0,60" in texts  # unlock values of 1:2 and 2:3
    assert "← 2:3  (lalu 1:2, 2:2)" in texts
    # One square per node, coloured by state: row 3 is achieved, blocked, later.
    squares = ax.collections
    assert len(squares) == 4 * 3
    row3 = [squares[6 + k].get_facecolor()[0][:3] for k in range(3)]
    expected = [STATE_COLOURS[s] for s in ("achieved", "blocked", "later")]
    assert [tuple(round(c, 3) for c in rgb) for rgb in row3] == [
        tuple(round(c, 3) for c in to_rgb(e)) for e in expected]
    assert fig.get_suptitle() == "Uji"
    assert _render(fig).startswith(b"\x89PNG")


def test_spbe_examples_label_all_47_indicators() -> None:
    for name in ("spbe-cukup", "spbe-baik"):
        current = read_assessment(EXAMPLES / f"{name}.csv")
        spbe = current.framework
        fig = dependency_figure(build_graph(spbe, read_default_rules(spbe)), current.values, spbe)
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert len(labels) == 47
        assert labels[10] == "11 Arsitektur SPBE"
        # 57 characters, within the 60 shown whole.
        assert labels[6] == "7 Kebijakan Internal Penggunaan Sistem Penghubung Layanan"
        for label, indicator in zip(labels, spbe.indicators, strict=True):
            full = f"{indicator.id} {indicator.name}"
            # Shortened after a whole word, the indicator number kept.
            assert label == full or (label.endswith("…") and
                                     (full + " ").startswith(label[:-1] + " "))
        assert sum(t.startswith("Domain ") for t in _texts(fig)) == 4
        assert _render(fig).startswith(b"\x89PNG")


def test_pemdi_example_groups_by_aspect() -> None:
    current = read_assessment(EXAMPLES / "pemdi-kurang.csv")
    pemdi = current.framework
    fig = dependency_figure(build_graph(pemdi, read_default_rules(pemdi)), current.values, pemdi)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 20 and labels[0] == "I1 Tata Kelola Pemerintah Digital"
    assert sum(t.startswith("Aspek ") for t in _texts(fig)) == 7
    assert "1,26" in _texts(fig)  # I10's partial value is shown
