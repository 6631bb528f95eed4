"""Blank figures are visibly marked, never drawn as 0: "not in source" on Compare, 【?】 on Gaps."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from browser_support import GAP_MARK, NOT_IN_SOURCE, PAGES, grid_rows, main, open_page, poll, query_of, wait_ready
from playwright.sync_api import expect

BLANK = "Blank (number deleted)"
PARTIAL = "Partial (digits cut)"
MISSING = "Section missing"


def test_compare_marks_blank_figures_not_in_source(server, page):
    open_page(page, server, "compare")
    chart = main(page).get_by_test_id("stPlotlyChart").first
    expect(chart).to_contain_text(NOT_IN_SOURCE)  # the chart draws a mark, not a bar of 0
    rows = grid_rows(main(page).get_by_test_id("stDataFrame").first)
    blanks = [r for r in rows if BLANK in r.values()]
    assert blanks, f"type=funding has blank figures; the table below the chart shows none: {rows}"
    for r in blanks:
        cells = list(r.values())
        assert any(NOT_IN_SOURCE in c for c in cells), f"blank row without “{NOT_IN_SOURCE}”: {r}"
        assert "0" not in [c.strip() for c in cells], f"blank row shown as 0: {r}"
    reported = [r for r in rows if "Reported" in r.values()]
    assert reported and not any(NOT_IN_SOURCE in c for r in reported for c in r.values())


def test_compare_table_links_each_figure_to_the_reader(server, page):
    open_page(page, server, "compare")
    grid = main(page).get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    grid.locator(".dvn-scroller").first.evaluate("e => { e.scrollLeft = e.scrollWidth; }")  # the last column
    rows = poll(lambda: (found := grid_rows(grid)) and "In the text" in found[0] and found)
    links = [r.get("In the text", "") for r in rows or []]  # the address behind each "open in reader"
    # each link names the figure's own source, so the reader opens that text
    pattern = r"reader\?source=[a-z0-9_-]+&type=funding&id=[a-z0-9-]+"
    assert rows and all(re.fullmatch(pattern, link) for link in links), rows
    row, link = next((r, link) for r, link in zip(rows, links, strict=True) if BLANK in r.values())
    page.goto(urljoin(page.url, link), wait_until="domcontentloaded")  # where the relative address leads
    wait_ready(page, PAGES["reader"][2])
    source = link.split("source=", 1)[1].split("&", 1)[0]
    assert query_of(page) == {"source": source, "type": "funding", "id": link.rsplit("=", 1)[1]}
    expect(main(page)).to_contain_text(row["Quote"])  # the reader opened at that figure


def test_gaps_lists_blank_figures_with_marker(server, page):
    open_page(page, server, "gaps")
    main(page).locator(".st-key-w_only_blanks").get_by_text("Only blanks").click()
    page.wait_for_url(re.compile(r"only_blanks=1"))
    wait_ready(page, PAGES["gaps"][2])
    assert query_of(page).get("only_blanks") == "1"
    # The listing is the table right after the toggle.
    listing = page.locator('.st-key-w_only_blanks ~ [data-testid="stElementContainer"]').get_by_test_id("stDataFrame")
    rows = grid_rows(listing.first)
    statuses = [next((v for v in r.values() if v in (BLANK, PARTIAL, MISSING, "Reported")), None) for r in rows]
    assert "Reported" not in statuses, rows
    blanks = [r for r, s in zip(rows, statuses, strict=True) if s in (BLANK, PARTIAL)]
    assert blanks, f"no blank figure in the listing: {rows}"
    for r in blanks:
        assert any(GAP_MARK in c for c in r.values()), f"blank figure without {GAP_MARK}: {r}"
