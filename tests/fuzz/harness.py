"""Run the CLI in-process on hostile input and check the house rules on the outcome.

Every run must end with status 0, or status 2 and one ``Kesalahan: ...`` line on stderr;
an exception escaping ``main`` is the traceback a user would see. No input file may change.
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings

from roadmap.cli import main

CORPUS = Path(__file__).parent / "corpus"
# More examples for a release run: ROADMAP_FUZZ_EXAMPLES=2000 (see docs/reliability.md).
EXAMPLES = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Every CLI run's duration, for the summary printed at the end (tests/fuzz/conftest.py).
DURATIONS: list[float] = []


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float


def run_cli(args: Sequence[object], inputs: Sequence[Path] = ()) -> Run:
    """Run ``roadmap args`` and assert the outcome keeps the house rules."""
    before = {path: path.read_bytes() for path in inputs}
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    run = Run(code, out.getvalue(), err.getvalue(), time.perf_counter() - start)
    DURATIONS.append(run.seconds)
    assert run.code in (0, 2), run
    assert "Traceback" not in run.out + run.err, run
    if run.code == 2:
        lines = run.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Kesalahan: "), run
    for path, data in before.items():
        assert path.read_bytes() == data, f"{path} berubah"
    return run
