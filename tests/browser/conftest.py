"""Real-browser fixtures: the real `streamlit run` on a free loopback port, Debian's chromium, screenshots.

Every failure report carries the server's own log; every failing test leaves a screenshot per open page
in tests/artifacts/. Outside CI a missing chromium skips these tests with the install line; under CI=true
it fails them (and any other skip of a browser test is turned into a failure).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, CHROMIUM, IN_CI, INSTALL_HINT, LAUNCH_ARGS, ROOT, Server

# The screenshot run is a tool (`make screenshots`), not a check: collected only when asked for, so that
# a normal run neither skips it nor rewrites the pictures.
collect_ignore = [] if os.environ.get("SCREENSHOTS") == "1" else ["test_screenshots.py"]


# 1/ BROWSER
@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        if IN_CI:
            pytest.fail(f"{CHROMIUM} missing under CI=true; {INSTALL_HINT}")
        pytest.skip(f"{CHROMIUM} missing; {INSTALL_HINT}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


def _context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    ctx.set_default_timeout(30_000)
    return ctx


@pytest.fixture(scope="module")
def shared_context(browser):
    """One context per module: tabs in it are separate Streamlit sessions, and its cache spares the CPU."""
    ctx = _context(browser)
    yield ctx
    ctx.close()


class Pages:
    """Opens tabs (each its own Streamlit session); remembers them for failure screenshots."""

    def __init__(self, browser, shared):
        self.browser, self.shared = browser, shared
        self.pages, self.contexts = [], []

    def context(self):
        """A new browser context: another person, with no cache or storage in common."""
        ctx = _context(self.browser)
        self.contexts.append(ctx)
        return ctx

    def __call__(self, context=None):
        page = (context or self.shared).new_page()
        page.dialogs = []  # a dialog is never expected: record it and dismiss it so the page does not hang
        page.errors = []
        page.on("dialog", lambda d: (page.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        self.pages.append(page)
        return page

    def close(self):
        for page in self.pages:
            if not page.is_closed():
                page.close()
        for ctx in self.contexts:
            ctx.close()


@pytest.fixture
def new_page(browser, shared_context, request):
    request.node._pages = factory = Pages(browser, shared_context)
    yield factory
    factory.close()


@pytest.fixture
def page(new_page):
    return new_page()


# 2/ SERVERS
def _start(tmp_path_factory, name: str, env: dict | None = None) -> Server:
    log = tmp_path_factory.mktemp("server") / f"{name}.log"
    return Server(log, env=env).start()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for a whole test module (tests that do not care about a fresh process)."""
    srv = _start(tmp_path_factory, "module")
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def fresh_server(tmp_path_factory, request):
    """A factory: start a new server for this test only (deep links must work as the first request)."""
    started: list[Server] = []
    request.node._servers = started

    def start(env: dict | None = None) -> Server:
        srv = _start(tmp_path_factory, f"fresh{len(started)}", env)
        started.append(srv)
        return srv

    try:
        yield start
    finally:
        for srv in started:
            srv.stop()


# 3/ REPORTS: server log in every failure, screenshots, no silent skips under CI
def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _servers_of(item) -> list[Server]:
    found = [v for v in getattr(item, "funcargs", {}).values() if isinstance(v, Server)]
    return found + [s for s in getattr(item, "_servers", []) if s not in found]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if "browser" not in item.keywords:
        return
    if IN_CI and rep.skipped and call.excinfo is not None and call.excinfo.errisinstance(pytest.skip.Exception):
        rep.outcome = "failed"
        rep.longrepr = f"browser test skipped under CI=true (not allowed): {call.excinfo.value}"
    if not rep.failed:
        return
    for srv in _servers_of(item):
        rep.sections.append((f"streamlit server log ({srv.url('/')})", srv.log()[-20_000:]))
    pages = getattr(getattr(item, "_pages", None), "pages", [])
    if pages and rep.when == "call":
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.split("::", 1)[-1])[:120]
        for i, pg in enumerate(pages):
            if pg.is_closed():
                continue
            path = ARTIFACTS / f"failed-{stem}-{i}.png"
            try:
                pg.screenshot(path=str(path), full_page=True, timeout=10_000)
                rep.sections.append(("screenshot", f"{path.relative_to(ROOT)} ({pg.url})"))
            except Exception as exc:  # a crashed page must not hide the real failure
                rep.sections.append(("screenshot", f"could not save {path.name}: {exc}"))


@pytest.fixture(scope="session", autouse=True)
def _fresh_artifacts():
    # Failure screenshots from an earlier run would mislead; `make screenshots` files are kept.
    for png in ARTIFACTS.glob("failed-*.png"):
        png.unlink()
