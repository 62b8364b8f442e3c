"""Peak memory and time of refusing each bomb, measured in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.bombs import BOMBS

ROOT = Path(__file__).parents[2]
MEASURE = """
import json, resource, sys, time
from roadmap.cli import main
from roadmap.io.framework_files import load_framework
load_framework("spbe-2020"); load_framework("pemdi-2026")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
results = {}
for path in sys.argv[1:]:
    start = time.perf_counter()
    code = main(["index", path])
    results[path] = [code, time.perf_counter() - start]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"before_mb": before / 1024, "peak_mb": peak / 1024, "runs": results}))
"""


@pytest.mark.slow
def test_every_bomb_under_2_seconds_and_300_mb(tmp_path: Path) -> None:
    paths = [str(make(tmp_path / f"{name}.xlsx")) for name, make in BOMBS.items()]
    done = subprocess.run([sys.executable, "-c", MEASURE, *paths], cwd=ROOT, check=True,
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["peak_mb"] < 300, report
    for path, (code, seconds) in report["runs"].items():
        assert code == 2 and seconds < 2, (path, report)
