"""A click, measured in chromium: the dashboard's widgets beside Datasette's facet click and a floor page.

For each target one server and one browser tab per widget, warmed by a first load and a first round of changes
(not counted); then `runs` rounds, each change timed from the action (the click or key that changes the widget;
opening a dropdown and typing into its search come before the clock starts) to the updated content: the script state notRunning, no
status widget or skeleton, and the content that this change must draw (below), then one more frame:
- dashboard: the sidebar's "Metric type" filter on the Overview (pick a type, then clear it again: two changes a
  run), until the "Figures" count shows the filtered (then the unfiltered) number;
- dashboard /compare: the indicator picker, switching between the two indicators most places report, until the
  chart has the new indicator's tick and not the other's;
- dashboard /reader: the figure picker, switching between the first and the last reported figure of the text,
  until the details show the new figure's link down to it and not the other's;
- Datasette (`datasette serve` on the store of the same data, as `datasette build/figures.db` opens it): a
  facet link of the figures_full view (type), until the new page's address has the facet and it has loaded; then back to the
  unfiltered view by its address;
- floor page (bench/floor_page.py: one chart, one table, one selectbox): its selectbox, until its caption
  shows the chosen row count.
Warm page loads: reload of the same address with the browser's cache warm, until the content is there.
The script state alone cannot end a timing: a fast rerun's running and notRunning reach React in one batch, so
the attribute may never show 'running', and before the rerun starts the old page is notRunning too.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.browser import CHROMIUM, LAUNCH_ARGS, READY_JS, SETTLED_JS, TIMEOUT_MS, Server, _free_port

# The change is done: settled (browser.SETTLED_JS), and every check holds. A check is [CSS selector, text,
# present]: some element matching selector whose text, with all white space removed, is text (any element when
# text is null) is there (present) or none is (not present). White space is dropped because plotly wraps a
# tick label into lines and Streamlit puts line breaks between a metric's label and value.
DONE_JS = (
    """(checks) => {"""
    + SETTLED_JS
    + """
  const squash = (s) => s.replace(/\\s+/g, '');
  return checks.every(([selector, text, present]) => {
    const hit = [...document.querySelectorAll(selector)].some(
      (el) => text === null || squash(el.textContent) === squash(text));
    return hit === present;
  });
}"""
)
FRAME_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
# Nothing has scrolled for ms milliseconds (the reader smooth-scrolls to a chosen figure 300 ms after drawing it;
# a dropdown opened while the page scrolls closes under the pointer).
STILL_JS = """([ms]) => {
  const pos = [...document.querySelectorAll('*')].map(e => e.scrollTop).join(',') + '|' + window.scrollY;
  if (pos !== window.__benchScroll) { window.__benchScroll = pos; window.__benchStill = performance.now(); }
  return performance.now() - window.__benchStill >= ms;
}"""
STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {url: location.href, state: app && app.getAttribute('data-test-script-state'),
          status: !!document.querySelector('[data-testid="stStatusWidget"]')};
}"""


@dataclass(frozen=True)
class Change:
    """One measured widget change: what a user does before it (not timed), the action, what it must draw."""

    name: str
    act: Callable[[], None]
    shows: tuple[tuple[str, str | None, bool], ...]  # DONE_JS checks
    prepare: Callable[[], None] = lambda: None


class ChangeTimeout(RuntimeError):
    """A change that could not be made, or whose content did not show within TIMEOUT_MS: which target and change."""


def _timed(page, target: str, change: Change, srv: Server | None = None) -> float:
    checks = [list(c) for c in change.shows]
    try:
        change.prepare()
    except Exception as exc:  # noqa: BLE001 - playwright's errors, said with the target and the change
        raise ChangeTimeout(f"{target}: {change.name}: could not get the widget ready: {exc}") from exc
    if page.evaluate(DONE_JS, checks):  # the timing would end at once: the checks cannot tell old from new
        raise RuntimeError(f"{target}: {change.name}: the content it waits for is shown before the change")
    t = time.perf_counter()
    try:
        change.act()
    except Exception as exc:  # noqa: BLE001 - likewise
        raise ChangeTimeout(f"{target}: {change.name}: the action failed: {exc}") from exc
    try:
        page.wait_for_function(DONE_JS, arg=checks, timeout=TIMEOUT_MS, polling="raf")
    except Exception as exc:  # noqa: BLE001 - playwright's TimeoutError, said with what the page showed
        seen = page.evaluate(STATE_JS)
        log = f"\nserver log:\n{srv.output()}" if srv is not None else ""
        raise ChangeTimeout(
            f"{target}: {change.name}: not done within {TIMEOUT_MS / 1000:.0f} s; waited for {checks}; "
            f"page: {seen}{log}"
        ) from exc
    page.evaluate(FRAME_JS)
    return time.perf_counter() - t


