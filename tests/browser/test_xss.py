"""A hostile metrics file: scripts, onerror images and javascript: links in every label, quote and note
stay text on every page, in both languages."""

from __future__ import annotations

import pytest
from browser_support import PAGES, ROOT, Server, grid_rows, main, wait_ready
from playwright.sync_api import expect

from loaders import bundle

FIXTURE = ROOT / "tests" / "browser" / "fixtures" / "xss" / "metrics.yaml"
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
LINK = "[click](javascript:alert(1))"
VISITS = {
    "overview": "",
    "compare": "",
    "gaps": "only_blanks=1",
    "city": "profile=jia",
    "reader": "id=xss-centres",
    "data": "",
}


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory):
    bundle.build(FIXTURE)  # the fixture itself is valid: a failure here is the fixture's, not the page's
    srv = Server(tmp_path_factory.mktemp("server") / "xss.log", env={"METRICS_FILE": str(FIXTURE)}).start()
    try:
        yield srv
    finally:
        srv.stop()


def assert_inert(page) -> None:
    page.wait_for_load_state("networkidle")  # a broken <img> would have fired its onerror by now
    assert page.dialogs == [], page.dialogs
    found = page.evaluate(
        """() => ({
            xss: typeof window.__xss,
            img: document.querySelectorAll('img[src="x"]').length,
            js_links: [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.href)).length,
            scripts: [...document.scripts].filter(s => s.text.includes('__xss')).length,
        })"""
    )
    assert found == {"xss": "undefined", "img": 0, "js_links": 0, "scripts": 0}, found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(VISITS))
def test_hostile_text_stays_text(xss_server, page, name, lang):
    query = "&".join(q for q in (VISITS[name], "lang=zh" if lang == "zh" else "") if q)
    page.goto(xss_server.url(PAGES[name][0], query), wait_until="domcontentloaded")
    wait_ready(page, PAGES[name][2 if lang == "en" else 3])
    expect(page.get_by_text("The metrics file has problems")).to_have_count(0)
    assert_inert(page)
    body = main(page)
    if name == "data":
        cells = [c for row in grid_rows(body.get_by_test_id("stDataFrame").first) for c in row.values()]
        label = f"{SCRIPT} Centres" if lang == "en" else f"中心 {IMG}"
        assert any(label in c for c in cells), f"the label is not shown verbatim in the table: {cells}"
    if name == "reader":
        expect(body).to_contain_text(f"{SCRIPT}共建成7个{IMG}中心,详见{LINK}")  # the quote, verbatim
    if name == "city" and lang == "en":
        expect(body).to_contain_text(f"Jia {LINK}")
    assert_inert(page)
