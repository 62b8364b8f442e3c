"""Where the bundled data lives."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The bundled ``data/`` folder (override with the ``ROADMAP_DATA`` environment variable)."""
    override = os.environ.get("ROADMAP_DATA")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "data"


def frameworks_dir() -> Path:
    return data_dir() / "frameworks"


def examples_dir() -> Path:
    return data_dir() / "examples"
