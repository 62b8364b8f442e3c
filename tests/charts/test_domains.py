"""The group-index chart: one pair of bars per group, official names, hand-computed values."""

from __future__ import annotations

import pytest

from roadmap.charts.domains import domain_figure, group_indices
from roadmap.charts.style import png_bytes
from roadmap.io.assessment_file import read_assessment
from tests.conftest import EXAMPLES
from tests.test_dependencies import tiny_framework

BEFORE = {"1": 1.0, "2": 2.0, "3": 1.0, "4": 3.0}
AFTER = {"1": 2.0, "2": 2.0, "3": 3.0, "4": 3.0}


def test_group_indices_by_hand() -> None:
    tiny = tiny_framework()
    result = group_indices(tiny, BEFORE, "domain")
    # A: (10*1 + 20*2) / 30; B: (30*1 + 40*3) / 70
    assert result == {"A": pytest.approx(50 / 30), "B": pytest.approx(150 / 70)}


def test_bars_and_labels() -> None:
    fig = domain_figure(tiny_framework(), BEFORE, AFTER)
    ax = fig.axes[0]
    before, after = ax.containers
    assert [bar.get_width() for bar in before] == pytest.approx([50 / 30, 150 / 70])
    # After: A (10*2 + 20*2) / 30 = 2.0; B (30*3 + 40*3) / 70 = 3.0
    assert [bar.get_width() for bar in after] == pytest.approx([2.0, 3.0])
    texts = [t.get_text() for t in ax.texts]
    assert {"1,67", "2,14", "2,00", "3,00"} <= set(texts)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Domain A Domain A",
                                                            "Domain B Domain B"]
    assert fig.get_suptitle() == "Indeks per domain: saat ini dan harapan"


def test_pemdi_uses_aspects_with_full_official_names() -> None:
    current = read_assessment(EXAMPLES / "pemdi-kurang.csv")
    pemdi = current.framework
    fig = domain_figure(pemdi, current.values, current.values)
    labels = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 7
    assert labels[5] == "Aspek 6 Keterpaduan Layanan Digital Pemerintah"
    assert png_bytes(fig).startswith(b"\x89PNG")


def test_spbe_uses_the_four_domains() -> None:
    current = read_assessment(EXAMPLES / "spbe-cukup.csv")
    labels = [t.get_text().replace("\n", " ") for t in
              domain_figure(current.framework, current.values, current.values)
              .axes[0].get_yticklabels()]
    assert labels == ["Domain 1 Kebijakan Internal SPBE", "Domain 2 Tata Kelola SPBE",
                      "Domain 3 Manajemen SPBE", "Domain 4 Layanan SPBE"]
