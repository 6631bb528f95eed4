"""Chinese renders with a real CJK font, not boxes (tofu)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from browser_support import IN_CI, INSTALL_HINT, main, open_page, sidebar, title

LEAF = "xpath=descendant-or-self::*[not(*)]"
CJK_FAMILY = re.compile(r"CJK|Source Han|WenQuanYi|Droid Sans Fallback|Noto Sans (SC|TC|JP|KR)|AR PL", re.I)


def platform_fonts(page, locator) -> list[dict]:
    """The fonts Chromium actually used to draw a node's text (DevTools CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]["nodeId"]
        locator.evaluate("e => e.setAttribute('data-font-probe', '1')")
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-font-probe]"})["nodeId"]
        locator.evaluate("e => e.removeAttribute('data-font-probe')")
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


@pytest.fixture(scope="module")
def cjk_font() -> str:
    """The family fontconfig gives Chinese text; without a CJK font: fail under CI, skip elsewhere."""
    fc = shutil.which("fc-match")
    family = (
        fc and subprocess.run([fc, "-f", "%{family}", "sans-serif:lang=zh-cn"], capture_output=True, text=True).stdout
    )
    if not family or not CJK_FAMILY.search(family):
        problem = f"no CJK font for Chinese (fontconfig: {family or 'fc-match missing'!r}); {INSTALL_HINT}"
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    return family


def test_fontconfig_has_a_cjk_font(cjk_font):
    assert CJK_FAMILY.search(cjk_font)


def test_chinese_is_drawn_with_a_cjk_font(cjk_font, server, page):
    open_page(page, server, "overview", lang="zh")
    page.evaluate("document.fonts.ready")
    targets = {
        "title": title(page),
        "sidebar link": sidebar(page).get_by_test_id("stSidebarNav").get_by_role("link").last.locator("span").last,
        # SVG text: ask about the innermost element (plotly wraps the text in tspans)
        "chart title": main(page).get_by_test_id("stPlotlyChart").first.locator(".gtitle").locator(LEAF).first,
    }
    for name, loc in targets.items():
        loc.wait_for()
        assert re.search(r"[\u4e00-\u9fff]", loc.text_content()), f"{name} has no Chinese: {loc.text_content()!r}"
        fonts = platform_fonts(page, loc)
        cjk = [f for f in fonts if CJK_FAMILY.search(f["familyName"]) and f["glyphCount"] > 0]
        assert cjk, f"{name} ({loc.text_content()!r}) is drawn with {fonts}, none of them a CJK font"


def test_ideographs_are_distinct_glyphs_not_boxes(cjk_font, server, page):
    """With the page's own font, two different ideographs give two different bitmaps, neither a missing-glyph box."""
    open_page(page, server, "overview", lang="zh")
    result = title(page).evaluate(
        """h1 => {
            const font = getComputedStyle(h1).font;
            const draw = (s) => {
                const c = document.createElement('canvas');
                c.width = 64; c.height = 64;
                const ctx = c.getContext('2d');
                ctx.font = font.replace(/\\d+(\\.\\d+)?px/, '40px');
                ctx.fillText(s, 4, 48);
                return [c.toDataURL(), ctx.measureText(s).width];
            };
            const [a, wa] = draw('概'), [b, wb] = draw('览'), [tofu, wt] = draw('\\u{10FFFD}');
            return {font, distinct: a !== b, a_is_tofu: a === tofu, b_is_tofu: b === tofu, wa, wb, wt};
        }"""
    )
    assert result["distinct"] and not result["a_is_tofu"] and not result["b_is_tofu"], result
    # CJK ideographs are full-width: one em each.
    assert abs(result["wa"] - 40) <= 4 and abs(result["wb"] - 40) <= 4, result
