"""Fixtures of the web-app tests: the Streamlit script under AppTest, a real ``roadmap app``
server, and Debian's chromium driven by Playwright.

The browser tests are skipped only when chromium is absent outside CI (``make test`` installs it
with apt); with ``CI`` set, a missing chromium is a failure, not a skip.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from roadmap.app import SCRIPT

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "tests" / "data" / "spbe-profile-a.csv"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}  # the most common laptop screen in a pemda office
SERVER_START_SECONDS = 120
BROWSER_WAIT_MS = 180_000  # every browser wait: a slow CI machine plans for a while
RUN_SECONDS = 300  # one AppTest run plans, sweeps scenarios and simulates: generous for CI


def make_workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx file with these sheets and rows, as bytes."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def profile_rows() -> list[list[object]]:
    """The fixed SPBE profile (``tests/data``) as ``indikator``/``tingkat`` rows."""
    rows: list[list[object]] = [["indikator", "tingkat"]]
    with PROFILE.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            rows.append([int(row["indikator"]), int(row["tingkat"])])
    return rows


# A small workbook in the template's layout: the profile (indicators 1 and 2 at level 2, 5 and
# 7 at 1), three certain actions and no rules, so every result is a hand computation. Gains
# (weight 1,3 of 100 per level): K1 0,013, K2 0,026, K3 0,026.
SMALL_WORKBOOK = make_workbook({
    "penilaian": profile_rows(),
    "aksi": [["id", "nama", "dampak", "biaya", "peluang", "opd"],
             ["K1", "Aksi satu", "1:3", "10 jt", 1, "Bappeda"],
             ["K2", "Aksi dua", "2:4", "30 jt", 1, "Diskominfo"],
             ["K3", "Aksi tiga", "5:2; 7:2", "20 jt", 1, "Diskominfo"]],
    "ketergantungan": [["indicator", "level", "requires_indicator", "requires_level"]],
})


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end test in Debian's chromium")
    config.addinivalue_line("markers", "slow: long test (deselect with -m 'not slow')")


@pytest.fixture
def app_test() -> AppTest:
    """The app script, run once (the default example loaded)."""
    at = AppTest.from_file(str(SCRIPT), default_timeout=RUN_SECONDS)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.read().strip() == b"ok")
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def running_app(log_path: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """``roadmap app --port <free port>`` in its own process group; always terminated."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", "from roadmap.cli import run; run()", "app", "--port",
             str(port)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
            env={**os.environ, **(env or {})},
        )
        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("roadmap app tidak berjalan:\n"
                                + log_path.read_text(errors="replace"))
                time.sleep(0.5)
            yield url
        finally:
            _stop(process)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``roadmap app`` served for the module's tests."""
    with running_app(tmp_path_factory.mktemp("server") / "roadmap-app.log") as url:
        yield url


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server's process group (the server and anything it started)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian chromium (never a downloaded browser)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} tidak ada; `make test` memasangnya dengan apt")
        pytest.skip(f"{CHROMIUM} tidak ada (pasang dengan: apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=BROWSER_WAIT_MS)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh tab on the app, with downloads allowed; long timeouts for slow CI machines."""
    context = browser.new_context(viewport=VIEWPORT,
                                  accept_downloads=True, locale="id-ID")
    context.set_default_timeout(BROWSER_WAIT_MS)
    tab = context.new_page()
    tab.goto(server)
    try:
        yield tab
    finally:
        context.close()

