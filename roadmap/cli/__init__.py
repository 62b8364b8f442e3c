"""Command-line interface: ``roadmap <command>``. User errors exit with status 2, no traceback."""

from __future__ import annotations

import sys

import click

from roadmap.cli import crosswalk_cmd, deps_cmd, index_cmd, init_cmd, plan_cmd  # noqa: F401  (registers the commands)
from roadmap.cli.app import app
from roadmap.errors import InputError


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status (2 for any user error)."""
    try:
        result = app(args=argv, prog_name="roadmap", standalone_mode=False)
    except InputError as err:
        click.echo(f"Kesalahan: {err}", err=True)
        return 2
    except click.exceptions.ClickException as err:
        err.show()
        return err.exit_code
    except click.exceptions.Abort:
        click.echo("Dibatalkan.", err=True)
        return 1
    return result if isinstance(result, int) else 0


def run() -> None:
    sys.exit(main())
