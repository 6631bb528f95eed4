"""Source reader page: the article with highlights, opened at a figure by id=<figure>."""

from __future__ import annotations

import hashlib
import re

import factories
import pytest
from apptest import html, open_page, texts

from views.i18n import GAP_MARK

pytestmark = pytest.mark.app  # AppTest runs of the dashboard


def bodies(at) -> str:
    return html(at)


def anchors(at) -> list[str]:
    return re.findall(r'id="fig-([^"]+)"', bodies(at))


def test_whole_article_with_every_figure_anchored_once(b):
    at = open_page("reader")
    ids = anchors(at)
    first = next(iter(b.texts))  # the text shown: the first source
    assert len(ids) == len(set(ids)) and set(ids) == set(b.frame.loc[b.frame["source"] == first, "id"])
    body = bodies(at)
    assert "广东广州:令行禁止有呼必应" in body and GAP_MARK in body
    n = int((b.frame["source"] == first).sum())
    assert f"{n} of {n} figures" in texts(at)  # counts of the shown text, not of every source
    assert at.selectbox(key="w_id").value is None
    pickers = [s.key for s in at.selectbox]
    assert pickers == (["w_id"] if len(b.texts) == 1 else ["w_id", "w_reader_source"])  # one text: no picker


def test_id_in_address_opens_the_figure_with_its_details():
    at = open_page("reader", id="jn-matters-resolved")
    assert at.selectbox(key="w_id").value == "jn-matters-resolved"
    assert at.query_params["id"] == "jn-matters-resolved"
    body = bodies(at)
    details = body.split('<div class="reader"')[0]
    assert "协商解决小区停车难、广场舞扰民等事项0余件" in details
    assert f"&gt; {GAP_MARK}0 件 (digits cut)" in details and "Partial (digits cut)" in details
    assert 'href="#fig-jn-matters-resolved"' in details
    chosen = re.findall(r'<mark data-fig="([^"]*)"[^>]*border-top:2px solid #1a202c', body)
    assert chosen and all("jn-matters-resolved" in c.split() for c in chosen)


def test_choosing_a_figure_puts_it_in_the_address():
    at = open_page("reader")
    at.selectbox(key="w_id").select("cz-assist-items").run()
    assert at.query_params["id"] == "cz-assist-items"
    assert "cz-assist-items" in bodies(at).split('<div class="reader"')[0]


def test_filters_change_what_is_highlighted(b):
    at = open_page("reader", status="blank")
    ids = anchors(at)
    assert 0 < len(ids) < len(b.frame)
    assert "jn-lawyers" in ids and "gz-industry-party-committees" not in ids
    first = b.frame[b.frame["source"] == next(iter(b.texts))]  # the text shown; counts are its own
    assert f"{int((first['status'] == 'blank').sum())} of {len(first)} figures" in texts(at)
    assert "广东广州:令行禁止有呼必应" in bodies(at)  # the text itself is never filtered


def test_chosen_figure_outside_the_filters_is_still_shown_and_said_so():
    at = open_page("reader", status="blank", id="gz-industry-party-committees")
    assert "gz-industry-party-committees" in anchors(at)
    assert any("outside the current filters" in c.value for c in at.caption)


def test_chinese_ui():
    at = open_page("reader", lang="zh", id="jn-lawyers")
    assert at.title[0].value == "原文阅读"
    body = bodies(at)
    assert "原文缺失" in body and "跳到原文位置" in body and "数字被删处" in body


def test_empty_selection_shows_message_and_the_plain_text():
    at = open_page("reader", city="baoshan", status="reported")
    assert any("No figures match" in i.value for i in at.info)
    assert anchors(at) == [] and "广东广州" in bodies(at)


def test_markup_in_the_data_is_escaped(tmp_path, monkeypatch):
    text = factories.SOURCE_TEXT.replace("建成7个中心", "建成7个<script>alert(1)</script>中心")
    doc = factories.document(sources=[factories.source(sha256=hashlib.sha256(text.encode()).hexdigest())])
    yi = next(m for m in doc["metrics"] if m["id"] == "yi-centers")
    yi["quote"] = "建成7个<script>alert(1)</script>中心"
    yi["label_en"] = '<img src=x onerror="alert(2)">Centres'
    monkeypatch.setenv("METRICS_FILE", str(factories.write(tmp_path, doc, source_text=text)))
    at = open_page("reader", id="yi-centers")
    body = bodies(at)
    assert "<script>alert" not in body and "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "&lt;img src=x" in body


FORUM = {
    "fxa-jia-centres",
    "fxa-jia-street-funding",
    "fxa-jia-year",
    "fxa-jia-month",
    "fxa-jia-grids",
    "fxa-yi-street-funding",
    "fxa-yi-workers",
    "fxa-yi-petitions",
    "fxa-bing-missing",
}
SURVEY = {"fxb-jia-street-funding", "fxb-dong-communities", "fxb-dong-workers", "fxb-dong-volunteer-sessions"}


def legend(at) -> str:
    return bodies(at).split('<div class="legend"')[1].split("</div>")[0]


def test_several_sources_are_shown_one_at_a_time(many):
    at = open_page("reader")
    picker = at.selectbox(key="w_reader_source")
    assert picker.value == "fx-forum" and picker.options == [
        "Fixture forum: two cities on grassroots work",
        "Fixture survey of East Subdistrict",
    ]
    assert set(anchors(at)) == FORUM
    assert "9 of 9 figures" in texts(at)
    assert "Blank (number deleted) (3)" in legend(at) and "Partial (digits cut) (1)" in legend(at)  # this text's
    at.selectbox(key="w_reader_source").select("fx-survey").run()  # picking a text puts it in the address
    assert at.query_params["source"] == "fx-survey"
    assert set(anchors(at)) == SURVEY
    assert "4 of 4 figures" in texts(at)
    assert "Blank (number deleted) (0)" in legend(at)


def test_a_figure_opens_its_own_sources_text(many):
    at = open_page("reader", id="fxb-dong-workers")  # no source= in the address: the figure's text opens
    assert at.selectbox(key="w_reader_source").value == "fx-survey"
    assert set(anchors(at)) == SURVEY
    deep = open_page("reader", source="fx-forum", id="fxb-dong-workers")  # the figure wins over the filter
    assert deep.selectbox(key="w_reader_source").value == "fx-survey"


def test_a_place_filter_offers_the_sources_that_name_it(many):
    at = open_page("reader", city="dong")
    assert at.selectbox(key="w_reader_source").options == ["Fixture survey of East Subdistrict"]
    assert set(anchors(at)) <= SURVEY


def test_a_gap_shows_the_figure_another_source_reports_as_that_sources(many):
    at = open_page("reader", id="fxa-jia-street-funding")
    body = texts(at)
    assert "deleted here; reported as ≥ 15 万元 in “Fixture survey of East Subdistrict”" in body
    assert "甲市每个街道每年工作经费不少于15万元" in body
    details = bodies(at).split('<div class="reader"')[0]
    assert f"≥ {GAP_MARK} 万元 (not in source)" in details  # its own value stays the gap, never 15
    assert any("deleted here" in i.value for i in at.info)  # in the chosen figure's box
    plain = open_page("reader", id="fxa-yi-workers")  # reported here: nothing from elsewhere in its box
    assert not any("deleted here" in i.value for i in plain.info)
