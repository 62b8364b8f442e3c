"""Every write is atomic, leaves nothing behind, gets normal permissions and fails as one line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from roadmap.errors import OutputError
from roadmap.io.atomic import write_atomically, write_text_atomically


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_writes_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "ringkasan.md"
    write_text_atomically(path, "satu")
    write_text_atomically(path, "dua")
    assert path.read_text(encoding="utf-8") == "dua"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_permissions_follow_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_text_atomically(tmp_path / "laporan.md", "isi")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "laporan.md").stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("failure", [KeyboardInterrupt, RuntimeError, PermissionError])
def test_nothing_partial_is_left_behind(tmp_path: Path, failure: type[BaseException]) -> None:
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(b"lama")

    def half_then_fail(temp: Path) -> None:
        temp.write_bytes(b"setengah")
        raise failure("berhenti")

    with pytest.raises((failure, OutputError)):
        write_atomically(path, half_then_fail)
    assert path.read_bytes() == b"lama"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("target", "reason"), [
    ("berkas.txt/laporan.xlsx", "bagian dari jalurnya adalah berkas, bukan folder"),
    ("tidak-ada/laporan.xlsx", "folder tujuan tidak ada"),
    (".", "jalur itu sebuah folder"),
    ("a" * 300 + ".xlsx", "nama berkas terlalu panjang"),
])
def test_os_errors_become_one_line(tmp_path: Path, target: str, reason: str) -> None:
    (tmp_path / "berkas.txt").write_text("x", encoding="utf-8")
    path = tmp_path / target
    with pytest.raises(OutputError) as info:
        write_text_atomically(path, "isi")
    assert info.value.path == str(path)
    assert info.value.reason == reason
    assert str(info.value) == f"{path}: tidak dapat ditulis ({reason})"
    assert leftovers(tmp_path) == []


def test_proc_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"^/proc/x.xlsx: tidak dapat ditulis \("):
        write_text_atomically(Path("/proc/x.xlsx"), "isi")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)  # root ignores a read-only folder; simulate it
    with pytest.raises(OutputError, match=r"\(tidak ada izin menulis\)$"):
        write_text_atomically(tmp_path / "laporan.md", "isi")
    assert leftovers(tmp_path) == []
