"""Number formats of the report that read the Indonesian way in any spreadsheet's locale.

Each format starts with the locale code ``[$-421]`` (Indonesian, id-ID), so a viewer set to
en-US still shows ``Rp 750.000.000`` and ``1,64`` (LibreOffice honours it; the cell keeps a
real number). Probabilities use ``probability_cell``: the cell shows exactly what
``roadmap.labels.format_probability`` writes everywhere else.
"""

from __future__ import annotations

from roadmap.labels import format_probability

__all__ = ["COUNT_FORMAT", "GAIN_FORMAT", "INDEX_FORMAT", "LOCALE", "MONTH_FORMAT",
           "PERCENT_FORMAT", "PERCENT_TENTH_FORMAT", "RUPIAH_FORMAT", "SECONDS_FORMAT",
           "TOLERANCE_FORMAT", "VALUE_FORMAT", "WEIGHT_FORMAT", "probability_cell"]

LOCALE = "[$-421]"
RUPIAH_FORMAT = LOCALE + '"Rp" #,##0'
INDEX_FORMAT = LOCALE + "0.00"
PERCENT_FORMAT = LOCALE + "0%"
PERCENT_TENTH_FORMAT = LOCALE + "0.0%"
COUNT_FORMAT = LOCALE + "#,##0"
MONTH_FORMAT = "0"
SECONDS_FORMAT = LOCALE + "0.00"
TOLERANCE_FORMAT = LOCALE + "0.000000"
# Table numbers end with "_)", a blank the width of ")", so that a left-aligned text in the
# next column does not touch them.
GAIN_FORMAT = LOCALE + "0.0000_)"
WEIGHT_FORMAT = LOCALE + "0.###_)"
VALUE_FORMAT = LOCALE + "0.00_)"


def probability_cell(share: float) -> tuple[float | str, str | None]:
    """The value and number format of a cell showing the probability ``share``.

    A number with a whole or one-decimal percent format, so that the cell reads as
    ``format_probability`` does; ``<0,1%`` and ``>99,9%`` are text (no number format says so).

    >>> probability_cell(0.8), probability_cell(0.853), probability_cell(0.9996)
    ((0.8, '[$-421]0%'), (0.853, '[$-421]0.0%'), ('>99,9%', None))
    """
    text = format_probability(share)
    if text[0] in "<>":
        return text, None
    return share, PERCENT_TENTH_FORMAT if "," in text else PERCENT_FORMAT
