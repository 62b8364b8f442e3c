"""Command-line interface: ``roadmap <command>``. User errors exit with status 2, no traceback."""

from __future__ import annotations

import sys

import typer

from roadmap.cli import (  # noqa: F401  (importing registers the commands)
    app_cmd,
    crosswalk_cmd,
    deps_cmd,
    index_cmd,
    init_cmd,
    kalibrasi_cmd,
    peta_rencana_cmd,
    plan_cmd,
    report_cmd,
    scenarios_cmd,
)
from roadmap.cli.app import app
from roadmap.errors import InputError


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status (2 for any user error, no traceback).

    Usage errors (unknown command, missing argument) are reported by typer itself with
    status 2; our own ``InputError`` becomes one line on stderr and status 2.
    """
    try:
        app(args=argv, prog_name="roadmap", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except InputError as err:
        typer.echo(f"Kesalahan: {err}", err=True)
        return 2
    return 0


def run() -> None:
    sys.exit(main())
