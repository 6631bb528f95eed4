"""Helpers for the browser tests: the server process, readiness, and what a page shows."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, expect

from ui.registry import DEFAULT
from ui.registry import PAGES as REGISTRY
from views.i18n import t

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"
INSTALL_HINT = "browser tests need Debian packages: sudo apt-get install chromium fonts-noto-cjk fontconfig"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Docker gives /dev/shm 64 MB; Debian's wrapper adds this flag only when its own check works.
    "--disable-dev-shm-usage",
]
TIMEOUT_MS = 30_000

# the query each page is opened with by default (facts of the seed source, by id)
QUERIES = {"compare": "type=funding", "city": "profile=jining", "reader": "id=gz-industry-party-committees"}
# url path, query, English title, Chinese title: from the one page registry
PAGES = {
    p.url: ("/" if p is DEFAULT else f"/{p.url}", QUERIES.get(p.url, ""), t(p.title_key, "en"), t(p.title_key, "zh"))
    for p in REGISTRY
}
GAP_MARK = "【?】"
NOT_IN_SOURCE = "not in source"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run dashboard.py` on a free loopback port, its output in a log file."""

    def __init__(self, log_path: Path, env: dict | None = None):
        self.log_path = log_path
        self.extra_env = env or {}
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def url(self, path: str = "/", query: str = "") -> str:
        return f"http://127.0.0.1:{self.port}{path}" + (f"?{query}" if query else "")

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log)"

    def start(self, timeout: float = 60) -> Server:
        for _attempt in range(3):  # another process may take the port between bind(0) and streamlit's bind
            if self._try_start(timeout):
                return self
            if "already in use" not in self.log():
                break
        raise RuntimeError(f"streamlit did not become healthy on port {self.port}; its log:\n{self.log()}")

    def command(self) -> list[str]:
        # as make run serves it: ui/serve.py is streamlit run dashboard.py, with the data loaded meanwhile
        cmd = [sys.executable, "-m", "ui.serve", "--server.address=127.0.0.1"]
        return cmd + ["--server.headless=true", "--server.fileWatcherType=none", f"--server.port={self.port}"]

    def _try_start(self, timeout: float) -> bool:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k != "METRICS_FILE"}
        env.update(STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", PYTHONUNBUFFERED="1", **self.extra_env)
        cmd = self.command()
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.url("/_stcore/health"), timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return True
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        return False

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass


# Readiness: the script finished, nothing is stale or still loading (lazy widgets show a skeleton first),
# all of it for SETTLE_MS in a row (a rerun can start right after a "notRunning"), then the expected content.
SETTLE_MS = 300
_SETTLED = """([ms]) => {
    const ok = !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && !document.querySelector('[data-testid="stSkeleton"]');
    if (!ok) { window.__settledSince = null; return false; }
    window.__settledSince ??= performance.now();
    return performance.now() - window.__settledSince >= ms;
}"""


def wait_ready(page: Page, h1: str | None = None, timeout: int = TIMEOUT_MS) -> None:
    page.evaluate("() => { window.__settledSince = null; }")
    page.wait_for_function(_SETTLED, arg=[SETTLE_MS], polling=100, timeout=timeout)
    if h1 is not None:
        expect(title(page)).to_have_text(h1, timeout=timeout)


def open_page(page: Page, srv: Server, name: str, lang: str = "en", query: str | None = None) -> None:
    path, default_query, en, zh = PAGES[name]
    q = default_query if query is None else query
    if lang == "zh":
        q = "&".join(p for p in (q, "lang=zh") if p)
    page.goto(srv.url(path, q), wait_until="domcontentloaded")
    wait_ready(page, zh if lang == "zh" else en)


def title(page: Page):
    return page.locator('[data-testid="stMain"] h1')


def main(page: Page):
    return page.get_by_test_id("stMain")


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def expect_content(page: Page, name: str, timeout: int = TIMEOUT_MS) -> None:
    """What each page of PAGES (opened with its query) shows below its title."""
    body = main(page)
    if name in ("overview", "compare", "gaps"):
        expect(body.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first).to_be_visible(timeout=timeout)
    if name == "compare":
        expect(body.get_by_text(NOT_IN_SOURCE).first).to_be_attached(timeout=timeout)
        metric_type = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text="Metric type")
        expect(metric_type).to_contain_text("Funding", timeout=timeout)  # type=funding took effect
    if name == "gaps":
        expect(body.get_by_text(GAP_MARK).first).to_be_visible(timeout=timeout)
    if name == "city":
        expect(body).to_contain_text("Jining", timeout=timeout)
        expect(body).to_contain_text("Kong Fanping", timeout=timeout)  # the speaker of the Jining section
    if name == "reader":  # the figure named by id=, with its quote verbatim
        expect(body).to_contain_text("Industry Party committees", timeout=timeout)
        expect(body).to_contain_text("成立律师、注册会计师、物业服务、社会工作等18个行业*委", timeout=timeout)
    if name == "data":
        expect(body.get_by_test_id("stDataFrame").first).to_be_visible(timeout=timeout)


