"""The click benchmark's done signal, on the floor page: it ends on the new content, never before, never hangs."""

from __future__ import annotations

import pytest

from bench import interaction
from bench.browser import Server

CAPTION = '[data-testid="stMain"] [data-testid="stCaptionContainer"]'


@pytest.fixture(scope="module")
def floor_page(browser):
    srv = Server("bench/floor_page.py").start()
    ctx = browser.new_context()
    try:
        srv.wait_healthy()
        page = ctx.new_page()
        interaction._open(page, srv.url("/"))
        yield page, srv
    finally:
        ctx.close()
        srv.stop()


def choose(page, rows: int, shows=None) -> interaction.Change:
    box = page.locator('.st-key-floor_rows input[role="combobox"]')
    return interaction.Change(
        f"choose {rows} rows",
        lambda: page.get_by_role("option", name=f"{rows} rows", exact=True).click(),
        shows or ((CAPTION, f"{rows} rows shown", True),),
        box.click,
    )


def test_a_timed_change_ends_with_the_new_content_shown_and_the_script_finished(floor_page):
    page, srv = floor_page
    for rows in (50, 100, 50):  # back and forth: fast reruns that may never show the 'running' state
        took = interaction._timed(page, "floor page", choose(page, rows), srv)
        assert 0 < took < interaction.TIMEOUT_MS / 1000
        assert page.locator(CAPTION).inner_text() == f"{rows} rows shown"
        assert page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state") == "notRunning"


def test_content_that_never_comes_fails_naming_the_target_and_the_change(floor_page, monkeypatch):
    page, srv = floor_page
    monkeypatch.setattr(interaction, "TIMEOUT_MS", 3000)
    never = choose(page, 100 if "50" in page.locator(CAPTION).inner_text() else 50, ((CAPTION, "7 rows shown", True),))
    with pytest.raises(interaction.ChangeTimeout, match=r"^floor page: choose \d+ rows: not done within 3 s"):
        interaction._timed(page, "floor page", never, srv)
    page.keyboard.press("Escape")


def test_content_already_shown_before_the_change_is_refused_rather_than_timed_at_zero(floor_page):
    page, srv = floor_page
    now = page.locator(CAPTION).inner_text()  # e.g. "50 rows shown": waiting for it would end at once
    stale = choose(page, 100, ((CAPTION, now, True),))
    with pytest.raises(RuntimeError, match="shown before the change"):
        interaction._timed(page, "floor page", stale, srv)
    page.keyboard.press("Escape")
