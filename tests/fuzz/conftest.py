"""Print how many CLI runs the fuzz suite made and the slowest one (figures for the docs)."""

from __future__ import annotations

import pytest

from tests.fuzz.harness import DURATIONS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if DURATIONS:
        terminalreporter.write_line(
            f"fuzz: {len(DURATIONS)} CLI runs, slowest {max(DURATIONS):.2f} s, "
            f"total {sum(DURATIONS):.1f} s"
        )
