"""``roadmap app``: the local web app (Streamlit) on 127.0.0.1 only."""

from __future__ import annotations

import os
import socket
import tomllib
from typing import Annotated

import typer

from roadmap.app import CONFIG, SCRIPT
from roadmap.cli.app import app
from roadmap.errors import InputError

HOST = "127.0.0.1"


def packaged_config() -> dict[str, dict[str, object]]:
    """The app's packaged Streamlit config (``roadmap/app/.streamlit/config.toml``)."""
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def server_flags(port: int) -> list[str]:
    """``streamlit run`` options: the packaged config as flags (so the settings hold even if a
    user's own ``~/.streamlit/config.toml`` says otherwise), and the port."""
    flags = []
    for section, values in packaged_config().items():
        for name, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                text = str(item).lower() if isinstance(item, bool) else str(item)
                flags += [f"--{section}.{name}", text]
    return [*flags, "--server.port", str(port)]


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
    from roadmap.app.server import install

    check_port_free(port)
    install()
    typer.echo(f"Aplikasi web berjalan di http://{HOST}:{port} — buka alamat ini di peramban; "
               "tekan Ctrl+C untuk berhenti.")
    streamlit_cli.main(args=["run", str(SCRIPT), *server_flags(port)], prog_name="streamlit",
                       standalone_mode=False)
