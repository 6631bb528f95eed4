"""Issue 22: a page on another site cannot drive `make run` or `make curate` (the Makefile's own command lines).

A foreign Host (DNS rebinding: a name of the attacker's that resolves to 127.0.0.1) and a foreign Origin (a page
on another port of this machine) cannot open the app's WebSocket, nor frame its pages; 127.0.0.1 and localhost
still load the dashboard in a real browser.
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser_support import ROOT, Server, main, wait_ready
from playwright.sync_api import expect

FIXTURE = ROOT / "tests" / "fixtures" / "many_sources"


class MakeServer(Server):
    """`make run` or `make curate` itself on a free port."""

    target = "run"

    def command(self) -> list[str]:
        return ["make", "-s", "--no-print-directory", self.target, f"PORT={self.port}", f"PYTHON={sys.executable}"]


class RunServer(MakeServer):
    target = "run"


class CurateServer(MakeServer):
    target = "curate"


@pytest.fixture(scope="module", params=["run", "curate"])
def made(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURE, folder)  # a curate server that is driven writes here, never into data/
    cls = RunServer if request.param == "run" else CurateServer
    srv = cls(
        tmp_path_factory.mktemp("server") / f"{request.param}.log", {"METRICS_FILE": str(folder / "metrics.yaml")}
    )
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def handshake(port: int, host: str, origin: str | None) -> int:
    """The HTTP status a WebSocket opening handshake to the app's stream gets, with these Host and Origin."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ] + ([f"Origin: {origin}"] if origin else [])
    with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return int(s.recv(4096).split(b" ", 2)[1])


def get(port: int, host: str) -> tuple[int, dict[str, str]]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": host})
    try:
        with urllib.request.urlopen(req, timeout=15) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}


def test_a_foreign_host_or_origin_cannot_open_the_websocket(made):
    p = made.port
    assert handshake(p, f"rebind.example:{p}", f"http://rebind.example:{p}") == 403  # DNS rebinding
    assert handshake(p, f"127.0.0.1:{p}", "http://localhost:3000") == 403  # another page on this machine
    assert handshake(p, f"localhost:{p}", "http://localhost:3000") == 403
    assert handshake(p, f"localhost:{p}", f"https://evil.example:{p}") == 403
    assert handshake(p, f"127.0.0.1:{p}", "null") == 403  # a sandboxed frame or a file:// page
    # the app's own addresses still connect
    assert handshake(p, f"127.0.0.1:{p}", f"http://127.0.0.1:{p}") == 101
    assert handshake(p, f"localhost:{p}", f"http://localhost:{p}") == 101


def test_pages_refuse_a_foreign_host_and_carry_a_framing_policy(made):
    status, _ = get(made.port, f"rebind.example:{made.port}")
    assert status == 403
    for host in (f"127.0.0.1:{made.port}", f"localhost:{made.port}"):
        status, headers = get(made.port, host)
        assert status == 200
        assert headers["x-frame-options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in headers["content-security-policy"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_dashboard_loads_on_loopback_names(made, page, host):
    path, title = ("/curate", "Curate") if isinstance(made, CurateServer) else ("/", "Overview")
    page.goto(f"http://{host}:{made.port}{path}", wait_until="domcontentloaded")
    wait_ready(page, title)
    expect(main(page)).to_be_visible()


class _Attacker(BaseHTTPRequestHandler):
    html = b""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(self.html)

    def log_message(self, *args):
        pass


def test_a_page_on_another_port_can_neither_connect_nor_frame(made, page):
    target = f"127.0.0.1:{made.port}"
    _Attacker.html = (
        f'<iframe id="f" src="http://{target}/"></iframe><script>'
        f'window.ws = "pending"; const w = new WebSocket("ws://{target}/_stcore/stream");'
        'w.onopen = () => { window.ws = "open"; }; w.onerror = () => { window.ws = "refused"; };'
        "</script>"
    ).encode()
    attacker = ThreadingHTTPServer(("127.0.0.1", 0), _Attacker)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://localhost:{attacker.server_address[1]}/")
        page.wait_for_function("() => window.ws !== 'pending'", timeout=15_000)
        assert page.evaluate("window.ws") == "refused"
        framed = next(f for f in page.frames if f != page.main_frame)
        framed.wait_for_load_state("load")
        assert framed.url.startswith("chrome-error:"), framed.url  # the browser refused to frame the app
    finally:
        attacker.shutdown()


def test_an_address_of_2000_repeated_keys_gets_a_notice(made, page):
    """Streamlit drops such an address before the script runs; ui/compat.py makes the drop a notice."""
    page.goto(made.url("/", "&".join(["city=guangzhou"] * 2_000)), wait_until="domcontentloaded")
    wait_ready(page)
    expect(main(page).get_by_text("2,000 values", exact=False)).to_be_visible()
