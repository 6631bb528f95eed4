"""The focused review in a real browser: keys decide, Enter in a field accepts with the edit, nothing is lost.

A curator reviews the fixture's six proposals with the keyboard (typing only the English labels), saves, and
the file holds exactly those decisions; the English labels saved are learnt, so drafting the same label in
another text proposes them.
"""

from __future__ import annotations

import re
import sys

import pytest
from browser_support import ROOT, main, wait_ready
from playwright.sync_api import Page, expect
from test_curate import WAIT, CurateServer

sys.path.insert(0, str(ROOT / "tests"))
import curation_data as cd  # noqa: E402

from curation import figure_file  # noqa: E402
from loaders import glossary as learnt  # noqa: E402


@pytest.fixture
def data(tmp_path):
    metrics, _ = cd.make(tmp_path)
    return metrics


def _progress(page: Page, done: int, total: int = 6) -> None:
    expect(main(page).get_by_text(f"{done} of {total} reviewed")).to_be_visible(timeout=WAIT)
    wait_ready(page)


def _focused(page: Page, rid: str) -> None:
    expect(main(page).get_by_test_id("stMarkdown").filter(has_text=f"{rid} ·").first).to_be_visible(timeout=WAIT)
    wait_ready(page)


def _pick_source(page: Page) -> None:
    box = main(page).get_by_test_id("stSelectbox").filter(has_text="Source").first
    for attempt in range(3):  # a rerun may re-mount the select while it opens
        box.get_by_role("combobox").click()
        page.keyboard.type(cd.SOURCE)
        page.keyboard.press("Enter")
        wait_ready(page)
        try:
            expect(box.get_by_role("combobox")).to_have_value(re.compile(f"^{cd.SOURCE} ·"), timeout=5_000)
            return
        except AssertionError:
            if attempt == 2:
                raise


def _key(page: Page, key: str) -> None:
    main(page).get_by_test_id("stProgress").click()  # the focus out of any field: a key is a decision, not text
    page.keyboard.press(key)


def test_review_by_keyboard_then_save_and_the_glossary_learns(new_page, data, tmp_path, request):
    figures = data.parent / "figures" / f"{cd.SOURCE}.yaml"
    env = {"METRICS_FILE": str(data), "CURATE_DRAFTER": "drafting.write", "PYTHONPATH": str(ROOT / "tests")}
    srv = CurateServer(tmp_path / "curate.log", env=env).start()
    request.node._servers = [srv]
    try:
        page = new_page(new_page.context())
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(srv.url("/curate"), wait_until="domcontentloaded")
        wait_ready(page, "Curate")
        _pick_source(page)
        _progress(page, 0)
        # fix: a click into the field, the label typed, Enter accepts the proposal with it and moves on
        _focused(page, "fxc-stations")
        field = main(page).get_by_label("Label (English)")
        field.click()
        field.fill("Party-mass service stations")
        field.press("Enter")
        _progress(page, 1)
        _focused(page, "fxc-grid-workers")
        field = main(page).get_by_label("Label (English)")
        field.fill("Grid workers")
        field.press("Enter")
        _progress(page, 2)
        _focused(page, "fxc-relief")
        field = main(page).get_by_label("Label (English)")
        field.fill("Relief funds")
        field.press("Enter")
        _progress(page, 3)
        _focused(page, "fxc-teams")
        _key(page, "x")  # reject the blank with the first reason of the picker
        _progress(page, 4)
        _focused(page, "fxc-activities")
        _key(page, "p")  # previous: back to the rejected one, then next skips it (decided)
        _focused(page, "fxc-teams")
        _key(page, "n")
        _focused(page, "fxc-activities")
        field = main(page).get_by_label("Label (English)")
        field.fill("Activities")
        field.press("Enter")
        _progress(page, 5)
        _focused(page, "fxc-people")
        field = main(page).get_by_label("Label (English)")
        field.fill("Participants")
        field.press("Enter")
        _progress(page, 6)
        main(page).get_by_role("button", name="Save", exact=True).click()
        expect(main(page).get_by_text("Glossary (glossary.yaml): learnt 5 English label(s).")).to_be_visible(
            timeout=WAIT
        )
    finally:
        srv.stop()
    saved = figure_file.read(figures)
    rows = {r["id"]: r for r in saved.metrics}
    assert set(rows) == {"fxc-stations", "fxc-grid-workers", "fxc-relief", "fxc-activities", "fxc-people"}
    assert not any(r.get("draft") for r in rows.values())
    assert rows["fxc-stations"]["label_en"] == "Party-mass service stations"
    assert [(r["quote"], r["reason"]) for r in saved.rejected] == [("共组建志愿服务队个", "not a figure of this place")]
    assert learnt.read(data).entries["网格员"] == "Grid workers"


def test_the_tables_state_cell_does_not_change_under_the_arrow_keys(new_page, data, tmp_path, request):
    from test_curate import HEADER_PX, ROW_PX, _grid

    figures = data.parent / "figures" / f"{cd.SOURCE}.yaml"
    before = figures.read_bytes()
    srv = CurateServer(tmp_path / "curate.log", env={"METRICS_FILE": str(data)}).start()
    request.node._servers = [srv]
    try:
        page = new_page(new_page.context())
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(srv.url("/curate"), wait_until="domcontentloaded")
        wait_ready(page, "Curate")
        _pick_source(page)
        main(page).get_by_test_id("stButtonGroup").get_by_text("Table", exact=True).click()
        wait_ready(page)
        _grid(page).scroll_into_view_if_needed()
        box = _grid(page).bounding_box()
        for _ in range(2):  # a click on the selected cell, then another: once this opened the state's menu
            page.mouse.click(box["x"] + 12, box["y"] + HEADER_PX + ROW_PX / 2)
        page.mouse.dblclick(box["x"] + 12, box["y"] + HEADER_PX + ROW_PX / 2)
        for key in ("ArrowDown", "ArrowDown", "Enter"):
            page.keyboard.press(key)
        wait_ready(page)
        expect(main(page).get_by_text("0 of 6 reviewed")).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_text("unsaved change(s)")).to_have_count(0)
        main(page).get_by_role("button", name="Save", exact=True).click()
        expect(main(page).get_by_text("Nothing to save: no change.")).to_be_visible(timeout=WAIT)
    finally:
        srv.stop()
    assert figures.read_bytes() == before


def test_selecting_a_row_of_the_overview_focuses_that_proposal(new_page, data, tmp_path, request):
    from test_curate import HEADER_PX, ROW_PX, _grid

    srv = CurateServer(tmp_path / "curate.log", env={"METRICS_FILE": str(data)}).start()
    request.node._servers = [srv]
    try:
        page = new_page(new_page.context())
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(srv.url("/curate"), wait_until="domcontentloaded")
        wait_ready(page, "Curate")
        _pick_source(page)
        _focused(page, "fxc-stations")
        _grid(page).scroll_into_view_if_needed()
        box = _grid(page).bounding_box()
        row = [d["id"] for d in cd.DRAFTS].index("fxc-relief")
        page.mouse.click(box["x"] + 12, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX / 2)  # its row marker
        _focused(page, "fxc-relief")
        expect(main(page).get_by_label("Label (Chinese)")).to_have_value("慰问金", timeout=WAIT)
    finally:
        srv.stop()
