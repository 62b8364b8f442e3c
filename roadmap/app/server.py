"""Hardening of the Streamlit server that ``roadmap app`` runs in its own process.

Two things Streamlit's settings alone do not give (Streamlit 1.67, Starlette/uvicorn server):

* **No outbound connection, ever.** Streamlit looks up the machine's addresses
  (``streamlit.net_util.get_internal_ip`` opens a UDP socket toward 8.8.8.8,
  ``get_external_ip`` asks checkip.amazonaws.com) to print its URLs at start and, with CORS
  protection on, whenever a websocket arrives from a foreign ``Origin``. ``browser.serverAddress``
  and ``server.address`` (packaged config) avoid the first; ``block_address_lookups`` replaces
  both functions by ones that answer "unknown" so neither can happen.
* **DNS rebinding.** A page on a foreign name that resolves to 127.0.0.1 reaches the server
  with that foreign name in its ``Host`` header. Streamlit's ``server.allowedHosts`` checks only
  websockets; ``HostCheck`` (an ASGI middleware put in front of Streamlit's own) refuses every
  HTTP request and websocket whose ``Host`` is not in ``server.allowedHosts`` (packaged config:
  ``127.0.0.1`` and ``localhost``; an administrator behind a reverse proxy adds the proxy's
  name there), with 403 and an Indonesian text.

``install()`` applies both; it is called by ``roadmap app`` before Streamlit starts. Tested in
``tests/app/test_server.py`` by running ``roadmap app`` under a socket guard and sending
requests with foreign ``Host`` and ``Origin`` headers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
REFUSED_TEXT = (b"Ditolak: aplikasi ini hanya melayani alamat yang dikenal (server.allowedHosts), "
                b"mis. http://127.0.0.1:8501.")


def host_name(host: str | None) -> str | None:
    """The name part of a ``Host`` header, lower case, without port; None if malformed.

    >>> host_name("127.0.0.1:8501"), host_name("LocalHost"), host_name("[::1]:80")
    ('127.0.0.1', 'localhost', '::1')
    >>> host_name("evil.example:8501"), host_name("a@b"), host_name(None)
    ('evil.example', None, None)
    """
    if not host:
        return None
    try:
        parts = urlsplit(f"//{host}")
        _ = parts.port  # validates a given port
    except ValueError:
        return None
    if parts.username is not None or parts.path or parts.query or parts.fragment:
        return None
    return (parts.hostname or "").rstrip(".") or None


def host_allowed(host: str | None, allowed: Iterable[str]) -> bool:
    """``host`` (a ``Host`` header) is one of ``allowed`` (names; ``*.x`` for subdomains).

    >>> host_allowed("127.0.0.1:8501", LOOPBACK_HOSTS), host_allowed("evil.example", ["x"])
    (True, False)
    >>> host_allowed("a.intra.go.id", ["*.intra.go.id"])
    True
    """
    name = host_name(host)
    if name is None:
        return False
    for pattern in allowed:
        pattern = pattern.strip().lower().rstrip(".")
        if pattern == "*" or name == pattern or (
                pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


def allowed_hosts() -> tuple[str, ...]:
    """``server.allowedHosts`` of the running Streamlit, or the loopback names if empty."""
    from streamlit import config

    configured = tuple(config.get_option("server.allowedHosts") or ())
    return configured or LOOPBACK_HOSTS


class HostCheck:
    """ASGI middleware: refuse HTTP requests and websockets with a foreign ``Host``, and
    websockets opened by a page from a foreign ``Origin`` (cross-site websocket hijacking;
    Streamlit's CORS check refuses them too, after address look-ups this module blocks)."""

    def __init__(self, app: ASGIApp, allowed: Callable[[], Iterable[str]] = allowed_hosts
                 ) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") in ("http", "websocket"):
            host = next((value.decode("latin-1") for key, value in scope.get("headers", ())
                         if key.lower() == b"host"), None)
            origin = next((value.decode("latin-1") for key, value in scope.get("headers", ())
                           if key.lower() == b"origin"), None)
            allowed = tuple(self.allowed())
            if not host_allowed(host, allowed) or (
                    scope["type"] == "websocket" and origin is not None
                    and not host_allowed(urlsplit(origin).netloc, allowed)):
                await refuse(scope, send)
                return
        await self.app(scope, receive, send)


async def refuse(scope: Scope, send: Send) -> None:
    """403 for HTTP; a websocket closed before it is accepted is a 403 for the client."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(REFUSED_TEXT)).encode())]})
    await send({"type": "http.response.body", "body": REFUSED_TEXT})


def _unknown_address() -> str | None:
    return None


def block_address_lookups() -> None:
    """Streamlit's own address look-ups answer "unknown" instead of going out."""
    from streamlit import net_util

    net_util.get_internal_ip = _unknown_address
    net_util.get_external_ip = _unknown_address


def add_host_check() -> bool:
    """Put ``HostCheck`` in front of Streamlit's middleware; False if this Streamlit has no
    Starlette server (then ``server.allowedHosts`` still guards the websocket)."""
    try:
        from starlette.middleware import Middleware
        from streamlit.web.server.starlette import starlette_app
    except ImportError:
        return False
    original = getattr(starlette_app, "create_streamlit_middleware", None)
    if original is None or getattr(original, "roadmap_host_check", False):
        return original is not None

    def with_host_check() -> list[Any]:
        return [Middleware(HostCheck), *original()]

    with_host_check.roadmap_host_check = True  # type: ignore[attr-defined]
    starlette_app.create_streamlit_middleware = with_host_check
    return True


def install() -> None:
    """Both protections, before Streamlit starts its server."""
    block_address_lookups()
    add_host_check()
