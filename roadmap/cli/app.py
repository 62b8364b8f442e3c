"""The typer application object shared by every command module, and the command registry.

A command lives in its own module, which registers it with ``@app.command(NAME)``; add the
module to :data:`COMMANDS` so that ``roadmap NAME`` imports it (and only it) when it is used.
"""

from __future__ import annotations

import typer

from roadmap.cli.group import RoadmapGroup

# Command name -> the module that registers it (imported only when the command is used).
COMMANDS: dict[str, str] = {
    "app": "roadmap.cli.app_cmd",
    "crosswalk": "roadmap.cli.crosswalk_cmd",
    "deps": "roadmap.cli.deps_cmd",
    "index": "roadmap.cli.index_cmd",
    "init": "roadmap.cli.init_cmd",
    "peta-rencana": "roadmap.cli.peta_rencana_cmd",
    "plan": "roadmap.cli.plan_cmd",
    "report": "roadmap.cli.report_cmd",
    "scenarios": "roadmap.cli.scenarios_cmd",
}

app = typer.Typer(
    name="roadmap",
    cls=RoadmapGroup,
    help="Perencana rencana aksi dan peta rencana SPBE / Indeks Pemdi untuk Tim Koordinasi.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _group() -> None:
    # A callback makes typer build a group even before any command module is imported.
    pass


FRAMEWORK_HELP = (
    "Kerangka penilaian: spbe-2020 atau pemdi-2026 (bawaan: dikenali dari id indikator)."
)
