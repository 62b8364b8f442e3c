"""The error tree. Every failure a user can meet is a ``RoadmapError`` with a message in
Bahasa Indonesia; front ends catch ``RoadmapError`` (never a traceback) and exit with status 2.

``RoadmapError``
    ``InputError``: something in what the user gave us (a file, a value, an option).
    ``OutputError``: a result could not be written (the path and the reason).
    ``PlanningError``: a solver did not answer the question asked.
        ``SolverLimitError``: a solver stopped at its time limit without a plan.
"""

from __future__ import annotations

# Every character str.splitlines() breaks at, shown escaped so that a message stays one line.
_LINE_BREAKS = str.maketrans({c: repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def one_line(text: str) -> str:
    r"""``text`` with its line breaks escaped: ``one_line("a\nb") == "a\\nb"``."""
    return text.translate(_LINE_BREAKS)


class RoadmapError(Exception):
    """Base of every error the tool reports to its user as one line."""


class InputError(RoadmapError):
    """A problem in a user's input, with a message in Bahasa Indonesia.

    ``file``, ``row``, ``column`` and ``value`` locate the problem; any of them may be unknown.
    ``str(err)`` gives one line that names all the known parts, e.g.
    ``penilaian.csv, baris 5, kolom 'level', nilai '6': tingkat harus bilangan bulat 0-5``.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.value = value

    def located(
        self,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> InputError:
        """Return a copy with the missing location parts filled in."""
        return InputError(
            self.message,
            file=self.file or file,
            row=self.row if self.row is not None else row,
            column=self.column or column,
            value=self.value if self.value is not None else value,
        )

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        if self.value is not None:
            parts.append(f"nilai '{self.value}'")
        where = ", ".join(parts)
        return one_line(f"{where}: {self.message}" if where else self.message)


class OutputError(RoadmapError):
    """A file could not be written; ``str(err)`` names the path and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(one_line(f"{path}: tidak dapat ditulis ({reason})"))
        self.path = path
        self.reason = reason


class PlanningError(RoadmapError):
    """A solver ended without answering (not solved, numerical trouble); names the solver."""


class SolverLimitError(PlanningError):
    """A solver reached its time limit without any plan to show."""
