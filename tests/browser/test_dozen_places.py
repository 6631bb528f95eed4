"""The viewer with a dozen places from four sources (tests/factories.py: dozen): in a real browser, no two
axis labels of a chart overlap, the log axis's tick labels are apart, and the pictures are kept to be looked at
(tests/artifacts/dozen_*.png)."""

from __future__ import annotations

import factories
import pytest
from browser_support import ARTIFACTS, main, open_page, wait_still
from playwright.sync_api import expect

BOXES = """(sel) => Array.from(document.querySelectorAll(sel))
    .filter(e => e.textContent.trim() && e.getBoundingClientRect().width > 0)
    .map(e => { const r = e.getBoundingClientRect();
                return {text: e.textContent, x: r.x, y: r.y, w: r.width, h: r.height}; })"""


def overlaps(boxes: list[dict], gap: float = 2.0) -> list[tuple[str, str]]:
    """Pairs of labels closer than gap pixels (or intersecting): text that runs into other text."""
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > -gap and dy > -gap:
                out.append((a["text"], b["text"]))
    return out


@pytest.fixture(scope="module")
def dozen_server(tmp_path_factory):
    from browser_support import Server

    path = factories.dozen(tmp_path_factory.mktemp("dozen"))
    srv = Server(tmp_path_factory.mktemp("server") / "dozen.log", env={"METRICS_FILE": str(path)}).start()
    try:
        yield srv
    finally:
        srv.stop()


def _shoot(page, name: str) -> None:
    page.evaluate("document.fonts.ready")
    for chart in main(page).get_by_test_id("stPlotlyChart").all():
        expect(chart.locator(".main-svg").first).to_be_visible()
    page.mouse.move(0, 0)
    wait_still(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dozen_{name}.png"))


@pytest.mark.parametrize("query", ["", "type=service_centers", "lang=zh"])
def test_compare_labels_and_ticks_never_overlap(dozen_server, page, query):
    page.set_viewport_size({"width": 1400, "height": 1800})  # the whole chart in the picture
    open_page(page, dozen_server, "compare", query=query, lang="zh" if "zh" in query else "en")
    _shoot(page, "compare" + (f"_{query.replace('=', '_')}" if query else ""))
    chart = main(page).get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".main-svg").first).to_be_visible()
    y_labels = page.evaluate(BOXES, '[data-testid="stPlotlyChart"] .yaxislayer-above text')
    assert len(y_labels) >= 12, y_labels  # a label per place row, and the groups
    assert overlaps(y_labels) == []
    x_ticks = page.evaluate(BOXES, '[data-testid="stPlotlyChart"] .xaxislayer-above text')
    assert x_ticks and overlaps(x_ticks) == []


@pytest.mark.parametrize("name", ["overview", "gaps"])
def test_other_pages_with_a_dozen_places(dozen_server, page, name):
    page.set_viewport_size({"width": 1400, "height": 1800})
    open_page(page, dozen_server, name, query="")
    _shoot(page, name)
    y_labels = page.evaluate(BOXES, '[data-testid="stPlotlyChart"] .yaxislayer-above text')
    assert overlaps(y_labels) == []
