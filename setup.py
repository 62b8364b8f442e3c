"""Build step for the bundled data; all other settings are in pyproject.toml.

The frameworks, example assessments and crosswalks stay in the repository's top-level ``data/``
(the design keeps data out of the code). A built wheel carries a copy of them as
``roadmap/data/``; ``roadmap.io.paths.data_dir()`` reads the clone's ``data/`` when there is one
(editable installs, ``make demo``) and the packaged copy otherwise.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


class BuildWithData(build_py):
    """``build_py`` that also copies ``data/`` into ``roadmap/data/`` of the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads data/ in place
        if not DATA.is_dir():
            raise SystemExit(f"{DATA} is missing: the wheel needs the bundled data")
        target = Path(self.build_lib) / "roadmap" / "data"
        if target.exists():
            shutil.rmtree(target)
        for source in sorted(DATA.rglob("*")):
            parts = source.relative_to(DATA).parts
            if source.is_file() and not any(p.startswith(".") or p == "__pycache__"
                                            for p in parts):
                copy = target / source.relative_to(DATA)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy)


setup(cmdclass={"build_py": BuildWithData})
