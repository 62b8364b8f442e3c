"""The distribution: a built wheel carries the bundled data and the app config, installs into a
clean virtualenv and plans the bundled example from any working directory.

The wheel is installed without its dependencies, which the fresh virtualenv borrows from the
environment running the tests (a ``.pth`` file; ``.pth`` files there, such as the editable
install of this clone, are not processed), so the test needs no package index. With
``ROADMAP_TEST_FULL_INSTALL=1`` the wheel is installed with its dependencies from the configured
index instead (several minutes).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow

FULL_INSTALL = os.environ.get("ROADMAP_TEST_FULL_INSTALL") == "1"
BUNDLED = (
    "roadmap/data/frameworks/spbe-2020/framework.json",
    "roadmap/data/frameworks/spbe-2020/actions.csv",
    "roadmap/data/frameworks/spbe-2020/rules.csv",
    "roadmap/data/frameworks/pemdi-2026/framework.json",
    "roadmap/data/frameworks/pemdi-2026/actions.csv",
    "roadmap/data/examples/spbe-cukup.csv",
    "roadmap/data/examples/pemdi-kurang.xlsx",
    "roadmap/data/crosswalk/spbe-2020_to_pemdi-2026.csv",
    "roadmap/app/.streamlit/config.toml",
    "roadmap/app/main.py",
)


def _run(args: list[str | Path], cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("ROADMAP_DATA", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build``: the sdist, then the wheel built from it."""
    out = tmp_path_factory.mktemp("dist")
    done = _run([sys.executable, "-m", "build", "--outdir", out, ROOT], cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    done = _run([sys.executable, "-m", "venv", folder], cwd=folder.parent)
    assert done.returncode == 0, done.stderr
    python = folder / "bin" / "python"
    (wheel,) = dist.glob("roadmap_spbe-*.whl")
    if FULL_INSTALL:
        done = _run([python, "-m", "pip", "install", "--quiet", wheel], cwd=folder.parent,
                    timeout=1800)
    else:
        done = _run([python, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", wheel],
                    cwd=folder.parent)
        site = _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                    cwd=folder.parent).stdout.strip()
        ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
        Path(site, "_test_dependencies.pth").write_text(
            "".join(f"{p}\n" for p in sorted(ours)), encoding="utf-8")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return folder


def test_wheel_carries_data_app_config_and_the_command(dist: Path) -> None:
    (wheel,) = dist.glob("roadmap_spbe-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(info).decode("utf-8")
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
    missing = [name for name in BUNDLED if name not in names]
    assert not missing
    assert not any(name.startswith("data/") or name.startswith("tests/") for name in names)
    assert "Name: roadmap-spbe" in metadata
    assert "Requires-Python: >=3.11" in metadata
    assert "Provides-Extra: app" in metadata
    assert "roadmap = roadmap.cli:run" in entry_points


def test_sdist_carries_the_top_level_data(dist: Path) -> None:
    (sdist,) = dist.glob("roadmap_spbe-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"data/frameworks/spbe-2020/actions.csv", "data/examples/spbe-cukup.csv",
            "setup.py", "roadmap/app/.streamlit/config.toml"} <= names


def test_installed_wheel_plans_the_example_from_another_folder(
        venv: Path, tmp_path: Path) -> None:
    work = tmp_path / "kerja"
    (work / "data" / "examples").mkdir(parents=True)
    (work / "data" / "examples" / "spbe-cukup.csv").write_bytes(
        (EXAMPLES / "spbe-cukup.csv").read_bytes())
    done = _run([venv / "bin" / "roadmap", "plan", "data/examples/spbe-cukup.csv",
                 "--budget", "750 jt"], cwd=work)
    assert done.returncode == 0, done.stderr
    assert "Rencana aksi Indeks SPBE" in done.stdout
    assert "Anggaran: Rp 750.000.000" in done.stdout
    assert "indeks harapan" in done.stdout


def test_installed_package_reads_its_own_data(venv: Path, tmp_path: Path) -> None:
    script = ("import roadmap, roadmap.io.paths as p\n"
              "print(roadmap.__file__)\nprint(p.data_dir())\n"
              "print(sorted(f.name for f in p.examples_dir().glob('*.csv')))\n")
    done = _run([venv / "bin" / "python", "-c", script], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    package, data, examples = done.stdout.splitlines()
    site = str(venv.resolve())
    assert package.startswith(site) and data.startswith(site)
    assert data.endswith(os.path.join("roadmap", "data"))
    assert "spbe-cukup.csv" in examples


def test_installed_command_speaks_indonesian(venv: Path, tmp_path: Path) -> None:
    done = _run([venv / "bin" / "roadmap", "app", "--help"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Penggunaan: roadmap app [OPSI]")
