"""A click, measured in chromium: a filter change on the dashboard beside Datasette's facet click and a floor page.

For each target one server and one browser tab, warmed by a first load and a first change (not counted); then
`runs` changes, each timed from the action to the updated content:
- dashboard: the sidebar's "Metric type" filter (pick a type, then clear it again: two changes a run), until
  the rerun has finished (stApp's script state goes running, then notRunning) and the browser drew a frame;
- Datasette (serving `python -m loaders export --format sqlite` of the same data): a facet link of the
  figures_full view (type), until the new page has loaded; then back to the unfiltered view by its address;
- floor page (bench/floor_page.py: one chart, one table, one selectbox): its selectbox, like the dashboard.
Warm page loads: reload of the same address with the browser's cache warm, until the content is there.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.browser import CHROMIUM, LAUNCH_ARGS, READY_JS, ROOT, TIMEOUT_MS, Server, _free_port

# The run this change started has finished: script state went to running and back (or the change was so fast
# that only the end is seen, after the mark we reset before it).
RERUN_DONE_JS = """() => {
  const marks = window.__benchMarks || [];
  return marks.includes('running') && marks[marks.length - 1] === 'notRunning';
}"""
WATCH_JS = """() => {
  window.__benchMarks = [];
  if (window.__benchObserver) return;
  const app = document.querySelector('[data-testid="stApp"]');
  window.__benchObserver = new MutationObserver(() => {
    window.__benchMarks.push(app.getAttribute('data-test-script-state'));
  });
  window.__benchObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
FRAME_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def _rerun(page, action) -> float:
    page.evaluate(WATCH_JS)
    t = time.perf_counter()
    action()
    page.wait_for_function(RERUN_DONE_JS, timeout=TIMEOUT_MS, polling="raf")
    page.wait_for_function(READY_JS, arg=None, timeout=TIMEOUT_MS, polling="raf")
    page.evaluate(FRAME_JS)
    return time.perf_counter() - t


def _multiselect(page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)


def dashboard(browser, env: dict, runs: int, option: str = "Funding") -> dict:
    srv = Server("dashboard.py", env).start()
    ctx = browser.new_context()
    try:
        srv.wait_healthy(timeout=300)
        page = ctx.new_page()
        page.goto(srv.url("/"), wait_until="commit")
        page.wait_for_function(READY_JS, arg=None, timeout=600_000, polling=50)
        box = _multiselect(page, "Metric type")

        def pick():
            box.locator("input").click()
            box.locator("input").fill(option)
            box.locator("input").press("Enter")

        def clear():
            box.locator("input").press("Backspace")

        times = []
        for k in range(runs + 1):
            a, b = _rerun(page, pick), _rerun(page, clear)
            page.keyboard.press("Escape")
            if k:  # the first pair fills the caches of a new filter: not counted
                times += [a, b]
        loads = _loads(page, srv.url("/"), runs)
        return {"change": times, "load": loads}
    finally:
        ctx.close()
        srv.stop()


def floor(browser, runs: int) -> dict:
    srv = Server("bench/floor_page.py").start()
    ctx = browser.new_context()
    try:
        srv.wait_healthy()
        page = ctx.new_page()
        page.goto(srv.url("/"), wait_until="commit")
        page.wait_for_function(READY_JS, arg=None, timeout=TIMEOUT_MS, polling=50)
        box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Rows")
        times = []
        for k in range(runs + 1):
            for option in ("50 rows", "100 rows"):

                def choose(option=option):
                    box.click()
                    page.get_by_role("option", name=option).click()

                took = _rerun(page, choose)
                if k:
                    times.append(took)
        return {"change": times, "load": _loads(page, srv.url("/"), runs)}
    finally:
        ctx.close()
        srv.stop()


def _loads(page, url: str, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_function(READY_JS, arg=None, timeout=TIMEOUT_MS, polling="raf")
        out.append(time.perf_counter() - t)
    return out


def datasette(browser, metrics: str, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-datasette-") as tmp:
        db = Path(tmp) / "data.db"
        export = [sys.executable, "-m", "loaders", "export", "--format", "sqlite", "-o", str(db), "--file", metrics]
        subprocess.run(export, cwd=ROOT, check=True, capture_output=True, timeout=1800)
        port = _free_port()
        cmd = [str(Path(sys.executable).with_name("datasette")), "serve", str(db), "--port", str(port)]
        cmd += ["--host", "127.0.0.1", "--setting", "facet_time_limit_ms", "10000"]
        cmd += ["--setting", "sql_time_limit_ms", "10000"]
        proc = subprocess.Popen(cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ctx = browser.new_context()
        try:
            base = f"http://127.0.0.1:{port}/data/figures_full?_facet=type"
            page = ctx.new_page()
            deadline = time.perf_counter() + 120
            while True:
                try:
                    page.goto(base, wait_until="load")
                    break
                except Exception:  # noqa: BLE001 - not listening yet
                    if time.perf_counter() > deadline:
                        raise
                    time.sleep(0.2)
            times = []
            for k in range(runs + 1):
                link = page.locator(".facet-info a").filter(has_text="funding").first
                t = time.perf_counter()
                link.click()
                page.wait_for_load_state("load")
                took = time.perf_counter() - t
                if k:
                    times.append(took)
                page.goto(base, wait_until="load")
            loads = []
            for _ in range(runs):
                t = time.perf_counter()
                page.goto(base, wait_until="load")
                loads.append(time.perf_counter() - t)
            return {"change": times, "load": loads}
        finally:
            ctx.close()
            proc.terminate()
            proc.wait(timeout=20)


def run(paths: dict[int, str], runs: int) -> dict:
    """paths: scale -> metrics.yaml. The floor page once; the dashboard and Datasette at each scale."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            out["floor"] = floor(browser, runs)
            for scale, path in paths.items():
                out[f"dashboard {scale}x"] = dashboard(browser, {"METRICS_FILE": path}, runs)
                out[f"datasette {scale}x"] = datasette(browser, path, runs)
        finally:
            browser.close()
    return out


def medians(results: dict) -> dict[str, dict[str, float]]:
    return {k: {m: statistics.median(v[m]) for m in ("change", "load") if v.get(m)} for k, v in results.items()}
