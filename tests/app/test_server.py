"""The ``roadmap app`` server process: nothing sent out, foreign hosts and origins refused.

The server runs under a socket guard (a ``sitecustomize`` on ``PYTHONPATH``) that makes every
non-loopback ``connect``/``sendto``/address look-up fail and logs it; the test drives the
server (page, health, websockets with foreign ``Host`` and ``Origin``, a browser session when
chromium is present) and asserts that nothing was attempted. DNS rebinding: a request whose
``Host`` is a foreign name gets 403 (HTTP and websocket); a websocket from a foreign ``Origin``
too.
"""

from __future__ import annotations

import base64
import os
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from roadmap.app.server import HostCheck, host_allowed, host_name
from tests.app.conftest import BROWSER_WAIT_MS, CHROMIUM, CHROMIUM_ARGS, running_app

GUARD = '''
import errno, ipaddress, os, socket

_LOG = os.environ["ROADMAP_SOCKET_LOG"]
open(_LOG + ".active", "w").write("ok")


def _local(host):
    if host is None or host in ("", "localhost", "localhost."):
        return True
    if isinstance(host, bytes):
        host = host.decode()
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return str(host).startswith("/")  # a unix socket path


def _refuse(kind, target):
    with open(_LOG, "a") as log:
        log.write(f"{kind} {target!r}\\n")
    raise OSError(errno.ENETUNREACH, f"socket guard: {kind} {target!r}")


_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
_sendto = socket.socket.sendto
_getaddrinfo, _gethostbyname = socket.getaddrinfo, socket.gethostbyname


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse("connect", address)
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse("connect_ex", address)
    return _connect_ex(self, address)


def sendto(self, data, *args):
    address = args[-1]
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse("sendto", address)
    return _sendto(self, data, *args)


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _refuse("getaddrinfo", host)
    return _getaddrinfo(host, *args, **kwargs)


def gethostbyname(host):
    if not _local(host):
        _refuse("gethostbyname", host)
    return _gethostbyname(host)


socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
'''


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``roadmap app`` under the socket guard: its URL and the guard's log."""
    folder = tmp_path_factory.mktemp("guard")
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = folder / "attempts.log"
    path = os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    with running_app(folder / "server.log",
                     {"PYTHONPATH": path, "ROADMAP_SOCKET_LOG": str(log)}) as url:
        yield url, log


def status_of(url: str, *, host: str | None = None, origin: str | None = None,
              websocket: bool = False) -> int:
    """The HTTP status of a raw GET (a websocket handshake if asked) with these headers."""
    address = url.removeprefix("http://")
    name, port = address.split(":")
    path = "/_stcore/stream" if websocket else "/"
    lines = [f"GET {path} HTTP/1.1", f"Host: {host or address}", "Connection: close"]
    if websocket:
        key = base64.b64encode(os.urandom(16)).decode()
        lines[-1] = "Connection: Upgrade"
        lines += ["Upgrade: websocket", f"Sec-WebSocket-Key: {key}",
                  "Sec-WebSocket-Version: 13"]
    if origin:
        lines.append(f"Origin: {origin}")
    with socket.create_connection((name, int(port)), timeout=30) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        first = conn.recv(4096).split(b"\r\n", 1)[0].decode()
    return int(first.split()[1])


def test_host_names() -> None:
    assert host_name("127.0.0.1:8501") == "127.0.0.1"
    assert host_allowed("localhost:8501", ("127.0.0.1", "localhost"))
    assert not host_allowed("evil.example:8501", ("127.0.0.1", "localhost"))
    assert not host_allowed("127.0.0.1.evil.example", ("127.0.0.1", "localhost"))
    assert not host_allowed(None, ("127.0.0.1",))
    assert not host_allowed("a b", ("127.0.0.1",))


def test_foreign_host_and_origin_are_refused(guarded: tuple[str, Path]) -> None:
    url, _ = guarded
    port = url.rsplit(":", 1)[1]
    assert status_of(url) == 200
    assert status_of(url, host=f"localhost:{port}") == 200
    assert status_of(url, host=f"evil.example:{port}") == 403
    assert status_of(url, host="evil.example") == 403
    assert status_of(url, websocket=True) == 101
    assert status_of(url, websocket=True, origin=url) == 101
    assert status_of(url, websocket=True, host=f"evil.example:{port}") == 403
    assert status_of(url, websocket=True, origin=f"http://evil.example:{port}") == 403
    request = urllib.request.Request(f"{url}/_stcore/health",
                                     headers={"Host": f"rebind.example:{port}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert "Ditolak" in refused.value.read().decode()


def test_no_outbound_connection(guarded: tuple[str, Path], tmp_path: Path) -> None:
    """At start, for foreign origins (Streamlit's CORS check would look up addresses) and
    during a whole browser session, the server tries no non-loopback connection."""
    url, log = guarded
    assert Path(f"{log}.active").exists(), "the socket guard did not load"
    status_of(url, websocket=True, origin="http://evil.example")
    if CHROMIUM.exists():
        _browse(url)
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert attempts == "", attempts


def _browse(url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab: Any = browser.new_page(viewport={"width": 1366, "height": 768})
            tab.set_default_timeout(BROWSER_WAIT_MS)
            tab.goto(url)
            expect(tab.get_by_test_id("stMetric").filter(has_text="Predikat")
                   .get_by_test_id("stMetricValue").first).to_be_visible(timeout=BROWSER_WAIT_MS)
            tab.get_by_role("tab", name="Rencana aksi").click()
            expect(tab.get_by_test_id("stMetric").filter(has_text="Total biaya")
                   .get_by_test_id("stMetricValue").first).to_be_visible(timeout=BROWSER_WAIT_MS)
        finally:
            browser.close()


def test_host_check_is_asgi_middleware() -> None:
    """Unit check of the middleware without a server: a foreign host never reaches the app."""
    import asyncio

    reached: list[str] = []
    sent: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["type"])

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {}

    check = HostCheck(app, lambda: ("127.0.0.1",))
    for kind, host in (("http", b"127.0.0.1:1"), ("http", b"evil.example"),
                       ("websocket", b"evil.example"), ("lifespan", None)):
        headers = [(b"host", host)] if host else []
        asyncio.run(check({"type": kind, "headers": headers}, receive, send))
    assert reached == ["http", "lifespan"]
    assert sent[0]["status"] == 403 and sent[-1] == {"type": "websocket.close", "code": 1008}
