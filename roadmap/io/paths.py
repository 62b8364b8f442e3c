"""Where the bundled data lives.

In a clone of the repository (``make demo``, an editable install) the data is the top-level
``data/`` folder; a built wheel carries a copy as ``roadmap/data/`` (see ``setup.py``). The
``ROADMAP_DATA`` environment variable points elsewhere (a folder with the same layout).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "examples_dir", "frameworks_dir", "packaged_data_dir", "repository_data_dir"]

_PACKAGE = Path(__file__).resolve().parents[1]


def repository_data_dir() -> Path | None:
    """``data/`` of the clone this package runs from, or None in an installed wheel."""
    root = _PACKAGE.parent
    if (root / "pyproject.toml").is_file() and (root / "data").is_dir():
        return root / "data"
    return None


def packaged_data_dir() -> Path:
    """The copy of ``data/`` inside an installed wheel (absent in a clone)."""
    return _PACKAGE / "data"


def data_dir() -> Path:
    """The bundled data: ``ROADMAP_DATA``, else the clone's ``data/``, else the wheel's copy."""
    override = os.environ.get("ROADMAP_DATA")
    if override:
        return Path(override)
    return repository_data_dir() or packaged_data_dir()


def frameworks_dir() -> Path:
    return data_dir() / "frameworks"


def examples_dir() -> Path:
    return data_dir() / "examples"
