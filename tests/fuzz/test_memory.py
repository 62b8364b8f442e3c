"""Peak memory and time of refusing each bomb, measured in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.bombs import BOMBS

ROOT = Path(__file__).parents[2]
# VmHWM is the peak of this process image only (ru_maxrss would count the forking parent).
MEASURE = """
import json, re, sys, time
from pathlib import Path
from roadmap.cli import main
from roadmap.io.framework_files import load_framework

def peak_mb():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024

load_framework("spbe-2020"); load_framework("pemdi-2026")
before = peak_mb()
results = {}
for path in sys.argv[1:]:
    start = time.perf_counter()
    code = main(["index", path])
    results[path] = [code, time.perf_counter() - start]
print(json.dumps({"before_mb": before, "peak_mb": peak_mb(), "runs": results}))
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_every_bomb_under_2_seconds_and_300_mb(tmp_path: Path) -> None:
    paths = [str(make(tmp_path / f"{name}.xlsx")) for name, make in BOMBS.items()]
    done = subprocess.run([sys.executable, "-c", MEASURE, *paths], cwd=ROOT, check=True,
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["peak_mb"] < 300, report
    for path, (code, seconds) in report["runs"].items():
        assert code == 2 and seconds < 2, (path, report)
