"""20 sessions at once against one new server: every page renders fully and the server logs no error.

The 20 deep links are the server's first requests: sessions that start together, before any of them has
run the entry, must each still get the entry's navigation and the filters in their address."""

from __future__ import annotations

import re
import time

import pytest
from browser_support import PAGES, expect_content, expect_navigation, query_of, wait_ready

N = 20
USERS = 4  # browser contexts, 5 tabs each; every tab is its own Streamlit session
TIMEOUT_MS = 120_000
# it times 20 sessions against one server: make test runs it after the parallel phase, with both cores
pytestmark = pytest.mark.alone


def test_twenty_pages_at_once(fresh_server, new_page):
    server = fresh_server()
    names = [list(PAGES)[i % len(PAGES)] for i in range(N)]
    users = [new_page.context() for _ in range(USERS)]
    pages = [new_page(users[i % USERS]) for i in range(N)]
    started = time.monotonic()
    # Start every navigation before waiting for any: the sessions load and run side by side.
    for page, name in zip(pages, names, strict=True):
        path, query, _en, _zh = PAGES[name]
        page.goto(server.url(path, query), wait_until="commit")
    for page, name in zip(pages, names, strict=True):
        wait_ready(page, PAGES[name][2], timeout=TIMEOUT_MS)
        expect_navigation(page, timeout=TIMEOUT_MS)
        expect_content(page, name, timeout=TIMEOUT_MS)
        assert query_of(page).items() >= dict(p.split("=") for p in PAGES[name][1].split("&") if p).items()
        assert not page.errors, (name, page.errors)
    elapsed = time.monotonic() - started
    log = server.log()
    bad = [line for line in log.splitlines() if re.search(r"Error|Traceback|Exception", line)]
    assert not bad, "\n".join(bad)
    assert elapsed < TIMEOUT_MS / 1000, f"{N} pages took {elapsed:.0f}s"
