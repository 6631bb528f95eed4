"""Filters changed in the UI update the page and the address; the address alone reproduces the view."""

from __future__ import annotations

import re

import pytest
from browser_support import PAGES, chart_signature, open_page, poll, query_of, sidebar, title, wait_ready
from playwright.sync_api import expect

CITY = ("jining", "Jining · 济宁")


@pytest.mark.parametrize("name", ["overview", "compare"])
def test_city_filter_updates_chart_and_address(server, new_page, name):
    page = new_page()
    open_page(page, server, name)
    before = chart_signature(page)
    city = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text="City")
    city.locator("input").click()
    page.get_by_role("option", name=CITY[1]).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(rf"city={CITY[0]}"))
    wait_ready(page, PAGES[name][2])
    after = poll(lambda: (sig := chart_signature(page)) != before and sig)
    assert after, "the chart did not change after picking a city"
    assert "Guangzhou" not in str(after) and "Jining" in str(after)
    assert query_of(page)["city"] == CITY[0]
    if PAGES[name][1]:  # the page's own parameters stay in the address
        key, value = PAGES[name][1].split("=")
        assert query_of(page)[key] == value

    shared = new_page(new_page.context())  # someone else opens the copied address
    shared.goto(page.url, wait_until="domcontentloaded")
    wait_ready(shared, PAGES[name][2])
    expect(sidebar(shared).get_by_test_id("stMultiSelect").filter(has_text="City")).to_contain_text(CITY[1])
    assert poll(lambda: chart_signature(shared) == after), "the shared address shows a different chart"


@pytest.mark.parametrize("name", ["overview", "compare"])
def test_language_radio_updates_title_and_address(server, new_page, name):
    page = new_page()
    open_page(page, server, name)
    sidebar(page).get_by_test_id("stRadio").get_by_text("中文").click()
    page.wait_for_url(re.compile(r"lang=zh"))
    wait_ready(page, PAGES[name][3])
    expect(sidebar(page).get_by_test_id("stSidebarNav")).to_contain_text(PAGES["data"][3])
    zh_chart = chart_signature(page)
    assert re.search(r"[\u4e00-\u9fff]", str(zh_chart))

    shared = new_page(new_page.context())  # someone else opens the copied address
    shared.goto(page.url, wait_until="domcontentloaded")
    wait_ready(shared, PAGES[name][3])
    expect(title(shared)).to_have_text(PAGES[name][3])
    expect(sidebar(shared).get_by_role("radio", name="中文")).to_be_checked()
    assert poll(lambda: chart_signature(shared) == zh_chart)
