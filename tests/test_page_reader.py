"""Source reader page: the article with highlights, opened at a figure by id=<figure>."""

from __future__ import annotations

import hashlib
import re

import factories
import pytest
from apptest import html, open_page, texts

from bench import synth
from loaders.dataset import metrics_path
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
    assert f"{len(b.frame)} of {len(b.frame)} figures" in texts(at)
    assert at.selectbox(key="w_figure").value is None
    pickers = [s.key for s in at.selectbox]
    assert pickers == (["w_figure"] if len(b.texts) == 1 else ["w_figure", "w_source"])  # one source: no picker


def test_id_in_address_opens_the_figure_with_its_details():
    at = open_page("reader", id="jn-matters-resolved")
    assert at.selectbox(key="w_figure").value == "jn-matters-resolved"
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
    at.selectbox(key="w_figure").select("cz-assist-items").run()
    assert at.query_params["id"] == "cz-assist-items"
    assert "cz-assist-items" in bodies(at).split('<div class="reader"')[0]


def test_filters_change_what_is_highlighted(b):
    at = open_page("reader", status="blank")
    ids = anchors(at)
    assert 0 < len(ids) < len(b.frame)
    assert "jn-lawyers" in ids and "gz-industry-party-committees" not in ids
    assert f"{int((b.frame['status'] == 'blank').sum())} of {len(b.frame)} figures" in texts(at)
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


def test_several_sources_are_shown_one_at_a_time(tmp_path, monkeypatch, b):
    monkeypatch.setenv("METRICS_FILE", str(synth.make(2, tmp_path, curated=metrics_path())))  # two copies, own ids
    first, second = "dangjian-forum-urban-2020", "dangjian-forum-urban-2020-x1"
    per_copy = int((b.frame["source"] == first).sum())  # the seed article's figures, in each copy
    at = open_page("reader")
    assert at.selectbox(key="w_source").value == first and len(at.selectbox(key="w_source").options) == 2 * len(b.texts)
    ids = anchors(at)
    assert len(ids) == len(set(ids)) == per_copy and not any(i.endswith("-x1") for i in ids)
    assert f"{2 * len(b.frame)} of {2 * len(b.frame)} figures" in texts(at)
    at.selectbox(key="w_figure").select("jn-lawyers-x1").run()  # a figure in the second text opens that text
    assert at.selectbox(key="w_source").value == second and at.query_params["id"] == "jn-lawyers-x1"
    ids = anchors(at)
    assert "jn-lawyers-x1" in ids and len(ids) == per_copy and all(i.endswith("-x1") for i in ids)
    at.selectbox(key="w_source").select(first).run()  # another text: the chosen figure is not in it
    assert at.selectbox(key="w_figure").value is None and "id" not in at.query_params
    assert "jn-lawyers" in anchors(at) and not any(i.endswith("-x1") for i in anchors(at))
    deep = open_page("reader", id="gz-industry-party-committees-x1")  # a link to a figure opens its text
    assert deep.selectbox(key="w_source").value == second
