"""`make screenshots`: each page at 1400x900 as PNG in tests/artifacts/ (collected only with SCREENSHOTS=1)."""

from __future__ import annotations

import pytest
from browser_support import ARTIFACTS, PAGES, main, open_page, wait_still
from playwright.sync_api import expect


@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot(server, page, name):
    open_page(page, server, name)
    page.evaluate("document.fonts.ready")
    for chart in main(page).get_by_test_id("stPlotlyChart").all():
        expect(chart.locator(".main-svg").first).to_be_visible()
    page.mouse.move(0, 0)  # no hover label or tooltip in the picture
    wait_still(page)
    path = ARTIFACTS / f"{name}.png"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
