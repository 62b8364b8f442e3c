"""The typer application object shared by every command module, and the command registry.

A command lives in its own module ``roadmap/cli/<name>_cmd.py``, which registers it with
``@app.command("<name>")`` (underscores in the module name become hyphens in the command:
``peta_rencana_cmd`` -> ``roadmap peta-rencana``). :data:`COMMANDS` finds these modules from
their file names, so ``roadmap <name>`` imports that module and no other.
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

import typer

from roadmap.cli.group import RoadmapGroup


def _command_modules() -> dict[str, str]:
    folder = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.endswith("_cmd"))
    return {name.removesuffix("_cmd").replace("_", "-"): f"roadmap.cli.{name}" for name in names}


# Command name -> the module that registers it (imported only when the command is used).
COMMANDS: dict[str, str] = _command_modules()

app = typer.Typer(
    name="roadmap",
    cls=RoadmapGroup,
    help="Perencana rencana aksi dan peta rencana SPBE / Indeks Pemdi untuk Tim Koordinasi.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


RoadmapGroup.registry = COMMANDS
RoadmapGroup.typer_app = app


@app.callback()
def _group() -> None:
    # A callback makes typer build a group even before any command module is imported.
    pass


FRAMEWORK_HELP = (
    "Kerangka penilaian: spbe-2020 atau pemdi-2026 (bawaan: dikenali dari id indikator)."
)
