"""The local web app for the Tim Koordinasi (Streamlit), started by ``roadmap app``.

The app is UI glue only: it reads files with ``roadmap.io``, plans with ``roadmap.optimizer`` and
``roadmap.scenarios``, simulates with ``roadmap.simulate`` and writes reports with
``roadmap.report``, exactly as the CLI does. ``SCRIPT`` is the Streamlit script to run.
"""

from __future__ import annotations

from pathlib import Path

SCRIPT = Path(__file__).resolve().with_name("main.py")
CONFIG = SCRIPT.parent / ".streamlit" / "config.toml"
