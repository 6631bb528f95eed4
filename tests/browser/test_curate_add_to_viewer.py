"""Figures added from the text, reviewed by keyboard, saved, then seen on the viewer's pages of the same server.

The drafter proposed nothing for the fixture text (its figure file is empty); the learnt glossary already knows
网格员 (an earlier text's save taught it). A curator makes two rows from the uncovered-numbers list and one from a
pasted quote: the glossary's English arrives in the first; the second gets its labels typed; the third is
accepted without English (issue 20: a reviewed figure may lack one; the page says so, Save writes it). The Source
reader then marks exactly the three figures, the first two labelled in English, the third by its Chinese label
marked "(untranslated)", never an empty label.
"""

from __future__ import annotations

import re
import sys

import pytest
from browser_support import ROOT, main, wait_ready
from playwright.sync_api import Page, expect
from test_curate import WAIT, CurateServer
from test_curate_review import _key, _pick_source, _progress

sys.path.insert(0, str(ROOT / "tests"))
import curation_data as cd  # noqa: E402

from curation import figure_file  # noqa: E402
from curation import glossary as learning  # noqa: E402
from loaders import glossary as learnt  # noqa: E402


@pytest.fixture
def data(tmp_path):
    metrics, _ = cd.make(tmp_path, drafts=[])
    learning.learn(metrics, {"网格员": "Grid workers"})
    return metrics


def _make_row_of(page: Page, digits: str) -> None:
    """Click "Make a row of this" beside the uncovered number `digits` (its button's key names its offset)."""
    page.wait_for_timeout(700)  # the focused sentence scrolls into view 300 ms after a rerun: not mid-scroll
    expander = main(page).get_by_test_id("stExpander").filter(has_text="Numbers in the text that no row covers")
    if not expander.get_by_role("button", name="Make a row of this").first.is_visible():
        expander.get_by_text("Numbers in the text that no row covers").click()
    expander.locator(f".st-key-curate_make_digits_{cd.TEXT.index(digits)}").get_by_role("button").click()


def _unsaved(page: Page) -> int:
    text = main(page).get_by_text(re.compile(r"^\d+ unsaved change")).first.inner_text()
    return int(text.split()[0])


def _titles(page: Page) -> dict[str, str]:
    """Figure id -> the hover text of its mark in the reader's text ("label [id]: value · status")."""
    titles = main(page).locator(".reader mark[title]").evaluate_all("ms => ms.map(m => m.title)")
    out = {}
    for t in titles:
        for line in t.split("\n"):
            m = re.match(r"(.*) \[([^\]]+)\]: ", line)
            if m:
                out[m.group(2)] = m.group(1)
    return out


def test_rows_made_from_the_text_are_saved_and_the_viewer_shows_them_labelled(new_page, data, tmp_path, request):
    figures = data.parent / "figures" / f"{cd.SOURCE}.yaml"
    srv = CurateServer(tmp_path / "curate.log", env={"METRICS_FILE": str(data)}).start()
    request.node._servers = [srv]
    try:
        page = new_page(new_page.context())
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(srv.url("/curate"), wait_until="domcontentloaded")
        wait_ready(page, "Curate")
        _pick_source(page)

        # 1/ from the uncovered list: 45 网格员, whose English the learnt glossary knows; Enter accepts it
        _make_row_of(page, "45")
        _progress(page, 0, 1)
        expect(main(page).get_by_label("Label (Chinese)")).to_have_value("网格员", timeout=WAIT)
        field = main(page).get_by_label("Label (English)")
        expect(field).to_have_value("Grid workers", timeout=WAIT)  # arrived translated: nothing to type
        field.press("Enter")
        _progress(page, 1, 1)

        # 2/ from the uncovered list: 3.5 万元, the drafter's label renamed, the English unknown to
        # the glossary typed; E keeps the edits undecided, A then accepts the row with them
        _make_row_of(page, "3.5")
        _progress(page, 1, 2)
        zh = main(page).get_by_label("Label (Chinese)")
        expect(zh).to_have_value("慰问金", timeout=WAIT)  # the counted noun, without its verb
        zh.fill("节日慰问金")  # the curator names it more precisely: one change
        field = main(page).get_by_label("Label (English)")
        expect(field).to_have_value("", timeout=WAIT)
        field.fill("Relief funds")
        before = _unsaved(page)
        _key(page, "e")
        expect(main(page).get_by_text(f"{before + 2} unsaved change(s).").first).to_be_visible(timeout=WAIT)
        _progress(page, 1, 2)  # still undecided, still in focus
        expect(main(page).get_by_label("Label (English)")).to_have_value("Relief funds")
        _key(page, "a")
        _progress(page, 2, 2)

        # 3/ from a pasted quote; accepted (A) with no English: a notice says how the viewer will show it, and
        # Save writes it as it is (label_en empty)
        main(page).get_by_text("Add a figure from a quote").click()
        main(page).get_by_label("Quote (typed or pasted").fill("参与群众近2000人次")
        main(page).get_by_test_id("stForm").filter(has=page.get_by_label("Quote (typed or pasted")).get_by_role(
            "button", name="Make a row of this"
        ).click()
        _progress(page, 2, 3)
        expect(main(page).get_by_label("Label (Chinese)")).to_have_value("参与群众", timeout=WAIT)
        expect(main(page).get_by_label("Label (English)")).to_have_value("", timeout=WAIT)
        _key(page, "a")
        _progress(page, 3, 3)
        notice = "Accepted figures without an English label: 1. The English pages will show their Chinese label"
        expect(main(page).get_by_text(notice)).to_be_visible(timeout=WAIT)
        main(page).get_by_role("button", name="Save", exact=True).click()
        expect(main(page).get_by_text(re.compile("^Saved "))).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_text("Glossary (glossary.yaml): learnt 1 English label(s).")).to_be_visible()
        wait_ready(page)

        saved = {r["label_zh"]: r for r in figure_file.read(figures).metrics}
        assert {zh: (r["value"], r["label_en"], r.get("draft")) for zh, r in saved.items()} == {
            "网格员": (45, "Grid workers", None),
            "节日慰问金": (3.5, "Relief funds", None),
            "参与群众": (2000, "", None),
        }
        grid, relief, people = (saved[zh]["id"] for zh in ("网格员", "节日慰问金", "参与群众"))

        # 4/ the viewer's Source reader, on the same server, without drafts=1: exactly the three figures, the
        # untranslated one by its Chinese label marked, in its hover and its details (never an empty label)
        page.goto(srv.url("/reader", f"source={cd.SOURCE}&id={people}"), wait_until="domcontentloaded")
        wait_ready(page, "Source reader")
        anchors = main(page).locator(".reader .fig-anchor")
        expect(anchors).to_have_count(3, timeout=WAIT)
        assert {a.get_attribute("id") for a in anchors.all()} == {f"fig-{grid}", f"fig-{relief}", f"fig-{people}"}
        assert _titles(page) == {
            grid: "Grid workers · 网格员",
            relief: "Relief funds · 节日慰问金",
            people: "参与群众 (untranslated)",
        }
        expect(main(page).locator("dd", has_text="参与群众 (untranslated)")).to_be_visible()  # its details
    finally:
        srv.stop()
    assert learnt.read(data).entries == {"网格员": "Grid workers", "节日慰问金": "Relief funds"}
