"""The Peta Rencana charts: the index trajectory over predicate bands and the multi-year Gantt."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from roadmap.charts.trajectory import multiyear_gantt_figure, trajectory_figure
from roadmap.multiyear import MultiYearPlan, plan_multiyear
from tests.test_multiyear import FRAMEWORK, act, options_of, problem_of


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()


def _plan(**kwargs: object) -> MultiYearPlan:
    problem = problem_of([act("A", "1:2", 100, months=6), act("B", "2:2", 100, months=9),
                          act("C", "3:2", 0, months=0)])
    return plan_multiyear(problem, options_of([100, 100], **kwargs))


def test_trajectory_points_labels_and_bands() -> None:
    plan = _plan()
    assert plan.schedule == (("C", "B"), ("A",))  # ranked: C (free, +0,5) first
    fig = trajectory_figure(plan, FRAMEWORK, title_suffix="uji")
    ax = fig.axes[0]
    line = next(line for line in ax.lines if line.get_marker() == "o")
    assert list(line.get_ydata()) == pytest.approx([1.0, 1 + 50 / 60, 2.0])
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "sekarang", "2027\nRp 100 jt\ndari Rp 100 jt", "2028\nRp 100 jt\ndari Rp 100 jt"]
    texts = [t.get_text() for t in ax.texts]
    assert {"Kurang", "Cukup", "Baik"} <= set(texts)  # the bands on the way are named
    annotations = [child.get_text() for child in ax.get_children()
                   if type(child).__name__ == "Annotation"]
    assert annotations == ["1,00\nKurang", "1,83\nCukup", "2,00\nBaik"]
    assert fig.get_suptitle() == "Lintasan indeks harapan Indeks Uji 2027–2028 — uji"
    assert _png(fig)[:4] == b"\x89PNG"


def test_trajectory_draws_the_target() -> None:
    plan = _plan(objective="target", target=1.5, by_year=2028)
    fig = trajectory_figure(plan, FRAMEWORK)
    ax = fig.axes[0]
    assert any(line.get_linestyle() == "--" and list(line.get_ydata()) == [1.5, 1.5]
               for line in ax.lines)
    assert "target 1,50 (2028)" in [t.get_text() for t in ax.texts]


def test_gantt_bars_rows_and_opd_legend() -> None:
    plan = _plan()
    fig = multiyear_gantt_figure(plan, FRAMEWORK)
    ax = fig.axes[0]
    # C gains most; each row names its action id, so no two rows read the same.
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "2027 1. [C] Aksi C", "2027 2. [B] Aksi B", "2028 1. [A] Aksi A"]
    # The x axis is labelled by year, in the middle of each year's 12 months.
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2027", "2028"]
    assert list(ax.get_xticks()) == [6, 18]
    bars = [p for p in ax.patches
            if isinstance(p, Rectangle) and p.get_height() == pytest.approx(0.68)]
    # B: months 0-9 of 2027; A: months 0-6 of 2028 (from month 12); C takes no months
    assert sorted((b.get_x(), b.get_width()) for b in bars) == [(0, 9), (12, 6)]
    assert len(ax.collections) == 1  # C as a diamond
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Diskominfo"]
    year_labels = [t.get_text() for t in ax.texts if t.get_text().startswith("20")]
    assert year_labels == ["2027: 1,83 (Cukup)", "2028: 2,00 (Baik)"]
    assert _png(fig)[:4] == b"\x89PNG"


def test_gantt_marks_an_early_evidence_deadline() -> None:
    plan = replace(_plan(), max_months=10)
    ax = multiyear_gantt_figure(plan, FRAMEWORK).axes[0]
    dotted = [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == ":"]
    assert dotted == [10, 22]