def _measure(page, target: str, changes: list[Change], runs: int, srv: Server | None = None) -> dict:
    """Each change once per round; the first round fills the caches of new choices and is not counted.

    Returns {"change": seconds, "actions": the change's name for each}, in the order measured.
    """
    times, actions = [], []
    for k in range(runs + 1):
        for change in changes:
            took = _timed(page, target, change, srv)
            if k:
                times.append(took)
                actions.append(change.name)
    return {"change": times, "actions": actions}


def _open(page, url: str, timeout_ms: float = TIMEOUT_MS) -> None:
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY_JS, arg=None, timeout=timeout_ms, polling=50)


def _multiselect(page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)


@dataclass(frozen=True)
class Expected:
    """What the dashboard must show after each change, from the same loaders and views the pages call."""

    type_id: str
    type_label: str  # what to type into the Metric type filter to find it
    figures_all: int  # the Overview's "Figures" count with no filter
    figures_type: int  # ... with the type filter
    indicators: tuple[tuple[str, str, str], ...]  # Compare: two of (id, picker label's start, chart tick)
    figures: tuple[tuple[str, str], ...]  # Reader: two of (id, picker label), the first and last in the text


def expected(path: str, type_id: str = "funding") -> Expected:
    from loaders import store
    from loaders.filters import Filters, apply
    from views import compare, reader
    from views.i18n import both, name
    from views.overview import headline

    b = store.read(store.ensure(path).path)
    figures = {
        f: headline(apply(b.frame, Filters(type=f)), b.sections).figures for f in ((), (type_id,))
    }  # the page's own path: apply, then headline
    if figures[()] == figures[(type_id,)]:
        raise RuntimeError(f"{path}: the type {type_id} keeps every figure: a change would draw nothing new")
    # Compare: the two indicators most places report (the heaviest charts), each named apart in the chart
    counts = compare.city_counts(b.frame)
    ticks = [name(b.indicators[i], "en") for i in b.indicators]
    picked = sorted(
        (i for i in compare.indicator_options(b.frame) if ticks.count(name(b.indicators[i], "en")) == 1),
        key=lambda i: -counts.get(i, 0),
    )[:2]
    # Reader: the first and the last reported figure of the text it opens with, so the page moves down the text
    view = reader.view(b.frame, Filters(), "en", list(b.texts), b.appearances)
    status = b.frame.set_index("id")["status"]
    reported = [i for i in view.options if status[i] == "reported"]
    if len(picked) < 2 or len(reported) < 2:
        raise RuntimeError(f"{path}: Compare or the Reader has fewer than two choices to switch between")
    return Expected(
        type_id,
        b.metric_types[type_id].en,
        figures[()],
        figures[(type_id,)],
        tuple((i, both(b.indicators[i], "en"), name(b.indicators[i], "en")) for i in picked),
        tuple((i, view.labels[i]) for i in (reported[0], reported[-1])),
    )


def _figures(n: int) -> tuple[str, str | None, bool]:
    return ('[data-testid="stMain"] [data-testid="stMetric"]', f"Figures{n}", True)


def _combobox(page, key: str):
    return page.locator(f'.st-key-{key} input[role="combobox"]')


def _filter_change(page, want: Expected) -> tuple[str, list[Change]]:
    box = _multiselect(page, "Metric type").locator("input")

    def search():
        box.click()
        box.fill(want.type_label)

    pick = Change(f"pick the type {want.type_id}", lambda: box.press("Enter"), (_figures(want.figures_type),), search)
    clear = Change("clear the type filter", lambda: box.press("Backspace"), (_figures(want.figures_all),), box.click)
    return "/", [pick, clear]


def _indicator_change(page, want: Expected) -> tuple[str, list[Change]]:
    box = _combobox(page, "w_indicator")  # views.compare's picker, bound to the indicator= state
    tick = '[data-testid="stMain"] [data-testid="stPlotlyChart"] text'
    changes = []
    for (ind, label, name), (_, _, other) in zip(want.indicators, want.indicators[::-1], strict=True):

        def search(label=label):
            box.click()
            box.fill(label)

        option = page.get_by_role("option", name=re.compile("^" + re.escape(label) + r" \("))
        shows = ((tick, name, True), (tick, other, False))  # its tick in the chart, the other's gone
        changes.append(Change(f"pick the indicator {ind}", option.first.click, shows, search))
    return "/compare", changes


def _figure_change(page, want: Expected) -> tuple[str, list[Change]]:
    box = _combobox(page, "w_id")  # the reader's figure picker, bound to the id= state
    changes = []
    for (fid, label), (other, _) in zip(want.figures, want.figures[::-1], strict=True):

        def search(label=label):
            page.wait_for_function(STILL_JS, arg=[600], polling=100, timeout=TIMEOUT_MS)
            box.click()
            box.fill(label)

        option = page.get_by_role("option", name=label, exact=True)
        link = '[data-testid="stMain"] a[href="#fig-{}"]'  # the chosen figure's details link down to it
        shows = ((link.format(fid), None, True), (link.format(other), None, False))
        changes.append(Change(f"pick the figure {fid}", option.click, shows, search))
    return "/reader", changes