def expect_navigation(page: Page, lang: str = "en", timeout: int = TIMEOUT_MS) -> None:
    """The entry's navigation: six page links in the UI language, the language radio, the shared filters."""
    titles = [p[2 if lang == "en" else 3] for p in PAGES.values()]
    links = sidebar(page).get_by_test_id("stSidebarNav").get_by_role("link")
    expect(links).to_have_count(6, timeout=timeout)
    # the link text follows the icon's ligature name
    expect(links).to_have_text([re.compile(re.escape(t) + "$") for t in titles], timeout=timeout)
    language, other = ("Language", "中文") if lang == "en" else ("语言", "English")
    radio = sidebar(page).get_by_test_id("stRadio").filter(has_text=language)
    expect(radio.get_by_role("radio")).to_have_count(2, timeout=timeout)
    expect(radio).to_contain_text(other, timeout=timeout)
    # A page run without the entry would have no shared filters in the sidebar.
    expect(sidebar(page).get_by_test_id("stMultiSelect")).to_have_count(5, timeout=timeout)  # source, city, type…


def chart_signature(page: Page, index: int = 0) -> list:
    """The traces a plotly chart draws (name, x, y), read from plotly's own graph div."""
    chart = main(page).get_by_test_id("stPlotlyChart").nth(index).locator(".js-plotly-plot")
    expect(chart).to_be_visible()
    return chart.evaluate(
        "gd => gd.data.map(t => [t.name ?? '', JSON.stringify(t.x ?? null), JSON.stringify(t.y ?? null)])"
    )


def query_of(page: Page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query))


def grid_rows(grid) -> list[dict[str, str]]:
    """Rows an st.dataframe shows (it draws on a canvas; its accessible table holds the visible rows)."""
    expect(grid.locator("table[role=grid] tbody tr").first).to_be_attached()
    return grid.evaluate(
        """e => {
            const t = e.querySelector('table[role=grid]');
            const heads = [...t.querySelectorAll('thead th')].map(h => h.textContent);
            return [...t.querySelectorAll('tbody tr')].map(r =>
                Object.fromEntries([...r.querySelectorAll('td')].map((c, i) => [heads[i] ?? i, c.textContent])));
        }"""
    )


def poll(fn, timeout: float = 30, interval: float = 0.25):
    """Call fn until it returns something truthy; return that, or the last value after the timeout."""
    deadline = time.monotonic() + timeout
    value = fn()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = fn()
    return value


_STILL = """([ms]) => {
    const pos = [...document.querySelectorAll('*')].map(e => e.scrollTop).join(',') + '|' + window.scrollY;
    if (pos !== window.__scrollPos) { window.__scrollPos = pos; window.__stillSince = performance.now(); }
    return performance.now() - window.__stillSince >= ms;
}"""


def wait_still(page: Page, ms: int = 600, timeout: int = TIMEOUT_MS) -> None:
    """Wait until nothing has scrolled for ms (the reader smooth-scrolls to the figure it opened with)."""
    page.wait_for_function(_STILL, arg=[ms], polling=100, timeout=timeout)
