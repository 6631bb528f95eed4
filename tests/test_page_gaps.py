"""Gaps page (AppTest): the missing-data matrix as chart and text, completeness, gap listings, evidence panel."""

from __future__ import annotations

import pytest
from apptest import open_page, plotly_specs, texts

from loaders.models import GAPS, NUMBER_MISSING

pytestmark = pytest.mark.app  # AppTest runs of the dashboard


def cell(b, city: str, kind: str) -> str:
    """What the matrix shows for a city and type: 'gaps / figures' of the real data, as the page counts them."""
    rows = b.frame[(b.frame["city"] == city) & (b.frame["type"] == kind)]
    return f"{rows['status'].isin(GAPS).sum()} / {len(rows)}"


def spec(at, key: str) -> dict | None:
    found = plotly_specs(at, key)
    return found[0] if found else None


def frame_with(at, *columns: str):
    """The dataframe on the page that has these columns (None when there is none)."""
    return next((df.value for df in at.dataframe if set(columns) <= set(df.value.columns)), None)


def listing(at, lang="en"):
    """The 'every figure in its sentence' table."""
    return frame_with(at, *(("Metric type", "Sentence") if lang == "en" else ("指标类型", "原句")))


def test_page_shows_matrix_completeness_listing_and_evidence(b):
    at = open_page("gaps")
    heat = spec(at, "gaps_heatmap")
    assert heat["data"][0]["type"] == "heatmap"
    matrix = frame_with(at, "Staffing")
    assert matrix.loc["Guangzhou · 广州 (city)", "Staffing"] == cell(b, "guangzhou", "staffing")  # the heatmap, as text
    by_city = frame_with(at, "Share reported")
    assert "no section" in set(by_city["Share reported"])
    body = texts(at)
    assert "Baoshan · 保山" in body and "Jinniu District, Chengdu · 成都金牛区" in body
    assert "What was removed (evidence, not data)" in body
    assert "the longest has 2 digits" in body
    assert spec(at, "gaps_digits")["layout"]["title"]["text"].startswith("Evidence, not data")
    rows = listing(at)
    assert any("全市共配备*建指导员【?】名" in s for s in rows["Sentence"])
    assert "Reported" in set(rows["Status"])  # without "only blanks", every figure is listed
    evidence = frame_with(at, "Surviving numbers in the paragraph (digits)")
    first = b.frame[b.frame["source"] == next(iter(b.sources))]  # evidence comes from one source's text
    assert len(evidence) == first["status"].isin(NUMBER_MISSING).sum()  # one row per blank or cut figure
    assert {"gz-instructors-total", "jn-matters-resolved"} <= set(evidence["id"])


def test_only_blanks_param_round_trip_and_restricts_listing(b):
    at = open_page("gaps", only_blanks="1", lang="zh")
    assert at.toggle(key="w_only_blanks").value is True
    assert at.query_params["only_blanks"] == "1" and at.query_params["lang"] == "zh"
    statuses = set(listing(at, "zh")["状态"])
    assert statuses == {"空缺(数字被删)", "残缺(数字不全)", "缺少章节"}
    # the matrix still counts reported figures: only the listings are narrowed
    assert frame_with(at, "人员配备").loc["广州 · Guangzhou (市)", "人员配备"] == cell(b, "guangzhou", "staffing")


def test_only_blanks_toggle_changes_listing_and_address():
    at = open_page("gaps")
    before = len(listing(at))
    at.toggle(key="w_only_blanks").set_value(True).run()
    after = listing(at)
    assert len(after) < before and "Reported" not in set(after["Status"])
    assert at.query_params["only_blanks"] == "1"


@pytest.mark.parametrize(
    "params, check",
    [
        ({"city": "jining"}, lambda at: set(listing(at)["City"]) == {"Jining · 济宁"}),
        ({"type": "funding"}, lambda at: spec(at, "gaps_heatmap")["data"][0]["x"] == ["Funding"]),
        ({"status": "blank"}, lambda at: set(listing(at)["Status"]) == {"Blank (number deleted)"}),
        (
            {"qualifier": "more_than"},
            lambda at: all(s.startswith("> ") for s in listing(at)["As written"]),
        ),
    ],
    ids=["city", "type", "status", "qualifier"],
)
def test_each_filter_changes_what_is_shown(params, check):
    default = open_page("gaps")
    at = open_page("gaps", **params)
    assert len(listing(at)) < len(listing(default))
    assert spec(at, "gaps_heatmap") != spec(default, "gaps_heatmap")
    assert check(at)


def test_city_filter_narrows_the_heatmap_rows():
    at = open_page("gaps", city="guangzhou,chizhou")
    assert spec(at, "gaps_heatmap")["data"][0]["y"] == ["Guangzhou · 广州", "Chizhou · 池州"]
    assert "Baoshan" not in texts(at)


def test_chinese_labels():
    at = open_page("gaps", lang="zh")
    assert at.title[0].value == "原文空缺"
    heat = spec(at, "gaps_heatmap")
    assert "人员配备" in heat["data"][0]["x"] and heat["layout"]["title"]["text"].startswith("各城市各类指标")
    assert "被删去的是什么(线索,而非数据)" in texts(at)
    assert {"原句", "数字前后"} <= set(listing(at, "zh").columns)


def test_empty_selection_shows_message_and_no_chart():
    at = open_page("gaps", city="baoshan", status="reported")
    assert not at.get("plotly_chart")
    assert any("No figures match" in i.value for i in at.info)
