"""Overview page: headline counts, bars by status, missing sections called out."""

from __future__ import annotations

import pytest
from apptest import open_page, plotly_specs, texts

pytestmark = pytest.mark.app  # AppTest runs of the dashboard


def test_overview_counts_and_missing_sections(b):
    at = open_page()
    metrics = {m.label: m.value for m in at.metric}
    present = set(zip(b.frame["source"], b.frame["city"], strict=True))
    with_section = len(present & set(b.sections))
    assert metrics["Places with a section in their source"] == f"{with_section} / {len(present)}"
    assert with_section < len(present)  # the seed article announces cities it has no section for
    assert int(metrics["Blank figures"]) > 0
    body = texts(at)
    assert "保山" in body and "成都金牛区" in body


def test_overview_chart_splits_by_status_and_filter_changes_it():
    at = open_page()
    names = {tr["name"] for tr in plotly_specs(at)[0]["data"]}
    assert {"Reported", "Blank (number deleted)"} <= names
    at2 = open_page(status="blank")
    names2 = {tr["name"] for tr in plotly_specs(at2)[0]["data"]}
    assert names2 == {"Blank (number deleted)"}
    assert at2.metric[0].value != at.metric[0].value


def test_overview_in_chinese():
    at = open_page(lang="zh")
    assert at.title[0].value == "概览"
    assert "数据条目" in [m.label for m in at.metric]


def test_empty_selection_shows_message_not_chart():
    at = open_page(city="baoshan", status="reported")
    assert not at.get("plotly_chart")
    assert any("No figures match" in i.value for i in at.info)
