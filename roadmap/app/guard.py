"""One error handler for the web app: every failure becomes one Indonesian line in the page.

``guard("Rencana aksi")`` wraps a tab (or any part of the page). A ``RoadmapError`` is shown as
the CLI prints it (``Kesalahan: ...``); any other exception is logged with its traceback on the
server (the terminal of ``roadmap app``) and shown as one Indonesian line that names the part of
the page, so Streamlit's English error page never appears and the other tabs keep working.
Streamlit's own control flow (``st.stop``, reruns) derives from ``BaseException`` and passes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from roadmap.errors import RoadmapError

LOG = logging.getLogger("roadmap.app")


def error_line(err: BaseException, where: str = "") -> str:
    """The Indonesian line shown for ``err`` raised in the part of the page ``where``.

    >>> from roadmap.errors import InputError
    >>> error_line(InputError("anggaran: bukan angka", value="x"))
    "Kesalahan: nilai 'x': anggaran: bukan angka"
    >>> error_line(OverflowError("int too large"), "Rencana aksi").startswith(
    ...     "Kesalahan di bagian Rencana aksi: ada angka yang terlalu besar")
    True
    """
    if isinstance(err, RoadmapError):
        return f"Kesalahan: {err}"
    place = f" di bagian {where}" if where else ""
    return f"Kesalahan{place}: {unexpected_text(err)}"


def unexpected_text(err: BaseException) -> str:
    """What an unexpected exception means for the user, without a traceback."""
    if isinstance(err, OverflowError | RecursionError):
        return ("ada angka yang terlalu besar untuk dihitung. Periksa angka yang sangat panjang "
                "di berkas atau isian.")
    if isinstance(err, MemoryError):
        return "memori komputer tidak cukup untuk data ini. Perkecil berkas atau katalog."
    if isinstance(err, TimeoutError):
        return "perhitungan melewati batas waktu. Perkecil katalog atau naikkan batas waktu."
    if isinstance(err, UnicodeError):
        return "berkas memuat karakter yang tidak dapat dibaca. Simpan ulang sebagai UTF-8."
    return (f"terjadi kesalahan tak terduga ({type(err).__name__}). Data tidak berubah; periksa "
            "isian lalu coba lagi. Rincian teknis dicatat di terminal tempat `roadmap app` "
            "dijalankan.")


def report(err: BaseException, where: str = "") -> None:
    """Show ``err`` in the page (and log an unexpected one with its traceback)."""
    if not isinstance(err, RoadmapError):
        LOG.error("kesalahan tak terduga di %s", where or "aplikasi", exc_info=err)
    st.error(error_line(err, where))


@contextmanager
def guard(where: str) -> Iterator[None]:
    """Run a part of the page; an error in it is one Indonesian line, the rest keeps working."""
    try:
        yield
    except Exception as err:  # noqa: BLE001 - the one place that turns any error into a line
        report(err, where)
