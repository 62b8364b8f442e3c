"""Row heights measured in Arial, so wrapped cells show every line in any program."""

from __future__ import annotations

import pytest

from roadmap.report import text_units, wrapped_lines


def test_row_height_estimate() -> None:
    assert text_units("0") == pytest.approx(1.06)
    assert wrapped_lines("satu dua", 30) == 1
    assert wrapped_lines("satu\ndua", 30) == 2
    # 40 digits in a column 10 units wide (9.2 usable, 1.06 per digit): 8 digits a line.
    assert wrapped_lines("0" * 40, 10) == 5
