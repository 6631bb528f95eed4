"""Cold start and server memory, measured with the real `streamlit run` and Debian's headless chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",  # Docker's /dev/shm is 64 MB
]
TIMEOUT_MS = 60_000

# The script is not running and nothing stale or loading is shown (the start of every "done" check).
SETTLED_JS = """
  if (!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')) return false;
  if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')) return false;"""
# The script finished, nothing stale or loading is shown, and the page's own content is there.
READY_JS = (
    """(needle) => {"""
    + SETTLED_JS
    + """
  if (needle === null) return document.querySelector('[data-testid="stMain"] h1') !== null;
  const main = document.querySelector('[data-testid="stMain"]');
  return main !== null && main.innerText.includes(needle);
}"""
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `streamlit run SCRIPT` on a free loopback port; its output goes to a log file."""

    def __init__(self, script: str, env: dict | None = None):
        self.script = script
        self.env = env or {}
        self.proc: subprocess.Popen | None = None
        self.port = _free_port()
        self.log = Path(tempfile.mkstemp(prefix="bench-streamlit-", suffix=".log")[1])
        self.started = 0.0

    def start(self) -> Server:
        env = {k: v for k, v in os.environ.items() if k != "METRICS_FILE"}
        env.update(STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", PYTHONUNBUFFERED="1", **self.env)
        # The dashboard as make run starts it (ui/serve.py: streamlit run, with the data loaded meanwhile).
        start = ["ui.serve"] if self.script == "dashboard.py" else ["streamlit", "run", self.script]
        cmd = [sys.executable, "-m", *start, "--server.address=127.0.0.1"]
        cmd += ["--server.headless=true", "--server.fileWatcherType=none", f"--server.port={self.port}"]
        with self.log.open("ab") as log:
            self.started = time.perf_counter()
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_healthy(self, timeout: float = 60) -> float:
        """Seconds from process start until /_stcore/health answers."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited ({self.proc.returncode}); its log:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url("/_stcore/health"), timeout=2) as resp:
                    if resp.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError(f"streamlit did not answer on port {self.port} within {timeout:.0f} s:\n{self.output()}")

    def rss_mb(self) -> float:
        with open(f"/proc/{self.proc.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        self.log.unlink(missing_ok=True)


def _wait_ready(page, needle: str | None) -> None:
    page.wait_for_function(READY_JS, arg=needle, timeout=TIMEOUT_MS, polling=20)


# name -> (script, url path, needle: text that must show, or None for "an h1 in the main area")
TARGETS = {
    "bare app": ("bench/bare_app.py", "/", "hello"),
    "floor page": ("bench/floor_page.py", "/", None),  # not graded: what any chart-and-table page costs
    "dashboard /": ("dashboard.py", "/", None),
    "dashboard /compare": ("dashboard.py", "/compare", None),
}


def _cold_once(browser, target: str, env: dict) -> dict:
    script, path, needle = TARGETS[target]
    srv = Server(script, env)
    ctx = browser.new_context()
    try:
        srv.start()
        healthy = srv.wait_healthy()
        page = ctx.new_page()
        page.goto(srv.url(path), wait_until="commit")
        _wait_ready(page, needle)
        total = time.perf_counter() - srv.started
        return {"total": total, "healthy": healthy}
    finally:
        ctx.close()
        srv.stop()


def cold_start(runs: int, env: dict | None = None, warmup: bool = True) -> dict[str, list[dict]]:
    """Process start to final content, `runs` times per target, interleaved so drift hits all alike."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[dict]] = {t: [] for t in TARGETS}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            if warmup:  # first start pays for cold disk caches and .pyc files; not counted
                for target in TARGETS:
                    _cold_once(browser, target, env or {})
            for _ in range(runs):
                for target in TARGETS:
                    out[target].append(_cold_once(browser, target, env or {}))
        finally:
            browser.close()
    return out


def memory(sessions: int, env: dict | None = None, path: str = "/") -> dict:
    """Server RSS after 1 and after `sessions` rendered sessions (tabs of one browser, all kept open)."""
    from playwright.sync_api import sync_playwright

    srv = Server("dashboard.py", env)
    rss: list[float] = []
    try:
        srv.start()
        srv.wait_healthy()
        idle = srv.rss_mb()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            try:
                ctx = browser.new_context()
                pages = []
                for _ in range(sessions):
                    page = ctx.new_page()
                    page.goto(srv.url(path), wait_until="commit")
                    _wait_ready(page, None)
                    pages.append(page)
                    time.sleep(0.3)
                    rss.append(srv.rss_mb())
                time.sleep(2)
                settled = srv.rss_mb()
                alive = sum(1 for p in pages if not p.is_closed())
            finally:
                browser.close()
    finally:
        srv.stop()
    return {"idle_mb": idle, "after_each_mb": rss, "settled_mb": settled, "sessions": alive}
