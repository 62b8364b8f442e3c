"""``roadmap app``: the local web app (Streamlit) on 127.0.0.1 only."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from roadmap.app import SCRIPT
from roadmap.cli.app import app
from roadmap.errors import InputError

HOST = "127.0.0.1"


def server_flags(port: int) -> list[str]:
    """``streamlit run`` options: this machine only, no usage statistics, no developer menus,
    no tracebacks in the page, uploads capped at the readers' 20 MB."""
    return [
        "--server.address", HOST,
        "--server.port", str(port),
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--server.maxUploadSize", "20",
        "--browser.serverAddress", HOST,
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal",
        "--client.showErrorDetails", "none",
        "--theme.base", "light",
    ]


def check_port_free(port: int) -> None:
    """Refuse a port another program already listens on, with a clear message."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name == "posix":  # as the server itself binds: a closed port in TIME_WAIT is free
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            raise InputError(f"port {port} sudah dipakai program lain; jalankan dengan --port "
                             f"yang lain, mis. --port {port + 1}") from None


@app.command("app")
def app_command(
    port: Annotated[int, typer.Option(
        "--port", min=1024, max=65535, help="Port lokal aplikasi web.")] = 8501,
) -> None:
    """Jalankan aplikasi web lokal (hanya di komputer ini, 127.0.0.1); Ctrl+C untuk berhenti."""
    try:
        from streamlit.web import cli as streamlit_cli
    except ImportError:
        raise InputError(
            "aplikasi web memerlukan Streamlit; pasang di folder roadmap dengan: make demo "
            "(atau .venv/bin/pip install -e '.[app]'; di Windows: "
            '.venv\\Scripts\\pip install -e ".[app]")'
        ) from None
    check_port_free(port)
    typer.echo(f"Aplikasi web berjalan di http://{HOST}:{port} — buka alamat ini di peramban; "
               "tekan Ctrl+C untuk berhenti.")
    streamlit_cli.main(args=["run", str(SCRIPT), *server_flags(port)], prog_name="streamlit",
                       standalone_mode=False)
