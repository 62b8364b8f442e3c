"""The Gantt chart: one bar per action from its start to its end month, grouped by OPD."""

from __future__ import annotations

from matplotlib.colors import to_hex

from roadmap.actions import Action, Effect
from roadmap.charts.style import opd_colours, png_bytes
from roadmap.charts.timeline import timeline_figure, timeline_rows
from roadmap.plan import Plan, PlannedAction
from tests.test_dependencies import tiny_framework


def planned(rank: int, action_id: str, opd: str, start: int, end: int,
            name: str = "") -> PlannedAction:
    action = Action(action_id, name or f"Aksi {action_id}", (Effect("1", 2),), 1e7 * rank,
                    months=end - start or None, opd=opd)
    return PlannedAction(action, rank, 0.1, "alasan", start, end)


def make_plan(selected: tuple[PlannedAction, ...]) -> Plan:
    return Plan(framework_id="tiny", status="optimal", method="uji", budget=1e9, target=None,
                total_cost=sum(p.action.cost for p in selected), index_before=1.0,
                expected_index=1.5, predicate_before="Kurang", expected_predicate="Kurang",
                selected=selected)


PLAN = make_plan((
    planned(1, "A", "Diskominfo", 0, 5),
    planned(2, "B", "Bappeda", 0, 3),
    planned(3, "C", "Diskominfo", 5, 9),
    planned(4, "D", "Diskominfo", 0, 0),
))


def test_rows_group_by_opd_in_order_of_first_rank() -> None:
    # Diskominfo first (rank 1), by start month then rank: A (0), D (0), C (5); then Bappeda.
    assert [p.action.id for p in timeline_rows(PLAN)] == ["A", "D", "C", "B"]


def test_bars_span_the_months_and_are_coloured_by_opd() -> None:
    fig = timeline_figure(PLAN, tiny_framework(), deadline=12)
    ax = fig.axes[0]
    bars = [c for container in ax.containers for c in container]
    assert [(b.get_x(), b.get_width(), b.get_y() + b.get_height() / 2) for b in bars] == [
        (0, 5, 0), (5, 4, 2), (0, 3, 3)]
    colours = opd_colours(["Diskominfo", "Bappeda"])
    assert [to_hex(b.get_facecolor()) for b in bars] == [
        colours["Diskominfo"], colours["Diskominfo"], colours["Bappeda"]]
    # The zero-month action D is a diamond at month 0, row 1.
    diamonds = [line for line in ax.lines if line.get_marker() == "D"]
    assert [(list(d.get_xdata()), list(d.get_ydata())) for d in diamonds] == [([0], [1])]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["1. [A] Aksi A", "4. [D] Aksi D", "3. [C] Aksi C", "2. [B] Aksi B"]
    texts = [t.get_text() for t in ax.texts]
    assert " batas 12 bulan" in texts and "Rp 10 jt" in texts and "Rp 30 jt" in texts
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Diskominfo", "Bappeda"]
    # Months are labelled 1..12 in the middle of each month.
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(m) for m in range(1, 13)]


def test_long_names_wrap_on_two_lines() -> None:
    long_name = ("Penyusunan dokumen Arsitektur SPBE dan Peta Rencana SPBE lengkap untuk "
                 "seluruh domain dan perangkat daerah dengan satu konsultan")
    fig = timeline_figure(make_plan((planned(1, "SB-4", "Diskominfo", 0, 8, long_name),)),
                          tiny_framework())
    label = fig.axes[0].get_yticklabels()[0].get_text()
    assert label == ("1. [SB-4] Penyusunan dokumen Arsitektur SPBE dan\n"
                     "Peta Rencana SPBE lengkap untuk seluruh domain…")


def test_empty_plan_says_so() -> None:
    fig = timeline_figure(make_plan(()), tiny_framework())
    assert "Tidak ada aksi terpilih dalam rencana ini." in [t.get_text() for t in
                                                              fig.axes[0].texts]
    assert png_bytes(fig).startswith(b"\x89PNG")
