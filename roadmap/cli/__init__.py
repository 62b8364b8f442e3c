"""Command-line interface: ``roadmap <command>``. User errors exit with status 2, no traceback.

The commands are registered in :data:`roadmap.cli.app.COMMANDS` and imported only when used
(``roadmap index`` never imports matplotlib, PuLP or Streamlit).
"""

from __future__ import annotations

import sys

import typer

from roadmap.cli.app import COMMANDS, app
from roadmap.errors import RoadmapError

__all__ = ["COMMANDS", "app", "main", "run"]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status (2 for any user error, no traceback).

    Usage errors (unknown command, missing argument) are reported in Indonesian by the command
    group (:mod:`roadmap.cli.group`) with status 2; a ``RoadmapError`` (bad input, a file that
    cannot be written, a solver that gave no answer) and an ``OSError`` the system raised on a
    file become one line ``Kesalahan: ...`` on stderr and status 2.
    """
    try:
        app(args=argv, prog_name="roadmap", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except RoadmapError as err:
        typer.echo(f"Kesalahan: {err}", err=True)
        return 2
    except OSError as err:
        typer.echo(f"Kesalahan: {_os_error_text(err)}", err=True)
        return 2
    return 0


def _os_error_text(err: OSError) -> str:
    reason = err.strerror or str(err)
    return f"{err.filename}: {reason}" if err.filename else reason


def run() -> None:
    sys.exit(main())
