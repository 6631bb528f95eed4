"""python -m ui.serve [streamlit options]: `streamlit run dashboard.py`, with the data loaded while the first
browser is still fetching the page's scripts.

Streamlit runs nothing of ours until a session connects; then the first run pays for importing pandas and
plotly and for building or checking the store (bench/changes.md). Here a thread does both as soon as the
server process starts, so the first session finds them done. Nothing else differs from `streamlit run`
(make run, make curate and the cold-start benchmark use this; tests may use either).

It also puts a guard in front of Streamlit's server (issue 22), because a page on another site must not drive
a local `make curate`: Streamlit 1.67 checks the Host of a WebSocket against `server.allowedHosts` (set in
.streamlit/config.toml and on the Makefile's command lines), but it compares an Origin by host name only, so
a page served from http://localhost:3000 may open the WebSocket of http://127.0.0.1:8501, and it sends no
framing policy. The guard answers 403 to any request whose Host is not an allowed host name (DNS rebinding),
refuses a WebSocket whose Origin is not this very server (scheme, host and port) nor in
`server.corsAllowedOrigins`, and gives every page `X-Frame-Options: SAMEORIGIN` and
`Content-Security-Policy: frame-ancestors 'self'`.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

# When server.allowedHosts is empty (Streamlit then accepts any Host), the guard still keeps to loopback names.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
FRAMING_HEADERS = (
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
)
ASGIApp = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]


def host_name(host: str | None) -> str | None:
    """The lower-case host name of a Host header (`127.0.0.1:8501` -> `127.0.0.1`), None when malformed."""
    if not host:
        return None
    try:
        parts = urlsplit(f"//{host}")
        _ = parts.port  # a port that is not a number in range raises
    except ValueError:
        return None
    if parts.hostname is None or parts.username is not None or parts.password is not None or parts.path:
        return None
    return parts.hostname.lower().rstrip(".")


def host_allowed(host: str | None, allowed: Iterable[str]) -> bool:
    """Whether a Host header names one of the allowed hosts (`*` any, `*.example.org` its subdomains)."""
    name = host_name(host)
    if name is None:
        return False
    for pattern in (a.strip().lower().rstrip(".") for a in allowed):
        if pattern == "*" or name == pattern or (pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


def origin_allowed(origin: str | None, host: str | None, trusted: Iterable[str] = ()) -> bool:
    """Whether a WebSocket's Origin is this server itself (same scheme-less host and port) or a trusted origin.

    No Origin is a client that is not a browser (browsers always send one), which a foreign page cannot be.
    """
    if origin is None:
        return True
    if origin.rstrip("/") in {t.rstrip("/") for t in trusted}:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and bool(host) and parts.netloc.lower() == str(host).lower()


def guard(app: ASGIApp, allowed_hosts: Iterable[str], trusted_origins: Iterable[str] = ()) -> ASGIApp:
    """`app` behind the Host/Origin checks and the framing policy (see the module's docstring)."""
    allowed, trusted = tuple(allowed_hosts) or LOOPBACK_HOSTS, tuple(trusted_origins)

    async def guarded(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host")
        ok = host_allowed(host, allowed)
        if scope["type"] == "websocket":
            if not (ok and origin_allowed(headers.get("origin"), host, trusted)):
                await send({"type": "websocket.close", "code": 1008})  # before accept: the client sees 403
                return
            await app(scope, receive, send)
            return
        if not ok:
            body = b"Host not allowed\n"
            start = {"type": "http.response.start", "status": 403, "headers": [(b"content-type", b"text/plain")]}
            await send({**start, "headers": [*start["headers"], (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return

        async def send_framed(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in FRAMING_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await app(scope, receive, send_framed)

    return guarded


def install_guard() -> None:
    """Wrap the app Streamlit's server builds in `guard`, with the hosts and origins of its config."""
    from streamlit import config
    from streamlit.web.server.starlette import starlette_server

    build = starlette_server.create_starlette_app

    def create_guarded_app(runtime: Any) -> ASGIApp:
        return guard(
            build(runtime),
            config.get_option("server.allowedHosts") or (),
            config.get_option("server.corsAllowedOrigins") or (),
        )

    starlette_server.create_starlette_app = create_guarded_app


def _preload() -> None:
    try:
        import pandas  # noqa: F401 - imported here, in parallel with the server's start, for the first run
        import plotly.graph_objects  # noqa: F401
        import pyarrow.feather  # noqa: F401 - the store keeps the frame as Arrow IPC (loaders.store)

        from loaders import store

        store.ensure()  # $METRICS_FILE or data/metrics.yaml, as the app reads it: built if needed
        import ui.cache  # noqa: F401
        import ui.sidebar  # noqa: F401
        import views.overview  # noqa: F401
    except Exception:  # noqa: BLE001 - the first run loads again and shows any problem as a page
        return


def main(argv: list[str]) -> int:
    from streamlit.web import cli

    install_guard()
    import ui.compat  # noqa: F401 - reports an address Streamlit drops as too long, from the first run on

    threading.Thread(target=_preload, name="preload", daemon=True).start()
    sys.argv = ["streamlit", "run", "dashboard.py", *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
