"""Labels every front end shows the same way: probabilities and the months of an action.

One wording for each, so the CLI, the web app, the Excel report, its Markdown summary and the
charts never disagree about the same number (``100%`` in one place and ``>99%`` in another).
"""

from __future__ import annotations

from roadmap.numbers import format_decimal

__all__ = ["format_month_range", "format_probability", "month_span"]


def format_probability(share: float) -> str:
    """A probability (0..1) as an Indonesian percentage with at most one decimal.

    Only a certain event reads ``100%`` and only an impossible one ``0%``: a value that
    would round to either says ``>99,9%`` or ``<0,1%``. A whole percentage drops its ``,0``.

    >>> [format_probability(p) for p in (0.8, 0.853, 0.998, 0.9996, 1.0, 0.0004, 0.0)]
    ['80%', '85,3%', '99,8%', '>99,9%', '100%', '<0,1%', '0%']
    """
    text = format_decimal(share * 100, 1)
    if text == "100,0" and share < 1:
        return ">99,9%"
    if text == "0,0" and share > 0:
        return "<0,1%"
    return text.removesuffix(",0") + "%"


def month_span(start_month: int, end_month: int) -> tuple[int, int]:
    """The first and last month of an action, counted 1..12 in the plan year.

    Plans count months from 0 (``start_month``) with ``end_month`` the month the action is
    done: an action with ``start_month`` 0 and ``end_month`` 4 runs in months 1 to 4. An
    action without a duration takes the month it starts in.

    >>> month_span(0, 4), month_span(3, 5), month_span(2, 2)
    ((1, 4), (4, 5), (3, 3))
    """
    first = start_month + 1
    return first, max(end_month, first)


def format_month_range(start_month: int, end_month: int) -> str:
    """``"bulan 1–4"``: the months of an action (see ``month_span``), one month alone.

    >>> format_month_range(0, 4), format_month_range(5, 6)
    ('bulan 1–4', 'bulan 6')
    """
    first, last = month_span(start_month, end_month)
    return f"bulan {first}" if first == last else f"bulan {first}–{last}"
