"""``roadmap init``: a template workbook the Tim Koordinasi fills in Excel."""

from __future__ import annotations

from pathlib import Path

import click
import typer

from roadmap.cli.app import app
from roadmap.errors import InputError
from roadmap.io.atomic import check_output_path
from roadmap.io.framework_files import load_framework
from roadmap.io.template import write_template


@app.command("init")
def init_command(
    out: Path = typer.Argument(..., help="Berkas templat .xlsx yang akan dibuat."),
    framework: str = typer.Option("spbe-2020", "--framework",
                                  help="Kerangka: spbe-2020 atau pemdi-2026."),
) -> None:
    """Buat templat workbook (penilaian, aksi, ketergantungan) untuk diisi di Excel."""
    fw = load_framework(framework)
    if out.suffix.lower() != ".xlsx":
        raise InputError("templat harus berakhiran .xlsx", file=str(out))
    check_output_path(out)
    write_template(out, fw)
    click.echo(f"Templat {fw.index_name} ditulis ke {out}. Isi kolom 'tingkat' di lembar "
               "'penilaian', lalu jalankan: roadmap index " + str(out))
