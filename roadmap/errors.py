"""The one exception type for problems in what a user gave us."""

from __future__ import annotations


class InputError(Exception):
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
        return f"{where}: {self.message}" if where else self.message
