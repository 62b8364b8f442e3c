"""``roadmap init``: a template workbook the Tim Koordinasi fills in Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap.cli.app import app
from roadmap.errors import InputError
from roadmap.io.atomic import check_output_path
from roadmap.io.framework_files import load_framework
from roadmap.io.template import write_template


@app.command("init")
def init_command(
    out: Annotated[Path, typer.Argument(
        metavar="BERKAS", help="Berkas templat .xlsx yang akan dibuat.")],
    framework: Annotated[
        str, typer.Option("--framework", help="Kerangka: spbe-2020 atau pemdi-2026.")
    ] = "spbe-2020",
) -> None:
    """Buat templat workbook (penilaian, aksi, ketergantungan) untuk diisi di Excel."""
    fw = load_framework(framework)
    if out.suffix.lower() != ".xlsx":
        raise InputError("templat harus berakhiran .xlsx", file=str(out))
    if out.exists():
        raise InputError("berkas sudah ada; templat tidak pernah menimpa berkas, pilih nama lain",
                         file=str(out))
    check_output_path(out)
    write_template(out, fw)
    typer.echo(f"Templat {fw.index_name} ditulis ke {out}. Isi kolom 'tingkat' di lembar "
               "'penilaian', lalu jalankan: roadmap index " + str(out))
