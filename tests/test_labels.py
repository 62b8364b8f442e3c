"""One wording of probabilities and months for every front end."""

from __future__ import annotations

import pytest

from roadmap.labels import format_month_range, format_probability, month_span


@pytest.mark.parametrize(("share", "text"), [
    (0.0, "0%"), (0.0004, "<0,1%"), (0.001, "0,1%"), (0.05, "5%"), (0.455, "45,5%"),
    (0.8, "80%"), (0.998, "99,8%"), (0.9994, "99,9%"), (0.9996, ">99,9%"), (1.0, "100%"),
])
def test_format_probability(share: float, text: str) -> None:
    assert format_probability(share) == text


@pytest.mark.parametrize(("start", "end", "span", "text"), [
    (0, 4, (1, 4), "bulan 1–4"),  # 0-based start, the month it is done
    (3, 5, (4, 5), "bulan 4–5"),
    (6, 12, (7, 12), "bulan 7–12"),
    (2, 3, (3, 3), "bulan 3"),
    (2, 2, (3, 3), "bulan 3"),  # no duration: the month it starts in
])
def test_months_of_the_plan_year(start: int, end: int, span: tuple[int, int],
                                 text: str) -> None:
    assert month_span(start, end) == span
    assert format_month_range(start, end) == text
