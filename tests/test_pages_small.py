"""Every page on the small factory dataset (tests/factories.py): what each shows, from counts we know by heart.

The factory article: 甲市 (a section: a deleted count, 12 secretaries, a deleted year and 3 月, a deleted and a
reported funding floor), 乙市 (a section: 7 centres, a cut number 0余件, 3 lists), 丙县 (announced, no section).
"""

from __future__ import annotations

import pytest
from apptest import html, open_page, plotly_specs, texts

from views.i18n import GAP_MARK

pytestmark = [pytest.mark.app, pytest.mark.smoke]  # every page once: the AppTest part of make test-fast


def frame_with(at, *columns: str):
    return next((df.value for df in at.dataframe if set(columns) <= set(df.value.columns)), None)


def test_overview_counts_the_small_article(small):
    at = open_page()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Figures"] == "10"  # ten rows, one of them the missing section, as the Data page counts them
    assert metrics["Places with a section in their source"] == "2 / 3"
    assert metrics["Blank figures"] == "3"
    assert metrics["Share blank or cut"] == "44%"  # (3 blank + 1 cut) / 9: the missing section left out, and said
    assert "9 with a number reported, blank or cut, and 1 for a place announced without a section" in texts(at)
    assert "Bing · 丙县: “丙省丙县”" in texts(at)
    names = {tr["name"] for tr in plotly_specs(at)[0]["data"]}
    assert {"Reported", "Blank (number deleted)", "Partial (digits cut)", "Section missing"} <= names


def test_compare_sets_the_funding_floors_side_by_side(small):
    at = open_page("compare", indicator="funding_floor")
    tab = frame_with(at, "As written", "id").set_index("id")
    assert tab.loc["jia-community-floor", "As written"] == "≥ 10 万元"
    assert tab.loc["jia-street-floor", "As written"] == f"≥ {GAP_MARK} 万元 (not in source)"
    assert list(tab.index) == ["jia-street-floor", "jia-community-floor"]  # in the order of the text
    assert "No section in its source, so nothing to compare for: Bing · 丙县" in texts(at)


def test_gaps_matrix_listing_and_missing_section(small):
    at = open_page("gaps")
    matrix = frame_with(at, "Staffing", "Other")
    assert matrix.loc["Jia · 甲市 (city)", "Staffing"] == "1 / 2" and matrix.loc["Yi · 乙市 (city)", "Other"] == "1 / 3"
    assert matrix.loc["Bing · 丙县 (county)", "Other"] == "1 / 1" and matrix.loc["Yi · 乙市 (city)", "Staffing"] == ""
    listing = frame_with(at, "Sentence", "id").set_index("id")
    assert f"全市共配备指导员{GAP_MARK}名" in listing.loc["jia-instructors", "Sentence"]
    assert listing.loc["bing-missing", "As written"] == "no section in the source"
    assert "In “Test source”: Announced in the introduction, but the source has no section for: Bing · 丙县" in texts(
        at
    )


def test_city_without_a_section_quotes_its_announcement(small):
    at = open_page("city", profile="bing")
    body = texts(at)
    assert "no section for it" in body and "本期邀请了甲省甲市、乙省乙市、丙省丙县的部长。" in body
    assert "The place's section of the article" not in body


def test_city_with_a_section_shows_its_figures_and_its_text(small):
    at = open_page("city", profile="yi")
    written = {w for el in at.dataframe for w in el.value["written"]}
    assert written == {"7 个", f"> {GAP_MARK}0 件 (digits cut)", "3 类"}
    assert "乙省乙市:第二节" in html(at) and "甲省甲市" not in html(at)  # only 乙市's section


def test_reader_anchors_every_figure_and_marks_every_gap(small):
    at = open_page("reader")
    body = html(at)
    assert body.count('class="fig-anchor"') == 10
    assert body.count('class="gap"') == 4  # three blanks and the cut number
    assert "10 of 10 figures" in texts(at)


def test_data_table_and_downloads(small):
    at = open_page("data", city="jia")
    (df,) = [el.value for el in at.dataframe]
    assert set(df["id"]) == {"jia-instructors", "jia-secretaries", "jia-year", "jia-month", "jia-street-floor",
                             "jia-community-floor"}  # fmt: skip
    labels = [button.label for button in at.get("download_button")]
    assert "Filtered table, CSV (6 rows)" in labels and "Full table, CSV (10 rows)" in labels
    assert "6 of 10 figures" in texts(at)
