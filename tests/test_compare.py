"""views.compare: what the Compare page sets side by side, and how each figure is written."""

from __future__ import annotations

import pytest
from factories import document, write

from loaders import bundle
from loaders.filters import Filters
from views import compare


def _row(b, fid):
    return next(r for r in b.frame.itertuples() if r.id == fid)


def test_shared_indicators_need_two_cities_and_count_blanks(b):
    shared = compare.shared_indicators(b.frame)
    assert "industry_party_committees" in shared
    # Guangzhou's is blank, Chizhou reports 7: a blank still counts as the city having the indicator
    assert "party_service_centers_streets" in shared
    assert "community_assistance_categories" not in shared  # Guangzhou only
    options = compare.indicator_options(b.frame)
    assert options[: len(shared)] == shared and "community_assistance_categories" in options


def test_shared_indicators_on_a_small_file(tmp_path):
    ds = bundle.build(write(tmp_path))
    assert compare.shared_indicators(ds.frame) == []  # only Jia has funding_floor
    doc = document()
    next(m for m in doc["metrics"] if m["id"] == "yi-centers")["indicator"] = "funding_floor"
    ds2 = bundle.build(write(tmp_path, doc))
    assert compare.shared_indicators(ds2.frame) == ["funding_floor"]


@pytest.mark.parametrize(
    "f, expected",
    [(Filters(), "shared"), (Filters(type=("funding",)), "type"), (Filters(indicator="list_systems"), "indicator")],
)
def test_mode(f, expected):
    assert compare.mode(f) == expected


def test_select_funding_keeps_blanks_and_drops_section_gaps(b):
    df = compare.select(b.frame, Filters(type=("funding",)))
    assert set(df["id"]) >= {
        "gz-street-funding-floor",
        "gz-community-funding-floor",
        "jn-grid-branch-funding-floor",
        "jn-community-worker-income",
        "jn-special-funds-amount",
    }
    assert set(df["type"]) == {"funding"} and "missing_section" not in set(df["status"])
    assert "gz-street-funding-floor" in set(df.loc[df["status"] == "blank", "id"])  # blanks are kept
    # the shared indicator's figures come first, together
    assert list(df["indicator"].iloc[:3]) == ["grassroots_funding_floor"] * 3


def test_select_by_indicator_and_city(b):
    df = compare.select(b.frame, Filters(indicator="industry_party_committees"))
    assert set(df["city"]) == {"guangzhou", "chizhou"}
    df = compare.select(b.frame, Filters(indicator="industry_party_committees", city=("chizhou",)))
    assert list(df["id"]) == ["cz-industry-party-committees"]
    assert compare.select(b.frame, Filters(city=("baoshan",))).empty
    assert compare.no_section(b.frame, Filters(city=("baoshan",))) == ["baoshan"]


def test_chart_rows_keep_blanks_without_a_value(b):
    df = compare.select(b.frame, Filters(type=("funding",)))
    rows = compare.chart_rows(df, b.cities, b.indicators, b.metric_types, "en").set_index("id")
    assert rows.loc["gz-community-funding-floor", "y"] == 100000.0
    assert rows.loc["gz-community-funding-floor", "facet"] == "元"
    for fid in ("gz-street-funding-floor", "jn-grid-branch-funding-floor", "jn-special-funds-amount"):
        assert rows.loc[fid, "y"] is None or rows.loc[fid, "y"] != rows.loc[fid, "y"]  # None/NaN, never 0
        assert rows.loc[fid, "facet"] == "元"
    # Guangzhou has two funding floors: each slot names its figure; Jining's single one is just the city
    assert rows.loc["gz-street-funding-floor", "inner"] != rows.loc["gz-community-funding-floor", "inner"]
    assert rows.loc["jn-grid-branch-funding-floor", "inner"] == "Jining"
    assert not rows.reset_index().duplicated(["facet", "group", "inner"]).any()


def test_chart_rows_range_midpoint(b):
    df = b.frame[b.frame["id"] == "jn-window-staff"]
    r = compare.chart_rows(df, b.cities, b.indicators, b.metric_types, "en").iloc[0]
    assert (r["y"], r["err"], r["text"]) == (2.5, 0.5, "2–3 人")


@pytest.mark.parametrize(
    "values, log", [([1, 100], True), ([1, 50], False), ([1000], False), ([None, 2, 500], True), ([0, 5], False)]
)
def test_use_log(values, log):
    assert compare.use_log(values) is log


def test_table_in_chinese_with_both_city_names(b):
    df = compare.select(b.frame, Filters(type=("funding",)))
    tab = compare.table(df, b.cities, b.indicators, b.metric_types, Filters(type=("funding",), lang="zh"))
    assert list(tab.columns[:6]) == ["城市", "指标或类型", "数据项", "原文写法", "状态", "原文引文"]
    row = tab[tab["id"] == "gz-community-funding-floor"].iloc[0]
    assert row["城市"] == "广州 · Guangzhou" and row["原文写法"] == "≥ 10 万元" and row["状态"] == "已报道"
    blank = tab[tab["id"] == "gz-street-funding-floor"].iloc[0]
    assert blank["原文写法"] == "≥ 【?】 万元 (原文缺失)"


def test_table_links_each_figure_to_the_reader_keeping_the_view(b):
    f = Filters(type=("funding",), lang="zh", id="old")
    tab = compare.table(compare.select(b.frame, f), b.cities, b.indicators, b.metric_types, f).set_index("id")
    assert (
        tab.loc["gz-street-funding-floor", "reader"]
        == "reader?source=dangjian-forum-urban-2020&type=funding&lang=zh&id=gz-street-funding-floor"
    )
    assert all(link.endswith(f"&id={fid}") for fid, link in tab["reader"].items())


def test_city_counts_count_blanks_but_not_section_gaps(b):
    counts = compare.city_counts(b.frame)
    assert counts["party_service_centers_streets"] >= 2  # Guangzhou's is blank, Chizhou reports 7
    assert counts["industry_party_committees"] >= 2
    rows = b.frame[b.frame["indicator"].notna() & (b.frame["status"] != "missing_section")]
    assert counts == {str(k): int(v) for k, v in rows.groupby("indicator")["city"].nunique().items()}
    assert all(n >= 2 for i, n in counts.items() if i in compare.shared_indicators(b.frame))
