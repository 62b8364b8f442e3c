"""Write output files atomically: a reader never sees half a file, an input is never touched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from roadmap.errors import InputError


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


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path`` in one step."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix,
                                         dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()


def write_atomically(path: Path, writer: Callable[[Path], None]) -> None:
    with atomic_path(path) as temp:
        writer(temp)


def write_text_atomically(path: Path, text: str) -> None:
    with atomic_path(path) as temp:
        temp.write_text(text, encoding="utf-8")
