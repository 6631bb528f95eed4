"""Compare page (AppTest): filters change the chart and table, blanks are marked never 0, links reach the reader."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from apptest import column_config, open_page, plotly_specs, texts
from test_charts import blank_ids_in, blank_violations

from loaders import bundle

pytestmark = pytest.mark.app  # AppTest runs of the dashboard

FRAME = bundle.build().frame
GAP_IDS = set(FRAME.loc[FRAME["status"].isin(["blank", "partial"]), "id"])


def chart(at) -> dict | None:
    found = plotly_specs(at, "compare_chart")
    return found[0] if found else None


def chart_ids(spec: dict) -> set[str]:
    return {fid for tr in spec["data"] for fid in (tr.get("customdata") or [])}


def table(at):
    return next(df.value for df in at.dataframe if "id" in df.value.columns)


def links(at) -> dict[str, dict]:
    """The Compare table's reader links, as the query of each, by figure id; the column must show them as links."""
    el = next(df for df in at.dataframe if "id" in df.value.columns)
    assert column_config(el)["reader"]["type_config"]["type"] == "link"
    out = {}
    for url in el.value["reader"]:
        page, _, query = url.partition("?")
        assert page == "reader", url  # relative: the reader page of this app
        q = {k: v[0] for k, v in parse_qs(query).items()}
        out[q["id"]] = q
    return out


def test_default_view_lists_shared_indicators():
    at = open_page("compare")
    assert at.selectbox(key="w_indicator").value is None
    spec = chart(at)
    ids = chart_ids(spec)
    assert "gz-industry-party-committees" in ids and "cz-industry-party-committees" in ids
    assert "gz-assist-categories-before" not in ids  # Guangzhou only: not shared
    assert "Indicators reported by several cities" in texts(at)
    assert "Baoshan" in texts(at)  # no section: said, not silently dropped


def test_funding_in_chinese_marks_the_blanks():
    at = open_page("compare", lang="zh", type="funding")
    assert at.title[0].value == "城市比较"
    spec = chart(at)
    ids = chart_ids(spec)
    assert {"gz-street-funding-floor", "gz-community-funding-floor", "jn-grid-branch-funding-floor"} <= ids
    gap_traces = [tr for tr in spec["data"] if tr.get("meta") == "gap"]
    gap_ids = {fid for tr in gap_traces for fid in tr["customdata"]}
    assert {"gz-street-funding-floor", "jn-grid-branch-funding-floor"} <= gap_ids
    assert all("原文缺失" in s for tr in gap_traces for s in tr["text"])
    names = {tr.get("name") for tr in spec["data"]}
    assert {"广州", "济宁", "原文缺失"} <= names
    assert "单位:元" in [a["text"] for a in spec["layout"]["annotations"]]
    tab = table(at)
    assert "城市" in tab.columns and "≥ 10 万元" in set(tab["原文写法"])
    assert "广州 · Guangzhou" in set(tab["城市"])


@pytest.mark.parametrize(
    "params",
    [{}, {"type": "funding"}, {"type": "staffing,organizations"}, {"city": "jining"}, {"status": "blank"}],
    ids=["shared", "funding", "two-types", "jining", "blank"],
)
def test_no_blank_figure_is_drawn_as_zero(params):
    at = open_page("compare", **params)
    spec = chart(at)
    expected = set(table(at)["id"]) & GAP_IDS
    assert expected, "each view here has blanks"
    assert blank_ids_in(spec, FRAME) == expected  # the chart draws exactly the table's blanks
    assert blank_violations(spec, expected) == []


def test_indicator_param_round_trip():
    at = open_page("compare", indicator="industry_party_committees", lang="zh")
    assert at.selectbox(key="w_indicator").value == "industry_party_committees"
    assert at.query_params["indicator"] == "industry_party_committees"
    assert at.query_params["lang"] == "zh"
    assert chart_ids(chart(at)) == {"gz-industry-party-committees", "cz-industry-party-committees"}
    assert "单一指标" in texts(at)


def test_choosing_an_indicator_changes_chart_and_address():
    at = open_page("compare")
    at.selectbox(key="w_indicator").select("organization_levels").run()
    assert chart_ids(chart(at)) == {"gz-org-levels", "jn-org-levels", "cz-org-levels"}
    assert at.query_params["indicator"] == "organization_levels"
    assert set(table(at)["id"]) == {"gz-org-levels", "jn-org-levels", "cz-org-levels"}


@pytest.mark.parametrize(
    "params, check",
    [
        ({"city": "jining"}, lambda ids: ids and all(i.startswith("jn-") for i in ids)),
        (
            {"type": "volunteers"},
            # the seed's volunteer figures, and no figure of the seed of another type (new sources may add more)
            lambda ids: (
                {"jn-volunteers", "jn-volunteer-team-communities", "jn-five-star-volunteers"} <= ids
                and "gz-org-levels" not in ids
            ),
        ),
        ({"status": "blank"}, lambda ids: ids and ids <= GAP_IDS),
        ({"only_blanks": "1"}, lambda ids: ids and ids <= GAP_IDS),
        ({"qualifier": "at_least"}, lambda ids: "gz-community-funding-floor" in ids and "gz-org-levels" not in ids),
    ],
    ids=["city", "type", "status", "only_blanks", "qualifier"],
)
def test_each_filter_changes_what_is_shown(params, check):
    default = chart_ids(chart(open_page("compare")))
    ids = chart_ids(chart(open_page("compare", **params)))
    assert ids != default
    assert check(ids)


def test_every_figure_links_to_the_reader_with_the_view():
    at = open_page("compare", lang="zh", type="funding")
    found = links(at)
    assert set(found) == set(table(at)["id"])
    assert found["gz-street-funding-floor"] == {
        "id": "gz-street-funding-floor",
        "lang": "zh",
        "type": "funding",
        "source": "dangjian-forum-urban-2020",  # the reader opens the figure's own text
    }
    config = column_config(next(df for df in at.dataframe if "id" in df.value.columns))["reader"]
    assert config["label"] == "原文位置" and config["type_config"]["display_text"] == "在原文中查看"


def test_empty_selection_shows_message_and_no_chart():
    at = open_page("compare", city="baoshan")
    assert chart(at) is None
    assert any("No figures match" in i.value for i in at.info)
    at_zh = open_page("compare", indicator="industry_party_committees", city="jining", lang="zh")
    assert chart(at_zh) is None
    assert any("当前筛选条件下没有数据" in i.value for i in at_zh.info)
