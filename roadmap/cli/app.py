"""The typer application object shared by every command module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="roadmap",
    help="Perencana rencana aksi dan peta rencana SPBE / Indeks Pemdi untuk Tim Koordinasi.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FRAMEWORK_HELP = (
    "Kerangka penilaian: spbe-2020 atau pemdi-2026 (bawaan: dikenali dari id indikator)."
)
