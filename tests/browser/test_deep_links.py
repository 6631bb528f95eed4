"""Every page opened by its address as the first request on a new server: own title, content, navigation."""

from __future__ import annotations

import pytest
from browser_support import PAGES, expect_content, expect_navigation, open_page, query_of, wait_ready
from playwright.sync_api import expect


@pytest.mark.parametrize("name", list(PAGES))
def test_deep_link_is_first_request_on_fresh_server(fresh_server, page, name):
    srv = fresh_server()
    path, query, en, _zh = PAGES[name]
    open_page(page, srv, name)
    expect_navigation(page)
    expect_content(page, name)
    # The address keeps the view it was opened with, and nothing in it was rejected.
    expected = dict(p.split("=") for p in query.split("&")) if query else {}
    assert query_of(page).items() >= expected.items(), page.url
    expect(page.get_by_text("Ignored in the address")).to_have_count(0)
    assert page.url.split("?")[0].rstrip("/") == srv.url(path).rstrip("/")
    assert not page.errors, page.errors


def test_every_page_in_chinese(server, page):
    for name in PAGES:
        open_page(page, server, name, lang="zh")
        expect_navigation(page, "zh")
        assert query_of(page).get("lang") == "zh"


def test_reload_keeps_page_and_view(server, page):
    open_page(page, server, "compare")
    page.reload(wait_until="domcontentloaded")
    wait_ready(page, PAGES["compare"][2])
    assert query_of(page).get("type") == "funding"