WIDGETS = {  # result key -> the widget's changes on its page
    "dashboard": _filter_change,  # the sidebar's Metric type filter, on the Overview
    "compare": _indicator_change,
    "reader": _figure_change,
}


def dashboard(browser, env: dict, runs: int, want: Expected) -> dict[str, dict]:
    """Each widget of WIDGETS on one server, each in a tab (a session) of its own."""
    srv = Server("dashboard.py", env).start()
    ctx = browser.new_context()
    out = {}
    try:
        srv.wait_healthy(timeout=300)
        for key, widget in WIDGETS.items():
            page = ctx.new_page()
            path, changes = widget(page, want)
            _open(page, srv.url(path), timeout_ms=600_000)
            data = env.get("METRICS_FILE", "data/metrics.yaml")
            timed = _measure(page, f"dashboard {path} on {data}", changes, runs, srv)
            page.keyboard.press("Escape")
            out[key] = {**timed, "load": _loads(page, srv.url(path), runs)}
            page.close()
        return out
    finally:
        ctx.close()
        srv.stop()


def floor(browser, runs: int) -> dict:
    srv = Server("bench/floor_page.py").start()
    ctx = browser.new_context()
    try:
        srv.wait_healthy()
        page = ctx.new_page()
        _open(page, srv.url("/"))
        box = page.locator('.st-key-floor_rows input[role="combobox"]')
        changes = [
            Change(
                f"choose {n} rows",
                lambda n=n: page.get_by_role("option", name=f"{n} rows", exact=True).click(),
                (('[data-testid="stMain"] [data-testid="stCaptionContainer"]', f"{n} rows shown", True),),
                box.click,
            )
            for n in (50, 100)
        ]
        timed = _measure(page, "floor page", changes, runs, srv)
        return {**timed, "load": _loads(page, srv.url("/"), runs)}
    finally:
        ctx.close()
        srv.stop()


def _loads(page, url: str, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        _open(page, url)
        out.append(time.perf_counter() - t)
    return out


def datasette(browser, metrics: str, runs: int, type_id: str = "funding") -> dict:
    """Datasette on the store itself (store.build, then the store's file): what Datasette opens now."""
    from loaders import store

    db = store.build(metrics).path.resolve()  # up to date already (expected() ensured it): nothing is rebuilt
    with tempfile.TemporaryDirectory(prefix="bench-datasette-") as tmp:
        port = _free_port()
        cmd = [str(Path(sys.executable).with_name("datasette")), "serve", str(db), "--port", str(port)]
        cmd += ["--host", "127.0.0.1", "--setting", "facet_time_limit_ms", "10000"]
        cmd += ["--setting", "sql_time_limit_ms", "10000"]
        proc = subprocess.Popen(cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ctx = browser.new_context()
        try:
            base = f"http://127.0.0.1:{port}/{db.stem}/figures_full?_facet=type"  # Datasette names it by its file
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
                link = page.locator(".facet-info a").filter(has_text=type_id).first
                t = time.perf_counter()
                link.click()
                try:  # the new document, not the old one's load state: its address has the facet
                    page.wait_for_url(lambda u: f"type={type_id}" in u, wait_until="load", timeout=TIMEOUT_MS)
                except Exception as exc:  # noqa: BLE001 - playwright's TimeoutError, with the address seen
                    msg = f"datasette: the facet {type_id}: not loaded within {TIMEOUT_MS / 1000:.0f} s; at {page.url}"
                    raise ChangeTimeout(msg) from exc
                took = time.perf_counter() - t
                if k:
                    times.append(took)
                page.goto(base, wait_until="load")
            actions = [f"follow the facet link type={type_id}"] * len(times)
            loads = []
            for _ in range(runs):
                t = time.perf_counter()
                page.goto(base, wait_until="load")
                loads.append(time.perf_counter() - t)
            return {"change": times, "actions": actions, "load": loads}
        finally:
            ctx.close()
            proc.terminate()
            proc.wait(timeout=20)


def run(paths: dict[int, str], runs: int) -> dict:
    """paths: scale -> metrics.yaml. The floor page once; the dashboard's widgets and Datasette at each scale.

    Keys: floor, then per scale "dashboard Nx" (the filter), "compare Nx", "reader Nx", "datasette Nx".
    """
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            out["floor"] = floor(browser, runs)
            for scale, path in paths.items():
                want = expected(path)
                for key, result in dashboard(browser, {"METRICS_FILE": path}, runs, want).items():
                    out[f"{key} {scale}x"] = result
                out[f"datasette {scale}x"] = datasette(browser, path, runs, want.type_id)
        finally:
            browser.close()
    return out


def medians(results: dict) -> dict[str, dict[str, float]]:
    return {k: {m: statistics.median(v[m]) for m in ("change", "load") if v.get(m)} for k, v in results.items()}
