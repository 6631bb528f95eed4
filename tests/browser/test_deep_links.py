"""Every page opened by its address as the first request on a new server: own title, content, navigation."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import PAGES, expect_content, expect_navigation, open_page, query_of, wait_ready
from playwright.sync_api import expect

MANY_SOURCES = Path(__file__).resolve().parents[1] / "fixtures" / "many_sources" / "metrics.yaml"


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


def test_the_default_page_answers_under_its_own_name(fresh_server, page):
    srv = fresh_server()
    page.goto(srv.url("/overview"), wait_until="domcontentloaded")
    wait_ready(page, PAGES["overview"][2])
    expect_content(page, "overview")
    expect_navigation(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    assert not page.errors, page.errors


def test_reader_deep_link_opens_the_second_sources_text_at_its_figure(fresh_server, page):
    srv = fresh_server({"METRICS_FILE": str(MANY_SOURCES)})
    page.goto(srv.url("/reader", "source=fx-survey&id=fxb-dong-workers"), wait_until="domcontentloaded")
    wait_ready(page, PAGES["reader"][2])
    body = page.get_by_test_id("stMain")
    expect(body).to_contain_text("东街道下辖社区8个", timeout=30_000)  # the survey's text
    expect(body).not_to_contain_text("把服务送到家门口")  # not the forum's
    expect(page.locator("#fig-fxb-dong-workers")).to_have_count(1)  # the figure's anchor, scrolled to
    chosen = page.locator('mark[data-fig~="fxb-dong-workers"]')
    expect(chosen.first).to_be_visible()
    assert "".join(chosen.all_inner_texts()) == "每个社区配备专职工作者2名"  # the quote, split around its number
    assert "1a202c" in (chosen.first.get_attribute("style") or "")  # drawn as the chosen figure
    assert query_of(page).get("source") == "fx-survey" and query_of(page).get("id") == "fxb-dong-workers"
    assert not page.errors, page.errors
