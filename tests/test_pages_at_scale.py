"""What pages do when a selection is large (thousands of rows, hundreds of sources), shown on the small
two-source fixture with the thresholds lowered: one page of a long table with a pager, one table instead of a
warning per source. The download of a paged view still holds every row."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from apptest import downloaded, open_page

from ui import places, tables
from views import table

pytestmark = pytest.mark.app


def test_page_bounds_clamp_to_the_table():
    assert table.page_bounds(12, 1, 5) == (0, 5)
    assert table.page_bounds(12, 3, 5) == (10, 12)
    assert table.page_bounds(12, 9, 5) == (10, 12)  # past the end: the last page
    assert table.page_bounds(0, 1, 5) == (0, 0)


def data_table(at):
    return next(df.value for df in at.dataframe if {"written", "quote"} <= set(df.value.columns))


def test_a_long_data_table_shows_one_page_and_a_pager(many, monkeypatch):
    monkeypatch.setattr(tables, "PAGE_ROWS", 5)
    at = open_page("data")
    first = data_table(at)
    assert len(first) == 5
    pager = at.number_input(key="data_table_page")
    assert pager.value == 1 and pager.max > 1
    assert any(c.value.startswith("Rows 1–5 of ") for c in at.caption)
    pager.set_value(2).run()
    second = data_table(at)
    assert len(second) == 5 and set(second["id"]).isdisjoint(first["id"])
    assert any(c.value.startswith("Rows 6–10 of ") for c in at.caption)


def test_the_download_of_a_paged_table_holds_every_row(many, monkeypatch, media):
    monkeypatch.setattr(tables, "PAGE_ROWS", 5)
    at = open_page("data")
    assert len(data_table(at)) == 5
    _, blob = downloaded(at, media, "download_view_csv")
    rows = pd.read_csv(io.BytesIO(blob), dtype=str, keep_default_na=False)
    total = next(c.value for c in at.caption if c.value.startswith("Rows 1–5 of ")).split(" of ")[1].split(":")[0]
    assert len(rows) == int(total.replace(",", "")) > 5


def test_the_pager_goes_back_when_a_filter_leaves_fewer_pages(many, monkeypatch):
    monkeypatch.setattr(tables, "PAGE_ROWS", 2)
    at = open_page("data")
    pager = at.number_input(key="data_table_page")
    pager.set_value(pager.max).run()
    at.multiselect(key="w_source").set_value(["fx-survey"]).run()  # 4 figures: two pages of 2
    assert not at.exception
    assert at.number_input(key="data_table_page").value == 2
    assert any(c.value.startswith("Rows 3–4 of 4") for c in at.caption)


def test_a_short_table_has_no_pager(many):
    at = open_page("data", source="fx-survey")
    assert not [n for n in at.number_input if n.key == "data_table_page"]


def test_gaps_lists_many_sources_without_a_section_in_one_table(many, monkeypatch):
    monkeypatch.setattr(places, "LIST_SOURCES", 0)
    at = open_page("gaps")
    assert [w.value for w in at.warning if "places in their introduction but have no section" in w.value]
    absent = next(df.value for df in at.dataframe if "Place" in df.value.columns and "Quote" in df.value.columns)
    assert len(absent) >= 1 and absent["Place"].str.contains("Bing").any()


def test_one_indicator_with_more_figures_than_a_chart_holds_charts_its_busiest_places_whole(many):
    from loaders import bundle
    from views import compare

    frame = bundle.build(many).frame
    df = compare.ordered(frame[frame["indicator"].notna()])
    one = df[df["indicator"] == df["indicator"].value_counts().idxmax()]
    assert one["city"].nunique() > 1
    per_place = one["city"].astype(object).value_counts()
    shown, n_groups, n_all = compare.charted(one, 0, most=int(per_place.iloc[0]))  # room for the busiest only
    assert (n_groups, n_all) == (1, 1)
    assert set(shown["city"]) == {per_place.index[0]} and len(shown) == per_place.iloc[0]  # whole, not cut
    assert len(compare.charted(one, 0, most=1)[0]) == per_place.iloc[0]  # the first place always


def test_a_long_list_of_places_without_a_section_names_the_first_and_counts_the_rest(many, monkeypatch):
    from views import compare

    monkeypatch.setattr(compare, "NAMED", 0)
    at = open_page("compare")
    assert [c.value for c in at.caption if c.value.startswith("No section") and c.value.endswith("and 1 more")]


def test_compares_table_is_paged_too_and_its_download_is_whole(many, monkeypatch, media):
    monkeypatch.setattr(tables, "PAGE_ROWS", 2)
    at = open_page("compare")
    shown = next(df.value for df in at.dataframe if "reader" in df.value.columns)
    assert len(shown) == 2 and at.number_input(key="compare_table_page").max >= 2
    _, blob = downloaded(at, media, "download_view_csv")
    assert len(pd.read_csv(io.BytesIO(blob), dtype=str, keep_default_na=False)) > 2
