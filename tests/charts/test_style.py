"""What every chart shares: one OPD palette, whole-word labels, user text drawn literally."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from matplotlib import cbook
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from roadmap.actions import Action, Effect
from roadmap.charts.dependency_plot import dependency_figure
from roadmap.charts.distribution import distribution_figure
from roadmap.charts.domains import domain_figure
from roadmap.charts.frontier import frontier_figure
from roadmap.charts.style import (
    NO_OPD,
    OPD_PALETTE,
    opd_colours,
    plain,
    png_bytes,
    shade_bands,
    short_label,
    wrapped_label,
)
from roadmap.charts.timeline import timeline_figure
from roadmap.charts.trajectory import multiyear_gantt_figure, trajectory_figure
from roadmap.multiyear import plan_multiyear
from roadmap.plan import PlannedAction
from roadmap.scenarios import FrontierPoint
from tests.charts.test_distribution import FakeSimulation
from tests.charts.test_timeline import make_plan
from tests.test_dependencies import tiny_framework
from tests.test_multiyear import FRAMEWORK, options_of, problem_of

USER_NAME = r"Biaya $5 dan $6 {x} \alpha ✓ 漢字 🙂"
USER_OPD = "Dinas $A$ {B}"


def test_the_same_opd_has_the_same_colour_in_every_chart() -> None:
    few = opd_colours(["Diskominfo", "Bappeda"])
    many = opd_colours(["Inspektorat", "Bappeda", "Diskominfo", "BKPSDM", NO_OPD])
    assert few["Diskominfo"] == many["Diskominfo"] and few["Bappeda"] == many["Bappeda"]
    assert opd_colours(["  diskominfo"])["  diskominfo"] == few["Diskominfo"]
    assert many[NO_OPD] not in OPD_PALETTE
    # Distinct within a chart as long as the palette lasts.
    names = [f"OPD {n}" for n in range(len(OPD_PALETTE))]
    assert len(set(opd_colours(names).values())) == len(OPD_PALETTE)


def test_timeline_and_multiyear_gantt_share_the_palette() -> None:
    actions = [Action(a, f"Aksi {a}", (Effect(i, 2),), 1e8, months=3, opd=opd)
               for a, i, opd in (("A", "1", "Bappeda"), ("B", "2", "Diskominfo"),
                                 ("C", "3", "Inspektorat"))]
    multi = plan_multiyear(problem_of(actions), options_of([100, 200]))
    gantt = multiyear_gantt_figure(multi, FRAMEWORK)
    single = timeline_figure(make_plan(tuple(
        PlannedAction(a, n, 0.1, "", 0, 3) for n, a in enumerate(actions[::-1], start=1))),
        FRAMEWORK)
    def legend(fig: Figure) -> dict[str, str]:
        return {t.get_text(): to_hex(h.get_facecolor()) for t, h in
                zip(fig.legends[0].get_texts(), fig.legends[0].legend_handles, strict=True)
                if isinstance(h, Rectangle)}
    assert legend(gantt) == legend(single) == opd_colours(["Bappeda", "Diskominfo",
                                                            "Inspektorat"])


@pytest.mark.parametrize(("prefix", "name", "width", "lines", "expected"), [
    ("7", "Kebijakan Internal Penggunaan Sistem Penghubung Layanan", 30, 2,
     "7 Kebijakan Internal\nPenggunaan Sistem Penghubung…"),
    ("7", "Kebijakan Internal Penggunaan Sistem Penghubung Layanan", 80, 2,
     "7 Kebijakan Internal Penggunaan Sistem Penghubung Layanan"),
    ("[SB-4]", "Penyusunan dokumen Arsitektur SPBE", 20, 1, "[SB-4] Penyusunan…"),
    ("[SB-4]", "Supercalifragilisticexpialidocious", 20, 1, "[SB-4]…"),
    ("12", "", 10, 1, "12"),
])
def test_labels_keep_the_number_and_whole_words(prefix: str, name: str, width: int,
                                                lines: int, expected: str) -> None:
    assert wrapped_label(prefix, name, width, lines) == expected
    if lines == 1:
        assert short_label(prefix, name, width) == expected


def test_plain_escapes_dollars_and_replaces_missing_glyphs() -> None:
    text = plain(USER_NAME)
    assert not cbook.is_math_text(text)
    assert text.startswith(r"Biaya \$5 dan \$6 {x} \alpha ✓")


def _all_literal(fig: Figure) -> None:
    """No text of ``fig`` is parsed as mathtext, and rendering warns about nothing."""
    texts = [t.get_text() for t in fig.findobj(Text)]
    assert not any(cbook.is_math_text(t) for t in texts), texts
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert png_bytes(fig, dpi=40).startswith(b"\x89PNG")


def test_user_text_is_drawn_literally_in_every_chart() -> None:
    tiny = tiny_framework()
    action = Action("X$1", USER_NAME, (Effect("1", 2),), 1e8, months=2, opd=USER_OPD)
    _all_literal(timeline_figure(make_plan((PlannedAction(action, 1, 0.1, "", 0, 2),)), tiny))
    multi = plan_multiyear(problem_of([action]), options_of([100]))
    _all_literal(multiyear_gantt_figure(multi, FRAMEWORK, title_suffix="$uji$"))
    _all_literal(trajectory_figure(multi, FRAMEWORK, title_suffix="$uji$"))
    _all_literal(frontier_figure([FrontierPoint(0, 1.0, ()), FrontierPoint(1e8, 1.2, ("X",))],
                                 tiny, chosen_budget=1e8, index_before=1.0,
                                 marked_budgets=[5e7]))
    _all_literal(distribution_figure(FakeSimulation(np.array([1.0, 1.2]), band_probabilities={
        "Kurang": 1.0, "Baik": 0.0}), tiny))
    values = {i: 1.0 for i in tiny.indicator_ids}
    _all_literal(domain_figure(tiny, values, values))
    from roadmap.dependencies import build_graph

    _all_literal(dependency_figure(build_graph(tiny, ()), values, tiny, title="$judul$"))


def test_frontier_marks_the_budgets_asked_for() -> None:
    points = [FrontierPoint(0, 1.0, ()), FrontierPoint(1e8, 1.2, ("A",)),
              FrontierPoint(3e8, 1.5, ("A", "B"))]
    fig = frontier_figure(points, tiny_framework(), chosen_budget=3e8, index_before=1.0,
                          marked_budgets=[5e7, 2e8, 3e8])
    ax = fig.axes[0]
    squares = [(list(line.get_xdata()), list(line.get_ydata())) for line in ax.lines
               if line.get_marker() == "s"]
    assert squares == [([5e7], [1.0]), ([2e8], [1.2])]  # the chosen budget has its own mark
    texts = [t.get_text() for t in ax.texts]
    assert "Rp 50 jt\n1,00" in texts and "Rp 200 jt\n1,20" in texts
    assert "anggaran yang ditanyakan" in ax.get_legend_handles_labels()[1]


def test_a_sliver_of_a_band_is_shaded_but_not_named() -> None:
    ax = Figure().add_subplot()
    shade_bands(ax, tiny_framework(), 1.0, 2.05, vertical=True)  # Baik from 2.0: 5% of it
    assert len(ax.patches) == 2
    assert [t.get_text() for t in ax.texts] == ["Kurang"]
