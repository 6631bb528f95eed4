"""City profile page (AppTest) and loaders/city.py."""

from __future__ import annotations

import pandas as pd
import pytest
from apptest import html, open_page, texts

from loaders import bundle
from loaders.dataset import metrics_path
from loaders.filters import Filters
from ui import cache
from views import city
from views.i18n import GAP_MARK

pytestmark = pytest.mark.app  # AppTest runs of the dashboard

# 1/ loaders/city.py


def test_default_profile_is_the_first_city_with_a_section(b):
    assert city.default_profile(b.cities, b.sections) == "guangzhou"
    cities = {k: b.cities[k] for k in ("baoshan", "jining", "chizhou")}
    assert city.default_profile(cities, b.sections) == "jining"
    assert city.default_profile({"baoshan": b.cities["baoshan"]}, b.sections) == "baoshan"


def test_profile_groups_figures_by_type_in_registry_order(b):
    prof = city.profile(b, Filters(), "jining", "en")
    assert prof.speaker == "Kong Fanping · 孔凡萍" and "济宁市委常委" in prof.role
    assert (
        prof.has_section
        and prof.section == ("dangjian-forum-urban-2020", *b.sections["dangjian-forum-urban-2020", "jining"])
        and prof.announcement is None
    )
    assert [g.type for g in prof.groups] == [t for t in b.metric_types if t in {g.type for g in prof.groups}]
    assert sum(len(g.frame) for g in prof.groups) == prof.n_figures == int((b.frame["city"] == "jining").sum())
    assert list(prof.groups[0].frame.columns) == city.CITY_COLUMNS
    assert {m.id for m in prof.marks} == set(b.frame[b.frame["city"] == "jining"]["id"])


def test_profile_ignores_the_city_filter_but_keeps_status_and_type(b):
    prof = city.profile(b, Filters(city=("guangzhou",), status=("blank",), type=("staffing",)), "jining", "en")
    assert [g.type for g in prof.groups] == ["staffing"]
    assert set(prof.groups[0].frame["status"]) == {"Blank (number deleted)"}
    assert prof.groups[0].frame["written"].str.contains(GAP_MARK, regex=False).all()


def test_city_without_section_gets_the_introduction_sentence(b):
    prof = city.profile(b, Filters(), "chengdu_jinniu", "zh")
    assert not prof.has_section and prof.section is None and prof.speaker is None and prof.marks == []
    assert prof.announcement.startswith("为及时发现") and prof.announcement.endswith("深入探讨。")
    assert "四川成都金牛区" in prof.announcement


@pytest.mark.parametrize(
    ("text", "pos", "expected"),
    [
        ("第一句。第二句有目标!第三句", 6, "第二句有目标!"),
        ("标题\n正文里有目标。后文", 5, "正文里有目标。"),
        ("没有句号的目标", 3, "没有句号的目标"),
    ],
)
def test_sentence_around_a_position(text, pos, expected):
    assert city.sentence(text, pos) == expected


# 2/ the page


def frames(at) -> dict[str, object]:
    """The page's tables keyed by the one metric type of their figures (found from the labels)."""
    b = bundle.build()
    type_of = {f"{r['label_en']} · {r['label_zh']}": r["type"] for r in b.frame.to_dict(orient="records")}
    out = {}
    for el in at.dataframe:
        kinds = {type_of[x] for x in el.value["label"]}
        assert len(kinds) == 1, f"one table mixes metric types {kinds}"
        out[kinds.pop()] = el.value
    return out


def test_default_city_shows_speaker_figures_by_type_and_section():
    at = open_page("city")
    assert at.selectbox(key="w_profile").value == "guangzhou"
    body = texts(at)
    assert "Wang Shitong · 王世彤" in body and "广州市委常委、组织部长" in body
    tables = frames(at)
    assert "funding" in tables and "staffing" in tables
    assert [k for k in bundle.build().metric_types if k in tables] == list(tables)  # registry order
    funding = tables["funding"]
    assert set(funding["written"]) == {f"≥ {GAP_MARK} 万元 (not in source)", "≥ 10 万元"}
    section = html(at)
    assert "广东广州:令行禁止有呼必应" in section and 'id="fig-gz-industry-party-committees"' in section
    assert 'id="fig-jn-grids"' not in section


def test_profile_in_address_round_trips_and_selectbox_updates_it():
    at = open_page("city", profile="jining")
    assert at.selectbox(key="w_profile").value == "jining"
    assert at.query_params["profile"] == "jining"
    assert "Kong Fanping · 孔凡萍" in texts(at)
    at.selectbox(key="w_profile").select("chizhou").run()
    assert at.query_params["profile"] == "chizhou"
    assert "Zhang Jiehua · 张杰华" in texts(at)
    assert "jn-grids" not in html(at)


def test_shared_filters_change_the_figures_shown():
    every = frames(open_page("city", profile="jining"))
    blanks = frames(open_page("city", profile="jining", status="blank"))
    assert sum(map(len, blanks.values())) < sum(map(len, every.values()))
    assert all(set(df["status"]) == {"Blank (number deleted)"} for df in blanks.values())
    only = frames(open_page("city", profile="jining", type="funding"))
    assert list(only) == ["funding"]


def test_city_without_section_says_so_and_quotes_the_introduction():
    at = open_page("city", profile="baoshan")
    assert any("has no section" in w.value for w in at.warning)
    assert any(t.value.startswith("为及时发现") and "云南保山" in t.value for t in at.text)
    assert not at.get("html")  # no section to draw


def test_chinese_labels():
    at = open_page("city", profile="chizhou", lang="zh")
    assert at.title[0].value == "城市概况"
    assert at.header[0].value.startswith("池州 · Chizhou")
    assert "按指标类型分列的数据" in texts(at)


def test_empty_selection_shows_message():
    at = open_page("city", profile="baoshan", status="reported")
    assert any("No figures match" in i.value for i in at.info)
    assert not at.dataframe


def test_the_cached_profile_shared_by_sessions_is_left_untouched(monkeypatch):
    at = open_page("city", profile="jining", status="blank")
    at.run()  # a rerun draws the cached profile
    path = str(metrics_path())
    shared = cache.get()  # the Bundle the pages used
    f = Filters(status=("blank",), profile="jining")

    def recomputed(*args):
        raise AssertionError("the page's profile is not the one in the cache")

    monkeypatch.setattr(city, "profile", recomputed)
    prof, section = cache.city_profile(shared, f, "jining", None)
    monkeypatch.undo()
    fresh = city.profile(bundle.build(path), f, "jining", "en")
    assert [g.type for g in prof.groups] == [g.type for g in fresh.groups] and prof.marks == fresh.marks
    for got, want in zip(prof.groups, fresh.groups, strict=True):
        pd.testing.assert_frame_equal(got.frame, want.frame)
    assert 'id="fig-jn-lawyers"' in section
