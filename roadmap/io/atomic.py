"""Write output files atomically: a reader never sees half a file, an input is never touched.

``write_atomically`` is the one way the tool writes a file: the content goes to a hidden
temporary file beside the target, which then replaces the target in one step. Any ``OSError``
becomes an ``OutputError`` naming the path and the reason; the temporary file never stays behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from roadmap.errors import InputError, OutputError

_REASONS = {
    errno.ENOENT: "folder tujuan tidak ada",
    errno.ENOTDIR: "bagian dari jalurnya adalah berkas, bukan folder",
    errno.EISDIR: "jalur itu sebuah folder",
    errno.EACCES: "tidak ada izin menulis",
    errno.EPERM: "tidak ada izin menulis",
    errno.EROFS: "sistem berkas hanya-baca",
    errno.ENOSPC: "ruang disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
}


def check_output_path(path: Path, *, overwrite: bool = False,
                      inputs: tuple[Path, ...] = ()) -> None:
    """Refuse to write over an existing file (unless ``overwrite``) and never over an input."""
    resolved = path.resolve()
    if any(resolved == p.resolve() for p in inputs):
        raise InputError("berkas keluaran sama dengan berkas masukan; pilih nama lain",
                         file=str(path))
    if path.exists() and not overwrite:
        raise InputError("berkas sudah ada; pilih nama lain atau gunakan --overwrite",
                         file=str(path))
    if not path.parent.exists():
        raise InputError("folder tujuan tidak ada", file=str(path))


def write_atomically(path: Path, writer: Callable[[Path], object]) -> None:
    """Run ``writer`` on a temporary path beside ``path``, then move it onto ``path``.

    The file gets the usual permissions (``0666`` less the umask, e.g. ``0644``). On any failure
    or interruption the temporary file is removed; an ``OSError`` becomes ``OutputError``.
    """
    path = Path(path)
    temp: Path | None = None
    try:
        temp = _create_temp(path)
        writer(temp)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise OutputError(str(path), _reason(exc)) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text with ``write_atomically``."""
    write_atomically(path, lambda temp: temp.write_text(text, encoding="utf-8"))


def _create_temp(path: Path) -> Path:
    """A new empty hidden file beside ``path``, created with the process's umask."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{path.suffix}")
        try:
            os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        return temp


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
